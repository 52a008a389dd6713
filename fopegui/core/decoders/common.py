"""Helpers shared by the header decoders: catalogue texts → Fields, bounded splitting, roll-up.

Header values come from untrusted mail, so every splitter here is linear and capped
(:data:`MAX_FIELDS`): a 1 MB value of ``;;;;`` costs one pass, not a million Fields.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fopegui.core import catalogue
from fopegui.core.model import SEVERITY_RANK, Field, Finding, Severity
from fopegui.core.texts import Entry, Localized

# Real filtering headers have a few dozen parts; beyond this the rest is kept raw.
MAX_FIELDS = 200

_TEXTS: dict[str, Any] = catalogue.load("headers")["texts"]
_INT = re.compile(r"[+-]?\d{1,9}")
_FLOAT = re.compile(r"[+-]?(?:\d{1,9}(?:\.\d{0,9})?|\.\d{1,9})")


def generic(name: str) -> Entry:
    """One of the shared phrases in headers.json ``texts`` (language-free)."""
    return _TEXTS[name]


def field_from(
    key: str, value: str, entry: dict[str, Any] | None, detail: Localized | None = None
) -> Field:
    """A Field whose meaning, severity and provenance come from a catalogue entry.

    ``entry`` None means the value is not in the catalogue: kept, severity unknown.
    """
    if entry is None:
        return unknown_field(key, value, detail)
    return _catalogued(key, value, entry, "meaning", detail)


def _catalogued(
    key: str, value: str, entry: dict[str, Any], text_key: str, detail: Localized | None
) -> Field:
    """A Field explained by ``entry[text_key]``, with the entry's severity and provenance."""
    source = entry.get("source")
    return Field(
        key,
        value,
        entry.get(text_key),
        entry.get("severity", "info"),
        detail,
        source == "inferred",
        source == "undocumented",
    )


def unknown_field(key: str, value: str, detail: Localized | None = None) -> Field:
    """A key or value the catalogue does not know: never dropped, marked unknown."""
    return Field(key, value, None, "unknown", detail or generic("unknown_value"))


def described_field(key: str, value: str, spec: dict[str, Any]) -> Field:
    """A free-text field (an IP, a host name…): the meaning is what the key is."""
    return _catalogued(key, value, spec, "description", None)


def description(spec: dict[str, Any]) -> Entry | None:
    """The ``description`` text of a catalogue spec."""
    return spec.get("description")


def truncated_field(rest: str) -> Field:
    return Field("…", rest, None, "unknown", generic("truncated"))


@lru_cache(maxsize=8)
def _parts(sep: str) -> re.Pattern[str]:
    # A part starts at a non-blank, non-separator character: runs of separators or
    # blanks (";;;;", "; ; ;") are skipped by the regex engine, not by Python code.
    s = re.escape(sep)
    return re.compile(rf"[^{s}\s][^{s}]*")


def split_pairs(value: str, sep: str = ";", kv: str = ":") -> tuple[list[tuple[str, str]], str]:
    """``k:v;k:v`` → [(k, v)], splitting each part on its *first* ``kv`` (IPv6 values keep theirs).

    Empty parts (stray ``;;``) are skipped; a part without ``kv`` becomes (part, "").
    Returns the pairs and the unparsed remainder (non-empty only past MAX_FIELDS).
    """
    pairs: list[tuple[str, str]] = []
    if len(value) <= 8192:  # the usual case: str.split is faster than the regex
        parts = value.split(sep)
        if len(parts) <= MAX_FIELDS:  # no cap to reach: no position to keep
            for part in parts:
                if part and not part.isspace():
                    k, _, v = part.partition(kv)
                    pairs.append((k.strip(), v.strip()))
            return pairs, ""
        pos = 0
        for part in parts:
            if part and not part.isspace():
                if len(pairs) >= MAX_FIELDS:
                    return pairs, value[pos:].strip()
                k, _, v = part.partition(kv)
                pairs.append((k.strip(), v.strip()))
            pos += len(part) + len(sep)
        return pairs, ""
    for m in _parts(sep).finditer(value):
        if len(pairs) >= MAX_FIELDS:
            return pairs, value[m.start() :].strip()
        k, _, v = m.group().partition(kv)
        pairs.append((k.strip(), v.strip()))
    return pairs, ""


def parse_int(raw: str) -> int | None:
    """An integer written as such (``-12``, ``+5``), else None. Bounded: no 1 MB int()."""
    s = raw.strip()
    return int(s) if _INT.fullmatch(s) else None


def parse_float(raw: str) -> float | None:
    s = raw.strip()
    return float(s) if _FLOAT.fullmatch(s) else None


def band(table: list[dict[str, Any]], number: int) -> dict[str, Any] | None:
    """The catalogue band (``min``..``max``) that contains ``number``."""
    for entry in table:
        if entry["min"] <= number <= entry["max"]:
            return entry
    return None


# Every severity but "unknown", the most serious first (model.worst's order).
_KNOWN_WORST_FIRST: tuple[Severity, ...] = tuple(
    s for s in sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True) if s != "unknown"
)


def roll_up(fields: list[Field]) -> Severity:
    """Header severity from its fields.

    Undocumented parts (severity unknown) do not colour a header on their own: most
    Microsoft headers carry some. Only when nothing at all could be read is the
    header itself unknown.
    """
    present = {f.severity for f in fields}
    for severity in _KNOWN_WORST_FIRST:  # worst() of the known ones, without its key calls
        if severity in present:
            return severity
    return "unknown" if fields else "info"


def cap(severity: Severity, ceiling: Severity) -> Severity:
    """``severity`` but no more serious than ``ceiling`` (ok stays ok)."""
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[ceiling] else ceiling


def unparseable_finding(header: str) -> Finding:
    return Finding(
        id=f"header-unparseable:{header.lower()}",
        severity="unknown",
        title=generic("unparseable_title"),
        detail=generic("unparseable_detail"),
        header=header,
    )
