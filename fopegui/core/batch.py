"""Analysing many files for a caller that keeps the whole Reports (the desktop app's list).

:func:`pickled_report` runs in a worker process (``core.pool.parallel_map``) and returns
the Report already pickled: the process pool's result thread then only moves bytes, and the
caller unpickles when it suits it (the GUI does it on its own thread, a slice at a time, so
no other Python thread holds the interpreter while the window paints). A Report is
language-free and holds no reference cycles, so it pickles whole.
"""

from __future__ import annotations

import pickle

from fopegui.core.analyze import analyze_path
from fopegui.core.model import Report


def pickled_report(path: str, _lang: str = "en") -> bytes:
    """The pickled Report of ``path``; a fault of the engine is pickled as its description
    (``"TypeError: …"``, a str) for the caller to word: one bad file never stops a batch."""
    try:
        outcome: Report | str = analyze_path(path)
    except Exception as exc:  # as the loader does in-process: the file, not the batch
        outcome = f"{type(exc).__name__}: {exc}"
    return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)


def pickled_reports(paths: list[str], lang: str = "en") -> list[bytes]:
    """:func:`pickled_report` of each of ``paths``: one task for a few files keeps the pool's
    cost per task (a round trip through its queues) small beside the analysis."""
    return [pickled_report(path, lang) for path in paths]


def unpickled(blob: bytes) -> Report | str:
    """What :func:`pickled_report` packed: a Report, or the description of an engine fault."""
    return pickle.loads(blob)  # our own worker's output, never outside data
