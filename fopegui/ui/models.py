"""Qt item models over a core ``Report``. They only render what the core decided.

Everything shown here is message data, so it goes through the UI's plain-text path
(``ui/plain.py``: item text with its controls made visible, and :func:`plain_tooltip`, as
tooltips would otherwise guess rich text from a ``<tag>``). The core's
texts (meanings, descriptions, the verdict) are rendered by the text service when a view
asks for them (``data()``), never stored as strings: a language switch only repaints.
"""

from __future__ import annotations

from collections.abc import Callable
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

from fopegui.core import dates, outlook_props
from fopegui.core.model import Field, Header, Report, worst
from fopegui.core.outlook_props import OutlookProperty
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
        # Per row, worked out at its first paint: (severity, From, Subject, Date, File, date
        # sort key). A view asks at every paint, and a sorted proxy at every comparison.
        self._cells: list[tuple[Any, ...] | None] = []
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
        row = index.row()
        report = self._reports[row]
        column = index.column()
        if role == OBJECT_ROLE:
            return report
        cells = self._cells[row] or self._work_out(row)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return sev.icon(cells[0])
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[column] if column else ""
        if role == SORT_ROLE:
            if column == 0:
                return ("ok", "info", "unknown", "warning", "problem").index(cells[0])
            if column == 3:
                return cells[5]
            return cells[column].casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if report.error:
                return plain_tooltip(tr_core(report.error))
            if column == 0:
                return plain_tooltip(tr_core(report.verdict.summary) or sev.label(cells[0]))
            return plain_tooltip(cells[column])
        return None

    def _work_out(self, row: int) -> tuple[Any, ...]:
        report = self._reports[row]
        parsed = dates.parse_date(report.summary.get("date"))
        # A number for every date Python can hold (year 1 included); none sorts first.
        date_key = dates.sort_key(parsed) if parsed else float("-inf")
        texts = tuple(self._text(report, column) for column in (1, 2, 3, 4))
        cells = (sev.verdict_severity(report), *texts, date_key)
        self._cells[row] = cells
        return cells

    def refresh_texts(self, _lang: str = "") -> None:
        """Repaint every row: the core's texts (tooltips) render in the new language."""
        self._cells = [None] * len(self._reports)  # "(pasted headers)" is said in it too
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
        self._cells.extend([None] * len(reports))
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        """Remove messages from the list (never from disk)."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._reports):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._reports[row]
                del self._cells[row]
                self.endRemoveRows()


# --- header tree -------------------------------------------------------------------------

# Display groups in order. A header's group is the core's (headers.json "group": the
# Exchange housekeeping stamps), else its family's; a .msg adds its Outlook properties.
GROUPS = ("antispam", "auth", "routing", "other", "exchange", "outlook")
_GROUP_OF_FAMILY = {"fope": "antispam", "eop": "antispam", "auth": "auth", "routing": "routing"}
# Groups that start folded: bookkeeping nobody needs to read first.
FOLDED_GROUPS = ("exchange",)


def group_title(group: str) -> str:
    if group == "outlook":
        return tr_core(outlook_props.title())
    titles = {
        "antispam": translate("Models", "FOPE / EOP anti-spam"),
        "auth": translate("Models", "Authentication"),
        "routing": translate("Models", "Routing"),
        "other": translate("Models", "Other"),
        "exchange": translate("Models", "Exchange housekeeping"),
    }
    return titles[group]


def group_of(header: Header) -> str:
    return header.group or _GROUP_OF_FAMILY.get(header.family, "other")


def is_decoded(header: Header) -> bool:
    """Headers the core knows something about get colour; plain ones (Subject…) stay quiet."""
    return bool(header.fields or header.description) or header.severity != "info"


class RenderedItem(QStandardItem):
    """A cell whose text is rendered when a view asks for it (the meaning column: a core
    text in the UI's current language; a group's title). A cut-off text shows whole as a
    tooltip through the view's delegate (ui/delegates.py)."""

    def __init__(self, render: Callable[[], str]) -> None:
        super().__init__()
        self._render = render

    def data(self, role: int = Qt.ItemDataRole.UserRole + 1) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._render()
        return super().data(role)


def _row(
    texts: list[str | Callable[[], str]], obj: Any, severity: str | None
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
    if severity:  # what the icon and colour say, in words
        items[0].setIcon(sev.icon(severity))
        items[0].setToolTip(plain_tooltip(sev.label(severity)))
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
        [header.name, value, lambda: one_line(tr_core(header.description))], header, severity
    )
    for field in header.fields:
        items[0].appendRow(_field_row(field))
    return items


def property_value(prop: OutlookProperty) -> str:
    """An Outlook property's value cell: the value (a time as ``2023-10-04 13:28:39 UTC``),
    or "(none)" when the .msg lacks it."""
    if prop.kind == "time" and prop.value:
        when = dates.parse_date(prop.value)
        if when is not None:
            return dates.display(when, seconds=True).removesuffix(" +0000") + " UTC"
    return one_line(prop.value) or tr_core(outlook_props.none_text())


def _property_row(prop: OutlookProperty) -> list[QStandardItem]:
    return _row(
        [
            lambda: tr_core(prop.label),
            lambda: property_value(prop),
            lambda: one_line(tr_core(prop.description)),
        ],
        prop,
        None,
    )


def _group_row(group: str, count: int, severity: str | None) -> list[QStandardItem]:
    def counted() -> str:
        if group == "outlook":
            return translate("Models", "{n} properties").format(n=count)
        if count == 1:
            return translate("Models", "1 header")
        return translate("Models", "{n} headers").format(n=count)

    items = _row([lambda: group_title(group), counted, ""], group, severity)
    font = QFont(items[0].font())
    font.setBold(True)
    items[0].setFont(font)
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
    members: dict[str, list[Header]] = {g: [] for g in GROUPS}
    for header in report.headers:
        if grouped:
            members[group_of(header)].append(header)
        else:
            root.appendRow(_header_row(header))
    for group in GROUPS if grouped else ():
        headers = members[group]
        if not headers:
            continue
        decoded = [h.severity for h in headers if is_decoded(h)]
        items = _group_row(group, len(headers), worst(decoded) if decoded else None)
        for header in headers:
            items[0].appendRow(_header_row(header))
        root.appendRow(items)
    # A .msg's own properties, last (and all there is when it has no transport headers).
    properties = outlook_props.outlook_properties(report.source)
    if properties:
        items = _group_row("outlook", len(properties), None)
        for prop in properties:
            items[0].appendRow(_property_row(prop))
        root.appendRow(items)
    return model
