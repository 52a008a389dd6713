"""Headers tab: the summary block, filter box, grouping toggle, legend, the header tree and
the detail pane (with its documentation link).

The tree's meaning column and the detail pane render the core's texts when shown; on a
language change the tab repaints them from the same Report (nothing is parsed again).
Readable at any size: the columns fit their content inside the tree (ui/columns.py) so the
Meaning column always starts in view, cut-off cells show their whole text as a tooltip, the
filter keeps its hint readable and the legend folds to icons when the row is narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fopegui.core import outlook_props
from fopegui.core.model import SEVERITIES, Field, Finding, Header, Report
from fopegui.core.outlook_props import OutlookProperty
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.columns import READABLE_WIDTH, Column, ColumnFitter
from fopegui.ui.delegates import FullTextDelegate
from fopegui.ui.detail_pane import DetailPane
from fopegui.ui.models import (
    FOLDED_GROUPS,
    OBJECT_ROLE,
    build_header_model,
    group_of,
    group_title,
    one_line,
)
from fopegui.ui.plain import plain_tooltip
from fopegui.ui.summary_block import SummaryBlock

# Anti-spam headers open with their fields showing: they are why the user came.
_EXPAND_FAMILIES = ("fope", "eop")
# Header / field, Value, Meaning: the first two fit their content within a share of the
# tree; Meaning takes the rest and keeps at least its minimum in view.
_COLUMNS = [Column(minimum=120, share=0.33), Column(minimum=100, share=0.3), Column(160)]


class Legend(QWidget):
    """The severity icons with their names; only the icons (names in tooltips) when the row
    has no room for the names."""

    _GAP = 4
    _SPACING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _icon_size(self) -> int:
        return self.fontMetrics().height()

    def _items(self, with_names: bool) -> list[tuple[str, QRect, QRect]]:
        """(severity, icon rect, name rect) laid out left to right."""
        size, metrics, x = self._icon_size(), self.fontMetrics(), 0
        top = (self.height() - size) // 2
        items = []
        for severity in SEVERITIES:
            icon = QRect(x, top, size, size)
            x += size
            name = QRect(x + self._GAP, 0, 0, self.height())
            if with_names:
                name.setWidth(metrics.horizontalAdvance(sev.label(severity)))
                x = name.right() + 1
            items.append((severity, icon, name))
            x += self._SPACING
        return items

    def _width(self, with_names: bool) -> int:
        return self._items(with_names)[-1][2].right() + 1

    def sizeHint(self) -> QSize:
        return QSize(self._width(True), self._icon_size() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(False), self._icon_size() + 4)

    def compact(self) -> bool:
        """Whether only the icons show (the names are in the icons' tooltips)."""
        return self.width() < self._width(True)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        names = not self.compact()
        for severity, icon, name in self._items(names):
            sev.icon(severity).paint(painter, icon)
            if names:
                painter.drawText(name, Qt.AlignmentFlag.AlignVCenter, sev.label(severity))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for severity, icon, name in self._items(not self.compact()):
                if icon.united(name).contains(event.pos()):
                    QToolTip.showText(event.globalPos(), plain_tooltip(sev.label(severity)), self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class HeaderTreeTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(READABLE_WIDTH)
        self._report: Report | None = None
        self._grouped = True

        self.summary = SummaryBlock()

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("headerFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self._set_filter_hint()

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
        self.legend = Legend()
        top.addWidget(self.legend)

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
        self.tree.setItemDelegate(FullTextDelegate(self.tree))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.columns = ColumnFitter(self.tree, _COLUMNS)
        self.tree.expanded.connect(lambda _index: self.columns.later())
        self.tree.collapsed.connect(lambda _index: self.columns.later())

        self.copy_value_action = QAction(self.tr("Copy value"), self)
        self.copy_value_action.triggered.connect(self.copy_value)
        self.copy_row_action = QAction(self.tr("Copy row"), self)
        self.copy_row_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_row_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_row_action.triggered.connect(self.copy_row)
        self.tree.addAction(self.copy_row_action)

        self.detail = DetailPane()
        # Two lines at least: in a short window the tree keeps the room (drag to see more).
        self.detail.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(2)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.detail.doc_link)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("headerSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 200])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        texts.service().language_changed.connect(self._language_changed)

    # -- content --------------------------------------------------------------------------

    def _set_filter_hint(self) -> None:
        """The hint, and a minimum width that shows all of it (clear button included)."""
        hint = self.tr("Filter headers and values…")
        self.filter_edit.setPlaceholderText(hint)
        metrics = self.filter_edit.fontMetrics()
        self.filter_edit.setMinimumWidth(
            metrics.horizontalAdvance(hint) + metrics.height() + 24
        )

    def set_report(self, report: Report | None) -> None:
        self._report = report
        self.summary.set_report(report)
        self._rebuild()
        self.columns.reset()
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
        self.summary.retranslate()
        self._set_filter_hint()
        self.legend.update()

    def _rebuild(self) -> None:
        self.model = build_header_model(self._report, grouped=self._grouped)
        self.proxy.setSourceModel(self.model)
        self._expand_defaults()
        self.columns.later()

    def _expand_defaults(self) -> None:
        if self.filter_edit.text():
            self.tree.expandAll()
            return
        for row in range(self.proxy.rowCount()):
            top = self.proxy.index(row, 0)
            obj = top.data(OBJECT_ROLE)
            if isinstance(obj, str):  # a group: open it, and its anti-spam headers
                if obj in FOLDED_GROUPS:
                    continue
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
        elif isinstance(obj, OutlookProperty):
            self.detail.show_property(obj)
        elif obj == "outlook" and self._report is not None:
            rows = outlook_props.outlook_properties(self._report.source)
            self.detail.show_properties(group_title(obj), rows)
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
        elif isinstance(obj, OutlookProperty):
            QGuiApplication.clipboard().setText(obj.value or "")
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
