"""The summary block at the top of the Headers tab (as Microsoft's Message Header Analyzer has
one): Subject, From, To, Date and Message-ID of the message, at a glance.

Every value is message data: plain text, selectable, cut off with "…" when the pane is
narrow, with the whole value as a plain tooltip and in the context menu's Copy. The Date is
shown as written and normalised to UTC (the tooltip adds the machine's zone).
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QMenu, QSizePolicy, QWidget

from fopegui.core import dates
from fopegui.core.model import Report
from fopegui.ui.plain import clock_text, day_text, one_line, plain_tooltip

# (summary key, row, column pair) — Subject across the top, then From | To, Date | Message-ID.
_PLACES = {
    "subject": (0, 0),
    "from": (1, 0),
    "to": (1, 1),
    "date": (2, 0),
    "message_id": (2, 1),
}


MISSING = "—"  # a value the message does not have


class ElidedValue(QLabel):
    """One value: plain text, elided to the label's width, whole in the tooltip and Copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Mouse only: keyboard selection would make five more Tab stops between the list
        # and the tree (the banner's labels are the same).
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        self._full = text
        tip = tooltip if tooltip is not None else text
        self.setToolTip(plain_tooltip(tip) if tip else "")
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != self.text():
            self.setText(shown)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(bool(self._full))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self._full))
        menu.exec(event.globalPos() if event else self.mapToGlobal(QPoint(0, 0)))


def date_text(value: str | None) -> tuple[str, str]:
    """(cell, tooltip) for a Date value: as written, then normalised to UTC; the tooltip adds
    the machine's zone. A value that is not a date is shown as written."""
    written = one_line(value)
    when = dates.parse_date(value)
    if when is None:
        return written, written
    lines = [written]
    try:
        utc = when.astimezone(UTC)
        local = when.astimezone()
    except (OverflowError, ValueError):  # years 1 and 9999 shifted out of range
        return written, written
    normalised = f"{day_text(utc)} {clock_text(utc)} UTC"
    # The day again only when UTC moves it: "… +0900 · UTC 02:41:05".
    same_day = utc.date() == when.date()
    shown = f"{written} · UTC {clock_text(utc) if same_day else normalised.removesuffix(' UTC')}"
    lines.append(normalised)
    lines.append(f"{day_text(local)} {clock_text(local)}{local.strftime(' %z')}")
    return shown, "\n".join(lines)


class SummaryBlock(QWidget):
    """Subject / From / To / Date / Message-ID of one report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryBlock")
        self._report: Report | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 0, 2, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, ElidedValue] = {}
        for key, (row, pair) in _PLACES.items():
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.PlainText)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            value = ElidedValue()
            value.setObjectName(f"summary_{key}")
            span = 3 if key == "subject" else 1
            grid.addWidget(name, row, pair * 2, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(value, row, pair * 2 + 1, 1, span)
            self.names[key], self.values[key] = name, value
        grid.setColumnStretch(1, 2)  # From and Date get more room than To and Message-ID
        grid.setColumnStretch(3, 1)
        self.retranslate()
        self.set_report(None)

    def retranslate(self) -> None:
        titles = {
            "subject": self.tr("Subject"),
            "from": self.tr("From"),
            "to": self.tr("To"),
            "date": self.tr("Date"),
            "message_id": self.tr("Message-ID"),
        }
        for key, label in self.names.items():
            label.setText(titles[key])

    def set_report(self, report: Report | None) -> None:
        self._report = report
        summary = report.summary if report is not None and not report.error else {}
        for key, value in self.values.items():
            raw = summary.get(key)
            if not raw:  # the message has none (a .msg draft, a header block without it)
                value.set_full_text(MISSING, "")
            elif key == "date":
                text, tooltip = date_text(raw)
                value.set_full_text(text, tooltip)
            else:
                value.set_full_text(one_line(raw))
        self.setVisible(report is not None and not report.error)
