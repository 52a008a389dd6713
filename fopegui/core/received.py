"""The Received chain: hops from the oldest (1) to the newest, with FOPE/EOP edges.

Received headers are prepended by each server, so the bottom-most is the oldest.
The outbound edge (KB2590562) is the Microsoft host that handed the message to a
server outside Microsoft; that host's address is what a recipient's blacklist sees.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from fopegui.core.addresses import is_checkable, normalise
from fopegui.core.model import Header, HeaderIndex, Hop

# A hop that took this long is worth a finding (servers queue mail for minutes, not hours).
SLOW_HOP_S = 600
# A negative delay smaller than this is ordinary clock drift between two servers.
CLOCK_DRIFT_S = 60

# Hop states (hop_state): what a view marks on a hop's delay.
SLOW = "slow"  # waited SLOW_HOP_S or longer
SKEW = "skew"  # timed more than CLOCK_DRIFT_S before the previous hop: the clocks disagree
DRIFT = "drift"  # timed a little before the previous hop: ordinary drift between clocks

# Comments nest at most twice in practice; possessive quantifiers keep hostile input linear.
_COMMENT = re.compile(r"\((?:[^()]++|\([^()]*+\))*+\)")
# Matched on lower-cased ASCII text (faster than re.I); lower() may change the length of
# non-ASCII text, which would shift positions, so that case keeps re.I.
# A clause word stands between white space (or the ends): "mail.by.example" holds none.
# That is checked in Python on each candidate: look-arounds in the pattern would be tried
# at every position of the text, a quarter more work for the regex engine.
_KEYWORD = re.compile(r"from|by|via|with|id|for")
_KEYWORD_ANY_CASE = re.compile(r"from|by|via|with|id|for", re.I)
_RDNS_IN_COMMENT = re.compile(r"^\(\s*([A-Za-z0-9.-]+)\s+\[")
_IP_CANDIDATE = re.compile(r"(?:IPv6:)?([0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]+)")
# Servers write the connecting address in brackets or parentheses: "[192.0.2.1]", "(2001:db8::1)".
_BRACKETED_IP = re.compile(r"[\[(]\s*(?:IPv6:)?([0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]+)\s*[\])]")
_HELO_IN_COMMENT = re.compile(r"\bhelo=([^\s)\]]+)", re.IGNORECASE)
_PAREN_COMMENT = re.compile(r"\([^()]*\)")
_IPV4 = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}")
# RFC 5322 date as servers write it, with a numeric zone or GMT / UT / UTC (RFC 822's names
# of +0000: 2-12 % of the Received dates of two kernel list archives); anything else goes to
# the standard library's parser.
_DATE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})"
    r"(?::(\d{2})(?:\.\d{1,9})?)?\s+(?:([+-])(\d{2})(\d{2})|(?i:GMT|UTC?))"
    r"\s*(?:\([^()]*\))?\s*$"
)
# The same date anywhere in a Received without ";" (some servers omit it).
_DATE_INSIDE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
    r"\s+[+-]\d{4}(?:\s*\([^()]*\))?"
)
# ISO 8601 and Go's layout: "2023-07-28 19:32:25.928 +0000 UTC" (SendGrid), "…T…Z".
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2})?"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

# Host-name patterns of Microsoft's hosted filtering, in the order they are tested.
# role: where the host sits in the service (see HEADERS.md).
_EDGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ehsobe\d*\.", re.I), "outbound"),
    (re.compile(r"\.outbound\.protection\.outlook\.com$", re.I), "outbound"),
    # FOPE's outbound pools and their public names (2008–2013 mail):
    # outbound-va3.frontbridge.com, mail-db8lp0188.outbound.messaging.microsoft.com,
    # co9outboundpool.messaging.microsoft.com (the HELO), mail-dub.bigfish.com.
    (re.compile(r"^outbound-[a-z0-9-]+\.frontbridge\.com$", re.I), "outbound"),
    (re.compile(r"\.outbound\.messaging\.microsoft\.com$", re.I), "outbound"),
    (re.compile(r"outbound[a-z]*pool\d*\.messaging\.microsoft\.com$", re.I), "outbound"),
    (re.compile(r"^mail-[a-z]+\d*\.bigfish\.com$", re.I), "outbound"),
    (re.compile(r"\.frontbridge\.com$", re.I), "internal"),
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


@lru_cache(maxsize=4096)  # host names repeat across hops and messages
def edge_role(host: str | None) -> str | None:
    """The FOPE/EOP role of a host name, or None for a host outside Microsoft's filtering."""
    if not host:
        return None
    host = host.rstrip(".")
    for pattern, role in _EDGE_PATTERNS:
        if pattern.search(host):
            return role
    return None


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _clauses(text: str) -> dict[str, tuple[str, str]]:
    """'from X (c) by Y with Z id N for <a>' → clause word → (text, text with comments blanked).

    Comments are blanked in place (same length) so keyword positions found in the masked
    text index the original; keywords inside comments are ignored.
    """
    masked = _COMMENT.sub(_blank, text) if "(" in text else text
    found: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    if masked.isascii():
        matches = _KEYWORD.finditer(masked.lower())
    else:
        matches = _KEYWORD_ANY_CASE.finditer(masked)
    size = len(masked)
    for m in matches:
        start, end = m.span()
        if start and not masked[start - 1].isspace():
            continue
        if end < size and not masked[end].isspace():
            continue
        word = m.group().lower()
        if word not in seen:
            seen.add(word)
            found.append((word, start, end))
    clauses = {}
    for i, (word, _, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(text)
        clauses[word] = (text[end:stop], masked[end:stop])
    return clauses


# The shape of nearly all Received heads (99.7 % of a kernel list archive's, 98.8 % of a
# phishing archive's): "from H (comment) by B (comment) with W… (comment) id I (comment) via V…
# (comment) for F (comment)", every clause but "by" optional (a list server's own hop starts
# with a comment instead of "from", and has "via" before "id"), comments after each, no
# other word a clause word ("via" is read by no field: where it stands only ends a clause). One
# match reads such a head as :func:`_clauses` and :func:`_first_word` do (a third of the
# time); any other head goes that general way. tests/core/test_received_route.py compares
# the two ways on generated heads.
_ROUTE_WORD = r"(?!(?i:from|by|via|with|id|for)(?![^\s()]))[^\s()]+"
_ROUTE_COMMENTS = rf"(?:\s+{_COMMENT.pattern})*+"


def _route_clause(keyword: str, words: str) -> str:
    """The pattern of one optional clause of :data:`_ROUTE`: its word, what it reads, and
    the comments after it."""
    return rf"(?:\s+(?i:{keyword})\s+{words}{_ROUTE_COMMENTS})?"


_ROUTE = re.compile(
    # the from clause (the clause, its word), or a comment, or neither
    rf"\s*(?:(?i:from)\s+(({_ROUTE_WORD}){_ROUTE_COMMENTS})\s+|{_COMMENT.pattern}\s+)?"
    + rf"(?i:by)\s+({_ROUTE_WORD}){_ROUTE_COMMENTS}"
    + _route_clause("with", rf"({_ROUTE_WORD}(?:\s+{_ROUTE_WORD})*+)")
    + _route_clause("via", rf"{_ROUTE_WORD}(?:\s+{_ROUTE_WORD})*+")  # a list server's
    + _route_clause("id", f"({_ROUTE_WORD})")
    + _route_clause("via", rf"{_ROUTE_WORD}(?:\s+{_ROUTE_WORD})*+")  # Exchange's
    + _route_clause("for", f"({_ROUTE_WORD})")
    + r"\s*"
)
_WORD_EDGES = "[]<>;()"  # what _first_word strips from a word

# (from host, the from clause's comment, by host, with, id, for) of a head.
Route = tuple[str | None, str, str | None, str | None, str | None, str | None]


def _route(head: str) -> Route:
    return _simple_route(head) or _general_route(head)


def _simple_route(head: str) -> Route | None:
    """The route of a head of the usual shape (:data:`_ROUTE`), else None."""
    m = _ROUTE.fullmatch(head) if head.isascii() else None
    if m is None:
        return None
    from_text, from_word, by_word, with_words, id_word, for_word = m.groups()
    edges = _WORD_EDGES
    from_host = from_word.strip(edges) if from_word else from_word
    by_host = by_word.strip(edges)  # "by" is the one clause the shape requires
    id_word = id_word.strip(edges) if id_word else id_word
    for_word = for_word.strip(edges) if for_word else for_word
    if not (by_host and from_host != "" and id_word != "" and for_word != ""):
        return None  # a word of brackets alone: the general reading looks further
    return (
        from_host,
        _sender_comment(from_host, from_text) if from_text else "",
        by_host,
        " ".join(with_words.split()) if with_words else None,
        id_word,
        for_word,
    )


def _general_route(head: str) -> Route:
    clauses = _clauses(head)
    no_clause = ("", "")
    from_text, from_masked = clauses.get("from", no_clause)
    from_host = _first_word(from_masked)
    return (
        from_host,
        _sender_comment(from_host, from_text),
        _first_word(clauses.get("by", no_clause)[1]),
        " ".join(clauses.get("with", no_clause)[1].split()) or None,
        _first_word(clauses.get("id", no_clause)[1]),
        _first_word(clauses.get("for", no_clause)[1]),
    )


def _sender_comment(from_host: str | None, from_text: str) -> str:
    """What follows the sending host's name in its clause: "(rdns [ip])", "(helo=…)"."""
    return from_text.split(None, 1)[1].strip() if from_host and " " in from_text.strip() else ""


# Remembered per (from host, comment): the same relays send hop after hop. Bounded: a
# hostile mailbox may name millions.
@lru_cache(maxsize=4096)
def _sender_facts(
    from_host: str | None, comment: str
) -> tuple[str | None, str | None, str | None]:
    """(address, HELO, reverse DNS name) the from clause records."""
    ip = None
    if from_host and (from_host[:1].isdigit() or ":" in from_host):  # an address literal
        ip = _first_ip(from_host)
    ip = ip or _first_ip(comment, _BRACKETED_IP)
    helo = _HELO_IN_COMMENT.search(comment) if "=" in comment else None  # (re.I is slow)
    rdns = _RDNS_IN_COMMENT.search(comment) if comment else None
    return (
        ip,
        helo.group(1) if helo else None,
        rdns.group(1) if rdns else None,  # the receiver's lookup: "(name [ip])"
    )


def _first_ip(text: str, pattern: re.Pattern[str] = _IP_CANDIDATE) -> str | None:
    for m in pattern.finditer(text):
        candidate = m.group(1)
        dotted = candidate.strip(".:")  # "192.0.2.1." or "192.0.2.1:25" written loosely
        if ":" not in dotted:
            if _IPV4.fullmatch(dotted) and all(int(o) < 256 for o in dotted.split(".")):
                return dotted  # the common case, without ipaddress's overhead
            continue
        # IPv6, or IPv4-mapped IPv6 ("::ffff:65.55.88.14"): its leading colons are part of it.
        canonical = _canonical_ip(candidate.rstrip(".")) or _canonical_ip(dotted)
        if canonical:
            return canonical
    return None


def _canonical_ip(candidate: str) -> str | None:
    """The address in canonical form; IPv4-mapped IPv6 (``::ffff:192.0.2.1``) as IPv4."""
    return normalise(candidate)


def _first_word(text: str) -> str | None:
    for word in text.split():
        word = word.strip("[]<>;()")
        if word:
            return word
    return None


@lru_cache(maxsize=64)
def _zone(sign: str, hours: int, minutes: int) -> timezone:
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if sign == "-" else offset)


