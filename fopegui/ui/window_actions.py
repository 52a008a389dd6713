"""The main window's menus and actions; Help, whose list of keys is made from those actions (so
menus and Help cannot disagree); the File menu's recent files and attached messages.

A standard key keeps every binding the platform gives it (Close: Ctrl+W and Ctrl+F4 on
Linux and Windows), not only the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from fopegui.ui import settings as store

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QDialog, QMenu

    from fopegui.core.model import Report
    from fopegui.ui.main_window import MainWindow

    Keys = str | QKeySequence.StandardKey

translate = QCoreApplication.translate
# Languages offered in View ▸ Language, each named in its own language; "" = the system's.
LANGUAGE_NAMES = (("en", "English"), ("ja", "日本語"))


def add_action(
    window: MainWindow,
    text: str,
    slot: Callable[..., object],
    keys: Keys | Sequence[Keys] = (),
    menu: QMenu | None = None,
) -> QAction:
    """An action of the window (its shortcuts work while the menu bar is hidden) with every
    binding of ``keys`` (standard keys and/or portable strings such as "Ctrl+Shift+O")."""
    from PySide6.QtGui import QAction

    action = QAction(text, window)
    action.setShortcuts(key_sequences(keys))
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


def key_sequences(keys: Keys | Sequence[Keys]) -> list[QKeySequence]:
    """Every binding of ``keys``, in order, each once."""
    from PySide6.QtGui import QKeySequence

    items = [keys] if isinstance(keys, str | QKeySequence.StandardKey) else list(keys)
    found: list[QKeySequence] = []
    for item in items:
        if isinstance(item, QKeySequence.StandardKey):
            found += QKeySequence.keyBindings(item)
        else:
            found.append(QKeySequence(item))
    unique: list[QKeySequence] = []
    for sequence in found:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def build_menus(window: MainWindow) -> None:
    """File, Edit, View, Tools, Help, in the menu bar; the window keeps the actions others use."""
    from PySide6.QtGui import QKeySequence

    key = QKeySequence.StandardKey
    bar = window.menuBar()

    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    window.open_action = add_action(
        window, translate("MainWindow", "&Open…"), window.open_dialog, key.Open, file_menu
    )
    window.triage_action = add_action(
        window, translate("MainWindow", "Open folder / &mailbox…"), window.show_triage,
        "Ctrl+Shift+O", file_menu,
    )  # fmt: skip
    window.paste_dialog_action = add_action(
        window, translate("MainWindow", "Paste &headers…"), window.paste_dialog, "Ctrl+Shift+V",
        file_menu,
    )  # fmt: skip
    window.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &recent"))
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    # Messages attached inside an Outlook .msg (forwarded as attachment) open in turn.
    window.attached_menu = file_menu.addMenu(translate("MainWindow", "Open &attached message"))
    window.attached_menu.aboutToShow.connect(lambda: fill_attached_menu(window))
    window.attached_menu.setEnabled(False)
    file_menu.addSeparator()
    window.close_action = add_action(
        window, translate("MainWindow", "&Close message"), window.remove_selected, key.Close,
        file_menu,
    )  # fmt: skip
    file_menu.addSeparator()
    from fopegui.ui.export import ReportExporter

    window.exporter = ReportExporter(window, window.selected_reports, window.settings)
    for action in (window.exporter.export_action, window.exporter.print_action,
                   window.exporter.preview_action):  # fmt: skip
        file_menu.addAction(action)
    file_menu.addSeparator()
    quit_keys = (key.Quit, "Ctrl+Q")  # Quit has no binding on Linux and Windows
    add_action(window, translate("MainWindow", "&Quit"), window.close, quit_keys, file_menu)

    edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    window.paste_action = add_action(
        window, translate("MainWindow", "&Paste"), window.paste_clipboard, key.Paste, edit_menu
    )
    headers = window.headers_tab
    headers.copy_row_action.setShortcuts(key.Copy)  # all of Copy's bindings, as everywhere
    edit_menu.addAction(headers.copy_value_action)
    edit_menu.addAction(headers.copy_row_action)
    edit_menu.addSeparator()
    window.find_action = add_action(
        window, translate("MainWindow", "&Find…"), window.find, key.Find, edit_menu
    )
    edit_menu.addSeparator()
    window.remove_action = _remove_action(window)
    edit_menu.addAction(window.remove_action)

    _build_view_menu(window, bar.addMenu(translate("MainWindow", "&View")))

    window.tools_menu = bar.addMenu(translate("MainWindow", "&Tools"))
    window.kb2590562_action = add_action(
        window, translate("MainWindow", "NDR from a &blacklist…"), window.show_kb2590562_wizard,
        menu=window.tools_menu,
    )  # fmt: skip
    window.tools_menu.addSeparator()
    window.settings_action = add_action(
        window, translate("MainWindow", "&Settings…"), window.show_settings_dialog,
        menu=window.tools_menu,
    )  # fmt: skip
    window.tools_menu.addSeparator()
    window.submit_action = add_action(
        window, translate("MainWindow", "Report a &false positive…"), window.report_false_positive,
        menu=window.tools_menu,
    )  # fmt: skip

    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    add_action(
        window, translate("MainWindow", "fopegui &help"), window.show_help,
        key.HelpContents, help_menu,
    )  # fmt: skip
    add_action(window, translate("MainWindow", "&About fopegui"), lambda: show_about(window), (),
               help_menu)  # fmt: skip


def _remove_action(window: MainWindow) -> QAction:
    """Edit ▸ Remove from list: Delete in the message list (the list handles the key, so the
    key never reaches a text field's Delete)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction(translate("MainWindow", "&Remove from list"), window)
    action.setShortcuts(QKeySequence.StandardKey.Delete)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(window.remove_selected)
    return action


def _build_view_menu(window: MainWindow, menu: QMenu) -> None:
    from PySide6.QtGui import QAction, QActionGroup, QKeySequence

    window.group_action = QAction(translate("MainWindow", "&Group headers by kind"), window)
    window.group_action.setCheckable(True)
    window.group_action.setChecked(window.headers_tab.group_button.isChecked())
    window.group_action.toggled.connect(window.headers_tab.set_grouped)
    window.headers_tab.group_button.toggled.connect(window.group_action.setChecked)
    menu.addAction(window.group_action)
    menu.addSeparator()
    tabs = window.tabs
    for index in range(tabs.count()):
        add_action(window, tabs.tabText(index), lambda i=index: tabs.setCurrentIndex(i),
                   f"Ctrl+{index + 1}", menu)  # fmt: skip
    # Ctrl+Tab and Ctrl+PgDown wherever the focus is (a tree or a table would keep them).
    key = QKeySequence.StandardKey
    window.next_tab_action = add_action(
        window, translate("MainWindow", "&Next tab"), lambda: step_tab(window, 1),
        ("Ctrl+PgDown", key.NextChild), menu,
    )  # fmt: skip
    window.previous_tab_action = add_action(
        window, translate("MainWindow", "Pre&vious tab"), lambda: step_tab(window, -1),
        ("Ctrl+PgUp", key.PreviousChild), menu,
    )  # fmt: skip
    menu.addSeparator()
    languages = menu.addMenu(translate("MainWindow", "&Language"))
    group = QActionGroup(languages)
    chosen = store.language(window.settings)
    window.language_actions = {}
    names = (*LANGUAGE_NAMES, ("", translate("MainWindow", "System")))
    for code, name in names:
        action = QAction(name, window)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.triggered.connect(lambda _=False, c=code: window.choose_language(c))
        group.addAction(action)
        languages.addAction(action)
        window.language_actions[code] = action


def step_tab(window: MainWindow, step: int) -> None:
    tabs = window.tabs
    tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())


