"""False-positive submission draft (KB2669119 Method 2): a new message with the original attached.

The original's bytes are spliced into the draft verbatim, never re-serialised: a forwarded or
re-encoded copy changes the headers the spam team needs. The draft's own lines end in CRLF and
the CRLF before each boundary delimiter is ours (it belongs to the delimiter, RFC 2046 §5.1.1),
so the attachment part's body is exactly the original file, whatever its line endings.

The letter is written from the verdict's codes (core.submission_plan); whether a submission
is the remedy at all is decided there too.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from datetime import datetime
from urllib.parse import quote

from fopegui.core import catalogue
from fopegui.core.headers import parse_header_block, split_header_block
from fopegui.core.mime_bytes import leaf_parts, parse_headers, split_entity

KB_ADDRESS = "false_positive@messaging.microsoft.com"
# Microsoft Learn: "To go directly to the Submissions page, use <this address>".
DEFENDER_SUBMISSIONS_URL = "https://security.microsoft.com/reportsubmission"

CRLF = b"\r\n"
_LINE = 78  # recommended line length (RFC 5322 §2.1.1); the hard limit is 998
_MAX_LINE = 998
_WORD = 75  # longest encoded-word (RFC 2047 §2)
_NAME_MAX = 150  # attachment name length kept (characters)
_MIME_TYPES = {
    "eml": "message/rfc822",
    "text": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
}
_DEFAULT_NAMES = {"eml": "original.eml", "text": "original.eml", "msg": "original.msg"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ADDR = re.compile(r'[^\s<>()\[\],;:"@]+@[^\s<>()\[\],;:"@]+')
_TEXTS = "submission"


def message_text(key: str, lang: str = "en", **values: object) -> str:
    """The ``lang`` text ``key`` of submission.json, with ``values`` filled in."""
    text = catalogue.text(catalogue.load(_TEXTS)[key], lang) or ""
    return text.format(**values) if values else text


def destination_note(lang: str = "en") -> str:
    """Why the KB's address is historical and where Microsoft 365 tenants submit today."""
    return message_text("kb_address_note", lang, url=DEFENDER_SUBMISSIONS_URL)


def default_subject(original_subject: str | None, lang: str = "en") -> str:
    """The default subject: "False positive: <original subject>" (ja: "誤検知: <件名>")."""
    subject = _one_line(original_subject or "")
    if not subject:
        return message_text("subject_without_original", lang)
    return message_text("subject_prefix", lang, subject=subject)


def read_subject(original: bytes) -> str | None:
    """The Subject of an .eml's header block, decoded (RFC 2047, or raw 8-bit); None if absent."""
    block, _, _ = split_header_block(original)
    headers = parse_header_block(block).headers
    subject = next((header.value for header in headers if header.key == "subject"), None)
    return _one_line(subject or "") or None


def attachment_filename(path: str | None, kind: str) -> str:
    """The original's file name, fit for a MIME parameter; ``original.eml``/``.msg`` without one."""
    name = re.split(r"[\\/]", path or "")[-1]
    name = re.sub(r'[\x00-\x1f\x7f"]', "_", name).strip()  # '"' would end the quoted parameter
    if len(name) > _NAME_MAX:
        stem, ext = os.path.splitext(name)
        ext = ext if len(ext) <= 16 else ""
        name = stem[: _NAME_MAX - len(ext)] + ext
    return name or _DEFAULT_NAMES[kind]


def transfer_encoding(original: bytes) -> str:
    """The encoding message/rfc822 may declare for these bytes (RFC 2046 §5.2.1: 7bit/8bit/binary).

    binary: NUL, a CR that does not start a CRLF, or a line over 998 octets; else 8bit when
    any octet is non-ASCII; else 7bit.
    """
    if b"\0" in original or re.search(rb"\r(?!\n)", original):
        return "binary"
    # Every CR left is part of a CRLF, so 999 octets without CR or LF is a line too long.
    if re.search(rb"[^\r\n]{%d}" % (_MAX_LINE + 1), original):
        return "binary"
    return "7bit" if original.isascii() else "8bit"


def choose_boundary(contents: Iterable[bytes], candidates: Iterator[str] | None = None) -> str:
    """A multipart boundary that occurs in none of ``contents`` (random unless ``candidates``)."""
    pieces = list(contents)
    for candidate in candidates if candidates is not None else _random_boundaries():
        token = candidate.encode("ascii")
        if not any(token in piece for piece in pieces):
            return candidate
    raise ValueError("no usable boundary among the candidates")