def _iso_time(m: re.Match[str]) -> datetime | None:
    year, month, day, hh, mm, ss, zone = m.groups()
    if not zone or zone == "Z":
        tz = UTC
    else:
        zone = zone.replace(":", "")
        tz = _zone(zone[0], int(zone[1:3]), int(zone[3:5]))
    try:
        return datetime(int(year), int(month), int(day), int(hh), int(mm), int(ss), tzinfo=tz)
    except ValueError:
        return None


def _parse_time(text: str) -> datetime | None:
    # An ISO date has two hyphens; a zone alone ("-0700", a third of the dates) has one.
    maybe_iso = "-" in text[:40] and text.count("-", 0, 200) > 1
    iso = _ISO_DATE.search(text, 0, 200) if maybe_iso else None
    if iso is not None:
        return _iso_time(iso)
    m = _DATE.match(text.strip())
    if m:
        day, mon, year, hh, mm, ss, sign, zh, zm = m.groups()
        month = _MONTHS.get(mon.lower())
        if month:
            try:
                return datetime(
                    int(year),
                    month,
                    int(day),
                    int(hh),
                    int(mm),
                    int(ss or 0),
                    tzinfo=_zone(sign, int(zh), int(zm)) if sign else UTC,
                )
            except ValueError:
                pass
    text = _PAREN_COMMENT.sub("", text).strip()
    if not text:
        return None
    # Only dates the patterns above miss get here; email.utils costs 7 ms of imports at start.
    from email.utils import parsedate_to_datetime

    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt.tzinfo is None:  # "-0000": zone unknown; treat as UTC so delays still compute
        dt = dt.replace(tzinfo=UTC)
    return dt


