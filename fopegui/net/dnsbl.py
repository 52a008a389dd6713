"""DNS blacklist checks: every list and every IP in parallel, four honest outcomes.

Public API (asyncio; no Qt):

- ``await check(target, zones, config, on_result=None, lang="en", on_lookup=None)`` →
  :class:`DnsblReport`. ``target`` is an IPv4/IPv6 address or a host name (resolved first, A and
  AAAA: the KB2590562 "DNS Lookup" step, reported as :class:`HostLookup` and passed to
  ``on_lookup``). ``zones`` None = the catalogue's enabled lists. ``on_result`` is called with
  each :class:`ListResult` as soon as it is known (then the report holds them all, in catalogue
  order). The whole check ends within ``config.deadline_s``: queries still open then become
  ``unknown``. Cancelling the task cancels every query.
- ``iter_results(target, zones, config, lang)`` — the same as an async generator (lookup, each
  result, then the report).
- ``run_check(...)`` — the same, synchronously (``asyncio.run``), for the CLI.
- ``await resolve_host(name, config, lang)`` → :class:`HostLookup`.
- ``await sanity_check(zones, config, lang)`` → ``{zone: SanityResult}``: the documented test
  points (127.0.0.2 listed, 127.0.0.1 not listed); a list failing them is untrustworthy from
  this resolver.
- ``query_name(ip, zone)`` — ``2.0.0.127.zone`` / IPv6 nibbles.
- ``classify(lst, answer, lang)`` — the outcome of one A answer (pure function).

Outcomes (CONTRACT.md): documented listing code → ``listed``; documented or known error code →
``error`` with an explanation; NXDOMAIN → ``not_listed``; timeout / SERVFAIL / REFUSED / no
answer / no resolver → ``unknown``; any other answer → ``error``. For a user's own zone any
127.0.0.0/8 answer except known error codes is ``listed``. TXT is fetched for listings only.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import dns.name
import dns.resolver

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.net.resolver import DnsAnswer, ResolverConfig, make_resolver, query

Status = Literal["listed", "not_listed", "error", "unknown"]
STATUSES: tuple[Status, ...] = ("listed", "not_listed", "error", "unknown")

# Exit statuses of `fopegui-cli dnsbl` (CONTRACT.md).
EXIT_CLEAN, EXIT_LISTED, EXIT_USAGE, EXIT_INCONCLUSIVE = 0, 1, 2, 3


@dataclass(slots=True)
class ListResult:
    """One list's answer for one IP."""

    zone: str
    name: str | None
    ip: str
    status: Status
    codes: list[str] = field(default_factory=list)
    txt: str | None = None
    detail: str | None = None
    elapsed_ms: float = 0.0
    list_id: str | None = None
    query: str = ""
    answer_kind: str | None = None  # resolver outcome: answer/nxdomain/timeout/servfail/...
    meanings: list[str] = field(default_factory=list)  # one per documented code
    lookup_url: str | None = None
    delist_url: str | None = None
    dead_list: bool = False

    def to_json(self) -> dict:
        return {
            "zone": self.zone,
            "name": self.name,
            "ip": self.ip,
            "status": self.status,
            "codes": list(self.codes),
            "txt": self.txt,
            "detail": self.detail,
            "elapsed_ms": self.elapsed_ms,
            "list_id": self.list_id,
            "query": self.query,
            "answer_kind": self.answer_kind,
            "meanings": list(self.meanings),
            "lookup_url": self.lookup_url,
            "delist_url": self.delist_url,
            "dead_list": self.dead_list,
        }


@dataclass(slots=True)
class HostLookup:
    """The DNS-lookup step for a host name target (A and AAAA)."""

    name: str
    status: Literal["resolved", "not_found", "no_address", "unknown"]
    addresses: list[str] = field(default_factory=list)
    a: str = ""  # resolver outcome of the A question
    aaaa: str = ""  # and of the AAAA question
    detail: str | None = None
    elapsed_ms: float = 0.0

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "status": self.status,
            "addresses": list(self.addresses),
            "a": self.a,
            "aaaa": self.aaaa,
            "detail": self.detail,
            "elapsed_ms": self.elapsed_ms,
        }


@dataclass(slots=True)
class Skipped:
    zone: str
    ip: str
    reason: str

    def to_json(self) -> dict:
        return {"zone": self.zone, "ip": self.ip, "reason": self.reason}