# -- Help ---------------------------------------------------------------------------------------


def plain_action_text(text: str) -> str:
    """A menu entry as a reader sees it: no accelerator marks (``&Open…``, ``開く(&O)…``)."""
    text = re.sub(r"\(&[^&\s]\)", "", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&&" stays one "&"
    return text.rstrip(".…").strip()


def typed(sequence: QKeySequence) -> bool:
    """A combination typed on an ordinary keyboard (not a dedicated Open, Copy or Help key)."""
    from PySide6.QtCore import Qt

    key = sequence[0].key()
    return key != Qt.Key.Key_Help and key.value < Qt.Key.Key_Back.value


def key_text(sequence: QKeySequence) -> str:
    """How a key is written for the reader (Qt calls Shift+Tab "Shift+Backtab")."""
    from PySide6.QtGui import QKeySequence

    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return text.replace("Shift+Backtab", "Shift+Tab")


def menu_shortcuts(window: MainWindow) -> list[tuple[str, list[str]]]:
    """(entry, its keys) of every menu entry that has keys, in menu order."""
    found: list[tuple[str, list[str]]] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
                continue
            keys = [key_text(s) for s in action.shortcuts() if typed(s)]
            if keys:
                found.append((plain_action_text(action.text()), keys))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


def help_intro() -> str:
    return translate(
        "MainWindow",
        "Drop .eml or .msg files (or a folder) on the message list, use File ▸ Open, "
        "or paste header text with Ctrl+V.\n\n"
        "The banner says whether the filter treated the message as spam and which "
        "method of KB2669119 applies:\n"
        "  1 — an Advanced Spam Filtering option fired (X-CustomSpam): turn it off;\n"
        "  2 — content filtering: submit the message as a false positive;\n"
        "  3 — a policy rule or a block list: adjust the rule.\n\n"
        "Headers: every header, decoded fields coloured by severity; select a row for its "
        "explanation. Received: the route, slow hops, clock skew and the outbound edge "
        "server (KB2590562). Raw: the original header text (Ctrl+F to find). Blacklist: "
        "check the outbound or sending server against DNS blacklists. Reputation: check "
        "the sending server's reverse DNS, HELO and blacklists now.\n\n"
        "Tools ▸ NDR from a blacklist… walks through KB2590562; Tools ▸ Report a false "
        "positive… prepares the submission of KB2669119 Method 2.\n\n"
        "Tab and Shift+Tab move between the message list, the banner, the tabs, the header "
        "tree and the detail pane.",
    )


def help_dialog(window: MainWindow) -> QDialog:
    """Help ▸ fopegui help: what the panes say, and a table of every menu entry's keys (made
    from the menus themselves). Sized to fit a small screen; the table scrolls."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QDialog,
        QDialogButtonBox,
        QHeaderView,
        QLabel,
        QTableWidget,
        QTableWidgetItem,
        QVBoxLayout,
    )

    dialog = QDialog(window)
    dialog.setObjectName("helpDialog")
    dialog.setWindowTitle(translate("MainWindow", "fopegui help"))
    intro = QLabel(help_intro())
    intro.setTextFormat(Qt.TextFormat.PlainText)
    intro.setWordWrap(True)
    entries = menu_shortcuts(window)
    table = QTableWidget(len(entries), 2)
    table.setObjectName("helpKeys")
    table.setHorizontalHeaderLabels([translate("MainWindow", "Menu entry"),
                                     translate("MainWindow", "Keys")])  # fmt: skip
    for row, (entry, keys) in enumerate(entries):
        table.setItem(row, 0, QTableWidgetItem(entry))
        table.setItem(row, 1, QTableWidgetItem(" / ".join(keys)))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(QLabel(translate("MainWindow", "Keys:")))
    layout.addWidget(table, 1)
    layout.addWidget(buttons)
    screen = window.screen().availableGeometry()
    dialog.resize(min(760, screen.width() - 40), min(720, screen.height() - 40))
    return dialog


def help_keys(dialog: QDialog) -> list[tuple[str, str]]:
    """(entry, keys) as the Help dialog's table shows them."""
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget, "helpKeys")
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def show_help(window: MainWindow) -> None:
    dialog = help_dialog(window)
    dialog.exec()
    dialog.deleteLater()


