"""Header block → header fields in file order: unfolded, RFC 2047 decoded, raw kept.

We read only the header block (the standard parser walks every body line too) and
report malformed lines as findings instead of silently stopping where the standard
parser would.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from fopegui.core.model import Finding, Header

_HEADER_END = re.compile(rb"\r?\n\r?\n|\r\r")
_LINE_SPLIT = re.compile(rb"\r\n|\n|\r")
_NAME = re.compile(rb"^([!-9;-~]+)([ \t]*):")  # field-name: printable ASCII except ':'
_MBOX_FROM = re.compile(rb"^From [^\r\n]*\r?\n")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_WS_BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(?==\?)")
_Q_UNDERSCORE = re.compile(r"_")
_Q_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")

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


@dataclass(slots=True)
class HeaderBlock:
    headers: list[Header]
    findings: list[Finding] = field(default_factory=list)
    header_bytes: bytes = b""  # the header block as read (from line excluded)
    body_offset: int = 0  # where the body starts in the input bytes


def split_header_block(data: bytes) -> tuple[bytes, int, bool]:
    """(header block, body offset, had mbox From line). The block excludes the blank line."""
    start = 0
    had_from = False
    if data.startswith(b"From "):
        m = _MBOX_FROM.match(data)
        if m:
            start = m.end()
            had_from = True
    m = _HEADER_END.search(data, start)
    if m is None:  # headers only: the whole input, less its final line break
        return data[start:].rstrip(b"\r\n"), len(data), had_from
    return data[start : m.start()], m.end(), had_from


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


def _codec(charset: str) -> str:
    charset = charset.split("*", 1)[0].strip().lower()  # RFC 2231 language suffix
    return _CHARSET_ALIASES.get(charset, charset)


def _b64(text: str) -> tuple[bytes, bool]:
    """Decode base64 leniently; the flag says whether the text was valid base64."""
    padded = text + "=" * (-len(text) % 4)
    try:
        return base64.b64decode(padded, validate=True), True
    except (binascii.Error, ValueError):
        pass
    try:
        return base64.b64decode(padded, validate=False), False
    except (binascii.Error, ValueError):
        return b"", False


def _decode_word(charset: str, encoding: str, text: str) -> tuple[str, str | None]:
    """One encoded word → (text, problem or None)."""
    try:
        if encoding in "bB":
            payload, _ = _b64(text)
        else:
            payload = _Q_HEX.sub(
                lambda m: bytes([int(m.group(1), 16)]),
                _Q_UNDERSCORE.sub(" ", text).encode("ascii", "replace"),
            )
    except (binascii.Error, ValueError):
        return f"=?{charset}?{encoding}?{text}?=", "bad-encoding"
    codec = _codec(charset)
    try:
        return payload.decode(codec), None
    except LookupError:
        return payload.decode("utf-8", "replace"), "unknown-charset"
    except UnicodeDecodeError:
        return payload.decode(codec, "replace"), "bad-bytes"


def decode_rfc2047(value: str) -> tuple[str, list[str]]:
    """Decode RFC 2047 encoded words; never raises. Returns (text, problems)."""
    if "=?" not in value:
        return value, []
    value = _WS_BETWEEN_WORDS.sub(r"\1", value)  # whitespace between adjacent words is dropped
    problems: list[str] = []
    parts: list[str] = []
    pending: list[bytes] = []  # consecutive base64 words of one charset are joined first:
    pending_charset = ""  # multi-byte characters are often split across words.
    pos = 0

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            text, problem = _decode_word(
                pending_charset, "b", base64.b64encode(b"".join(pending)).decode()
            )
            parts.append(text)
            if problem:
                problems.append(problem)
            pending, pending_charset = [], ""

    for m in _ENCODED_WORD.finditer(value):
        charset, encoding, text = m.groups()
        if m.start() > pos:
            flush()
            parts.append(value[pos : m.start()])
        pos = m.end()
        if encoding in "bB":
            chunk, valid = _b64(text)
            if not valid:
                flush()
                parts.append(m.group(0))  # keep what was written: it cannot be decoded
                problems.append("bad-encoding")
                continue
            if pending and charset.lower() != pending_charset.lower():
                flush()
            pending_charset = charset
            pending.append(chunk)
            continue
        flush()
        decoded, problem = _decode_word(charset, encoding, text)
        parts.append(decoded)
        if problem:
            problems.append(problem)
    flush()
    parts.append(value[pos:])
    return "".join(parts), problems


_UNFOLD = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")


def _finding(fid: str, severity: str, title: str, detail: str, header: str | None) -> Finding:
    return Finding(id=fid, severity=severity, title=title, detail=detail, header=header)


def parse_header_block(block: bytes) -> HeaderBlock:
    """Parse a header block (no body) into Header objects, in file order."""
    headers: list[Header] = []
    findings: list[Finding] = []
    current: list[bytes] | None = None
    name = ""
    spaced = False

    def close() -> None:
        if current is None:
            return
        raw_bytes = b"\r\n".join(current) if len(current) > 1 else current[0]
        raw, guessed = _decode_bytes(raw_bytes)
        value = raw[raw.index(":") + 1 :]
        if "\n" in value or "\r" in value:
            value = _UNFOLD.sub("", value)
        value = value.strip(" \t")
        value, problems = decode_rfc2047(value)
        index = len(headers)
        headers.append(Header(index=index, name=name, value=value, raw=raw))
        if spaced:
            findings.append(
                _finding(
                    "header-space-before-colon",
                    "warning",
                    "Space before the colon",
                    f"The header name '{name}' is followed by white space before its colon. "
                    "RFC 5322 does not allow this; some filters and clients ignore such headers.",
                    name,
                )
            )
        if guessed:
            findings.append(
                _finding(
                    "header-raw-8bit",
                    "warning",
                    "Unencoded 8-bit characters in a header",
                    f"'{name}' contains non-ASCII bytes without RFC 2047 encoding; shown as "
                    f"{guessed}. The sending software did not encode the header correctly.",
                    name,
                )
            )
        for problem in dict.fromkeys(problems):
            findings.append(
                _finding(
                    f"header-encoding-{problem}",
                    "warning",
                    "Broken encoded text in a header",
                    f"'{name}' has an RFC 2047 encoded word that could not be decoded cleanly "
                    f"({problem}); the text shown may be incomplete.",
                    name,
                )
            )

    lines = _LINE_SPLIT.split(block)
    bare_cr = b"\r" in block.replace(b"\r\n", b"")
    for lineno, line in enumerate(lines, 1):
        if not line:
            continue
        if line[0] in b" \t":
            if current is None:
                findings.append(
                    _finding(
                        "header-orphan-continuation",
                        "warning",
                        "Continuation line before any header",
                        f"Line {lineno} starts with white space but no header precedes it.",
                        None,
                    )
                )
                continue
            current.append(line)
            continue
        m = _NAME.match(line)
        if m is None:
            close()
            current = None
            shown = line[:60].decode("ascii", "replace")
            findings.append(
                _finding(
                    "header-line-without-colon",
                    "warning",
                    "Header line without a colon",
                    f"Line {lineno} of the header block is not a header ('{shown}'). Standard "
                    "parsers stop here and treat the rest as the body; fopegui keeps reading.",
                    None,
                )
            )
            continue
        close()
        name = m.group(1).decode("ascii")
        spaced = bool(m.group(2))
        current = [line]
    close()
    if bare_cr:
        findings.append(
            _finding(
                "header-bare-cr",
                "warning",
                "Bare CR in the header block",
                "The header block contains a carriage return not followed by a line feed. "
                "It was treated as a line break; mail servers may read it differently.",
                None,
            )
        )
    return HeaderBlock(headers=headers, findings=findings, header_bytes=block)
