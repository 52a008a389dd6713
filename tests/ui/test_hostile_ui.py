"""Hostile input in the window (issue 17, items 1, 2, 5, 7 and 13's dates).

Message text reaches Qt only as plain text with its controls made visible; a date in year 1
neither crashes the sort nor reads as 2001; a FIFO never blocks the GUI thread; closing the
window during a long load ends the process cleanly. Crashes (a segfault, Qt's abort) and hangs
would take the test run down with them, so those tests drive the window in a child process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import Qt as QtGui  # Qt::mightBeRichText lives in QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from fopegui.ui.models import SORT_ROLE, MessageListModel

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows it on screen
SPOOF = RLO + "moc.kooltuo.noitcetorp.liam"  # shows as mail.protection.outlook.com
HOSTILE = (
    "Received: from mx.attacker.example (" + SPOOF + " [198.51.100.7]) by mx.example.net"
    " with ESMTP; Mon, 1 Jan 2024 10:00:00 +0000\r\n"
    "X-Forefront-Antispam-Report: CIP:198.51.100.7;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;"
    "SFV:SPM;H:" + SPOOF + ";PTR:<b>ptr</b>" + RLO + "evil\x1b[31m;CAT:SPM;SFS:(1);DIR:INB;\r\n"
    'Subject: <font color=red size=7>VERIFIED SAFE SENDER</font> <img src="x.png"> '
    + RLO + "fdp.exe\x07\r\n"
    'From: "' + RLO + 'Safe\x1b[2J" <a@example.com>\r\n'
    "Date: Mon, 01 Jan 0001 00:00:00 +0000\r\n\r\nbody\r\n"
).encode()
# C0, DEL, C1 and the bidirectional controls (written out here, not taken from the code).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _unsafe(text: str) -> list[str]:
    """Controls a plain-text widget must not show (line breaks and tabs are layout)."""
    return [c for c in _CONTROL.findall(text.replace("\r\n", "\n")) if c not in "\n\t"]


def _rich_tooltip(tooltip: str) -> bool:
    """Whether Qt would render markup of the message in this tooltip."""
    if not QtGui.mightBeRichText(tooltip):
        return False
    body = tooltip.removeprefix("<qt>").removesuffix("</qt>").replace("<br>", "")
    return "<" in body  # our plain tooltips escape every other "<"


def _indexes(model, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list widget's model keeps these private: a flat list, one column
        yield from (model.index(row, 0) for row in range(model.rowCount()))
        return
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index):
                yield from _indexes(model, index)


def shown_texts(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is_tooltip) for every text ``root`` shows: labels, buttons, text panes,
    every cell and cell tooltip of every view, every tooltip; the Blacklist tab aside."""
    for widget in [root, *root.findChildren(QWidget)]:
        if any(w.objectName() == "blacklist" for w in _ancestors(widget)):
            continue  # the Blacklist tab and its wizard: issue 17 item 1, another change
        where = f"{type(widget).__name__}#{widget.objectName()}"
        yield where, widget.toolTip(), True
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text(), False
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            yield where, widget.toPlainText(), False
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _indexes(widget.model()):
                yield where, index.data(Qt.ItemDataRole.DisplayRole) or "", False
                yield where, index.data(Qt.ItemDataRole.ToolTipRole) or "", True
    yield "window title", root.window().windowTitle(), False


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    while widget is not None:
        yield widget
        widget = widget.parentWidget()


