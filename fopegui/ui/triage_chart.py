"""Bar charts of messages per verdict code (what decided, what to do), drawn with QPainter.

One bar per code of a kind (decided_by or remedy), longest first; clicking a bar asks for
that code as a filter (clicking it again, or the chart's background, clears it). The labels
are the codes' display names from the UI text service.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from fopegui.ui.triage_model import NO_DECISION, code_text

# Bar colours by the kind of verdict: spam-ish warm, delivered cool, nothing to do grey.
_COLOURS = {
    "kb_method_1": "#d35400", "kb_method_2": "#c0392b", "kb_method_3": "#8e44ad",
    "sender_authentication": "#e67e22", "bcl_threshold": "#f39c12",
    "sending_tenant": "#b9770e", "none": "#2e86c1",
    "spam_filter": "#c0392b", "asf": "#d35400", "policy_rule": "#8e44ad",
    "block_list": "#8e44ad", "spoof": "#e67e22", "bulk": "#f39c12", "phish": "#c0392b",
    "malware": "#7f0000", "outbound_spam": "#b9770e", "junk_settings": "#e67e22",
    "allow_list": "#1e8449", "safe_senders": "#1e8449", "not_spam": "#2e86c1",
    "bypassed": "#5d6d7e", NO_DECISION: "#95a5a6",
}  # fmt: skip
_BAR_HEIGHT = 18
_GAP = 4


class CodeChart(QWidget):
    codeClicked = Signal(object)  # a code ("" = none recorded), or None: all

    def __init__(self, kind: str = "decided_by", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.counts: list[tuple[str, int]] = []
        self.selected: str | None = None
        self._bars: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_counts(self, counts: Counter[str]) -> None:
        self.counts = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        self.updateGeometry()
        self.update()

    def set_selected(self, code: str | None) -> None:
        self.selected = code
        self.update()

    def label(self, code: str) -> str:
        if code == NO_DECISION:
            return self.tr("none recorded")
        return code_text(self.kind, code)

    def sizeHint(self) -> QSize:
        rows = max(len(self.counts), 1)
        return QSize(360, rows * (_BAR_HEIGHT + _GAP) + 2 * _GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, _BAR_HEIGHT + 2 * _GAP)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        self._bars = []
        if not self.counts:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No messages yet"))
            return
        labels = [self.label(code) for code, _ in self.counts]
        label_width = min(max(metrics.horizontalAdvance(t) for t in labels) + 12,
                          self.width() * 3 // 5)  # fmt: skip
        number_width = metrics.horizontalAdvance(f"{self.counts[0][1]:,}") + 10
        room = max(self.width() - label_width - number_width - 2 * _GAP, 10)
        top_count = self.counts[0][1]
        y = _GAP
        for (code, count), text in zip(self.counts, labels, strict=True):
            row = QRectF(0, y, self.width(), _BAR_HEIGHT)
            if code == self.selected:
                painter.fillRect(row, palette.color(QPalette.ColorRole.Highlight).lighter(170))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(_GAP, y, label_width - 8, _BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             shown)  # fmt: skip
            width = max(room * count / top_count, 2)
            bar = QRectF(label_width, y + 2, width, _BAR_HEIGHT - 4)
            painter.fillRect(bar, QColor(_COLOURS.get(code, "#34495e")))
            painter.drawText(QRectF(label_width + width + 4, y, number_width, _BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter, f"{count:,}")  # fmt: skip
            self._bars.append((row, code))
            y += _BAR_HEIGHT + _GAP

    def _code_at(self, x: float, y: float) -> str | None:
        return next((code for rect, code in self._bars if rect.contains(x, y)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        code = self._code_at(event.position().x(), event.position().y())
        chosen = None if code is None or code == self.selected else code
        self.set_selected(chosen)
        self.codeClicked.emit(chosen)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        code = self._code_at(event.position().x(), event.position().y())
        if code is None:
            self.unsetCursor()
            self.setToolTip("")
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        count = dict(self.counts).get(code, 0)
        self.setToolTip(self.tr("{label}: {count} messages — click to show only these")
                        .format(label=self.label(code), count=f"{count:,}"))  # fmt: skip
