"""Loader: analysis never raises into the GUI; the worker delivers reports in input order."""

from __future__ import annotations

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
