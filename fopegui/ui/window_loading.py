"""Loading messages into the main window: files (a few at once, a batch in the background),
pasted or dropped header text; the load-error bar; the file dialog and the clipboard.

A file already in the list is selected instead of being loaded twice. A batch's reports
reach the list model a slice at a time, one row insertion per slice (loader.ReportInbox for
a batch analysed on worker processes).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from fopegui.ui import settings as store
from fopegui.ui import texts

if TYPE_CHECKING:
    from fopegui.core.model import Report
    from fopegui.ui.loader import LoadThread, ReportInbox
    from fopegui.ui.main_window import MainWindow

translate = QCoreApplication.translate
_MAX_FAILURE_LINES = 6


def path_key(path: str) -> str:
    """How two names of one file compare (``a/../b.eml`` is ``b.eml``; case on Windows)."""
    return os.path.normcase(os.path.abspath(path))


class WindowLoading(QObject):
    """The window's loads: one background batch at a time, the failures of each batch."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.failures: list[Report] = []  # every report with an error since the window opened
        self.thread: LoadThread | None = None
        self._inbox: ReportInbox | None = None
        self._progress = (0, 0)
        self._batch_failures: list[Report] = []
        self._batch_loaded = 0
        self._batch_first_row: int | None = None
        self._shown_failures: list[Report] = []  # what the message bar says (re-rendered)

    # -- files ----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        settings = self.window.settings
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            translate("MainWindow", "Open messages"),
            store.last_folder(settings),
            translate(
                "MainWindow",
                "Messages (*.eml *.msg *.txt);;Mailboxes (*.mbox *.mbx *.pst *.ost);;All files (*)",
            ),
        )
        if paths:
            store.set_last_folder(settings, str(Path(paths[0]).parent))
            self.open_paths(paths)

    def open_paths(self, paths: list[str], background: bool | None = None) -> None:
        """Load files: at once for a few small ones, in the background for a batch. Files
        already in the list are not loaded again: the first of them is selected if nothing
        new comes. A folder gives the messages and mailboxes directly inside it; a mailbox
        file (an mbox of several messages, a .pst) opens in the triage window, a row per
        message."""
        from fopegui.ui.loader import analyze_file, should_run_in_background
        from fopegui.ui.message_list import expand_folders

        window = self.window
        paths = self._open_mailboxes(expand_folders(str(p) for p in paths))
        if not paths:
            return
        window.build_contents()
        paths, already = self._new_paths(paths)
        if not paths:
            if already is not None:
                window.select_source_row(already)
            return
        if background is None:
            background = should_run_in_background(paths)
        if not background:
            self.begin_batch()
            self.add_reports([analyze_file(p) for p in paths])
            self.end_batch()
            return
        self.release()  # a batch still loading: cancelled, and none of its results
        self.begin_batch()
        self._start_thread(paths)

    def _open_mailboxes(self, paths: list[str]) -> list[str]:
        """Hand the mailbox files among ``paths`` to the triage window; the rest."""
        from fopegui.ui.mailboxes import mailbox_files

        mailboxes = mailbox_files(paths)
        if not mailboxes:
            return paths
        self.window.show_triage().start(mailboxes, mailboxes=mailboxes)  # checked once, here
        taken = set(mailboxes)
        return [path for path in paths if path not in taken]

    def _new_paths(self, paths: list[str]) -> tuple[list[str], int | None]:
        """(paths not yet in the list, each once; the list row of the first one that is)."""
        messages = self.window.messages
        rows = {path_key(r.path): row for row, r in enumerate(messages.reports()) if r.path}
        fresh: list[str] = []
        seen: set[str] = set()
        first_open: int | None = None
        for path in paths:
            key = path_key(path)
            if key in rows:
                first_open = rows[key] if first_open is None else first_open
            elif key not in seen:
                seen.add(key)
                fresh.append(path)
        return fresh, first_open

    def _start_thread(self, paths: list[str]) -> None:
        from fopegui.ui.loader import LoadThread, ReportInbox, worker_processes

        if self._inbox is None:
            self._inbox = ReportInbox(self)
            self._inbox.reportsReady.connect(self.add_reports)
            self._inbox.drained.connect(self._maybe_done)
        thread = LoadThread(paths, self, jobs=worker_processes(paths))
        thread.reportsReady.connect(self.add_reports)
        thread.parcelsReady.connect(self._inbox.put)
        thread.progress.connect(self._show_progress)
        thread.finished.connect(lambda: self._thread_finished(thread))
        self.thread = thread
        self._show_progress(0, len(paths))
        thread.start()

    def is_loading(self) -> bool:
        return self.thread is not None or not (self._inbox is None or self._inbox.is_empty())

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.requestInterruption()
        if self._inbox is not None:
            self._inbox.clear()  # what the workers sent and the list has not taken yet

    def release(self) -> None:
        """Cancel a batch load and hand its thread to the loader, which lets it end on its own:
        the file being analysed cannot be dropped half-way, and Qt aborts the process when a
        running QThread is destroyed with this window. The window wants no more results."""
        if self._inbox is not None:
            self._inbox.clear()
        thread, self.thread = self.thread, None
        if thread is None:
            return
        from fopegui.ui.loader import finish_in_background

        for signal in (thread.reportsReady, thread.parcelsReady, thread.progress, thread.finished):
            signal.disconnect()
        finish_in_background(thread)

    def _show_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self.show_progress()

    def show_progress(self) -> None:
        """The status bar's progress and Cancel (again after the status bar was rebuilt)."""
        window = self.window
        loading = self.is_loading()
        done, total = self._progress
        window.progress.setRange(0, total)
        window.progress.setValue(done)
        window.progress.setVisible(loading)
        window.cancel_button.setVisible(loading)

    def _thread_finished(self, thread: LoadThread) -> None:
        thread.deleteLater()
        if thread is not self.thread:  # a cancelled batch that a newer one replaced
            return
        self.thread = None
        self._maybe_done()

    def _maybe_done(self) -> None:
        if self.is_loading():
            return  # the reports the workers sent are still being unpacked
        self.show_progress()
        self.end_batch()

    # -- text -----------------------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Analyse pasted header text as a new message in the list."""
        from fopegui.ui.loader import analyze_pasted

        self.window.build_contents()
        if text.strip():
            self.begin_batch()
            self.add_reports([analyze_pasted(text)])
            self.end_batch()

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

        dialog = PasteDialog(self.window)
        if dialog.exec():
            self.load_text(dialog.text())

    # -- a batch --------------------------------------------------------------------------

    def begin_batch(self) -> None:
        self._batch_failures = []
        self._batch_loaded = 0
        self._batch_first_row = None

    def end_batch(self) -> None:
        """Say which files failed; a batch that loaded and failed nothing clears the bar."""
        if self._batch_failures:
            self.show_failures(self._batch_failures)
        elif self._batch_loaded:
            self._shown_failures = []
            self.window.message_bar.hide()

    def add_reports(self, reports: list[Report]) -> None:
        """Add a slice of a batch to the list (one row insertion); select its first message."""
        window = self.window
        good = [r for r in reports if not r.error]
        failed = [r for r in reports if r.error]
        self.failures.extend(failed)
        self._batch_failures.extend(failed)
        store.add_recent_files(window.settings, [r.path for r in good if r.path])
        if not good:
            return
        first_new = window.messages.rowCount()
        window.messages.add_reports(good)
        self._batch_loaded += len(good)
        # The list keeps its reports for as long as it shows them, and a Report holds no
        # reference cycles: the collector need not walk them again (see loader.ReportInbox).
        gc.freeze()
        if self._batch_first_row is None:
            self._batch_first_row = first_new
            window.select_source_row(first_new)

    def show_failures(self, failed: list[Report]) -> None:
        from fopegui.ui.models import display_name
        from fopegui.ui.plain import shown

        self._shown_failures = list(failed)
        lines = [
            translate("MainWindow", "{name}: {reason}").format(
                name=display_name(r), reason=shown(texts.tr_core(r.error))
            )
            for r in failed[:_MAX_FAILURE_LINES]
        ]
        if len(failed) > _MAX_FAILURE_LINES:
            more = len(failed) - _MAX_FAILURE_LINES
            lines.append(translate("MainWindow", "… and {n} more").format(n=more))
        if len(failed) == 1:
            head = translate("MainWindow", "Could not load 1 file:")
        else:
            head = translate("MainWindow", "Could not load {n} files:").format(n=len(failed))
        self.window.message_bar.show_text("\n".join([head, *lines]))

    def show_bar_again(self) -> None:
        """The load-error bar of a rebuilt window, in the window's language now."""
        if self._shown_failures:
            self.show_failures(self._shown_failures)
