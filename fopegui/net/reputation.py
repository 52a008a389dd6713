"""Sender reputation checks of KB2669119, done live on demand (asyncio; no Qt).

``await check_reputation(ip, helo, ptr_recorded, config, lang="en", zones=None)`` →
:class:`ReputationResult` with one :class:`CheckItem` per check, in this order:

``ptr`` (reverse DNS of the connecting IP), ``fcrdns`` (the PTR name resolves back to the IP),
``helo`` (the HELO/EHLO name resolves to the IP), ``helo_ptr`` (HELO and PTR in the same
domain), ``dnsbl`` (the IP on the enabled blacklists, or ``zones``), ``open_proxy`` (not
tested — a note). Status is ok / warning / problem / unknown / info; a lookup that did not
complete is ``unknown``, never ``ok``. Every item carries ``checked_at`` and ``live=True``: these
are facts of now, not of the delivery time. Inputs are plain values the caller takes from the
report (``report.eop["cip"]``, ``report.eop["h"]``, ``report.eop["ptr"]`` or the Received hop).
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.net import dnsbl
from fopegui.net.resolver import DnsAnswer, ResolverConfig, make_resolver, query

# dnsbl.check keeps the deadline itself and then returns what it has; the guard around it
# only catches a check that overran, so it allows a little more.
_GUARD_SLACK_S = 0.5

CheckStatus = Literal["ok", "info", "warning", "problem", "unknown"]
_FAULTS = ("timeout", "servfail", "refused", "unreachable", "no_resolver", "error")

# Second-level labels under which registrations happen one level deeper (example.co.jp).
# A small built-in list instead of the Public Suffix List: enough to compare HELO and PTR.
_SECOND_LEVEL = {"co", "ne", "or", "ac", "ad", "ed", "go", "gr", "lg", "com", "net", "org",
                 "gov", "edu", "ltd", "plc", "nhs", "mil", "gob", "nom", "biz", "info"}  # fmt: skip


@dataclass(slots=True)
class CheckItem:
    id: str
    title: str
    status: CheckStatus
    detail: str
    checked_at: str
    live: bool = True
    values: dict = field(default_factory=dict)  # what was found (names, addresses)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "checked_at": self.checked_at,
            "live": self.live,
            "values": self.values,
        }


@dataclass(slots=True)
class ReputationResult:
    ip: str | None
    helo: str | None
    ptr_recorded: str | None
    items: list[CheckItem]
    checked_at: str
    note: str  # "checked now, not at delivery time"
    live: bool = True
    dnsbl: dnsbl.DnsblReport | None = None

    def item(self, check_id: str) -> CheckItem | None:
        return next((i for i in self.items if i.id == check_id), None)

    def to_json(self) -> dict:
        return {
            "ip": self.ip,
            "helo": self.helo,
            "ptr_recorded": self.ptr_recorded,
            "checked_at": self.checked_at,
            "live": self.live,
            "note": self.note,
            "items": [i.to_json() for i in self.items],
            "dnsbl": self.dnsbl.to_json() if self.dnsbl else None,
        }


def registered_domain(name: str) -> str:
    """``mail.example.co.jp`` → ``example.co.jp``; ``a.b.example.com`` → ``example.com``."""
    labels = name.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _address_literal(helo: str) -> str | None:
    """``[192.0.2.1]`` / ``[IPv6:2001:db8::1]`` / a bare IP → the address, else None."""
    text = helo.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
        if text.lower().startswith("ipv6:"):
            text = text[5:]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _same_ip(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False


async def _addresses(resolver, name: str) -> tuple[list[str], DnsAnswer, DnsAnswer]:
    a, aaaa = await asyncio.gather(query(resolver, name, "A"), query(resolver, name, "AAAA"))
    found = [
        *(a.values if a.kind == "answer" else []),
        *(aaaa.values if aaaa.kind == "answer" else []),
    ]
    return found, a, aaaa


def _fault(*answers: DnsAnswer) -> DnsAnswer | None:
    return next((x for x in answers if x.kind in _FAULTS), None)


async def check_reputation(
    ip: str | None,
    helo: str | None,
    ptr_recorded: str | None,
    config: ResolverConfig,
    lang: str = "en",
    zones: list[DnsblList] | None = None,
    on_item: Callable[[CheckItem], None] | None = None,
) -> ReputationResult:
    """Run the live checks (in parallel, within ``config.deadline_s``).

    ``on_item`` receives each CheckItem as soon as its check has finished (the GUI shows
    them as they arrive); the result lists them all in a fixed order.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    msg = lambda key, **kw: cat.reputation_message(key, lang, **kw)  # noqa: E731
    try:
        resolver = make_resolver(config)
    except Exception:
        resolver = None
    ip = (ip or "").strip() or None
    helo = (helo or "").strip() or None
    if ip is not None:
        try:
            ip = str(ipaddress.ip_address(ip))
        except ValueError:
            ip = None

    def item(check_id: str, status: CheckStatus, detail: str, **values) -> CheckItem:
        return CheckItem(check_id, msg(f"{check_id}_title"), status, detail, now, True, values)

    async def ptr_and_fcrdns() -> tuple[CheckItem, CheckItem, list[str]]:
        if ip is None:
            no_ip = msg("no_ip")
            return item("ptr", "info", no_ip), item("fcrdns", "info", no_ip), []
        rev = ipaddress.ip_address(ip).reverse_pointer
        ans = await query(resolver, rev, "PTR")
        names = ans.values if ans.kind == "answer" else []
        if ans.kind == "answer" and names:
            detail = msg("ptr_ok", ip=ip, names=", ".join(names))
            recorded = (ptr_recorded or "").strip().rstrip(".").lower()
            if recorded and recorded not in {n.lower() for n in names} and "." in recorded:
                detail += " " + msg("ptr_changed", recorded=ptr_recorded, names=", ".join(names))
            ptr = item("ptr", "ok", detail, names=names)
        elif ans.kind in ("nxdomain", "nodata"):
            ptr = item("ptr", "problem", msg("ptr_missing", ip=ip), names=[])
        else:
            detail = msg("ptr_unknown", ip=ip, detail=dnsbl.fault_detail(ans, lang))
            return item("ptr", "unknown", detail), item("fcrdns", "unknown", detail), []
        if not names:
            return ptr, item("fcrdns", "info", msg("fcrdns_no_ptr")), []
        checks = await asyncio.gather(*(_addresses(resolver, n) for n in names))
        for name, (found, _, _) in zip(names, checks, strict=True):
            if any(_same_ip(ip, f) for f in found):
                return (
                    ptr,
                    item("fcrdns", "ok", msg("fcrdns_ok", name=name, ip=ip), name=name),
                    names,
                )
        fault = next((f for _, a, b in checks if (f := _fault(a, b))), None)
        all_found = [f for found, _, _ in checks for f in found]
        if fault is not None and not all_found:
            detail = msg("fcrdns_unknown", detail=dnsbl.fault_detail(fault, lang))
            return ptr, item("fcrdns", "unknown", detail), names
        detail = msg(
            "fcrdns_fail", names=", ".join(names), ip=ip, addresses=", ".join(all_found) or "-"
        )
        return ptr, item("fcrdns", "problem", detail, addresses=all_found), names

    async def helo_check() -> CheckItem:
        if helo is None:
            return item("helo", "info", msg("no_helo"))
        literal = _address_literal(helo)
        if literal is not None:
            if ip is None:
                return item("helo", "info", msg("no_ip"))
            if _same_ip(literal, ip):
                return item("helo", "ok", msg("helo_literal_ok", helo=helo))
            return item("helo", "warning", msg("helo_literal_mismatch", helo=helo, ip=ip))
        if "." not in helo.strip("."):
            return item("helo", "warning", msg("helo_not_fqdn", helo=helo))
        if not dnsbl.valid_hostname(helo):
            return item("helo", "problem", msg("helo_not_fqdn", helo=helo))
        found, a, aaaa = await _addresses(resolver, helo)
        if found:
            if ip is None:
                return item("helo", "info", msg("no_ip"), addresses=found)
            if any(_same_ip(ip, f) for f in found):
                return item("helo", "ok", msg("helo_ok", helo=helo, ip=ip), addresses=found)
            detail = msg("helo_mismatch", helo=helo, addresses=", ".join(found), ip=ip)
            return item("helo", "warning", detail, addresses=found)
        fault = _fault(a, aaaa)
        if fault is not None:
            detail = msg("helo_unknown", helo=helo, detail=dnsbl.fault_detail(fault, lang))
            return item("helo", "unknown", detail)
        return item("helo", "problem", msg("helo_nxdomain", helo=helo))

    async def dnsbl_check() -> tuple[CheckItem, dnsbl.DnsblReport | None]:
        if ip is None:
            return item("dnsbl", "info", msg("no_ip")), None
        report = await dnsbl.check(ip, zones, config, lang=lang)
        listed = [r for r in report.results if r.status == "listed"]
        vague = [r for r in report.results if r.status in ("error", "unknown")]
        if listed:
            names = ", ".join(r.name or r.zone for r in listed)
            return item("dnsbl", "problem", msg("dnsbl_listed", ip=ip, lists=names)), report
        if vague or not report.results:
            names = ", ".join(r.name or r.zone for r in vague)
            detail = msg("dnsbl_inconclusive", ip=ip, count=len(vague), lists=names)
            return item("dnsbl", "unknown", detail), report
        return item("dnsbl", "ok", msg("dnsbl_clean", ip=ip, count=len(report.results))), report

    late = cat.message("deadline", lang)

    def emit(*items: CheckItem) -> None:
        if on_item is not None:
            for it in items:
                on_item(it)

    async def guarded(coro, fallback):
        # Each check has its own guard: a blacklist that times out (it has the same
        # deadline inside dnsbl.check) must not turn finished PTR/HELO results into unknown.
        try:
            async with asyncio.timeout(config.deadline_s + _GUARD_SLACK_S):
                return await coro
        except TimeoutError:
            return fallback()

    async def ptr_step():
        ptr, fcrdns, names = await guarded(
            ptr_and_fcrdns(),
            lambda: (item("ptr", "unknown", late), item("fcrdns", "unknown", late), []),
        )
        emit(ptr, fcrdns)
        return ptr, fcrdns, names

    async def helo_step():
        helo_item = await guarded(helo_check(), lambda: item("helo", "unknown", late))
        emit(helo_item)
        return helo_item

    async def dnsbl_step():
        bl_item, report = await guarded(
            dnsbl_check(), lambda: (item("dnsbl", "unknown", late), None)
        )
        emit(bl_item)
        return bl_item, report

    (ptr, fcrdns, names), helo_item, (bl_item, report) = await asyncio.gather(
        ptr_step(), helo_step(), dnsbl_step()
    )

    ptr_name = names[0] if names else None
    if helo and ptr_name and _address_literal(helo) is None and "." in helo:
        hd, pd = registered_domain(helo), registered_domain(ptr_name)
        if hd == pd:
            hp = item("helo_ptr", "ok", msg("helo_ptr_same", helo=helo, ptr=ptr_name, domain=hd))
        else:
            detail = msg("helo_ptr_differ", helo=helo, helo_domain=hd, ptr=ptr_name, ptr_domain=pd)
            hp = item("helo_ptr", "warning", detail)
    else:
        hp = item("helo_ptr", "info", msg("helo_ptr_missing"))

    proxy = item("open_proxy", "info", msg("proxy_note"), tested=False)
    emit(hp, proxy)
    items = [ptr, fcrdns, helo_item, hp, bl_item, proxy]
    return ReputationResult(ip, helo, ptr_recorded, items, now, msg("live_note"), True, report)
