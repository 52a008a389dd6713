"""View ▸ Language switches the running window (issue 14): menus, tabs, banner, tree meanings
and status bar in the new language at once, around the same Report objects, with the
selection, tab, sort, splitters, filter and focus kept; the choice is remembered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from fopegui.ui import settings as store
from fopegui.ui import texts, window_actions
from fopegui.ui.language import apply_language, choose_language
from fopegui.ui.models import OBJECT_ROLE

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CUSTOMSPAM = "fope-spam-customspam.eml"


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """Translators are the application's: every test leaves none installed."""
    yield
    apply_language("en")


@pytest.fixture
def loaded(window, samples: Path):
    files = [samples / CUSTOMSPAM, samples / "eop-spam-authfail.eml", samples / "eop-ham-pass.eml"]
    window.open_paths([str(f) for f in files], background=False)
    return window


def switch(window, qtbot, code: str) -> None:
    """Choose ``code`` in View ▸ Language, as the admin does (the switch runs after the menu)."""
    with qtbot.waitSignal(window.languageSwitched, timeout=3000):
        window.language_actions[code].trigger()
    assert texts.language() == (code or choose_language(None, window.settings))
    assert window.language_actions[code].isChecked()


def meanings(window) -> list[str]:
    """The tree's Meaning column, every row (the filter's rows only when filtering)."""
    tab = window.headers_tab
    found = []

    def walk(parent) -> None:
        for row in range(tab.proxy.rowCount(parent)):
            index = tab.proxy.index(row, 0, parent)
            found.append(index.siblingAtColumn(2).data() or "")
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return [m for m in found if m]


def chrome(window) -> dict[str, list[str]]:
    """The texts a window shows of its own: menus (recursively), tabs, list columns, status
    bar labels, placeholder and button texts of the panes."""
    menus = []

    def walk(menu) -> None:
        for action in menu.actions():
            menus.append(action.text())
            if action.menu() is not None:
                walk(action.menu())

    for top in window.menuBar().actions():
        menus.append(top.text())
        walk(top.menu())
    model = window.messages
    return {
        "menus": menus,
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "columns": [str(model.headerData(c, _horizontal())) for c in range(model.columnCount())],
        # (the parse time differs between two analyses of the file)
        "status": [re.sub(r"\d", "#", label.text()) for label in window.status_labels.values()],
        # An elided value (the summary block) is compared whole: its cut depends on the width.
        "labels": sorted(
            w.full_text() if hasattr(w, "full_text") else w.text()
            for w in window.centralWidget().findChildren(QLabel)
        ),
        "filter": [window.headers_tab.filter_edit.placeholderText()],
        "group": [window.headers_tab.group_button.text()],
    }


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_switching_to_japanese_and_back_without_a_restart(loaded, qtbot, settings) -> None:
    window = loaded
    reports = window.messages.reports()
    window.message_list.selectRow(1)
    second = window.current_report()
    window.select_tab("received")
    window.splitter.setSizes([420, 980])
    sizes = window.splitter.sizes()
    english_meanings = meanings(window)
    english_summary = window.banner.summary.text()

    switch(window, qtbot, "ja")

    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "ファイル(&F)" and "ヘルプ(&H)" in titles and "表示(&V)" in titles
    assert window.tabs.tabText(0) == "ヘッダー"
    assert all(JAPANESE.search(window.tabs.tabText(i)) for i in (0, 1, 3))
    # The same Report objects, nothing parsed again; the same one selected, same tab, sizes.
    assert window.messages.reports() == reports
    assert all(a is b for a, b in zip(window.messages.reports(), reports, strict=True))
    assert window.current_report() is second
    assert window.tabs.currentIndex() == 1
    assert window.splitter.sizes() == sizes
    # The banner and the tree's meanings are rendered again in Japanese.
    assert JAPANESE.search(window.banner.summary.text())
    assert window.banner.summary.text() != english_summary
    japanese_meanings = meanings(window)
    assert len(japanese_meanings) == len(english_meanings)
    assert sum(bool(JAPANESE.search(m)) for m in japanese_meanings) > len(japanese_meanings) // 2
    assert JAPANESE.search(window.status_labels["kind"].text())
    dialog = window_actions.help_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "fopegui ヘルプ"
    assert ("メッセージを閉じる", "Ctrl+F4 / Ctrl+W") in window_actions.help_keys(dialog)
    assert store.language(settings) == "ja"  # remembered

    switch(window, qtbot, "en")
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.tabs.tabText(0) == "Headers"
    assert window.banner.summary.text() == english_summary
    assert meanings(window) == english_meanings
    assert window.current_report() is second
    assert store.language(settings) == "en"


def test_a_switched_window_looks_like_a_window_built_in_that_language(
    loaded, qtbot, settings, samples
) -> None:
    from fopegui.ui.main_window import MainWindow

    window = loaded
    window.message_list.selectRow(0)
    switch(window, qtbot, "ja")
    fresh = MainWindow(settings=settings)
    qtbot.addWidget(fresh)
    fresh.resize(1400, 900)
    fresh.show()
    fresh.open_paths([str(samples / CUSTOMSPAM)], background=False)
    assert chrome(window) == chrome(fresh)
    assert window.banner.summary.text() == fresh.banner.summary.text()
    assert meanings(window) == meanings(fresh)


