"""The main window: Outlook's reading layout (message list | banner + tabs), menus, status.

Start-up is benchmarked against a bare QMainWindow, so this module imports only what the
empty frame needs; the panes (and the modules behind them, which create many Qt enums on
first use) are imported in :meth:`MainWindow.build_contents`, which the app runs right
after the first frame is painted and tests run at once (``deferred=False``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Only what the empty frame needs at module level: the first access to ``Qt`` alone
# creates every Qt-namespace enum (~18 ms), so methods import ``Qt`` and friends locally.
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fopegui import __version__
from fopegui.paths import resource
from fopegui.ui import settings as store
from fopegui.ui import texts

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QModelIndex
    from PySide6.QtGui import (
        QAction,
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
        QKeySequence,
        QPaintEvent,
    )
    from PySide6.QtWidgets import QMenu

    from fopegui.core.model import Finding, Report
    from fopegui.ui.blacklist_tab import BlacklistTab
    from fopegui.ui.dns_worker import DnsWorker
    from fopegui.ui.loader import LoadThread
    from fopegui.ui.reputation_view import ReputationView

TAB_NAMES = ("headers", "received", "raw", "blacklist", "reputation")
_MAX_FAILURE_LINES = 6


def attached_messages(report: Report | None) -> list[tuple[str | None, str]]:
    """(name, path to open) of the messages inside this one that can be analysed in turn:
    messages attached inside a .msg, and the original a bounce carries back."""
    from fopegui.core.model import RETURNED_ORIGINAL  # not at start-up: only with a message

    if report is None or report.source is None or not report.source.path:
        return []
    path = report.source.path
    if report.ndr is not None and report.ndr.original:
        return [(None, f"{path}{RETURNED_ORIGINAL}")]
    if report.source.kind != "msg":
        return []
    return [
        (a.name or f"#{a.index + 1}", f"{path}#attachment-{a.index}")
        for a in report.source.attachments
        if a.is_message
    ]


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


class MainWindow(QMainWindow):
    def __init__(
        self, settings: QSettings | None = None, lang: str | None = None, deferred: bool = False
    ) -> None:
        """``lang``, if given, switches the text service (ui/texts.py) that renders the core's
        texts; by default the window shows them in the language the app started in."""
        super().__init__()
        self.settings = settings if settings is not None else store.open_settings()
        if lang is not None:
            texts.set_language(lang)
        self.failures: list[Report] = []  # every report with an error since the window opened
        self._thread: LoadThread | None = None
        self._batch_failures: list[Report] = []
        self._batch_first_row: int | None = None
        self._current: Report | None = None
        self._dns_worker: DnsWorker | None = None  # blacklist (issue 6): created on first use

        self.setObjectName("mainWindow")
        self.setWindowTitle("fopegui")
        app_icon = resource("icons", "fopegui.svg")
        if app_icon.is_file():
            self.setWindowIcon(QIcon(str(app_icon)))
        self.setAcceptDrops(True)
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        self._built = False
        self._build_on_paint = deferred
        if not deferred:
            self.build_contents()

    # -- construction ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._build_on_paint:
            self._build_on_paint = False  # first frame is on screen: now fill it
            QTimer.singleShot(0, self.build_contents)

    def build_contents(self) -> None:
        """Create the panes, menus and status bar (once)."""
        from PySide6.QtGui import QGuiApplication

        if self._built:
            return
        self._built = True
        self._build_panes()
        self._build_status_bar()
        self._build_menus()
        self._restore_splitters()
        self.show_report(None)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.refresh_colours)

    def _build_panes(self) -> None:
        from PySide6.QtCore import QSortFilterProxyModel, Qt

        from fopegui.ui.banner import DiagnosisBanner
        from fopegui.ui.header_tree import HeaderTreeTab
        from fopegui.ui.lazy_page import LazyPage

        def blacklist_tab() -> QWidget:  # built when first shown: it loads the DNS engine
            from fopegui.ui.blacklist_tab import BlacklistTab

            return BlacklistTab(settings=self.settings, worker=self.dns_worker)

        def reputation_tab() -> QWidget:
            from fopegui.ui.reputation_view import ReputationView

            return ReputationView(settings=self.settings, worker=self.dns_worker)

        from fopegui.ui.message_bar import MessageBar
        from fopegui.ui.message_list import MessageListView
        from fopegui.ui.models import SORT_ROLE, MessageListModel
        from fopegui.ui.raw_tab import RawTab
        from fopegui.ui.received_tab import ReceivedTab

        self.messages = MessageListModel(self)
        # The panes re-render the core's texts themselves; the list only repaints tooltips.
        texts.service().language_changed.connect(self.messages.refresh_texts)
        self.sorted_messages = QSortFilterProxyModel(self)
        self.sorted_messages.setSourceModel(self.messages)
        self.sorted_messages.setSortRole(SORT_ROLE)
        self.message_list = MessageListView()
        self.message_list.setModel(self.sorted_messages)
        self.message_list.size_columns()
        self.message_list.filesDropped.connect(self.open_paths)
        self.message_list.textDropped.connect(self.load_text)
        self.message_list.deleteRequested.connect(self.remove_selected)
        self.message_list.selectionModel().currentRowChanged.connect(self._message_changed)
        self.message_list.selectionModel().selectionChanged.connect(
            lambda *_: self._update_report_actions()  # issue 7: export/print/submit
        )

        self.banner = DiagnosisBanner()
        self.banner.findingSelected.connect(self._finding_selected)
        self.banner.submitRequested.connect(self.report_false_positive)  # issue 7
        self.headers_tab = HeaderTreeTab()
        self.received_tab = ReceivedTab()
        self.raw_tab = RawTab()
        self._blacklist_page = LazyPage("blacklist", blacklist_tab)
        self._reputation_page = LazyPage("reputation", reputation_tab)  # issue 7
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        titles = (
            self.tr("Headers"),
            self.tr("Received"),
            self.tr("Raw"),
            self.tr("Blacklist"),
            self.tr("Reputation"),
        )
        pages = (
            self.headers_tab,
            self.received_tab,
            self.raw_tab,
            self._blacklist_page,
            self._reputation_page,
        )
        for name, title, page in zip(TAB_NAMES, titles, pages, strict=True):
            page.setObjectName(name)
            self.tabs.addTab(page, title)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.message_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([500, 900])

        self.message_bar = MessageBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    @property
    def blacklist_tab(self) -> BlacklistTab:
        return self._blacklist_page.page()

    @property
    def reputation_tab(self) -> ReputationView:
        return self._reputation_page.page()

    def _build_status_bar(self) -> None:
        from PySide6.QtCore import Qt

        bar = self.statusBar()
        self.status_labels = {key: QLabel() for key in ("kind", "size", "sha256", "parse")}
        for label in self.status_labels.values():
            label.setTextFormat(Qt.TextFormat.PlainText)
            bar.addPermanentWidget(label)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Loading %v of %m"))
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_loading)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.paste_dialog_action = self._action(
            self.tr("Paste &headers…"), self.paste_dialog, "Ctrl+Shift+V"
        )
        file_menu.addAction(self.open_action)
        self.triage_action = self._action(
            self.tr("Open folder / &mailbox…"), self.show_triage, "Ctrl+Shift+O"
        )  # issue 16
        file_menu.addAction(self.triage_action)
        file_menu.addAction(self.paste_dialog_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        # Messages attached inside an Outlook .msg (forwarded as attachment) open in turn.
        self.attached_menu = file_menu.addMenu(self.tr("Open &attached message"))
        self.attached_menu.aboutToShow.connect(self._fill_attached_menu)
        self.attached_menu.setEnabled(False)
        file_menu.addSeparator()
        self.close_action = self._action(
            self.tr("&Close message"), self.remove_selected, QKeySequence.StandardKey.Close
        )
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        self._build_file_menu_export(file_menu)  # issue 7
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, "Ctrl+Q"))

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.paste_action = self._action(
            self.tr("&Paste"), self.paste_clipboard, QKeySequence.StandardKey.Paste
        )
        edit_menu.addAction(self.paste_action)
        edit_menu.addAction(self.headers_tab.copy_value_action)
        edit_menu.addAction(self.headers_tab.copy_row_action)
        edit_menu.addSeparator()
        self.find_action = self._action(self.tr("&Find…"), self.find, QKeySequence.StandardKey.Find)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.remove_action = QAction(self.tr("&Remove from list"), self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        edit_menu.addAction(self.remove_action)

        view_menu = menu.addMenu(self.tr("&View"))
        self.group_action = QAction(self.tr("&Group headers by kind"), self)
        self.group_action.setCheckable(True)
        self.group_action.setChecked(True)
        self.group_action.toggled.connect(self.headers_tab.set_grouped)
        self.headers_tab.group_button.toggled.connect(self.group_action.setChecked)
        view_menu.addAction(self.group_action)
        view_menu.addSeparator()
        for index in range(self.tabs.count()):
            action = self._action(
                self.tabs.tabText(index),
                lambda _=False, i=index: self.tabs.setCurrentIndex(i),
                f"Ctrl+{index + 1}",
            )
            view_menu.addAction(action)

        if getattr(self, "tools_menu", None) is None:
            self.tools_menu = menu.addMenu(self.tr("&Tools"))
        self._build_tools_menu_blacklist(self.tools_menu)
        self._build_tools_menu_submission(self.tools_menu)  # issue 7

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(
                self.tr("fopegui &help"), self.show_help, QKeySequence.StandardKey.HelpContents
            )
        )
        help_menu.addAction(self._action(self.tr("&About fopegui"), self.show_about))

    # -- blacklist tools (issue 6) ---------------------------------------------------------

    def _build_tools_menu_blacklist(self, menu: QMenu) -> None:
        self.kb2590562_action = self._action(
            self.tr("NDR from a &blacklist…"), self.show_kb2590562_wizard
        )
        self.settings_action = self._action(self.tr("&Settings…"), self.show_settings_dialog)
        menu.addAction(self.kb2590562_action)
        menu.addSeparator()
        menu.addAction(self.settings_action)

    def dns_worker(self) -> DnsWorker:
        """The app's one DNS worker (asyncio loop thread), created on first use."""
        from fopegui.ui.dns_worker import DnsWorker

        if self._dns_worker is None:
            self._dns_worker = DnsWorker(self)
        return self._dns_worker

    def show_kb2590562_wizard(self) -> None:
        from fopegui.ui.kb2590562_wizard import Kb2590562Wizard

        wizard = Kb2590562Wizard(self.settings, self.dns_worker, report=self._current, parent=self)
        wizard.show()

    def show_settings_dialog(self) -> None:
        from fopegui.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.dns_worker, parent=self)
        dialog.exec()

    # -- issue 7: export / print, false-positive submission -------------------------------

    def _build_file_menu_export(self, menu: QMenu) -> None:
        from fopegui.ui.export import ReportExporter

        self.exporter = ReportExporter(self, self.selected_reports, self.settings)
        menu.addAction(self.exporter.export_action)
        menu.addAction(self.exporter.print_action)
        menu.addAction(self.exporter.preview_action)

    def _build_tools_menu_submission(self, menu: QMenu) -> None:
        self.submit_action = self._action(
            self.tr("Report a &false positive…"), self.report_false_positive
        )
        menu.addSeparator()
        menu.addAction(self.submit_action)

    def selected_reports(self) -> list[Report]:
        """The selected messages in list order (the current one if none is selected)."""
        from fopegui.ui.models import OBJECT_ROLE

        rows = sorted(self.message_list.selectionModel().selectedRows(), key=lambda i: i.row())
        reports = [i.data(OBJECT_ROLE) for i in rows]
        if not reports and self._current is not None:
            reports = [self._current]
        return [r for r in reports if r is not None]

    def _update_report_actions(self) -> None:
        if not hasattr(self, "exporter"):  # menus are built after the panes
            return
        self.exporter.update_actions()
        current = self._current
        self.submit_action.setEnabled(current is not None and current.source is not None)

    def report_false_positive(self) -> None:
        """Tools ▸ Report a false positive… for the current message (KB2669119 Method 2)."""
        from PySide6.QtCore import Qt

        from fopegui.ui.submission_wizard import SubmissionWizard

        report = self._current
        if report is None or report.source is None:
            return
        self.submission_wizard = SubmissionWizard(report, self.settings, parent=self)
        self.submission_wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.submission_wizard.open()  # window-modal; the app keeps running

    # -- mailbox triage (issue 16) --------------------------------------------------------

    def show_triage(self) -> QWidget:
        """The triage window (one per main window); its rows open here on double-click."""
        from fopegui.ui.triage_view import TriageWindow

        if getattr(self, "triage_window", None) is None:
            self.triage_window = TriageWindow(self.settings, parent=self)
            self.triage_window.openRequested.connect(self.open_paths)
        self.triage_window.show()
        self.triage_window.raise_()
        self.triage_window.activateWindow()
        return self.triage_window

    # -- settings -------------------------------------------------------------------------

    def _restore_splitters(self) -> None:
        for key, splitter in self._splitters().items():
            state = self.settings.value(f"window/{key}")
            if state is not None:
                splitter.restoreState(state)

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main_splitter": self.splitter,
            "header_splitter": self.headers_tab.splitter,
            "received_splitter": self.received_tab.splitter,
        }

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items() if self._built else ():
            self.settings.setValue(f"window/{key}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release_loading()
        if getattr(self, "triage_window", None) is not None:
            self.triage_window.close()  # stops its run; a window of its own otherwise stays
        if self._dns_worker is not None:
            self._dns_worker.shutdown()  # cancels running checks and joins the loop thread
        self.save_settings()
        super().closeEvent(event)

    def release_loading(self) -> None:
        """Cancel a batch load and hand its thread to the loader, which lets it end on its own:
        the file being analysed cannot be dropped half-way, and Qt aborts the process when a
        running QThread is destroyed with this window. The window wants no more results."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        from fopegui.ui.loader import finish_in_background

        for signal in (thread.reportsReady, thread.progress, thread.finished):
            signal.disconnect()
        finish_in_background(thread)

    # -- loading --------------------------------------------------------------------------

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open messages"),
            store.last_folder(self.settings),
            self.tr("Messages (*.eml *.msg *.txt);;All files (*)"),
        )
        if paths:
            store.set_last_folder(self.settings, str(Path(paths[0]).parent))
            self.open_paths(paths)

    def open_paths(self, paths: list[str], background: bool | None = None) -> None:
        """Load files: at once for a few small ones, in a worker thread for a batch."""
        from fopegui.ui.loader import LoadThread, analyze_file, should_run_in_background

        self.build_contents()
        paths = [str(p) for p in paths]
        if not paths:
            return
        if background is None:
            background = should_run_in_background(paths)
        if not background:
            self._begin_batch()
            self.add_reports([analyze_file(p) for p in paths])
            self._end_batch()
            return
        self.release_loading()  # a batch still loading: cancelled, and none of its results
        self._begin_batch()
        thread = LoadThread(paths, self)
        thread.reportsReady.connect(self.add_reports)
        thread.progress.connect(self._progress)
        thread.finished.connect(lambda: self._thread_finished(thread))
        self._thread = thread
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        thread.start()

    def is_loading(self) -> bool:
        return self._thread is not None

    def cancel_loading(self) -> None:
        if self._thread is not None:
            self._thread.requestInterruption()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _thread_finished(self, thread: LoadThread) -> None:
        thread.deleteLater()
        if thread is not self._thread:  # a cancelled batch that a newer one replaced
            return
        self._thread = None
        self.progress.hide()
        self.cancel_button.hide()
        self._end_batch()

    def _begin_batch(self) -> None:
        self._batch_failures = []
        self._batch_first_row = None

    def _end_batch(self) -> None:
        if self._batch_failures:
            self._show_failures(self._batch_failures)

    def load_text(self, text: str) -> None:
        """Analyse pasted header text as a new message in the list."""
        from fopegui.ui.loader import analyze_pasted

        self.build_contents()
        if text.strip():
            self._begin_batch()
            self.add_reports([analyze_pasted(text)])
            self._end_batch()

    def add_reports(self, reports: list[Report]) -> None:
        good = [r for r in reports if not r.error]
        failed = [r for r in reports if r.error]
        self.failures.extend(failed)
        self._batch_failures.extend(failed)
        for report in good:
            if report.path:
                store.add_recent_file(self.settings, report.path)
        if not good:
            return
        first_new = self.messages.rowCount()
        self.messages.add_reports(good)
        if self._batch_first_row is None:
            self._batch_first_row = first_new
            self.select_source_row(first_new)

    def select_source_row(self, row: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        index = self.sorted_messages.mapFromSource(self.messages.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.message_list.selectionModel().setCurrentIndex(index, flags)
        self.message_list.scrollTo(index)

    def _show_failures(self, failed: list[Report]) -> None:
        from fopegui.ui.models import display_name
        from fopegui.ui.plain import shown

        lines = [
            self.tr("{name}: {reason}").format(
                name=display_name(r), reason=shown(texts.tr_core(r.error))
            )
            for r in failed[:_MAX_FAILURE_LINES]
        ]
        if len(failed) > _MAX_FAILURE_LINES:
            more = len(failed) - _MAX_FAILURE_LINES
            lines.append(self.tr("… and {n} more").format(n=more))
        if len(failed) == 1:
            head = self.tr("Could not load 1 file:")
        else:
            head = self.tr("Could not load {n} files:").format(n=len(failed))
        self.message_bar.show_text("\n".join([head, *lines]))

    # -- clipboard ------------------------------------------------------------------------

    def paste_clipboard(self) -> None:
        """Ctrl+V: files copied in a file manager load as files; text loads as headers."""
        from PySide6.QtGui import QGuiApplication

        from fopegui.ui.message_list import paths_from_mime

        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        paths = paths_from_mime(mime)
        if paths:
            self.open_paths(paths)
        elif mime.hasText() and mime.text().strip():
            self.load_text(mime.text())

    def paste_dialog(self) -> None:
        from fopegui.ui.paste_dialog import PasteDialog

        dialog = PasteDialog(self)
        if dialog.exec():
            self.load_text(dialog.text())

    # -- showing --------------------------------------------------------------------------

    def current_report(self) -> Report | None:
        return self._current

    def _message_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from fopegui.ui.models import OBJECT_ROLE

        report = current.data(OBJECT_ROLE) if current.isValid() else None
        self.show_report(report)

    def show_report(self, report: Report | None) -> None:
        from fopegui.ui.models import display_name

        self._current = report
        self.banner.set_report(report)
        self.headers_tab.set_report(report)
        self.received_tab.set_report(report)
        self.raw_tab.set_report(report)
        self._blacklist_page.set_report(report)
        self._reputation_page.set_report(report)  # issue 7: cancels a running check
        self._update_status(report)
        self._update_report_actions()  # issue 7
        self.attached_menu.setEnabled(bool(attached_messages(report)))
        title = f"{display_name(report)} — fopegui" if report else "fopegui"
        self.setWindowTitle(title)
        if report is not None:
            self._preselect(report)

    def _preselect(self, report: Report) -> None:
        """Open on the header behind the most serious finding, so the why is visible at once."""
        order = {"problem": 0, "warning": 1, "unknown": 2, "info": 3, "ok": 4}
        findings = sorted(
            (f for f in report.findings if f.header), key=lambda f: order.get(f.severity, 5)
        )
        for finding in findings:
            if self.headers_tab.select_header(finding.header or ""):
                return

    def _finding_selected(self, finding: Finding) -> None:
        self.tabs.setCurrentWidget(self.headers_tab)
        if finding.header and self.headers_tab.select_header(finding.header):
            return
        self.headers_tab.detail.show_finding(finding)

    def _update_status(self, report: Report | None) -> None:
        labels = self.status_labels
        source = report.source if report else None
        if source is None:
            for label in labels.values():
                label.clear()
            return
        kinds = {
            "eml": self.tr("EML file"),
            "msg": self.tr("Outlook MSG"),
            "text": self.tr("Pasted text"),
        }
        labels["kind"].setText(kinds.get(source.kind, source.kind))
        labels["size"].setText(human_size(source.size))
        labels["sha256"].setText(self.tr("SHA-256 {prefix}…").format(prefix=source.sha256[:12]))
        labels["sha256"].setToolTip(source.sha256)
        labels["parse"].setText(self.tr("Parsed in {ms:.1f} ms").format(ms=report.parse_ms))

    def select_tab(self, name: str) -> bool:
        if name not in TAB_NAMES:
            return False
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))
        return True

    def refresh_colours(self) -> None:
        self.show_report(self._current)
        self.received_tab.refresh_colours()

    def changeEvent(self, event: QEvent) -> None:
        if getattr(self, "_built", False):  # Qt sends change events during __init__
            from PySide6.QtCore import QEvent

            if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
                self.refresh_colours()
        super().changeEvent(event)

    # -- list editing, find, help ---------------------------------------------------------

    def remove_selected(self) -> None:
        """Remove the selected messages from the list (files on disk are never touched)."""
        rows = self.message_list.selectionModel().selectedRows()
        source_rows = [self.sorted_messages.mapToSource(i).row() for i in rows]
        if not source_rows:
            current = self.message_list.currentIndex()
            if not current.isValid():
                return
            source_rows = [self.sorted_messages.mapToSource(current).row()]
        self.messages.remove_rows(source_rows)
        if self.messages.rowCount() == 0:
            self.show_report(None)

    def find(self) -> None:
        if self.tabs.currentWidget() is self.raw_tab:
            self.raw_tab.show_find()
            return
        self.tabs.setCurrentWidget(self.headers_tab)
        self.headers_tab.filter_edit.setFocus()
        self.headers_tab.filter_edit.selectAll()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = store.recent_files(self.settings)
        if not files:
            empty = self.recent_menu.addAction(self.tr("(none)"))
            empty.setEnabled(False)
            return
        from fopegui.ui.plain import one_line

        for path in files:
            action = self.recent_menu.addAction(one_line(path).replace("&", "&&"))
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))

    def _fill_attached_menu(self) -> None:
        from fopegui.ui.plain import one_line

        self.attached_menu.clear()
        report = self._current
        for name, target in attached_messages(report):
            label = one_line(name) or self.tr("Original message returned by the bounce")
            action = self.attached_menu.addAction(label.replace("&", "&&"))
            action.triggered.connect(lambda _=False, t=target: self.open_paths([t]))

    def show_help(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = self.tr(
            "Drop .eml or .msg files (or a folder) on the message list, use File ▸ Open, "
            "or paste header text with Ctrl+V.\n\n"
            "The banner says whether the filter treated the message as spam and which "
            "method of KB2669119 applies:\n"
            "  1 — an Advanced Spam Filtering option fired (X-CustomSpam): turn it off;\n"
            "  2 — content filtering: submit the message as a false positive;\n"
            "  3 — a policy rule or a block list: adjust the rule.\n\n"
            "Headers: every header, decoded fields coloured by severity; select a row for its "
            "explanation. Received: the route, slow hops, clock skew and the outbound edge "
            "server (KB2590562). Raw: the original header text (Ctrl+F to find). Blacklist: "
            "check the outbound or sending server against DNS blacklists. Reputation: check "
            "the sending server's reverse DNS, HELO and blacklists now.\n\n"
            "Tools ▸ NDR from a blacklist… walks through KB2590562; Tools ▸ Report a false "
            "positive… prepares the submission of KB2669119 Method 2.\n\n"
            "Keys: Ctrl+O open, Ctrl+V paste, Ctrl+F find, Ctrl+W close message, Ctrl+E export, "
            "Ctrl+P print, Delete remove from list, Ctrl+1…5 tabs, F1 this help."
        )
        QMessageBox.information(self, self.tr("fopegui help"), text)

    def show_about(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        text = self.tr(
            "fopegui {version}\nWhy was this message filtered? Header analysis for "
            "Microsoft FOPE and Exchange Online Protection."
        ).format(version=__version__)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About fopegui"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    # -- drops anywhere on the window -----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from fopegui.ui.message_list import accepts

        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from fopegui.ui.message_list import paths_from_mime

        mime = event.mimeData()
        paths = paths_from_mime(mime)
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)
        elif mime.hasText():
            event.acceptProposedAction()
            self.load_text(mime.text())
