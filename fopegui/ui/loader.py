"""Running the core's analysis: directly for a few files, in a worker thread for a batch,
and on worker processes for a big batch.

The core never raises for bad input, but a bug there must not take the app down either,
so :func:`analyze_file` turns any exception into a Report with ``error`` set. The core is
language-free: reports are analysed once and rendered in the UI's language where shown
(``ui/texts.py``).

A FIFO, a device or anything else that is not a regular file has no size to judge it by and
may never end: it is always read in the worker thread, given up after
:data:`STREAM_PATIENCE_S` without a byte, and its read stops when the batch is cancelled.

A big batch (:data:`POOL_MIN_FILES` files or more) is analysed on worker processes: analysis
in a thread of this process holds Python's interpreter lock, and the GUI thread then waits for
it at every call into Python (each cell it paints), which stalled the window for 0.2–0.75 s at
a time while 1,337 files loaded. The workers hand back pickled Reports; :class:`ReportInbox`
unpickles them on the GUI thread a slice at a time (benchmarks/bench_batch_load.py).
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, SignalInstance

from fopegui.core.model import Report

translate = QCoreApplication.translate

# Above this many files (or bytes) a drop is analysed off the GUI thread.
SYNC_MAX_FILES = 3
SYNC_MAX_BYTES = 2 * 1024 * 1024
# How often the worker hands finished reports to the GUI (keeps the list responsive).
CHUNK_SECONDS = 0.05
# A pipe or device that sends nothing for this long is given up (it is no message file).
STREAM_PATIENCE_S = 10.0
# From this many files a batch is analysed on worker processes (starting them costs ~0.3 s),
# this many files to a task.
POOL_MIN_FILES = 64
FILES_PER_TASK = 16
# The workers yield the CPU to the window (as the triage run's do).
WORKER_NICE = 5
# The GUI thread unpickles reports for at most this long before it returns to its events,
# and hands them to the list at most this often (the list repaints at each hand-off).
SLICE_SECONDS = 0.008
HAND_OFF_SECONDS = 0.25


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


def worker_processes(paths: list[str]) -> int:
    """How many processes analyse ``paths``: 1 (the load thread itself) for a small batch, a
    pipe or device among them, or a frozen app (PyInstaller cannot start "spawn" workers
    without freeze_support in its entry point); else one per core."""
    if len(paths) < POOL_MIN_FILES or getattr(sys, "frozen", False):
        return 1
    if any(is_stream(path) for path in paths):
        return 1
    from fopegui.core.pool import default_jobs

    return default_jobs()


def report_from_worker(path: str, blob: bytes) -> Report:
    """The Report a worker process pickled (core.batch), or the error Report of its fault."""
    from fopegui.core.batch import unpickled

    outcome = unpickled(blob)
    if isinstance(outcome, Report):
        return outcome
    reason = translate("Loader", "Internal error while analysing this file: {e}")
    return _failed(path, reason.format(e=outcome))


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
    thread.setParent(None)  # first: a cancelled thread may end at once (it did under load)
    thread.requestInterruption()
    _finishing.difference_update([t for t in _finishing if t.isFinished()])
    _finishing.add(thread)  # kept until it has ended, however soon that is


def wait_for_loaders() -> None:
    """Wait until every cancelled thread has ended (at exit, before Python tears Qt down)."""
    for thread in list(_finishing):
        thread.wait()
    _finishing.clear()


class LoadThread(QThread):
    """Analyses files in order; emits finished reports in chunks. Cancel with
    ``requestInterruption()``: the file being analysed finishes, the rest are skipped.

    With ``jobs`` > 1 the files are analysed on that many worker processes and the reports
    arrive as parcels for a :class:`ReportInbox` (``parcelsReady``): pickled, or analysed in
    this thread after a pool that could not start or broke (a killed worker); else they are
    analysed in this thread (``reportsReady``)."""

    reportsReady = Signal(list)  # list[Report], in input order
    parcelsReady = Signal(list)  # list of (path, pickled Report) or Report, in input order
    progress = Signal(int, int)  # done, total

    def __init__(self, paths: list[str], parent: QObject | None = None, jobs: int = 1) -> None:
        super().__init__(parent)
        self.paths = list(paths)
        self.jobs = max(jobs, 1)
        self._done = 0

    def run(self) -> None:
        if self.jobs > 1:
            self._run_on_processes()
        else:
            self._deliver(self._analysed(self.paths), self.reportsReady)

    def _analysed(self, paths: list[str]) -> Iterator[Report]:
        return (analyze_file(p, cancelled=self.isInterruptionRequested) for p in paths)

    def _run_on_processes(self) -> None:
        from fopegui.core.batch import pickled_reports
        from fopegui.core.pool import parallel_map

        step = FILES_PER_TASK
        tasks = (self.paths[i : i + step] for i in range(0, len(self.paths), step))
        results = parallel_map(
            pickled_reports, ((t, t) for t in tasks), self.jobs, "en", start_method="spawn",
            nice=WORKER_NICE,
        )  # fmt: skip  ("spawn": forking a process that runs Qt threads is unsafe)
        parcels = (parcel for paths, blobs in results for parcel in zip(paths, blobs, strict=True))
        try:
            self._deliver(parcels, self.parcelsReady)
        except Exception:  # the pool did not start or broke (a worker died): the rest here
            self._deliver(self._analysed(self.paths[self._done :]), self.parcelsReady)
        finally:
            results.close()  # a cancel: the pool drops what has not started

    def _deliver(self, results: Iterator[object], signal: SignalInstance) -> None:
        total = len(self.paths)
        pending: list[object] = []
        last = time.monotonic()
        try:
            for result in results:
                pending.append(result)
                self._done += 1
                if self.isInterruptionRequested():
                    # Drop the unsent tail: a batch started after the cancel must never get
                    # older results arriving in the middle of its own.
                    pending.clear()
                    return
                now = time.monotonic()
                if now - last >= CHUNK_SECONDS or self._done == total:
                    signal.emit(pending)
                    self.progress.emit(self._done, total)
                    pending, last = [], now
        finally:
            if pending:  # what arrived before a pool broke is not lost
                signal.emit(pending)


class ReportInbox(QObject):
    """Unpickles the reports worker processes send, on the GUI thread and a slice at a time
    (:data:`SLICE_SECONDS`): the window paints between slices. ``reportsReady`` hands them
    on in input order, the first at once, then at most every :data:`HAND_OFF_SECONDS` (each
    hand-off is one row insertion and one repaint of the list); ``drained`` fires when
    nothing is left."""

    reportsReady = Signal(list)  # list[Report]
    drained = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: deque[tuple[str, bytes] | Report] = deque()
        self._unpacked: list[Report] = []
        self._handed_off = 0.0  # when reportsReady last fired (0: not yet in this batch)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._unpickle_slice)

    def put(self, parcels: list[tuple[str, bytes] | Report]) -> None:
        self._pending.extend(parcels)
        self._timer.start()

    def is_empty(self) -> bool:
        return not self._pending and not self._unpacked

    def clear(self) -> None:
        self._pending.clear()
        self._unpacked = []
        self._handed_off = 0.0
        self._timer.stop()

    def _unpickle_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        first = True
        # A report holds no reference cycles and lives as long as the list shows it: the
        # collector has nothing to find in the objects unpickled here, and its passes over
        # them (and over every report loaded before) stalled the window 50-300 ms at a time.
        gc.disable()
        try:
            while self._pending and (first or time.perf_counter() < deadline):
                parcel = self._pending.popleft()
                report = parcel if isinstance(parcel, Report) else report_from_worker(*parcel)
                self._unpacked.append(report)
                first = False
            gc.freeze()  # never walked again (freed as usual when the list drops them)
        finally:
            gc.enable()
        now = time.monotonic()
        if self._unpacked and (not self._pending or now - self._handed_off >= HAND_OFF_SECONDS):
            reports, self._unpacked = self._unpacked, []
            self._handed_off = now
            self.reportsReady.emit(reports)
        if self._pending:
            self._timer.start()
        else:
            self._handed_off = 0.0
            self.drained.emit()
