"""DNS blacklist checks: the one orchestrator — every list and every IP in parallel, test
points checked, four honest outcomes. Used by the CLI, the Blacklist tab, the KB2590562 wizard
and the Reputation tab alike.

Public API (asyncio; no Qt):

- ``await check(target, zones, config, on_result=None, lang="en", on_lookup=None,
  on_plan=None)`` → :class:`DnsblReport`. ``target`` is what a user typed (an IPv4/IPv6
  address — IPv4-mapped IPv6 is checked as IPv4 — or a host name) or a
  :class:`~fopegui.core.targets.TargetPlan` (the targets core.targets chose for a message).
  Host names are resolved first (A and AAAA: the KB2590562 "DNS Lookup" step, each reported as
  a :class:`HostLookup` to ``on_lookup``); the core then keeps only addresses a blacklist can
  list — loopback and private ones are never asked about. ``on_plan`` gets the
  :class:`CheckPlan` (every (list, ip) question) before the first answer; ``on_result`` each
  :class:`ListResult` when it is final. ``zones`` None = the catalogue's enabled lists. The
  whole check ends within ``config.deadline_s``: questions still open then become ``unknown``,
  but an A answer that arrived is kept (only its TXT is missing). Cancelling the task cancels
  every query.
- Every list is checked with its test points through the same resolver (net.sanity, once per
  session): a list that fails them never gives ``listed`` or ``not_listed``.
- ``iter_results(...)`` — the same as an async generator; ``run_check(...)`` — synchronously.
- ``await resolve_host(name, config, lang)`` → :class:`HostLookup`.
- ``await sanity_check(zones, config, lang, refresh=False)`` → ``{zone: SanityResult}``.
- ``query_name(ip, zone)``, ``classify(lst, answer, lang)`` (net.dnsbl_answers).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import dns.resolver

from fopegui.core import addresses, targets
from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.targets import TargetPlan
from fopegui.core.texts import render
from fopegui.net import sanity
from fopegui.net.dnsbl_answers import (
    classify,
    deadline_result,
    fault_detail,
    list_result,
    query_name,
)
from fopegui.net.dnsbl_model import (
    EXIT_CLEAN,
    EXIT_INCONCLUSIVE,
    EXIT_LISTED,
    EXIT_USAGE,
    STATUSES,
    CheckPlan,
    DnsblReport,
    HostLookup,
    ListResult,
    SanityResult,
    Skipped,
    Status,
)
from fopegui.net.resolver import ResolverConfig, make_resolver, query

__all__ = [
    "EXIT_CLEAN", "EXIT_INCONCLUSIVE", "EXIT_LISTED", "EXIT_USAGE", "STATUSES", "CheckPlan",
    "DnsblReport", "HostLookup", "ListResult", "SanityResult", "Skipped", "Status", "check",
    "classify", "fault_detail", "is_ip", "iter_results", "query_name", "resolve_host",
    "run_check", "sanity_check", "valid_hostname",
]  # fmt: skip


def is_ip(text: str) -> bool:
    return addresses.is_ip(text)


def valid_hostname(text: str) -> bool:
    """A plausible DNS host name (letters, digits, hyphens, underscores; dotted labels)."""
    return targets.valid_hostname(text)


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
    found = [
        *(a.values if a.kind == "answer" else []),
        *(aaaa.values if aaaa.kind == "answer" else []),
    ]
    ms = round((time.perf_counter() - start) * 1000.0, 3)
    shown = name.rstrip(".")
    if found:
        detail = cat.message("lookup_resolved", lang, name=shown, addresses=", ".join(found))
        return HostLookup(shown, "resolved", found, a.kind, aaaa.kind, detail, ms)
    if a.kind == "nxdomain" and aaaa.kind == "nxdomain":
        detail = cat.message("lookup_nxdomain", lang, name=shown)
        return HostLookup(shown, "not_found", [], a.kind, aaaa.kind, detail, ms)
    if {a.kind, aaaa.kind} <= {"nodata", "nxdomain"}:
        detail = cat.message("lookup_noaddress", lang, name=shown)
        return HostLookup(shown, "no_address", [], a.kind, aaaa.kind, detail, ms)
    fault = a if a.kind not in ("nodata", "nxdomain") else aaaa
    detail = cat.message("lookup_unknown", lang, name=shown, detail=fault_detail(fault, lang))
    return HostLookup(shown, "unknown", [], a.kind, aaaa.kind, detail, ms)


def plan_pairs(lists: list[DnsblList], ips: list[str], lang: str = "en") -> CheckPlan:
    """The (list, ip) questions for ``ips``: a list without IPv6 data is not asked about IPv6."""
    pairs: list[tuple[DnsblList, str]] = []
    skipped: list[Skipped] = []
    for ip in ips:
        v6 = ":" in ip  # canonical addresses: IPv4-mapped ones are IPv4 already
        for lst in lists:
            if v6 and not lst.ipv6:
                skipped.append(Skipped(lst.zone, ip, cat.message("no_ipv6", lang)))
            else:
                pairs.append((lst, ip))
    return CheckPlan(pairs, skipped, TargetPlan())


async def check(
    target: str | TargetPlan,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    on_result: Callable[[ListResult], None] | None = None,
    lang: str = "en",
    on_lookup: Callable[[HostLookup], None] | None = None,
    on_plan: Callable[[CheckPlan], None] | None = None,
    label: str | None = None,
) -> DnsblReport:
    """Check ``target`` on ``zones`` (None = enabled catalogue lists) within the deadline.

    ``label`` is the report's ``target`` for a plan (default: its addresses)."""
    plan = targets.plan_for_input(target) if isinstance(target, str) else target
    lists = cat.enabled_lists() if zones is None else list(zones)
    loop = asyncio.get_running_loop()
    start = loop.time()
    deadline = start + config.deadline_s
    checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    resolver = _resolver_or_none(config)
    shown = target.strip() if isinstance(target, str) else label
    report = DnsblReport(shown or "", [], config, checked_at=checked_at)

    plan = await _resolve_plan(plan, resolver, report, deadline, lang, on_lookup)
    report.ips = plan.ips
    report.targets = list(plan.targets)
    report.excluded = [(t, render(cat.excluded_text(t), lang) or "") for t in plan.excluded]
    if not report.target:
        report.target = ", ".join(plan.ips) or ", ".join(t.host or "" for t in plan.resolve)
    questions = plan_pairs(lists, plan.ips, lang)
    questions.targets = plan
    report.skipped = questions.skipped
    if on_plan:
        on_plan(questions)

    sem = asyncio.Semaphore(max(1, config.concurrency))
    runner = sanity.SanityRunner(resolver, config, lang, sem, deadline)
    pairs = questions.pairs
    results: dict[int, ListResult] = {}
    partial: dict[int, ListResult] = {}  # the A answer is in; TXT or the test points are not

    async def run(i: int, lst: DnsblList, ip: str) -> None:
        verdict_task = runner.task(lst)
        async with sem:
            answer = await query(resolver, query_name(ip, lst.zone), "A")
        result = partial[i] = list_result(lst, ip, answer, lang)
        if result.status == "listed":
            # TXT only for listings (the list's reason or removal link); it may take longer
            # than the A answer, so it may use what is left of the deadline.
            async with sem:
                remaining = max(0.05, deadline - loop.time())
                txt = await query(resolver, result.query, "TXT", lifetime=remaining)
            result.txt = " ".join(txt.values) if txt.kind == "answer" and txt.values else None
            result.elapsed_ms = round(answer.elapsed_ms + txt.elapsed_ms, 3)
        verdict = await asyncio.shield(verdict_task)
        results[i] = sanity.apply(result, verdict, lang)
        if on_result:
            on_result(results[i])

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
        await runner.cancel()
        raise
    elapsed = (loop.time() - start) * 1000.0
    for i, (lst, ip) in enumerate(pairs):
        if i in results:
            continue
        late = partial.get(i)
        if late is None:
            results[i] = sanity.apply(deadline_result(lst, ip, elapsed, lang), None, lang)
        else:  # keep the A answer: a listing stays a listing when only its TXT is late
            if late.status == "listed" and late.txt is None:
                late.detail = f"{late.detail} {cat.message('txt_late', lang)}"
            results[i] = sanity.apply(late, runner.result_now(lst), lang)
        if on_result:
            on_result(results[i])
    report.sanity = runner.done()
    await runner.cancel()
    report.results = [results[i] for i in range(len(pairs))]
    report.elapsed_ms = round((loop.time() - start) * 1000.0, 3)
    return report


