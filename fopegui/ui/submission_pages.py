"""The later pages of the submission wizard: Destination, Letter (an editable preview of the
body) and Save (the draft, or a Microsoft Graph request with its PowerShell line).

Pages only show and collect; the wizard (ui/submission_wizard.py) builds and writes through
the core (core.submission_original, core.graph_request).
"""

from __future__ import annotations

import email.utils
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from fopegui.core.submission import DEFENDER_SUBMISSIONS_URL, KB_ADDRESS, default_subject
from fopegui.core.texts import render
from fopegui.ui import severity as sev
from fopegui.ui.models import plain_tooltip
from fopegui.ui.submission_widgets import open_url, ui_text
from fopegui.ui.widgets import Notice, plain_label

if TYPE_CHECKING:
    from fopegui.ui.submission_wizard import SubmissionWizard

TO_KEY = "submission/to"
FROM_KEY = "submission/from"
RECIPIENT_KEY = "submission/recipient"
# The letter goes to Microsoft: English unless the admin picks otherwise (each in its own name).
LETTER_LANGUAGES = (("en", "English"), ("ja", "日本語"))


def _wizard(page: QWizardPage) -> SubmissionWizard:
    from fopegui.ui.submission_wizard import SubmissionWizard

    wizard = page.wizard()
    assert isinstance(wizard, SubmissionWizard)
    return wizard


def defender_button(text: str) -> QPushButton:
    """A button that opens the Defender portal's Submissions page (today's route)."""
    button = QPushButton(text)
    button.setToolTip(plain_tooltip(DEFENDER_SUBMISSIONS_URL))
    button.clicked.connect(lambda: open_url(QUrl(DEFENDER_SUBMISSIONS_URL)))
    return button


