"""What a blacklist check asks about — decided once, here, for the KB2590562 wizard, the
Blacklist tab and ``fopegui-cli dnsbl --from`` (no view decides). No network: resolving a host
name is the net layer's job; it hands the addresses back to :func:`accept_resolved`.

:func:`plan_for_report` orders a message's targets (issue 12, KB2590562):

1. ``ndr``    the IPs an NDR names as blocked — the address the recipient's list saw;
2. ``edge``   the outbound edge IP that the next, external hop recorded (core.received);
3. only when neither gives an address, ``plan.resolve``: the edge server's host name (else the
   server that wrote the NDR) to resolve *today* — a fallback, labelled so: a pool name
   resolves to many addresses now, not necessarily the one that delivered;
4. ``sender`` for a message that is no bounce and names no outbound edge: the connecting IP
   the filter recorded (what a blacklist would hold against the sender);
5. with ``hops=True``, every public hop IP of the Received chain too (as MXToolbox does).

Never a private, loopback or placeholder address (core.addresses): those go to
``plan.excluded`` with their class, so the caller can say why they were not checked.
:func:`plan_for_input` does the same for what a user types (an IP or a host name); a typed
loopback address is checked — 127.0.0.2 is the RFC 5782 test address every list lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from fopegui.core import addresses
from fopegui.core.model import Hop, Report
from fopegui.core.received import outbound_edge_host, outbound_edge_ip
from fopegui.core.sender import sender_facts

Source = Literal["ndr", "edge", "sender", "hop", "typed", "resolved"]
# Where a host name to resolve came from: the edge's Received hop, the NDR's reporting MTA, typed.
HostSource = Literal["edge", "ndr", "typed"]

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


@dataclass(frozen=True, slots=True)
class Target:
    """One address to check (``ip``), or one host name to resolve first (``ip`` None)."""

    source: Source | HostSource
    ip: str | None = None  # canonical (core.addresses.normalise): ::ffff:a.b.c.d is a.b.c.d
    host: str | None = None  # the server it belongs to, or the name to resolve
    hop: int | None = None  # the Received hop it was read from
    key: str | None = None  # the X-Forefront-Antispam-Report key it was read from (CIP)
    zone: str | None = None  # ndr: the list that blocked it
    list_id: str | None = None
    evidence: str | None = None  # ndr: the sentence that says so
    address_class: addresses.AddressClass = "public"
    via: HostSource | None = None  # resolved: where the host name came from

    @property
    def fallback(self) -> bool:
        """An address resolved today, not one recorded when the mail was delivered."""
        return self.source == "resolved" and self.via != "typed"

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "ip": self.ip,
            "host": self.host,
            "hop": self.hop,
            "key": self.key,
            "zone": self.zone,
            "list_id": self.list_id,
            "evidence": self.evidence,
            "address_class": self.address_class,
            "via": self.via,
            "fallback": self.fallback,
        }


@dataclass(slots=True)
class TargetPlan:
    """The addresses to check, the host names to resolve first, what is never checked, and
    the lists the NDR names (checked first, always)."""

    targets: list[Target] = field(default_factory=list)
    resolve: list[Target] = field(default_factory=list)
    excluded: list[Target] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)
    edge: Target | None = None  # the outbound edge server: host, and the IP if recorded

    @property
    def ips(self) -> list[str]:
        return [t.ip for t in self.targets if t.ip]

    @property
    def empty(self) -> bool:
        return not self.targets and not self.resolve


def valid_hostname(text: str) -> bool:
    """A plausible DNS host name: dotted labels of letters, digits, hyphens, underscores."""
    if not text or len(text) > 253:
        return False
    labels = text[:-1].split(".") if text.endswith(".") else text.split(".")
    return all(_LABEL.match(label) for label in labels)


def is_zone_name(text: str) -> bool:
    """A DNS zone name for a blacklist: a host name with a dot, not an IP address."""
    name = text.strip().strip(".")
    return "." in name and valid_hostname(name) and not addresses.is_ip(name) and not (
        name.rsplit(".", 1)[-1].isdigit()
    )


def _address(source: Source, ip: str | None, **facts) -> Target | None:
    canonical = addresses.normalise(ip)
    if canonical is None:
        return None
    return Target(source, canonical, address_class=addresses.classify(canonical), **facts)


class _Builder:
    """Collects targets in order: one entry per address, excluded ones apart."""

    def __init__(self) -> None:
        self.plan = TargetPlan()
        self._seen: set[str] = set()

    def add(self, target: Target | None, checkable: bool | None = None) -> None:
        if target is None or target.ip in self._seen:
            return
        self._seen.add(target.ip or "")
        ok = addresses.is_checkable(target.ip) if checkable is None else checkable
        (self.plan.targets if ok else self.plan.excluded).append(target)


def plan_for_report(report: Report | None, hops: bool = False) -> TargetPlan:
    """The targets of a message (see the module docstring), in order."""
    build = _Builder()
    if report is None or report.error:
        return build.plan
    ndr = report.ndr
    listings = list(getattr(ndr, "listings", None) or [])
    build.plan.zones = list(dict.fromkeys(x.zone for x in listings if x.zone))
    for listing in listings:
        build.add(
            _address(
                "ndr", listing.ip, zone=listing.zone, list_id=listing.list_id,
                evidence=listing.evidence or None,
            )
        )  # fmt: skip
    edge = report.outbound_edge
    if edge is not None:
        build.plan.edge = _edge(edge)
        if build.plan.edge.ip:
            build.add(build.plan.edge)
    if not build.plan.targets:
        host = build.plan.edge.host if build.plan.edge else None
        via: HostSource = "edge"
        if not host and getattr(ndr, "reporting_mta", None):
            host, via = ndr.reporting_mta, "ndr"
        if host and valid_hostname(host) and not addresses.is_ip(host):
            build.plan.resolve.append(Target(via, host=host))
    if ndr is None and edge is None:
        build.add(_sender(report))
    if hops:
        _add_hops(build, report)
    return build.plan


def _edge(hop: Hop) -> Target:
    """The outbound edge: its name, and the address the external hop recorded (if public).
    A private address recorded for it is kept as excluded information."""
    host = outbound_edge_host(hop)
    ip = outbound_edge_ip(hop)
    if ip is None and host in (hop.from_host, hop.from_rdns) and hop.ip:
        ip = hop.ip  # recorded, but not checkable: _Builder puts it with the excluded
    canonical = addresses.normalise(ip)
    return Target(
        "edge", canonical, host=host, hop=hop.hop, address_class=addresses.classify(canonical)
    )


def _sender(report: Report) -> Target | None:
    fact = sender_facts(report).ip
    key = fact.key
    return _address("sender", fact.value, hop=fact.hop, key=key)


def _add_hops(build: _Builder, report: Report) -> None:
    build.add(_sender(report))
    for hop in report.received:
        build.add(_address("hop", hop.ip, host=hop.from_rdns or hop.from_host, hop=hop.hop))


def plan_for_input(text: str) -> TargetPlan:
    """What a user typed: an IP address (checked as typed, IPv4-mapped as IPv4; a loopback
    test address is allowed, a private or placeholder one is excluded) or a host name
    (resolved first). Raises ValueError for anything else."""
    text = text.strip()
    build = _Builder()
    target = _address("typed", text)
    if target is not None:
        build.add(target, checkable=target.address_class in ("public", "documentation", "loopback"))
        return build.plan
    name = text.rstrip(".")
    if not valid_hostname(name):
        raise ValueError(f"{text!r} is neither an IP address nor a host name")
    build.plan.resolve.append(Target("typed", host=name))
    return build.plan


def accept_resolved(host: Target, found: list[str]) -> tuple[list[Target], list[Target]]:
    """(checkable, excluded) targets from the addresses ``host`` resolved to today. Only
    public and documentation addresses are checked: a name resolving to loopback or private
    space must never be reported as listed (127.0.0.2 is every list's test point)."""
    checkable: list[Target] = []
    excluded: list[Target] = []
    for ip in found:
        target = _address("resolved", ip, host=host.host, via=host.source)
        if target is None or any(t.ip == target.ip for t in checkable + excluded):
            continue
        (checkable if addresses.is_checkable(target.ip) else excluded).append(target)
    return checkable, excluded


def merged(plan: TargetPlan, host: Target, found: list[str]) -> TargetPlan:
    """``plan`` with ``host`` resolved to ``found``: the checkable addresses join the targets
    (after those recorded at delivery), the rest join the excluded."""
    checkable, excluded = accept_resolved(host, found)
    known = set(plan.ips)
    return replace(
        plan,
        targets=plan.targets + [t for t in checkable if t.ip not in known],
        resolve=[r for r in plan.resolve if r is not host],
        excluded=plan.excluded + excluded,
    )
