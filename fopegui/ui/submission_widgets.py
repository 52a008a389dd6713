"""Small helpers the submission wizard's pages share (its shared widgets are in ui/widgets.py)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from fopegui.ui import texts

_TEXTS = "reputation_ui"  # the catalogue file of the wizard's long texts


def ui_text(key: str, lang: str | None = None, **values: object) -> str:
    """A long text of the wizard (catalogue ``reputation_ui.json``), through the text service."""
    return texts.catalogue_text(_TEXTS, key, lang=lang, **values)


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop (mail program, browser); a seam tests replace."""
    return QDesktopServices.openUrl(url)