class DestinationPage(QWizardPage):
    def __init__(
        self, subject: str | None, settings: QSettings, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("destinationPage")
        self.setTitle(self.tr("Destination"))
        self.setSubTitle(self.tr("Where the draft goes, and what it says."))
        self._original_subject = subject
        self.to_edit = QLineEdit(str(settings.value(TO_KEY) or KB_ADDRESS))
        self.to_edit.setObjectName("submissionTo")
        self.kb_button = QPushButton(self.tr("Use the KB's address"))
        self.kb_button.clicked.connect(lambda: self.to_edit.setText(KB_ADDRESS))
        to_row = QHBoxLayout()
        to_row.addWidget(self.to_edit, 1)
        to_row.addWidget(self.kb_button)
        self.from_edit = QLineEdit(str(settings.value(FROM_KEY) or ""))
        self.from_edit.setObjectName("submissionFrom")
        self.from_edit.setPlaceholderText(self.tr("optional: your address"))
        self.letter_lang = QComboBox()
        self.letter_lang.setObjectName("letterLanguage")
        for code, name in LETTER_LANGUAGES:
            self.letter_lang.addItem(name, code)
        self.letter_lang.setToolTip(
            self.tr("The language of the letter, independent of the window's language.")
        )
        self.subject_edit = QLineEdit(default_subject(subject, self.letter_language()))
        self.subject_edit.setObjectName("submissionSubject")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("submissionNote")
        self.note_edit.setPlaceholderText(
            self.tr("optional: why this is legitimate mail (who sends it, why you expect it)")
        )
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self._default_subject = self.subject_edit.text()
        self.letter_lang.currentIndexChanged.connect(self._language_changed)

        from fopegui.core.submission import destination_note

        self.kb_notice = Notice("warning", destination_note(lang))
        self.error = plain_label()
        self.error.setObjectName("submissionError")
        self.error.setStyleSheet(f"color: {sev.accent('problem').name()};")
        self.error.hide()

        form = QFormLayout()
        rows = (
            (self.tr("&To:"), self.to_edit, to_row),
            (self.tr("&From:"), self.from_edit, self.from_edit),
            (self.tr("&Letter in:"), self.letter_lang, self.letter_lang),
            (self.tr("&Subject:"), self.subject_edit, self.subject_edit),
            (self.tr("&Note:"), self.note_edit, self.note_edit),
        )
        for text, buddy, field in rows:
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt+letter focuses the field (and hides the &)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.kb_notice)
        self.defender_button = defender_button(self.tr("Open the Defender Submissions page"))
        layout.addWidget(self.defender_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.to_edit.textChanged.connect(self._to_changed)
        self._to_changed()

    def letter_language(self) -> str:
        return str(self.letter_lang.currentData() or "en")

    def _language_changed(self) -> None:
        # The subject follows the letter's language unless the admin typed one.
        if self.subject_edit.text() == self._default_subject:
            self._default_subject = default_subject(
                self._original_subject, self.letter_language()
            )
            self.subject_edit.setText(self._default_subject)

    def _to_changed(self) -> None:
        # The retired address is allowed but flagged; any other address is the admin's choice.
        is_kb = self.to_edit.text().strip().lower() == KB_ADDRESS
        self.kb_button.setEnabled(not is_kb)
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.to_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = _wizard(self)
        try:
            wizard.build(body=wizard.generated_letter())  # checks the addresses
        except ValueError as err:
            self.error.setText(self.tr("Cannot build the draft: {reason}").format(reason=err))
            self.error.show()
            return False
        wizard.remember_addresses()
        return True


class LetterPage(QWizardPage):
    """The body of the draft, generated from the verdict's codes, to read and edit."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterPage")
        self.setTitle(self.tr("The letter"))
        self.setSubTitle(
            self.tr("The text of the draft, as fopegui reads the headers. Edit it as you like.")
        )
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("submissionBody")
        self.body_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.reset_button = QPushButton(self.tr("&Reset to the generated text"))
        self.reset_button.setObjectName("resetLetter")
        self.reset_button.clicked.connect(self.reset)
        self.edited_note = plain_label(
            self.tr("Edited by hand: changes on the previous page no longer reach this text.")
        )
        self.edited_note.hide()
        self._generated = ""
        self.body_edit.textChanged.connect(self._text_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.edited_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        generated = _wizard(self).generated_letter()
        if not self.is_edited():
            self.body_edit.setPlainText(generated)
        self._generated = generated
        self._text_changed()

    def is_edited(self) -> bool:
        return bool(self._generated) and self.body_edit.toPlainText() != self._generated

    def reset(self) -> None:
        self.body_edit.setPlainText(_wizard(self).generated_letter())

    def _text_changed(self) -> None:
        edited = self.is_edited()
        self.edited_note.setVisible(edited)
        self.reset_button.setEnabled(edited)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.body_edit.toPlainText().strip())

    def validatePage(self) -> bool:
        _wizard(self).build(body=self.body_edit.toPlainText())
        return True


class OutputPage(QWizardPage):
    """Save the draft; or, for a Microsoft 365 tenant, a Graph request to run."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputPage")
        self.setTitle(self.tr("Save"))
        self.setSubTitle(self.tr("A new message with the original attached unchanged."))
        self.summary = plain_label()
        self.summary.setObjectName("draftSummary")
        self.save_button = QPushButton(self.tr("&Save draft…"))
        self.save_button.setObjectName("saveDraft")
        self.open_button = QPushButton(self.tr("&Open in mail program"))
        self.open_button.setObjectName("openDraft")
        self.open_button.setEnabled(False)
        self.status = Notice("info", "")  # hidden until there is something to say
        self.status.setObjectName("draftStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.defender_button = defender_button(self.tr("Open the Defender Submissions page"))
        buttons.addWidget(self.defender_button)

        self.graph_note = plain_label()
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setObjectName("graphRecipient")
        self.recipient_edit.setPlaceholderText(self.tr("the mailbox the message was sent to"))
        self.graph_button = QPushButton(self.tr("Save &Graph request…"))
        self.graph_button.setObjectName("saveGraph")
        self.recipient_edit.textChanged.connect(
            lambda text: self.graph_button.setEnabled(self.graph_allowed and bool(text.strip()))
        )
        self.graph_allowed = True
        self.graph_status = Notice("info", "")
        self.graph_status.setObjectName("graphStatus")
        self.powershell = QLineEdit()
        self.powershell.setObjectName("powershellLine")
        self.powershell.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.powershell.text())
        )
        self.powershell_row = QWidget()
        row = QHBoxLayout(self.powershell_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("PowerShell 7:"))
        row.addWidget(self.powershell, 1)
        row.addWidget(self.copy_button)
        self.powershell_row.hide()
        recipient = QHBoxLayout()
        label = QLabel(self.tr("&Recipient:"))
        label.setBuddy(self.recipient_edit)
        recipient.addWidget(label)
        recipient.addWidget(self.recipient_edit, 1)
        recipient.addWidget(self.graph_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(ui_text("output_intro", lang)))
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(line)
        layout.addWidget(self.graph_note)
        layout.addLayout(recipient)
        layout.addWidget(self.graph_status)
        layout.addWidget(self.powershell_row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = _wizard(self)
        original = wizard.original
        assert original is not None
        page = wizard.destination
        self.summary.setText(
            self.tr(
                "To: {to}\nSubject: {subject}\nAttachment: {name} ({size} bytes)\n"
                "Draft: {draft_size} bytes"
            ).format(
                to=page.to_edit.text().strip(),
                subject=page.subject_edit.text().strip(),
                name=original.filename,
                size=len(original.data),
                draft_size=len(wizard.draft or b""),
            )
        )
        from fopegui.core.graph_request import graph_note

        refusal = wizard.graph_refusal()
        self.graph_allowed = refusal is None
        self.graph_note.setText(refusal or render(graph_note(), wizard.lang) or "")
        if not self.recipient_edit.text():
            self.recipient_edit.setText(wizard.default_recipient())
        self.recipient_edit.setEnabled(self.graph_allowed)
        self.graph_button.setEnabled(self.graph_allowed and bool(self.recipient_edit.text()))


def first_address(value: str | None) -> str:
    """The first address of a To value (the mailbox whose policy decided, as a guess)."""
    pairs = email.utils.getaddresses([value or ""])
    return next((addr for _, addr in pairs if "@" in addr), "")
