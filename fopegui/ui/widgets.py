"""Widgets the views share (the Blacklist and Reputation tabs, the wizards, Settings): views never
borrow from each other, they all take from here.

- :func:`plain_label` — a word-wrapped label that never interprets rich text.
- :class:`Notice` — an icon + text box tinted by severity.
- :func:`status_label`, :data:`STATUS_SEVERITY` — how a DNSBL outcome is worded and coloured;
  :func:`sanity_notes` — the lists whose test points failed, said in words.
- :class:`DnsblResultTable` — the live result table of a check: one row per (list, IP) planned
  before the answers come, filled as each arrives; icon + text + colour, tooltips plain text
  (a TXT record or a header value is data, never markup), Copy and a context menu.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.net.dnsbl_model import DnsblReport, HostLookup, ListResult
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.models import plain_tooltip
from fopegui.ui.tables import setup_readonly_table

# DNSBL outcome → severity (colour + icon; the text always says it too).
STATUS_SEVERITY = {
    "listed": "problem",
    "not_listed": "ok",
    "error": "warning",
    "unknown": "unknown",
}
LOOKUP_SEVERITY = {"resolved": "ok", "not_found": "warning", "no_address": "warning"}
COLUMNS = ("list", "ip", "status", "codes", "meaning", "txt", "time", "link")
translate = QCoreApplication.translate


def plain_label(text: str = "", selectable: bool = True, wrap: bool = True) -> QLabel:
    """A (word-wrapped) plain-text label: message and DNS data are never rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Notice(QFrame):
    """An icon + text box tinted by severity (the colour is never the only signal)."""

    def __init__(self, severity: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("notice", True)  # the style below must not reach the child labels
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = plain_label()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.set(severity, text)

    def set(self, severity: str, text: str) -> None:
        self.severity = severity
        size = self.fontMetrics().height()
        self.icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.label.setText(text)
        self.setStyleSheet(
            f'QFrame[notice="true"] {{ background: {sev.background(severity).name()}; '
            f"border-left: 4px solid {sev.accent(severity).name()}; }}"
        )
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()


def status_label(status: str, lang: str | None = None) -> str:
    """The status word for a table cell: Listed / Not listed / Error / Unknown (en + ja)."""
    text = texts.dnsbl_message(f"status_{status}", lang=lang)
    return text[:1].upper() + text[1:]


def sanity_notes(report: DnsblReport) -> list[str]:
    """Lists whose test points failed through this resolver, grouped by what that means."""
    groups: dict[str, list] = {}
    for verdict in report.sanity:
        if verdict.trustworthy is not True:
            groups.setdefault(verdict.reason, []).append(verdict)
    sentences = {
        "hides_listings": translate(
            "DnsblChecks",
            "Through this resolver, these lists do not list their own test point 127.0.0.2: "
            "{lists}. The resolver hides listings (or the list is down): their answers are "
            "shown as unknown, not as clean. Check the resolver in Tools ▸ Settings.",
        ),
        "wildcard": translate(
            "DnsblChecks",
            "These lists list the test point 127.0.0.1, which no list may list: {lists}. They "
            "answer every query; their listings are not used.",
        ),
        "error_code": translate(
            "DnsblChecks",
            "These lists answer their test point with an error code: {lists}. {detail}",
        ),
        "unchecked": translate(
            "DnsblChecks",
            "The test points of these lists could not be checked, so their answers are not "
            "used: {lists}. {detail}",
        ),
    }
    notes = []
    for reason, verdicts in groups.items():
        names = ", ".join(verdict.zone for verdict in verdicts)
        template = sentences.get(reason, "{lists}: {detail}")
        notes.append(template.format(lists=names, detail=verdicts[0].detail))
    return notes


def set_plain_tooltip(item: QTableWidgetItem, text: str) -> None:
    """A tooltip that shows ``text`` literally (Qt guesses rich text from a ``<tag>``)."""
    item.setToolTip(plain_tooltip(text))


class DnsblResultTable(QTableWidget):
    """The answers of one check: a DNS-lookup row per host name, then one row per question."""

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(0, len(COLUMNS))
        self.lang = lang  # the language of the status words (None: the UI's)
        self._rows: dict[tuple[str, str], int] = {}
        self._links: dict[int, list[str]] = {}
        self.setHorizontalHeaderLabels(
            [
                self.tr("List"),
                self.tr("IP address"),
                self.tr("Status"),
                self.tr("Codes"),
                self.tr("Meaning"),
                self.tr("TXT"),
                self.tr("Time"),
                self.tr("Lookup / delisting"),
            ]
        )
        setup_readonly_table(self, (190, 130, 120, 90, 330, 220, 70))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        copy = QAction(self.tr("Copy"), self)
        copy.setShortcuts(QKeySequence.StandardKey.Copy)  # every platform binding (Ctrl+Ins…)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.addAction(copy)

    # -- rows -------------------------------------------------------------------------------

    def clear_rows(self) -> None:
        self.setRowCount(0)
        self._rows.clear()
        self._links.clear()

    def add_row(self, values: list[str], severity: str | None) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            set_plain_tooltip(item, value)
            self.setItem(row, column, item)
        self.paint_row(row, severity)
        return row

    def paint_row(self, row: int, severity: str | None) -> None:
        for column in range(self.columnCount()):
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem("")
                self.setItem(row, column, item)
            if severity is None:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
            else:
                item.setBackground(sev.background(severity))
        status = self.item(row, COLUMNS.index("status"))
        if severity is not None:
            status.setIcon(sev.icon(severity))
            status.setForeground(sev.accent(severity))

    def add_lookup(self, lookup: HostLookup) -> int:
        """The KB's DNS-lookup step of a host name, as its own row."""
        status = {
            "resolved": self.tr("Resolved"),
            "not_found": self.tr("Not found"),
            "no_address": self.tr("No address"),
        }.get(lookup.status, self.tr("Unknown"))
        values = [
            self.tr("DNS lookup of {name}").format(name=lookup.name),
            ", ".join(lookup.addresses) or "—",
            status,
            "",
            lookup.detail or "",
            "",
            self.ms(lookup.elapsed_ms),
            "",
        ]
        return self.add_row(values, LOOKUP_SEVERITY.get(lookup.status, "unknown"))

    def plan(self, pairs: list[tuple[cat.DnsblList, str]]) -> None:
        """A waiting row for every question; the lists an NDR names are marked and bold."""
        for lst, ip in pairs:
            name = lst.name
            if lst.named:
                name = self.tr("{name} — rejected your mail (NDR)").format(name=name)
            row = self.add_row(
                [name, ip, self.tr("Waiting…"), "", "", "", "", lst.lookup_link(ip) or ""], None
            )
            set_plain_tooltip(self.item(row, 0), lst.zone)
            if lst.named:
                for column in range(self.columnCount()):
                    font = self.item(row, column).font()
                    font.setBold(True)
                    self.item(row, column).setFont(font)
            self._rows[(lst.zone, ip)] = row

    def show_result(self, result: ListResult) -> int:
        key = (cat.normalise_zone(result.zone), result.ip)
        row = self._rows.get(key)
        if row is None:  # not planned (a caller without a plan): still show it
            row = self.add_row([result.name or result.zone, result.ip], None)
            self._rows[key] = row
        values = {
            "status": status_label(result.status, self.lang),
            "codes": ", ".join(result.codes),
            "meaning": result.detail or "",
            "txt": result.txt or "",
            "time": self.ms(result.elapsed_ms),
            "link": result.lookup_url or result.delist_url or "",
        }
        for name, value in values.items():
            item = self.item(row, COLUMNS.index(name))
            item.setText(value)
            set_plain_tooltip(item, value)
        self._links[row] = [u for u in (result.lookup_url, result.delist_url) if u]
        set_plain_tooltip(self.item(row, COLUMNS.index("link")), "\n".join(self._links[row]))
        self.paint_row(row, STATUS_SEVERITY[result.status])
        return row

    def mark_pending(self, text: str) -> None:
        """Rows still waiting get ``text`` (cancelled, no answer)."""
        waiting = self.tr("Waiting…")
        for row in self._rows.values():
            item = self.item(row, COLUMNS.index("status"))
            if item is not None and item.text() == waiting:
                item.setText(text)
                self.paint_row(row, "unknown")

    def ms(self, ms: float) -> str:
        return self.tr("{ms:.0f} ms").format(ms=ms)

    # -- reading ----------------------------------------------------------------------------

    def row_of(self, zone: str, ip: str) -> int | None:
        return self._rows.get((cat.normalise_zone(zone), ip))

    def status_of(self, row: int) -> str:
        return self.item(row, COLUMNS.index("status")).text()

    def text_of(self, row: int, column: str) -> str:
        item = self.item(row, COLUMNS.index(column))
        return item.text() if item else ""

    def row_text(self, row: int) -> str:
        cells = [self.item(row, c) for c in range(self.columnCount())]
        return "\t".join(c.text() if c else "" for c in cells)

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.selectedIndexes()})
        QGuiApplication.clipboard().setText("\n".join(self.row_text(r) for r in rows))

    def _context_menu(self, pos) -> None:
        row = self.rowAt(pos.y())
        if row < 0:
            return
        menu = QMenu(self)
        for url in self._links.get(row, []):
            menu.addAction(
                self.tr("Copy {url}").format(url=url),
                lambda u=url: QGuiApplication.clipboard().setText(u),
            )
        menu.addAction(
            self.tr("Copy row"), lambda: QGuiApplication.clipboard().setText(self.row_text(row))
        )
        menu.exec(self.viewport().mapToGlobal(pos))
