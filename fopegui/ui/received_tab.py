"""Received tab: the hop table, the outbound edge called out, the raw header of a hop."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Report
from fopegui.ui import severity as sev
from fopegui.ui.models import ReceivedModel
from fopegui.ui.plain import shown


class ReceivedTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edge_label = QLabel()
        self.edge_label.setObjectName("outboundEdge")
        self.edge_label.setTextFormat(Qt.TextFormat.PlainText)
        self.edge_label.setWordWrap(True)
        self.edge_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ReceivedModel()
        self.table = QTableView()
        self.table.setObjectName("receivedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw.setPlaceholderText(self.tr("Select a hop to see its Received header."))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("receivedSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.raw)
        self.splitter.setSizes([520, 160])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edge_label)
        layout.addWidget(self.splitter, 1)
        self.set_report(None)

    def set_report(self, report: Report | None) -> None:
        self.model = ReceivedModel(report.received if report else [])
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.raw.clear()
        self.edge_label.setText(shown(self._edge_text(report)))
        self._size_columns()

    def _size_columns(self) -> None:
        widths = (36, 170, 170, 105, 185, 90, 110)  # order: ReceivedModel.COLUMNS
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def _edge_text(self, report: Report | None) -> str:
        if report is None:
            return ""
        if not report.received:
            return self.tr("This message has no Received headers.")
        edge = report.outbound_edge
        if edge is None:
            return self.tr(
                "No FOPE/EOP outbound edge server in this chain. Hop 1 is the oldest; "
                "rows in amber are slow hops or clock skew."
            )
        from fopegui.core.received import outbound_edge_host, outbound_edge_ip

        host = outbound_edge_host(edge) or "?"
        ip = f" [{outbound_edge_ip(edge)}]" if outbound_edge_ip(edge) else ""
        return self.tr(
            "Outbound edge server: {host}{ip} (hop {hop}). This is the host the recipient's "
            "server saw, so it is the address a blacklist would list (KB2590562)."
        ).format(host=host, ip=ip, hop=edge.hop)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.raw.setPlainText(shown(self.model.hop(current.row()).raw))
        else:
            self.raw.clear()

    def refresh_colours(self) -> None:
        self.table.viewport().update()
        self.edge_label.setStyleSheet(f"color: {sev.accent('info').name()};")
