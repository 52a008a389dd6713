"""Other vendors and general headers worth explaining: SpamAssassin X-Spam-*, FrontBridge
X-FB-*, X-Spam-TCS-SCL, List-*, Return-Path, Auto-Submitted, Precedence, X-Mailer,
X-Originating-IP.

``data`` keys:
- X-Spam-Status → ``{"spamassassin": {"flag": bool | None, "score": float | None,
  "required": float | None, "tests": [str]}}``
- X-Spam-Score → ``{"spamassassin_score": float | None}``
- X-Spam-Flag → ``{"spam_flag": bool | None}``
- X-Spam-TCS-SCL → ``{"tcs_scl": int | None}``
- Auto-Submitted → ``{"auto_submitted": str | None}`` (lower-case keyword)
- Return-Path → ``{"return_path": str, "null_sender": bool}``
- X-Originating-IP → ``{"originating_ip": str | None}``
- List-Unsubscribe / List-Id → ``{"list": True}``
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders import Decoded
from fopegui.core.decoders.common import (
    MAX_FIELDS,
    band,
    field_from,
    generic,
    parse_float,
    parse_int,
    roll_up,
    truncated_field,
    unknown_field,
)
from fopegui.core.model import Family, Field

_CAT: dict[str, Any] = catalogue.load("other")
_SA: dict[str, Any] = _CAT["spamassassin"]
_SCL: list[dict[str, Any]] = catalogue.load("forefront")["scl"]
_FLAG = re.compile(r"\s*(yes|no)\b[\s,]*", re.I)
_ANGLE = re.compile(r"<([^<>]*)>")
_SA_KEY = re.compile(r"[A-Za-z_]{1,30}")
_SA_FIELDS = ("score", "required", "tests", "autolearn", "autolearn_force", "version")


def _decoded(family: Family, fields: list[Field], data: dict[str, Any] | None = None) -> Decoded:
    return Decoded(family=family, severity=roll_up(fields), fields=fields, data=data or {})


def decode_spam_status(value: str) -> Decoded:
    """SpamAssassin ``Yes, score=7.1 required=5.0 tests=A,B autolearn=no version=3.4.6``."""
    fields: list[Field] = []
    m = _FLAG.match(value)
    flag: bool | None = None
    rest = value
    if m:
        flag = m.group(1).lower() == "yes"
        fields.append(field_from("flag", m.group(1), _SA["flag_yes" if flag else "flag_no"]))
        rest = value[m.end() :]
    pairs: list[list[str]] = []
    tokens = rest.split(None, MAX_FIELDS)
    remainder = tokens.pop() if len(tokens) > MAX_FIELDS else ""
    for tok in tokens:
        name, eq, val = tok.partition("=")
        if eq and _SA_KEY.fullmatch(name):
            pairs.append([name, val])
        elif pairs:  # a folded test list continues the previous value ("tests=A,\n B")
            pairs[-1][1] += tok
        else:
            fields.append(unknown_field(tok, ""))
    facts: dict[str, Any] = {"flag": flag, "score": None, "required": None, "tests": []}
    for name, val in pairs:
        low = name.lower()
        entry = _SA[low] if low in _SA_FIELDS else None
        fields.append(field_from(name, val, entry))
        if low in ("score", "required"):
            facts[low] = parse_float(val)
        elif low == "tests":
            facts["tests"] = [t for t in val.split(",") if t][:MAX_FIELDS]
    if remainder:
        fields.append(truncated_field(remainder))
    if flag is None and not pairs and value.strip():
        fields.append(unknown_field("value", value.strip(), generic("unparseable")))
    return _decoded("other", fields, {"spamassassin": facts})


def decode_spam_score(value: str) -> Decoded:
    score = parse_float(value)
    fld = field_from("score", value.strip(), _SA["score"] if score is not None else None)
    return _decoded("other", [fld], {"spamassassin_score": score})


def decode_spam_flag(value: str) -> Decoded:
    word = value.strip().upper()
    flag = {"YES": True, "NO": False}.get(word)
    entry = None if flag is None else _SA["flag_yes" if flag else "flag_no"]
    return _decoded("other", [field_from("flag", value.strip(), entry)], {"spam_flag": flag})


def decode_spam_level(value: str) -> Decoded:
    raw = value.strip()
    if raw.strip("*"):
        fld = unknown_field("stars", raw, generic("unparseable"))
    else:
        fld = field_from("stars", str(len(raw)), _SA["level"])
    return _decoded("other", [fld])


def decode_tcs_scl(value: str) -> Decoded:
    """``X-Spam-TCS-SCL: 5:0`` — first number read as an SCL (inferred), second unknown."""
    first, sep, second = value.strip().partition(":")
    number = parse_int(first)
    entry = band(_SCL, number) if number is not None else None
    fld = field_from("scl", first, entry)
    # The header itself is undocumented: reading its first number as an SCL is our inference.
    fld.inferred = entry is not None
    fields = [fld]
    if sep:
        fields.append(field_from("second", second, _CAT["tcs_scl_second"]))
    return _decoded("fope", fields, {"tcs_scl": number})


def decode_fb(name: str, value: str) -> Decoded:
    """FrontBridge (FOPE predecessor) X-FB-* headers: inferred meanings only."""
    low = name.lower()
    raw = value.strip()
    spec = _CAT["fb"].get(low)
    if spec is None:
        fld = field_from("value", raw, _CAT["fb"]["other"])
    elif "values" in spec:
        fld = field_from("value", raw, spec["values"].get(raw.upper()))
    else:
        fld = field_from("value", raw, spec)
    return _decoded("fope", [fld])


def decode_list(name: str, value: str) -> Decoded:
    """List-* headers (RFC 2369/2919/8058): one field per <URI>."""
    low = name.lower()
    lst = _CAT["list"]
    fields: list[Field] = []
    if low == "list-unsubscribe-post":
        one_click = value.strip().lower() == "list-unsubscribe=one-click"
        entry = lst["one_click"] if one_click else None
        fields.append(field_from("value", value.strip(), entry))
    elif low == "list-id":
        fields.append(field_from("list-id", value.strip(), lst["list_id"]))
    else:
        uris = _ANGLE.findall(value, 0, 100_000)
        for uri in uris[:MAX_FIELDS]:
            scheme = uri.strip().split(":", 1)[0].lower()
            if low == "list-unsubscribe" and scheme == "mailto":
                entry = lst["mailto"]
            elif low == "list-unsubscribe" and scheme in ("http", "https"):
                entry = lst["http"]
            else:
                entry = lst["uri"]
            fields.append(field_from(scheme or "uri", uri.strip(), entry))
        if len(uris) > MAX_FIELDS:
            fields.append(truncated_field(value))
        if not uris:
            fields.append(field_from("value", value.strip(), lst["value"]))
    return _decoded("other", fields, {"list": True})


def decode_return_path(value: str) -> Decoded:
    raw = value.strip()
    addr = raw[1:-1].strip() if raw.startswith("<") and raw.endswith(">") else raw
    null = addr == ""
    entry = _CAT["return_path"]["null" if null else "address"]
    return _decoded(
        "routing",
        [field_from("address", raw, entry)],
        {"return_path": addr, "null_sender": null},
    )


def decode_auto_submitted(value: str) -> Decoded:
    word = value.split(";", 1)[0].strip()
    entry = _CAT["auto_submitted"].get(word.upper())
    keyword = word.lower() if entry else None
    return _decoded("other", [field_from("value", word, entry)], {"auto_submitted": keyword})


def decode_precedence(value: str) -> Decoded:
    word = value.strip()
    entry = _CAT["precedence"].get(word.upper())
    return _decoded("other", [field_from("value", word, entry)])


def decode_mailer(value: str) -> Decoded:
    return _decoded("other", [field_from("value", value.strip(), _CAT["mailer"])])


def decode_originating_ip(value: str) -> Decoded:
    raw = value.strip()
    candidate = raw.strip("[]").strip()
    try:
        ip: str | None = str(ipaddress.ip_address(candidate)) if len(candidate) < 64 else None
    except ValueError:
        ip = None
    entry = _CAT["originating_ip" if ip else "originating_ip_bad"]
    return _decoded("routing", [field_from("ip", raw, entry)], {"originating_ip": ip})


DECODERS: dict[str, Callable[[str], Decoded]] = {
    "x-spam-status": decode_spam_status,
    "x-spam-score": decode_spam_score,
    "x-spam-flag": decode_spam_flag,
    "x-spam-level": decode_spam_level,
    "x-spam-tcs-scl": decode_tcs_scl,
    "return-path": decode_return_path,
    "auto-submitted": decode_auto_submitted,
    "precedence": decode_precedence,
    "x-mailer": decode_mailer,
    "user-agent": decode_mailer,
    "x-originating-ip": decode_originating_ip,
}
# Decoders for a whole family of names: they also get the header name.
PREFIX_DECODERS: dict[str, Callable[[str, str], Decoded]] = {
    "x-fb-": decode_fb,
    "list-": decode_list,
}
