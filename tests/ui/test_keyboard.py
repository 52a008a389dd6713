"""The main window by keyboard (issue 14): Tab walks list → banner → tabs → tree → detail and
round again; Ctrl+Tab / Ctrl+PgDown switch tabs wherever the focus is; a standard key keeps
all its bindings (Close: Ctrl+W and Ctrl+F4); Help lists exactly the menus' keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from fopegui.ui import window_actions

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def keyboard_window(window, make_report, qtbot):
    window._begin_batch()
    window.add_reports([make_report("One", "/m/one.eml"), make_report("Two", "/m/two.eml")])
    window._end_batch()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.message_list.setFocus()
    return window


def focused():
    return QApplication.focusWidget()


def press(qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def walk(qtbot, key: Qt.Key, steps: int, modifiers=Qt.KeyboardModifier.NoModifier) -> list:
    seen = [focused()]
    for _ in range(steps):
        press(qtbot, key, modifiers)
        seen.append(focused())
    return seen


def test_tab_visits_every_area_and_comes_back_to_the_list(keyboard_window, qtbot) -> None:
    window = keyboard_window
    banner, tab = window.banner, window.headers_tab
    areas = {
        "list": window.message_list,
        "findings": banner.findings,
        "tabs": window.tabs.tabBar(),
        "filter": tab.filter_edit,
        "tree": tab.tree,
        "detail": tab.detail,
    }
    seen = walk(qtbot, Qt.Key.Key_Tab, 12)
    names = [next((n for n, w in areas.items() if w is f), None) for f in seen]
    order = [n for n in names if n is not None]
    # Each area once, in this order, then round to the list again (nothing traps Tab).
    first_round = order[: order.index("list", 1) + 1]
    assert first_round == ["list", "findings", "tabs", "filter", "tree", "detail", "list"]
    assert len(set(map(id, seen[: len(first_round) + 2]))) >= 6  # really moving
    # Shift+Tab goes back the same way.
    window.message_list.setFocus()
    back = walk(qtbot, Qt.Key.Key_Backtab, 3, SHIFT)
    assert back[1] is tab.detail and back[2] is tab.tree and back[3] is tab.group_button


def test_tab_leaves_every_table_and_text_pane(keyboard_window, qtbot) -> None:
    window = keyboard_window
    window.select_tab("received")
    window.received_tab.table.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not window.received_tab.table
    window.select_tab("raw")
    window.raw_tab.text.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not window.raw_tab.text


@pytest.mark.parametrize(
    ("start", "key", "modifiers", "step"),
    [
        ("tree", Qt.Key.Key_Tab, CTRL, 1),
        ("tree", Qt.Key.Key_Backtab, CTRL | SHIFT, -1),
        ("tree", Qt.Key.Key_PageDown, CTRL, 1),
        ("tree", Qt.Key.Key_PageUp, CTRL, -1),
        ("list", Qt.Key.Key_Tab, CTRL, 1),
        ("detail", Qt.Key.Key_Tab, CTRL, 1),
        ("filter", Qt.Key.Key_PageDown, CTRL, 1),
    ],
)
def test_ctrl_tab_switches_tabs_wherever_the_focus_is(
    keyboard_window, qtbot, start, key, modifiers, step
) -> None:
    window = keyboard_window
    tab = window.headers_tab
    widget = {"tree": tab.tree, "list": window.message_list, "detail": tab.detail,
              "filter": tab.filter_edit}[start]  # fmt: skip
    window.tabs.setCurrentIndex(0)
    widget.setFocus()
    assert focused() is widget
    press(qtbot, key, modifiers)
    assert window.tabs.currentIndex() == step % window.tabs.count()


def test_ctrl_tab_goes_round_all_tabs(keyboard_window, qtbot) -> None:
    window = keyboard_window
    window.tabs.setCurrentIndex(0)
    window.message_list.setFocus()
    visited = []
    for _ in range(window.tabs.count()):
        press(qtbot, Qt.Key.Key_Tab, CTRL)
        visited.append(window.tabs.currentIndex())
    assert visited == [1, 2, 3, 4, 0]


@pytest.mark.parametrize("key", [Qt.Key.Key_W, Qt.Key.Key_F4])
def test_ctrl_w_and_ctrl_f4_close_the_message(keyboard_window, qtbot, key) -> None:
    window = keyboard_window
    window.message_list.selectRow(0)
    window.message_list.setFocus()
    press(qtbot, key, CTRL)
    assert [r.summary["subject"] for r in window.messages.reports()] == ["Two"]


def test_standard_keys_keep_all_their_bindings(window) -> None:
    close = {s.toString() for s in window.close_action.shortcuts()}
    assert {"Ctrl+W", "Ctrl+F4"} <= close
    paste = {s.toString() for s in window.paste_action.shortcuts()}
    assert {"Ctrl+V", "Shift+Ins"} <= paste
    for action, standard in (
        (window.open_action, QKeySequence.StandardKey.Open),
        (window.find_action, QKeySequence.StandardKey.Find),
        (window.next_tab_action, QKeySequence.StandardKey.NextChild),
    ):
        assert set(QKeySequence.keyBindings(standard)) <= set(action.shortcuts())


def test_help_lists_every_key_the_menus_show(window, qtbot) -> None:
    dialog = window_actions.help_dialog(window)
    qtbot.addWidget(dialog)
    shown = dict(window_actions.help_keys(dialog))
    assert len(shown) >= 15  # Open, Close, Paste, Find, five tabs, next/previous tab, F1 …
    listed = 0
    for menu in window.menuBar().actions():
        for action in _leaf_actions(menu.menu()):
            keys = [window_actions.key_text(s) for s in action.shortcuts()
                    if window_actions.typed(s)]  # fmt: skip
            if not keys:
                assert window_actions.plain_action_text(action.text()) not in shown
                continue
            # Every key of the entry, the one the menu shows first among them.
            entry = window_actions.plain_action_text(action.text())
            assert shown[entry] == " / ".join(keys), entry
            assert window_actions.key_text(action.shortcuts()[0]) == keys[0]
            listed += len(keys)
    assert listed >= 20
    assert shown["Close message"] == "Ctrl+F4 / Ctrl+W"
    assert "Ctrl+Tab" in shown["Next tab"] and "Ctrl+Shift+Tab" in shown["Previous tab"]
    assert all("Backtab" not in keys and keys != "Help" for keys in shown.values())


def _leaf_actions(menu) -> list:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _leaf_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found


def test_menu_entries_are_shown_without_accelerator_marks() -> None:
    assert window_actions.plain_action_text("&Open…") == "Open"
    assert window_actions.plain_action_text("開く(&O)...") == "開く"
    assert window_actions.plain_action_text("Tom && Jerry") == "Tom & Jerry"


@pytest.mark.parametrize(("tab", "first"), [("received", "table"), ("raw", "text")])
def test_tab_from_the_tab_bar_enters_the_shown_tab(keyboard_window, qtbot, tab, first) -> None:
    window = keyboard_window
    window.select_tab(tab)
    window.tabs.tabBar().setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    page = {"received": window.received_tab, "raw": window.raw_tab}[tab]
    assert focused() is getattr(page, first)


def test_tab_reaches_a_tab_built_when_first_shown(keyboard_window, qtbot) -> None:
    window = keyboard_window
    window.select_tab("reputation")
    qtbot.waitUntil(lambda: window._reputation_page.built, timeout=3000)
    QApplication.processEvents()  # its place in the chain is set once it is in its tab
    window.tabs.tabBar().setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert window.reputation_tab.isAncestorOf(focused())


@pytest.mark.parametrize("key", [Qt.Key.Key_W, Qt.Key.Key_F4])
def test_ctrl_w_and_ctrl_f4_close_the_triage_window(window, qtbot, key) -> None:
    view = window.show_triage()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=3000)
    qtbot.keyClick(view, key, CTRL)
    assert not view.isVisible()
