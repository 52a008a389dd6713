"""Small widgets the submission wizard's pages share (and the Reputation tab borrows)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from fopegui.ui import severity as sev
from fopegui.ui import texts

_TEXTS = "reputation_ui"  # the catalogue file of the wizard's long texts


def ui_text(key: str, lang: str | None = None, **values: object) -> str:
    """A long text of the wizard (catalogue ``reputation_ui.json``), through the text service."""
    return texts.catalogue_text(_TEXTS, key, lang=lang, **values)


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop (mail program, browser); a seam tests replace."""
    return QDesktopServices.openUrl(url)


def plain_label(text: str = "", selectable: bool = True) -> QLabel:
    """A word-wrapped plain-text label: message data is never interpreted as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Notice(QFrame):
    """An icon + text box tinted by severity (the colour is never the only signal)."""

    def __init__(self, severity: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("notice", True)  # the style below must not reach the child labels
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = plain_label()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.set(severity, text)

    def set(self, severity: str, text: str) -> None:
        self.severity = severity
        size = self.fontMetrics().height()
        self.icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.label.setText(text)
        self.setStyleSheet(
            f'QFrame[notice="true"] {{ background: {sev.background(severity).name()}; '
            f"border-left: 4px solid {sev.accent(severity).name()}; }}"
        )
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()
