"""Qt models of the triage window: the rows of core.triage, filtered and sorted in Python.

Tens of thousands of rows arrive while the window must stay responsive, so the table model
keeps the rows as the core gives them (tuples, ALL_COLUMNS order) and a list of the visible
ones: filtering and sorting are list operations, and a chunk of new rows costs one insert
per row that passes the filter. Codes are shown by their display names (core.texts
code_label through the UI text service); everything from a message is plain text.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from fopegui.core.texts import code_label
from fopegui.core.triage import INDEX, Row
from fopegui.ui import texts
from fopegui.ui.models import one_line, plain_tooltip

# The table's columns, in display order (names of core.triage.ALL_COLUMNS).
SHOWN = (
    "source", "decided_by", "destination", "remedy", "kb_methods", "scl", "bcl", "from",
    "subject", "date", "sending_ip", "country", "spf", "dkim", "dmarc", "compauth", "sfv",
    "cat", "from_domain", "error",
)  # fmt: skip
CODED = {"decided_by": "decided_by", "destination": "destination", "remedy": "remedy"}
NUMERIC = frozenset(("scl", "bcl"))
# What the rows can be grouped by, and the column that holds the key.
GROUPS = {"sending_ip": INDEX["sending_ip"], "from_domain": INDEX["from_domain"]}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the core row behind a table row
NO_DECISION = ""  # the code of rows whose headers record no decision (or no remedy)
COUNTED = ("decided_by", "remedy")  # the verdict codes counted (and charted) per run
# Rows arriving into a sorted table: up to this many are inserted one by one, more are
# merged with one layout change (a row insert costs the view far more than a sort).
_INSERT_ONE_BY_ONE = 8


def column_title(name: str) -> str:
    return texts.catalogue_text("triage", "columns", name)


def code_text(kind: str, code: str | None) -> str:
    return texts.tr_core(code_label(kind, code))


def code_of(row: Row, kind: str = "decided_by") -> str:
    """A row's verdict code of ``kind``; "" when its headers record none or it could not
    be read."""
    return row[INDEX[kind]] or NO_DECISION


def short_source(source: str | None) -> str:
    """The file name, with the message's place inside an mbox or PST (#12, #Inbox/3)."""
    if not source:
        return ""
    file, sep, ref = source.partition("#")
    return file.replace("\\", "/").rsplit("/", 1)[-1] + sep + ref


def _sort_key(column: str) -> Callable[[Row], tuple]:
    index = INDEX[column]
    if column in NUMERIC:
        return lambda row: (row[index] is None, row[index] if row[index] is not None else 0)
    if column == "source":
        return lambda row: ()  # input order (mbox #2 before #10): the position decides
    return lambda row: (row[index] is None, str(row[index] or "").casefold())


