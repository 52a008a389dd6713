"""Whose verdict is this? The stamps of the reader's own filter vs. the sender's carried along.

A message can carry several Microsoft stamps:

- the **reader's** filter: the topmost trusted ``X-Forefront-Antispam-Report`` with
  ``DIR:INB`` (or ``INT``), and the mailbox's own headers (``X-MS-Exchange-Organization-SCL``,
  ``X-Microsoft-Antispam-Mailbox-Delivery``) — consumer Outlook.com mail often has only those;
- the **sending** tenant's outbound stamp (``DIR:OUT``), which every message sent from
  Microsoft 365 carries to any recipient, Microsoft or not; on it ``CIP:255.255.255.255`` is
  a placeholder and ``H:`` is the sender's own mailbox server;
- ``…-Untrusted`` copies: the sending tenant's stamps as the receiving tenant saw them, never
  the reader's verdict;
- FOPE-era stamps (``X-BigFish``, the legacy ``X-Forefront-Antispam-Report``) carry no
  ``DIR``; the route says it: FOPE handed inbound mail to its customer through a hub server
  (``*EHSHUB*``), and sent a customer's outbound mail to the Internet through an outbound edge
  (``*EHSOBE*``, ``outbound-*.frontbridge.com``, ``*outbound*.messaging.microsoft.com``).
  Without such a hop the headers do not say whose stamps they are.

:func:`read_stamps` decides once which stamp the verdict reads; the diagnosis, the report's
``eop`` section, the reputation findings and the views all use that one reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from fopegui.core.decoders.common import parse_int
from fopegui.core.model import Header, HeaderIndex, Hop, first_of, headers_of, index_headers
from fopegui.core.received import edge_role, sender_role

Whose = Literal["reader", "sender"]

XFAR = "x-forefront-antispam-report"
XFAR_UNTRUSTED = "x-forefront-antispam-report-untrusted"
XMA = "x-microsoft-antispam"
XMA_UNTRUSTED = "x-microsoft-antispam-untrusted"
MAILBOX_DELIVERY = "x-microsoft-antispam-mailbox-delivery"
ORG_SCL = "x-ms-exchange-organization-scl"
ORG_BCL = "x-ms-exchange-organization-bcl"
DIRECTIONALITY = "x-ms-exchange-organization-messagedirectionality"
_DIRECTIONS = {"INB": "inbound", "OUT": "outbound", "INT": "internal"}
_DIRECTIONALITY = {"incoming": "inbound", "originating": "internal"}
# Keys only the FOPE-era report carries; EOP's carries SFV/SCL/DIR/CAT.
_LEGACY_KEYS = {"IPVD", "KIP", "UIP", "EFVD"}
_EOP_KEYS = {"SFV", "SCL", "DIR", "CAT", "SRV", "SFTY", "CTRY", "LANG"}


@dataclass(slots=True)
class Stamp:
    """One X-Forefront-Antispam-Report (or its -Untrusted copy), as written."""

    header: Header
    facts: dict[str, str]  # upper-case keys, first occurrence of a key
    trusted: bool

    @property
    def direction(self) -> str | None:
        return _DIRECTIONS.get(self.facts.get("DIR", "").upper())

    @property
    def legacy(self) -> bool:
        keys = set(self.facts)
        return bool(keys & _LEGACY_KEYS) and not keys & _EOP_KEYS


@dataclass(slots=True)
class Reading:
    """The stamps the verdict reads, and the ones it does not."""

    filter: str | None = None  # "fope" | "eop"
    direction: str | None = None
    whose: Whose | None = None  # None: the headers do not say (FOPE era)
    stamp: Stamp | None = None  # the X-Forefront-Antispam-Report read, if any
    scl: int | None = None
    scl_header: Header | None = None  # the header the SCL was read from (its fields explain it)
    bcl: int | None = None
    pcl: int | None = None
    mailbox: dict[str, str] | None = None  # X-Microsoft-Antispam-Mailbox-Delivery, lower keys
    bigfish: dict[str, Any] | None = None
    spam_score: int | None = None
    custom_spam: str | None = None
    asf_option: str | None = None
    not_read: list[Stamp] = field(default_factory=list)  # sender's / untrusted stamps

    @property
    def scl_from(self) -> str | None:
        """The name of the header the SCL was read from, as written."""
        return self.scl_header.name if self.scl_header else None

    @property
    def facts(self) -> dict[str, str]:
        return self.stamp.facts if self.stamp else {}

    def fact(self, key: str) -> str | None:
        value = self.facts.get(key)
        return value if value else None

    @property
    def sender_stamp(self) -> Stamp | None:
        """The sending tenant's outbound stamp carried along, when the verdict reads another."""
        return next((s for s in self.not_read if s.direction == "outbound"), None) or next(
            iter(self.not_read), None
        )