def show_about(window: MainWindow) -> None:
    from fopegui.ui.about_dialog import AboutDialog

    dialog = AboutDialog(window)
    dialog.exec()
    dialog.deleteLater()


# -- File ▸ Open recent, Open attached message ----------------------------------------------------


def attached_messages(report: Report | None) -> list[tuple[str | None, str]]:
    """(name, path to open) of the messages inside this one that can be analysed in turn:
    messages attached inside a .msg, and the original a bounce carries back."""
    from fopegui.core.model import RETURNED_ORIGINAL  # not at start-up: only with a message

    if report is None or report.source is None or not report.source.path:
        return []
    path = report.source.path
    if report.ndr is not None and report.ndr.original:
        return [(None, f"{path}{RETURNED_ORIGINAL}")]
    if report.source.kind != "msg":
        return []
    return [
        (a.name or f"#{a.index + 1}", f"{path}#attachment-{a.index}")
        for a in report.source.attachments
        if a.is_message
    ]


def fill_recent_menu(window: MainWindow) -> None:
    """The recent files that still exist, each once (the list forgets the others)."""
    from fopegui.ui.plain import one_line

    menu = window.recent_menu
    menu.clear()
    files = store.recent_files(window.settings)
    if not files:
        menu.addAction(translate("MainWindow", "(none)")).setEnabled(False)
        return
    for path in files:
        action = menu.addAction(one_line(path).replace("&", "&&"))
        action.triggered.connect(lambda _=False, p=path: window.open_paths([p]))


def fill_attached_menu(window: MainWindow) -> None:
    from fopegui.ui.plain import one_line

    menu = window.attached_menu
    menu.clear()
    for name, target in attached_messages(window.current_report()):
        label = one_line(name) or translate("MainWindow", "Original message returned by the bounce")
        action = menu.addAction(label.replace("&", "&&"))
        action.triggered.connect(lambda _=False, t=target: window.open_paths([t]))
