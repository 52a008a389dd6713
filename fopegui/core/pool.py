"""Work spread over the machine's cores: an ordered map on a process pool.

``triage``, ``analyze`` over many files and the desktop app's batch loading all hand chunks
of messages to worker processes and take the results back in input order. Where the system
can fork, the workers are forked by :mod:`core.fork_pool`; elsewhere, and for workers that
must be started afresh ("spawn": the window's, whose process runs Qt threads), by the
standard library's process pool.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from fopegui.core import fork_pool

if TYPE_CHECKING:  # imported where used: 13 ms of modules the forked pool does without
    from concurrent.futures import Future, ProcessPoolExecutor

_IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: keeps them busy, bounds memory

# A worker's result reaches this process through a pipe. A result larger than the pipe (a
# chunk of rendered reports is about 0.8 MB; a pipe holds 64 KiB) makes the worker stop in
# its write until this process reads, which takes a while when the workers keep every core
# busy: 8-10 % of `analyze`'s wall time on two cores. Linux lets any process make a pipe this
# large (fs/pipe-max-size, 1 MiB by default); both pools widen theirs.
RESULT_PIPE_BYTES = fork_pool.RESULT_PIPE_BYTES


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def in_flight(jobs: int) -> int:
    """How many items :func:`parallel_map` has handed to ``jobs`` workers and not yet
    given back, at most."""
    return jobs * _IN_FLIGHT_PER_WORKER


def default_start_method() -> str | None:
    """How :func:`parallel_map` starts its workers unless told: forked where the system can
    (they share what this process has imported and built), else the platform's default."""
    return "fork" if hasattr(os, "fork") else None


def _worker_start(nice: int = 0, watch_parent: bool = True) -> None:
    if nice and hasattr(os, "nice"):
        os.nice(nice)  # behind a window: its GUI thread must get the CPU when it asks
    # Ctrl+C is the parent's to handle (it stops the pool); workers would only print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held Ctrl+C back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # Reports are short-lived and free of cycles; the collector's full passes over the
    # long-lived imported modules cost more than they find.
    gc.freeze()
    gc.set_threshold(20_000, 50, 1000)
    if watch_parent and os.name == "posix":  # (a forked pool's workers see their pipe end)
        import threading

        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


# How often a worker looks whether the process that started it is still there.
PARENT_CHECK_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """In a worker: end when the parent has gone (killed, or ended by ``kill``): its workers
    would otherwise wait for work forever, each holding tens of megabytes. An orphan is
    adopted by another process, so its parent's id changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def widen_result_pipe(pool: ProcessPoolExecutor, size: int = RESULT_PIPE_BYTES) -> bool:
    """Let the pipe that carries ``pool``'s results hold ``size`` bytes (before its workers
    start). True when it does; False where the system or the pool does not allow it (not
    Linux, a lower limit, a Python whose pool keeps its queue elsewhere): then the pipe keeps
    its size and only speed differs."""
    try:
        writer = pool._result_queue._writer  # type: ignore[attr-defined]  # CPython's pool
        fd = writer.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return fork_pool.widen_pipe(fd, size)


def parallel_map(
    function: Callable[[Any, str], Any],
    work: Iterator[tuple[Any, Any]],
    jobs: int,
    lang: str,
    start_method: str | None = None,
    shortcut: Callable[[Any, str], Any] | None = None,
    nice: int = 0,
) -> Iterator[tuple[Any, Any]]:
    """``(key, function(item, lang))`` for each ``(key, item)`` of ``work``, in order, on
    ``jobs`` worker processes, with a bounded number of items in flight (memory stays flat
    however long ``work`` is). ``shortcut(item, lang)``, when given, may answer at once
    without a worker (anything but None). ``function`` must be importable (a module-level
    function): workers started with "spawn" import it. A worker that dies raises
    ``fork_pool.WorkerLost`` or ``concurrent.futures.BrokenExecutor`` (:func:`worker_lost`)."""
    start_method = start_method or default_start_method()
    if start_method == "fork":
        start = functools.partial(_worker_start, nice, watch_parent=False)
        return fork_pool.forked_map(
            function, iter(work), jobs, lang, in_flight(jobs), shortcut, start, _interrupt_held
        )
    return _executor_map(function, work, jobs, lang, start_method, shortcut, nice)


def worker_lost(err: BaseException) -> bool:
    """Whether ``err`` says a worker process died (either pool; the standard library's only
    looked up if imported)."""
    futures = sys.modules.get("concurrent.futures")
    return isinstance(err, fork_pool.WorkerLost) or (
        futures is not None and isinstance(err, futures.BrokenExecutor)
    )


def _executor_map(
    function: Callable[[Any, str], Any],
    work: Iterator[tuple[Any, Any]],
    jobs: int,
    lang: str,
    start_method: str | None,
    shortcut: Callable[[Any, str], Any] | None,
    nice: int,
) -> Iterator[tuple[Any, Any]]:
    """:func:`parallel_map` on the standard library's process pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(start_method),
        initializer=_worker_start,
        initargs=(nice,),
    )
    widen_result_pipe(pool)
    window: deque[tuple[Any, Future[Any]]] = deque()
    try:
        for key, item in work:
            window.append((key, _submit(pool, function, shortcut, item, lang)))
            while len(window) >= in_flight(jobs):
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()
    finally:  # also when the caller stops early (Cancel): drop what has not started
        for _, future in window:
            future.cancel()
        with _interrupt_held():  # a second Ctrl+C must not leave the pool half shut down
            pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ProcessPoolExecutor,
    function: Callable[[Any, str], Any],
    shortcut: Callable[[Any, str], Any] | None,
    item: Any,
    lang: str,
) -> Future[Any]:
    answer = shortcut(item, lang) if shortcut is not None else None
    if answer is not None:  # nothing to analyse: keep its place in the order
        from concurrent.futures import Future

        future: Future[Any] = Future()
        future.set_result(answer)
        return future
    with _interrupt_held():
        return pool.submit(function, item, lang)


@contextlib.contextmanager
def _interrupt_held() -> Iterator[None]:
    """Ctrl+C held back while a pool starts or stops its workers. The standard library's
    pool forks the workers at the first submission and then starts the thread that will stop
    them, and a shutdown waits for that thread: a KeyboardInterrupt in either left workers
    waiting for work, and the process hung at exit waiting for them (10 runs in 40 of
    `analyze` under `timeout -s INT`, which sends two). The forked pool holds it between a
    fork and noting the worker, and while it stops them. Held here, it is raised as soon as
    the pool is in a state it can be stopped from."""
    # Without `threading` imported no other thread can exist (1 ms of imports spared).
    threading = sys.modules.get("threading")
    if not hasattr(signal, "pthread_sigmask") or (
        threading is not None and threading.current_thread() is not threading.main_thread()
    ):
        yield  # Windows, or a thread Ctrl+C is not delivered to
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
