"""File ▸ Paste headers: a dialog with a text box for header text copied from a mail client."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PasteDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("pasteDialog")
        self.setWindowTitle(self.tr("Paste headers"))
        self.resize(760, 520)
        hint = QLabel(
            self.tr(
                "Paste the message headers (in Outlook: File ▸ Properties ▸ Internet headers; "
                "in Exchange Online: the message trace or Message Header Analyzer)."
            )
        )
        hint.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("pasteText")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlainText(text or QGuiApplication.clipboard().text())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Analyse"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.editor.toPlainText().strip()))

    def text(self) -> str:
        return self.editor.toPlainText()
