"""core.pool: the ordered process-pool map behind triage, analyze and batch loading."""

from __future__ import annotations

import contextlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

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
