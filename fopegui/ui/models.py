"""Qt item models over a core ``Report``. They only render what the core decided.

Everything shown here is message data, so it goes through the UI's plain-text path
(``ui/plain.py``: item text with its controls made visible, and :func:`plain_tooltip`, as
tooltips would otherwise guess rich text from a ``<tag>``). The core's
texts (meanings, descriptions, the verdict) are rendered by the text service when a view
asks for them (``data()``), never stored as strings: a language switch only repaints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from fopegui.core import dates
from fopegui.core.model import Field, Header, Hop, Report, worst
from fopegui.core.received import SLOW_HOP_S as SLOW_HOP_S  # the core's threshold
from fopegui.ui import severity as sev

# The plain-text path lives in ui/plain.py; views that import it from here keep working.
from fopegui.ui.plain import one_line as one_line
from fopegui.ui.plain import plain_tooltip as plain_tooltip
from fopegui.ui.plain import shown as shown
from fopegui.ui.texts import tr_core

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Header / Field / Hop / Report behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def short_date(value: str | None) -> str:
    parsed = dates.parse_date(value)
    return dates.display(parsed) if parsed else one_line(value)


def sender_name(value: str | None) -> str:
    """The display name of a From value (as Outlook lists senders), else the address."""
    if not value:
        return ""
    from email.utils import parseaddr

    name, address = parseaddr(value)
    return one_line(name or address or value)


def display_name(report: Report) -> str:
    path = report.path or (report.source.path if report.source else None)
    return one_line(Path(path).name) if path else translate("Models", "(pasted headers)")


class MessageListModel(QAbstractTableModel):
    """One row per loaded message: verdict icon, From, Subject, Date, file name."""

    COLUMNS = ("", "From", "Subject", "Date", "File")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._reports: list[Report] = []
        self._headers = [
            "",
            translate("Models", "From"),
            translate("Models", "Subject"),
            translate("Models", "Date"),
            translate("Models", "File"),
        ]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reports)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        report = self._reports[index.row()]
        column = index.column()
        if role == OBJECT_ROLE:
            return report
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return sev.icon(sev.verdict_severity(report))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(report, column)
        if role == SORT_ROLE:
            if column == 0:
                return ("ok", "info", "unknown", "warning", "problem").index(
                    sev.verdict_severity(report)
                )
            if column == 3:  # a number for every date Python can hold (year 1 included)
                parsed = dates.parse_date(report.summary.get("date"))
                return dates.sort_key(parsed) if parsed else float("-inf")
            return self._text(report, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if report.error:
                return plain_tooltip(tr_core(report.error))
            if column == 0:
                return plain_tooltip(
                    tr_core(report.verdict.summary) or sev.label(sev.verdict_severity(report))
                )
            return plain_tooltip(self._text(report, column))
        return None

    def refresh_texts(self, _lang: str = "") -> None:
        """Repaint every row: the core's texts (tooltips) render in the new language."""
        if self._reports:
            last = self.index(len(self._reports) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @staticmethod
    def _text(report: Report, column: int) -> str:
        summary = report.summary
        if column == 1:
            return sender_name(summary.get("from"))
        if column == 2:
            return one_line(summary.get("subject"))
        if column == 3:
            return short_date(summary.get("date"))
        if column == 4:
            return display_name(report)
        return ""

    def reports(self) -> list[Report]:
        return list(self._reports)

    def report(self, row: int) -> Report:
        return self._reports[row]

    def add_reports(self, reports: list[Report]) -> None:
        if not reports:
            return
        first = len(self._reports)
        self.beginInsertRows(QModelIndex(), first, first + len(reports) - 1)
        self._reports.extend(reports)
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        """Remove messages from the list (never from disk)."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._reports):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._reports[row]
                self.endRemoveRows()


# --- header tree -------------------------------------------------------------------------

GROUPS = ("antispam", "auth", "routing", "other")
_GROUP_OF_FAMILY = {"fope": "antispam", "eop": "antispam", "auth": "auth", "routing": "routing"}


def group_title(group: str) -> str:
    titles = {
        "antispam": translate("Models", "FOPE / EOP anti-spam"),
        "auth": translate("Models", "Authentication"),
        "routing": translate("Models", "Routing"),
        "other": translate("Models", "Other"),
    }
    return titles[group]


def group_of(header: Header) -> str:
    return _GROUP_OF_FAMILY.get(header.family, "other")


def is_decoded(header: Header) -> bool:
    """Headers the core knows something about get colour; plain ones (Subject…) stay quiet."""
    return bool(header.fields or header.description) or header.severity != "info"


class RenderedItem(QStandardItem):
    """A cell whose text is rendered when a view asks for it (the meaning column: a core
    text in the UI's current language). Long texts get a plain tooltip, as they are often
    cut off."""

    TOOLTIP_OVER = 50

    def __init__(self, render: Callable[[], str]) -> None:
        super().__init__()
        self._render = render

    def data(self, role: int = Qt.ItemDataRole.UserRole + 1) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._render()
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._render()
            return plain_tooltip(text) if len(text) > self.TOOLTIP_OVER else None
        return super().data(role)


def _row(
    texts: list[str | Callable[[], str]], obj: Any, severity: str | None, tooltip: str = ""
) -> list[QStandardItem]:
    items = []
    for text in texts:
        item = RenderedItem(text) if callable(text) else QStandardItem(one_line(text))
        item.setEditable(False)
        item.setData(obj, OBJECT_ROLE)
        if severity:
            item.setData(severity, SEVERITY_ROLE)
            item.setBackground(sev.background(severity))
        items.append(item)
    if severity:
        items[0].setIcon(sev.icon(severity))
        items[0].setToolTip(plain_tooltip(sev.label(severity)))
    if tooltip:
        items[1].setToolTip(plain_tooltip(tooltip))
    return items


def field_meaning(field: Field) -> str:
    """The Meaning cell of a decoded field, in the UI's language."""
    meaning = one_line(tr_core(field.meaning))
    if not meaning and field.undocumented:
        return translate("Models", "(not documented)")
    if field.inferred and meaning:
        meaning = translate("Models", "{meaning} (inferred)").format(meaning=meaning)
    return meaning


def _field_row(field: Field) -> list[QStandardItem]:
    return _row(
        [field.key, one_line(field.value), lambda: field_meaning(field)], field, field.severity
    )


def _header_row(header: Header) -> list[QStandardItem]:
    severity = header.severity if is_decoded(header) else None
    value = one_line(header.value)
    items = _row(
        [header.name, value, lambda: one_line(tr_core(header.description))],
        header,
        severity,
        tooltip=header.value if len(value) > 80 else "",
    )
    for field in header.fields:
        items[0].appendRow(_field_row(field))
    return items


def build_header_model(report: Report | None, grouped: bool = True) -> QStandardItemModel:
    """The Headers tab tree: groups (or file order) → headers → decoded fields."""
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(
        [
            translate("Models", "Header / field"),
            translate("Models", "Value"),
            translate("Models", "Meaning"),
        ]
    )
    if report is None:
        return model
    root = model.invisibleRootItem()
    if not grouped:
        for header in report.headers:
            root.appendRow(_header_row(header))
        return model
    members: dict[str, list[Header]] = {g: [] for g in GROUPS}
    for header in report.headers:
        members[group_of(header)].append(header)
    for group in GROUPS:
        headers = members[group]
        if not headers:
            continue
        decoded = [h.severity for h in headers if is_decoded(h)]
        severity = worst(decoded) if decoded else None
        count = (
            translate("Models", "{n} headers").format(n=len(headers))
            if len(headers) != 1
            else translate("Models", "1 header")
        )
        items = _row([group_title(group), count, ""], group, severity)
        font = QFont(items[0].font())
        font.setBold(True)
        items[0].setFont(font)
        for header in headers:
            items[0].appendRow(_header_row(header))
        root.appendRow(items)
    return model


# --- received chain ----------------------------------------------------------------------


def format_delay(seconds: float | None) -> str:
    if seconds is None:
        return ""
    sign = "−" if seconds < 0 else ""
    total = abs(seconds)
    if total < 60:
        text = translate("Models", "{s:.0f} s").format(s=total)
    elif total < 3600:
        text = translate("Models", "{m} min {s} s").format(m=int(total // 60), s=int(total % 60))
    else:
        text = translate("Models", "{h} h {m} min").format(
            h=int(total // 3600), m=int(total % 3600 // 60)
        )
    return sign + text


def hop_time(value: str | None) -> str:
    """ISO 8601 as a compact ``2012-03-07 02:41:09 +0000`` (the offset matters for skew)."""
    try:
        return dates.display(datetime.fromisoformat(value), seconds=True) if value else ""
    except ValueError:
        return one_line(value)


def hop_state(hop: Hop) -> str | None:
    """``skew`` (negative delay: clocks disagree), ``slow``, or None."""
    if hop.delay_s is None:
        return None
    if hop.delay_s < 0:
        return "skew"
    if hop.delay_s >= SLOW_HOP_S:
        return "slow"
    return None


def edge_text(hop: Hop) -> str:
    if hop.is_outbound_edge:
        return translate("Models", "outbound edge")
    roles = {
        "inbound": translate("Models", "inbound"),
        "outbound": translate("Models", "outbound"),
        "hub": translate("Models", "hub"),
        "internal": translate("Models", "internal"),
    }
    if hop.edge_role in roles:
        return roles[hop.edge_role]
    return translate("Models", "yes") if hop.fope_edge else ""


class ReceivedModel(QAbstractTableModel):
    """The Received chain, hop 1 (oldest) first."""

    # Most telling first, so a narrow pane still shows route, addresses, timing and edges.
    COLUMNS = ("hop", "from", "by", "ip", "time", "delay", "edge", "with")

    def __init__(self, hops: list[Hop] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._hops = list(hops or [])
        titles = {
            "hop": translate("Models", "Hop"),
            "from": translate("Models", "From", "Received hop: the host that sent it"),
            "by": translate("Models", "By"),
            "with": translate("Models", "With"),
            "ip": translate("Models", "IP"),
            "time": translate("Models", "Time"),
            "delay": translate("Models", "Delay"),
            "edge": translate("Models", "FOPE / EOP"),
        }
        self._headers = [titles[c] for c in self.COLUMNS]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hops)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def hop(self, row: int) -> Hop:
        return self._hops[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hop = self._hops[index.row()]
        column = self.COLUMNS[index.column()]
        state = hop_state(hop)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hop, column, state)
        if role == OBJECT_ROLE:
            return hop
        if role == Qt.ItemDataRole.BackgroundRole:
            if state:
                return sev.background("warning")
            if hop.is_outbound_edge:
                return sev.background("info")
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "delay" and state:
                return sev.icon("warning")
            if column == "edge" and (hop.fope_edge or hop.is_outbound_edge):
                return sev.icon("info")
            return None
        if role == Qt.ItemDataRole.FontRole and hop.is_outbound_edge:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "delay" and state == "skew":
                return plain_tooltip(
                    translate(
                        "Models", "Timed before the previous hop: the two servers' clocks disagree."
                    )
                )
            if column == "delay" and state == "slow":
                return plain_tooltip(
                    translate("Models", "Slow hop: the message waited here for a while.")
                )
            if column == "edge" and hop.is_outbound_edge:
                return plain_tooltip(
                    translate(
                        "Models",
                        "The FOPE/EOP outbound edge server: the host the recipient's server saw, "
                        "so the address a blacklist would list (KB2590562).",
                    )
                )
            return plain_tooltip(hop.raw)
        return None

    @staticmethod
    def _text(hop: Hop, column: str, state: str | None) -> str:
        if column == "hop":
            return str(hop.hop)
        if column == "from":
            name = hop.from_host or hop.from_helo or ""
            if hop.from_rdns and hop.from_rdns != name:
                name = f"{name} ({hop.from_rdns})" if name else hop.from_rdns
            return one_line(name)
        if column == "by":
            return one_line(hop.by_host)
        if column == "with":
            return one_line(hop.with_proto)
        if column == "ip":
            return one_line(hop.ip)
        if column == "time":
            return hop_time(hop.time)
        if column == "delay":
            text = format_delay(hop.delay_s)
            if state == "skew":
                text += " " + translate("Models", "(clock skew)")
            elif state == "slow":
                text += " " + translate("Models", "(slow)")
            return text
        if column == "edge":
            return edge_text(hop)
        return ""
