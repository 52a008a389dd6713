"""The Received chain: hops from the oldest (1) to the newest, with FOPE/EOP edges.

Received headers are prepended by each server, so the bottom-most is the oldest.
The outbound edge (KB2590562) is the Microsoft host that handed the message to a
server outside Microsoft; that host's address is what a recipient's blacklist sees.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from fopegui.core.model import Header, Hop

_CLAUSE_WORDS = frozenset(("from", "by", "via", "with", "id", "for"))
_TOKEN = re.compile(r"\(|\)|\[[^\]]*\]|[^\s()\[\]]+")
_IP_CANDIDATE = re.compile(r"(?:IPv6:)?([0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]+)")
_HELO_IN_COMMENT = re.compile(r"\bhelo=([^\s)\]]+)", re.IGNORECASE)
_PAREN_COMMENT = re.compile(r"\([^()]*\)")

# Host-name patterns of Microsoft's hosted filtering, in the order they are tested.
# role: where the host sits in the service (see HEADERS.md).
_EDGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ehsobe\d*\.", re.I), "outbound"),
    (re.compile(r"\.outbound\.protection\.outlook\.com$", re.I), "outbound"),
    (re.compile(r"-obe\.outbound\.protection\.outlook\.com$", re.I), "outbound"),
    (re.compile(r"ehsmhs\d*\.", re.I), "inbound"),
    (re.compile(r"\.mail\.protection\.outlook\.com$", re.I), "inbound"),
    (re.compile(r"ehshub\d*\.", re.I), "hub"),
    (re.compile(r"\.bigfish\.com$", re.I), "internal"),
    (re.compile(r"^mail\d+-[a-z]+\d+(?:-r)?$", re.I), "internal"),  # FOPE Postfix nodes
    (re.compile(r"\.messaging\.microsoft\.com$", re.I), "internal"),
    (re.compile(r"\.protection\.outlook\.com$", re.I), "internal"),
    (re.compile(r"\.prod\.outlook\.com$", re.I), "internal"),
    (re.compile(r"\.outlook\.office365\.com$", re.I), "internal"),
)


def edge_role(host: str | None) -> str | None:
    """The FOPE/EOP role of a host name, or None for a host outside Microsoft's filtering."""
    if not host:
        return None
    host = host.rstrip(".")
    for pattern, role in _EDGE_PATTERNS:
        if pattern.search(host):
            return role
    return None


def _clauses(text: str) -> dict[str, list[str]]:
    """Split 'from X (c) by Y with Z id N for <a>' into clause word → tokens (comments kept)."""
    clauses: dict[str, list[str]] = {}
    current: list[str] | None = None
    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and token.lower() in _CLAUSE_WORDS and token.lower() not in clauses:
            current = clauses.setdefault(token.lower(), [])
            continue
        if current is not None:
            current.append(token)
    return clauses


def _first_ip(text: str) -> str | None:
    for m in _IP_CANDIDATE.finditer(text):
        candidate = m.group(1).strip(".:") if "." in m.group(1) else m.group(1)
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def _first_word(tokens: list[str]) -> str | None:
    for token in tokens:
        if token not in "()":
            return token.strip("[]<>;") or None
    return None


def _comment_text(tokens: list[str]) -> str:
    return " ".join(tokens)


def _parse_time(text: str) -> datetime | None:
    text = _PAREN_COMMENT.sub("", text).strip()
    if not text:
        return None
    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt.tzinfo is None:  # "-0000": zone unknown; treat as UTC so delays still compute
        dt = dt.replace(tzinfo=UTC)
    return dt


def parse_received(value: str, hop: int = 0, header_index: int = 0) -> tuple[Hop, datetime | None]:
    """One Received value → a Hop (numbering set by the caller) and its parsed time."""
    head, sep, date_text = value.rpartition(";")
    if not sep:
        head, date_text = value, ""
    clauses = _clauses(head)
    from_tokens = clauses.get("from", [])
    from_text = _comment_text(from_tokens)
    from_host = _first_word(from_tokens)
    comment = from_text[len(from_tokens[0]) :] if from_tokens else ""
    ip = None
    if from_host and (from_host[:1].isdigit() or ":" in from_host):  # an address literal
        ip = _first_ip(from_host)
    ip = ip or _first_ip(comment)
    helo = _HELO_IN_COMMENT.search(comment)
    rdns = None
    # "(name [ip])": the receiving server's reverse lookup of the connecting address.
    m = re.search(r"\(\s*([A-Za-z0-9.-]+)\s+\[", comment)
    if m:
        rdns = m.group(1)
    with_tokens = [t for t in clauses.get("with", []) if t not in "()"]
    with_proto = None
    if with_tokens:
        # "with Microsoft SMTP Server (version=...)": keep the words before any comment.
        words = []
        for token in clauses["with"]:
            if token == "(":
                break
            words.append(token)
        with_proto = " ".join(words) or with_tokens[0]
    when = _parse_time(date_text)
    by_host = _first_word(clauses.get("by", []))
    return (
        Hop(
            hop=hop,
            header_index=header_index,
            from_host=from_host,
            from_helo=helo.group(1) if helo else None,
            from_rdns=rdns,
            by_host=by_host,
            with_proto=with_proto,
            id=_first_word(clauses.get("id", [])),
            for_addr=_first_word(clauses.get("for", [])),
            ip=ip,
            time=when.isoformat() if when else None,
            raw=value,
        ),
        when,
    )


def received_chain(headers: list[Header]) -> list[Hop]:
    """All Received headers as hops, hop 1 the oldest, with delays and edges marked."""
    received = [h for h in headers if h.key == "received"]
    hops: list[Hop] = []
    previous: datetime | None = None
    for number, header in enumerate(reversed(received), 1):
        hop, when = parse_received(header.value, number, header.index)
        if when is not None and previous is not None:
            hop.delay_s = (when - previous).total_seconds()
        if when is not None:
            previous = when
        by_role = edge_role(hop.by_host)
        from_role = edge_role(hop.from_host)
        hop.fope_edge = by_role is not None
        hop.edge_role = by_role or from_role
        hops.append(hop)
    _mark_outbound_edge(hops)
    return hops


def _mark_outbound_edge(hops: list[Hop]) -> None:
    """Mark the hop in which a Microsoft outbound edge handed the message on."""
    # 1. A hop from a named outbound edge (EHSOBE / outbound.protection) to another host.
    for hop in reversed(hops):
        if edge_role(hop.from_host) == "outbound" and hop.by_host != hop.from_host:
            hop.is_outbound_edge = True
            return
    # 2. A named outbound edge that received the message (the newest such hop).
    for hop in reversed(hops):
        if edge_role(hop.by_host) == "outbound":
            hop.is_outbound_edge = True
            return
    # 3. The last Microsoft host before a host outside Microsoft.
    for hop in reversed(hops):
        if edge_role(hop.from_host) and not edge_role(hop.by_host) and hop.by_host:
            hop.is_outbound_edge = True
            return


def outbound_edge_host(hop: Hop) -> str | None:
    """The outbound edge server's name for a hop marked ``is_outbound_edge``."""
    if edge_role(hop.from_host) == "outbound" or not edge_role(hop.by_host):
        return hop.from_host
    return hop.by_host


def connecting_hop(hops: list[Hop]) -> Hop | None:
    """The first hop into Microsoft's filtering from outside: its from-IP is the sender (CIP)."""
    for hop in hops:
        if hop.fope_edge and not edge_role(hop.from_host) and hop.ip:
            try:
                if ipaddress.ip_address(hop.ip).is_loopback:
                    continue
            except ValueError:
                continue
            return hop
    return None
