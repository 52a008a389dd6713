"""Received tab: the hop table (times in one zone, a delay bar per hop, the outbound edge
called out), the total delivery time, and the raw header of the selected hop.

The hop states, the total and the normalised times are the core's (``core.received``); the
tab words and draws them. Every column stays in view at any width (ui/columns.py): long host
names are cut with "…" and show whole in a tooltip and in the raw header below.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Report
from fopegui.core.received import (
    SKEW,
    hop_state,
    outbound_edge_host,
    outbound_edge_ip,
    total_delivery_s,
)
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.columns import READABLE_WIDTH, Column, ColumnFitter
from fopegui.ui.delegates import DelayBarDelegate, FullTextDelegate
from fopegui.ui.plain import shown
from fopegui.ui.received_model import (
    LOCAL_ZONE,
    UTC_ZONE,
    ReceivedModel,
    format_delay,
    zone_label,
)

# In ReceivedModel.COLUMNS order: hop, from, by, ip, time, delay, edge, with (the last one
# stretches). Names shrink first; the delay keeps room for its bar beside the text.
_COLUMNS = [
    Column(minimum=28, shrinks=False),
    Column(minimum=80, share=0.24),
    Column(minimum=80, share=0.24),
    Column(minimum=64, share=0.16),
    Column(minimum=60, shrinks=False),
    Column(minimum=80, share=0.22, extra=60),
    Column(minimum=60, shrinks=False),
    Column(minimum=60),
]


def joined(sentences: list[str]) -> str:
    """Sentences one after the other: a space after ".", none after a Japanese "。"."""
    out = ""
    for sentence in sentences:
        out += sentence if not out or out.endswith("。") else " " + sentence
    return out


class ReceivedTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(READABLE_WIDTH)
        self._report: Report | None = None
        self.edge_label = QLabel()
        self.edge_label.setObjectName("outboundEdge")
        self.edge_label.setTextFormat(Qt.TextFormat.PlainText)
        self.edge_label.setWordWrap(True)
        self.edge_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.total_label = QLabel()
        self.total_label.setObjectName("deliveryTime")
        self.total_label.setTextFormat(Qt.TextFormat.PlainText)
        self.total_label.setWordWrap(True)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("timeZone")
        self.zone_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill_zones()
        timing = QHBoxLayout()
        timing.setContentsMargins(0, 0, 0, 0)
        timing.addWidget(self.total_label, 1)
        timing.addWidget(self.zone_combo, 0, Qt.AlignmentFlag.AlignTop)

        self.model = ReceivedModel()
        self.table = QTableView()
        self.table.setObjectName("receivedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegate(FullTextDelegate(self.table))
        self.delay_bars = DelayBarDelegate(self.table)
        self.table.setItemDelegateForColumn(ReceivedModel.COLUMNS.index("delay"), self.delay_bars)
        self.columns = ColumnFitter(self.table, _COLUMNS)

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
        layout.addLayout(timing)
        layout.addWidget(self.splitter, 1)
        # Tab reaches the hops first, then their raw text, then the zone choice above them.
        QWidget.setTabOrder(self.raw, self.zone_combo)
        self.set_report(None)
        texts.service().language_changed.connect(self._language_changed)

    def _fill_zones(self) -> None:
        current = self.zone_combo.currentData() or UTC_ZONE
        self.zone_combo.blockSignals(True)
        self.zone_combo.clear()
        self.zone_combo.addItem(self.tr("Times in UTC"), UTC_ZONE)
        self.zone_combo.addItem(self.tr("Times in local time"), LOCAL_ZONE)
        self.zone_combo.setToolTip(
            self.tr("Every hop's time in one zone, whatever zone each server wrote it in")
        )
        self.zone_combo.setCurrentIndex(max(self.zone_combo.findData(current), 0))
        self.zone_combo.blockSignals(False)

    def zone(self) -> str:
        return self.zone_combo.currentData() or UTC_ZONE

    def set_zone(self, zone: str) -> None:
        self.zone_combo.setCurrentIndex(max(self.zone_combo.findData(zone), 0))

    def set_report(self, report: Report | None) -> None:
        self._report = report
        self._fill()
        self.columns.reset()

    def _fill(self) -> None:
        report = self._report
        row = self.table.currentIndex().row()
        self.model = ReceivedModel(report.received if report else [], zone=self.zone())
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.raw.clear()
        self.edge_label.setText(shown(self._edge_text(report)))
        self.total_label.setText(self._total_text(report))
        self.total_label.setVisible(bool(self.total_label.text()))
        self.zone_combo.setVisible(bool(report and report.received))
        if 0 <= row < self.model.rowCount():  # the same hop, in the other zone
            self.table.selectRow(row)
        self.columns.later()

    def _total_text(self, report: Report | None) -> str:
        if report is None or not report.received:
            return ""
        hops = report.received
        total = total_delivery_s(hops)
        if total is None:
            return self.tr("The hops' times do not give a delivery time.")
        timed = [h.hop for h in hops if h.time]
        text = self.tr("Total delivery time: {total} (hop {first} to hop {last}).").format(
            total=format_delay(total), first=timed[0], last=timed[-1]
        )
        sentences = [text]
        if self.model.day:
            sentences.append(
                self.tr("All hops on {day} ({zone}).").format(
                    day=self.model.day, zone=zone_label(self.model.zone)
                )
            )
        if any(hop_state(h) == SKEW for h in hops):
            sentences.append(
                self.tr("Some servers' clocks disagree (hatched bars), so this is approximate.")
            )
        return joined(sentences)

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

    def _language_changed(self, _lang: str) -> None:
        self._fill_zones()
        self._fill()

    def refresh_colours(self) -> None:
        self.table.viewport().update()
        self.edge_label.setStyleSheet(f"color: {sev.accent('info').name()};")
