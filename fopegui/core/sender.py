"""The sending server as the headers describe it: connecting IP, HELO name, reverse DNS.

One reading shared by the diagnosis (offline findings) and the live reputation checks,
so both talk about the same server.
"""

from __future__ import annotations

from dataclasses import dataclass

from fopegui.core.addresses import classify
from fopegui.core.model import Report
from fopegui.core.received import connecting_hop

ANTISPAM_HEADER = "X-Forefront-Antispam-Report"


@dataclass(frozen=True, slots=True)
class Fact:
    """A value and where it was read: a key of X-Forefront-Antispam-Report, or a Received hop."""

    value: str | None
    key: str | None = None  # e.g. "CIP", "H", "RD", "PTR" when read from the antispam report
    hop: int | None = None  # the Received hop number when read from the Received chain

    @property
    def source(self) -> str | None:
        """English description of the origin (the UI translates from key/hop itself)."""
        if self.key:
            return f"{ANTISPAM_HEADER} {self.key}"
        if self.hop is not None:
            return f"Received hop {self.hop}"
        return None


@dataclass(frozen=True, slots=True)
class SenderFacts:
    """The sending server as the headers describe it: address, HELO name, reverse DNS."""

    ip: Fact
    helo: Fact
    ptr: Fact  # reverse DNS recorded at delivery time; "none" etc. mean there was none


_NONE = Fact(None)


def sender_facts(report: Report) -> SenderFacts:
    """The connecting IP (CIP, else the first hop into Microsoft), its HELO and its PTR.

    Nothing when the stamp read is the sending tenant's outbound one: its CIP is the
    sender's own client (``255.255.255.255`` when one submitted the mail), H its own mailbox
    server — no server that connected to the reader's filter.
    """
    eop = report.eop or {}
    reading = report.stamps
    if reading is not None and reading.whose == "sender":
        return SenderFacts(_NONE, _NONE, _NONE)
    hop = connecting_hop(report.received)
    if eop.get("cip") and classify(eop["cip"]) != "placeholder":
        ip = Fact(eop["cip"], key="CIP")
    elif hop is not None:
        ip = Fact(hop.ip, hop=hop.hop)
    else:
        return SenderFacts(_NONE, _NONE, _NONE)
    same_hop = hop is not None and hop.ip == ip.value
    if eop.get("h"):
        helo = Fact(eop["h"], key="H")
    elif same_hop and (hop.from_helo or hop.from_host):
        helo = Fact(hop.from_helo or hop.from_host, hop=hop.hop)
    else:
        helo = _NONE
    if eop.get("rd") is not None:
        ptr = Fact(eop["rd"], key="RD")
    elif eop.get("ptr") is not None:
        ptr = Fact(eop["ptr"], key="PTR")
    elif same_hop and hop.from_rdns:
        ptr = Fact(hop.from_rdns, hop=hop.hop)
    else:
        ptr = _NONE
    return SenderFacts(ip, helo, ptr)
