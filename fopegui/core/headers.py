"""Header block → header fields in file order: unfolded, RFC 2047 decoded, raw kept.

We read only the header block (the standard parser walks every body line too) and
report malformed lines as findings instead of silently stopping where the standard
parser would.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache

from fopegui.core.model import Finding, Header
from fopegui.core.texts import finding

_MBOX_FROM = re.compile(rb"^From [^\r\n]*\r?\n")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
# White space between two encoded words. Replaced by the literal "?=" it starts with: a group
# reference in the replacement would call Python code for every match.
_WS_BETWEEN_WORDS = re.compile(r"\?=[ \t\r\n]+(?==\?)")
_Q_UNDERSCORE = re.compile(r"_")
# Exchange writes its anti-spam blobs (X-MS-Exchange-AntiSpam-MessageData-0 and the like,
# 2-3 KB) as thirty-odd encoded words of one spelling; word by word they cost more than the
# rest of the header split. Their text joined is the decoded value (Q words with nothing to
# unescape) or one base64 text (see _exchange_words).
_Q_RUN = ("=?us-ascii?Q?", "?==?us-ascii?Q?")
_B_RUN = ("=?utf-8?B?", "?==?utf-8?B?")
_Q_AFTER_B = "?==?utf-8?Q?"  # a Q word ending a base64 run
_Q_WORD_TEXT = re.compile(r"[^?\s]*")  # the text of one encoded word (_ENCODED_WORD)
_Q_PLAIN_TEXT = re.compile(r"[!-<>@-^`-~]*")  # printable ASCII but "=", "?" and "_"
# The same with escapes of ASCII characters: 40 % of Exchange's blobs in a list archive hold
# "=3D" (a base64 "="), which sent them word by word (54 µs a header instead of 12).
_Q_ASCII_TEXT = re.compile(r"(?:[!-<>@-^`-~]++|=[0-7][0-9A-Fa-f])*+")  # possessive: linear
_Q_ASCII_ESCAPE = re.compile(r"=([0-7][0-9A-Fa-f])")
# An "=" among the last two letters of a word of such a run (followed by the "?=" that ends
# every word; the text of the words holds no "?"): an escape cut by the end of its word.
_Q_CUT_ESCAPE = re.compile(r"=.?\?=")
_Q_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")
_B64_LETTERS = re.compile(r"[A-Za-z0-9+/]*")
# Base64 whose only fault is padding: more "=" than a quad needs.
_OVER_PADDED = re.compile(r"[A-Za-z0-9+/]*={3,}")

# Charset labels seen in Japanese mail → the Python codec that decodes them best.
# Shift_JIS mail is usually written by Windows (cp932 is its superset); likewise
# ISO-2022-JP mail often carries cp932 extensions (iso2022_jp_ext / _2 cover more).
_CHARSET_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "iso-2022-jp": "iso2022_jp_2",
    "iso-2022-jp-ms": "iso2022_jp_2",
    "cp50220": "iso2022_jp_2",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "unknown-8bit": "latin-1",
    "x-unknown": "latin-1",
}
# Python codecs that are no MIME charset: idna and punycode raise even with errors="replace",
# the escape codecs interpret backslashes, "undefined" always raises. A header naming one is
# treated like any unknown charset.
_NOT_CHARSETS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "charmap"}
)


@dataclass(slots=True)
class HeaderBlock:
    """The header fields of a message in file order, with a finding per malformed line."""

    headers: list[Header]
    findings: list[Finding] = field(default_factory=list)
    header_bytes: bytes = b""  # the header block as read (from line excluded)


# The blank line that ends a header block, for each kind of line end: (pattern, whether a CR
# just before it belongs to the line end, length). The regex engine finds these twice as fast
# as bytes.find, whose skipping does little for such short needles (12 → 5 µs in a 13 KB
# header block).
_LF_BLANK = (re.compile(rb"\n\n"), 1, 2)
_CRLF_BLANK = (re.compile(rb"\n\r\n"), 1, 3)
_CR_BLANK = (re.compile(rb"\r\r"), 0, 2)


def split_header_block(data: bytes) -> tuple[bytes, int, bool]:
    """(header block, body offset, had mbox From line). The block excludes the blank line."""
    start = 0
    had_from = False
    if data.startswith(b"From "):
        m = _MBOX_FROM.match(data)
        if m:
            start = m.end()
            had_from = True
    # The first blank line ends the block (LF, CRLF or, from old Macs, bare CR line ends).
    # Each kind is searched for only before the earliest found so far, the kind of the first
    # line break first: CRLF mail has no LF blank line, and looking for one first read its
    # whole body. Separate searches are much faster than a regex alternation.
    first_break = data.find(b"\n", start)
    crlf = first_break > start and data[first_break - 1] == 13  # "\r"
    ends = []
    limit = len(data)
    order = (_CRLF_BLANK, _LF_BLANK, _CR_BLANK) if crlf else (_LF_BLANK, _CRLF_BLANK, _CR_BLANK)
    for blank in order:
        pattern, skip, length = blank
        found = pattern.search(data, start, limit)
        if found is None:
            continue
        pos = found.start()
        ends.append((pos, skip, length))
        limit = pos + length  # later separators only matter if they come earlier
        if blank is _LF_BLANK and data.find(b"\r", start, pos) < 0:
            # No CR before it (most mail written on Unix): no separator with a CR can come
            # earlier, and one memchr pass saves two searches of the header block.
            break
    if not ends:  # headers only: the whole input, less its final line break
        return data[start:].rstrip(b"\r\n"), len(data), had_from
    pos, skip, length = min(ends)
    block_end = pos - 1 if skip and pos > start and data[pos - 1 : pos] == b"\r" else pos
    return data[start:block_end], pos + length, had_from


def _decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Header bytes → text. 8-bit headers are not allowed raw; say which guess we made."""
    try:
        return raw.decode("ascii"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8"), None  # RFC 6532 allows UTF-8 headers
    except UnicodeDecodeError:
        pass
    for codec in ("cp932", "euc_jp"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


@lru_cache(maxsize=256)  # a pure function of the label; mail repeats a few labels a lot
def text_codec(charset: str) -> str | None:
    """The Python codec that decodes text in MIME charset ``charset``, or None when there is
    none (unknown, a NUL in the name, a bytes transform such as zlib, or a Python-only codec)."""
    charset = charset.split("*", 1)[0].strip().lower()  # RFC 2231 language suffix
    name = _CHARSET_ALIASES.get(charset, charset)
    if not name.isprintable():
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def decode_charset(payload: bytes, charset: str) -> tuple[str, str | None]:
    """``payload`` decoded from ``charset`` → (text, problem or None); never raises.
    Problems: ``unknown-charset`` (read as UTF-8 instead) or ``bad-bytes`` (replaced)."""
    codec = text_codec(charset)
    if codec is None:
        return payload.decode("utf-8", "replace"), "unknown-charset"
    try:
        return payload.decode(codec), None
    except (UnicodeError, ValueError):
        pass
    try:
        return payload.decode(codec, "replace"), "bad-bytes"
    except (UnicodeError, ValueError):  # stateful codecs (ISO-2022) can fail even then
        return payload.decode("utf-8", "replace"), "bad-bytes"


def _b64(text: str) -> tuple[bytes, bool]:
    """Decode base64 leniently; the flag says whether the text was valid base64.
    (base64.b64decode, without its two layers of Python around binascii: mail with many
    encoded words calls this for each.)"""
    try:
        padded = (text + "=" * (-len(text) % 4)).encode("ascii")
    except UnicodeEncodeError:
        return b"", False
    try:
        return binascii.a2b_base64(padded, strict_mode=True), True
    except (binascii.Error, ValueError):
        pass
    try:
        return binascii.a2b_base64(padded), False
    except (binascii.Error, ValueError):
        return b"", False


def _decode_word(charset: str, encoding: str, text: str) -> tuple[str, str | None]:
    """One encoded word → (text, problem or None)."""
    try:
        if encoding in "bB":
            payload, _ = _b64(text)
        elif "=" not in text and "_" not in text:  # nothing to unescape (most Q words)
            payload = text.encode("ascii", "replace")
        else:
            payload = _Q_HEX.sub(
                lambda m: bytes([int(m.group(1), 16)]),
                _Q_UNDERSCORE.sub(" ", text).encode("ascii", "replace"),
            )
    except (binascii.Error, ValueError):
        return f"=?{charset}?{encoding}?{text}?=", "bad-encoding"
    return decode_charset(payload, charset)


def _ascii_of_escape(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16))


def _exchange_words(value: str) -> tuple[str, list[str]] | None:
    """A value that is one run of Exchange's encoded words (white space between them already
    dropped), decoded as :func:`decode_rfc2047` would decode it word by word; None for any
    other value, and for a run in which a word would not decode cleanly on its own."""
    prefix, between = _Q_RUN
    if value.startswith(prefix):
        text = value[len(prefix) : -2].replace(between, "")
        if "=" not in text and _Q_PLAIN_TEXT.fullmatch(text):  # (one memchr finds an escape)
            return text, []
        if not _Q_ASCII_TEXT.fullmatch(text):
            return None
        # An escape is read within its word: one cut by the end of a word ("…=3" "D…")
        # stays as it is written there, and the run is left to the reading word by word.
        if _Q_CUT_ESCAPE.search(value):
            return None
        return _Q_ASCII_ESCAPE.sub(_ascii_of_escape, text), []
    prefix, between = _B_RUN
    if not value.startswith(prefix):
        return None
    words = value[len(prefix) : -2].split(between)
    # One blob in eight of a kernel list archive ends its base64 run with a Q word
    # ("…?==?utf-8?Q?9SuThJsu4UM18cJs=3D?="): read after the run, as a word of its own.
    last, q_prefix, q_text = words[-1].partition(_Q_AFTER_B)
    if q_prefix and not _Q_WORD_TEXT.fullmatch(q_text):
        return None
    words[-1] = last
    if any(size % 4 for size in set(map(len, words[:-1]))):  # a word padded leniently
        return None
    try:
        body = "".join(words).encode("ascii")
    except UnicodeEncodeError:
        return None
    # Padding may end the last word only; that word is decoded on its own, as it would be
    # alone (strict decoding accepts "QUJD====" whole, but not a word "====").
    cut = len(body) - len(last)
    if body.find(b"=", 0, cut) >= 0:
        return None
    # Exchange leaves the last word unpadded in one blob out of seven. Two or three letters
    # are padded as a word alone is; one letter holds no byte: the word stays as written.
    left = len(last) % 4
    if left == 1 and not _B64_LETTERS.fullmatch(last):
        return None  # lenient decoding may find bytes in it: word by word, as it does
    try:
        payload = binascii.a2b_base64(body[:cut], strict_mode=True)
        if left != 1:
            payload += binascii.a2b_base64(body[cut:] + b"=" * (-left % 4), strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    text, problem = decode_charset(payload, "utf-8")
    problems = [problem] if problem else []
    if left == 1:
        text += f"{prefix}{last}?="
        problems.insert(0, "bad-encoding")
    if q_prefix:
        q_decoded, q_problem = _decode_word("utf-8", "Q", q_text)
        text += q_decoded
        if q_problem:
            problems.append(q_problem)
    return text, problems


# Above this length a value is most likely one of Exchange's runs (see _Q_RUN).
_LONG_RUN = 512


def _without_space_between_words(value: str) -> str:
    """``value`` with the white space between adjacent encoded words dropped (RFC 2047 6.2),
    as ``_WS_BETWEEN_WORDS.sub("?=", value)`` writes it. Exchange's runs put one space between
    their thirty-odd words: those are dropped by one replace, and the pattern only has to
    find that no other white space is left (replacing its matches one by one took longer
    than the rest of reading such a run); otherwise the pattern does all of it."""
    if len(value) > _LONG_RUN:
        spaced = value.replace("?= =?", "?==?")
        if _WS_BETWEEN_WORDS.search(spaced) is None:
            return spaced
    return _WS_BETWEEN_WORDS.sub("?=", value)


def decode_rfc2047(value: str) -> tuple[str, list[str]]:
    """Decode RFC 2047 encoded words; never raises. Returns (text, problems)."""
    if "=?" not in value:
        return value, []
    value = _without_space_between_words(value)
    if value.endswith("?=") and (run := _exchange_words(value)) is not None:
        return run
    problems: list[str] = []
    parts: list[str] = []
    pending: list[bytes] = []  # consecutive base64 words of one charset are joined first:
    pending_charset = ""  # multi-byte characters are often split across words.
    pos = 0

    def flush() -> None:  # called only when something is pending
        nonlocal pending, pending_charset
        text, problem = decode_charset(b"".join(pending), pending_charset)
        parts.append(text)
        if problem:
            problems.append(problem)
        pending, pending_charset = [], ""

    for m in _ENCODED_WORD.finditer(value):
        charset, encoding, text = m.groups()
        start = m.start()
        if start > pos:
            if pending:
                flush()
            parts.append(value[pos:start])
        pos = m.end()
        if encoding in "bB":
            chunk, valid = _b64(text)
            if not valid:
                problems.append("bad-encoding")
                if not (chunk and _OVER_PADDED.fullmatch(text)):
                    if pending:
                        flush()
                    parts.append(m.group(0))  # keep what was written: it cannot be decoded
                    continue
                # Only the padding is wrong ("…NQ====", a trick seen in phishing subjects):
                # decoded as mail programs show it, and reported.
            if pending and charset.lower() != pending_charset.lower():
                flush()
            pending_charset = charset
            pending.append(chunk)
            continue
        if pending:
            flush()
        decoded, problem = _decode_word(charset, encoding, text)
        parts.append(decoded)
        if problem:
            problems.append(problem)
    if pending:
        flush()
    parts.append(value[pos:])
    return "".join(parts), problems


# One line of the block, matched in one C-level step: either a header field with its
# continuation lines (groups 1-4: whole field, name, white space before the colon, value) or,
# where no field starts, one malformed line (group 5), each with the line break that ends it.
# Every position of the block is the start of a match, so finditer walks the block in one
# pass with no gap between matches (only an empty match at the very end).
_LINE = re.compile(
    r"(?:(([!-9;-~]+)([ \t]*):([^\r\n]*(?:(?:\r\n|\n|\r)[ \t][^\r\n]*)*))|([^\r\n]*))"
    r"(?:\r\n|\n|\r)?"
)
# The same for a block without a bare CR (LF or CRLF line ends: nearly all mail). "." stops
# only at LF, and the regex engine runs through it several times faster than through
# [^\r\n] (3× on real list mail); the CR of a CRLF stays at the end of a match and is
# dropped from the raw field and the bad line (the value loses it when it is unfolded).
_LINE_NO_BARE_CR = re.compile(r"(?:(([!-9;-~]+)([ \t]*):(.*(?:\n[ \t].*)*))|(.*))\n?")


# Above this many characters a block is read match by match: splitting it holds every field
# of it at once (a hostile block of 200 MB would hold a gigabyte more).
_ALL_AT_ONCE_MAX = 1 << 20


def parse_header_block(block: bytes) -> HeaderBlock:
    """Parse a header block (no body) into Header objects, in file order.

    A malformed line is reported and skipped; reading goes on after it.
    """
    try:  # the common case: decode the block once (RFC 6532 allows UTF-8 headers)
        text = block.decode("utf-8")
        per_field = False
    except UnicodeDecodeError:  # raw 8-bit in some header: decode field by field, say so
        text = block.decode("latin-1")
        per_field = True
    fields = None
    if not ("\r" in text or per_field or len(text) > _ALL_AT_ONCE_MAX):
        fields = _well_formed_fields(text)  # LF line ends, one decoding: nearly all mail on disk
    headers, findings = fields or _any_fields(text, per_field)
    return HeaderBlock(headers=headers, findings=findings, header_bytes=block)


def _any_fields(text: str, per_field: bool) -> tuple[list[Header], list[Finding]]:
    """The fields of a block with any line ends (LF, CRLF, bare CR); ``per_field``: ``text``
    is the block's bytes as Latin-1, each field to be decoded on its own."""
    headers: list[Header] = []
    findings: list[Finding] = []
    crlf = "\r" in text
    bare_cr = crlf and text.count("\r") != text.count("\r\n")
    line_number, counted_to = 0, 0  # line breaks before `counted_to`: counted once, in order
    for m in (_LINE if bare_cr else _LINE_NO_BARE_CR).finditer(text):
        raw, name, space, value, line = m.groups()
        if crlf and not bare_cr:  # the CR of the CRLF that ends the match
            if raw is not None and raw[-1:] == "\r":
                raw = raw[:-1]
            elif line and line[-1] == "\r":
                line = line[:-1]
        if raw is None:
            if line:
                line_number += _line_breaks(text, counted_to, m.start())
                counted_to = m.start()
                findings.append(_bad_line(line, line_number + 1))
            continue
        if per_field:
            raw, guessed = _decode_bytes(raw.encode("latin-1"))
            value = raw[raw.index(":") + 1 :]
            if guessed:
                findings.append(finding("header-raw-8bit", header=name, name=name, codec=guessed))
        if "\n" in value or "\r" in value:
            # A field only spans line breaks followed by white space: all of them are folds
            # (or the CR of the CRLF that ends the field).
            value = value.replace("\r\n", "").replace("\n", "").replace("\r", "")
        value = value.strip(" \t")
        if space:
            findings.append(finding("header-space-before-colon", header=name, name=name))
        if "=?" in value:  # only then can there be encoded words (most values have none)
            value = _decoded_value(value, name, findings)
        # (index, name, value, raw): positional, half the cost of keywords in a dataclass
        headers.append(Header(len(headers), name, value, raw))
    if bare_cr:
        findings.append(finding("header-bare-cr"))
    return headers, findings


# Where a field ends in a block with LF line ends: a line break not followed by white space
# (a fold). Splitting there is a third of the time of matching each field with its parts.
_FIELD_END = re.compile(r"\n(?![ \t])")


# The text before a field's colon → the field's name, for those seen: names repeat in every
# message, and one lookup replaces the five tests of _field_name. Bounded (a hostile block may
# hold thousands of names).
_NAMES: dict[str, str] = {}
_NAMES_MAX = 4096


def _field_name(before: str) -> str | None:
    """The name of a field whose text before its colon is ``before`` (_LINE's name,
    [!-9;-~]+: printable ASCII but the space and the colon, then spaces or tabs); None when
    that is no name."""
    name = before.rstrip(" \t")
    if not name or " " in name or not name.isascii() or not name.isprintable():
        return None
    return name


def _well_formed_fields(text: str) -> tuple[list[Header], list[Finding]] | None:
    """The fields of a block with LF line ends only, each a name, a colon and a value (every
    real block), read as :func:`_any_fields` reads them; None as soon as a part is not such a
    field (a line without a colon, a name with a space, an orphan continuation): the block
    is then read line by line, with a finding for each bad line."""
    headers: list[Header] = []
    findings: list[Finding] = []
    names = _NAMES
    for raw in _FIELD_END.split(text):
        if not raw:  # the end of the block, or an empty line (skipped, as _any_fields does)
            continue
        before, colon, value = raw.partition(":")
        if not colon:
            return None
        name = names.get(before)
        if name is None:
            name = _field_name(before)
            if name is None:
                return None
            if len(names) >= _NAMES_MAX:
                names.clear()
            names[before] = name
        if "\n" in value:  # folds: a line break followed by white space
            value = value.replace("\n", "")
        value = value.strip(" \t")
        if len(name) != len(before):  # white space before the colon, stripped from the name
            findings.append(finding("header-space-before-colon", header=name, name=name))
        if "=?" in value:
            value = _decoded_value(value, name, findings)
        headers.append(Header(len(headers), name, value, raw))
    return headers, findings


def _decoded_value(value: str, name: str, findings: list[Finding]) -> str:
    """``value`` with its encoded words decoded; a finding per kind of problem met."""
    value, problems = decode_rfc2047(value)
    for problem in dict.fromkeys(problems):
        f = finding("header-encoding", header=name, name=name, problem=problem)
        f.id = f"header-encoding-{problem}"  # one id per problem kind, for filters
        findings.append(f)
    return value


def _line_breaks(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``: LF, CRLF and bare CR each count once."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def _bad_line(line: str, line_number: int) -> Finding:
    if line[:1] in (" ", "\t"):
        return finding("header-orphan-continuation", line=line_number)
    return finding("header-line-without-colon", line=line_number, shown=line[:60])
