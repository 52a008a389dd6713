"""Writing output files safely: never half a file, never over the user's message."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (hard links and symlinks included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(a) == os.path.realpath(b)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename, so a
    reader never sees half a file and a failed write leaves the old file as it was."""
    with atomic_output(path, "wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str], mode: str = "w", **kwargs: Any
) -> Iterator[IO[Any]]:
    """A file object to stream into ``path``: written to a temporary file in the same folder
    and renamed over ``path`` when the block ends without an exception (else removed), so
    a long run that stops half way never leaves half a file."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
