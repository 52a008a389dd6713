"""The result types of a DNSBL check (net.dnsbl): one list's answer, the DNS-lookup step, a
list's test-point verdict, the plan of a check and the whole report. Plain data with
``to_json`` (the ``dnsbl`` JSON of CONTRACT.md and docs/cli.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.targets import Target, TargetPlan
from fopegui.net.resolver import ResolverConfig

Status = Literal["listed", "not_listed", "error", "unknown"]
STATUSES: tuple[Status, ...] = ("listed", "not_listed", "error", "unknown")
# Why a list's answers are (not) used, from its test points (net.sanity):
SanityReason = Literal[
    "ok", "hides_listings", "error_code", "wildcard", "unchecked", "no_test_points"
]

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
    sanity: SanityReason | None = None  # the list's test-point verdict through this resolver
    named: bool = False  # the NDR names this list

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
            "sanity": self.sanity,
            "named": self.named,
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
class SanityResult:
    """How a list answered its documented test points through this resolver."""

    zone: str
    trustworthy: bool | None  # None: the test points could not be checked (unknown)
    listed_probe: ListResult | None
    not_listed_probe: ListResult | None
    detail: str
    reason: SanityReason = "ok"
    cached: bool = False  # from an earlier check in this session

    def to_json(self) -> dict:
        return {
            "zone": self.zone,
            "trustworthy": self.trustworthy,
            "reason": self.reason,
            "listed_probe": self.listed_probe.to_json() if self.listed_probe else None,
            "not_listed_probe": self.not_listed_probe.to_json() if self.not_listed_probe else None,
            "detail": self.detail,
            "cached": self.cached,
        }


@dataclass(slots=True)
class CheckPlan:
    """What a check is about to ask, known before the first answer (``on_plan``): the
    (list, ip) questions, the pairs skipped, and the targets with what is never checked."""

    pairs: list[tuple[DnsblList, str]]
    skipped: list[Skipped]
    targets: TargetPlan


@dataclass(slots=True)
class DnsblReport:
    target: str
    ips: list[str]
    config: ResolverConfig
    results: list[ListResult] = field(default_factory=list)
    lookup: HostLookup | None = None  # the first (usually only) DNS-lookup step
    lookups: list[HostLookup] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    excluded: list[tuple[Target, str]] = field(default_factory=list)  # (target, why)
    sanity: list[SanityResult] = field(default_factory=list)
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
            "lookups": [x.to_json() for x in self.lookups],
            "skipped": [s.to_json() for s in self.skipped],
            "targets": [t.to_json() for t in self.targets],
            "excluded": [{**t.to_json(), "reason": why} for t, why in self.excluded],
            "sanity": [s.to_json() for s in self.sanity],
            "elapsed_ms": self.elapsed_ms,
            "deadline_hit": self.deadline_hit,
            "checked_at": self.checked_at,
        }
