"""Help ▸ About fopegui: the version, every shipped component with its version and licence
(the LGPL asks the app to say so), and Qt's own About box."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox

from fopegui import __version__
from fopegui.licenses import third_party_licences
from fopegui.ui.about_dialog import AboutDialog
from fopegui.ui.language import apply_language


def close_the_modal_soon(seen: list[str]) -> None:
    """Close the modal window that opens next, noting its class and title."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close)
            return
        seen.append(f"{type(box).__name__}: {box.windowTitle()}")
        box.close()

    QTimer.singleShot(20, close)


def test_every_shipped_component_is_listed_with_version_and_licence(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.components.text()
    entries = third_party_licences()
    assert {e["name"] for e in entries} >= {"Qt", "Qt for Python (PySide6)", "orjson"}
    for entry in entries:
        assert f"<b>{html.escape(entry['name'])}</b> {entry['version']} — " in text
        assert f'href="{html.escape(entry["licence_url"], quote=True)}"' in text
        if entry["licence_file"]:
            assert QUrl.fromLocalFile(entry["licence_file"]).toString() in text
    assert dialog.components.openExternalLinks()
    assert f"fopegui {__version__}" in "".join(
        label.text() for label in dialog.findChildren(type(dialog.components))
    )


def test_the_about_qt_button_shows_qts_about_box(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []
    close_the_modal_soon(seen)
    dialog.about_qt.click()
    assert seen and seen[0].startswith(QMessageBox.__name__) and "Qt" in seen[0]


def test_help_about_opens_the_dialog_in_the_windows_language(window, qtbot) -> None:
    from fopegui.ui.window_actions import show_about

    try:
        apply_language("ja")
        seen: list[str] = []
        close_the_modal_soon(seen)
        show_about(window)
        assert seen == ["AboutDialog: fopegui について"]
    finally:
        apply_language("en")
