"""Running the core's analysis: directly for a few files, in a worker thread for a batch.

The core never raises for bad input, but a bug there must not take the app down either,
so :func:`analyze_file` turns any exception into a Report with ``error`` set. The core is
language-free: reports are analysed once and rendered in the UI's language where shown
(``ui/texts.py``).

A FIFO, a device or anything else that is not a regular file has no size to judge it by and
may never end: it is always read in the worker thread, given up after
:data:`STREAM_PATIENCE_S` without a byte, and its read stops when the batch is cancelled.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from fopegui.core.model import Report

translate = QCoreApplication.translate

# Above this many files (or bytes) a drop is analysed off the GUI thread.
SYNC_MAX_FILES = 3
SYNC_MAX_BYTES = 2 * 1024 * 1024
# How often the worker hands finished reports to the GUI (keeps the list responsive).
CHUNK_SECONDS = 0.05
# A pipe or device that sends nothing for this long is given up (it is no message file).
STREAM_PATIENCE_S = 10.0


def _failed(path: str | None, reason: str) -> Report:
    return Report(source=None, error=reason, path=path)


def is_stream(path: str | Path) -> bool:
    """Whether ``path`` exists and is not a regular file or folder (a FIFO, a device …)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False  # missing or unnamable: the core says so
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def analyze_file(path: str | Path, cancelled: Callable[[], bool] | None = None) -> Report:
    """The Report of one file; ``cancelled()`` (the worker's interruption) stops the wait on
    a pipe or device."""
    try:
        from fopegui.core.analyze import analyze_path
    except ImportError as exc:  # the engine is missing from this installation
        return _failed(
            str(path), translate("Loader", "Analysis engine unavailable: {e}").format(e=exc)
        )
    try:
        if is_stream(path):
            return _analyze_stream(path, cancelled)
        return analyze_path(path)
    except Exception as exc:  # keep the app alive; the message names the file and the fault
        reason = translate("Loader", "Internal error while analysing this file: {e}")
        return _failed(str(path), reason.format(e=f"{type(exc).__name__}: {exc}"))


def _analyze_stream(path: str | Path, cancelled: Callable[[], bool] | None) -> Report:
    from fopegui.core.analyze import analyze_source
    from fopegui.core.model import LoadError
    from fopegui.core.source import load_path

    started = time.perf_counter()
    try:
        source = load_path(path, patience=STREAM_PATIENCE_S, cancelled=cancelled)
    except LoadError as err:
        return _failed(str(path), err.text)
    return analyze_source(source, started)


def analyze_pasted(text: str) -> Report:
    try:
        from fopegui.core.analyze import analyze_text

        return analyze_text(text)
    except Exception as exc:
        reason = translate("Loader", "Internal error while analysing the pasted text: {e}")
        return _failed(None, reason.format(e=f"{type(exc).__name__}: {exc}"))


def should_run_in_background(paths: list[str]) -> bool:
    """A batch, big files, or any pipe or device (never read on the GUI thread)."""
    if len(paths) > SYNC_MAX_FILES:
        return True
    total = 0
    for path in paths:
        if is_stream(path):
            return True
        try:
            total += Path(path).stat().st_size
        except (OSError, ValueError):
            continue  # the core reports the missing file
    return total > SYNC_MAX_BYTES


# Cancelled threads whose window has gone: kept (and so not destroyed) until they end.
_finishing: set[LoadThread] = set()


def finish_in_background(thread: LoadThread) -> None:
    """Cancel ``thread`` and keep it until it has ended, without a parent: destroying a running
    QThread (with the window that owned it) aborts the process. A wait on a pipe or device
    ends at the cancel; the file being analysed finishes first."""
    thread.requestInterruption()
    _finishing.difference_update([t for t in _finishing if t.isFinished()])
    if thread.isFinished():
        return
    thread.setParent(None)
    _finishing.add(thread)


def wait_for_loaders() -> None:
    """Wait until every cancelled thread has ended (at exit, before Python tears Qt down)."""
    for thread in list(_finishing):
        thread.wait()
    _finishing.clear()


class LoadThread(QThread):
    """Analyses files in order; emits finished reports in chunks. Cancel with
    ``requestInterruption()``: the file being analysed finishes, the rest are skipped."""

    reportsReady = Signal(list)  # list[Report], in input order
    progress = Signal(int, int)  # done, total

    def __init__(self, paths: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = list(paths)

    def run(self) -> None:
        total = len(self.paths)
        pending: list[Report] = []
        last = time.monotonic()
        for done, path in enumerate(self.paths, start=1):
            if self.isInterruptionRequested():
                # Drop the unsent tail: a batch started after the cancel must never get
                # older results arriving in the middle of its own.
                return
            pending.append(analyze_file(path, cancelled=self.isInterruptionRequested))
            now = time.monotonic()
            if now - last >= CHUNK_SECONDS or done == total:
                self.reportsReady.emit(pending)
                self.progress.emit(done, total)
                pending, last = [], now
