"""Load a message from a file, bytes or pasted text. The original bytes are never changed.

The kind is detected from the content (an OLE compound file is an Outlook .msg
whatever its name); the file extension only separates a header text file from a
full message.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from fopegui.core import catalogue
from fopegui.core.headers import split_header_block
from fopegui.core.model import LoadError, Source, SourceKind
from fopegui.core.texts import Entry, Text, finding

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_LEADING_BLANK = re.compile(rb"^(?:[ \t]*\r?\n)+")
_TEXT_SUFFIXES = {".txt", ".text", ".log", ".hdr", ".headers"}
# Other file types an admin might drop by mistake: say what it is rather than "not a message".
_MAGICS = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"{\\rtf", "rtf"),
)
MAX_BYTES = 200 * 1024 * 1024  # refuse absurd inputs instead of exhausting memory
_CHUNK = 1024 * 1024
_POLL_MS = 100  # how often a wait on a pipe or device looks at `cancelled` and the clock
# O_NONBLOCK: open() of a FIFO returns at once instead of waiting for a writer (no effect on
# regular files). Windows has neither that flag nor FIFOs in its file system.
_OPEN_FLAGS = (
    getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_error(key: str, **values: object) -> LoadError:
    return LoadError(Text(catalogue.load("load")["errors"][key], dict(values)))


def unreadable(name: object, err: OSError) -> LoadError:
    """The error for a file the system would not read (EIO, ENAMETOOLONG, ELOOP …)."""
    return load_error("unreadable", name=name, reason=err.strerror or err)


def load_path(
    path: str | os.PathLike[str],
    *,
    patience: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Source:
    """Read a file read-only and load it; raises LoadError with a sentence for the user.
    ``patience`` and ``cancelled``: see :func:`read_file`."""
    path = Path(path)
    data = read_file(path, patience=patience, cancelled=cancelled)
    text_hint = path.suffix.lower() in _TEXT_SUFFIXES
    return load_bytes(data, str(path), text_hint=text_hint)


def read_file(
    path: str | os.PathLike[str],
    *,
    patience: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The bytes of ``path`` (opened read-only), at most :data:`MAX_BYTES`.

    The limit counts the bytes actually read, never ``st_size``, which is 0 for a FIFO, a
    device (``/dev/zero``) or a ``/proc`` file. Anything but a regular file is opened without
    blocking, so a FIFO nobody writes to cannot hang the caller in ``open()``, and is then
    waited for in short polls: ``patience`` seconds without a byte (None: as long as it
    takes, as ``cat`` would) or ``cancelled()`` returning True end the wait with a LoadError.
    """
    if not isinstance(path, Path):  # (load_path's is one already: 1.5 µs a file)
        path = Path(path)
    try:
        try:
            fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
        except PermissionError:  # Windows opens no folder: say "folder", not "denied"
            if path.is_dir():
                raise load_error("folder", name=path.name) from None
            raise
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):  # POSIX opens a folder read-only; reading fails
                raise load_error("folder", name=path.name)
            if stat.S_ISREG(info.st_mode):
                if info.st_size > MAX_BYTES:  # cheap early refusal; the reads still count
                    raise load_error("too_large", name=path.name, mb=info.st_size // 2**20)
                return _read_regular(fd, info.st_size, path)
            return _read_limited(_patient_read(fd, path.name, patience, cancelled), path.name)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise load_error("missing", name=path) from None
    except PermissionError:
        raise load_error("denied", name=path) from None
    except OSError as err:  # ENAMETOOLONG, ELOOP, EIO …: a sentence, never a traceback
        raise unreadable(path, err) from None


def read_handle(handle: BinaryIO, name: str) -> bytes:
    """All bytes of an open binary stream (standard input), at most :data:`MAX_BYTES`."""
    try:
        return _read_limited(handle.read, name)
    except OSError as err:
        raise unreadable(name, err) from None


def _read_regular(fd: int, size: int, path: Path) -> bytes:
    """A regular file: one read of its size and a byte more, whose short answer is the end
    of the file (no second read to be told so, no join); a file that grew since its size was
    taken is read on like a stream."""
    first = os.read(fd, size + 1)
    if len(first) <= size:
        return first
    return _read_limited(lambda n: os.read(fd, n), path.name, first)


def _read_limited(read: Callable[[int], bytes], name: str, first: bytes = b"") -> bytes:
    """``read(n)`` to its end in chunks (after ``first``, already read); a LoadError as soon
    as more than MAX_BYTES came."""
    chunks: list[bytes] = [first] if first else []
    total = len(first)
    if total > MAX_BYTES:
        raise load_error("too_large_stream", name=name, mb=MAX_BYTES // 2**20)
    while chunk := read(min(_CHUNK, MAX_BYTES + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_BYTES:
            raise load_error("too_large_stream", name=name, mb=MAX_BYTES // 2**20)
    return b"".join(chunks)


def _patient_read(
    fd: int, name: str, patience: float | None, cancelled: Callable[[], bool] | None
) -> Callable[[int], bytes]:
    """``read(n)`` for a pipe or device opened without blocking: waits in short polls, until
    data or the writer's end arrive, ``patience`` seconds pass without a byte, or
    ``cancelled()`` says to stop (LoadError for the last two)."""
    poll = _poller(fd)
    wait_ms = _POLL_MS if patience is not None or cancelled is not None else None

    def read(size: int) -> bytes:
        since = time.monotonic()
        while True:
            if cancelled is not None and cancelled():
                raise load_error("cancelled", name=name)
            if poll is None or poll(wait_ms):
                try:
                    return os.read(fd, size)
                except BlockingIOError:  # woken without data (another reader took it)
                    pass
            if patience is not None and time.monotonic() - since > patience:
                raise load_error("no_data", name=name, seconds=f"{patience:g}")

    return read


def _poller(fd: int) -> Callable[[int | None], bool] | None:
    """A function waiting up to N ms (None: without limit) for ``fd`` to be readable or closed
    by its writer; None where poll() does not exist (Windows: reads simply block)."""
    import select

    if not hasattr(select, "poll"):
        return None
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return lambda ms: bool(poller.poll(ms))


def load_text(text: str) -> Source:
    """Pasted header text (headers only is fine)."""
    data = text.encode("utf-8", "surrogateescape")
    return load_bytes(data, None, text_hint=True)


def detect_kind(data: bytes, text_hint: bool = False) -> SourceKind:
    if data.startswith(OLE_MAGIC):
        return "msg"
    return "text" if text_hint else "eml"


def load_bytes(data: bytes, path: str | None = None, text_hint: bool = False) -> Source:
    """Load message bytes; ``text_hint`` marks header text (pasted or a .txt file)."""
    if not data:
        raise load_error("empty", name=entry_name(path))
    kind = detect_kind(data, text_hint)
    if kind == "msg":
        from fopegui.core import msg  # the .msg reader needs olefile; load it only for .msg

        return msg.source_from_msg(data, path)
    header_source = _text_form(data)
    if header_source[:1] in (b"\r", b"\n", b" ", b"\t"):  # pasted text often starts blank
        header_source = _LEADING_BLANK.sub(b"", header_source, count=1)
    if not _looks_like_headers(header_source):
        raise _not_a_message(entry_name(path), data)
    block, _, _ = split_header_block(header_source)
    src = Source(path=path, kind=kind, data=data, sha256=sha256(data), header_bytes=block)
    if data.startswith(b"From "):  # a From line: maybe a whole mbox, read as its first message
        from fopegui.core.mbox import message_count

        if (messages := message_count(data)) > 1:
            src.notes.append(finding("mbox-several-messages", count=messages))
    return src


def entry_name(path: str | None) -> Entry:
    """How an error names the input: its file name, or "input" when it has none."""
    return Path(path).name if path else catalogue.load("load")["errors"]["input"]


def _text_form(data: bytes) -> bytes:
    """Bytes whose header block can be split: UTF-16 text (Notepad) re-encoded, BOM dropped."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    return data


def _looks_like_headers(data: bytes) -> bool:
    first = data[:4096]
    if b"\x00" in first:
        return False
    if first.startswith(b"From "):  # mbox separator line
        newline = first.find(b"\n")
        first = first[newline + 1 :] if newline >= 0 else b""
    return bool(_HEADER_LINE.match(first))


def _not_a_message(name: Entry, data: bytes) -> LoadError:
    from fopegui.core.pst import looks_like_pst

    if looks_like_pst(data):  # a mailbox of many messages: say where they can be read
        return load_error("pst_file", name=name)
    for magic, fmt in _MAGICS:
        if data.startswith(magic):
            what = catalogue.load("load")["formats"][fmt]
            return load_error("other_format", name=name, what=what)
    if b"\x00" in data[:4096]:
        return load_error("binary", name=name)
    return load_error("no_headers", name=name)
