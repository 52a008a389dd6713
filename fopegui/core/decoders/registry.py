"""Header name → decoder, plus the headers.json description. The analysis pipeline's one entry
point is :func:`decode_header`; it never raises.

Family, description, documentation link ("doc") and display group come from headers.json
(exact lower-case name first, then the longest matching prefix); the decoder, when there is
one, adds fields, findings and ``data`` (see each decoder module's docstring for its keys).

Decoding is a pure function of (name, value), and mail repeats header values a lot (the
reader's own tenant stamps, list headers, MIME-Version…), so results of values seen before
are remembered: decoding takes 10–40 % less time on real mailboxes (benchmarks/README.md).
Every caller gets its own Decoded and lists, but the Field and Finding objects and the nested
``data`` values are shared: treat them as read-only once decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders import Decoded, auth, eop, fope, other
from fopegui.core.decoders.common import generic
from fopegui.core.model import Field, Finding

_HEADERS: dict[str, Any] = catalogue.load("headers")
_EXACT: dict[str, dict[str, Any]] = _HEADERS["headers"]
_PREFIXES: list[dict[str, Any]] = sorted(
    _HEADERS["prefixes"], key=lambda p: len(p["prefix"]), reverse=True
)
_DECODERS: dict[str, Callable[[str], Decoded]] = {
    "x-bigfish": fope.decode_bigfish,
    "x-spamscore": fope.decode_spamscore,
    "x-customspam": fope.decode_customspam,
    **eop.DECODERS,
    **auth.DECODERS,
    **other.DECODERS,
}
_PREFIX_DECODERS: list[tuple[str, Callable[[str, str], Decoded]]] = sorted(
    other.PREFIX_DECODERS.items(), key=lambda kv: len(kv[0]), reverse=True
)


@lru_cache(maxsize=4096)
def catalogue_entry(lname: str) -> dict[str, Any] | None:
    """The headers.json entry (family, description, source) for a lower-case header name."""
    entry = _EXACT.get(lname)
    if entry is not None:
        return entry
    for pattern in _PREFIXES:
        if lname.startswith(pattern["prefix"]):
            return pattern
    return None


def decoder_names() -> tuple[str, ...]:
    """Lower-case names that have a specific decoder (for tests and the UI)."""
    return tuple(_DECODERS)


def catalogued_names() -> tuple[str, ...]:
    """Every lower-case header name with its own headers.json entry."""
    return tuple(_EXACT)


Route = tuple[
    Callable[[str], Decoded] | None, Callable[[str, str], Decoded] | None, dict[str, Any]
]
_NO_ENTRY: dict[str, Any] = {}


@lru_cache(maxsize=4096)
def _route(lname: str) -> Route:
    """(decoder, prefix decoder, catalogue entry) for a name: one dict hit per header."""
    decoder = _DECODERS.get(lname)
    prefix_decoder = None
    if decoder is None:
        for prefix, candidate in _PREFIX_DECODERS:
            if lname.startswith(prefix) and len(lname) > len(prefix):
                prefix_decoder = candidate
                break
    return decoder, prefix_decoder, catalogue_entry(lname) or _NO_ENTRY


def _catalogued(decoded: Decoded, entry: dict[str, Any]) -> Decoded:
    """``decoded`` with what the catalogue says of the header: family, description, link,
    group (a header without an entry keeps what its decoder said)."""
    if entry:
        decoded.family = entry["family"]
        decoded.description = entry["description"]
        decoded.doc_url = entry.get("doc")
        decoded.group = entry.get("group")
    return decoded


# Values longer than this are rare and unlikely to repeat; the memory is kept for the rest.
_MEMO_MAX_VALUE = 4096
# Signatures never repeat (a few percent of real values do, by forwarding): remembering them
# only costs (about 15 % of the decoding time on a mailing-list archive).
_NEVER_REMEMBERED = frozenset(("dkim-signature", "arc-seal", "arc-message-signature"))
# Two generations of this many entries: when the newer is full it becomes the older one and
# the older is dropped (constant time; an entry still in use moves to the newer on a hit).
_MEMO_GENERATION = 4096
_memo: dict[tuple[str, str], Decoded] = {}
_older: dict[tuple[str, str], Decoded] = {}
# A value is remembered the second time it is decoded: most decoded values of a mailbox occur
# once (a message's own Authentication-Results, its stamp), and keeping those made a worker's
# memory grow by ~25 KB a message, fresh pages to fault in, for nothing. Hashes of the values
# decoded once (a collision only remembers a value early), forgotten all at once when full.
_SEEN_ONCE_MAX = 4 * _MEMO_GENERATION
_seen_once: set[int] = set()


def decode_header(name: str, value: str) -> Decoded:
    """Decode one header (``value`` already unfolded and RFC 2047 decoded). Never raises.

    Unknown header → family "other", severity "info", no fields, description None.
    """
    known = decode_shared(name, value)
    return Decoded(
        known.family,
        known.severity,
        list(known.fields),
        list(known.findings),
        known.description,
        dict(known.data),
        known.doc_url,
        known.group,
    )


def decode_shared(name: str, value: str) -> Decoded:
    """:func:`decode_header` without the copy: the result may be shared with other callers
    and must not be changed (the analysis copies what it keeps)."""
    if type(name) is not str or type(value) is not str:
        return _decode(name, value)
    lname, plain = by_name(name)
    if plain is not None:  # most headers: no decoder reads them, the name says it all
        return plain
    global _memo, _older
    key = (name, value)
    known = _memo.get(key)
    if known is not None:
        return known
    known = _older.get(key)
    if known is not None:
        _memo[key] = known  # still in use: keep it in the current generation
        return known
    known = _decode(name, value)
    if len(value) <= _MEMO_MAX_VALUE and lname not in _NEVER_REMEMBERED:
        seen = hash(key)
        if seen not in _seen_once:
            if len(_seen_once) >= _SEEN_ONCE_MAX:
                _seen_once.clear()
            _seen_once.add(seen)
            return known
        if len(_memo) >= _MEMO_GENERATION:
            _older, _memo = _memo, {}
        _memo[key] = known
    return known


def known_result(name: str, value: str) -> Decoded | None:
    """The shared result :func:`decode_shared` has for (``name``, ``value``) without decoding
    anything: that of a header no decoder reads, or a remembered value; else None."""
    if type(name) is not str or type(value) is not str:
        return None
    _lname, plain = by_name(name)
    if plain is not None:
        return plain
    key = (name, value)
    return _memo.get(key) or _older.get(key)


@lru_cache(maxsize=4096)
def by_name(name: str) -> tuple[str, Decoded | None]:
    """(lower-case name, the shared result when no decoder reads this header, else None):
    one cache hit per header, keyed by the name as written."""
    lname = name.strip().lower()
    decoder, prefix_decoder, _ = _route(lname)
    return lname, (_plain(lname) if decoder is None and prefix_decoder is None else None)


@lru_cache(maxsize=4096)
def _plain(lname: str) -> Decoded:
    """The shared result for a header no decoder reads: its catalogue family and text."""
    return _catalogued(Decoded(family="other", severity="info"), _route(lname)[2])


def _decode(name: str, value: str) -> Decoded:
    lname = name.strip().lower() if isinstance(name, str) else ""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    decoder, prefix_decoder, entry = _route(lname)
    try:
        if decoder is not None:
            decoded = decoder(value)
        elif prefix_decoder is not None:
            decoded = prefix_decoder(lname, value)
        else:
            return _catalogued(Decoded(family="other", severity="info"), entry)
    except Exception:  # a decoder bug must not take the whole analysis down
        decoded = Decoded(
            family="other",
            severity="unknown",
            fields=[Field(name, value, None, "unknown", generic("decoder_error_detail"))],
            findings=[
                Finding(
                    id=f"decoder-error:{lname}",
                    severity="unknown",
                    title=generic("decoder_error_title"),
                    detail=generic("decoder_error_detail"),
                    header=name,
                )
            ],
        )
    return _catalogued(decoded, entry)
