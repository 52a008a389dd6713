"""JSON Lines: an object as one compact line of JSON, in UTF-8 bytes.

orjson writes it (a report line is ~45 KB: the standard library's encoder took longer than
parsing the message). It refuses a few values the standard library writes (integers beyond
64 bits, lone surrogates from undecodable bytes); those lines are written by the standard
library's encoder with the same separators, so every line has the same form.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Text orjson copies into the line as it is (pre-encoded JSON, e.g. a remembered header entry).
Fragment = orjson.Fragment
# What orjson raises for a value it does not write.
EncodeError = orjson.JSONEncodeError

encode = orjson.dumps  # one value (a str, an int…) as JSON bytes

_COMPACT = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))
# Line separators JSON allows raw but line-oriented tools split on (a line must stay one line).
_LINE_BREAKS = (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\u0085", "\\u0085"))
# The last byte of each in UTF-8 (E2 80 A8, E2 80 A9, C2 85): one byte is found with memchr,
# while bytes.find of a 2- or 3-byte needle costs 35 µs on a report line.
_LAST_BYTES = (b"\xa8", b"\xa9", b"\x85")


def line_bytes(data: Any) -> bytes:
    """``data`` as one line of JSON (no newline at its end): ``{"a":1,"b":"é"}``."""
    try:
        encoded = orjson.dumps(data)
    except orjson.JSONEncodeError:
        # backslashreplace writes a lone surrogate as the \\udcXX escape JSON reads back.
        encoded = _COMPACT.encode(data).encode("utf-8", "backslashreplace")
    return one_line(encoded)


def line_text(data: Any) -> str:
    """:func:`line_bytes` as text."""
    return line_bytes(data).decode("utf-8")


def one_line(encoded: bytes) -> bytes:
    """JSON bytes with the raw line separators inside its strings escaped."""
    if not any(last in encoded for last in _LAST_BYTES):
        return encoded
    text = encoded.decode("utf-8")
    if not any(raw in text for raw, _ in _LINE_BREAKS):
        return encoded
    for raw, escaped in _LINE_BREAKS:
        text = text.replace(raw, escaped)
    return text.encode("utf-8")
