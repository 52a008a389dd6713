"""The main window: Outlook's reading layout (message list | banner + tabs), menus, status.

It is the one place that wires the views together; its parts live beside it:
``window_layout`` (panes, focus order, what a rebuild keeps), ``window_actions`` (menus,
shortcuts, Help) and ``window_loading`` (files, pasted text, batches, the error bar).

Start-up is benchmarked against a bare QMainWindow, so this module imports only what the
empty frame needs; the panes (and the modules behind them, which create many Qt enums on
first use) are imported in :meth:`MainWindow.build_contents`, which the app runs right
after the first frame is painted and tests run at once (``deferred=False``).

View ▸ Language switches the language without a restart: Qt's translators are replaced and
the panes and menus are built again around the same reports (:meth:`set_language`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only what the empty frame needs at module level: the first access to ``Qt`` alone
# creates every Qt-namespace enum (~18 ms), so methods import ``Qt`` and friends locally.
from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QWidget

from fopegui.paths import resource
from fopegui.ui import settings as store
from fopegui.ui import texts, window_actions, window_layout
from fopegui.ui.window_layout import TAB_NAMES as TAB_NAMES
from fopegui.ui.window_loading import WindowLoading

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QModelIndex
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent

    from fopegui.core.model import Finding, Report
    from fopegui.ui.blacklist_tab import BlacklistTab
    from fopegui.ui.dns_worker import DnsWorker
    from fopegui.ui.loader import LoadThread
    from fopegui.ui.reputation_view import ReputationView


class MainWindow(QMainWindow):
    languageSwitched = Signal(str)  # the window has been rebuilt in this language

    def __init__(
        self, settings: QSettings | None = None, lang: str | None = None, deferred: bool = False
    ) -> None:
        """``lang``, if given, switches the text service (ui/texts.py) that renders the core's
        texts; by default the window shows them in the language the app started in."""
        super().__init__()
        self.settings = settings if settings is not None else store.open_settings()
        if lang is not None:
            texts.set_language(lang)
        self.loading = WindowLoading(self)
        self._current: Report | None = None
        self._dns_worker: DnsWorker | None = None  # blacklist (issue 6): created on first use
        self._wizards: list[QWidget] = []  # open non-modal wizards (closed at a language switch)

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
        self._build()
        window_layout.restore_splitters(self)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.refresh_colours)

    def _build(self) -> None:
        window_layout.build_panes(self)
        window_layout.build_status_bar(self)
        window_actions.build_menus(self)
        self.loading.show_progress()
        self.show_report(None)

    @property
    def blacklist_tab(self) -> BlacklistTab:
        return self._blacklist_page.page()

    @property
    def reputation_tab(self) -> ReputationView:
        return self._reputation_page.page()

    # -- language ---------------------------------------------------------------------------

    def choose_language(self, choice: str) -> None:
        """View ▸ Language: "en", "ja" or "" (the system's). Remembered in the settings; the
        switch runs once the menu has closed (it rebuilds the menus)."""
        from fopegui.ui.language import choose_language

        store.set_language(self.settings, choice)
        lang = choose_language(None, self.settings)
        QTimer.singleShot(0, lambda: self.set_language(lang))

    def set_language(self, lang: str) -> None:
        """Show the window in ``lang`` now: Qt's translations and the core's texts switch, and
        the panes and menus are built again around the same reports, keeping the selection,
        tab, sort, splitters, header filter and focus. Open wizards close (they were built in
        the old language); the triage window keeps its run."""
        from fopegui.ui.language import applied, apply_language

        if lang == applied() == texts.language():  # already so (View ▸ Language ▸ System)
            self.languageSwitched.emit(lang)
            return
        if not self._built:
            apply_language(lang)
            self.languageSwitched.emit(lang)
            return
        state = window_layout.PaneState.take(self)
        bar_shown = not self.message_bar.isHidden()
        for wizard in self._wizards:
            wizard.close()
        self._wizards.clear()
        window_layout.tear_down(self)
        apply_language(lang)  # no old widget left to re-render in the new language
        self._build()
        state.put_back(self)
        if bar_shown:
            self.loading.show_bar_again()
        self.languageSwitched.emit(lang)

    # -- showing --------------------------------------------------------------------------

    def current_report(self) -> Report | None:
        return self._current

    def message_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
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
        self._reputation_page.set_report(report)  # cancels a running check
        window_layout.show_status(self, report)
        self.update_report_actions()
        self.attached_menu.setEnabled(bool(window_actions.attached_messages(report)))
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

    def finding_selected(self, finding: Finding) -> None:
        self.tabs.setCurrentWidget(self.headers_tab)
        if finding.header and self.headers_tab.select_header(finding.header):
            return
        self.headers_tab.detail.show_finding(finding)

    def detail_follows_filter(self, _text: str) -> None:
        """The detail pane shows the tree's current row, and nothing once the filter hides it."""
        tab = self.headers_tab
        if not tab.tree.currentIndex().isValid():
            tab.detail.show_hint()

    def select_source_row(self, row: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        index = self.sorted_messages.mapFromSource(self.messages.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.message_list.selectionModel().setCurrentIndex(index, flags)
        self.message_list.scrollTo(index)

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

    # -- list editing, find ---------------------------------------------------------------

    def selected_reports(self) -> list[Report]:
        """The selected messages in list order (the current one if none is selected)."""
        from fopegui.ui.models import OBJECT_ROLE

        rows = sorted(self.message_list.selectionModel().selectedRows(), key=lambda i: i.row())
        reports = [i.data(OBJECT_ROLE) for i in rows]
        if not reports and self._current is not None:
            reports = [self._current]
        return [r for r in reports if r is not None]

    def update_report_actions(self) -> None:
        if not hasattr(self, "exporter"):  # menus are built after the panes
            return
        self.exporter.update_actions()
        current = self._current
        self.submit_action.setEnabled(current is not None and current.source is not None)

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

    def show_help(self) -> None:
        """Help ▸ fopegui help (F1): what the panes say, and every key of the menus."""
        window_actions.show_help(self)

    # -- tools: blacklist (issue 6), settings, false positive (issue 7), triage (issue 16) ----

    def dns_worker(self) -> DnsWorker:
        """The app's one DNS worker (asyncio loop thread), created on first use."""
        from fopegui.ui.dns_worker import DnsWorker

        if self._dns_worker is None:
            self._dns_worker = DnsWorker(self)
        return self._dns_worker

    def show_kb2590562_wizard(self) -> None:
        from PySide6.QtCore import Qt

        from fopegui.ui.kb2590562_wizard import Kb2590562Wizard

        wizard = Kb2590562Wizard(self.settings, self.dns_worker, report=self._current, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._wizards.append(wizard)
        wizard.destroyed.connect(lambda *_, w=wizard: self._forget_wizard(w))
        wizard.show()

    def _forget_wizard(self, wizard: QWidget) -> None:
        if wizard in self._wizards:
            self._wizards.remove(wizard)

    def show_settings_dialog(self) -> None:
        """Tools ▸ Settings; a language chosen there applies when it closes."""
        from fopegui.ui.language import choose_language
        from fopegui.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.dns_worker, parent=self)
        if dialog.exec():
            lang = choose_language(None, self.settings)
            if lang != texts.language():
                self.set_language(lang)
            else:
                self.language_actions[store.language(self.settings)].setChecked(True)

    def report_false_positive(self) -> None:
        """Tools ▸ Report a false positive… for the current message (KB2669119 Method 2)."""
        from PySide6.QtCore import Qt

        from fopegui.ui.submission_wizard import SubmissionWizard

        report = self._current
        if report is None or report.source is None:
            return
        self.submission_wizard = SubmissionWizard(report, self.settings, parent=self)
        self.submission_wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.submission_wizard.open()  # window-modal: no language switch while it is open

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

    # -- loading (window_loading) -----------------------------------------------------------

    def open_dialog(self) -> None:
        self.loading.open_dialog()

    def open_paths(self, paths: list[str], background: bool | None = None) -> None:
        """Load files: at once for a few small ones, in the background for a batch."""
        self.loading.open_paths(paths, background)

    def load_text(self, text: str) -> None:
        self.loading.load_text(text)

    def paste_clipboard(self) -> None:
        self.loading.paste_clipboard()

    def paste_dialog(self) -> None:
        self.loading.paste_dialog()

    def add_reports(self, reports: list[Report]) -> None:
        self.loading.add_reports(reports)

    def is_loading(self) -> bool:
        return self.loading.is_loading()

    def cancel_loading(self) -> None:
        self.loading.cancel()

    def release_loading(self) -> None:
        self.loading.release()

    @property
    def failures(self) -> list[Report]:
        """Every report with an error since the window opened."""
        return self.loading.failures

    @property
    def _thread(self) -> LoadThread | None:
        return self.loading.thread

    def _begin_batch(self) -> None:
        self.loading.begin_batch()

    def _end_batch(self) -> None:
        self.loading.end_batch()

    # -- settings, closing ----------------------------------------------------------------

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in window_layout.splitters(self).items() if self._built else ():
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
