"""One asyncio event loop in a QThread for the whole app; results come back as Qt signals.

``DnsWorker.submit(make_coro)`` runs ``make_coro()`` on the worker loop and returns a
:class:`DnsJob` whose signals are always emitted on the GUI thread: every hand-over from the
loop goes through one queued signal (:meth:`DnsWorker.call_in_gui`), so slots and lambdas
connected to a job never run on the worker thread. A job ends with exactly one of
``finished`` / ``failed`` / ``cancelled``; nothing is emitted after that, so a cancelled check
can never mix late results into the next one.

Inside the coroutine, :func:`current_job` returns its job, so ``current_job().report(x)`` is
safe even before ``submit`` has returned to the GUI thread (a closure over the variable that
``submit`` assigns would race with the worker thread).
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal

T = TypeVar("T")

_SHUTDOWN_WAIT_MS = 5000
_CURRENT_JOB: contextvars.ContextVar[DnsJob] = contextvars.ContextVar("fopegui_dns_job")


def current_job() -> DnsJob:
    """The job of the coroutine that calls this (worker thread). LookupError outside a job."""
    return _CURRENT_JOB.get()


class DnsJob(QObject):
    """One coroutine submitted to the worker; its signals arrive on the GUI thread."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, worker: DnsWorker) -> None:
        super().__init__()
        self._worker = worker
        self._future: Future | None = None
        self._done = False

    def report(self, obj: object) -> None:
        """Send ``obj`` to ``progress`` (callable from the coroutine, i.e. the worker thread)."""
        self._worker.call_in_gui(self._emit_progress, obj)

    def cancel(self) -> None:
        """Cancel the task (GUI thread). ``cancelled`` is emitted at once; nothing follows it."""
        if self._done:
            return
        if self._future is not None:
            self._future.cancel()  # thread-safe: the loop cancels the asyncio task
        self._end()
        self.cancelled.emit()

    def is_done(self) -> bool:
        return self._done

    # Called on the GUI thread only (through DnsWorker.call_in_gui).
    def _emit_progress(self, obj: object) -> None:
        if not self._done:
            self.progress.emit(obj)

    def _emit_finished(self, result: object) -> None:
        if not self._done:
            self._end()
            self.finished.emit(result)

    def _emit_failed(self, message: str) -> None:
        if not self._done:
            self._end()
            self.failed.emit(message)

    def _emit_cancelled(self) -> None:
        if not self._done:
            self._end()
            self.cancelled.emit()

    def _end(self) -> None:
        self._done = True
        self._worker._forget(self)


class _LoopThread(QThread):
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.setObjectName("fopegui-dns")
        self.loop = loop

    def run(self) -> None:
        loop = self.loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            # Whatever is still running when the loop stops is cancelled and awaited here,
            # so no query outlives the thread.
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            asyncio.set_event_loop(None)
            loop.close()


class DnsWorker(QObject):
    """One asyncio event loop in a QThread for the whole app; coroutines run there, results
    come back as signals on the GUI thread."""

    _call = Signal(object)  # (fn, args): queued to the thread this object lives in (the GUI)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _LoopThread | None = None
        self._jobs: set[DnsJob] = set()
        self._call.connect(self._invoke, Qt.ConnectionType.QueuedConnection)

    def submit(self, make_coro: Callable[[], Coroutine[Any, Any, T]]) -> DnsJob:
        """Run ``make_coro()`` on the worker loop (the coroutine is created there)."""
        thread = self._ensure_started()
        job = DnsJob(self)
        self._jobs.add(job)
        job._future = asyncio.run_coroutine_threadsafe(self._run(job, make_coro), thread.loop)
        return job

    def call_in_gui(self, fn: Callable[..., object], *args: object) -> None:
        """Call ``fn(*args)`` on the GUI thread, later (safe from any thread)."""
        self._call.emit((fn, args))

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def thread_handle(self) -> QThread | None:
        """The loop's thread (tests check that shutdown joined it)."""
        return self._thread

    def shutdown(self) -> None:
        """Cancel every job, stop the loop and join its thread. Idempotent."""
        for job in list(self._jobs):
            job.cancel()
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if not thread.loop.is_closed():
            thread.loop.call_soon_threadsafe(thread.loop.stop)
        thread.wait(_SHUTDOWN_WAIT_MS)

    # -- internals ------------------------------------------------------------------------

    def _ensure_started(self) -> _LoopThread:
        if self._thread is None:
            self._thread = _LoopThread(asyncio.new_event_loop())
            self._thread.start()
        return self._thread

    async def _run(self, job: DnsJob, make_coro: Callable[[], Coroutine[Any, Any, T]]) -> None:
        _CURRENT_JOB.set(job)  # each task has its own context copy: no leak between jobs
        try:
            result = await make_coro()
        except asyncio.CancelledError:
            self.call_in_gui(job._emit_cancelled)
            raise
        except Exception as exc:  # every failure reaches the GUI as text, never a crash
            self.call_in_gui(job._emit_failed, str(exc) or type(exc).__name__)
        else:
            self.call_in_gui(job._emit_finished, result)

    def _invoke(self, call: tuple[Callable[..., object], tuple[object, ...]]) -> None:
        fn, args = call
        fn(*args)

    def _forget(self, job: DnsJob) -> None:
        self._jobs.discard(job)


class WorkerSource:
    """Where a widget gets its DnsWorker: the window's shared one (the worker itself, or a
    callable returning it), else one of the widget's own, made on first use and stopped
    with :meth:`shutdown_own` or when the widget is destroyed."""

    def __init__(self, owner: QObject, source: DnsWorker | Callable[[], DnsWorker] | None) -> None:
        self._owner = owner
        self._source = source
        self._own: DnsWorker | None = None

    def get(self) -> DnsWorker:
        if isinstance(self._source, DnsWorker):
            return self._source
        if self._source is not None:
            return self._source()
        if self._own is None:
            self._own = DnsWorker(self._owner)
            self._owner.destroyed.connect(self._own.shutdown)
        return self._own

    def shutdown_own(self) -> None:
        if self._own is not None:
            self._own.shutdown()


def submit_check(
    worker: DnsWorker,
    target: Any,
    zones: list | None,
    config: Any,
    lang: str,
    label: str | None = None,
) -> DnsJob:
    """Run ``net.dnsbl.check`` (the one orchestrator) on the worker. The job's ``progress``
    brings, on the GUI thread, the ``CheckPlan`` (every question, before the first answer),
    each ``HostLookup`` and each final ``ListResult``; ``finished`` the ``DnsblReport``.
    ``target`` is typed text or a core ``TargetPlan``. Only values cross the thread."""
    from fopegui.net import dnsbl  # the DNS engine loads with the first check, not at start-up

    async def run() -> Any:
        job = current_job()
        return await dnsbl.check(
            target,
            zones,
            config,
            on_result=job.report,
            lang=lang,
            on_lookup=job.report,
            on_plan=job.report,
            label=label,
        )

    return worker.submit(run)
