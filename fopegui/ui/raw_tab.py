"""Raw tab: the original header text, monospace, with a find bar (Ctrl+F).

A .msg without transport headers has no header text: the tab says so and shows what the
file has instead, its Outlook properties (core.outlook_props), in the UI's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Report
from fopegui.core.outlook_props import outlook_properties
from fopegui.ui import texts
from fopegui.ui.models import property_value
from fopegui.ui.plain import shown

translate = QCoreApplication.translate


def header_text(report: Report | None) -> str:
    """What the Raw tab shows: the header block as loaded (for .msg the transport headers),
    its controls made visible (a U+202E would otherwise reverse the rest of its line)."""
    if report is None or report.source is None:
        return ""
    return shown(report.source.header_bytes.decode("utf-8", errors="replace"))


def properties_text(report: Report | None) -> str:
    """For a .msg without transport headers: that, then its Outlook properties as
    ``label<TAB>value`` lines ("" for anything else)."""
    if report is None or report.source is None or report.source.header_bytes:
        return ""
    rows = outlook_properties(report.source)
    if not rows:
        return ""
    intro = [
        translate("RawTab", "This .msg has no transport headers (PR_TRANSPORT_MESSAGE_HEADERS)."),
        translate(
            "RawTab", "Outlook stores none for a draft, a sent item or a message created in it."
        ),
        translate("RawTab", "What the file says about the message instead:"),
    ]
    lines = [f"{texts.tr_core(row.label)}\t{property_value(row)}" for row in rows]
    return shown("\n".join([*intro, "", *lines]))


class RawTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setObjectName("rawText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("rawFind")
        self.find_edit.setPlaceholderText(self.tr("Find in headers"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.case_box = QCheckBox(self.tr("Match case"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.clicked.connect(self.find_next)
        self.previous_button = QPushButton(self.tr("Previous"))
        self.previous_button.clicked.connect(self.find_previous)
        self.status = QLabel()

        self.find_bar = QWidget()
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Find:")))
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.case_box)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.status)
        self.find_bar.hide()
        QShortcut(QKeySequence.StandardKey.Cancel, self.find_edit, self.find_bar.hide)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        self._report: Report | None = None
        self._default_tab = self.text.tabStopDistance()
        texts.service().language_changed.connect(self._language_changed)

    def set_report(self, report: Report | None) -> None:
        self._report = report
        text = header_text(report)
        tab = self._default_tab
        if not text and report is not None:  # a .msg without headers: label <tab> value
            text = properties_text(report)
            metrics = self.text.fontMetrics()
            labels = [texts.tr_core(r.label) for r in outlook_properties(report.source)]
            tab = max([tab, *(metrics.horizontalAdvance(label) + 24 for label in labels)])
        self.text.setTabStopDistance(tab)
        self.text.setPlainText(text)
        self.status.clear()

    def _language_changed(self, _lang: str) -> None:
        self.set_report(self._report)  # the properties' labels in the new language

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _find(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        found = self.text.find(needle, flags)
        if not found:  # wrap around once
            cursor = self.text.textCursor()
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.text.setTextCursor(cursor)
            found = self.text.find(needle, flags)
        self.status.setText("" if found else self.tr("Not found"))
        return found

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)
