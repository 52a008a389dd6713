"""Exchange Online Protection (and FOPE-era) Microsoft headers.

``data`` keys:
- X-Forefront-Antispam-Report → ``{"antispam": {UPPERKEY: value}, "sfs": [id],
  "helo_matches_ptr": bool | None}`` (first occurrence of a key wins; host names and
  addresses (H, PTR, RD, CIP) with white space removed: Exchange folds inside a token)
- its ``-Untrusted`` twin and X-Microsoft-Antispam-Untrusted → ``{"antispam_untrusted": {…}}``
  (never the receiving verdict; severities capped at info)
- X-Microsoft-Antispam → ``{"bcl": int | None, "pcl": int | None, "ara": [str]}``
- X-Microsoft-Antispam-Mailbox-Delivery → ``{"mailbox_delivery": {lowerkey: value}}``
  (Microsoft documents none of it: every field is marked undocumented, and a field with a
  meaning carries a peer's reading, so it is also marked inferred)
- X-MS-Exchange-Organization-SCL → ``{"scl": int | None}``; -PCL → ``{"org_pcl"}``;
  -BCL → ``{"org_bcl"}``
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders import Decoded
from fopegui.core.decoders.common import (
    MAX_FIELDS,
    band,
    cap,
    described_field,
    description,
    field_from,
    generic,
    parse_int,
    roll_up,
    split_pairs,
    truncated_field,
    unknown_field,
    unparseable_finding,
)
from fopegui.core.decoders.fope import asf_field
from fopegui.core.model import Field, Finding
from fopegui.core.texts import SENTENCE_GAP, Joined, Text

_CAT: dict[str, Any] = catalogue.load("forefront")
_XFAR: dict[str, Any] = _CAT["xfar_keys"]
_XMA: dict[str, Any] = _CAT["xma_keys"]
_MBD: dict[str, Any] = _CAT["mailbox_delivery_keys"]
_ORG: dict[str, Any] = _CAT["organization_values"]
_PAREN_ID = re.compile(r"\(([^()]*)\)")
# A "(id)" holding more than white space: what makes an SFS value readable.
_ANY_PAREN_ID = re.compile(r"\([^()]*[^()\s][^()]*\)")
_NO_PTR = {"", "NONE"}
# Host names and IP addresses never contain white space: any inside came from folding.
_HOST_KEYS = frozenset({"H", "PTR", "RD", "CIP"})
_WS = re.compile(r"\s+")


def _empty(key: str, spec: dict[str, Any]) -> Field:
    return Field(key, "", generic("empty"), "info", description(spec))


def _band_field(key: str, raw: str, table: str, detail: str | None) -> Field:
    number = parse_int(raw)
    entry = band(_CAT[table], number) if number is not None else None
    return field_from(key, raw, entry, detail)


def _paren_ids(raw: str) -> list[str]:
    ids = [i for found in _PAREN_ID.findall(raw, 0, 100_000) if (i := found.strip())]
    return ids[:MAX_FIELDS]


def _keyed_field(key: str, raw: str, spec: dict[str, Any] | None) -> Field:
    """One key:value of a Microsoft key/value header, explained by its catalogue spec."""
    if spec is None:
        return unknown_field(key, raw, generic("unknown_key"))
    kind = spec["kind"]
    desc = description(spec)
    if kind == "undocumented":
        return Field(key, raw, None, "unknown", desc, undocumented=True)
    if kind == "asf":
        return asf_field(key, raw)[0]
    if not raw:
        return _empty(key, spec)
    if kind in ("scl", "bcl", "pcl"):
        return _band_field(key, raw, kind, desc)
    if kind in ("enum", "ptr"):
        entry = spec.get("values", {}).get(raw.upper()) or _fallback(spec, raw)
        if entry is None and kind == "ptr" and not raw.upper().startswith("INFO"):
            if "," in raw:  # several PTR names: a host list
                names = spec.get("list_description") or desc
                return Field(key, raw, names, spec.get("severity", "info"))
            return described_field(key, raw, spec)  # a host name
        return field_from(key, raw, entry, desc)
    if kind == "sfs":
        if _ANY_PAREN_ID.search(raw, 0, 100_000):
            return described_field(key, raw, spec)
        return unknown_field(key, raw, generic("unparseable"))
    if kind == "flag":
        return Field(key, raw, desc, "info", None, spec.get("source") == "inferred")
    return described_field(key, raw, spec)  # text / list


def _fallback(spec: dict[str, Any], raw: str) -> dict[str, Any] | None:
    """The enum's ``fallback`` entry when ``raw`` matches its pattern (e.g. any SFTY 9.x)."""
    fallback = spec.get("fallback")
    if fallback is None or len(raw) > 40:
        return None
    return fallback if _pattern(fallback["pattern"]).fullmatch(raw) else None


@lru_cache(maxsize=16)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