def test_message_text_is_plain_with_controls_visible(window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / ("evil" + RLO + "lmx.eml")
    path.write_bytes(HOSTILE)
    window.open_paths([str(path)])
    window.reputation_tab  # built: its findings show header values too  # noqa: B018
    tree = window.headers_tab.tree
    seen = set()
    for index in _indexes(tree.model()):  # every header and field in the detail pane
        tree.setCurrentIndex(index.siblingAtColumn(0))
        seen.update(text for _, text, _ in shown_texts(window.headers_tab.detail))
    window.received_tab.table.selectRow(0)  # the hop's raw header
    problems = []
    for where, text, tooltip in shown_texts(window):
        seen.add(text)
        if _unsafe(text):
            problems.append(f"{where}: control {_unsafe(text)!r} in {text[:80]!r}")
        if tooltip and _rich_tooltip(text):
            problems.append(f"{where}: rich-text tooltip {text[:80]!r}")
    for text in seen:
        if _unsafe(text):
            problems.append(f"detail pane: control {_unsafe(text)!r} in {text[:80]!r}")
    assert not problems, "\n".join(problems)
    everything = "\n".join(seen)
    # What the reader sees instead: the markers, the markup as typed.
    assert "<U+202E>moc.kooltuo.noitcetorp.liam" in everything
    assert '<font color=red size=7>VERIFIED SAFE SENDER</font> <img src="x.png">' in everything
    assert "<U+001B>[2J" in everything
    assert window.windowTitle() == "evil<U+202E>lmx.eml — fopegui"


def test_tooltips_of_message_data_are_plain(window, make_report) -> None:
    report = make_report('<img src="/dev/zero"> ' + SPOOF)
    window.add_reports([report])
    tooltip = window.sorted_messages.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "<qt>&lt;img src=&quot;/dev/zero&quot;&gt; &lt;U+202E&gt;moc.kooltuo." \
                      "noitcetorp.liam</qt>"  # fmt: skip


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("Mon, 01 Jan 0001 00:00:00 +0000", "0001-01-01 00:00"),
        ("0001-01-01", "0001-01-01 00:00"),
        ("Tue, 1 Jan 0099 10:00 +0900", "0099-01-01 10:00"),
        ("Fri, 31 Dec 99 23:59:00 -0000", "1999-12-31 23:59"),  # two digits: RFC 5322 4.3
        ("Fri, 31 Dec 9999 23:59:00 -2359", "9999-12-31 23:59"),
    ],
)
def test_dates_show_the_year_as_written(make_report, date: str, shown: str) -> None:
    model = MessageListModel()
    report = make_report()
    report.summary["date"] = date
    model.add_reports([report])
    assert model.index(0, 3).data() == shown
    assert isinstance(model.index(0, 3).data(SORT_ROLE), float)


def _run_window_script(script: str, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


SORT_BY_DATE = """
    import sys
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fopegui.ui.main_window import MainWindow
    window = MainWindow()
    window.open_paths(sys.argv[1:], background=False)
    window.message_list.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    model = window.sorted_messages
    print("|".join(model.index(row, 3).data() for row in range(model.rowCount())))
"""


def test_sorting_by_a_date_in_year_one_does_not_crash(tmp_path: Path) -> None:
    dates = ["Mon, 1 Jan 2024 10:00:00 +0000", "0001-01-01", "Mon, 01 Jan 0001 08:00:00 +0900",
             "not a date", "Sat, 1 Jan 2000 00:00:00 -2359"]  # fmt: skip
    paths = []
    for number, date in enumerate(dates):
        path = tmp_path / f"{number}.eml"
        path.write_text(f"Date: {date}\nSubject: s{number}\nFrom: a@example.com\n\n")
        paths.append(str(path))
    done = _run_window_script(SORT_BY_DATE, *paths)
    assert done.returncode == 0, f"status {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip() == (
        "not a date|0001-01-01 08:00|0001-01-01 00:00|2000-01-01 00:00|2024-01-01 10:00"
    )


OPEN_FIFO = """
    import sys, time
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fopegui.ui import loader
    loader.STREAM_PATIENCE_S = 0.5
    from fopegui.ui.main_window import MainWindow
    window = MainWindow()
    started = time.monotonic()
    window.open_paths([sys.argv[1]])  # nobody writes to it
    print(f"returned after {time.monotonic() - started:.1f} s", flush=True)
    while window.is_loading():
        app.processEvents()
        time.sleep(0.02)
    print(window.failures[0].error.render("en"))
"""


