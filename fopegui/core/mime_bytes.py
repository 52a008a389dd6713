"""MIME parts as the exact bytes a message carries them in.

The standard library's parser gives a part's payload back re-serialised (a message/rfc822
part comes out with LF line ends and refolded headers). Where bytes matter (the original a
bounce returns, the attachment of our own draft) this walker slices them out of the input
instead: a leaf part's body is exactly the octets between its header block and the line
break that belongs to the next boundary delimiter (RFC 2046 §5.1.1).

Linear in the input: each multipart level is scanned once for its own delimiters, and the
depth is bounded.
"""

from __future__ import annotations

import base64
import binascii
import email.message
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import BytesHeaderParser

MAX_DEPTH = 20  # deeper nesting is not mail, it is an attack on the parser
_BLANK = re.compile(rb"\r?\n\r?\n")
_LEADING_BREAK = re.compile(rb"\r?\n")


@dataclass(frozen=True, slots=True)
class Part:
    """One leaf part: its header fields and its body bytes exactly as in the input."""

    headers: email.message.Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()

    def decoded(self) -> bytes:
        """The body with its Content-Transfer-Encoding undone (base64, quoted-printable);
        identity encodings (7bit, 8bit, binary, none) give the body itself."""
        encoding = str(self.headers.get("content-transfer-encoding", "")).strip().lower()
        if encoding == "base64":
            return base64.b64decode(self.body)
        if encoding == "quoted-printable":
            return binascii.a2b_qp(self.body)
        return self.body


def split_entity(data: bytes) -> tuple[bytes, bytes]:
    """(header block with its last line break, body) of a MIME entity.

    An entity that starts with a blank line has no header fields; one without a blank line
    is all header fields and no body.
    """
    leading = _LEADING_BREAK.match(data)
    if leading:
        return b"", data[leading.end() :]
    blank = _BLANK.search(data)
    if blank is None:
        return data, b""
    first_break_end = blank.start() + (2 if data[blank.start() : blank.start() + 1] == b"\r" else 1)
    return data[:first_break_end], data[blank.end() :]


def parse_headers(block: bytes) -> email.message.Message:
    """The header fields of ``block`` (compat32: nothing is decoded or refolded)."""
    return BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)


def leaf_parts(data: bytes) -> Iterator[Part]:
    """The leaf parts of the message ``data`` in order, depth first; multiparts are entered,
    an attached message (message/rfc822) is a leaf. A message that is not multipart is its
    own one leaf. Preambles and epilogues are not parts."""
    yield from _walk(data, 0)


def first_body(data: bytes, content_types: str | tuple[str, ...]) -> bytes | None:
    """The decoded body of the first leaf part of one of ``content_types``; None if none."""
    wanted = (content_types,) if isinstance(content_types, str) else content_types
    for part in leaf_parts(data):
        if part.content_type in wanted:
            try:
                return part.decoded()
            except (binascii.Error, ValueError):
                return None
    return None


def _walk(entity: bytes, depth: int) -> Iterator[Part]:
    block, body = split_entity(entity)
    headers = parse_headers(block)
    boundary = headers.get_boundary() if headers.get_content_maintype() == "multipart" else None
    if not boundary or depth >= MAX_DEPTH:
        yield Part(headers, body)
        return
    for content in _multipart_bodies(body, boundary):
        yield from _walk(content, depth + 1)


def _multipart_bodies(body: bytes, boundary: str) -> Iterator[bytes]:
    """The body parts of a multipart body: what lies between one delimiter line and the line
    break before the next. Nothing after the close delimiter (the epilogue) is a part."""
    token = re.escape(boundary.encode("utf-8", "surrogateescape"))
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + token + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    previous: re.Match[bytes] | None = None
    for found in delimiter.finditer(body):
        if previous is not None:
            yield body[previous.end() : found.start()]
        if found.group(1):  # the close delimiter
            return
        previous = found
    # No close delimiter (a truncated message): the last part runs to the end.
    if previous is not None:
        yield body[previous.end() :]