_TABLES = {"xfar": _XFAR, "xma": _XMA, "mbd": _MBD}
_CACHE_MAX_VALUE = 200  # longer values are rare and not worth keeping in the cache
_KINDS = {name: {k: spec["kind"] for k, spec in table.items()} for name, table in _TABLES.items()}
# Kinds explained the same whatever their value (a host name, an address, an undocumented
# number): one cache entry per key and emptiness instead of one per message (CIP, H …).
_VALUE_FREE_KINDS = frozenset(("text", "list", "flag", "undocumented"))
_SAMPLE = "x"  # stands for any non-empty value of a value-free key
_SFS_SAMPLE = "(x)"  # for any SFS value with a rule id (the ids are kept by the decoder)


@lru_cache(maxsize=16_384)
def _explained(table: str, upper: str, raw: str) -> tuple[Any, ...]:
    """(meaning, severity, detail, inferred, undocumented) of ``upper:raw``."""
    spec = _TABLES[table].get(upper)
    f = _keyed_field(upper, raw, spec)
    undocumented = f.undocumented or (spec is not None and spec.get("source") == "undocumented")
    return f.meaning, f.severity, f.detail, f.inferred, undocumented


def _field(table: str, key: str, raw: str, upper: str | None = None) -> Field:
    """_keyed_field through a bounded cache: the same key:value pairs recur across messages
    (SFV:SPM, IPV:NLI …), so a folder of mail costs dict hits, not catalogue walks.
    ``upper``: ``key.upper()`` when the caller has it."""
    upper = upper or key.upper()
    kind = _KINDS[table].get(upper)
    if kind in _VALUE_FREE_KINDS:
        return Field(key, raw, *_explained(table, upper, _SAMPLE if raw else ""))
    if kind == "sfs" and _ANY_PAREN_ID.search(raw, 0, 100_000):  # explained by "has an id"
        return Field(key, raw, *_explained(table, upper, _SFS_SAMPLE))
    if len(raw) > _CACHE_MAX_VALUE:
        return Field(key, raw, *_explained.__wrapped__(table, upper, raw))
    return Field(key, raw, *_explained(table, upper, raw))


def _host_field(key: str, upper: str, raw: str) -> tuple[Field, str]:
    """H / PTR / RD / CIP: explained by the name with white space removed (folding inside the
    token, "PTR:exch-h" CRLF " ub02.campus.example.edu"); the field keeps the raw value."""
    # Every white space character but " " is unprintable: most values skip the regex.
    joined = raw if raw.isprintable() and " " not in raw else _WS.sub("", raw)
    if joined == raw:
        return _field("xfar", key, raw, upper), raw
    fld = _field("xfar", key, joined, upper)
    fld.value = raw
    fld.detail = Text(_CAT["folded"]["meaning"], {"name": joined})
    return fld, joined


def _add_detail(fld: Field, text: Any) -> None:
    fld.detail = Joined((fld.detail, text), SENTENCE_GAP) if fld.detail else text


def _helo_check(fields: list[Field], facts: dict[str, str]) -> bool | None:
    """KB2669119 sender reputation: does the HELO name equal the reverse DNS name?"""
    helo = facts.get("H", "").strip().rstrip(".").lower()
    rkey = "RD" if "RD" in facts else "PTR"
    rdns = facts.get(rkey, "").strip().rstrip(".").lower()
    if not helo or rdns.upper() in _NO_PTR or rdns.startswith("info"):
        return None
    names = {n.strip().rstrip(".") for n in rdns.split(",")[:MAX_FIELDS]}  # "a,b": several PTRs
    match = helo in names
    entry = _CAT["helo"]["match" if match else "mismatch"]
    for f in fields:
        if f.key.upper() == rkey:
            f.severity = entry["severity"]
            _add_detail(f, entry["meaning"])
            break
    return match


def _ski_reading(fields: list[Field], facts: dict[str, str]) -> None:
    """SFV:SKI has two definitions (IP Allow List now, intra-organisation before): say which
    one this stamp fits — the current one expects IPV:CAL beside it."""
    if facts.get("SFV", "").upper() != "SKI":
        return
    entry = _CAT["ski_reading"]["cal" if facts.get("IPV", "").upper() == "CAL" else "no_cal"]
    for f in fields:
        if f.key.upper() == "SFV":
            f.detail = entry["meaning"]
            break


def _untrusted(decoded: Decoded, facts: dict[str, str]) -> Decoded:
    """Sender-side stamp: keep the facts under another key, never above info."""
    for f in decoded.fields:
        if f.severity != "unknown":
            f.severity = cap(f.severity, "info")
    decoded.severity = cap(decoded.severity, "info")
    decoded.data = {"antispam_untrusted": facts}
    return decoded