@dataclass(slots=True)
class DnsblReport:
    target: str
    ips: list[str]
    config: ResolverConfig
    results: list[ListResult] = field(default_factory=list)
    lookup: HostLookup | None = None
    skipped: list[Skipped] = field(default_factory=list)
    elapsed_ms: float = 0.0
    deadline_hit: bool = False
    checked_at: str = ""

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 clean, 1 listed somewhere, 3 inconclusive (CONTRACT.md)."""
        s = self.summary
        if s["listed"]:
            return EXIT_LISTED
        if s["error"] or s["unknown"] or not self.results:
            return EXIT_INCONCLUSIVE
        return EXIT_CLEAN

    def to_json(self) -> dict:
        return {
            "target": self.target,
            "ips": list(self.ips),
            "resolver": self.config.describe(),
            "results": [r.to_json() for r in self.results],
            "summary": self.summary,
            "lookup": self.lookup.to_json() if self.lookup else None,
            "skipped": [s.to_json() for s in self.skipped],
            "elapsed_ms": self.elapsed_ms,
            "deadline_hit": self.deadline_hit,
            "checked_at": self.checked_at,
        }


@dataclass(slots=True)
class SanityResult:
    """How a list answered its documented test points through this resolver."""

    zone: str
    trustworthy: bool | None  # None: the test points could not be checked (unknown)
    listed_probe: ListResult | None
    not_listed_probe: ListResult | None
    detail: str

    def to_json(self) -> dict:
        return {
            "zone": self.zone,
            "trustworthy": self.trustworthy,
            "listed_probe": self.listed_probe.to_json() if self.listed_probe else None,
            "not_listed_probe": self.not_listed_probe.to_json() if self.not_listed_probe else None,
            "detail": self.detail,
        }


def query_name(ip: str, zone: str) -> str:
    """The DNSBL question for ``ip`` in ``zone``: reversed octets (IPv4) or nibbles (IPv6)."""
    addr = ipaddress.ip_address(ip)
    rev = addr.reverse_pointer  # "2.0.0.127.in-addr.arpa" / "...ip6.arpa"
    rev = rev.rsplit(".", 2)[0]
    return f"{rev}.{cat.normalise_zone(zone)}"


def is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def valid_hostname(text: str) -> bool:
    """A plausible DNS host name (letters, digits, hyphens, underscores; dotted labels)."""
    if not text or len(text) > 253 or text.startswith(".") or ".." in text:
        return False
    try:
        dns.name.from_text(text)
    except Exception:
        return False
    return all(
        label and len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label)
        for label in text.rstrip(".").split(".")
    )


def classify(lst: DnsblList, answer: DnsAnswer, lang: str = "en") -> tuple[Status, str, list[str]]:
    """(status, detail, meanings) for the A answer ``answer`` from list ``lst``."""
    kind = answer.kind
    if kind == "nxdomain":
        return "not_listed", cat.message("not_listed", lang), []
    if kind != "answer":
        return "unknown", fault_detail(answer, lang), []
    codes = answer.values
    errors = [c for c in codes if lst.error_meaning(c, lang)]
    if errors:
        detail = " ".join(dict.fromkeys(lst.error_meaning(c, lang) or "" for c in errors))
        return "error", detail, []
    outside = [c for c in codes if not cat.is_loopback_v4(c)]
    if outside:
        return "error", cat.message("outside_loopback", lang, codes=", ".join(outside)), []
    if lst.custom:
        return "listed", cat.message("listed_custom", lang), []
    documented = [c for c in codes if c in lst.listing_codes]
    if not documented:
        return "error", cat.message("undocumented_code", lang, codes=", ".join(codes)), []
    meanings = [lst.listing_meaning(c, lang) or c for c in documented]
    parts = [f"{c}: {m}" for c, m in zip(documented, meanings, strict=True)]
    extra = [c for c in codes if c not in lst.listing_codes]
    if extra:
        parts.append(cat.message("extra_codes", lang, codes=", ".join(extra)))
    if lst.dead:
        parts.append(cat.message("dead_list", lang))
    return "listed", "; ".join(parts), meanings


def fault_detail(answer: DnsAnswer, lang: str) -> str:
    kind = answer.kind
    if kind in ("timeout", "servfail", "refused", "nodata", "no_resolver"):
        return cat.message(kind, lang)
    if kind == "unreachable":
        return cat.message("unreachable", lang, error=answer.error or "")
    return cat.message("dns_error", lang, error=answer.error or kind)


async def _check_one(resolver, lst: DnsblList, ip: str, lang: str) -> ListResult:
    qname = query_name(ip, lst.zone)
    start = time.perf_counter()
    answer = await query(resolver, qname, "A")
    status, detail, meanings = classify(lst, answer, lang)
    txt = None
    if status == "listed":
        # TXT only for listings: it carries the list's reason / removal link.
        t = await query(resolver, qname, "TXT")
        txt = " ".join(t.values) if t.kind == "answer" and t.values else None
    return ListResult(
        zone=lst.zone,
        name=lst.name,
        ip=ip,
        status=status,
        codes=list(answer.values) if answer.kind == "answer" else [],
        txt=txt,
        detail=detail,
        elapsed_ms=round((time.perf_counter() - start) * 1000.0, 3),
        list_id=lst.id,
        query=qname,
        answer_kind=answer.kind,
        meanings=meanings,
        lookup_url=lst.lookup_link(ip),
        delist_url=lst.delist_url,
        dead_list=lst.dead,
    )


def _deadline_result(lst: DnsblList, ip: str, elapsed_ms: float, lang: str) -> ListResult:
    return ListResult(
        zone=lst.zone,
        name=lst.name,
        ip=ip,
        status="unknown",
        detail=cat.message("deadline", lang),
        elapsed_ms=round(elapsed_ms, 3),
        list_id=lst.id,
        query=query_name(ip, lst.zone),
        answer_kind="timeout",
        lookup_url=lst.lookup_link(ip),
        delist_url=lst.delist_url,
        dead_list=lst.dead,
    )


def _resolver_or_none(config: ResolverConfig):
    try:
        return make_resolver(config)
    except (dns.resolver.NoResolverConfiguration, OSError):
        return None


async def resolve_host(name: str, config: ResolverConfig, lang: str = "en") -> HostLookup:
    """A and AAAA of ``name`` at once (the KB's "DNS Lookup" step)."""
    return await _resolve_host(_resolver_or_none(config), name, lang)


async def _resolve_host(resolver, name: str, lang: str) -> HostLookup:
    start = time.perf_counter()
    a, aaaa = await asyncio.gather(query(resolver, name, "A"), query(resolver, name, "AAAA"))
    addresses = [
        *(a.values if a.kind == "answer" else []),
        *(aaaa.values if aaaa.kind == "answer" else []),
    ]
    ms = round((time.perf_counter() - start) * 1000.0, 3)
    shown = name.rstrip(".")
    if addresses:
        detail = cat.message("lookup_resolved", lang, name=shown, addresses=", ".join(addresses))
        return HostLookup(shown, "resolved", addresses, a.kind, aaaa.kind, detail, ms)
    if a.kind == "nxdomain" and aaaa.kind == "nxdomain":
        detail = cat.message("lookup_nxdomain", lang, name=shown)
        return HostLookup(shown, "not_found", [], a.kind, aaaa.kind, detail, ms)
    if {a.kind, aaaa.kind} <= {"nodata", "nxdomain"}:
        detail = cat.message("lookup_noaddress", lang, name=shown)
        return HostLookup(shown, "no_address", [], a.kind, aaaa.kind, detail, ms)
    fault = a if a.kind not in ("nodata", "nxdomain") else aaaa
    detail = cat.message("lookup_unknown", lang, name=shown, detail=fault_detail(fault, lang))
    return HostLookup(shown, "unknown", [], a.kind, aaaa.kind, detail, ms)


async def check(
    target: str,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    on_result: Callable[[ListResult], None] | None = None,
    lang: str = "en",
    on_lookup: Callable[[HostLookup], None] | None = None,
) -> DnsblReport:
    """Check ``target`` on ``zones`` (None = enabled catalogue lists) within the deadline."""
    target = target.strip()
    if not is_ip(target) and not valid_hostname(target):
        raise ValueError(f"{target!r} is neither an IP address nor a host name")
    lists = cat.enabled_lists() if zones is None else list(zones)
    loop = asyncio.get_running_loop()
    start = loop.time()
    deadline = start + config.deadline_s
    checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    resolver = _resolver_or_none(config)
    report = DnsblReport(target, [], config, checked_at=checked_at)

    if is_ip(target):
        report.ips = [str(ipaddress.ip_address(target))]
    else:
        try:
            async with asyncio.timeout_at(deadline):
                report.lookup = await _resolve_host(resolver, target, lang)
        except TimeoutError:
            ms = (loop.time() - start) * 1000.0
            detail = cat.message(
                "lookup_unknown", lang, name=target, detail=cat.message("deadline", lang)
            )
            report.lookup = HostLookup(target, "unknown", [], "timeout", "timeout", detail, ms)
            report.deadline_hit = True
        if on_lookup:
            on_lookup(report.lookup)
        report.ips = list(report.lookup.addresses)

    pairs: list[tuple[DnsblList, str]] = []
    for ip in report.ips:
        v6 = ipaddress.ip_address(ip).version == 6
        for lst in lists:
            if v6 and not lst.ipv6:
                report.skipped.append(Skipped(lst.zone, ip, cat.message("no_ipv6", lang)))
            else:
                pairs.append((lst, ip))

    results: dict[int, ListResult] = {}
    sem = asyncio.Semaphore(max(1, config.concurrency))

    async def run(i: int, lst: DnsblList, ip: str) -> None:
        async with sem:
            res = await _check_one(resolver, lst, ip, lang)
        results[i] = res
        if on_result:
            on_result(res)

    tasks = [asyncio.create_task(run(i, lst, ip)) for i, (lst, ip) in enumerate(pairs)]
    try:
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - loop.time()))
            if pending:
                report.deadline_hit = True
                for t in pending:
                    t.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
    except asyncio.CancelledError:
        # Cancelled from outside (the GUI's Cancel): stop every query before giving up.
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    elapsed = (loop.time() - start) * 1000.0
    for i, (lst, ip) in enumerate(pairs):
        if i not in results:
            results[i] = _deadline_result(lst, ip, elapsed, lang)
            if on_result:
                on_result(results[i])
    report.results = [results[i] for i in range(len(pairs))]
    report.elapsed_ms = round((loop.time() - start) * 1000.0, 3)
    return report


