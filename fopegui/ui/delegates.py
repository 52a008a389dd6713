"""Item delegates the tables and trees share.

- :class:`FullTextDelegate` — a cell whose text is cut off ("…") shows its whole text as a
  plain-text tooltip (with the cell's own tooltip under it); a cell that fits shows only its
  own tooltip. Message data is never read as rich text.
- :class:`DelayBarDelegate` — the Received tab's delay column: a bar per hop, as long as the
  hop's delay on a log scale (one slow hop does not flatten the rest), hatched for a negative
  delay (the servers' clocks disagree), amber for a slow hop or clock skew, grey for small
  drift, with the delay written at the cell's right.
  The hop's state (slow, skew, drift) is the core's (``core.received.hop_state``), handed over
  by the model in :data:`BAR_ROLE`; the delegate only draws it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from fopegui.core.received import DRIFT, SKEW, SLOW
from fopegui.ui import severity as sev
from fopegui.ui.plain import plain_tooltip

# (delay in seconds or None, the core's hop state or None) behind a delay cell.
BAR_ROLE = Qt.ItemDataRole.UserRole + 10
# The longest delay of a chain, for the bars' common scale (on the column's cells).
BAR_SCALE_ROLE = Qt.ItemDataRole.UserRole + 11
# A scale never shorter than a minute: a chain of one-second hops should look short, not full.
MIN_SCALE_S = 60.0

_Index = QModelIndex | QPersistentModelIndex


def bar_fraction(delay: float | None, longest: float) -> float:
    """How much of the cell a delay's bar fills, 0..1 (negative for a negative delay), on a
    log scale up to ``longest`` (at least :data:`MIN_SCALE_S`)."""
    if delay is None:
        return 0.0
    scale = math.log1p(max(abs(longest), MIN_SCALE_S))
    fraction = min(math.log1p(abs(delay)) / scale, 1.0)
    return -fraction if delay < 0 else fraction


def is_elided(option: QStyleOptionViewItem, text: str) -> bool:
    """Whether ``text`` is wider than the text area of the cell ``option`` describes."""
    style = option.widget.style() if option.widget else None
    if style is None or not text:
        return False
    area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
    longest = max(option.fontMetrics.horizontalAdvance(line) for line in text.splitlines())
    return longest > area.width()


class FullTextDelegate(QStyledItemDelegate):
    """Shows an elided cell's whole text as a plain tooltip. Rows are as tall as a row with a
    severity icon, with an icon or not (a tree of uniform rows measures its first row)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        style = option.widget.style() if option.widget else None
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) if style else 16
        return size.expandedTo(QSize(0, max(icon, option.fontMetrics.height()) + 2))

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        if is_elided(opt, text):
            tip = plain_tooltip(text)
            if own and own != tip:  # the cell's own note (a severity, a hop's header)
                tip = tip.removesuffix("</qt>") + "<hr>" + own.removeprefix("<qt>")
            QToolTip.showText(event.globalPos(), tip, view)
            return True
        return super().helpEvent(event, view, option, index)


class DelayBarDelegate(FullTextDelegate):
    """The delay bar behind a hop's delay text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        delay, state = index.data(BAR_ROLE) or (None, None)
        longest = index.data(BAR_SCALE_ROLE) or 0.0
        fraction = bar_fraction(delay, longest)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:  # background, selection, focus: the style's own
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        area = option.rect.adjusted(3, 3, -3, -3)
        width = round(area.width() * abs(fraction))
        if width > 0:  # a data bar from the left, outlined (as spreadsheets draw them)
            bar = QRect(area.left(), area.top(), width, area.height())
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(_bar_colour(state, 200))
            if fraction < 0:  # timed before the previous hop: hatched
                painter.setBrush(_bar_colour(state, 40))
                painter.drawRoundedRect(bar.adjusted(0, 0, -1, -1), 2, 2)
                painter.setBrush(QBrush(_bar_colour(state, 200), Qt.BrushStyle.BDiagPattern))
            else:
                painter.setBrush(_bar_colour(state, 70))
            painter.drawRoundedRect(bar.adjusted(0, 0, -1, -1), 2, 2)
            painter.restore()
        if text:  # right-aligned, as figures are: a short bar and its figure never overlap
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.save()
            painter.setPen(opt.palette.color(role))
            painter.setFont(opt.font)
            room = area.adjusted(2, 0, -2, 0)
            shown = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width())
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
            painter.drawText(room, flags, shown)
            painter.restore()


def _bar_colour(state: str | None, alpha: int) -> QColor:
    """Blue for an ordinary hop, amber for a slow hop or clock skew, grey for small drift."""
    severity = {SLOW: "warning", SKEW: "warning", DRIFT: "unknown"}.get(state or "", "info")
    colour = QColor(sev.accent(severity))
    colour.setAlpha(alpha)
    return colour
