"""mbox files, streamed: where each message starts and ends, never the whole file in memory.

The separator rule is the standard library's (``mailbox.mbox``): every line that starts with
``From `` begins a new message, so a file splits into the same messages as there. The
message is the bytes after its ``From `` line, less the blank line that ends it before the
next separator. Messages are numbered from 1, in file order: ``inbox.mbox#12`` is the 12th.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

SEPARATOR = b"From "
_BLOCK = 1 << 20  # read 1 MiB at a time: the scan costs one bytes.find per message


@dataclass(frozen=True, slots=True)
class Span:
    """Message ``number`` (from 1) of an mbox: file offsets of its bytes, From line excluded."""

    number: int
    start: int
    end: int


def looks_like_mbox(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an mbox (its first line is a From line)."""
    return head.startswith(SEPARATOR) and (b"\n" in head[:4096] or len(head) < 4096)


def message_count(data: bytes) -> int:
    """How many messages ``data`` holds when read as an mbox (0 when it does not start with a
    From line): one more than the From lines after the first."""
    if not data.startswith(SEPARATOR):
        return 0
    return data.count(b"\n" + SEPARATOR) + 1


def holds_several(
    path: str | os.PathLike[str], block: int = _BLOCK, within: int | None = None
) -> bool | None:
    """Whether the file at ``path`` is an mbox of more than one message: it starts with a From
    line and has another. Reads only up to that second line (a message saved with its From
    line, as some mail programs do, is read whole), or with ``within`` at most that many
    bytes: None when the first message is longer (undecided)."""
    with open(path, "rb") as handle:
        buf = b""
        while len(buf) < len(SEPARATOR) and (chunk := handle.read(block)):
            buf += chunk
        if not buf.startswith(SEPARATOR):
            return False
        read = len(buf)
        while b"\n" + SEPARATOR not in buf:
            if within is not None and read >= within:
                return None
            chunk = handle.read(block)
            if not chunk:
                return False
            read += len(chunk)
            buf = buf[-len(SEPARATOR) :] + chunk  # a From line across the two blocks
        return True


def spans(path: str | os.PathLike[str], block: int = _BLOCK) -> Iterator[Span]:
    """The messages of the mbox at ``path``, in order, read block by block."""
    with open(path, "rb") as handle:
        yield from _scan(handle, block)


def _scan(handle: BinaryIO, block: int) -> Iterator[Span]:
    number = 0
    start: int | None = None  # where the current message's bytes start (after its From line)
    base = 0  # file offset of buf[0]
    buf = b""
    resume = 0  # index in buf of a separator seen but not finished (-1: none)
    while True:
        chunk = handle.read(block)
        buf += chunk
        if base == 0 and len(buf) < len(SEPARATOR) and chunk:
            continue  # too little yet to tell whether the file starts with a From line
        pending = -1  # a separator whose From line goes on in the next block
        search = 0
        if resume == 0 and base == 0 and not buf.startswith(SEPARATOR):
            resume = -1  # the file does not start with a From line
        pos = resume
        while True:
            if pos < 0:
                found = buf.find(b"\n" + SEPARATOR, search)
                if found < 0:
                    break
                pos = found + 1
            line_end = buf.find(b"\n", pos)
            if line_end < 0:
                if chunk:
                    pending = pos
                    break
                line_end = len(buf) - 1  # a From line without a line break ends the file
            if start is not None:
                number += 1
                yield Span(number, start, _message_end(buf, base, start, base + pos))
            start = base + line_end + 1
            search = line_end
            pos = -1
        if not chunk:
            break
        # Drop what has been looked at; keep enough of the tail that a separator straddling
        # the block boundary is still found (its line break included), and the blank line
        # before an unfinished separator (it is not part of the message).
        if pending >= 0:
            keep = max(pending - 2, 0)
            resume = pending - keep
        else:
            keep, resume = max(search, len(buf) - len(SEPARATOR)) - 1, -1
            keep = max(keep, 0)
        base += keep
        buf = buf[keep:]
    if start is not None:
        number += 1
        yield Span(number, start, _message_end(buf, base, start, base + len(buf)))


def _message_end(buf: bytes, base: int, start: int, end: int) -> int:
    """``end`` less the line break of the blank line before the next From line (the standard
    library's rule: a last line that is just a line break separates, it is not content)."""
    if end - start >= 2 and buf[end - base - 2 : end - base] == b"\n\n":
        return end - 1
    if end - start == 1 and buf[end - base - 1 : end - base] == b"\n":
        return end - 1
    return end


def read_span(handle: BinaryIO, span: Span) -> bytes:
    handle.seek(span.start)
    return handle.read(span.end - span.start)


def read_message(path: str | os.PathLike[str], number: int) -> bytes | None:
    """The bytes of message ``number`` (from 1) of the mbox at ``path``; None if there is none."""
    if number < 1:
        return None
    with open(path, "rb") as handle:
        for span in _scan(handle, _BLOCK):
            if span.number == number:
                return read_span(handle, span)
    return None
