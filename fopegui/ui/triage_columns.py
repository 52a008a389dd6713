"""The triage table's columns as the user arranges them: dragged into another order, hidden
and shown again from the header's context menu, resized; the next triage window opens them
the same way. The CSV export keeps every column in the contract's order (the rows of
`fopegui-cli triage --format csv`), whatever the table shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

_KEY = "triage/columns"
_NAMES_KEY = "triage/column_names"  # the columns the saved layout was made for


class ColumnLayout(QObject):
    """Order, visibility and widths of ``view``'s columns (``names``, in the model's order),
    kept in ``settings``."""

    def __init__(self, view: QTableView, settings: QSettings, names: tuple[str, ...],
                 widths: dict[str, int]) -> None:  # fmt: skip
        super().__init__(view)
        self.view, self.settings, self.names, self.widths = view, settings, names, widths
        header = self.header
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup)
        header.sectionMoved.connect(self.save)
        self.reset(save=False)
        self._restore()

    @property
    def header(self) -> QHeaderView:
        return self.view.horizontalHeader()

    def reset(self, save: bool = True) -> None:
        """Every column shown, in the model's order, at its first width."""
        header = self.header
        for column, name in enumerate(self.names):
            header.moveSection(header.visualIndex(column), column)
            header.showSection(column)
            self.view.setColumnWidth(column, self.widths.get(name, 80))
        if save:
            self.save()

    def _restore(self) -> None:
        state = self.settings.value(_KEY)
        if state is None or self.settings.value(_NAMES_KEY) != ",".join(self.names):
            return  # nothing saved, or saved for other columns (another version)
        sort = (self.header.sortIndicatorSection(), self.header.sortIndicatorOrder())
        if not self.header.restoreState(state):
            self.reset(save=False)
        self.header.setSortIndicator(*sort)  # the layout is kept, not the last sort

    def save(self) -> None:
        self.settings.setValue(_KEY, self.header.saveState())
        self.settings.setValue(_NAMES_KEY, ",".join(self.names))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide one column; the last one shown stays."""
        if not shown and self.shown_count() <= 1:
            return
        self.header.setSectionHidden(column, not shown)
        self.save()

    def shown_count(self) -> int:
        return sum(not self.header.isSectionHidden(c) for c in range(len(self.names)))

    def menu(self) -> QMenu:
        """A check per column, in the order shown; then Show all and Reset."""
        menu = QMenu(self.view)
        model = self.view.model()
        header = self.header
        last = self.shown_count() <= 1
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            title = model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(title))
            action.setCheckable(True)
            shown = not header.isSectionHidden(column)
            action.setChecked(shown)
            action.setEnabled(not (shown and last))  # a table keeps one column
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        menu.addSeparator()
        show_all = menu.addAction(self.tr("Show all columns"))
        show_all.setEnabled(self.shown_count() < len(self.names))
        show_all.triggered.connect(self._show_all)
        menu.addAction(self.tr("Reset columns")).triggered.connect(self.reset)
        return menu

    def _show_all(self) -> None:
        for column in range(len(self.names)):
            self.header.showSection(column)
        self.save()

    def _popup(self, pos: QPoint) -> None:
        menu = self.menu()
        menu.exec(self.header.mapToGlobal(pos))
        menu.deleteLater()
