"""Tools ▸ Report a false positive…: KB2669119 Method 2 as a three-page wizard.

1. Confirm — why the message counts as filtered and which method applies (warns for 1 / 3).
2. Destination — To (remembered; the KB's retired FOPE address by default, with today's way
   to submit), From, Subject, a note.
3. Output — save a draft .eml (``X-Unsent: 1``) with the original attached byte for byte
   (``core.submission.build_draft``), then open it in the mail program.

The wizard speaks one language while it is open (``lang``, by default the UI's current one):
its texts and the draft letter. Core and catalogue texts are rendered by the text service.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fopegui.core.files import same_file, write_atomic
from fopegui.core.model import Report
from fopegui.core.submission import (
    DEFENDER_SUBMISSIONS_URL,
    KB_ADDRESS,
    attachment_filename,
    build_draft,
    default_subject,
    destination_note,
)
from fopegui.ui import settings as store
from fopegui.ui import severity as sev
from fopegui.ui import texts

TO_KEY = "submission/to"
FROM_KEY = "submission/from"
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


def filtering_fields(report: Report, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(header, field, meaning) of the decoded fields that say why the message was filtered,
    meanings in ``lang`` (default: the UI's)."""
    wanted = {
        "x-forefront-antispam-report": {"SFV", "SCL", "CAT"},
        "x-microsoft-antispam": {"BCL"},
        "x-customspam": None,  # every field: the ASF option
        "x-spamscore": None,
    }
    rows = []
    for header in report.headers:
        if header.key not in wanted:
            continue
        keys = wanted[header.key]
        for field in header.fields:
            if keys is None or field.key.upper() in keys:
                same = field.key.lower() == header.key  # a one-field header: just the value
                value = field.value if same else f"{field.key}:{field.value}"
                rows.append((header.name, value, texts.tr_core(field.meaning, lang)))
    return rows


class ConfirmPage(QWizardPage):
    def __init__(self, report: Report, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPage")
        self.setTitle(self.tr("Confirm: is this a false positive?"))
        subject = report.summary.get("subject") or self.tr("(no subject)")
        self.setSubTitle(self.tr("Message: {subject}").format(subject=subject))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(ui_text("wizard_intro", lang)))

        self.evidence = QFormLayout()
        self.evidence.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        verdict = report.verdict
        summary = texts.tr_core(verdict.summary, lang)
        self.evidence.addRow(self.tr("Verdict:"), plain_label(summary or "—"))
        methods = ", ".join(str(m) for m in verdict.kb_methods) or self.tr("none")
        self.evidence.addRow(self.tr("KB2669119 method:"), plain_label(methods))
        for header, value, meaning in filtering_fields(report, lang):
            text = f"{value} — {meaning}" if meaning else value
            self.evidence.addRow(f"{header}:", plain_label(text))
        bigfish = (report.fope or {}).get("bigfish")
        if bigfish:
            scanned = self.tr("yes") if bigfish.get("spam_scanned") else self.tr("no (no s)")
            score = bigfish.get("score")
            text = self.tr("{raw} — spam filtered: {scanned}; score: {score}").format(
                raw=bigfish.get("raw"), scanned=scanned, score="—" if score is None else score
            )
            self.evidence.addRow("X-BigFish:", plain_label(text))
        layout.addLayout(self.evidence)

        self.notices = [Notice(s, t) for s, t in self._notices(report, lang)]
        for notice in self.notices:
            layout.addWidget(notice)
        layout.addStretch(1)

    @staticmethod
    def _notices(report: Report, lang: str) -> list[tuple[str, str]]:
        verdict = report.verdict
        methods = verdict.kb_methods
        out: list[tuple[str, str]] = []
        if 1 in methods:
            option = (report.fope or {}).get("custom_spam") or "X-CustomSpam"
            out.append(("problem", ui_text("warn_method1", lang, option=option)))
        if 3 in methods:
            sfv = (report.eop or {}).get("sfv")
            first = texts.tr_core(verdict.reasons[0], lang) if verdict.reasons else "-"
            reason = f"SFV:{sfv}" if sfv else first
            out.append(("problem", ui_text("warn_method3", lang, reason=reason)))
        if 2 in methods and not out:
            out.append(("ok", ui_text("method2_applies", lang)))
        if verdict.filtered_as_spam is False:
            out.append(("warning", ui_text("warn_not_filtered", lang)))
        elif verdict.filtered_as_spam is None:
            out.append(("unknown", ui_text("warn_unknown_verdict", lang)))
        if report.source is not None and report.source.kind == "text":
            out.append(("warning", ui_text("warn_pasted", lang)))
        return out


