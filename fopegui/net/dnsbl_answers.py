"""Reading one DNSBL answer (pure functions, no I/O): the question's name, the outcome of an
A answer, and the :class:`ListResult` built from it.

Outcomes (CONTRACT.md): documented listing code → ``listed``; documented or known error code →
``error`` with an explanation; NXDOMAIN → ``not_listed``; timeout / SERVFAIL / REFUSED / no
answer / no resolver → ``unknown``; any other answer → ``error``. For a user's own zone any
127.0.0.0/8 answer except known error codes is ``listed``. Whether the list's answers can be
trusted at all is decided by its test points (net.sanity), not here.
"""

from __future__ import annotations

import ipaddress

from fopegui.core import addresses
from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.net.dnsbl_model import ListResult, Status
from fopegui.net.resolver import DnsAnswer


def query_name(ip: str, zone: str) -> str:
    """The DNSBL question for ``ip`` in ``zone``: reversed octets (IPv4, IPv4-mapped IPv6
    included) or nibbles (IPv6)."""
    canonical = addresses.normalise(ip)
    if canonical is None:
        raise ValueError(f"{ip!r} is not an IP address")
    rev = ipaddress.ip_address(canonical).reverse_pointer  # "2.0.0.127.in-addr.arpa" / ip6.arpa
    rev = rev.rsplit(".", 2)[0]
    return f"{rev}.{cat.normalise_zone(zone)}"


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


def list_result(lst: DnsblList, ip: str, answer: DnsAnswer, lang: str) -> ListResult:
    """The result of asking ``lst`` about ``ip`` when the A question got ``answer``."""
    status, detail, meanings = classify(lst, answer, lang)
    return ListResult(
        zone=lst.zone,
        name=lst.name,
        ip=ip,
        status=status,
        codes=list(answer.values) if answer.kind == "answer" else [],
        detail=detail,
        elapsed_ms=answer.elapsed_ms,
        list_id=lst.id,
        query=query_name(ip, lst.zone),
        answer_kind=answer.kind,
        meanings=meanings,
        lookup_url=lst.lookup_link(ip),
        delist_url=lst.delist_url,
        dead_list=lst.dead,
        named=lst.named,
    )


def deadline_result(lst: DnsblList, ip: str, elapsed_ms: float, lang: str) -> ListResult:
    """A question still open when the check's deadline came: unknown."""
    answer = DnsAnswer(query_name(ip, lst.zone), "A", "timeout", elapsed_ms=round(elapsed_ms, 3))
    result = list_result(lst, ip, answer, lang)
    result.detail = cat.message("deadline", lang)
    return result
