"""File ▸ Paste headers dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from fopegui.ui.paste_dialog import PasteDialog


def test_ok_needs_text_and_returns_it(qtbot) -> None:
    dialog = PasteDialog(text=" ")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.editor.setPlainText("Subject: hello\nX-SpamScore: 3\n")
    assert ok.isEnabled()
    assert ok.text() == "Analyse"
    assert dialog.text() == "Subject: hello\nX-SpamScore: 3\n"


def test_starts_with_the_clipboard_text(qtbot, qapp) -> None:
    qapp.clipboard().setText("X-CustomSpam: Bulk mail")
    dialog = PasteDialog()
    qtbot.addWidget(dialog)
    assert dialog.text() == "X-CustomSpam: Bulk mail"