# Remembered per text: a message's hops often stamp the same second, and one host stamps
# many messages (one in five dates repeats in a folder of list mail). Bounded as the sender
# facts are; datetimes never change.
@lru_cache(maxsize=4096)
def _time_of(text: str) -> tuple[datetime | None, str | None]:
    """A date written in a Received: its time, and that time in ISO 8601."""
    when = _parse_time(text)
    return when, when.isoformat() if when else None


def _split_undelimited_date(value: str) -> tuple[str, str]:
    """A Received without ";" before its date: the last date written in it ends the clauses."""
    found = None
    for pattern in (_DATE_INSIDE, _ISO_DATE):
        for m in pattern.finditer(value):
            found = m if found is None or m.start() > found.start() else found
    if found is None:
        return value, ""
    return value[: found.start()], value[found.start() :]


def parse_received(value: str, hop: int = 0, header_index: int = 0) -> tuple[Hop, datetime | None]:
    """One Received value → a Hop (numbering set by the caller) and its parsed time."""
    head, sep, date_text = value.rpartition(";")
    if not sep:
        head, date_text = _split_undelimited_date(value)
    from_host, comment, by_host, with_proto, id_word, for_addr = _route(head)
    ip, helo, rdns = _sender_facts(from_host, comment)
    when, written = _time_of(date_text)
    # In Hop's field order (positional: a third of the cost of naming twelve arguments).
    # with_proto: "with Microsoft SMTP Server (…)" gives the words outside comments.
    found = Hop(hop, header_index, from_host, helo, rdns, by_host, with_proto, id_word, for_addr,
                ip, written, value)  # fmt: skip
    return found, when


