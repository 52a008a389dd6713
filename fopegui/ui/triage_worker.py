"""The triage run off the GUI thread: core.triage in a QThread, rows back as Qt signals.

The thread only drives the core's process pool and hands rows over in chunks (a few a
second), so the GUI thread never waits on analysis and the window stays responsive. The
pool's workers are started with "spawn": forking a process that runs Qt threads is unsafe.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QObject, QThread, Signal

from fopegui.ui import texts

# How often finished rows are handed to the GUI thread.
CHUNK_SECONDS = 0.1
# The workers yield the CPU to the window: with every core analysing, an equal share left
# the GUI thread waiting for the scheduler (gaps of 100+ ms in bench_triage_gui.py).
WORKER_NICE = 5


def worker_processes() -> int | None:
    """Worker processes for the GUI's runs (None: the core's default, one per core)."""
    if getattr(sys, "frozen", False):
        # A frozen app (PyInstaller) cannot start "spawn" workers from its own executable
        # without multiprocessing.freeze_support() in its entry point: analyse in this thread.
        return 1
    return None


class TriageThread(QThread):
    """Rows of every message in ``paths``. Cancel with ``requestInterruption()``: the
    chunks already being analysed finish, nothing after them starts."""

    rowsReady = Signal(list)  # list of core.triage rows, in input order
    progress = Signal(int, int, float)  # messages so far, unreadable so far, fraction done
    failed = Signal(str)  # the run itself broke (the message says how)

    def __init__(self, paths: list[str], parent: QObject | None = None,
                 jobs: int | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.paths = list(paths)
        self.jobs = worker_processes() if jobs is None else jobs
        self.lang = texts.language()  # error texts in the language shown when it started

    def run(self) -> None:
        from fopegui.core import triage

        pending: list = []
        last = time.monotonic()

        def progress(state: triage.Progress) -> None:
            self.progress.emit(state.messages, state.errors, state.fraction)

        try:
            for row in triage.triage(
                self.paths, jobs=self.jobs, lang=self.lang, progress=progress,
                cancelled=self.isInterruptionRequested, start_method="spawn", nice=WORKER_NICE,
            ):  # fmt: skip
                pending.append(row)
                now = time.monotonic()
                if now - last >= CHUNK_SECONDS:
                    self.rowsReady.emit(pending)
                    pending, last = [], now
        except Exception as exc:  # keep the app alive; say what broke
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        if pending:
            self.rowsReady.emit(pending)
