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
    fields = []
    for f in h.fields:
        meaning, detail = f.meaning, f.detail
        fields.append(
            {
                "key": f.key,
                "value": f.value,
                # render(), without its call for the usual kinds (a catalogue entry, no
                # detail): a message's signatures and stamps have some fifty fields.
                "meaning": (
                    meaning.get(lang) or meaning.get("en")
                    if type(meaning) is dict
                    else render(meaning, lang)
                ),
                "severity": f.severity,
                "detail": None if detail is None else render(detail, lang),
                "inferred": f.inferred,
                "undocumented": f.undocumented,
            }
        )
    return {
        "family": h.family,
        "severity": h.severity,
        "fields": fields,
        "description": render(h.description, lang),
        "doc_url": h.doc_url,
    }


# The start of an entry up to its value, per header name (names repeat in every message);
# a bounded memory: a hostile message may have thousands of names.
_HEADS: dict[str, bytes] = {}
_HEADS_MAX = 4096
# An entry's closing index and brace and the comma after it, for the positions most messages
# have (the last entry's comma becomes the list's closing bracket).
_INDEX_ENDS = tuple(b',"index":%d},' % i for i in range(256))


def headers_json(headers: list[Header], lang: str) -> bytes:
    """``[header_dict(h) for h in headers]`` as compact JSON (:mod:`fopegui.core.json_line`),
    the same bytes. The decoder's part of an entry is encoded once per shared decoder result
    and language (most headers of a mailbox repeat a value or are read by no decoder) and
    kept with that result (``Header.shared``); the start of an entry once per header name.
    Raises ``json_line.EncodeError`` for a value orjson refuses."""
    # Here, not at the top: the window imports this module at start, the decoders with a
    # message (and orjson, 8 ms, only for JSON Lines).
    from fopegui.core.decoders.registry import known_result
    from fopegui.core.json_line import encode

    pieces = [b"["]
    for h in headers:
        # The analysis keeps the result with the header; a header built elsewhere may still
        # have a remembered one.
        shared = h.shared
        if shared is None:
            shared = known_result(h.name, h.value)
        if shared is None:
            part = b"," + encode(decoded_part(h, lang))[1:-1]
        else:
            encoded = shared.encoded
            if encoded is None:
                encoded = shared.encoded = {}
            part = encoded.get(lang)
            if part is None:  # with the comma before it: one piece less per header
                part = encoded[lang] = b"," + encode(decoded_part(h, lang))[1:-1]
        head = _HEADS.get(h.name)
        if head is None:
            if len(_HEADS) >= _HEADS_MAX:
                _HEADS.clear()
            head = _HEADS[h.name] = b'{"name":%b,"value":' % encode(h.name)
        index = h.index
        end = _INDEX_ENDS[index] if 0 <= index < 256 else b',"index":%d},' % index
        pieces += (head, encode(h.value), part, end)
    if headers:
        pieces[-1] = pieces[-1][:-1] + b"]"
    else:
        pieces.append(b"]")
    return b"".join(pieces)
