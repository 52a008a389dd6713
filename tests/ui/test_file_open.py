"""Files the desktop asks the app to open (macOS Finder: QFileOpenEvent, never argv) open like
files named on the command line: several of one moment together, early ones once the window
is there, a mailbox in the triage window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from fopegui.ui.app import build_parser, start
from fopegui.ui.file_open import Application
from tests.ui.conftest import mbox_of

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
HAM, SPAM = SAMPLES / "fope-ham-bigfish.eml", SAMPLES / "eop-spam-authfail.eml"


def desktop_opens(app: QApplication, *paths: Path) -> list[bool]:
    """What Finder does for a double-click on each of ``paths``: one event each."""
    return [QApplication.sendEvent(app, QFileOpenEvent(str(p))) for p in paths]


def test_the_test_application_is_fopeguis(qapp) -> None:
    assert isinstance(qapp, Application)


def test_files_of_one_moment_open_together_and_early_ones_wait(qapp, qtbot) -> None:
    opened: list[list[str]] = []
    window = QWidget()
    qtbot.addWidget(window)
    try:
        assert desktop_opens(qapp, HAM, SPAM) == [True, True]  # before the window exists
        qapp.processEvents()
        assert opened == []
        qapp.open_files_with(window, opened.append)
        qtbot.waitUntil(lambda: bool(opened))
        assert opened == [[str(HAM), str(SPAM)]]

        desktop_opens(qapp, SPAM, HAM, SPAM)  # three selected in Finder, opened at once
        qtbot.waitUntil(lambda: len(opened) == 2)
        assert opened[1] == [str(SPAM), str(HAM), str(SPAM)]
        desktop_opens(qapp, HAM)  # a later double-click: a call of its own
        qtbot.waitUntil(lambda: len(opened) == 3)
        assert opened[2] == [str(HAM)]
    finally:
        qapp.open_files_with(None, None)


def test_a_url_that_is_no_local_file_is_left_alone(qapp, qtbot) -> None:
    opened: list[list[str]] = []
    qapp.open_files_with(None, opened.append)
    try:
        event = QFileOpenEvent(QUrl("https://example.com/message.eml"))
        assert event.file() == ""
        assert QApplication.sendEvent(qapp, event) is False
        qapp.processEvents()
        assert opened == []
    finally:
        qapp.open_files_with(None, None)


def test_a_minimised_window_comes_back_for_the_files(qapp, window, qtbot) -> None:
    qapp.open_files_with(window, window.open_paths)
    try:
        window.showMinimized()
        desktop_opens(qapp, HAM)
        qtbot.waitUntil(lambda: window.messages.rowCount() == 1)
        assert not window.isMinimized()
        assert [r.path for r in window.messages.reports()] == [str(HAM)]
    finally:
        qapp.open_files_with(None, None)


def test_the_app_opens_the_desktops_files_a_mailbox_in_triage(qapp, qtbot, tmp_path) -> None:
    mbox_of(tmp_path / "Junk", [HAM, SPAM])
    # What `fopegui` does before its event loop runs (main() then calls app.exec()).
    app, window = start(build_parser().parse_args(["--lang", "en", str(HAM)]))
    qtbot.addWidget(window)
    try:
        assert app is qapp
        desktop_opens(qapp, SPAM, tmp_path / "Junk")
        qtbot.waitUntil(lambda: getattr(window, "triage_window", None) is not None)
        triage = window.triage_window
        qtbot.addWidget(triage)
        qtbot.waitUntil(lambda: window.messages.rowCount() == 2 and not triage.is_running(),
                        timeout=60_000)  # fmt: skip
        assert [r.path for r in window.messages.reports()] == [str(HAM), str(SPAM)]
        rows = [triage.model.row_at(i)[0] for i in range(triage.model.rowCount())]
        assert rows == [f"{tmp_path / 'Junk'}#1", f"{tmp_path / 'Junk'}#2"]
    finally:
        window.release_loading()
        qapp.open_files_with(None, None)
