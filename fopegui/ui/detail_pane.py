"""The explanation pane under the header tree: what it means, why it matters, what to do.

Text is inserted with QTextCursor.insertText, which never interprets markup, so header
values such as ``<img src=x>`` stay literal while headings can still be bold; every text goes
through the UI's plain-text path first (``ui/plain.py``: controls made visible). The core's
texts are rendered by the text service each time something is shown; the pane remembers
what it shows (:meth:`refresh` shows it again, e.g. in another language).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from fopegui.core.model import Field, Finding, Header
from fopegui.ui import severity as sev
from fopegui.ui.plain import shown
from fopegui.ui.texts import kb_label, tr_core


class DetailPane(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self._shown: Callable[[], None] = self.show_hint
        self.show_hint()

    def refresh(self) -> None:
        """Show the same header, field or finding again (its texts in the current language)."""
        self._shown()

    # -- building blocks ------------------------------------------------------------------

    def _start(self) -> QTextCursor:
        self.clear()
        return self.textCursor()

    def _title(self, cursor: QTextCursor, text: str, severity: str | None = None) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(self.font().pointSizeF() * 1.15)
        if severity:
            fmt.setForeground(sev.accent(severity))
        cursor.insertText(shown(text), fmt)
        cursor.insertText("\n", QTextCharFormat())

    def _section(
        self, cursor: QTextCursor, label: str, text: str | None, mono: bool = False
    ) -> None:
        if not text:
            return
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        cursor.insertText("\n" + label + "\n", heading)
        body = QTextCharFormat()
        if mono:
            body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        cursor.insertText(shown(text) + "\n", body)

    def _finish(self) -> None:
        self.moveCursor(QTextCursor.MoveOperation.Start)

    # -- what can be shown ----------------------------------------------------------------

    def show_hint(self) -> None:
        self._shown = self.show_hint
        self.setPlainText(
            self.tr("Select a header, a field or a finding to see what it means and what to do.")
        )

    def show_header(self, header: Header, findings: list[Finding]) -> None:
        self._shown = lambda: self.show_header(header, findings)
        cursor = self._start()
        self._title(cursor, header.name, header.severity)
        self._section(cursor, self.tr("Value"), header.value)
        self._section(cursor, self.tr("What it is"), tr_core(header.description))
        if header.fields:
            lines = []
            for f in header.fields:
                meaning = tr_core(f.meaning)
                lines.append(f"{f.key} = {f.value}" + (f" — {meaning}" if meaning else ""))
            self._section(cursor, self.tr("Decoded fields"), "\n".join(lines))
        for finding in findings:
            self._finding_sections(cursor, finding)
        self._section(cursor, self.tr("Documentation"), header.doc_url)
        self._section(cursor, self.tr("As written in the message"), header.raw, mono=True)
        self._finish()

    def show_field(self, field: Field, header: Header | None) -> None:
        self._shown = lambda: self.show_field(field, header)
        cursor = self._start()
        title = f"{field.key}: {field.value}"
        self._title(cursor, title, field.severity)
        self._section(cursor, self.tr("Severity"), sev.label(field.severity))
        meaning = tr_core(field.meaning) or self.tr("Not documented; shown as found.")
        self._section(cursor, self.tr("What it means"), meaning)
        self._section(cursor, self.tr("Why it matters and what to do"), tr_core(field.detail))
        if field.inferred:
            self._section(
                cursor,
                self.tr("Source"),
                self.tr("Inferred from observed mail, not from Microsoft's documentation."),
            )
        if header is not None:
            self._section(cursor, self.tr("In header"), f"{header.name}: {header.value}")
        self._finish()

    def show_finding(self, finding: Finding) -> None:
        self._shown = lambda: self.show_finding(finding)
        cursor = self._start()
        self._title(cursor, tr_core(finding.title), finding.severity)
        self._finding_sections(cursor, finding, with_title=False)
        self._finish()

    def show_group(self, title: str, headers: list[Header]) -> None:
        self._shown = lambda: self.show_group(title, headers)
        cursor = self._start()
        self._title(cursor, title)
        names = "\n".join(f"{h.name} ({sev.label(h.severity)})" for h in headers)
        self._section(cursor, self.tr("Headers in this group"), names)
        self._finish()

    def _finding_sections(
        self, cursor: QTextCursor, finding: Finding, with_title: bool = True
    ) -> None:
        if with_title:
            label = self.tr("Finding ({severity})").format(severity=sev.label(finding.severity))
            self._section(cursor, label, tr_core(finding.title))
        self._section(cursor, self.tr("Why it matters and what to do"), tr_core(finding.detail))
        self._section(cursor, self.tr("Reference"), kb_label(finding.kb))
