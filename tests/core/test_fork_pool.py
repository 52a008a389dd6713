"""core.fork_pool: the ordered map on forked workers behind parallel_map where fork exists."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from fopegui.core import fork_pool
from fopegui.core.pool import in_flight, parallel_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks its workers")


def _pid(item: object, _lang: str) -> int:
    return os.getpid()


def _echo(item: bytes, lang: str) -> tuple[str, int, bytes]:
    return lang, len(item), item[-16:]


def _fails_on_three(item: int, _lang: str) -> int:
    if item == 3:
        raise ValueError(f"no {item}")
    return item


def _unpicklable(item: int, _lang: str) -> object:
    return threading.Lock() if item == 2 else item


class _Locked(Exception):
    """An exception holding what pickle refuses."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.lock = threading.Lock()


def _raises_unpicklable(item: int, _lang: str) -> int:
    raise _Locked(f"locked {item}")


def _odd_only(item: int, _lang: str) -> str | None:
    return "shortcut" if item % 2 == 0 else None


_PIDS_FILE = ""  # set by the test; the workers, forked after, write their ids there


def _dies_on_five(item: int, _lang: str) -> int:
    with open(_PIDS_FILE, "a") as pids:
        pids.write(f"{os.getpid()}\n")
    if item == 5:
        # Both workers hold tasks from the first hand-out, but on a busy machine the other
        # may not have started one yet: wait until it has, so the test knows both ids.
        deadline = time.monotonic() + 30
        while len(set(Path(_PIDS_FILE).read_text().split())) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        os._exit(3)
    return item


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_tasks_larger_than_a_pipe_go_out_and_come_back_in_order() -> None:
    items = [bytes([i]) * (300_000 + i) for i in range(10)]  # each several pipes' worth
    results = list(parallel_map(_echo, enumerate(items), 2, "ja"))
    assert [key for key, _ in results] == list(range(10))
    assert [value for _, value in results] == [("ja", len(b), b[-16:]) for b in items]


def test_a_shortcut_answers_in_place_and_the_rest_goes_to_the_workers() -> None:
    results = list(parallel_map(_pid, ((i, i) for i in range(20)), 2, "en", shortcut=_odd_only))
    assert [key for key, _ in results] == list(range(20))
    assert all(value == "shortcut" for key, value in results if key % 2 == 0)
    workers = {value for key, value in results if key % 2}
    assert workers and os.getpid() not in workers


def test_both_workers_take_work_and_are_reaped_at_the_end() -> None:
    pids = {pid for _, pid in parallel_map(_pid, ((i, i) for i in range(200)), 2, "en")}
    assert len(pids) == 2
    assert all(_reaped(pid) for pid in pids)


def test_an_exception_in_a_task_is_raised_here_with_the_workers_traceback() -> None:
    seen = []
    with pytest.raises(ValueError, match="no 3") as raised:
        for _key, value in parallel_map(_fails_on_three, ((i, i) for i in range(8)), 2, "en"):
            seen.append(value)
    assert seen == [0, 1, 2]  # what came before it, in order
    cause = raised.value.__cause__
    assert isinstance(cause, fork_pool.RemoteTraceback) and "_fails_on_three" in str(cause)


def test_a_result_that_cannot_be_pickled_is_an_error_not_a_hang() -> None:
    with pytest.raises(TypeError, match="pickle"):
        list(parallel_map(_unpicklable, ((i, i) for i in range(6)), 2, "en"))


def test_an_exception_that_cannot_be_pickled_comes_back_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="_Locked: locked 0") as raised:
        list(parallel_map(_raises_unpicklable, ((i, i) for i in range(3)), 2, "en"))
    assert "_raises_unpicklable" in str(raised.value.__cause__)


def test_a_worker_that_dies_raises_worker_lost_and_leaves_no_process(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_PIDS_FILE", str(tmp_path / "pids"))
    with pytest.raises(fork_pool.WorkerLost):
        list(parallel_map(_dies_on_five, ((i, i) for i in range(40)), 2, "en"))
    pids = {int(line) for line in (tmp_path / "pids").read_text().split()}
    assert len(pids) == 2 and all(_reaped(pid) for pid in pids)


def test_stopping_early_ends_the_workers_at_once() -> None:
    work = parallel_map(_pid, ((i, i) for i in range(10_000)), 2, "en")
    pids = {next(work)[1], next(work)[1]}
    work.close()
    assert all(_reaped(pid) for pid in pids)


def test_no_more_items_are_taken_than_the_window_allows() -> None:
    taken = 0

    def items():
        nonlocal taken
        for i in range(100):
            taken += 1
            yield i, i

    work = parallel_map(_pid, items(), 2, "en")
    next(work)
    assert taken <= in_flight(2) + 1
    work.close()


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_while_waiting_for_results_stops_and_reaps_the_workers() -> None:
    pids: list[int] = []
    work = parallel_map(_pid, ((i, i) for i in range(100_000)), 2, "en")
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        for _, pid in work:
            if pid not in pids:
                pids.append(pid)
    timer.cancel()
    assert pids and all(_reaped(pid) for pid in pids)
