"""Columns sized to their content inside the view, at any window size.

:class:`ColumnFitter` gives each column the width its content wants (cells and title),
between the column's minimum and a share of the viewport, then shrinks the columns that may
shrink (down to their minimums) until the row fits — so the last column (the one that
stretches, e.g. a meaning) always starts inside the view. Cut-off cells show their whole
text as a tooltip (:class:`fopegui.ui.delegates.FullTextDelegate`). It fits again when the
view is resized or gets new rows, until the user drags a column border: from then on the
user's widths stand (a new report fits again).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

# The Headers and Received tabs never get narrower than this: below it their columns could
# not all show (the message list beside them gives way instead).
READABLE_WIDTH = 600


@dataclass(frozen=True)
class Column:
    minimum: int = 60  # never narrower (px)
    share: float = 1.0  # never wider than this share of the viewport
    shrinks: bool = True  # may give way, down to its minimum, when the row is too wide
    extra: int = 0  # room beyond the content (e.g. a bar drawn beside the text)


def fit_widths(wanted: list[int], columns: list[Column], available: int) -> list[int]:
    """Widths for all but the last column (which takes what is left, at least its minimum)."""
    *rest, last = columns
    room = max(available - last.minimum, 0)
    widths = [
        max(c.minimum, min(w + c.extra, int(available * c.share)))
        for w, c in zip(wanted, rest, strict=False)
    ]
    excess = sum(widths) - room
    if excess > 0:
        give = [w - c.minimum if c.shrinks else 0 for w, c in zip(widths, rest, strict=True)]
        total = sum(give)
        if total > 0:
            share = min(excess / total, 1.0)
            widths = [w - int(g * share + 0.999) for w, g in zip(widths, give, strict=True)]
    return widths


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted (see the module's docstring)."""

    def __init__(self, view: QTreeView | QTableView, columns: list[Column]) -> None:
        super().__init__(view)
        self._view = view
        self._columns = columns
        self._user_sized = False
        self._fitting = False
        header = self._header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._section_resized)
        view.viewport().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.fit)

    def _header(self) -> QHeaderView:
        view = self._view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def reset(self) -> None:
        """New content: fit again, even after the user sized columns by hand."""
        self._user_sized = False
        self.fit()

    def later(self) -> None:
        """Fit once the event loop has laid out new rows (expanding a tree, say)."""
        if not self._user_sized:
            self._timer.start(0)

    def fit(self) -> None:
        if self._user_sized:
            return
        view, header = self._view, self._header()
        count = min(len(self._columns), header.count())
        if count < 2:
            return
        available = view.viewport().width()
        if available <= 0:
            return
        wanted = [self.content_width(c) for c in range(count - 1)]
        # The header never makes a section narrower than its own minimum (it grows with the
        # font, e.g. in Japanese): planning below it would overflow the row.
        floor = header.minimumSectionSize()
        columns = [replace(c, minimum=max(c.minimum, floor)) for c in self._columns[:count]]
        self._fitting = True
        try:
            widths = fit_widths(wanted, columns, available)
            # The last one too: a stretched last section keeps its old size as a floor. When
            # the others cannot give way enough it takes what is left rather than overflow.
            widths.append(max(available - sum(widths), floor))
            for column, width in enumerate(widths):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def content_width(self, column: int) -> int:
        """What the column's cells and title want (visible rows of a tree)."""
        view: QAbstractItemView = self._view
        return max(view.sizeHintForColumn(column), self._header().sectionSizeHint(column))

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        last = self._header().count() - 1
        if not self._fitting and index != last and self._header().underMouse():
            self._user_sized = True  # a border dragged: the user's widths stand

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.later()
        return False
