"""The triage table's columns: hidden and shown from the header's menu, moved, resized, and
opened the same way by the next triage window; the CSV keeps every column."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QSettings

from fopegui.core import triage
from fopegui.ui import texts
from fopegui.ui.triage_model import SHOWN
from fopegui.ui.triage_view import TriageWindow

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def new_window(qtbot, settings: QSettings) -> TriageWindow:
    view = TriageWindow(settings=settings)
    qtbot.addWidget(view)
    return view


def checks(view: TriageWindow) -> dict[str, tuple[bool, bool]]:
    """Column title → (checked, enabled) of the header menu's column entries."""
    actions = [a for a in view.columns.menu().actions() if a.isCheckable()]
    return {a.text(): (a.isChecked(), a.isEnabled()) for a in actions}


def test_a_column_hidden_moved_or_resized_stays_so(qtbot, settings) -> None:
    view = new_window(qtbot, settings)
    titles = [view.model.headerData(c, view.table.horizontalHeader().orientation())
              for c in range(len(SHOWN))]  # fmt: skip
    assert list(checks(view)) == titles and all(v == (True, True) for v in checks(view).values())
    subject, error = SHOWN.index("subject"), SHOWN.index("error")
    menu = view.columns.menu()
    next(a for a in menu.actions() if a.text() == titles[subject]).toggle()
    assert view.table.isColumnHidden(subject)
    view.table.horizontalHeader().moveSection(error, 0)  # dragged to the front
    view.table.setColumnWidth(SHOWN.index("from"), 333)
    view.close()

    again = new_window(qtbot, settings)
    header = again.table.horizontalHeader()
    assert again.table.isColumnHidden(subject)
    assert header.logicalIndex(0) == error
    assert again.table.columnWidth(SHOWN.index("from")) == 333
    assert checks(again)[titles[subject]] == (False, True)
    assert header.sortIndicatorSection() == -1  # the layout is kept, not a sort


def test_the_last_column_shown_cannot_be_hidden(qtbot, settings) -> None:
    view = new_window(qtbot, settings)
    for column in range(1, len(SHOWN)):
        view.columns.set_shown(column, False)
    assert view.columns.shown_count() == 1
    title = view.model.headerData(0, view.table.horizontalHeader().orientation())
    assert checks(view)[title] == (True, False)
    view.columns.set_shown(0, False)
    assert not view.table.isColumnHidden(0)
    show_all = next(a for a in view.columns.menu().actions() if a.text() == "Show all columns")
    show_all.trigger()
    assert view.columns.shown_count() == len(SHOWN)


def test_reset_brings_back_the_first_layout(qtbot, settings) -> None:
    view = new_window(qtbot, settings)
    header = view.table.horizontalHeader()
    first = [view.table.columnWidth(c) for c in range(len(SHOWN))]
    view.columns.set_shown(SHOWN.index("scl"), False)
    header.moveSection(SHOWN.index("date"), 1)
    view.table.setColumnWidth(0, 20)
    next(a for a in view.columns.menu().actions() if a.text() == "Reset columns").trigger()
    assert [header.logicalIndex(v) for v in range(len(SHOWN))] == list(range(len(SHOWN)))
    assert view.columns.shown_count() == len(SHOWN)
    assert [view.table.columnWidth(c) for c in range(len(SHOWN))] == first
    assert new_window(qtbot, settings).columns.shown_count() == len(SHOWN)  # saved so


def test_a_layout_saved_for_other_columns_is_not_applied(qtbot, settings) -> None:
    view = new_window(qtbot, settings)
    view.columns.set_shown(SHOWN.index("country"), False)
    view.close()
    settings.setValue("triage/column_names", "source,decided_by")  # an older version's
    assert new_window(qtbot, settings).columns.shown_count() == len(SHOWN)


def test_hidden_columns_still_go_to_the_csv(qtbot, settings, tmp_path) -> None:
    view = new_window(qtbot, settings)
    for name in ("subject", "from", "scl"):
        view.columns.set_shown(SHOWN.index(name), False)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        view.start([str(SAMPLES / "eop-spam-authfail.eml")], jobs=1)
    out = tmp_path / "rows.csv"
    assert view.export(str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(triage.ALL_COLUMNS)


def test_the_menu_follows_the_language(qtbot, settings) -> None:
    from fopegui.ui.language import apply_language

    view = new_window(qtbot, settings)
    english = list(checks(view))
    apply_language("ja")
    try:
        japanese = list(checks(view))
        words = [a.text() for a in view.columns.menu().actions() if not a.isCheckable()]
    finally:
        apply_language("en")
    assert japanese != english and len(japanese) == len(SHOWN)
    assert japanese[0] == texts.catalogue_text("triage", "columns", SHOWN[0], lang="ja")
    assert [w for w in words if w] == ["すべての列を表示", "列を元に戻す"]
