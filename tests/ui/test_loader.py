"""Loader: analysis never raises into the GUI; the worker delivers reports in input order."""

from __future__ import annotations

from fopegui.core.model import Report
from fopegui.ui import loader


def test_missing_file_is_a_report_with_an_error(tmp_path) -> None:
    report = loader.analyze_file(tmp_path / "absent.eml")
    assert report.error
    assert report.path == str(tmp_path / "absent.eml")


def test_a_crash_in_the_engine_becomes_an_error_report(monkeypatch, tmp_path) -> None:
    import fopegui.core.analyze as analyze

    def boom(path):
        raise RuntimeError("decoder bug")

    monkeypatch.setattr(analyze, "analyze_path", boom)
    report = loader.analyze_file(tmp_path / "x.eml")
    assert report.error == "Internal error while analysing this file: RuntimeError: decoder bug"


def test_background_threshold(tmp_path) -> None:
    small = tmp_path / "a.eml"
    small.write_bytes(b"Subject: x\r\n\r\n")
    assert not loader.should_run_in_background([str(small)])
    assert loader.should_run_in_background([str(small)] * (loader.SYNC_MAX_FILES + 1))
    big = tmp_path / "big.eml"
    big.write_bytes(b"x" * (loader.SYNC_MAX_BYTES + 1))
    assert loader.should_run_in_background([str(big)])


def test_thread_emits_all_reports_in_order(qtbot, samples) -> None:
    paths = [str(p) for p in sorted(samples.glob("*.eml"))]
    thread = loader.LoadThread(paths)
    received: list = []
    progress: list = []
    thread.reportsReady.connect(received.extend)
    thread.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(thread.finished, timeout=10000):
        thread.start()
    qtbot.waitUntil(lambda: len(received) == len(paths), timeout=5000)
    assert [r.path for r in received] == paths
    assert progress[-1] == (len(paths), len(paths))


def load_on_processes(qtbot, paths: list[str]) -> tuple[list, list]:
    """Every report of ``paths`` through a LoadThread on two worker processes and an inbox;
    and the parcels as they came (pickled: (path, bytes); analysed in the thread: a Report)."""
    thread = loader.LoadThread(paths, jobs=2)
    inbox = loader.ReportInbox()
    received: list = []
    parcels: list = []
    thread.parcelsReady.connect(parcels.extend)
    thread.parcelsReady.connect(inbox.put)
    inbox.reportsReady.connect(received.extend)
    with qtbot.waitSignal(thread.finished, timeout=60_000):
        thread.start()
    qtbot.waitUntil(lambda: len(received) == len(paths), timeout=10_000)
    assert inbox.is_empty()
    return received, parcels


def test_worker_processes_give_the_same_reports_in_order(qtbot, samples, tmp_path) -> None:
    """A big batch is analysed on worker processes and comes back pickled: the reports are
    those of the thread, in input order (messages, .msg files, a bounce, a missing file)."""
    from fopegui.core.report import to_dict

    msg = samples.parent / "msg"
    paths = [str(p) for p in [*sorted(samples.glob("*.eml")), *sorted(msg.glob("*.msg"))]]
    paths.append(str(tmp_path / "missing.eml"))
    received, parcels = load_on_processes(qtbot, paths)
    assert all(isinstance(p, tuple) for p in parcels)  # really from the worker processes
    assert [r.path for r in received] == paths
    expected = [loader.analyze_file(p) for p in paths]
    for got, want in zip(received, expected, strict=True):
        got_dict, want_dict = to_dict(got), to_dict(want)
        got_dict.pop("parse_ms", None), want_dict.pop("parse_ms", None)
        assert got_dict == want_dict, got.path
    assert received[-1].error


def test_an_engine_fault_in_a_worker_is_an_error_report() -> None:
    import pickle

    report = loader.report_from_worker("/m/x.eml", pickle.dumps("RuntimeError: decoder bug"))
    assert report.path == "/m/x.eml"
    assert report.error == "Internal error while analysing this file: RuntimeError: decoder bug"


def test_a_pool_that_cannot_start_falls_back_to_the_thread(qtbot, samples, monkeypatch) -> None:
    import fopegui.core.pool as pool

    def broken(*_args, **_kwargs):
        raise OSError("no processes here")
        yield  # a generator, as parallel_map

    monkeypatch.setattr(pool, "parallel_map", broken)
    paths = [str(p) for p in sorted(samples.glob("*.eml"))]
    received, parcels = load_on_processes(qtbot, paths)
    assert [r.path for r in received] == paths and not any(r.error for r in received)
    assert all(isinstance(p, Report) for p in parcels)  # analysed in the thread
