"""The explanation pane under the header tree: what it means, why it matters, what to do.

Text is inserted with QTextCursor.insertText, which never interprets markup, so header
values such as ``<img src=x>`` stay literal while headings can still be bold; every text goes
through the UI's plain-text path first (``ui/plain.py``: controls made visible). The core's
texts are rendered by the text service each time something is shown; the pane remembers
what it shows (:meth:`refresh` shows it again, e.g. in another language).

The one rich-text piece is :class:`DocLink`, the link to a header's documentation: built
from the catalogue's URL (headers.json "doc", never from the message), html-escaped, and
only for https pages.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from fopegui.core.model import Field, Finding, Header
from fopegui.core.outlook_props import OutlookProperty
from fopegui.ui import severity as sev
from fopegui.ui.models import field_meaning, property_value
from fopegui.ui.plain import link, plain_tooltip, shown
from fopegui.ui.texts import kb_label, tr_core


class DocLink(QLabel):
    """"Documentation (learn.microsoft.com) ↗": opens the catalogue's page for a header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("docLink")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._url: str | None = None
        self.set_url(None)

    def url(self) -> str | None:
        return self._url

    def set_url(self, url: str | None) -> None:
        parts = urlsplit(url) if url else None
        if parts is None or parts.scheme != "https" or not parts.netloc:
            self._url = None
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        self._url = url
        label = self.tr("Documentation ({site}) ↗").format(site=parts.netloc)
        self.setText(link(url, label))
        self.setToolTip(plain_tooltip(url))
        self.show()


class DetailPane(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self._shown: Callable[[], None] = self.show_hint
        # Placed by the tab under the pane; follows what the pane shows.
        self.doc_link = DocLink()
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
        self.doc_link.set_url(None)
        self.setPlainText(
            self.tr("Select a header, a field or a finding to see what it means and what to do.")
        )

    def show_header(self, header: Header, findings: list[Finding]) -> None:
        self._shown = lambda: self.show_header(header, findings)
        cursor = self._start()
        self.doc_link.set_url(header.doc_url)
        self._title(cursor, header.name, header.severity)
        self._section(cursor, self.tr("Value"), header.value)
        self._section(cursor, self.tr("What it is"), tr_core(header.description))
        if header.fields:
            self._section(cursor, self.tr("Decoded fields"), self._fields_text(header.fields))
        for finding in findings:
            self._finding_sections(cursor, finding)
        self._section(cursor, self.tr("As written in the message"), header.raw, mono=True)
        self._finish()

    def _fields_text(self, fields: list[Field]) -> str:
        """Every decoded field on a line: severity, key = value, meaning with its marks."""
        lines = []
        for f in fields:
            meaning = field_meaning(f)  # "(inferred)" / "(not documented)" marked
            line = f"[{sev.label(f.severity)}] {f.key} = {f.value}"
            lines.append(f"{line} — {meaning}" if meaning else line)
        return "\n".join(lines)

    def show_field(self, field: Field, header: Header | None) -> None:
        self._shown = lambda: self.show_field(field, header)
        self.doc_link.set_url(header.doc_url if header is not None else None)
        cursor = self._start()
        title = f"{field.key}: {field.value}"
        self._title(cursor, title, field.severity)
        self._section(cursor, self.tr("Severity"), sev.label(field.severity))
        meaning = tr_core(field.meaning) or self.tr("Not documented; shown as found.")
        self._section(cursor, self.tr("What it means"), meaning)
        if field.undocumented and field.meaning:
            self._section(
                cursor,
                self.tr("Source"),
                self.tr("Microsoft documents no meaning for this field; the reading above is "
                        "not Microsoft's."),
            )
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
        self.doc_link.set_url(None)
        cursor = self._start()
        self._title(cursor, tr_core(finding.title), finding.severity)
        self._finding_sections(cursor, finding, with_title=False)
        self._finish()

    def show_group(self, title: str, headers: list[Header]) -> None:
        self._shown = lambda: self.show_group(title, headers)
        self.doc_link.set_url(None)
        cursor = self._start()
        self._title(cursor, title)
        names = "\n".join(f"{h.name} ({sev.label(h.severity)})" for h in headers)
        self._section(cursor, self.tr("Headers in this group"), names)
        self._finish()

    def show_properties(self, title: str, properties: list[OutlookProperty]) -> None:
        """A .msg's Outlook properties, all at once (the group row)."""
        self._shown = lambda: self.show_properties(title, properties)
        self.doc_link.set_url(None)
        cursor = self._start()
        self._title(cursor, title)
        lines = [f"{tr_core(p.label)}: {property_value(p)}" for p in properties]
        self._section(cursor, self.tr("What the .msg file says"), "\n".join(lines))
        self._finish()

    def show_property(self, prop: OutlookProperty) -> None:
        self._shown = lambda: self.show_property(prop)
        self.doc_link.set_url(None)
        cursor = self._start()
        self._title(cursor, tr_core(prop.label))
        self._section(cursor, self.tr("Value"), property_value(prop))
        self._section(cursor, self.tr("What it is"), tr_core(prop.description))
        self._section(cursor, self.tr("Outlook (MAPI) property"), prop.tags, mono=True)
        self._finish()

    def _finding_sections(
        self, cursor: QTextCursor, finding: Finding, with_title: bool = True
    ) -> None:
        if with_title:
            label = self.tr("Finding ({severity})").format(severity=sev.label(finding.severity))
            self._section(cursor, label, tr_core(finding.title))
        self._section(cursor, self.tr("Why it matters and what to do"), tr_core(finding.detail))
        self._section(cursor, self.tr("Reference"), kb_label(finding.kb))
