"""File ▸ Export report… (HTML, Markdown, JSON) and File ▸ Print / Print preview.

The texts come from the core's exporters (``fopegui.core.report``), in the language the
reports are shown in (the text service's); this module only picks the file, writes it
atomically and hands the HTML report to a QPrinter.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QPagedPaintDevice, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from fopegui.core import report as render
from fopegui.core.files import is_input, write_atomic
from fopegui.core.model import Report
from fopegui.ui import settings as store
from fopegui.ui import texts

FORMATS = render.DOCUMENT_FORMATS
SUFFIXES = {"html": ".html", "md": ".md", "json": ".json"}


def render_reports(reports: list[Report], fmt: str, lang: str | None = None) -> str:
    """The export text of ``reports`` (the core's document renderer, as ``analyze`` prints),
    in ``lang`` (default: the language the window shows them in)."""
    return render.render_document(reports, fmt, lang=lang or texts.language())


def is_a_source(path: str | os.PathLike[str], reports: list[Report]) -> bool:
    """Whether ``path`` is the file one of ``reports`` was read from (never to be overwritten);
    a message read from inside another file (``X.msg#attachment-0``) counts as that file."""
    return is_input(path, [r.path for r in reports]) is not None


def report_document(reports: list[Report], lang: str | None = None) -> QTextDocument:
    """The HTML report as a QTextDocument, ready for a printer or a print preview."""
    document = QTextDocument()
    document.setHtml(render.to_html(reports, lang=lang or texts.language()))
    return document


def print_reports(reports: list[Report], printer: QPagedPaintDevice) -> None:
    """Print ``reports`` (the HTML report) on ``printer`` (a QPrinter, or a PDF QPrinter)."""
    report_document(reports).print_(printer)


def default_name(reports: list[Report], fmt: str) -> str:
    """``<message>-report.<ext>`` for one message, ``fopegui-report.<ext>`` for several."""
    stem = "fopegui"
    if len(reports) == 1 and reports[0].path:
        stem = Path(reports[0].path).stem or stem
    return f"{stem}-report{SUFFIXES[fmt]}"


class ReportExporter(QObject):
    """The export and print actions of a window; ``reports()`` gives the selected reports."""

    def __init__(
        self, parent: QWidget, reports: Callable[[], list[Report]], settings: QSettings
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._reports = reports
        self._settings = settings
        self.last_error: str | None = None
        self.export_action = self._make_action(self.tr("&Export report…"), self.export, "Ctrl+E")
        self.print_action = self._make_action(
            self.tr("&Print…"), self.print_dialog, QKeySequence.StandardKey.Print
        )
        self.preview_action = self._make_action(self.tr("Print pre&view…"), self.preview)

    def _make_action(
        self, text: str, slot: Callable[[], object], shortcut: object = None
    ) -> QAction:
        action = QAction(text, self._window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding the platform gives the key
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self._window.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def update_actions(self) -> None:
        """Enable the actions only when there is something to export."""
        enabled = bool(self._reports())
        for action in (self.export_action, self.print_action, self.preview_action):
            action.setEnabled(enabled)

    def filters(self) -> dict[str, str]:
        return {
            "html": self.tr("HTML report (*.html *.htm)"),
            "md": self.tr("Markdown (*.md)"),
            "json": self.tr("JSON (*.json)"),
        }

    # -- export ---------------------------------------------------------------------------

    def export(self) -> None:
        reports = self._reports()
        if not reports:
            return
        filters = self.filters()
        fmt = str(self._settings.value("export/format", "html"))
        fmt = fmt if fmt in FORMATS else "html"
        start = str(Path(store.last_folder(self._settings)) / default_name(reports, fmt))
        path, chosen = QFileDialog.getSaveFileName(
            self._window, self.tr("Export report"), start, ";;".join(filters.values()), filters[fmt]
        )
        if not path:
            return
        fmt = next((key for key, text in filters.items() if text == chosen), fmt)
        if not Path(path).suffix:
            path += SUFFIXES[fmt]
        self._settings.setValue("export/format", fmt)
        store.set_last_folder(self._settings, str(Path(path).parent))
        self.export_to(path, fmt, reports)

    def export_to(self, path: str, fmt: str, reports: list[Report] | None = None) -> bool:
        """Write the ``fmt`` export of ``reports`` (default: the selected ones) to ``path``."""
        reports = self._reports() if reports is None else reports
        if is_a_source(path, reports):
            self._error(
                self.tr(
                    "{path} is one of the messages themselves; it is never overwritten."
                ).format(path=path)
            )
            return False
        try:
            write_atomic(path, render_reports(reports, fmt).encode("utf-8"))
        except OSError as err:
            self._error(
                self.tr("Cannot write {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                )
            )
            return False
        self._status(self.tr("Report saved to {path}").format(path=path))
        return True

    # -- print ----------------------------------------------------------------------------

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        reports = self._reports()
        if not reports:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Print report"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_reports(reports, printer)

    def preview_dialog(self) -> QWidget | None:
        """A print preview dialog of the selected reports (not yet shown); None if none."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        reports = self._reports()
        if not reports:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self._window)
        # The dialog does not own the printer: keep it alive as long as the dialog (a freed
        # printer crashes the preview on its next repaint).
        dialog.printer_ref = printer  # type: ignore[attr-defined]
        dialog.setWindowTitle(self.tr("Print preview"))
        document = report_document(reports)
        document.setParent(dialog)  # lives as long as the preview that repaints from it
        dialog.paintRequested.connect(document.print_)
        dialog.resize(900, 1000)
        return dialog

    def preview(self) -> None:
        dialog = self.preview_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    # -- feedback -------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(text, 8000)

    def _error(self, text: str) -> None:
        # Window-modal, not exec(): the app (and a test driving it) keeps running.
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export report"), text)
        box.setParent(self._window, box.windowFlags())
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path comes from the user
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
