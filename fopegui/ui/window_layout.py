"""The main window's panes: which view goes where, the keyboard's focus order, and the layout
state a rebuild carries over (a language switch builds the panes again, the reports stay).

Only the main window's modules import the views; the views never import each other.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSplitter, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel, QModelIndex

    from fopegui.core.model import Report
    from fopegui.ui.main_window import MainWindow

TAB_NAMES = ("headers", "received", "raw", "blacklist", "reputation")
translate = QCoreApplication.translate


def build_panes(window: MainWindow) -> None:
    """Message list | banner + tabs, the message bar above them: the window's central widget."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
    from PySide6.QtWidgets import QTabWidget, QVBoxLayout

    from fopegui.ui import texts
    from fopegui.ui.banner import BannerArea, DiagnosisBanner
    from fopegui.ui.header_tree import HeaderTreeTab
    from fopegui.ui.lazy_page import LazyPage
    from fopegui.ui.message_bar import MessageBar
    from fopegui.ui.message_list import MessageListView
    from fopegui.ui.models import SORT_ROLE, MessageListModel
    from fopegui.ui.raw_tab import RawTab
    from fopegui.ui.received_tab import ReceivedTab

    def blacklist_tab() -> QWidget:  # built when first shown: it loads the DNS engine
        from fopegui.ui.blacklist_tab import BlacklistTab

        QTimer.singleShot(0, lambda: keyboard_order(window))  # once it is in its tab
        return BlacklistTab(settings=window.settings, worker=window.dns_worker)

    def reputation_tab() -> QWidget:
        from fopegui.ui.reputation_view import ReputationView

        QTimer.singleShot(0, lambda: keyboard_order(window))
        return ReputationView(settings=window.settings, worker=window.dns_worker)

    window.messages = MessageListModel(window)
    # The panes re-render the core's texts themselves; the list only repaints tooltips.
    texts.service().language_changed.connect(window.messages.refresh_texts)
    window.sorted_messages = QSortFilterProxyModel(window)
    window.sorted_messages.setSourceModel(window.messages)
    window.sorted_messages.setSortRole(SORT_ROLE)
    window.message_list = MessageListView()
    window.message_list.setModel(window.sorted_messages)
    window.message_list.size_columns()
    window.message_list.filesDropped.connect(window.open_paths)
    window.message_list.textDropped.connect(window.load_text)
    window.message_list.deleteRequested.connect(window.remove_selected)
    selection = window.message_list.selectionModel()
    selection.currentRowChanged.connect(window.message_changed)
    selection.selectionChanged.connect(lambda *_: window.update_report_actions())

    window.banner = DiagnosisBanner()
    window.banner.findingSelected.connect(window.finding_selected)
    window.banner.submitRequested.connect(window.report_false_positive)
    window.headers_tab = HeaderTreeTab()
    # A header the filter hides leaves the detail pane too (the tab's own slot runs first).
    window.headers_tab.filter_edit.textChanged.connect(window.detail_follows_filter)
    window.received_tab = ReceivedTab()
    window.raw_tab = RawTab()
    window._blacklist_page = LazyPage("blacklist", blacklist_tab)
    window._reputation_page = LazyPage("reputation", reputation_tab)
    window.tabs = QTabWidget()
    window.tabs.setObjectName("tabs")
    window.tabs.setDocumentMode(True)
    for name, title, page in zip(TAB_NAMES, tab_titles(), _pages(window), strict=True):
        page.setObjectName(name)
        window.tabs.addTab(page, title)
    window.tabs.currentChanged.connect(lambda _index: order_current_page(window))

    # Banner over tabs: the banner as tall as its text (at most 40 %), the handle the admin's.
    window.reading_splitter = QSplitter(Qt.Orientation.Vertical)
    window.reading_splitter.setObjectName("readingSplitter")
    window.reading_splitter.setChildrenCollapsible(False)
    window.banner_area = BannerArea(window.banner, window.reading_splitter)
    window.reading_splitter.addWidget(window.tabs)
    window.reading_splitter.setStretchFactor(1, 1)

    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.setObjectName("mainSplitter")
    window.splitter.addWidget(window.message_list)
    window.splitter.addWidget(window.reading_splitter)
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setSizes([380, 1020])  # the reading pane gets most of a small screen

    window.message_bar = MessageBar()
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.addWidget(window.message_bar)
    layout.addWidget(window.splitter, 1)
    window.setCentralWidget(central)
    keyboard_order(window)