def build_draft(
    original: bytes,
    kind: str,
    filename: str,
    to: str,
    from_addr: str | None = None,
    subject: str | None = None,
    note: str | None = None,
    original_subject: str | None = None,
    lang: str = "en",
    date: datetime | None = None,
    body: str | None = None,
) -> bytes:
    """The draft .eml (``X-Unsent: 1``) to ``to`` with ``original`` attached byte for byte.

    ``kind`` is "eml"/"text" (attached as message/rfc822) or "msg" (application/vnd.ms-outlook,
    base64). ``filename`` is sanitised here. Without ``subject``, "False positive: <original
    subject>"; without ``original_subject``, it is read from an .eml's header block.
    ``body`` is the letter's text (any line ends); without it the letter is written from the
    codes of ``original``'s own analysis (core.submission_plan), never from assumptions.
    Raises ValueError for an unknown kind or an address that is not one.
    """
    if kind not in _MIME_TYPES:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(_MIME_TYPES)}")
    if original_subject is None and kind != "msg":
        original_subject = read_subject(original)
    name = attachment_filename(filename, kind)
    recipients = _address_list(to, "To")
    senders = _address_list(from_addr, "From") if from_addr else None
    domain = senders[0][1].rpartition("@")[2] if senders else "fopegui.invalid"
    when = date if date and date.tzinfo else (date or datetime.now()).astimezone()  # naive: local
    subject = _one_line(subject or "") or default_subject(original_subject, lang)

    if body is None:
        body = _letter_from_codes(original, name, original_subject, note, lang)
    text = re.sub(r"\r\n|\r|\n", "\r\n", body.rstrip("\r\n")) + "\r\n"
    body_bytes, body_cte = _text_payload(text)
    if kind == "msg":
        cte, payload = "base64", base64.encodebytes(original).replace(b"\n", CRLF)
    else:
        cte, payload = transfer_encoding(original), original
    part_headers = _attachment_headers(kind, name, cte)
    boundary = choose_boundary([original, body_bytes, part_headers])
    delimiter = b"--" + boundary.encode("ascii")

    head = b"".join(
        [
            _header("From", _format_addresses(senders)) if senders else b"",
            _header("To", _format_addresses(recipients)),
            _subject_header(subject),
            _header("Date", email.utils.format_datetime(when)),
            _header("Message-ID", email.utils.make_msgid("fopegui", domain=domain)),
            _header("MIME-Version", "1.0"),
            _header("X-Unsent", "1"),
            _header("Content-Type", f'multipart/mixed; boundary="{boundary}"'),
        ]
    )
    return b"".join(
        [
            head,
            CRLF,
            b"This is a multi-part message in MIME format.",
            CRLF,
            # The part bodies end at the CRLF that starts the next delimiter line: added by us.
            CRLF + delimiter + CRLF,
            _header("Content-Type", 'text/plain; charset="utf-8"'),
            _header("Content-Transfer-Encoding", body_cte),
            CRLF,
            body_bytes,
            CRLF + delimiter + CRLF,
            part_headers,
            CRLF,
            payload,
            CRLF + delimiter + b"--" + CRLF,
        ]
    )


def extract_attachment(draft: bytes) -> bytes:
    """The bytes of the draft's first attachment part: exactly what lies between the part's
    header block and the CRLF of the next boundary delimiter, base64/QP decoded if declared.

    Raises ValueError when the draft is not multipart or has no attachment part.
    """
    block, _ = split_entity(draft)
    if not parse_headers(block).get_boundary():
        raise ValueError("the draft is not a multipart message")
    for part in leaf_parts(draft):
        if part.headers.get_content_disposition() == "attachment":
            return part.decoded()
    raise ValueError("the draft has no attachment part")


def plain_address(value: str, field: str) -> str:
    """The one address in ``value`` (``Name <a@b>`` or ``a@b``); ValueError unless it is one."""
    pairs = _address_list(value, field)
    if len(pairs) != 1:
        raise ValueError(f"{field}: one address expected: {value!r}")
    return pairs[0][1]


# --- helpers -------------------------------------------------------------------------------


def _random_boundaries() -> Iterator[str]:
    while True:
        yield f"=_fopegui_{secrets.token_hex(16)}"


def _one_line(value: str) -> str:
    """Control characters (CR/LF above all: header injection) become spaces; runs collapse."""
    return " ".join(_CONTROL.sub(" ", value).split())


def _letter_from_codes(
    original: bytes, name: str, subject: str | None, note: str | None, lang: str
) -> str:
    from fopegui.core.analyze import analyze_bytes  # the letter reads the original's codes
    from fopegui.core.submission_plan import LetterFacts, assess, letter_text

    report = analyze_bytes(original)
    facts = LetterFacts(name, original, subject)
    return letter_text(report, assess(report), facts, lang, note)


