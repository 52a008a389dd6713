"""Writing output files safely: never half a file, never over the user's message.

A message can be read from inside another file: ``X.msg#attachment-N`` (a message attached in
an Outlook .msg) and ``B.eml#returned-original`` (the original a bounce carries back). Such a
path names no file of its own, so comparing it with an output path proves nothing: every
guard here first resolves an input to the real file it is read from (:func:`input_file`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from fopegui.core.model import RETURNED_ORIGINAL

# The suffixes core.analyze understands, innermost last: "#attachment-N" (repeatable) or
# "#returned-original".
_VIRTUAL_SUFFIX = re.compile(r"(?:#attachment-\d+|" + re.escape(RETURNED_ORIGINAL) + r")\Z")

PathLike = str | os.PathLike[str]


class InputFileError(OSError):
    """Refused: the output path is (or leads to) a file a message was read from."""

    def __init__(self, path: PathLike, source: str) -> None:
        super().__init__(
            errno.EEXIST, "it is the file the message was read from; it is never overwritten"
        )
        self.filename = os.fspath(path)
        self.source = source


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether two paths name one file (hard links and symlinks included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(a) == os.path.realpath(b)


def input_file(path: PathLike) -> str:
    """The real file an input path reads: ``X.msg#attachment-0#attachment-2`` → ``X.msg``,
    ``B.eml#returned-original`` → ``B.eml``. A path that exists is its own file (as in
    ``core.analyze``, a real file may have ``#`` in its name)."""
    text = os.fspath(path)
    while not os.path.lexists(text):
        suffix = _VIRTUAL_SUFFIX.search(text)
        if suffix is None or suffix.start() == 0:
            break
        text = text[: suffix.start()]
    return text


def is_input(path: PathLike, inputs: Iterable[PathLike | None]) -> str | None:
    """The input (as given) whose real file ``path`` would overwrite, or None."""
    for item in inputs:
        if item and os.fspath(item) != "-" and same_file(path, input_file(item)):
            return os.fspath(item)
    return None


def _mode_for(target: Path) -> int:
    """The mode ``open(target, "w")`` would leave: an existing file keeps its own, a new one
    gets 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask. Linux shows it in /proc; elsewhere reading it means setting it,
    which briefly changes it for other threads, so that is the fallback only."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_atomic(path: PathLike, data: bytes, *, inputs: Iterable[PathLike | None] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename, so a
    reader never sees half a file and a failed write leaves the old file as it was.

    ``inputs`` are the paths messages were read from (virtual paths included): when ``path``
    is one of their real files, :class:`InputFileError` is raised and nothing is written.
    """
    with atomic_output(path, "wb", inputs=inputs) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_output(
    path: PathLike, mode: str = "w", *, inputs: Iterable[PathLike | None] = (), **kwargs: Any
) -> Iterator[IO[Any]]:
    """A file object to stream into ``path``: written to a temporary file in the same folder
    and renamed over ``path`` when the block ends without an exception (else removed), so
    a long run that stops half way never leaves half a file. The file gets the mode an
    ordinary ``open`` would leave (see :func:`_mode_for`); ``inputs`` as for write_atomic."""
    source = is_input(path, inputs)
    if source is not None:
        raise InputFileError(path, source)
    target = Path(path)
    if target.is_dir():  # os.replace would fail too, but only after writing a temp file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    permissions = _mode_for(target)
    # A short temporary name: it must fit wherever the target's name fits (255 bytes).
    fd, tmp = tempfile.mkstemp(prefix=".fopegui-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            os.fchmod(handle.fileno(), permissions)  # mkstemp makes 0600 whatever the umask
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