async def _resolve_plan(
    plan: TargetPlan,
    resolver,
    report: DnsblReport,
    deadline: float,
    lang: str,
    on_lookup: Callable[[HostLookup], None] | None,
) -> TargetPlan:
    """Resolve the plan's host names (within the deadline); the core keeps what may be checked."""
    loop = asyncio.get_running_loop()
    for host in list(plan.resolve):
        start = loop.time()
        try:
            async with asyncio.timeout_at(deadline):
                lookup = await _resolve_host(resolver, host.host or "", lang)
        except TimeoutError:
            detail = cat.message(
                "lookup_unknown", lang, name=host.host, detail=cat.message("deadline", lang)
            )
            ms = (loop.time() - start) * 1000.0
            lookup = HostLookup(host.host or "", "unknown", [], "timeout", "timeout", detail, ms)
            report.deadline_hit = True
        report.lookups.append(lookup)
        report.lookup = report.lookup or lookup
        if on_lookup:
            on_lookup(lookup)
        plan = targets.merged(plan, host, lookup.addresses)
    return plan


async def iter_results(
    target: str | TargetPlan,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    lang: str = "en",
) -> AsyncIterator[ListResult | HostLookup | DnsblReport]:
    """:func:`check` as an async generator: each HostLookup (host names), each ListResult as it
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
    target: str | TargetPlan,
    zones: list[DnsblList] | None,
    config: ResolverConfig,
    on_result: Callable[[ListResult], None] | None = None,
    lang: str = "en",
    label: str | None = None,
) -> DnsblReport:
    """:func:`check` for synchronous callers (the CLI)."""
    return asyncio.run(check(target, zones, config, on_result, lang, label=label))


async def sanity_check(
    zones: list[DnsblList], config: ResolverConfig, lang: str = "en", refresh: bool = False
) -> dict[str, SanityResult]:
    """Ask every list for its test points (``refresh``: ask again, not from this session's
    verdicts — the Settings dialog's "Test resolver"); flag lists that answer them wrongly."""
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(max(1, config.concurrency))
    runner = sanity.SanityRunner(
        _resolver_or_none(config), config, lang, sem, loop.time() + config.deadline_s, refresh
    )
    judged = await asyncio.gather(*(runner.task(lst) for lst in zones))
    return {r.zone: r for r in judged}