def received_chain(headers: list[Header], index: HeaderIndex | None = None) -> list[Hop]:
    """All Received headers as hops, hop 1 the oldest, with delays and edges marked.
    ``index``: the headers' (model.index_headers), if the caller has it."""
    if index is None:
        received = [h for h in headers if h.key == "received"]
    else:
        received = index.get("received", [])
    hops: list[Hop] = []
    roles: list[tuple[str | None, str | None]] = []  # (sender's, receiver's) of each hop
    previous: datetime | None = None
    for number, header in enumerate(reversed(received), 1):
        hop, when = parse_received(header.value, number, header.index)
        if when is not None and previous is not None:
            hop.delay_s = (when - previous).total_seconds()
        if when is not None:
            previous = when
        by_role = edge_role(hop.by_host)
        from_role = sender_role(hop)
        hop.fope_edge = by_role is not None
        # The hop into Microsoft from outside is the inbound edge, whatever the host's name.
        hop.edge_role = "inbound" if by_role and not from_role else (by_role or from_role)
        hops.append(hop)
        roles.append((from_role, by_role))
    _mark_outbound_edge(hops, roles)
    return hops


def sender_role(hop: Hop) -> str | None:
    """The Microsoft role of the host that sent in this hop: the receiver's own reverse
    lookup (``from HELO (rdns [IP])``) when it names a Microsoft host, else the HELO name."""
    return edge_role(hop.from_rdns) or edge_role(hop.from_host)


