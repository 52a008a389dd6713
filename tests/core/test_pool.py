"""core.pool: the ordered process-pool map behind triage, analyze and batch loading."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from fopegui.core import fork_pool
from fopegui.core.pool import RESULT_PIPE_BYTES, parallel_map, widen_result_pipe

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ")


def _largest_pipe(_item: object, _lang: str) -> int:
    """In a worker: the largest pipe among its open descriptors (the result pipe's end)."""
    import fcntl

    largest = 0
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # not a pipe, or closed since it was listed
            largest = max(largest, fcntl.fcntl(int(name), fcntl.F_GETPIPE_SZ))
    return largest


def _payload(item: int, lang: str) -> bytes:
    return f"{lang}:{item}:".encode() * (300_000 // 8)  # several times a default pipe


@linux_only
def test_the_result_pipe_of_a_pool_is_widened() -> None:
    import fcntl

    pool = ProcessPoolExecutor(1)
    try:
        fd = pool._result_queue._writer.fileno()
        assert fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) < RESULT_PIPE_BYTES  # 64 KiB by default
        assert widen_result_pipe(pool)
        assert fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) >= RESULT_PIPE_BYTES
    finally:
        pool.shutdown()


@linux_only
def test_workers_send_their_results_through_the_widened_pipe() -> None:
    sizes = [size for _, size in parallel_map(_largest_pipe, iter([(1, 1), (2, 2)]), 2, "en")]
    assert sizes and all(size >= RESULT_PIPE_BYTES for size in sizes)


def test_a_pool_without_the_queue_it_widens_keeps_going() -> None:
    class Elsewhere:  # a Python whose pool keeps its result queue under another name
        pass

    assert widen_result_pipe(Elsewhere()) is False  # type: ignore[arg-type]


def test_large_results_come_back_whole_and_in_order() -> None:
    items = list(range(12))
    results = list(parallel_map(_payload, ((i, i) for i in items), 2, "ja"))
    assert [key for key, _ in results] == items
    assert all(blob == _payload(key, "ja") for key, blob in results)


def _square(item: int, _lang: str) -> int:
    return item * item


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_as_the_workers_start_leaves_no_worker_behind(monkeypatch) -> None:
    """The standard library's pool (workers started afresh): a KeyboardInterrupt right after
    it launched its workers, before it started the thread that stops them: the workers used
    to wait for work forever, and the process hung at exit joining them."""
    import multiprocessing
    import time

    launch = ProcessPoolExecutor._spawn_process

    def launch_then_interrupt(pool: ProcessPoolExecutor) -> None:
        launch(pool)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C, delivered at once

    monkeypatch.setattr(ProcessPoolExecutor, "_spawn_process", launch_then_interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            list(parallel_map(_square, ((i, i) for i in range(40)), 2, "en", "spawn"))
        deadline = time.monotonic() + 10
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert multiprocessing.active_children() == []
    finally:  # without the fix: stop them here, or the test run itself hangs at exit
        for child in multiprocessing.active_children():
            child.kill()


_SECOND_CTRL_C = """
import os, signal, sys, threading, time
from fopegui.core.pool import parallel_map

def slow(i, lang):
    time.sleep(0.3)
    return i

if __name__ == "__main__":
    work = parallel_map(slow, ((i, i) for i in range(40)), 2, "en", "spawn")
    try:
        next(work)
        # The consumer stops early (as Ctrl+C in its loop does); the pool shuts down while its
        # workers are busy, and a second Ctrl+C comes during that wait.
        threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
        work.close()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_second_ctrl_c_while_the_pool_shuts_down_does_not_hang_the_exit(tmp_path) -> None:
    """The standard library's pool: its shutdown, interrupted, left its workers waiting for
    work that never came; the process then hung at exit (1 run in 4 of `analyze` under
    `timeout -s INT`, which signals the process and its group: two Ctrl+C). (The forked
    pool stops its workers at once: there is no such wait.)"""
    import subprocess
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    script = tmp_path / "second_ctrl_c.py"  # a file: workers started afresh import it
    script.write_text(_SECOND_CTRL_C)
    proc = subprocess.Popen(
        [sys.executable, str(script)], cwd=repo, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )  # fmt: skip
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the process hung at exit after a Ctrl+C during the pool's shutdown")
    assert proc.returncode == 0, err
    assert out.strip() == b"interrupted"


_KILLED_PARENT = """
import os, sys, time
from fopegui.core import pool

pool.PARENT_CHECK_S = 0.1

def slow(i, lang):
    time.sleep(0.2)
    return os.getpid()

for _, pid in pool.parallel_map(slow, ((i, i) for i in range(1000)), 2, "en", "fork"):
    print(pid, flush=True)
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for its new parent to reap it."""
    from pathlib import Path

    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed() -> None:
    """`kill` (or a crash) of the parent left its workers waiting for work forever."""
    import subprocess
    import time
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT], cwd=repo,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    workers: set[int] = set()
    try:
        while len(workers) < 2:
            workers.add(int(proc.stdout.readline()))
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers))
    finally:
        proc.kill()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_as_forked_workers_start_leaves_no_worker_behind(monkeypatch) -> None:
    """A Ctrl+C between two forks is held until every worker forked so far is known, then
    stops and reaps them all."""
    forked: list[int] = []
    fork_worker = fork_pool._fork_worker

    def fork_then_interrupt(*args):
        worker = fork_worker(*args)
        forked.append(worker.pid)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C, delivered at once (unless held)
        return worker

    monkeypatch.setattr(fork_pool, "_fork_worker", fork_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        list(parallel_map(_square, ((i, i) for i in range(40)), 2, "en"))
    assert len(forked) == 2  # the first Ctrl+C waited for the second fork
    for pid in forked:
        with pytest.raises(ChildProcessError):  # reaped: neither running nor a zombie
            os.waitpid(pid, os.WNOHANG)
