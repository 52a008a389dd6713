"""Help ▸ About fopegui: the version, and every component the app ships with its version and
licence (fopegui.licenses), the licence texts one click away; Qt's own About box.

Qt and PySide6 are LGPL v3: the app must say so and tell users they may replace them.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fopegui import __version__
from fopegui.licenses import Licence, third_party_licences
from fopegui.ui.plain import link


def _link(url: str, text: str) -> str:
    # nowrap: Japanese text may otherwise break inside a link's words.
    return f'<span style="white-space:nowrap">{link(url, text)}</span>'


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About fopegui"))
        title = QLabel(f"<b>fopegui {html.escape(__version__)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        purpose = QLabel(
            self.tr(
                "Why was this message filtered? Header analysis for Microsoft FOPE and "
                "Exchange Online Protection."
            )
        )
        purpose.setWordWrap(True)
        self.components = QLabel(self.components_html(third_party_licences()))
        self.components.setObjectName("aboutComponents")
        self.components.setTextFormat(Qt.TextFormat.RichText)
        self.components.setOpenExternalLinks(True)
        self.components.setWordWrap(True)
        self.components.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        replace = QLabel(
            self.tr(
                "Qt and PySide6 are used under the GNU LGPL v3, as separate libraries: you may "
                "replace them with versions of your own."
            )
        )
        replace.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.about_qt = QPushButton(self.tr("About &Qt"))
        buttons.addButton(self.about_qt, QDialogButtonBox.ButtonRole.ActionRole)
        self.about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Components and their licences:")))
        layout.addWidget(self.components)
        layout.addWidget(replace)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)

    def components_html(self, entries: list[Licence]) -> str:
        """One line per component: name and version, its licence (the text online), the
        licence text it installed, its home page."""
        lines = []
        for entry in entries:
            version = entry["version"] or self.tr("version unknown")
            parts = [_link(entry["licence_url"], entry["licence"])]
            if entry["licence_file"]:
                local = QUrl.fromLocalFile(str(Path(entry["licence_file"]))).toString()
                parts.append(_link(local, self.tr("text installed")))
            if entry["url"]:
                parts.append(_link(entry["url"], self.tr("home page")))
            lines.append(
                f"<b>{html.escape(entry['name'])}</b> {html.escape(version)} — "
                + " · ".join(parts)
            )
        return "<br>".join(lines)