def _mark_outbound_edge(hops: list[Hop], roles: list[tuple[str | None, str | None]]) -> None:
    """Mark the hop in which a Microsoft outbound edge handed the message on (``roles``: the
    sender's and the receiver's role of each hop, as :func:`received_chain` found them).

    Preferred, newest first: (1) a hop from a Microsoft host to a host outside Microsoft —
    the receiving server recorded the edge's address, the one its blacklist saw (KB2590562);
    (2) a hop from a named outbound edge to another Microsoft tenant's inbound server, which
    recorded it likewise; only then (3) a hop *by* a named outbound edge, which records no
    address of the edge itself.
    """
    newest_first = list(zip(reversed(hops), reversed(roles), strict=True))
    for hop, (from_role, by_role) in newest_first:
        if from_role and hop.by_host and not by_role:
            hop.is_outbound_edge = True
            return
    for hop, (from_role, by_role) in newest_first:
        if from_role == "outbound" and by_role == "inbound":
            hop.is_outbound_edge = True
            return
    for hop, (_, by_role) in newest_first:
        if by_role == "outbound":
            hop.is_outbound_edge = True
            return


def outbound_edge_host(hop: Hop) -> str | None:
    """The outbound edge server's name for a hop marked ``is_outbound_edge``."""
    if sender_role(hop) == "outbound" or not edge_role(hop.by_host):
        return hop.from_rdns if edge_role(hop.from_rdns) else hop.from_host
    return hop.by_host


def outbound_edge_ip(hop: Hop) -> str | None:
    """The edge's address as the next, external hop recorded it — never a private or
    placeholder address (inside FOPE/EOP hosts have 10.x addresses no blacklist sees). A hop
    *by* the edge records the sender's address instead, so it gives none."""
    if outbound_edge_host(hop) not in (hop.from_host, hop.from_rdns):
        return None
    return hop.ip if is_checkable(hop.ip) else None


def connecting_hop(hops: list[Hop]) -> Hop | None:
    """The first hop into Microsoft's filtering from outside: its from-IP is the sender (CIP)."""
    for hop in hops:
        if hop.fope_edge and not sender_role(hop) and is_checkable(hop.ip):
            return hop
    return None


# --- timing, for the views ----------------------------------------------------------------


def hop_state(hop: Hop) -> str | None:
    """:data:`SLOW`, :data:`SKEW`, :data:`DRIFT` or None (an ordinary delay, or no delay)."""
    delay = hop.delay_s
    if delay is None:
        return None
    if delay < -CLOCK_DRIFT_S:
        return SKEW
    if delay < 0:
        return DRIFT
    if delay >= SLOW_HOP_S:
        return SLOW
    return None


def hop_instant(hop: Hop) -> datetime | None:
    """The hop's time as an aware datetime (in the zone the server wrote), or None."""
    if not hop.time:
        return None
    try:
        when = datetime.fromisoformat(hop.time)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def normalised_time(hop: Hop, zone: tzinfo | None = UTC) -> datetime | None:
    """The hop's time in one zone, so hops written in different zones read alike: UTC by
    default, the machine's local zone with ``zone=None``."""
    when = hop_instant(hop)
    if when is None:
        return None
    try:
        return when.astimezone(zone)
    except (OverflowError, ValueError):  # year 1 or 9999 shifted out of range
        return None


def total_delivery_s(hops: list[Hop]) -> float | None:
    """Seconds from the first timed hop to the last (hop order, not clock order: with clock
    skew the figure is what the servers' clocks say). None with fewer than two timed hops."""
    timed = [when for when in map(hop_instant, hops) if when is not None]
    if len(timed) < 2:
        return None
    return (timed[-1] - timed[0]).total_seconds()