def decode_antispam_report(value: str, untrusted: bool = False) -> Decoded:
    """X-Forefront-Antispam-Report (both the FOPE-era and the EOP key sets)."""
    pairs, rest = split_pairs(value)
    fields: list[Field] = []
    facts: dict[str, str] = {}
    sfs: list[str] = []
    findings: list[Finding] = []
    for key, raw in pairs:
        upper = key.upper()
        if upper in _HOST_KEYS:
            fld, fact = _host_field(key, upper, raw)
        else:
            fld, fact = _field("xfar", key, raw, upper), raw
        facts.setdefault(upper, fact)
        fields.append(fld)
        if upper == "SFS":
            sfs.extend(_paren_ids(raw))
        elif upper == "SCL" and raw and fld.severity == "unknown":
            findings.append(unparseable_finding("X-Forefront-Antispam-Report"))
    if rest:
        fields.append(truncated_field(rest))
    helo_match = _helo_check(fields, facts)
    _ski_reading(fields, facts)
    if not pairs and value.strip():
        findings.append(unparseable_finding("X-Forefront-Antispam-Report"))
    decoded = Decoded(
        family="eop",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={"antispam": facts, "sfs": sfs[:MAX_FIELDS], "helo_matches_ptr": helo_match},
    )
    return _untrusted(decoded, facts) if untrusted else decoded


def decode_microsoft_antispam(value: str, untrusted: bool = False) -> Decoded:
    """X-Microsoft-Antispam: BCL, PCL (older mail) and ARA rule ids."""
    pairs, rest = split_pairs(value)
    fields: list[Field] = []
    facts: dict[str, str] = {}
    ara: list[str] = []
    for key, raw in pairs:
        upper = key.upper()
        facts.setdefault(upper, raw)
        fields.append(_field("xma", key, raw, upper))
        if upper == "ARA" and not ara:
            ara = [i.strip() for i in raw.split("|", MAX_FIELDS)[:MAX_FIELDS] if i.strip()]
    if rest:
        fields.append(truncated_field(rest))
    findings: list[Finding] = []
    if not pairs and value.strip():
        findings.append(unparseable_finding("X-Microsoft-Antispam"))
    decoded = Decoded(
        family="eop",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={
            "bcl": parse_int(facts.get("BCL", "")),
            "pcl": parse_int(facts.get("PCL", "")),
            "ara": ara,
        },
    )
    return _untrusted(decoded, facts) if untrusted else decoded


def decode_mailbox_delivery(value: str) -> Decoded:
    """X-Microsoft-Antispam-Mailbox-Delivery: Microsoft documents none of it. Every field is
    marked undocumented (unknown keys too); a meaning, where there is one, is a peer's reading
    (MHA, Oxford IT, decode-spam-headers) or an observation, so it is marked inferred."""
    pairs, rest = split_pairs(value)
    fields: list[Field] = []
    facts: dict[str, str] = {}
    for key, raw in pairs:
        facts.setdefault(key.lower(), raw)
        fld = _field("mbd", key, raw)
        fld.undocumented = True
        fld.inferred = fld.meaning is not None and fld.meaning is not generic("empty")
        fields.append(fld)
    if rest:
        fields.append(truncated_field(rest))
    return Decoded(
        family="eop", severity=roll_up(fields), fields=fields, data={"mailbox_delivery": facts}
    )


def _level_decoder(table: str, data_key: str, header: str) -> Callable[[str], Decoded]:
    """A decoder for a header whose whole value is one SCL/BCL/PCL number."""

    def decode(value: str) -> Decoded:
        raw = value.strip()
        fld = _band_field("value", raw, table, None)
        findings = [unparseable_finding(header)] if fld.severity == "unknown" else []
        return Decoded(
            family="eop",
            severity=roll_up([fld]),
            fields=[fld],
            findings=findings,
            data={data_key: parse_int(raw)},
        )

    return decode


decode_org_scl = _level_decoder("scl", "scl", "X-MS-Exchange-Organization-SCL")
decode_org_pcl = _level_decoder("pcl", "org_pcl", "X-MS-Exchange-Organization-PCL")
decode_org_bcl = _level_decoder("bcl", "org_bcl", "X-MS-Exchange-Organization-BCL")


def _enum_decoder(name: str) -> Callable[[str], Decoded]:
    """A decoder for a one-word header (AuthAs, MessageDirectionality …)."""
    values = _ORG[name]

    def decode(value: str) -> Decoded:
        raw = value.strip()
        entry = values.get(raw.upper())
        fld = (
            field_from("value", raw, entry)
            if raw
            else Field("value", "", generic("empty"), "info")
        )
        if name == "x-ms-has-attach" and raw == "":
            fld = field_from("value", raw, catalogue.load("other")["has_attach_no"])
        return Decoded(family="eop", severity=roll_up([fld]), fields=[fld])

    return decode


ORG_ENUM_HEADERS = tuple(_ORG)
DECODERS: dict[str, Callable[[str], Decoded]] = {
    "x-forefront-antispam-report": decode_antispam_report,
    "x-forefront-antispam-report-untrusted": lambda v: decode_antispam_report(
        v, untrusted=True
    ),
    "x-microsoft-antispam": decode_microsoft_antispam,
    "x-microsoft-antispam-untrusted": lambda v: decode_microsoft_antispam(
        v, untrusted=True
    ),
    "x-microsoft-antispam-mailbox-delivery": decode_mailbox_delivery,
    "x-ms-exchange-organization-scl": decode_org_scl,
    "x-ms-exchange-organization-pcl": decode_org_pcl,
    "x-ms-exchange-organization-bcl": decode_org_bcl,
    **{name: _enum_decoder(name) for name in ORG_ENUM_HEADERS},
}