@POSIX
def test_a_fifo_never_blocks_the_gui_thread(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    try:
        done = _run_window_script(OPEN_FIFO, str(fifo), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("opening a FIFO nobody writes to hangs the window")
    assert done.returncode == 0, done.stderr[-2000:]
    first, second = done.stdout.splitlines()[:2]
    assert float(first.split()[2]) < 0.5  # open_paths returned at once: read off the GUI thread
    assert second.startswith("Nothing arrived from pipe.eml for 0.5 s")


CLOSE_WHILE_LOADING = """
    import sys, threading, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    fifo = sys.argv[1]

    def slow_writer():  # a long load: a header line every 0.2 s for 7 s, then the end
        with open(fifo, "wb") as out:
            out.write(b"Subject: slow\\n")
            for _ in range(35):
                out.flush()
                time.sleep(0.2)
                out.write(b"X-Pad: y\\n")

    threading.Thread(target=slow_writer, daemon=True).start()
    app = QApplication([])
    from fopegui.ui.main_window import MainWindow
    window = MainWindow()
    window.show()
    window.open_paths([fifo], background=True)
    QTimer.singleShot(500, window.close)  # the user closes the window mid-load
    app.exec()
    window.deleteLater()
    del window
    QTimer.singleShot(0, app.quit)
    app.exec()  # the window (which owned the load thread) is destroyed here
    from fopegui.ui.loader import wait_for_loaders
    wait_for_loaders()
    print("clean exit")
"""


@POSIX
def test_closing_the_window_during_a_long_load_ends_cleanly(tmp_path: Path) -> None:
    fifo = tmp_path / "slow.eml"
    os.mkfifo(fifo)
    done = _run_window_script(CLOSE_WHILE_LOADING, str(fifo), timeout=60)
    assert "QThread: Destroyed while thread" not in done.stderr
    assert done.returncode == 0, f"status {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip() == "clean exit"


def test_clipboard_copy_keeps_the_real_value(window, tmp_path: Path) -> None:
    """The markers are for the eye: "Copy value" still copies what the message says."""
    path = tmp_path / "spoof.eml"
    path.write_bytes(HOSTILE)
    window.open_paths([str(path)])
    tab = window.headers_tab
    assert tab.select_header("Subject")
    tab.copy_value()
    assert RLO + "fdp.exe\x07" in QGuiApplication.clipboard().text()


def test_plain_text_helpers_mark_controls_and_keep_layout() -> None:
    from fopegui.ui.plain import one_line, plain_tooltip, shown

    assert shown("a\r\nb\rc\u202ed\te") == "a\r\nb<U+000D>c<U+202E>d\te"  # CRLF and tabs stay
    assert shown("x\x1b[31m\x07\x9b") == "x<U+001B>[31m<U+0007><U+009B>"
    assert one_line("a\n  b\u202e") == "a b<U+202E>"
    assert plain_tooltip('<img src="/dev/zero">\u202e\nx') == (
        "<qt>&lt;img src=&quot;/dev/zero&quot;&gt;&lt;U+202E&gt;<br>x</qt>"
    )
    assert shown(None) == one_line(None) == plain_tooltip(None) == ""
    assert shown("日本語のテキスト") == "日本語のテキスト"  # ordinary text untouched


@POSIX
def test_a_batch_replaced_while_loading_is_released(window, tmp_path: Path, qtbot) -> None:
    """A new batch cancels the running one and takes none of its results; its thread no
    longer belongs to the window, so closing the window cannot destroy it while it runs."""
    from fopegui.ui import loader

    fifo = tmp_path / "waiting.eml"
    os.mkfifo(fifo)
    window.open_paths([str(fifo)], background=True)  # nobody writes: the read waits
    first = window._thread
    good = Path(__file__).resolve().parent.parent / "data" / "samples" / "eop-ham-pass.eml"
    window.open_paths([str(good)], background=True)
    assert first.parent() is None and window._thread is not first
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    loader.wait_for_loaders()  # the cancelled read of the FIFO ends at once
    assert first.isFinished()
    assert [r.path for r in window.messages.reports()] == [str(good)]
    assert not window.failures  # the cancelled FIFO's report never arrived
