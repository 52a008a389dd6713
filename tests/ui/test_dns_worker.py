"""DnsWorker: one asyncio loop in a QThread; results, failures and cancels arrive as signals."""

from __future__ import annotations

import asyncio
import threading

import pytest

from fopegui.ui.dns_worker import DnsJob, DnsWorker, current_job


def _collect(job: DnsJob) -> dict[str, list]:
    seen: dict[str, list] = {"progress": [], "finished": [], "failed": [], "cancelled": []}
    job.progress.connect(lambda obj: seen["progress"].append((obj, _on_gui())))
    job.finished.connect(lambda obj: seen["finished"].append((obj, _on_gui())))
    job.failed.connect(lambda msg: seen["failed"].append(msg))
    job.cancelled.connect(lambda: seen["cancelled"].append(True))
    return seen


def _on_gui() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_results_arrive_as_signals_on_the_gui_thread(qtbot, worker) -> None:
    loop_threads: list[str] = []

    async def work() -> int:
        loop_threads.append(threading.current_thread().name)
        for i in range(3):
            current_job().report(i)
            await asyncio.sleep(0.01)
        return 42

    job = worker.submit(work)
    seen = _collect(job)
    with qtbot.waitSignal(job.finished, timeout=3000):
        pass
    assert [p for p, _ in seen["progress"]] == [0, 1, 2]
    assert seen["finished"] == [(42, True)]
    assert all(on_gui for _, on_gui in seen["progress"])
    assert loop_threads and loop_threads[0] != threading.main_thread().name
    assert job.is_done()


def test_one_loop_thread_for_every_job(qtbot, worker) -> None:
    async def loop_id() -> int:
        return id(asyncio.get_running_loop())

    first, second = worker.submit(loop_id), worker.submit(loop_id)
    got: list[int] = []
    first.finished.connect(got.append)
    second.finished.connect(got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=3000)
    assert got[0] == got[1]


def test_exception_becomes_failed(qtbot, worker) -> None:
    async def broken() -> None:
        raise ValueError("no such zone")

    job = worker.submit(broken)
    seen = _collect(job)
    with qtbot.waitSignal(job.failed, timeout=3000) as blocker:
        pass
    assert blocker.args == ["no such zone"]
    assert seen["finished"] == [] and seen["cancelled"] == []


def test_cancel_stops_the_task_and_nothing_follows(qtbot, worker) -> None:
    started = threading.Event()
    stopped = threading.Event()

    async def endless() -> str:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            stopped.set()
            raise
        return "never"

    job = worker.submit(endless)
    seen = _collect(job)
    assert started.wait(3)
    with qtbot.waitSignal(job.cancelled, timeout=1000):
        job.cancel()
    assert stopped.wait(3), "the asyncio task was not cancelled"
    job.report("late")
    qtbot.wait(50)
    assert seen["cancelled"] == [True]
    assert seen["progress"] == [] and seen["finished"] == [] and seen["failed"] == []
    job.cancel()  # a second cancel is harmless
    assert seen["cancelled"] == [True]


def test_shutdown_cancels_jobs_and_joins_the_thread(qtbot) -> None:
    worker = DnsWorker()
    assert worker.thread_handle() is None  # nothing started before the first job
    started, stopped = threading.Event(), threading.Event()

    async def endless() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            stopped.set()

    job = worker.submit(endless)
    seen = _collect(job)
    thread = worker.thread_handle()
    assert thread is not None
    assert started.wait(3)
    worker.shutdown()
    assert thread.isFinished() and not thread.isRunning()
    assert stopped.is_set()
    assert seen["cancelled"] == [True]
    assert not any(t.name == "fopegui-dns" and t.is_alive() for t in threading.enumerate())
    worker.shutdown()  # idempotent
    assert not worker.is_running()


def test_call_in_gui_from_the_worker_thread(qtbot, worker) -> None:
    calls: list[tuple[int, bool]] = []

    async def work() -> None:
        worker.call_in_gui(lambda x: calls.append((x, _on_gui())), 7)

    job = worker.submit(work)
    with qtbot.waitSignal(job.finished, timeout=3000):
        pass
    qtbot.waitUntil(lambda: bool(calls), timeout=1000)
    assert calls == [(7, True)]


def test_worker_restarts_after_shutdown(qtbot, worker) -> None:
    async def one() -> int:
        return 1

    worker.shutdown()
    job = worker.submit(one)
    with qtbot.waitSignal(job.finished, timeout=3000) as blocker:
        pass
    assert blocker.args == [1]


def test_current_job_inside_the_coroutine(qtbot, worker) -> None:
    async def work() -> str:
        current_job().report("hello")
        return "done"

    job = worker.submit(work)
    seen = _collect(job)
    with qtbot.waitSignal(job.finished, timeout=3000):
        pass
    assert [p for p, _ in seen["progress"]] == ["hello"]
    with pytest.raises(LookupError):
        current_job()  # not inside a job here


def test_worker_source_shared_or_own(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from fopegui.ui.dns_worker import DnsWorker, WorkerSource

    shared = DnsWorker()
    owner = QWidget()
    assert WorkerSource(owner, shared).get() is shared
    assert WorkerSource(owner, lambda: shared).get() is shared
    own = WorkerSource(owner, None)
    worker = own.get()
    assert worker is not shared and own.get() is worker  # made once, on first use
    own.shutdown_own()
    shared.shutdown()


def test_submit_check_runs_the_one_orchestrator_and_reports_in_order(
    qtbot, worker, dns_server, loopback_only
) -> None:
    from fopegui.net.dnsbl_model import CheckPlan, DnsblReport, HostLookup, ListResult
    from fopegui.ui.dns_worker import submit_check

    zones = [dns_server.zone_list("listed.test"), dns_server.zone_list("clean.test")]
    job = submit_check(worker, "mail.hosts.test", zones, dns_server.config(), "en")
    seen = _collect(job)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    kinds = [type(obj) for obj, _ in seen["progress"]]
    assert kinds[:2] == [HostLookup, CheckPlan]  # the lookup, then every question at once
    assert kinds[2:] == [ListResult] * 4 and all(gui for _, gui in seen["progress"])
    plan = seen["progress"][1][0]
    assert [(lst.zone, ip) for lst, ip in plan.pairs] == [
        ("listed.test", "203.0.113.10"),
        ("clean.test", "203.0.113.10"),
        ("listed.test", "2001:db8::25"),
        ("clean.test", "2001:db8::25"),
    ]
    ((report, on_gui),) = seen["finished"]
    assert isinstance(report, DnsblReport) and on_gui
    assert report.summary == {"listed": 2, "not_listed": 2, "error": 0, "unknown": 0}


def test_a_cancelled_check_sends_nothing_more(qtbot, worker, dns_server, loopback_only) -> None:
    from fopegui.ui.dns_worker import submit_check

    zones = [dns_server.zone_list(z) for z in dns_server.timeouts]
    job = submit_check(worker, "203.0.113.10", zones, dns_server.config(5.0, 10.0), "en")
    seen = _collect(job)
    qtbot.waitUntil(lambda: bool(seen["progress"]), timeout=3000)  # the plan has arrived
    job.cancel()
    count = len(seen["progress"])
    qtbot.wait(300)
    assert len(seen["progress"]) == count and seen["finished"] == [] and seen["cancelled"]
