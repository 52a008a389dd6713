"""An ordered map on worker processes forked from this one: :func:`core.pool.parallel_map`
where the system can fork (Linux, macOS, the BSDs).

The standard library's process pool costs ``analyze`` a tenth of its time on two cores: its
modules take 13 ms to import before the first worker exists, and each task passes through
two threads of the parent (a feeder and a result thread) that take turns with the GIL,
0.2 ms of the parent's CPU a task while the workers need both cores. Here the parent alone
talks to its workers, over two pipes each, from one loop that waits in ``poll``:

- a task is pickled and written to the pipe of a worker with fewer than
  :data:`TASKS_PER_WORKER` tasks, the others wait in the parent (so a slow task delays no
  more than one other, and the last tasks go to whichever worker is free);
- a result comes back whole on the worker's result pipe, framed by its length;
- a worker reads its tasks until its task pipe ends: when the parent closes it (no more
  work), or when the parent has gone (killed: it held the only writing end), so no worker
  outlives its parent for longer than its current task.

A worker that dies before giving back its tasks raises :class:`WorkerLost`; an exception in
a task is raised again in the parent, with the worker's traceback as its cause.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, suppress
from typing import Any

# Tasks written to a worker's pipe before it has given back the first: one in hand, one
# waiting, so a worker never waits for the parent between two tasks.
TASKS_PER_WORKER = 2
# The result pipes are widened to this where the system allows (Linux): see core.pool.
RESULT_PIPE_BYTES = 1 << 20
_LENGTH = 8  # bytes of the length that frames each message
_READ_BYTES = 1 << 20
_LOST = "a worker process ended abruptly"


class WorkerLost(RuntimeError):
    """A worker process ended before giving back its tasks (killed, out of memory)."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (the cause of the one raised here)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _Worker:
    """The parent's side of one worker: its process and pipes, what is still to be written
    to it, what it has sent of a result so far and how many tasks it holds."""

    __slots__ = ("holds", "incoming", "outgoing", "pid", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks  # write end of its task pipe (non-blocking); -1 once closed
        self.results = results  # read end of its result pipe (non-blocking)
        self.outgoing = bytearray()
        self.incoming = bytearray()
        self.holds = 0


def forked_map(
    function: Callable[[Any, str], Any],
    work: Iterator[tuple[Any, Any]],
    jobs: int,
    lang: str,
    window: int,
    shortcut: Callable[[Any, str], Any] | None,
    worker_start: Callable[[], None],
    interrupt_held: Callable[[], AbstractContextManager[None]],
) -> Iterator[tuple[Any, Any]]:
    """``(key, function(item, lang))`` for each ``(key, item)`` of ``work``, in order, on
    ``jobs`` forked workers, at most ``window`` items taken from ``work`` and not yet given
    back. ``worker_start()`` runs first in each worker; ``interrupt_held()`` holds Ctrl+C
    back while workers are forked and while they are stopped."""
    workers: list[_Worker] = []
    finished = False
    try:
        with interrupt_held():  # a Ctrl+C between fork() and the list would leave a worker
            for _ in range(max(jobs, 1)):
                workers.append(_fork_worker(function, lang, worker_start, workers))
        waiting: deque[bytes] = deque()  # tasks no worker holds yet, framed
        done: dict[int, tuple[bool, Any]] = {}  # results by task number, not yet given back
        keys: deque[Any] = deque()  # the keys of the tasks taken, from the next to give back
        taken = given = 0
        exhausted = False
        while True:
            while not exhausted and taken - given < window:
                try:
                    key, item = next(work)
                except StopIteration:
                    exhausted = True
                    break
                keys.append(key)
                answer = shortcut(item, lang) if shortcut is not None else None
                if answer is not None:  # nothing for a worker: keep its place in the order
                    done[taken] = (True, answer)
                else:
                    waiting.append(_framed(pickle.dumps((taken, item), pickle.HIGHEST_PROTOCOL)))
                taken += 1
            _hand_out(workers, waiting)
            while given in done:
                ok, value = done.pop(given)
                given += 1
                key = keys.popleft()
                if not ok:
                    err, trace = value
                    raise err from RemoteTraceback(trace)
                yield key, value
                if not exhausted and taken - given < window:
                    break  # take more work before waiting for the next result
            else:
                if exhausted and given == taken:
                    finished = True
                    return
                _exchange(workers, done)
    finally:
        with interrupt_held():  # a second Ctrl+C must not leave workers behind
            _stop(workers, finished)


def _framed(data: bytes) -> bytes:
    return _length_of(data) + data


def _length_of(data: bytes) -> bytes:
    """The length that frames ``data`` on a pipe (read back by :func:`_receive`)."""
    return len(data).to_bytes(_LENGTH, "little")


def _fork_worker(
    function: Callable[[Any, str], Any],
    lang: str,
    worker_start: Callable[[], None],
    siblings: list[_Worker],
) -> _Worker:
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    widen_pipe(result_write)
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(task_write)
            os.close(result_read)
            for sibling in siblings:  # their ends would keep their pipes open
                if sibling.tasks >= 0:
                    os.close(sibling.tasks)
                os.close(sibling.results)
            worker_start()
            _serve(function, lang, task_read, result_write)
            status = 0
        finally:
            os._exit(status)  # never the parent's exit handlers, nor its buffered output
    os.close(task_read)
    os.close(result_write)
    os.set_blocking(task_write, False)
    os.set_blocking(result_read, False)
    return _Worker(pid, task_write, result_read)


def widen_pipe(fd: int, size: int = RESULT_PIPE_BYTES) -> bool:
    """Let the pipe written through ``fd`` hold ``size`` bytes. True when it does; False where
    the system does not allow it (not Linux, a lower limit): only speed differs then."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):
        return False
    return True


def _serve(function: Callable[[Any, str], Any], lang: str, tasks: int, results: int) -> None:
    """In a worker: answer tasks until the task pipe ends."""
    with open(tasks, "rb") as reader:
        while True:
            head = reader.read(_LENGTH)
            if len(head) < _LENGTH:
                return  # no more work, or the parent has gone
            number, item = pickle.loads(reader.read(int.from_bytes(head, "little")))
            try:
                answer = pickle.dumps((number, True, function(item, lang)), pickle.HIGHEST_PROTOCOL)
            except Exception as err:  # the parent raises it again
                answer = _failure(number, err)
            _write_all(results, _length_of(answer))  # apart: no copy of a large answer
            _write_all(results, answer)


def _failure(number: int, err: Exception) -> bytes:
    """The exception and its traceback's text (a pickled exception loses its traceback)."""
    import traceback

    trace = "".join(traceback.format_exception(err))
    try:
        return pickle.dumps((number, False, (err, trace)), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its text does
        plain = RuntimeError(f"{type(err).__name__}: {err}")
        return pickle.dumps((number, False, (plain, trace)), pickle.HIGHEST_PROTOCOL)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _hand_out(workers: list[_Worker], waiting: deque[bytes]) -> None:
    """Waiting tasks to the workers that hold fewer than TASKS_PER_WORKER, the least busy
    first; written now as far as their pipes take them (the rest when poll says so)."""
    while waiting:
        worker = min(workers, key=_holds)
        if worker.holds >= TASKS_PER_WORKER:
            return
        worker.outgoing += waiting.popleft()
        worker.holds += 1
        _send(worker)


def _holds(worker: _Worker) -> int:
    return worker.holds


def _send(worker: _Worker) -> None:
    try:
        sent = os.write(worker.tasks, worker.outgoing)
    except BlockingIOError:
        return
    except BrokenPipeError:
        raise WorkerLost(_LOST) from None
    del worker.outgoing[:sent]


def _exchange(workers: list[_Worker], done: dict[int, tuple[bool, Any]]) -> None:
    """Wait until a worker has sent something or can take more; read and write what can be."""
    poller = select.poll()
    by_fd: dict[int, _Worker] = {}
    for worker in workers:
        poller.register(worker.results, select.POLLIN)
        by_fd[worker.results] = worker
        if worker.outgoing:
            poller.register(worker.tasks, select.POLLOUT)
            by_fd[worker.tasks] = worker
    for fd, _event in poller.poll():
        worker = by_fd[fd]
        if fd == worker.tasks:
            _send(worker)
        else:
            _receive(worker, done)


def _receive(worker: _Worker, done: dict[int, tuple[bool, Any]]) -> None:
    try:
        data = os.read(worker.results, _READ_BYTES)
    except BlockingIOError:
        return
    if not data:
        raise WorkerLost(_LOST)
    buffer = worker.incoming
    buffer += data
    start = 0
    while len(buffer) - start >= _LENGTH:
        size = int.from_bytes(buffer[start : start + _LENGTH], "little")
        end = start + _LENGTH + size
        if len(buffer) < end:
            break
        number, ok, value = pickle.loads(memoryview(buffer)[start + _LENGTH : end])
        done[number] = (ok, value)
        worker.holds -= 1
        start = end
    del buffer[:start]


def _stop(workers: list[_Worker], finished: bool) -> None:
    """End the workers: their task pipes closed (each ends after its task); stopped at once
    when the work was left unfinished (Cancel, Ctrl+C, an error); and waited for."""
    for worker in workers:
        if worker.tasks >= 0:
            os.close(worker.tasks)
            worker.tasks = -1
        if not finished:
            with suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
    for worker in workers:
        with suppress(ChildProcessError):  # reaped already (a SIGCHLD handler of the caller's)
            os.waitpid(worker.pid, 0)
        os.close(worker.results)
