"""Which Authentication-Results speak for the reader, and what they say (RFC 8601).

- The topmost record is the newest: the reader's own server, or the last one before it. A
  server often writes one header per method (``spf=…``, then ``dkim=…`` …) with the same
  authserv-id; those are read together, first result of a method first.
- Several ``dkim=`` results in one record (RFC 8601 §B.6): the one whose ``header.d``
  aligns with the From domain is the one DMARC used; it decides the ``dkim`` fact.
- Microsoft's own records carry no authserv-id. When the verdict reads the *sending*
  tenant's outbound stamp, a Microsoft record is the sending tenant's internal one — stamped
  before the message was signed (``dkim=none (message not signed)``): its ``scope`` is then
  ``sending_tenant`` and the diagnosis does not tell anyone to sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fopegui.core.model import Header, HeaderIndex, first_of, index_headers

AR = "authentication-results"
ARC_AR = "arc-authentication-results"
_FACTS = ("spf", "dmarc", "compauth", "compauth_reason", "smtp_mailfrom", "smtp_helo",
          "header_from", "dmarc_action")
# Second-level registries under a two-letter country code (example.co.jp, example.com.au).
_SECOND_LEVEL = {"co", "ne", "or", "ac", "go", "com", "org", "net", "gov", "edu", "lg", "ad", "ed"}


@dataclass(slots=True)
class AuthReading:
    """The authentication results of the message, as the stamp they belong to reads them."""

    spf: str | None = None
    dkim: str | None = None  # the aligned result when there is one, else the first
    dmarc: str | None = None
    compauth: str | None = None
    compauth_reason: str | None = None
    smtp_mailfrom: str | None = None
    smtp_helo: str | None = None  # the HELO name SPF checked (an empty envelope sender)
    # Whose SPF record the spf result is about: the envelope sender's domain, else the HELO
    # name, from the record or, failing that, from Received-SPF.
    spf_domain: str | None = None
    header_d: str | None = None  # of the dkim result above
    header_from: str | None = None
    dmarc_action: str | None = None
    authserv_id: str | None = None
    scope: str | None = None  # "reader" | "sending_tenant" | None (no record)
    dkim_results: list[dict[str, Any]] = field(default_factory=list)
    dkim_aligned: bool | None = None  # None: no From domain or no header.d to compare
    signed: bool = False  # a DKIM-Signature header is present
    microsoft_after_signing: dict[str, Any] | None = None  # ARC-AR i=1 of mx.microsoft.com

    def as_dict(self) -> dict[str, Any]:
        return {
            "spf": self.spf,
            "dkim": self.dkim,
            "dmarc": self.dmarc,
            "compauth": self.compauth,
            "compauth_reason": self.compauth_reason,
            "smtp_mailfrom": self.smtp_mailfrom,
            "header_d": self.header_d,
            "header_from": self.header_from,
            "dmarc_action": self.dmarc_action,
            "authserv_id": self.authserv_id,
            "scope": self.scope,
            "dkim_results": [dict(r) for r in self.dkim_results],
        }


def domain_of(address: str | None) -> str | None:
    """The domain of an address or a From header value (``Name <a@b.example>``)."""
    if not address:
        return None
    if "<" in address:
        address = address[address.rfind("<") + 1 :].split(">", 1)[0]
    domain = address.strip().strip("<>").rsplit("@", 1)[-1].strip(" >.").lower()
    return domain or None


def org_domain(domain: str) -> str:
    """The organisational domain, without the public-suffix list: the last two labels, three
    under a second-level registry of a country code (example.co.jp). Relaxed alignment."""
    labels = domain.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def aligned(a: str | None, b: str | None) -> bool | None:
    if not a or not b or a == "none" or b == "none":
        return None
    return org_domain(a) == org_domain(b)


def read_auth(
    headers: list[Header],
    whose: str | None,
    from_value: str | None,
    index: HeaderIndex | None = None,
) -> AuthReading:
    """The reader's Authentication-Results facts (see the module docstring). ``index``: the
    headers' (model.index_headers), if the caller has it."""
    if index is None:
        index = index_headers(headers)
    reading = AuthReading(signed="dkim-signature" in index)
    records = [h for h in index.get(AR, ()) if _has_results(h.data)]
    if records:
        top_id = records[0].data.get("authserv_id")
        # Microsoft's records have no authserv-id: only the topmost one is the same stamp.
        same = [h for h in records if h.data.get("authserv_id") == top_id]
        group = same if top_id else records[:1]
        _merge(reading, [h.data for h in group])
        reading.authserv_id = top_id
        microsoft_internal = top_id is None and whose == "sender"
        reading.scope = "sending_tenant" if microsoft_internal else "reader"
    elif "received-spf" in index:
        reading.scope = "reader"
    spf_header = first_of(index, "received-spf")
    if reading.spf is None and spf_header is not None:
        reading.spf = spf_header.data.get("received_spf")
    received = spf_header.data if spf_header is not None else {}
    reading.spf_domain = (
        domain_of(reading.smtp_mailfrom) or domain_of(reading.smtp_helo)
        or domain_of(received.get("envelope_from")) or domain_of(received.get("helo"))
    )  # fmt: skip
    _choose_dkim(reading, domain_of(reading.header_from) or domain_of(from_value))
    reading.microsoft_after_signing = _microsoft_arc(index)
    return reading


def _has_results(data: dict[str, Any]) -> bool:
    return any(data.get(k) for k in ("spf", "dkim", "dmarc", "compauth"))


def _merge(reading: AuthReading, records: list[dict[str, Any]]) -> None:
    for data in records:
        for key in _FACTS:
            if getattr(reading, key) is None and data.get(key) is not None:
                setattr(reading, key, data[key])
        reading.dkim_results.extend(data.get("dkim_results") or [])
        if not data.get("dkim_results") and data.get("dkim") and reading.dkim is None:
            reading.dkim_results.append({"result": data["dkim"], "d": data.get("header_d")})


def _choose_dkim(reading: AuthReading, from_domain: str | None) -> None:
    results = reading.dkim_results
    if not results:
        return
    chosen = next((r for r in results if aligned(r.get("d"), from_domain)), None)
    reading.dkim_aligned = True if chosen else aligned(results[0].get("d"), from_domain)
    chosen = chosen or results[0]
    reading.dkim, reading.header_d = chosen["result"], chosen.get("d")


def _microsoft_arc(index: HeaderIndex) -> dict[str, Any] | None:
    """mx.microsoft.com's ARC-Authentication-Results (i=1): the check after signing."""
    for header in index.get("arc-authentication-results", ()):
        data = header.data.get("arc_authentication_results")
        if data and (data.get("authserv_id") or "").startswith("mx.microsoft.com"):
            return data
    return None