def _text_payload(text: str) -> tuple[bytes, str]:
    """The UTF-8 text quoted-printable (readable for English) or base64 (shorter for Japanese)."""
    raw = text.encode("utf-8")
    qp = binascii.b2a_qp(raw, istext=True)
    b64 = base64.encodebytes(raw).replace(b"\n", CRLF)
    return (qp, "quoted-printable") if len(qp) <= len(b64) else (b64, "base64")


def _address_list(value: str, field: str) -> list[tuple[str, str]]:
    """(display name, address) pairs; ValueError unless every item is a plain address."""
    if _CONTROL.search(value):
        raise ValueError(f"{field}: control characters are not allowed in an address")
    pairs = email.utils.getaddresses([value])
    # The parser quietly drops spaces ("a@b c" -> "a@bc"): each address must be as typed.
    if not pairs or any(
        not _ADDR.fullmatch(addr) or not addr.isascii() or addr not in value for _, addr in pairs
    ):
        raise ValueError(f"{field}: not an e-mail address: {value!r}")
    return pairs


def _format_addresses(pairs: list[tuple[str, str]]) -> str:
    formatted = []
    for name, addr in pairs:
        if name and not name.isascii():
            name = " ".join(_b_words(name, _WORD))
        formatted.append(email.utils.formataddr((name, addr)))
    return ", ".join(formatted)


def _header(name: str, value: str) -> bytes:
    """``Name: value`` CRLF, folded at spaces to 78 columns where it can be (ASCII only)."""
    line = f"{name}: "
    lines = []
    for piece in re.split(r"(?= )", value):
        if len(line) + len(piece) > _LINE and line.strip() and piece.strip():
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    if any(len(item) > _MAX_LINE for item in lines):
        raise ValueError(f"{name}: a word is too long for a header line")
    return "\r\n".join(lines).encode("ascii") + CRLF


def _subject_header(subject: str) -> bytes:
    if subject.isascii() and "=?" not in subject:
        try:
            return _header("Subject", subject)
        except ValueError:
            pass  # an unbreakable word over 998 octets: encoded-words can be split anywhere
    first_room = min(_WORD, _LINE - len("Subject: "))
    words = _b_words(subject, _WORD, first_room)
    return ("Subject: " + "\r\n ".join(words)).encode("ascii") + CRLF


def _b_words(text: str, limit: int, first_limit: int | None = None) -> list[str]:
    """``text`` as UTF-8 B encoded-words of at most ``limit`` characters, split between code
    points (RFC 2047 §5: each word holds whole characters)."""

    def word(chunk: str) -> str:
        return "=?UTF-8?B?" + base64.b64encode(chunk.encode("utf-8")).decode("ascii") + "?="

    words: list[str] = []
    chunk = ""
    room = first_limit or limit
    for char in text:
        if chunk and len(word(chunk + char)) > room:
            words.append(word(chunk))
            chunk, room = "", limit
        chunk += char
    words.append(word(chunk))
    return words


def _attachment_headers(kind: str, name: str, cte: str) -> bytes:
    content_type = [_MIME_TYPES[kind]]
    if kind == "msg":  # Outlook names a file part by its Content-Type name
        content_type += _filename_params(name, "name")
    return b"".join(
        [
            _param_header("Content-Type", content_type),
            _header("Content-Transfer-Encoding", cte),
            _param_header("Content-Disposition", ["attachment", *_filename_params(name)]),
        ]
    )


def _filename_params(name: str, key: str = "filename") -> list[str]:
    """``key="name"`` for ASCII, else RFC 2231 ``key*0*=UTF-8''..`` continuations (a long
    percent-encoded name would not fit on a header line)."""
    if name.isascii():
        return [f'{key}="{name}"']
    encoded = quote(name, safe="!#$&+^`|")  # RFC 2231 attribute-char, UTF-8 octets
    # At most 54 characters a section keeps " filename*0*=UTF-8''...;" within 78 columns;
    # a section never splits a %XX (a UTF-8 sequence may span sections: octets are joined).
    chunks = re.findall(r"(?:%[0-9A-F]{2}|[^%]){1,18}", encoded)
    chunks[0] = "UTF-8''" + chunks[0]
    if len(chunks) == 1:
        return [f"{key}*={chunks[0]}"]
    return [f"{key}*{i}*={chunk}" for i, chunk in enumerate(chunks)]


def _param_header(name: str, items: list[str]) -> bytes:
    """``Name: value; p1; p2``: on one line when it fits in 78 columns, else a parameter a line."""
    line = f"{name}: " + "; ".join(items)
    if len(line) > _LINE:
        line = f"{name}: " + ";\r\n ".join(items)
    return line.encode("ascii") + CRLF
