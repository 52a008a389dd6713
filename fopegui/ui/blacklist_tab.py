"""Blacklist tab (object name ``blacklist``): the addresses a DNSBL check would look up.

The live DNS checks (KB2590562) come with the DNSBL issue; until then this page shows the
target facts the core already found, each with where it came from, and says plainly that
nothing has been queried.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Report
from fopegui.ui import severity as sev

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class Target:
    role: str  # translated: what this address is
    host: str | None
    ip: str | None
    origin: str  # translated: which header or hop it was read from


def _origin_of_hop(hop: int, ip: str | None) -> str:
    origin = translate("Blacklist", "Received header, hop {hop}").format(hop=hop)
    if ip and _is_private(ip):
        # A relay's inside address: no public blacklist lists it, so say it is not the target.
        origin += translate("Blacklist", " (private address: not what other servers saw)")
    return origin


def _is_private(ip: str) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return address.is_private or address.is_loopback


def blacklist_targets(report: Report | None) -> list[Target]:
    """The hosts and IPs a blacklist check of this message is about, with their provenance."""
    if report is None:
        return []
    targets: list[Target] = []
    edge = report.outbound_edge
    if edge is not None:
        targets.append(
            Target(
                translate("Blacklist", "Outbound edge server"),
                edge.from_host,
                edge.ip,
                _origin_of_hop(edge.hop, edge.ip),
            )
        )
    cip = report.eop.get("cip") if report.eop else None
    if cip:
        targets.append(
            Target(
                translate("Blacklist", "Connecting IP of the sender"),
                report.eop.get("h"),
                cip,
                translate("Blacklist", "X-Forefront-Antispam-Report CIP (host: H)"),
            )
        )
    inbound = next((h for h in report.received if h.edge_role == "inbound" and h.ip), None)
    if inbound is not None and inbound.ip != cip:
        targets.append(
            Target(
                translate("Blacklist", "Server that handed the message to FOPE/EOP"),
                inbound.from_host,
                inbound.ip,
                _origin_of_hop(inbound.hop, inbound.ip),
            )
        )
    return targets


class BlacklistTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blacklist")
        self.notice = QLabel(
            self.tr(
                "Live DNS blacklist checks (Backscatterer and other lists) are not built yet: "
                "nothing has been looked up. These are the addresses the check will look up."
            )
        )
        self.notice.setObjectName("blacklistNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        icon = sev.icon("info")
        size = self.fontMetrics().height()
        self.notice_icon = QLabel()
        self.notice_icon.setPixmap(icon.pixmap(size, size))

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("blacklistTargets")
        self.table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Host"), self.tr("IP address"), self.tr("Where it came from")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((290, 220, 120)):
            self.table.setColumnWidth(column, width)

        self.empty = QLabel()
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)

        self.notice_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        notice = QHBoxLayout()
        notice.addWidget(self.notice_icon)
        notice.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.set_report(None)

    def set_report(self, report: Report | None) -> None:
        targets = blacklist_targets(report)
        self.table.setRowCount(len(targets))
        for row, target in enumerate(targets):
            values = (target.role, target.host or "", target.ip or "", target.origin)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if report is not None and not targets:
            self.empty.setText(
                self.tr(
                    "This message names no outbound edge server and no connecting IP, "
                    "so there is nothing to check against a blacklist."
                )
            )
        else:
            self.empty.clear()
        self.empty.setVisible(bool(self.empty.text()))