async def iter_results(
    target: str,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    lang: str = "en",
) -> AsyncIterator[ListResult | HostLookup | DnsblReport]:
    """:func:`check` as an async generator: the HostLookup (host names), each ListResult as it
    arrives, and the finished DnsblReport last. Closing the generator cancels the check."""
    queue: asyncio.Queue = asyncio.Queue()
    task = asyncio.create_task(
        check(target, zones, config, queue.put_nowait, lang, on_lookup=queue.put_nowait)
    )
    task.add_done_callback(lambda _: queue.put_nowait(None))
    try:
        while (item := await queue.get()) is not None:
            yield item
        yield task.result()
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


def run_check(
    target: str,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    on_result: Callable[[ListResult], None] | None = None,
    lang: str = "en",
) -> DnsblReport:
    """:func:`check` for synchronous callers (the CLI)."""
    return asyncio.run(check(target, zones, config, on_result, lang))


async def sanity_check(
    zones: list[DnsblList], config: ResolverConfig, lang: str = "en"
) -> dict[str, SanityResult]:
    """Ask every list for its test points; flag lists that answer them wrongly."""
    resolver = _resolver_or_none(config)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.deadline_s
    sem = asyncio.Semaphore(max(1, config.concurrency))

    async def probe(lst: DnsblList, ip: str | None) -> ListResult | None:
        if not ip:
            return None
        async with sem:
            try:
                async with asyncio.timeout_at(deadline):
                    return await _check_one(resolver, lst, ip, lang)
            except TimeoutError:
                return _deadline_result(lst, ip, config.deadline_s * 1000.0, lang)

    async def one(lst: DnsblList) -> SanityResult:
        pos, neg = await asyncio.gather(
            probe(lst, lst.test_listed), probe(lst, lst.test_not_listed)
        )
        return _judge(lst, pos, neg, lang)

    judged = await asyncio.gather(*(one(lst) for lst in zones))
    return {r.zone: r for r in judged}


def _judge(
    lst: DnsblList, pos: ListResult | None, neg: ListResult | None, lang: str
) -> SanityResult:
    def label(r: ListResult) -> str:
        return cat.message(f"status_{r.status}", lang)

    if pos is not None and pos.status in ("not_listed", "error"):
        detail = cat.message("sanity_listed_fail", lang, status=label(pos))
        if pos.status == "error" and pos.detail:
            detail = f"{detail} {pos.detail}"
        return SanityResult(lst.zone, False, pos, neg, detail)
    if neg is not None and neg.status in ("listed", "error"):
        detail = cat.message("sanity_not_listed_fail", lang, status=label(neg))
        return SanityResult(lst.zone, False, pos, neg, detail)
    unknown = [r for r in (pos, neg) if r is not None and r.status == "unknown"]
    if unknown:
        detail = cat.message("sanity_unknown", lang, status=unknown[0].detail or "")
        return SanityResult(lst.zone, None, pos, neg, detail)
    return SanityResult(lst.zone, True, pos, neg, cat.message("sanity_ok", lang))