def _pages(window: MainWindow) -> tuple[QWidget, ...]:
    return (
        window.headers_tab,
        window.received_tab,
        window.raw_tab,
        window._blacklist_page,
        window._reputation_page,
    )


def tab_titles() -> tuple[str, ...]:
    """The tabs' titles, in the order of :data:`TAB_NAMES`."""
    return (
        translate("MainWindow", "Headers"),
        translate("MainWindow", "Received"),
        translate("MainWindow", "Raw"),
        translate("MainWindow", "Blacklist"),
        translate("MainWindow", "Reputation"),
    )


def build_status_bar(window: MainWindow) -> None:
    """The message's kind, size, hash and parse time; the progress of a batch load."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

    bar = window.statusBar()
    window.status_labels = {key: QLabel() for key in ("kind", "size", "sha256", "parse")}
    for label in window.status_labels.values():
        label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addPermanentWidget(label)
    window.progress = QProgressBar()
    window.progress.setMaximumWidth(220)
    window.progress.setFormat(translate("MainWindow", "Loading %v of %m"))
    window.cancel_button = QToolButton()
    window.cancel_button.setText(translate("MainWindow", "Cancel"))
    window.cancel_button.clicked.connect(window.cancel_loading)
    bar.addWidget(window.progress)
    bar.addWidget(window.cancel_button)
    window.progress.hide()
    window.cancel_button.hide()


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


def show_status(window: MainWindow, report: Report | None) -> None:
    labels = window.status_labels
    source = report.source if report else None
    if report is None or source is None:
        for label in labels.values():
            label.clear()
        return
    kinds = {
        "eml": translate("MainWindow", "EML file"),
        "msg": translate("MainWindow", "Outlook MSG"),
        "text": translate("MainWindow", "Pasted text"),
    }
    labels["kind"].setText(kinds.get(source.kind, source.kind))
    labels["size"].setText(human_size(source.size))
    sha = translate("MainWindow", "SHA-256 {prefix}…").format(prefix=source.sha256[:12])
    labels["sha256"].setText(sha)
    labels["sha256"].setToolTip(source.sha256)
    parsed = translate("MainWindow", "Parsed in {ms:.1f} ms").format(ms=report.parse_ms)
    labels["parse"].setText(parsed)


# -- keyboard --------------------------------------------------------------------------------


def keyboard_order(window: MainWindow) -> None:
    """Tab / Shift+Tab: message list → banner (submit button, finding chips, source link) →
    tab bar → the current tab's widgets (filter, tree, detail pane …) → round to the list.

    Tables keep arrow keys for their cells and leave Tab to the focus chain (a QTableView
    takes Tab itself by default, which trapped the keyboard in the list); read-only text
    panes pass Tab on too."""
    from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QTextEdit

    central = window.centralWidget()
    if central is None:
        return
    for view in central.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    for edit in [*central.findChildren(QTextEdit), *central.findChildren(QPlainTextEdit)]:
        if edit.isReadOnly():
            edit.setTabChangesFocus(True)
    banner = window.banner
    chain = [window.message_list, banner.submit_button, banner.findings, banner.source,
             window.tabs]  # fmt: skip  (the tab widget's focus proxy, its tab bar, takes it)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
    order_current_page(window)
    # After the last one Tab goes on round the window's chain (the message bar's and status
    # bar's buttons when shown) back to the list: the chain is a ring.


def order_current_page(window: MainWindow) -> None:
    """The shown tab's widgets right after the tab bar (done when a tab is shown: walking
    every page at start-up cost 10 ms)."""
    previous: QWidget = window.tabs
    for widget in _focusable_in(window.tabs.currentWidget()):
        QWidget.setTabOrder(previous, widget)
        previous = widget


def _focusable_in(page: QWidget) -> list[QWidget]:
    """The widgets of ``page`` that Tab can reach, in their focus-chain order (a widget's
    descendants follow it in the chain)."""
    from PySide6.QtCore import Qt

    found: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not page and page.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


# -- splitters, and what a rebuild keeps ------------------------------------------------------


def splitters(window: MainWindow) -> dict[str, QSplitter]:
    return {
        "main_splitter": window.splitter,
        "header_splitter": window.headers_tab.splitter,
        "received_splitter": window.received_tab.splitter,
    }


def restore_splitters(window: MainWindow) -> None:
    for key, splitter in splitters(window).items():
        state = window.settings.value(f"window/{key}")
        if state is not None:
            splitter.restoreState(state)


@dataclass
class PaneState:
    """What the admin sees in the panes, taken before they are rebuilt and put back after:
    the open reports (the same objects), selection, sort, tab, splitters, the header filter,
    grouping and tree row, and which pane had the keyboard focus."""

    reports: list[Report] = field(default_factory=list)
    selected_rows: list[int] = field(default_factory=list)
    current_row: int = -1
    sort: tuple[int, object] | None = None
    scroll: int = 0
    tab: int = 0
    splitters: dict[str, object] = field(default_factory=dict)
    filter_text: str = ""
    grouped: bool = True
    tree_path: list[int] = field(default_factory=list)
    focus: str | None = None

    @classmethod
    def take(cls, window: MainWindow) -> PaneState:
        list_view, proxy = window.message_list, window.sorted_messages
        selection = list_view.selectionModel()
        header = list_view.horizontalHeader()
        current = list_view.currentIndex()
        tree = window.headers_tab.tree
        return cls(
            reports=window.messages.reports(),
            selected_rows=[proxy.mapToSource(i).row() for i in selection.selectedRows()],
            current_row=proxy.mapToSource(current).row() if current.isValid() else -1,
            sort=(header.sortIndicatorSection(), header.sortIndicatorOrder()),
            scroll=list_view.verticalScrollBar().value(),
            tab=window.tabs.currentIndex(),
            splitters={k: s.saveState() for k, s in splitters(window).items()},
            filter_text=window.headers_tab.filter_edit.text(),
            grouped=window.headers_tab.group_button.isChecked(),
            tree_path=_row_path(tree.currentIndex()),
            focus=next((k for k, w in _focus_targets(window).items() if w.hasFocus()), None),
        )

    def put_back(self, window: MainWindow) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        # Lay the new panes out at their real size first: a splitter restores its sizes
        # exactly only once it has its width.
        window.centralWidget().show()
        window.layout().activate()
        window.centralWidget().layout().activate()
        window.messages.add_reports(self.reports)
        list_view, proxy = window.message_list, window.sorted_messages
        if self.sort is not None:
            list_view.sortByColumn(*self.sort)  # type: ignore[arg-type]
        window.headers_tab.set_grouped(self.grouped)
        window.headers_tab.filter_edit.setText(self.filter_text)
        if self.current_row >= 0:
            window.select_source_row(self.current_row)  # shows that report
        selection = QItemSelection()
        for row in self.selected_rows:
            index = proxy.mapFromSource(window.messages.index(row, 0))
            selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        list_view.selectionModel().select(selection, flags)
        list_view.verticalScrollBar().setValue(self.scroll)
        for key, state in self.splitters.items():
            splitters(window)[key].restoreState(state)  # type: ignore[arg-type]
        window.tabs.setCurrentIndex(self.tab)
        tree = window.headers_tab.tree
        index = _index_at(tree.model(), self.tree_path)
        if index.isValid():
            tree.setCurrentIndex(index)
            tree.scrollTo(index)
        target = _focus_targets(window).get(self.focus or "")
        if target is not None:
            target.setFocus()


def _focus_targets(window: MainWindow) -> dict[str, QWidget]:
    tab = window.headers_tab
    return {
        "list": window.message_list,
        "findings": window.banner.findings,
        "tabs": window.tabs.tabBar(),
        "filter": tab.filter_edit,
        "tree": tab.tree,
        "detail": tab.detail,
    }


def _row_path(index: QModelIndex) -> list[int]:
    path = []
    while index.isValid():
        path.insert(0, index.row())
        index = index.parent()
    return path


def _index_at(model: QAbstractItemModel, path: list[int]) -> QModelIndex:
    from PySide6.QtCore import QModelIndex

    index = QModelIndex()
    for row in path:
        index = model.index(row, 0, index)
        if not index.isValid():
            return QModelIndex()
    return index


def tear_down(window: MainWindow) -> None:
    """Delete the panes, menus and status widgets at once (a rebuild follows): nothing of
    the old ones may still answer a signal or a language change."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenuBar
    from shiboken6 import Shiboken

    for page in (window._blacklist_page, window._reputation_page):
        page.set_report(None)  # cancels a running DNS check, whose answers would come late
    central = window.takeCentralWidget()
    old_bar = window.menuBar()
    window.setMenuBar(QMenuBar())
    bar = window.statusBar()
    for widget in [*window.status_labels.values(), window.progress, window.cancel_button]:
        bar.removeWidget(widget)
        Shiboken.delete(widget)
    # The menus' actions are the window's own children (their shortcuts work without a menu).
    actions = window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
    made_with_panes = [central, old_bar, window.messages, window.sorted_messages, window.exporter]
    for obj in [*made_with_panes, *actions]:
        Shiboken.delete(obj)
