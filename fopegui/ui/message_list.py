"""The message list (left pane): sortable, multi-select, a drop target for files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from fopegui.ui.columns import Column, ColumnFitter
from fopegui.ui.delegates import FullTextDelegate
from fopegui.ui.mailboxes import MAILBOX_SUFFIXES, MESSAGE_SUFFIXES

# A dropped folder contributes the files named as messages, and those named as mailboxes
# (they open in the triage window when they hold several messages).
_FOLDER_SUFFIXES = frozenset(MESSAGE_SUFFIXES + MAILBOX_SUFFIXES)


def paths_from_mime(mime: QMimeData) -> list[str]:
    """Local files named by a drop (folders expand to the files directly inside them that
    are named as messages or mailboxes)."""
    return expand_folders(url.toLocalFile() for url in mime.urls() if url.isLocalFile())


def expand_folders(names: Iterable[str]) -> list[str]:
    """``names`` with each folder replaced by the files directly inside it named as messages
    or mailboxes, sorted (File ▸ Open folder / mailbox… is the way to read a whole tree)."""
    paths: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            children = sorted(p for p in path.iterdir() if p.suffix.lower() in _FOLDER_SUFFIXES)
            paths.extend(str(p) for p in children if p.is_file())
        else:
            paths.append(str(name))
    return paths


def accepts(mime: QMimeData) -> bool:
    return any(url.isLocalFile() for url in mime.urls()) or mime.hasText()


# Icon, From, Subject, Date, File: the date is never cut; names and subjects give way first.
_COLUMNS = [
    Column(minimum=26, share=0.1, shrinks=False),
    Column(minimum=70, share=0.3),
    Column(minimum=90, share=0.45),
    Column(minimum=100, share=0.35, shrinks=False),
    Column(minimum=60),
]


class MessageListView(QTableView):
    filesDropped = Signal(list)  # list[str]
    textDropped = Signal(str)  # header text dragged from another application
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitter: ColumnFitter | None = None
        self.setObjectName("messageList")
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)  # Tab leaves the list (arrows move between rows)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def size_columns(self) -> None:
        """Columns fitted to their content (ui/columns.py), refitted as rows arrive and the
        list is resized; a cut-off cell shows its whole text as a tooltip."""
        if self._fitter is None:
            # Fitted to the rows in view: measuring up to 1,000 rows (Qt's default) at each
            # batch of a long load held the GUI thread 200-300 ms at a time.
            self.horizontalHeader().setResizeContentsPrecision(0)
            self._fitter = ColumnFitter(self, _COLUMNS)
            self.setItemDelegate(FullTextDelegate(self))
            model = self.model()
            if model is not None:
                model.rowsInserted.connect(self._fitter.later)
                model.modelReset.connect(self._fitter.later)
        self._fitter.reset()
        # Keep load order until the user clicks a column (sorting by icon first is noise).
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = paths_from_mime(mime)
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        elif mime.hasText() and mime.text().strip():
            event.acceptProposedAction()
            self.textDropped.emit(mime.text())
        else:
            event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(16, 16, -16, -16),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.tr(
                "Drop .eml or .msg files here\n\n"
                "or use File ▸ Open (Ctrl+O)\nor paste headers (Ctrl+V)"
            ),
        )
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
