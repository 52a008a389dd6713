"""A report's header entries (CONTRACT.md "headers"), as objects and as compact JSON.

The JSON of an entry's decoded part is the same for every message with that header value, so
:func:`headers_json` writes it once per shared decoder result and language
(``Decoded.encoded``) and joins it with each message's name, value and position.
"""

from __future__ import annotations

from typing import Any

from fopegui.core.model import Header
from fopegui.core.texts import render


def header_dict(h: Header, lang: str) -> dict[str, Any]:
    return {
        "name": h.name,
        "value": h.value,
        **decoded_part(h, lang),
        "index": h.index,
    }


def decoded_part(h: Header, lang: str) -> dict[str, Any]:
    """The entry's keys that come from the header's decoder (the same for every message with
    this header value)."""
    return {
        "family": h.family,
        "severity": h.severity,
        "fields": [
            {
                "key": f.key,
                "value": f.value,
                "meaning": render(f.meaning, lang),
                "severity": f.severity,
                "detail": render(f.detail, lang),
                "inferred": f.inferred,
                "undocumented": f.undocumented,
            }
            for f in h.fields
        ],
        "description": render(h.description, lang),
        "doc_url": h.doc_url,
    }


def headers_json(headers: list[Header], lang: str) -> bytes:
    """``[header_dict(h) for h in headers]`` as compact JSON (:mod:`fopegui.core.json_line`),
    the same bytes. The decoder's part of an entry is encoded once per shared decoder result
    and language (most headers of a mailbox repeat a value or are read by no decoder) and
    kept with that result (``Header.shared``). Raises ``json_line.EncodeError`` for a value
    orjson refuses."""
    # Here, not at the top: the window imports this module at start, the decoders with a
    # message (and orjson, 8 ms, only for JSON Lines).
    from fopegui.core.decoders.registry import known_result
    from fopegui.core.json_line import encode

    entries = []
    for h in headers:
        # The analysis keeps the result with the header; a header built elsewhere may still
        # have a remembered one.
        shared = h.shared if h.shared is not None else known_result(h.name, h.value)
        if shared is None:
            part = encode(decoded_part(h, lang))[1:-1]
        else:
            encoded = shared.encoded
            if encoded is None:
                encoded = shared.encoded = {}
            part = encoded.get(lang)
            if part is None:
                part = encoded[lang] = encode(decoded_part(h, lang))[1:-1]
        name, value = encode(h.name), encode(h.value)
        entries.append(b'{"name":%b,"value":%b,%b,"index":%d}' % (name, value, part, h.index))
    return b"[" + b",".join(entries) + b"]"
