"""Read-only result tables, set up alike in the Blacklist tab, the wizard and Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def setup_readonly_table(table: QTableWidget, widths: tuple[int, ...] = ()) -> None:
    """Whole-row selection, no editing, no row numbers, one line a row, resizable columns
    (the last one stretches); ``widths`` are the first columns' starting widths."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