class TriageTableModel(QAbstractTableModel):
    """All rows of a run; the visible ones filtered by text, decision and group."""

    countsChanged = Signal()  # the per-decision and per-group counts changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.order: list[int] = []  # indexes into self.rows, in display order
        self.counts: dict[str, Counter[str]] = {kind: Counter() for kind in COUNTED}
        self._text = ""
        self._codes: dict[str, str] = {}  # kind → the code rows must have (chart filters)
        self._group: tuple[int, str | None] | None = None
        self._sort: tuple[str, Qt.SortOrder] | None = None
        self._keys: list[tuple] = []  # sort keys of self.order, while sorted
        texts.service().language_changed.connect(self.refresh_texts)

    # -- contents --------------------------------------------------------------------------

    def clear(self) -> None:
        self.beginResetModel()
        self.rows, self.order, self._keys = [], [], []
        for counter in self.counts.values():
            counter.clear()
        self.endResetModel()
        self.countsChanged.emit()

    def add_rows(self, rows: Iterable[Row]) -> None:
        """Append rows (in the core's order); the visible ones go where the sort puts them."""
        start = len(self.rows)
        new = list(rows)
        self.rows.extend(new)
        for kind, counter in self.counts.items():
            counter.update(code_of(r, kind) for r in new)
        shown = [start + i for i, row in enumerate(new) if self._accepts(row)]
        if not shown:
            self.countsChanged.emit()
            return
        if self._sort is None:
            first = len(self.order)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self.order.extend(shown)
            self.endInsertRows()
        elif len(shown) <= _INSERT_ONE_BY_ONE:
            key = self._key_function()
            for index in shown:  # each into its place: the view keeps its selection
                k = key(index)
                at = (bisect.bisect_right(self._keys, k) if self._sort[1] == Qt.SortOrder.
                      AscendingOrder else self._descending_place(k))  # fmt: skip
                self.beginInsertRows(QModelIndex(), at, at)
                self._keys.insert(at, k)
                self.order.insert(at, index)
                self.endInsertRows()
        else:  # many at once: one merge and one layout change (selection kept)
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            before = [self.order[i.row()] for i in persistent]
            key = self._key_function()
            reverse = self._sort[1] == Qt.SortOrder.DescendingOrder
            # Two sorted runs: the sort merges them in linear time; keys are made once.
            merged = sorted([*zip(self._keys, self.order, strict=True),
                             *sorted(((key(i), i) for i in shown), reverse=reverse)],
                            reverse=reverse)  # fmt: skip
            self._keys = [k for k, _ in merged]
            self.order = [i for _, i in merged]
            where = {row: position for position, row in enumerate(self.order)} if persistent else {}
            self.changePersistentIndexList(
                persistent,
                [self.index(where[row], i.column()) for row, i in zip(before, persistent,
                                                                      strict=True)],
            )  # fmt: skip
            self.layoutChanged.emit()
        self.countsChanged.emit()

    def _descending_place(self, key: tuple) -> int:
        lo, hi = 0, len(self._keys)
        while lo < hi:  # keys are in descending order: first place whose key is < key
            mid = (lo + hi) // 2
            if self._keys[mid] >= key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def row_at(self, view_row: int) -> Row:
        return self.rows[self.order[view_row]]

    def visible_rows(self) -> list[Row]:
        return [self.rows[i] for i in self.order]

    def group_counts(self, group: str) -> Counter[str | None]:
        """Rows per value of a group column (all rows, whatever the filters)."""
        index = GROUPS[group]
        return Counter(row[index] for row in self.rows)

    # -- filters ---------------------------------------------------------------------------

    def set_text_filter(self, text: str) -> None:
        self._text = text.casefold().strip()
        self._refilter()

    def set_code_filter(self, kind: str, code: str | None) -> None:
        """Only rows whose ``kind`` code (decided_by, remedy) is ``code`` ("" = none
        recorded); None: all."""
        if code is None:
            self._codes.pop(kind, None)
        else:
            self._codes[kind] = code
        self._refilter()

    def code_filter(self, kind: str) -> str | None:
        return self._codes.get(kind)

    def set_group_filter(self, group: str | None, value: str | None = None) -> None:
        """Only rows whose ``group`` column is ``value``; ``group`` None: all."""
        self._group = (GROUPS[group], value) if group else None
        self._refilter()

    def _accepts(self, row: Row) -> bool:
        for kind, code in self._codes.items():
            if code_of(row, kind) != code:
                return False
        if self._group is not None and row[self._group[0]] != self._group[1]:
            return False
        if self._text:
            return any(self._text in str(v).casefold() for v in row if v is not None)
        return True

    def _refilter(self) -> None:
        self.beginResetModel()
        self.order = [i for i, row in enumerate(self.rows) if self._accepts(row)]
        self._apply_sort()
        self.endResetModel()

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SHOWN):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (SHOWN[column], order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _key_function(self) -> Callable[[int], tuple]:
        """Sort key of the row at a position of self.rows; equal values keep input order."""
        assert self._sort is not None
        key, rows = _sort_key(self._sort[0]), self.rows
        return lambda i: (*key(rows[i]), i)

    def _apply_sort(self) -> None:
        if self._sort is None:
            self._keys = []
            return
        key = self._key_function()
        reverse = self._sort[1] == Qt.SortOrder.DescendingOrder
        decorated = sorted(((key(i), i) for i in self.order), reverse=reverse)
        self._keys = [k for k, _ in decorated]
        self.order = [i for _, i in decorated]

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SHOWN)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(SHOWN):
            return column_title(SHOWN[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[self.order[index.row()]]
        name = SHOWN[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            value = row[INDEX[name]]
            if name in CODED and value:
                return plain_tooltip(f"{self.display(row, name)} ({value})")
            if name in ("subject", "from", "error", "source") and value:
                return plain_tooltip(str(value))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    @staticmethod
    def display(row: Row, name: str) -> str:
        value = row[INDEX[name]]
        if name in CODED:
            if row[1] is not None:  # could not be read: no verdict to name
                return ""
            return code_text(CODED[name], value)
        if name == "source":
            return short_source(value)
        return one_line(None if value is None else str(value))

    def refresh_texts(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.order) - 1,
                                                              len(SHOWN) - 1))  # fmt: skip
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(SHOWN) - 1)


class GroupModel(QAbstractTableModel):
    """Groups of the rows (by sending IP or From domain) with their message counts."""

    ALL = object()  # the row "all messages"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str | None, int]] = []
        self.total = 0
        texts.service().language_changed.connect(self.refresh_texts)

    def refresh_texts(self) -> None:
        """Titles and "All messages" in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if self.groups or self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.groups), 1))

    def set_counts(self, counts: Counter[str | None]) -> None:
        self.beginResetModel()
        self.groups = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "\uffff"))
        self.total = sum(counts.values())
        self.endResetModel()

    def key_at(self, row: int) -> Any:
        return self.ALL if row == 0 else self.groups[row - 1][0]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.groups) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Group"), self.tr("Messages"))[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if row == 0:
                return self.tr("All messages") if column == 0 else str(self.total)
            key, count = self.groups[row - 1]
            if column == 1:
                return str(count)
            return one_line(key) if key else self.tr("(none)")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
