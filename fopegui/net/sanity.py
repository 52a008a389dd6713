"""Test-point sanity: before a list's answer counts, the list must answer its documented test
points correctly through the same resolver (RFC 5782: 127.0.0.2 listed, 127.0.0.1 not).

Part of every check (net.dnsbl.check runs it beside the real questions), not only of the
Settings dialog. A verdict is kept per (list, test points, resolver) for the session — the
process — once it is definite; "could not check" is asked again next time. A list that fails
gives ``unknown`` instead of ``listed`` / ``not_listed`` (:func:`apply`), with the reason:

- ``hides_listings``: 127.0.0.2 comes back not listed — a resolver that hides listings
  (NXDOMAIN rewriting, filtering DNS) or a dead list;
- ``error_code``: 127.0.0.2 comes back as a documented error (Spamhaus 127.255.255.254: the
  query came through a public resolver, which is then named when it is a known one);
- ``wildcard``: 127.0.0.1 is listed — the list answers every query;
- ``unchecked``: the test points got no usable answer (timeout, SERVFAIL, REFUSED …).
"""

from __future__ import annotations

import asyncio

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.net.dnsbl_answers import list_result, query_name
from fopegui.net.dnsbl_model import ListResult, SanityResult
from fopegui.net.resolver import DnsAnswer, ResolverConfig, query

_Key = tuple[str, str | None, str | None, tuple[str, ...], int]
# Definite verdicts of this session: the two test-point answers, judged again per language.
_CACHE: dict[_Key, tuple[DnsAnswer | None, DnsAnswer | None]] = {}


def clear_cache() -> None:
    """Forget every verdict (tests; a user who changed the resolver behind the same address)."""
    _CACHE.clear()


def cached(lst: DnsblList, config: ResolverConfig) -> bool:
    return _key(lst, config) in _CACHE


def _key(lst: DnsblList, config: ResolverConfig) -> _Key:
    return (lst.zone, lst.test_listed, lst.test_not_listed, config.nameservers, config.port)


class SanityRunner:
    """One check's test-point verdicts: one task per list, shared by all its questions."""

    def __init__(
        self,
        resolver,
        config: ResolverConfig,
        lang: str,
        semaphore: asyncio.Semaphore,
        deadline: float,
        refresh: bool = False,
    ) -> None:
        self._resolver = resolver
        self._config = config
        self._lang = lang
        self._sem = semaphore
        self._deadline = deadline
        self._refresh = refresh
        self._tasks: dict[str, asyncio.Task[SanityResult]] = {}

    def task(self, lst: DnsblList) -> asyncio.Task[SanityResult]:
        if lst.zone not in self._tasks:
            self._tasks[lst.zone] = asyncio.create_task(self._verdict(lst))
        return self._tasks[lst.zone]

    def done(self) -> list[SanityResult]:
        return [t.result() for t in self._tasks.values() if t.done() and not t.cancelled()]

    def result_now(self, lst: DnsblList) -> SanityResult | None:
        task = self._tasks.get(lst.zone)
        return task.result() if task and task.done() and not task.cancelled() else None

    async def cancel(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def _verdict(self, lst: DnsblList) -> SanityResult:
        key = _key(lst, self._config)
        if not self._refresh and key in _CACHE:
            pos, neg = _CACHE[key]
            return judge(lst, pos, neg, self._config, self._lang, cached=True)
        pos, neg = await asyncio.gather(
            self._probe(lst, lst.test_listed), self._probe(lst, lst.test_not_listed)
        )
        verdict = judge(lst, pos, neg, self._config, self._lang)
        if verdict.trustworthy is not None:
            _CACHE[key] = (pos, neg)
        return verdict

    async def _probe(self, lst: DnsblList, ip: str | None) -> DnsAnswer | None:
        if not ip:
            return None
        name = query_name(ip, lst.zone)
        async with self._sem:
            try:
                async with asyncio.timeout_at(self._deadline):
                    return await query(self._resolver, name, "A")
            except TimeoutError:
                return DnsAnswer(name, "A", "timeout")


def judge(
    lst: DnsblList,
    pos: DnsAnswer | None,
    neg: DnsAnswer | None,
    config: ResolverConfig,
    lang: str = "en",
    cached: bool = False,
) -> SanityResult:
    """The verdict on ``lst`` from the answers for its listed (``pos``) and not-listed
    (``neg``) test points."""
    listed = list_result(lst, lst.test_listed, pos, lang) if pos and lst.test_listed else None
    clean = None
    if neg and lst.test_not_listed:
        clean = list_result(lst, lst.test_not_listed, neg, lang)

    def result(trust: bool | None, reason, detail: str) -> SanityResult:
        if trust is not True and lst.refuses_public_resolvers:
            detail = " ".join(filter(None, (detail, _public_resolver_note(lst, config, lang))))
        return SanityResult(lst.zone, trust, listed, clean, detail, reason, cached)

    def label(r: ListResult) -> str:
        return cat.message(f"status_{r.status}", lang)

    if listed is None and clean is None:
        return result(True, "no_test_points", cat.message("sanity_none", lang))
    if listed is not None and listed.status in ("not_listed", "error"):
        detail = cat.message("sanity_listed_fail", lang, status=label(listed))
        if listed.status == "error" and listed.detail:
            detail = f"{detail} {listed.detail}"
        reason = "hides_listings" if listed.status == "not_listed" else "error_code"
        return result(False, reason, detail)
    if clean is not None and clean.status in ("listed", "error"):
        detail = cat.message("sanity_not_listed_fail", lang, status=label(clean))
        return result(False, "wildcard", detail)
    unknown = [r for r in (listed, clean) if r is not None and r.status == "unknown"]
    if unknown:
        detail = cat.message("sanity_unknown", lang, status=unknown[0].detail or "")
        return result(None, "unchecked", detail)
    return result(True, "ok", cat.message("sanity_ok", lang))


def _public_resolver_note(lst: DnsblList, config: ResolverConfig, lang: str) -> str | None:
    for server in config.describe()["nameservers"]:
        operator = cat.public_resolver(server)
        if operator:
            return cat.message(
                "sanity_public_resolver", lang, resolver=server, operator=operator, list=lst.name
            )
    return None


def apply(result: ListResult, verdict: SanityResult | None, lang: str) -> ListResult:
    """``result`` as the check reports it: a listing or a clean answer from a list that failed
    (or could not pass) its test points becomes ``unknown``, with the reason."""
    if verdict is None:  # the deadline came before the test points were answered
        reason = cat.message("sanity_unknown", lang, status=cat.message("deadline", lang))
        verdict = SanityResult(result.zone, None, None, None, reason, "unchecked")
    result.sanity = verdict.reason
    if verdict.trustworthy is True or result.status not in ("listed", "not_listed"):
        return result
    if result.status == "listed":
        answer = f"{cat.message('status_listed', lang)} ({', '.join(result.codes)})"
    else:
        answer = result.detail or cat.message("not_listed", lang)
    result.detail = cat.message("untrusted_answer", lang, reason=verdict.detail, answer=answer)
    result.status = "unknown"
    result.meanings = []
    return result
