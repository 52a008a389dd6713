"""Read a bounce (NDR / DSN): which blacklist rejected which IP, and who reported it.

``read_ndr(data) -> NdrInfo | None`` accepts the bytes of a delivery status
notification (RFC 3464 ``multipart/report``) or a plain-text bounce (Postfix, Exim, Exchange,
qmail …). It returns None when the message does not look like a bounce, and never raises.

What it finds:

- ``listings``: (zone, ip) pairs from texts such as ``blocked using ips.backscatterer.org``,
  ``Client host [192.0.2.1] blocked``, ``listed at/in/on ZONE``, ``see http://…?ip=IP``,
  each with the catalogue list when the zone is known (``list_id``/``list_name``);
- the machine-readable fields (Reporting-MTA, Remote-MTA, Status, Diagnostic-Code, Action,
  Final-Recipient) per recipient;
- ``reporting_mta``: the server that wrote the bounce — for KB2590562 the outbound edge server
  whose IP the recipient's blacklist rejected (e.g. ``TX2EHSOBE006.bigfish.com``);
- ``original``: the returned headers or message (``text/rfc822-headers`` /
  ``message/rfc822``) as bytes, so the original can be analysed too.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import ipaddress
import re
from dataclasses import dataclass, field

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core import mime_bytes
from fopegui.core.headers import decode_charset, decode_rfc2047
from fopegui.core.texts import Localized, Text, phrase, render

_MAX_SCAN = 16_000  # the rejection is near the top of a bounce; never scan more text than this

_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_IPV6 = r"[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+"
_ZONE = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}"

# (pattern, which group is the zone, which the ip) — the wordings seen in real bounces.
_LISTING_PATTERNS: list[tuple[re.Pattern[str], int | None, int | None]] = [
    # Postfix: "Client host [192.0.2.1] blocked using zen.spamhaus.org"
    (re.compile(rf"client host \[({_IPV4}|{_IPV6})\]\s+blocked\s+using\s+({_ZONE})", re.I), 2, 1),
    (re.compile(rf"blocked\s+using\s+({_ZONE})", re.I), 1, None),
    (re.compile(rf"client host \[({_IPV4}|{_IPV6})\]\s+blocked", re.I), None, 1),
    # Exim: "rejected because 192.0.2.1 is in a black list at zen.spamhaus.org"
    (re.compile(rf"({_IPV4})\s+is\s+in\s+a\s+black\s*list\s+at\s+({_ZONE})", re.I), 2, 1),
    # "192.0.2.1 is listed at/in/on ZONE", "listed in ZONE"
    (re.compile(rf"\[?({_IPV4})\]?\s+(?:is\s+)?listed\s+(?:at|in|on|by)\s+({_ZONE})", re.I), 2, 1),
    (re.compile(rf"listed\s+(?:at|in|on|by)\s+({_ZONE})", re.I), 1, None),
    # "see http://www.backscatterer.org/?ip=192.0.2.1"
    (re.compile(rf"https?://([A-Za-z0-9.-]+)/\S*?[?&](?:ip|ipr|query)=({_IPV4}|{_IPV6})", re.I),
     1, 2),
]  # fmt: skip

# The word each pattern above cannot match without (same order), and how far around it to look.
_KEYWORDS = ("blocked", "blocked", "blocked", "black", "listed", "listed", "http")
_WINDOW = 300

_BOUNCE_SUBJECT = re.compile(
    r"undeliver|returned mail|delivery status|delivery (?:has )?failed|failure notice|"
    r"mail delivery failed|non.?delivery|配信不能|配送不能|送信できません",
    re.I,
)
_BOUNCE_SENDER = re.compile(r"mailer-daemon|postmaster|mail delivery (?:system|subsystem)", re.I)
_MAIL_SYSTEM_HOST = re.compile(r"this is the mail system at host\s+([A-Za-z0-9.-]+)", re.I)
_GENERATING_SERVER = re.compile(r"generating server:\s*([A-Za-z0-9.-]+)", re.I)
_REMOTE_HOST = re.compile(rf"host\s+({_ZONE})\[({_IPV4}|{_IPV6})\]\s+said", re.I)
_ENHANCED_STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")
_SMTP_REPLY = re.compile(r"\b([45]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})?")


@dataclass(slots=True)
class NdrListing:
    """One rejection by a blacklist: the zone (if named) and the IP (if named)."""

    zone: str | None
    ip: str | None
    list_id: str | None = None
    list_name: str | None = None
    evidence: str = ""  # the sentence it was read from

    def to_json(self) -> dict:
        return {
            "zone": self.zone,
            "ip": self.ip,
            "list_id": self.list_id,
            "list_name": self.list_name,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class NdrRecipient:
    final_recipient: str | None = None
    action: str | None = None
    status: str | None = None
    remote_mta: str | None = None
    diagnostic_code: str | None = None

    def to_json(self) -> dict:
        return {
            "final_recipient": self.final_recipient,
            "action": self.action,
            "status": self.status,
            "remote_mta": self.remote_mta,
            "diagnostic_code": self.diagnostic_code,
        }


@dataclass(slots=True)
class NdrInfo:
    is_dsn: bool  # a multipart/report; delivery-status (machine-readable) bounce
    reporting_mta: str | None = None  # the server that wrote the bounce (outbound edge)
    remote_mta: str | None = None  # the server that refused the message
    remote_ip: str | None = None
    status: str | None = None  # enhanced status code, e.g. "5.7.1"
    smtp_code: str | None = None  # e.g. "554"
    diagnostic_code: str | None = None
    recipients: list[NdrRecipient] = field(default_factory=list)
    listings: list[NdrListing] = field(default_factory=list)
    original: bytes | None = None  # the returned headers / message, as found in the bounce
    original_type: str | None = None  # "text/rfc822-headers" | "message/rfc822" | ...
    subject: str | None = None
    summary: Localized = ""  # rendered where shown (core.texts)

    @property
    def ips(self) -> list[str]:
        return list(dict.fromkeys(x.ip for x in self.listings if x.ip))

    @property
    def zones(self) -> list[str]:
        return list(dict.fromkeys(x.zone for x in self.listings if x.zone))

    @property
    def blacklisted(self) -> bool:
        return bool(self.listings)

    def to_json(self, lang: str = "en") -> dict:
        return {
            "is_dsn": self.is_dsn,
            "reporting_mta": self.reporting_mta,
            "remote_mta": self.remote_mta,
            "remote_ip": self.remote_ip,
            "status": self.status,
            "smtp_code": self.smtp_code,
            "diagnostic_code": self.diagnostic_code,
            "recipients": [r.to_json() for r in self.recipients],
            "listings": [x.to_json() for x in self.listings],
            "ips": self.ips,
            "zones": self.zones,
            "original_type": self.original_type,
            "original_size": len(self.original) if self.original is not None else None,
            "subject": self.subject,
            "summary": render(self.summary, lang),
        }


def read_ndr(data: bytes) -> NdrInfo | None:
    """The bounce facts in ``data``, or None if it is not a bounce. Never raises."""
    try:
        return _read(data)
    except Exception:  # junk input must never crash the caller
        return None


def _read(data: bytes) -> NdrInfo | None:
    if not isinstance(data, bytes | bytearray) or not data:
        return None
    msg = email.message_from_bytes(bytes(data), policy=email.policy.compat32)
    is_dsn = msg.get_content_type() == "multipart/report" and (
        (msg.get_param("report-type") or "").lower() == "delivery-status"
    )
    texts: list[str] = []
    status_blocks: list[email.message.Message] = []
    original: bytes | None = None
    original_type: str | None = None
    for part in _parts(msg):
        ctype = part.get_content_type()
        if ctype in ("message/delivery-status", "message/global-delivery-status"):
            status_blocks.extend(_status_blocks(part))
        elif ctype in ("text/rfc822-headers", "text/rfc822-header") and original is None:
            original, original_type = _raw_payload(part), ctype
        elif ctype in ("message/rfc822", "message/global") and original is None:
            original, original_type = _embedded_message(part), ctype
        elif ctype.startswith("text/") and not texts_full(texts):
            texts.append(_text(part))
    if original_type is not None:
        # The parser above re-serialises a returned message (LF, refolded): take its bytes
        # exactly as the bounce carries them.
        original = mime_bytes.first_body(data, original_type) or original
    if original is None:
        original, original_type = _inline_original(texts)
    subject = _header(msg, "Subject")
    sender = _header(msg, "From") or ""
    body = "\n".join(texts)[:_MAX_SCAN]
    diag_texts = [body]
    recipients = [_recipient(b) for b in status_blocks if _is_recipient_block(b)]
    per_message = next((b for b in status_blocks if not _is_recipient_block(b)), None)
    for r in recipients:
        if r.diagnostic_code:
            diag_texts.append(r.diagnostic_code)

    listings = _listings("\n".join(diag_texts))
    bounce_like = (
        is_dsn
        or bool(listings)
        or (subject is not None and bool(_BOUNCE_SUBJECT.search(subject)))
        or bool(_BOUNCE_SENDER.search(sender))
    )
    if not bounce_like:
        return None

    info = NdrInfo(is_dsn=is_dsn, subject=subject, original=original)
    info.original_type = original_type
    info.recipients = recipients
    info.listings = listings
    info.reporting_mta = _reporting_mta(per_message, body, sender, msg)
    first = recipients[0] if recipients else NdrRecipient()
    info.remote_mta = first.remote_mta
    info.diagnostic_code = first.diagnostic_code
    info.status = first.status
    remote = _REMOTE_HOST.search(body)
    if remote:
        info.remote_mta = info.remote_mta or remote.group(1)
        info.remote_ip = remote.group(2)
    diag = info.diagnostic_code or body
    reply = _SMTP_REPLY.search(diag)
    if reply:
        info.smtp_code = reply.group(1)
        info.status = info.status or reply.group(2)
    if not info.status:
        enhanced = _ENHANCED_STATUS.search(diag)
        info.status = enhanced.group(1) if enhanced else None
    info.summary = _summary(info)
    return info


def _parts(msg: email.message.Message, depth: int = 0):
    """The leaf parts of the bounce itself: no descent into the returned message or the
    delivery-status blocks (their lines are fields, not text)."""
    ctype = msg.get_content_type()
    payload = msg.get_payload()
    if depth < 20 and ctype.startswith("multipart/") and isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, email.message.Message):
                yield from _parts(sub, depth + 1)
    else:
        yield msg


_ORIGINAL_MARKERS = re.compile(
    r"^[ -]*(?:This is a copy of the message, including all the headers\.|"
    r"Original message headers:|-+ ?(?:Original message|Below this line is a copy of the message"
    r"\.?) ?-*)[ -]*$",
    re.I | re.M,
)


def _inline_original(texts: list[str]) -> tuple[bytes | None, str | None]:
    """The original quoted inside a plain-text bounce (Exim, qmail, Exchange's text part)."""
    for text in texts:
        found = _ORIGINAL_MARKERS.search(text)
        if found:
            rest = text[found.end() :].lstrip("\r\n")
            if rest.strip():
                return rest.encode("utf-8"), "text/plain"
    return None, None


def texts_full(texts: list[str]) -> bool:
    return sum(len(t) for t in texts) > _MAX_SCAN


def _header(msg: email.message.Message, name: str) -> str | None:
    value = msg.get(name)
    if value is None:
        return None
    text, _problems = decode_rfc2047(str(value))  # never raises, whatever the charset
    return " ".join(text.split())


def _text(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    # idna, punycode or a NUL in the charset name must not lose the bounce (decode_charset
    # reads anything it cannot use as UTF-8).
    return decode_charset(payload, part.get_content_charset() or "utf-8")[0]


def _raw_payload(part: email.message.Message) -> bytes | None:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else None


def _embedded_message(part: email.message.Message) -> bytes | None:
    inner = part.get_payload()
    if isinstance(inner, list) and inner:
        inner = inner[0]
    if isinstance(inner, email.message.Message):
        return inner.as_bytes(policy=email.policy.compat32)
    if isinstance(inner, str):
        return inner.encode("utf-8", "surrogateescape")
    return None


def _status_blocks(part: email.message.Message) -> list[email.message.Message]:
    """The header blocks of a delivery-status part (per-message block first)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, email.message.Message)]
    if isinstance(payload, str):
        blocks = re.split(r"\r?\n\s*\r?\n", payload.strip())
        return [email.message_from_string(b + "\n") for b in blocks if b.strip()]
    return []


def _is_recipient_block(block: email.message.Message) -> bool:
    return any(block.get(k) for k in ("Final-Recipient", "Original-Recipient", "Action"))


def _field_value(block: email.message.Message, name: str) -> str | None:
    """``dns; host`` / ``rfc822; addr`` / ``smtp; 554 …`` → the part after the type, unfolded."""
    value = block.get(name)
    if value is None:
        return None
    text = " ".join(str(value).split())
    kind, sep, rest = text.partition(";")
    return rest.strip() if sep and " " not in kind.strip() else text


def _recipient(block: email.message.Message) -> NdrRecipient:
    return NdrRecipient(
        final_recipient=_field_value(block, "Final-Recipient"),
        action=_field_value(block, "Action"),
        status=_field_value(block, "Status"),
        remote_mta=_field_value(block, "Remote-MTA"),
        diagnostic_code=_field_value(block, "Diagnostic-Code"),
    )


def _reporting_mta(per_message, body: str, sender: str, msg) -> str | None:
    if per_message is not None:
        value = _field_value(per_message, "Reporting-MTA")
        if value:
            return value
    for pattern in (_MAIL_SYSTEM_HOST, _GENERATING_SERVER):
        found = pattern.search(body)
        if found:
            return found.group(1).rstrip(".")
    at = re.search(r"(?:mailer-daemon|postmaster)@([A-Za-z0-9.-]+)", sender, re.I)
    return at.group(1) if at else None


def _valid_ip(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _listings(text: str) -> list[NdrListing]:
    """Every (zone, ip) the text names; pairs merged, catalogue lists named."""
    flat = " ".join(text.split())
    lower = flat.lower()
    found: list[NdrListing] = []
    for (pattern, zone_group, ip_group), word in zip(_LISTING_PATTERNS, _KEYWORDS, strict=True):
        for m in _near(pattern, flat, lower, word):
            zone = m.group(zone_group).lower().rstrip(".") if zone_group else None
            ip = _valid_ip(m.group(ip_group)) if ip_group else None
            if ip_group and ip is None:
                continue
            lst = cat.find_zone(zone) if zone else None
            if zone and lst is None and pattern is _LISTING_PATTERNS[-1][0]:
                lst = _list_by_site(zone)
                zone = lst.zone if lst else None
            evidence = m.group(0)
            found.append(
                NdrListing(zone, ip, lst.id if lst else None, lst.name if lst else None, evidence)
            )
    return _merge(found)


def _near(pattern: re.Pattern[str], flat: str, lower: str, word: str):
    """Matches of ``pattern`` in windows around each occurrence of ``word``.

    Scanning whole bodies with these patterns is slow; every wording contains its keyword.
    """
    pos = lower.find(word)
    while pos >= 0:
        window_start = max(0, pos - _WINDOW)
        yield from pattern.finditer(flat, window_start, pos + len(word) + _WINDOW)
        pos = lower.find(word, pos + _WINDOW)


def _list_by_site(host: str) -> cat.DnsblList | None:
    """The catalogue list whose lookup/delist site is ``host`` (URLs in bounces)."""
    host = host.lower().removeprefix("www.")
    for lst in cat.lists():
        for url in (lst.lookup_url, lst.delist_url):
            if url and re.match(rf"https?://(?:www\.)?{re.escape(host)}[/:?]", url, re.I):
                return lst
    return None


def _merge(found: list[NdrListing]) -> list[NdrListing]:
    """One entry per zone/ip: an IP-only hit fills the zone-only hit of the same sentence."""
    merged: list[NdrListing] = []
    for item in found:
        match = next(
            (
                m
                for m in merged
                if (item.zone and m.zone == item.zone and (m.ip in (None, item.ip) or not item.ip))
                or (item.ip and m.ip == item.ip and (m.zone is None or item.zone is None))
            ),
            None,
        )
        if match is None:
            merged.append(item)
            continue
        match.zone = match.zone or item.zone
        match.ip = match.ip or item.ip
        match.list_id = match.list_id or item.list_id
        match.list_name = match.list_name or item.list_name
    return merged


def _summary(info: NdrInfo) -> Text:
    if info.listings:
        shown = ", ".join(f"{x.ip or '?'} @ {x.list_name or x.zone or '?'}" for x in info.listings)
        return phrase("ndr", "blacklisted", listings=shown, by=info.reporting_mta or "?")
    if info.status:
        return phrase("ndr", "failure", status=info.status)
    return phrase("ndr", "failure_unknown")