def read_stamps(
    headers: list[Header], hops: list[Hop] | None = None, index: HeaderIndex | None = None
) -> Reading:
    """Decide whose verdict the headers carry (see the module docstring). ``hops``: the
    Received chain (core.received), which places FOPE-era stamps; ``index``: the headers'
    (model.index_headers), if the caller has it."""
    if index is None:
        index = index_headers(headers)
    stamps = [
        Stamp(h, h.data.get("antispam") or h.data.get("antispam_untrusted") or {}, h.key == XFAR)
        for h in headers_of(headers, index, XFAR, XFAR_UNTRUSTED)
    ]
    trusted = [s for s in stamps if s.trusted]
    org_scl = first_of(index, ORG_SCL)
    mailbox = first_of(index, MAILBOX_DELIVERY)
    reader_evidence = org_scl is not None or mailbox is not None
    reading = Reading()
    top = trusted[0] if trusted else None
    if top is not None and (top.direction != "outbound" or not reader_evidence):
        reading.stamp = top
        reading.whose = _whose(top, reader_evidence)
        reading.direction = top.direction
    elif reader_evidence:
        reading.whose = "reader"
        reading.direction = _directionality(index) or "inbound"
    elif stamps:  # only the sender's -Untrusted copy came along
        reading.stamp = stamps[0]
        reading.whose = "sender"
        reading.direction = stamps[0].direction or "outbound"
    reading.not_read = [s for s in stamps if s is not reading.stamp]
    if reading.whose == "reader" and reading.direction is None:
        reading.direction = _directionality(index)
    _levels(reading, headers, index, org_scl)
    reading.mailbox = mailbox.data.get("mailbox_delivery") if mailbox and reading.whose else None
    _fope(reading, index)
    if reading.filter == "fope" and reading.direction is None:
        _fope_route(reading, hops or [])
    return reading


def _first_read(index: HeaderIndex, key: str, fact: str) -> dict[str, Any] | None:
    """The decoder's facts of the first ``key`` header with a value for ``fact``."""
    return next((h.data for h in index.get(key, ()) if h.data.get(fact) is not None), None)


def _fope_route(reading: Reading, hops: list[Hop]) -> None:
    """FOPE stamps without DIR: inbound when FOPE's hub delivered the message to its
    customer, the sender's outbound when FOPE's outbound edge sent it to a host outside."""
    if any(edge_role(hop.by_host) == "hub" for hop in hops):
        reading.direction, reading.whose = "inbound", "reader"
    elif any(sender_role(hop) == "outbound" and not edge_role(hop.by_host) and hop.by_host
             for hop in hops):
        reading.direction, reading.whose = "outbound", "sender"


def _whose(stamp: Stamp, reader_evidence: bool) -> Whose | None:
    if stamp.direction == "outbound":
        return "sender"
    if stamp.direction in ("inbound", "internal") or reader_evidence:
        return "reader"
    return None  # FOPE-era or transitional stamp without DIR


def _directionality(index: HeaderIndex) -> str | None:
    header = first_of(index, DIRECTIONALITY)
    return _DIRECTIONALITY.get(header.value.strip().lower()) if header else None


def _levels(
    reading: Reading, headers: list[Header], index: HeaderIndex, org_scl: Header | None
) -> None:
    """SCL, BCL and PCL of the same filter as the stamp read."""
    scl = parse_int(reading.facts.get("SCL", ""))
    if scl is not None:
        reading.scl = scl
        reading.scl_header = reading.stamp.header if reading.stamp else None
    elif org_scl is not None and reading.whose == "reader":
        reading.scl, reading.scl_header = org_scl.data.get("scl"), org_scl
    keys = (XMA,) if reading.whose == "reader" else (XMA, XMA_UNTRUSTED)
    xma = next(iter(headers_of(headers, index, *keys)), None)
    if xma is not None:
        facts = xma.data if xma.key == XMA else _upper_ints(xma.data.get("antispam_untrusted"))
        reading.bcl, reading.pcl = facts.get("bcl"), facts.get("pcl")
    if reading.bcl is None and reading.whose == "reader":
        org_bcl = first_of(index, ORG_BCL)
        reading.bcl = org_bcl.data.get("org_bcl") if org_bcl else None


def _upper_ints(facts: dict[str, str] | None) -> dict[str, int | None]:
    facts = facts or {}
    return {"bcl": parse_int(facts.get("BCL", "")), "pcl": parse_int(facts.get("PCL", ""))}


def _fope(reading: Reading, index: HeaderIndex) -> None:
    """FOPE-era stamps (KB2669119): X-BigFish, X-SpamScore, X-CustomSpam (of each, the first
    its decoder found a value in)."""
    if (bigfish := _first_read(index, "x-bigfish", "bigfish")) is not None:
        reading.bigfish = bigfish["bigfish"]
    if (score := _first_read(index, "x-spamscore", "spam_score")) is not None:
        reading.spam_score = score["spam_score"]
    if (custom := _first_read(index, "x-customspam", "custom_spam")) is not None:
        reading.custom_spam, reading.asf_option = custom["custom_spam"], custom.get("asf_option")
    if reading.custom_spam is None and reading.facts.get("X-CUSTOMSPAM"):
        from fopegui.core.decoders.fope import asf_option

        reading.custom_spam = reading.facts["X-CUSTOMSPAM"]
        reading.asf_option = asf_option(reading.custom_spam)
    if reading.bigfish is not None or (reading.stamp is not None and reading.stamp.legacy):
        reading.filter = "fope"
    elif reading.stamp is not None or reading.whose is not None:
        reading.filter = "eop"
