"""File ▸ Open folder / mailbox…: the triage window runs core.triage off the GUI thread, shows
the rows sorted and filtered, counts what decided, groups, opens a message in the main
window, exports CSV, cancels."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from fopegui.core import triage
from fopegui.ui import texts
from fopegui.ui.triage_model import SHOWN, TriageTableModel, short_source
from tests.ui.conftest import mbox_of

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = DATA / "samples"
COUNT = len(list(SAMPLES.glob("*.eml")))


@pytest.fixture
def triage_window(window, qtbot):
    view = window.show_triage()
    qtbot.addWidget(view)
    return view


def run(view, qtbot, paths, jobs=1) -> None:
    with qtbot.waitSignal(view.finished, timeout=60_000):
        view.start([str(p) for p in paths], jobs=jobs)


def column(name: str) -> int:
    return SHOWN.index(name)


def test_the_menu_opens_one_triage_window(window) -> None:
    assert window.triage_action.shortcut().toString() == "Ctrl+Shift+O"
    window.triage_action.trigger()
    view = window.triage_window
    assert view.isVisible() and view.isWindow()
    assert window.show_triage() is view
    assert view.empty.isVisible() and not view.export_button.isEnabled()


def test_rows_are_the_cores_rows_with_codes_by_name(triage_window, qtbot) -> None:
    run(triage_window, qtbot, [SAMPLES])
    model = triage_window.model
    assert model.rowCount() == COUNT
    assert model.rows == list(triage.triage([SAMPLES], jobs=1))
    custom = next(i for i in range(COUNT) if "customspam" in model.row_at(i)[0])
    shown = model.index(custom, column("decided_by")).data()
    assert shown == texts.tr_core({"en": "an ASF option", "ja": "ASF オプション"})
    assert model.index(custom, column("kb_methods")).data() == "1"
    assert model.index(custom, column("source")).data() == "fope-spam-customspam.eml"
    assert triage_window.export_button.isEnabled() and not triage_window.progress.isVisible()


def test_counts_per_decision_and_the_chart_filters(triage_window, qtbot) -> None:
    run(triage_window, qtbot, [SAMPLES])
    model = triage_window.model
    decided = model.counts["decided_by"]
    assert sum(decided.values()) == COUNT and decided["asf"] >= 1
    chart = triage_window.charts["decided_by"]
    chart.resize(360, chart.sizeHint().height())
    chart.grab()  # paints: the bars exist where they are drawn
    rect = next(r for r, code in chart._bars if code == "asf")
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert model.rowCount() == decided["asf"]
    decided_by = triage.INDEX["decided_by"]
    assert all(model.row_at(i)[decided_by] == "asf" for i in range(model.rowCount()))
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert model.rowCount() == COUNT  # the same bar again: all rows


def test_sorting_by_scl_puts_numbers_in_order_and_missing_last(triage_window, qtbot) -> None:
    run(triage_window, qtbot, [SAMPLES])
    triage_window.table.horizontalHeader().setSortIndicator(column("scl"),
                                                            Qt.SortOrder.AscendingOrder)
    model = triage_window.model
    values = [model.row_at(i)[triage.INDEX["scl"]] for i in range(model.rowCount())]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers) and values[: len(numbers)] == numbers


def test_text_filter_and_grouping_by_sending_ip(triage_window, qtbot) -> None:
    run(triage_window, qtbot, [SAMPLES, DATA / "shapes"])
    model = triage_window.model
    total = model.rowCount()
    triage_window.filter_edit.setText("customspam")
    qtbot.waitUntil(lambda: 0 < model.rowCount() < total)  # once the typing pauses
    triage_window.filter_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == total)
    triage_window.group_combo.setCurrentIndex(triage_window.group_combo.findData("sending_ip"))
    groups = triage_window.groups
    assert triage_window.group_view.isVisible() and groups.rowCount() > 2
    key, count = groups.groups[0]
    triage_window.group_view.setCurrentIndex(groups.index(1, 0))
    assert model.rowCount() == count
    assert all(model.row_at(i)[triage.INDEX["sending_ip"]] == key
               for i in range(model.rowCount()))  # fmt: skip
    triage_window.group_view.setCurrentIndex(groups.index(0, 0))  # all messages
    assert model.rowCount() == total


def test_double_click_opens_the_message_in_the_main_window(window, triage_window, qtbot,
                                                          tmp_path) -> None:  # fmt: skip
    box = tmp_path / "inbox.mbox"
    box.write_bytes(b"From a@b Mon Jan  1 00:00:00 2024\n"
                    + (SAMPLES / "eop-spam-authfail.eml").read_bytes() + b"\n")  # fmt: skip
    run(triage_window, qtbot, [box])
    table = triage_window.table
    rect = table.visualRect(triage_window.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    report = window.current_report()
    assert report is not None and report.path == f"{box}#1" and report.error is None
    assert report.verdict.decided_by == triage_window.model.row_at(0)[triage.INDEX["decided_by"]]


def test_export_writes_the_rows_shown_as_csv(triage_window, qtbot, tmp_path) -> None:
    run(triage_window, qtbot, [SAMPLES])
    triage_window.filter_edit.setText("eop-")
    qtbot.waitUntil(lambda: triage_window.model.rowCount() < COUNT)
    target = tmp_path / "rows.csv"
    assert triage_window.export(str(target))
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert tuple(rows[0]) == triage.ALL_COLUMNS
    assert len(rows) - 1 == triage_window.model.rowCount() > 0
    message = SAMPLES / "eop-ham-pass.eml"
    before = message.read_bytes()
    triage_window.paths = [str(message)]
    assert not triage_window.export(str(message))  # never over an input
    assert message.read_bytes() == before


def test_cancel_stops_the_run_and_the_window_says_so(triage_window, qtbot) -> None:
    with qtbot.waitSignal(triage_window.finished, timeout=60_000):
        triage_window.start([str(SAMPLES)] * 40, jobs=1)
        triage_window.cancel_button.click()
    assert 0 < len(triage_window.model.rows) < 40 * COUNT
    assert "cancelled" in triage_window.summary.text()
    assert not triage_window.cancel_button.isVisible()


def test_escape_stops_a_run(triage_window, qtbot) -> None:
    from PySide6.QtTest import QTest

    triage_window.show()
    qtbot.waitExposed(triage_window)
    with qtbot.waitSignal(triage_window.finished, timeout=60_000):
        triage_window.start([str(SAMPLES)] * 40, jobs=1)
        QTest.keyClick(triage_window.table, Qt.Key.Key_Escape)
    assert 0 < len(triage_window.model.rows) < 40 * COUNT
    assert "cancelled" in triage_window.summary.text()


def test_unreadable_messages_are_rows_with_their_reason(triage_window, qtbot, tmp_path) -> None:
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "good.eml").write_bytes((SAMPLES / "eop-ham-pass.eml").read_bytes())
    run(triage_window, qtbot, [tmp_path])
    model = triage_window.model
    bad = next(i for i in range(model.rowCount()) if model.row_at(i)[1])
    assert model.index(bad, column("error")).data()
    assert model.index(bad, column("decided_by")).data() == ""  # no verdict to name
    assert "1 could not be read" in triage_window.summary.text()


def test_japanese_switch_re_renders_the_codes(triage_window, qtbot) -> None:
    run(triage_window, qtbot, [SAMPLES])
    model = triage_window.model
    custom = next(i for i in range(COUNT) if "customspam" in model.row_at(i)[0])
    texts.set_language("ja")
    assert model.index(custom, column("decided_by")).data() == "ASF オプション"
    assert model.headerData(column("decided_by"), Qt.Orientation.Horizontal) == "判定元"


def test_message_text_is_plain_in_tooltips() -> None:
    model = TriageTableModel()
    row = triage.error_row("x.eml", "<b>bold</b>", subject="<img src=x>")
    model.add_rows([row])
    tip = model.index(0, column("subject")).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip.replace("<qt>", "")
    assert short_source("/a/b/inbox.mbox#12") == "inbox.mbox#12"


def test_rows_arriving_into_a_sorted_table_take_their_place() -> None:
    model = TriageTableModel()
    model.sort(column("scl"), Qt.SortOrder.DescendingOrder)
    rows = []
    for scl in (1, 9, None, 5, -1):
        row = list(triage.error_row("x", None))
        row[1], row[triage.INDEX["scl"]] = None, scl
        rows.append(tuple(row))
    model.add_rows(rows[:2])
    model.add_rows(rows[2:])
    shown = [model.row_at(i)[triage.INDEX["scl"]] for i in range(model.rowCount())]
    assert shown == [None, 9, 5, 1, -1]  # descending: missing values first, then the rest
    many = []
    for scl in range(-1, 10):  # more than a few at once: merged with one layout change
        row = list(rows[0])
        row[triage.INDEX["scl"]] = scl
        many.append(tuple(row))
    kept = QPersistentModelIndex(model.index(2, 0))  # e.g. the selected row
    kept_row = model.row_at(2)
    model.add_rows(many)
    assert model.row_at(kept.row()) is kept_row  # still pointing at the same message
    shown = [model.row_at(i)[triage.INDEX["scl"]] for i in range(model.rowCount())]
    assert shown[0] is None and shown[1:] == sorted(shown[1:], reverse=True)
    assert len(shown) == 5 + len(many)


def test_a_mailbox_for_the_main_window_opens_in_triage(window, qtbot, tmp_path) -> None:
    from tests.ui.test_drop import drop

    names = ["eop-spam-authfail.eml", "fope-ham-bigfish.eml", "fope-spam-customspam.eml"]
    box = mbox_of(tmp_path / "Junk", [SAMPLES / n for n in names])
    single = mbox_of(tmp_path / "saved.eml", [SAMPLES / names[0]])  # a message, From line
    window.open_paths([str(box), str(single)])
    view = window.triage_window
    assert view.isVisible() and view.paths == [str(box)]
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert [view.model.row_at(i)[0] for i in range(3)] == [f"{box}#{n}" for n in (1, 2, 3)]
    assert [r.path for r in window.messages.reports()] == [str(single)]
    assert not any(f.id == "mbox-several-messages" for f in window.current_report().findings)
    named = mbox_of(tmp_path / "named.eml", [SAMPLES / n for n in names])
    window.open_paths([str(named)])  # named as a message: read as one, with what it holds
    assert window.messages.rowCount() == 2 and view.paths == [str(box)]
    note = next(f for f in window.current_report().findings if f.id == "mbox-several-messages")
    assert note.params == {"count": 3}

    view.model.clear()
    assert drop(window.message_list, [box])  # a drop goes the same way
    qtbot.waitUntil(lambda: view.model.rowCount() == 3 and not view.is_running(),
                    timeout=60_000)  # fmt: skip
    assert window.messages.rowCount() == 2  # the box is not in the message list


def test_a_folder_for_the_main_window_gives_the_messages_in_it(window, tmp_path) -> None:
    for name in ("eop-spam-authfail.eml", "fope-ham-bigfish.eml"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "deeper").mkdir()
    (tmp_path / "deeper" / "x.eml").write_bytes((SAMPLES / "fope-ham-bigfish.eml").read_bytes())
    window.open_paths([str(tmp_path)], background=False)  # as `fopegui FOLDER` does
    paths = sorted(Path(r.path).name for r in window.messages.reports())
    assert paths == ["eop-spam-authfail.eml", "fope-ham-bigfish.eml"] and not window.failures
    assert getattr(window, "triage_window", None) is None


def test_a_folder_for_the_main_window_sends_its_mailboxes_to_triage(window, qtbot,
                                                                    tmp_path) -> None:  # fmt: skip
    names = ["eop-spam-authfail.eml", "fope-ham-bigfish.eml", "fope-spam-customspam.eml"]
    box = mbox_of(tmp_path / "Junk.mbox", [SAMPLES / n for n in names])
    saved = mbox_of(tmp_path / "Saved.MBOX", [SAMPLES / names[0]])  # one message: a message
    (tmp_path / "Old.mbox").mkdir()  # Apple Mail's mailbox package: a folder, not read here
    mbox_of(tmp_path / "Old.mbox" / "mbox", [SAMPLES / n for n in names])
    (tmp_path / "a.eml").write_bytes((SAMPLES / names[1]).read_bytes())
    window.open_paths([str(tmp_path)], background=False)
    view = window.triage_window
    assert view.paths == [str(box)]
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert view.model.rowCount() == 3
    assert [r.path for r in window.messages.reports()] == [str(saved), str(tmp_path / "a.eml")]


def test_the_open_dialog_offers_mailboxes_for_triage(window, qtbot, tmp_path,
                                                     monkeypatch) -> None:  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    box = mbox_of(tmp_path / "inbox.mbox", [SAMPLES / "eop-spam-authfail.eml"] * 2)
    asked = []

    def choose(parent, caption, folder, filters):
        asked.append(filters.split(";;"))
        return [str(box)], filters.split(";;")[1]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    window.open_dialog()
    assert asked == [["Messages (*.eml *.msg *.txt)", "Mailboxes (*.mbox *.mbx *.pst *.ost)",
                      "All files (*)"]]  # fmt: skip
    view = window.triage_window
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert view.model.rowCount() == 2 and window.messages.rowCount() == 0


def test_mailboxes_join_open_recent_and_open_in_triage_again(window, qtbot, tmp_path) -> None:
    from fopegui.ui import settings as store
    from fopegui.ui.window_actions import fill_recent_menu

    names = ["eop-spam-authfail.eml", "fope-ham-bigfish.eml"]
    box = mbox_of(tmp_path / "Junk.mbx", [SAMPLES / n for n in names])
    view = window.show_triage()
    run(view, qtbot, [tmp_path, SAMPLES / names[0]])  # a folder and a message: not recent
    assert store.recent_files(window.settings) == []
    window.open_paths([str(box)])  # as a drop, `fopegui FILE` or Finder
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert store.recent_files(window.settings) == [str(box.resolve())]

    view.model.clear()
    view.paths = []
    fill_recent_menu(window)
    (action,) = window.recent_menu.actions()
    assert action.text() == str(box.resolve())
    action.trigger()
    assert view.paths == [str(box.resolve())]
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert view.model.rowCount() == 2 and window.messages.rowCount() == 0


def test_a_mailbox_from_the_main_window_is_looked_at_once(window, qtbot, tmp_path,
                                                          monkeypatch) -> None:  # fmt: skip
    from fopegui.core import containers

    box = mbox_of(tmp_path / "Junk", [SAMPLES / "eop-spam-authfail.eml"] * 2)
    looked: list[str] = []
    real = containers.mailbox_file
    monkeypatch.setattr(containers, "mailbox_file", lambda p: looked.append(p) or real(p))
    window.open_paths([str(box)])
    view = window.triage_window
    qtbot.waitUntil(lambda: not view.is_running(), timeout=60_000)
    assert looked == [str(box)]  # routed and remembered on one look (GUI thread)
    assert view.model.rowCount() == 2