def test_state_survives_the_switch(loaded, qtbot) -> None:
    window = loaded
    tab = window.headers_tab
    window.message_list.sortByColumn(2, _ascending())  # by subject
    window.message_list.selectRow(2)
    shown = window.current_report()
    tab.group_button.setChecked(False)
    tab.filter_edit.setText("Received")
    first = tab.proxy.index(0, 0)
    tab.tree.setCurrentIndex(first)
    header = first.data(OBJECT_ROLE)
    tab.tree.setFocus()
    window.message_bar.show_text("Could not load 1 file:\nx.eml: gone")

    switch(window, qtbot, "ja")

    tab = window.headers_tab
    assert window.current_report() is shown
    header_view = window.message_list.horizontalHeader()
    assert header_view.sortIndicatorSection() == 2
    assert tab.filter_edit.text() == "Received"
    assert not tab.group_button.isChecked() and not window.group_action.isChecked()
    assert tab.tree.currentIndex().data(OBJECT_ROLE) is header
    assert QApplication.focusWidget() is tab.tree


def test_the_failures_bar_is_said_again_in_the_new_language(window, qtbot, tmp_path) -> None:
    window.open_paths([str(tmp_path / "gone.eml")], background=False)
    assert window.message_bar.isVisible()
    switch(window, qtbot, "ja")
    assert window.message_bar.isVisible()
    assert window.message_bar.label.text().startswith("1 個のファイルを読み込めませんでした")


def test_system_follows_the_system_language(window, qtbot, settings) -> None:
    switch(window, qtbot, "ja")
    switch(window, qtbot, "")
    assert store.language(settings) == ""
    assert texts.language() == choose_language(None, settings)
    assert window.language_actions[""].isChecked()
    assert choose_language(None, settings, QLocale("ja_JP")) == "ja"


def test_open_wizard_closes_and_old_widgets_are_gone(loaded, qtbot) -> None:
    window = loaded
    window.show_kb2590562_wizard()
    wizard = window._wizards[0]
    assert wizard.isVisible()
    old_banner = window.banner
    switch(window, qtbot, "ja")
    assert not window._wizards
    qtbot.waitUntil(lambda: not _alive(wizard), timeout=3000)
    assert not _alive(old_banner)
    texts.set_language("en")  # a language change must reach no deleted widget
    texts.set_language("ja")


def test_settings_dialog_choice_switches_when_it_closes(window, qtbot, settings) -> None:
    from fopegui.ui.settings_dialog import SettingsDialog

    def choose() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SettingsDialog) and w.isVisible())  # fmt: skip
        dialog.language.setCurrentIndex(dialog.language.findData("ja"))
        dialog.accept()

    QTimer.singleShot(100, choose)
    window.show_settings_dialog()
    assert texts.language() == "ja"
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"
    assert window.language_actions["ja"].isChecked()


def test_the_settings_dialog_no_longer_asks_for_a_restart(qtbot, settings) -> None:
    from fopegui.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "restart" not in words
    assert "View ▸ Language" in words


def _ascending():
    from PySide6.QtCore import Qt

    return Qt.SortOrder.AscendingOrder


def _alive(widget: QWidget) -> bool:
    from shiboken6 import Shiboken

    return Shiboken.isValid(widget)


def test_a_switch_during_a_batch_load_keeps_loading(window, qtbot, samples, tmp_path) -> None:
    import shutil

    files = []
    for i in range(120):
        target = tmp_path / f"m{i:03}.eml"
        shutil.copyfile(samples / CUSTOMSPAM, target)
        files.append(str(target))
    window.open_paths(files)
    assert window.is_loading()
    switch(window, qtbot, "ja")
    if window.is_loading():  # the rebuilt status bar shows the progress again
        assert window.progress.isVisible() and window.cancel_button.text() == "キャンセル"
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert [r.path for r in window.messages.reports()] == files
    assert not window.progress.isVisible()


def test_choosing_the_language_shown_rebuilds_nothing(window, qtbot) -> None:
    apply_language("en")
    banner = window.banner
    switch(window, qtbot, "en")
    assert window.banner is banner  # the same widgets: nothing to translate
    switch(window, qtbot, "ja")
    assert window.banner is not banner


def test_an_open_triage_window_follows_the_switch(window, qtbot, samples: Path) -> None:
    """The triage window is a window of its own: View ▸ Language in the main window retitles
    its buttons, chart titles, group choices, summary and window title too."""
    view = window.show_triage()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        view.start([str(samples / CUSTOMSPAM)], jobs=1)
    english = [view.export_button.text(), view.group_label.text(), view.summary.text()]
    switch(window, qtbot, "ja")
    assert view.export_button.text() == "CSV にエクスポート(&E)…"
    assert view.group_label.text() == "グループ化:"
    assert view.chart_titles["remedy"].text() == "対処"
    assert view.summary.text() == "1 件のメッセージ"
    assert "一括判定" in view.windowTitle()
    assert all(JAPANESE.search(view.group_combo.itemText(i)) for i in range(3))
    assert JAPANESE.search(view.groups.headerData(0, Qt.Orientation.Horizontal))
    switch(window, qtbot, "en")
    assert [view.export_button.text(), view.group_label.text(), view.summary.text()] == english
