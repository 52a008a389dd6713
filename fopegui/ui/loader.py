"""Running the core's analysis: directly for a few files, in a worker thread for a batch.

The core never raises for bad input, but a bug there must not take the app down either,
so :func:`analyze_file` turns any exception into a Report with ``error`` set. The core is
language-free: reports are analysed once and rendered in the UI's language where shown
(``ui/texts.py``).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from fopegui.core.model import Report

translate = QCoreApplication.translate

# Above this many files (or bytes) a drop is analysed off the GUI thread.
SYNC_MAX_FILES = 3
SYNC_MAX_BYTES = 2 * 1024 * 1024
# How often the worker hands finished reports to the GUI (keeps the list responsive).
CHUNK_SECONDS = 0.05


def _failed(path: str | None, reason: str) -> Report:
    return Report(source=None, error=reason, path=path)


def analyze_file(path: str | Path) -> Report:
    try:
        from fopegui.core.analyze import analyze_path
    except ImportError as exc:  # the engine is missing from this installation
        return _failed(
            str(path), translate("Loader", "Analysis engine unavailable: {e}").format(e=exc)
        )
    try:
        return analyze_path(path)
    except Exception as exc:  # keep the app alive; the message names the file and the fault
        reason = translate("Loader", "Internal error while analysing this file: {e}")
        return _failed(str(path), reason.format(e=f"{type(exc).__name__}: {exc}"))


def analyze_pasted(text: str) -> Report:
    try:
        from fopegui.core.analyze import analyze_text

        return analyze_text(text)
    except Exception as exc:
        reason = translate("Loader", "Internal error while analysing the pasted text: {e}")
        return _failed(None, reason.format(e=f"{type(exc).__name__}: {exc}"))


def should_run_in_background(paths: list[str]) -> bool:
    if len(paths) > SYNC_MAX_FILES:
        return True
    total = 0
    for path in paths:
        try:
            total += Path(path).stat().st_size
        except OSError:
            continue  # the core reports the missing file
    return total > SYNC_MAX_BYTES


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
            pending.append(analyze_file(path))
            now = time.monotonic()
            if now - last >= CHUNK_SECONDS or done == total:
                self.reportsReady.emit(pending)
                self.progress.emit(done, total)
                pending, last = [], now
