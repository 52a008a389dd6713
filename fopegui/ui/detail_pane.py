"""The explanation pane under the header tree: what it means, why it matters, what to do.

Text is inserted with QTextCursor.insertText, which never interprets markup, so header
values such as ``<img src=x>`` stay literal while headings can still be bold.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from fopegui.core.model import Field, Finding, Header
from fopegui.ui import severity as sev


class DetailPane(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.show_hint()

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
        cursor.insertText(text, fmt)
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
        cursor.insertText(text + "\n", body)

    def _finish(self) -> None:
        self.moveCursor(QTextCursor.MoveOperation.Start)

    # -- what can be shown ----------------------------------------------------------------

    def show_hint(self) -> None:
        self.setPlainText(
            self.tr("Select a header, a field or a finding to see what it means and what to do.")
        )

    def show_header(self, header: Header, findings: list[Finding]) -> None:
        cursor = self._start()
        self._title(cursor, header.name, header.severity)
        self._section(cursor, self.tr("Value"), header.value)
        self._section(cursor, self.tr("What it is"), header.description)
        if header.fields:
            lines = [
                f"{f.key} = {f.value}" + (f" — {f.meaning}" if f.meaning else "")
                for f in header.fields
            ]
            self._section(cursor, self.tr("Decoded fields"), "\n".join(lines))
        for finding in findings:
            self._finding_sections(cursor, finding)
        self._section(cursor, self.tr("As written in the message"), header.raw, mono=True)
        self._finish()

    def show_field(self, field: Field, header: Header | None) -> None:
        cursor = self._start()
        title = f"{field.key}: {field.value}"
        self._title(cursor, title, field.severity)
        self._section(cursor, self.tr("Severity"), sev.label(field.severity))
        meaning = field.meaning or self.tr("Not documented; shown as found.")
        self._section(cursor, self.tr("What it means"), meaning)
        self._section(cursor, self.tr("Why it matters and what to do"), field.detail)
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
        cursor = self._start()
        self._title(cursor, finding.title, finding.severity)
        self._finding_sections(cursor, finding, with_title=False)
        self._finish()

    def show_group(self, title: str, headers: list[Header]) -> None:
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
            self._section(cursor, label, finding.title)
        self._section(cursor, self.tr("Why it matters and what to do"), finding.detail)
        self._section(cursor, self.tr("Reference"), finding.kb)