class DestinationPage(QWizardPage):
    def __init__(
        self, report: Report, settings: QSettings, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("destinationPage")
        self.setTitle(self.tr("Destination"))
        self.setSubTitle(self.tr("Where the draft goes, and what it says."))
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
        self.subject_edit = QLineEdit(default_subject(report.summary.get("subject"), lang))
        self.subject_edit.setObjectName("submissionSubject")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("submissionNote")
        self.note_edit.setPlaceholderText(
            self.tr("optional: why this is legitimate mail (who sends it, why you expect it)")
        )
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)

        self.kb_notice = Notice("warning", destination_note(lang))
        self.defender_button = QPushButton(self.tr("Open the Defender Submissions page"))
        self.defender_button.setToolTip(DEFENDER_SUBMISSIONS_URL)
        self.defender_button.clicked.connect(lambda: open_url(QUrl(DEFENDER_SUBMISSIONS_URL)))
        self.error = plain_label()
        self.error.setObjectName("submissionError")
        self.error.setStyleSheet(f"color: {sev.accent('problem').name()};")
        self.error.hide()

        form = QFormLayout()
        rows = (
            (self.tr("&To:"), self.to_edit, to_row),
            (self.tr("&From:"), self.from_edit, self.from_edit),
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
        layout.addWidget(self.defender_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.to_edit.textChanged.connect(self._to_changed)
        self._to_changed()

    def _to_changed(self) -> None:
        # The retired address is allowed but flagged; any other address is the admin's choice.
        is_kb = self.to_edit.text().strip().lower() == KB_ADDRESS
        self.kb_button.setEnabled(not is_kb)
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.to_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SubmissionWizard)
        try:
            wizard.build()
        except ValueError as err:
            self.error.setText(self.tr("Cannot build the draft: {reason}").format(reason=err))
            self.error.show()
            return False
        wizard.remember_addresses()
        return True


class OutputPage(QWizardPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputPage")
        self.setTitle(self.tr("Save the draft"))
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
        self.defender_button = QPushButton(self.tr("Open the Defender Submissions page"))
        self.defender_button.setToolTip(DEFENDER_SUBMISSIONS_URL)
        self.defender_button.clicked.connect(lambda: open_url(QUrl(DEFENDER_SUBMISSIONS_URL)))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(ui_text("output_intro", lang)))
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addSpacing(12)
        layout.addWidget(plain_label(ui_text("output_defender", lang)))
        layout.addWidget(self.defender_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SubmissionWizard)
        source = wizard.report.source
        assert source is not None
        self.summary.setText(
            self.tr(
                "To: {to}\nSubject: {subject}\nAttachment: {name} ({size} bytes, "
                "SHA-256 {sha256})\nDraft: {draft_size} bytes"
            ).format(
                to=wizard.destination.to_edit.text().strip(),
                subject=wizard.destination.subject_edit.text().strip(),
                name=wizard.attachment_name(),
                size=source.size,
                sha256=hashlib.sha256(source.data).hexdigest(),
                draft_size=len(wizard.draft or b""),
            )
        )


class SubmissionWizard(QWizard):
    """The false-positive submission of ``report`` (which must have a source)."""

    def __init__(
        self,
        report: Report,
        settings: QSettings,
        lang: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if report.source is None:
            raise ValueError("the report has no message to submit")
        lang = lang or texts.language()  # fixed while the wizard is open (and the draft's)
        self.report = report
        self.settings = settings
        self.lang = lang
        self.draft: bytes | None = None
        self.saved_path: Path | None = None
        self.setObjectName("submissionWizard")
        self.setWindowTitle(self.tr("Report a false positive"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.confirm = ConfirmPage(report, lang)
        self.destination = DestinationPage(report, settings, lang)
        self.output = OutputPage(lang)
        for page in (self.confirm, self.destination, self.output):
            self.addPage(page)
        self.output.save_button.clicked.connect(self.save_dialog)
        self.output.open_button.clicked.connect(self.open_in_mail)
        self.resize(760, 620)

    def attachment_name(self) -> str:
        source = self.report.source
        assert source is not None
        return attachment_filename(self.report.path, source.kind)

    def build(self) -> bytes:
        """Build the draft from the fields (ValueError for an address that is not one)."""
        source = self.report.source
        assert source is not None
        page = self.destination
        self.draft = build_draft(
            source.data,
            source.kind,
            self.attachment_name(),
            to=page.to_edit.text().strip(),
            from_addr=page.from_edit.text().strip() or None,
            subject=page.subject_edit.text().strip() or None,
            note=page.note_edit.toPlainText(),
            original_subject=self.report.summary.get("subject"),
            lang=self.lang,
        )
        return self.draft

    def remember_addresses(self) -> None:
        self.settings.setValue(TO_KEY, self.destination.to_edit.text().strip())
        self.settings.setValue(FROM_KEY, self.destination.from_edit.text().strip())

    def default_path(self) -> str:
        stem = Path(self.report.path).stem if self.report.path else "pasted-headers"
        name = f"false-positive-{stem}.eml"
        return str(Path(store.last_folder(self.settings)) / name)

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the false-positive draft"),
            self.default_path(),
            self.tr("E-mail message (*.eml)"),
        )
        if path:
            if not Path(path).suffix:
                path += ".eml"
            self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        """Write the draft to ``path`` atomically; never onto the original message file."""
        page = self.output
        if self.report.path and same_file(path, self.report.path):
            page.status.set(
                "problem",
                self.tr("{path} is the original message; it is never overwritten.").format(
                    path=path
                ),
            )
            return False
        draft = self.draft if self.draft is not None else self.build()
        try:
            write_atomic(path, draft)
        except OSError as err:
            page.status.set(
                "problem",
                self.tr("Cannot write {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                ),
            )
            return False
        self.saved_path = Path(path)
        store.set_last_folder(self.settings, str(self.saved_path.parent))
        page.status.set(
            "ok",
            self.tr(
                "Saved to {path}. Open it in Outlook (or another mail program), "
                "check it and send it."
            ).format(path=path),
        )
        page.open_button.setEnabled(True)
        page.open_button.setDefault(True)
        return True

    def open_in_mail(self) -> bool:
        """Open the saved draft with the system's handler for .eml files."""
        if self.saved_path is None:
            return False
        opened = open_url(QUrl.fromLocalFile(str(self.saved_path)))
        if not opened:
            self.output.status.set(
                "warning",
                self.tr(
                    "No mail program opened {path}; open the file from your mail program."
                ).format(path=self.saved_path),
            )
        return opened
