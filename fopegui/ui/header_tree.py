"""Headers tab: filter box, grouping toggle, legend, the header tree and the detail pane.

The tree's meaning column and the detail pane render the core's texts when shown; on a
language change the tab repaints them from the same Report (nothing is parsed again).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import SEVERITIES, Field, Finding, Header, Report
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.detail_pane import DetailPane
from fopegui.ui.models import OBJECT_ROLE, build_header_model, group_of, group_title, one_line

# Anti-spam headers open with their fields showing: they are why the user came.
_EXPAND_FAMILIES = ("fope", "eop")


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        size = self.fontMetrics().height()
        for severity in SEVERITIES:
            icon = QLabel()
            icon.setPixmap(sev.icon(severity).pixmap(size, size))
            layout.addWidget(icon)
            text = QLabel(sev.label(severity))
            layout.addWidget(text)
            layout.addSpacing(8)


class HeaderTreeTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None
        self._grouped = True

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("headerFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter headers and values…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.group_button = QToolButton()
        self.group_button.setCheckable(True)
        self.group_button.setChecked(True)
        self.group_button.setText(self.tr("Group by kind"))
        self.group_button.setToolTip(self.tr("Group headers by kind, or show them in file order"))
        self.group_button.toggled.connect(self.set_grouped)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.group_button)
        top.addSpacing(12)
        top.addWidget(Legend())

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.model: QStandardItemModel = build_header_model(None)
        self.proxy.setSourceModel(self.model)

        self.tree = QTreeView()
        self.tree.setObjectName("headerTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.copy_value_action = QAction(self.tr("Copy value"), self)
        self.copy_value_action.triggered.connect(self.copy_value)
        self.copy_row_action = QAction(self.tr("Copy row"), self)
        self.copy_row_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_row_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_row_action.triggered.connect(self.copy_row)
        self.tree.addAction(self.copy_row_action)

        self.detail = DetailPane()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("headerSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 200])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        texts.service().language_changed.connect(self._language_changed)

    # -- content --------------------------------------------------------------------------

    def set_report(self, report: Report | None) -> None:
        self._report = report
        self._rebuild()
        self.detail.show_hint()

    def set_grouped(self, grouped: bool) -> None:
        self._grouped = grouped
        if self.group_button.isChecked() != grouped:
            self.group_button.setChecked(grouped)
        self._rebuild()

    def refresh_colours(self) -> None:
        self._rebuild()

    def _language_changed(self, _lang: str) -> None:
        # The meaning cells render in data(): repaint them, filter again (the filter matches
        # the meanings too) and show the selected row's explanation in the new language.
        if self.filter_edit.text():
            self.proxy.invalidate()
        self.tree.viewport().update()
        self.detail.refresh()

    def _rebuild(self) -> None:
        self.model = build_header_model(self._report, grouped=self._grouped)
        self.proxy.setSourceModel(self.model)
        self._expand_defaults()
        if self.tree.header().sectionSize(0) < 100 or not self._sized:
            self.tree.setColumnWidth(0, 270)
            self.tree.setColumnWidth(1, 340)
            self._sized = True

    _sized = False

    def _expand_defaults(self) -> None:
        if self.filter_edit.text():
            self.tree.expandAll()
            return
        for row in range(self.proxy.rowCount()):
            top = self.proxy.index(row, 0)
            obj = top.data(OBJECT_ROLE)
            if isinstance(obj, str):  # a group: open it, and its anti-spam headers
                self.tree.expand(top)
                for child_row in range(self.proxy.rowCount(top)):
                    child = self.proxy.index(child_row, 0, top)
                    self._expand_if_antispam(child)
            else:
                self._expand_if_antispam(top)

    def _expand_if_antispam(self, index: QModelIndex) -> None:
        obj = index.data(OBJECT_ROLE)
        if isinstance(obj, Header) and obj.family in _EXPAND_FAMILIES and obj.fields:
            self.tree.expand(index)

    def _apply_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._expand_defaults()

    # -- selection → detail ---------------------------------------------------------------

    def _findings_for(self, header: Header) -> list[Finding]:
        if self._report is None:
            return []
        name = header.key
        return [f for f in self._report.findings if f.header and f.header.lower() == name]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        obj = current.siblingAtColumn(0).data(OBJECT_ROLE)
        if isinstance(obj, Header):
            self.detail.show_header(obj, self._findings_for(obj))
        elif isinstance(obj, Field):
            parent = current.parent().siblingAtColumn(0).data(OBJECT_ROLE)
            self.detail.show_field(obj, parent if isinstance(parent, Header) else None)
        elif isinstance(obj, str) and self._report is not None:
            headers = [h for h in self._report.headers if group_of(h) == obj]
            self.detail.show_group(group_title(obj), headers)
        else:
            self.detail.show_hint()

    def select_header(self, name: str) -> bool:
        """Select the first header called ``name`` (case-insensitive); False if none."""
        wanted = name.lower()
        matches = self.proxy.match(
            self.proxy.index(0, 0),
            Qt.ItemDataRole.DisplayRole,
            name,
            1,
            Qt.MatchFlag.MatchFixedString | Qt.MatchFlag.MatchRecursive,
        )
        for index in matches:
            obj = index.data(OBJECT_ROLE)
            if isinstance(obj, Header) and obj.key == wanted:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    # -- copy -----------------------------------------------------------------------------

    def _row_texts(self) -> list[str]:
        current = self.tree.currentIndex()
        if not current.isValid():
            return []
        return [
            current.siblingAtColumn(c).data(Qt.ItemDataRole.DisplayRole) or ""
            for c in range(self.proxy.columnCount())
        ]

    def copy_value(self) -> None:
        current = self.tree.currentIndex()
        obj = current.siblingAtColumn(0).data(OBJECT_ROLE)
        if isinstance(obj, Header | Field):
            QGuiApplication.clipboard().setText(obj.value)
        elif current.isValid():
            QGuiApplication.clipboard().setText(self._row_texts()[1])

    def copy_row(self) -> None:
        texts = [t for t in self._row_texts() if t]
        if texts:
            QGuiApplication.clipboard().setText("\t".join(one_line(t) for t in texts))

    def _context_menu(self, pos: QPoint) -> None:
        if not self.tree.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.copy_value_action)
        menu.addAction(self.copy_row_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
