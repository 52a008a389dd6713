"""File ▸ Open folder / mailbox…: many messages at once, one row each (core.triage).

A window of its own: what decided each verdict (a bar chart of the counts, click a bar to
filter), a sortable, filterable table of the messages (columns arranged by the user and
remembered, ui/triage_columns.py), groups by sending IP or From domain, CSV export, progress
with Cancel. The analysis runs in worker processes driven from a QThread
(ui/triage_worker.py); this window only shows rows. Double-clicking a row asks the main
window to open the message in the normal view (``openRequested``): the views never import
each other, the main window wires them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fopegui.ui import settings as store
from fopegui.ui import texts
from fopegui.ui.mailboxes import mailbox_files
from fopegui.ui.triage_chart import CodeChart
from fopegui.ui.triage_columns import ColumnLayout
from fopegui.ui.triage_model import COUNTED, SHOWN, GroupModel, TriageTableModel
from fopegui.ui.triage_worker import TriageThread

_WIDTHS = {"source": 150, "from": 200, "subject": 280, "date": 170, "decided_by": 210,
           "destination": 90, "remedy": 240, "kb_methods": 70, "scl": 45, "bcl": 45,
           "sfv": 50, "cat": 60, "sending_ip": 120, "country": 60}  # fmt: skip
_COUNTS_MS = 250  # the chart and the groups are recounted at most this often while loading


class TriageWindow(QWidget):
    openRequested = Signal(list)  # [source] of a message to open in the main window
    finished = Signal()  # a run ended (done or cancelled)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.settings = settings if settings is not None else store.open_settings()
        self.paths: list[str] = []
        self._summary: tuple[int, int, bool | None] | None = None  # shown again in a new language
        self._thread: TriageThread | None = None
        self.setObjectName("triageWindow")
        self.setAcceptDrops(True)
        self.model = TriageTableModel(self)
        self.groups = GroupModel(self)
        self._build()
        self._counts_timer = QTimer(self, singleShot=True, interval=_COUNTS_MS)
        self._counts_timer.timeout.connect(self._update_counts)
        self.model.countsChanged.connect(self._counts_changed)
        texts.service().language_changed.connect(self._language_changed)
        geometry = self.settings.value("triage/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1300, 800)
        self._retitle()

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.open_folder_button = QPushButton()
        self.open_folder_button.clicked.connect(self.choose_folder)
        self.open_file_button = QPushButton()
        self.open_file_button.clicked.connect(self.choose_file)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        # Filtering 26,000 rows takes ~60 ms: once the typing pauses, not at every key.
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(self._filter_typed)
        self.group_combo = QComboBox()
        for key in ("", "sending_ip", "from_domain"):
            self.group_combo.addItem("", key)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_dialog)
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        for widget in (self.open_folder_button, self.open_file_button):
            bar.addWidget(widget)
        bar.addWidget(self.filter_edit, 1)
        self.group_label = QLabel()
        bar.addWidget(self.group_label)
        bar.addWidget(self.group_combo)
        bar.addWidget(self.export_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

        self.charts = {kind: CodeChart(kind) for kind in COUNTED}
        for kind, chart in self.charts.items():
            chart.codeClicked.connect(lambda code, k=kind: self.model.set_code_filter(k, code))
        self.group_view = self._table(self.groups)
        self.group_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.group_view.selectionModel().currentRowChanged.connect(self._group_selected)
        self.group_view.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_titles: dict[str, QLabel] = {}
        for kind, chart in self.charts.items():
            title = self.chart_titles[kind] = QLabel()
            title.setStyleSheet("font-weight: bold")
            left_layout.addWidget(title)
            left_layout.addWidget(chart)
        left_layout.addWidget(self.group_view, 1)
        left_layout.addStretch(0)

        self.table = self._table(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.columns = ColumnLayout(self.table, self.settings, SHOWN, _WIDTHS)  # remembered
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 900])
        state = self.settings.value("triage/splitter")
        if state is not None:
            self.splitter.restoreState(state)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status)
        self.splitter.hide()

        QShortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)  # all bindings
        QShortcut(QKeySequence("Ctrl+E"), self, self.export_dialog)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)  # Ctrl+W and Ctrl+F4
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)  # a run; else nothing
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table,
                  lambda: self.open_row(self.table.currentIndex().row()))  # fmt: skip
        group = str(self.settings.value("triage/group", "") or "")
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group), 0))
        self._set_texts()

    def _set_texts(self) -> None:
        """Every text of the window, in the current language (again when it changes)."""
        self.open_folder_button.setText(self.tr("Open &folder…"))
        self.open_file_button.setText(self.tr("Open &mailbox file…"))
        self.open_file_button.setToolTip(
            self.tr("An mbox file, an Outlook .pst/.ost, or one message"))
        self.filter_edit.setPlaceholderText(
            self.tr("Filter: any text in a row (sender, subject, IP, code…)"))
        labels = (self.tr("No grouping"), self.tr("Sending IP"), self.tr("From domain"))
        for index, label in enumerate(labels):
            self.group_combo.setItemText(index, label)
        self.group_label.setText(self.tr("Group by:"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the run; the rows read so far stay (Esc)"))
        titles = {"decided_by": self.tr("What decided (click a bar to filter)"),
                  "remedy": self.tr("What to do")}  # fmt: skip
        for kind, title in self.chart_titles.items():
            title.setText(titles[kind])
        self.empty.setText(self.tr("Drop a folder, an mbox file or a .pst here, or open one "
                                   "with the buttons above."))  # fmt: skip

    @staticmethod
    def _table(model: object) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(22)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAlternatingRowColors(True)
        return view

    # -- running ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a folder of messages"), store.last_folder(self.settings))
        if folder:
            store.set_last_folder(self.settings, folder)
            self.start([folder])

    def choose_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open mailbox files"), store.last_folder(self.settings),
            self.tr("Mailboxes (*.mbox *.mbx *.pst *.ost);;All files (*)"))  # fmt: skip
        if paths:
            store.set_last_folder(self.settings, str(Path(paths[0]).parent))
            self.start(paths)

    def start(self, paths: list[str], jobs: int | None = None,
              mailboxes: list[str] | None = None) -> TriageThread:  # fmt: skip
        """Triage ``paths`` (folders, mbox, .pst, messages), replacing what is shown. Its
        mailbox files (``mailboxes`` when the caller has checked them) join File ▸ Open
        Recent, which opens them here again."""
        self.cancel()
        self.paths = [str(p) for p in paths]
        if mailboxes is None:
            mailboxes = mailbox_files(self.paths)
        store.add_recent_files(self.settings, mailboxes)
        self.model.clear()
        for kind, chart in self.charts.items():
            chart.set_selected(None)
            self.model.set_code_filter(kind, None)
        self.empty.hide()
        self.splitter.show()
        thread = TriageThread(self.paths, self, jobs=jobs)
        thread.rowsReady.connect(self.model.add_rows)
        thread.progress.connect(self._progress)
        thread.failed.connect(self._failed)
        thread.finished.connect(lambda: self._finished(thread))
        self._thread = thread
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        self._retitle()
        thread.start()
        return thread

    def is_running(self) -> bool:
        return self._thread is not None

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.setProperty("cancelled", True)  # isInterruptionRequested() resets
            self._thread.requestInterruption()

    def _progress(self, messages: int, errors: int, fraction: float) -> None:
        self.progress.setValue(int(fraction * 1000))
        self._show_summary(messages, errors)

    def _failed(self, reason: str) -> None:
        self._summary = None  # a message of its own, kept as it is
        self.summary.setText(self.tr("The run stopped: {reason}").format(reason=reason))

    def _finished(self, thread: TriageThread) -> None:
        thread.deleteLater()
        if thread is not self._thread:
            return
        self._thread = None
        self.progress.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(bool(self.model.rows))
        errors = sum(1 for row in self.model.rows if row[1] is not None)
        self._show_summary(len(self.model.rows), errors, done=not thread.property("cancelled"))
        self._update_counts()
        self.finished.emit()

    def _show_summary(self, messages: int, errors: int, done: bool | None = None) -> None:
        self._summary = (messages, errors, done)
        text = self.tr("{n} messages").format(n=f"{messages:,}")
        if errors:
            text += self.tr(", {n} could not be read").format(n=f"{errors:,}")
        if len(self.model.order) != len(self.model.rows):
            text += self.tr("; {n} shown").format(n=f"{len(self.model.order):,}")
        if done is False:
            text += self.tr(" (cancelled)")
        self.summary.setText(text)

    # -- counts, filters, groups -------------------------------------------------------------

    def _counts_changed(self) -> None:
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def _update_counts(self) -> None:
        for kind, chart in self.charts.items():
            chart.set_counts(self.model.counts[kind])
        group = self.group_combo.currentData()
        if group:
            self.groups.set_counts(self.model.group_counts(group))

    def _language_changed(self, _lang: str) -> None:
        self._set_texts()
        self._retitle()
        self._update_counts()  # the charts' labels
        if self._summary is not None:
            self._show_summary(*self._summary)

    def _filter_typed(self, _text: str) -> None:
        self._filter_timer.start()  # (re)starts the pause

    def _apply_filter(self) -> None:
        self.model.set_text_filter(self.filter_edit.text())
        self._show_summary(len(self.model.rows), sum(r[1] is not None for r in self.model.rows))

    def _group_changed(self) -> None:
        group = self.group_combo.currentData()
        self.settings.setValue("triage/group", group)
        self.group_view.setVisible(bool(group))
        self.model.set_group_filter(None)
        if group:
            self.groups.set_counts(self.model.group_counts(group))

    def _group_selected(self, current: object, _previous: object) -> None:
        group = self.group_combo.currentData()
        row = current.row() if current.isValid() else 0  # type: ignore[attr-defined]
        key = self.groups.key_at(row) if group else GroupModel.ALL
        if key is GroupModel.ALL:
            self.model.set_group_filter(None)
        else:
            self.model.set_group_filter(group, key)

    # -- opening, exporting ------------------------------------------------------------------

    def open_row(self, view_row: int) -> None:
        if 0 <= view_row < self.model.rowCount():
            self.openRequested.emit([self.model.row_at(view_row)[0]])

    def export_dialog(self) -> None:
        if not self.model.rows:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the rows shown as CSV"),
            str(Path(store.last_folder(self.settings)) / "triage.csv"),
            self.tr("CSV files (*.csv)"))  # fmt: skip
        if path:
            self.export(path)

    def export(self, path: str) -> bool:
        """Write the rows shown (filters applied, in the order shown) as CSV."""
        from fopegui.ui.triage_export import write_csv

        error = write_csv(path, self.model.visible_rows(), self.paths)
        self._summary = None  # the export's own message, kept as it is
        if error:
            self.summary.setText(error)
            return False
        self.summary.setText(self.tr("Exported {n} rows to {file}").format(
            n=f"{len(self.model.order):,}", file=Path(path).name))  # fmt: skip
        return True

    # -- window ----------------------------------------------------------------------------

    def _retitle(self) -> None:
        names = ", ".join(Path(p).name or p for p in self.paths[:3])
        more = "…" if len(self.paths) > 3 else ""
        title = self.tr("Triage")
        self.setWindowTitle(f"{names}{more} — {title} — fopegui" if names else f"{title} — fopegui")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        if self._thread is not None:
            self._thread.wait(10_000)
        self.settings.setValue("triage/geometry", self.saveGeometry())
        self.settings.setValue("triage/splitter", self.splitter.saveState())
        self.columns.save()  # widths too
        super().closeEvent(event)
