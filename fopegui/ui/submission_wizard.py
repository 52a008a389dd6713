"""Tools ▸ Report a false positive…: KB2669119 Method 2 as a four-page wizard.

1. Confirm — what the headers show and whether a submission is the remedy
   (core.submission_plan.assess, the function `fopegui-cli submit` uses): where it is not,
   the real fix is offered and going on needs an explicit "anyway" (the CLI's --force).
2. Destination — To (remembered; the KB's historical address by default, with today's
   routes), From, the letter's language (English preselected, whatever the UI's), subject, note.
3. Letter — the body written from the verdict's codes, editable before anything is saved.
4. Save — the draft .eml (``X-Unsent: 1``, the original attached byte for byte) and, for
   Microsoft 365 tenants, a Microsoft Graph request with a ready PowerShell line.

The wizard's own texts follow the UI language (``lang``); the letter has its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fopegui.core.files import InputFileError, write_atomic
from fopegui.core.model import LoadError, Report
from fopegui.core.submission_original import Original, draft_for, original_of
from fopegui.core.submission_plan import Assessment, assess, letter_text
from fopegui.core.texts import render
from fopegui.ui import settings as store
from fopegui.ui import texts
from fopegui.ui.models import plain_tooltip
from fopegui.ui.submission_pages import (
    FROM_KEY,
    RECIPIENT_KEY,
    TO_KEY,
    DestinationPage,
    LetterPage,
    OutputPage,
    first_address,
)
from fopegui.ui.submission_widgets import open_url, ui_text
from fopegui.ui.widgets import Notice, plain_label

__all__ = ["Notice", "SubmissionWizard", "open_url", "plain_label", "ui_text"]

_SEVERITY = {"remedy": "ok", "not_remedy": "problem", "unknown": "unknown"}


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
    def __init__(
        self,
        report: Report,
        assessment: Assessment,
        lang: str,
        load_error: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPage")
        self.assessment = assessment
        self.load_error = load_error
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

        self.decision = Notice(_SEVERITY[assessment.status], self._decision_text(lang))
        self.decision.setObjectName("submissionDecision")
        layout.addWidget(self.decision)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("openFix")
        page = assessment.fix_page
        if page is not None and assessment.status == "not_remedy":
            self.fix_button.setText(self.tr("Open: {page}").format(page=render(page.name, lang)))
            self.fix_button.setToolTip(plain_tooltip(page.url))
            self.fix_button.clicked.connect(lambda: open_url(QUrl(page.url)))
        else:
            self.fix_button.hide()
        self.anyway = QCheckBox(
            self.tr("Prepare a submission &anyway (the letter says what the headers show)")
        )
        self.anyway.setObjectName("submitAnyway")
        self.anyway.setVisible(assessment.status == "not_remedy")
        self.anyway.toggled.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.fix_button)
        row.addWidget(self.anyway, 1)
        layout.addLayout(row)
        self.notices = [self.decision]
        extra = []
        if load_error:
            extra.append(("problem", load_error))
        if report.source is not None and report.source.kind == "text":
            extra.append(("warning", ui_text("warn_pasted", lang)))
        for severity, text in extra:
            notice = Notice(severity, text)
            self.notices.append(notice)
            layout.addWidget(notice)
        layout.addStretch(1)

    def _decision_text(self, lang: str) -> str:
        assessment = self.assessment
        parts = [render(assessment.headline(), lang), render(assessment.why, lang)]
        text = ("" if lang == "ja" else " ").join(p for p in parts if p)  # ja: no space after 。
        if assessment.status != "remedy" and assessment.fix is not None:
            fix = render(assessment.fix, lang)
            if fix:
                text += "\n\n" + self.tr("The fix: {fix}").format(fix=fix)
        return text

    def isComplete(self) -> bool:
        if self.load_error:
            return False
        return not self.assessment.refused(force=self.anyway.isChecked())


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
        lang = lang or texts.language()  # the wizard's own texts, fixed while it is open
        self.report = report
        self.settings = settings
        self.lang = lang
        self.assessment = assess(report)
        self.original: Original | None = None
        load_error = None
        try:
            self.original = original_of(report)
        except LoadError as err:  # the parent of an embedded message went away
            load_error = render(err.text, lang)
        self.draft: bytes | None = None
        self.saved_path: Path | None = None
        self.graph_path: Path | None = None
        self.setObjectName("submissionWizard")
        self.setWindowTitle(self.tr("Report a false positive"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.confirm = ConfirmPage(report, self.assessment, lang, load_error)
        subject = self.original.subject if self.original else None
        self.destination = DestinationPage(subject, settings, lang)
        self.letter = LetterPage(lang)
        self.output = OutputPage(lang)
        for page in (self.confirm, self.destination, self.letter, self.output):
            self.addPage(page)
        self.output.save_button.clicked.connect(self.save_dialog)
        self.output.open_button.clicked.connect(self.open_in_mail)
        self.output.graph_button.clicked.connect(self.save_graph_dialog)
        self.resize(800, 680)

    # -- building ---------------------------------------------------------------------------

    def attachment_name(self) -> str:
        assert self.original is not None
        return self.original.filename

    def letter_language(self) -> str:
        return self.destination.letter_language()

    def generated_letter(self) -> str:
        """The body written from the verdict's codes, in the letter's language."""
        assert self.original is not None
        note = self.destination.note_edit.toPlainText()
        facts = self.original.letter_facts()
        text = letter_text(self.report, self.assessment, facts, self.letter_language(), note)
        return text.replace("\r\n", "\n")

    def build(self, body: str | None = None) -> bytes:
        """The draft from the fields and ``body`` (default: the letter page's text, else the
        generated one); ValueError for an address that is not one."""
        assert self.original is not None
        if body is None:
            edited = self.letter.body_edit.toPlainText()
            body = edited if edited.strip() else self.generated_letter()
        page = self.destination
        self.draft = draft_for(
            self.report,
            self.original,
            page.to_edit.text().strip(),
            from_addr=page.from_edit.text().strip() or None,
            subject=page.subject_edit.text().strip() or None,
            lang=self.letter_language(),
            body=body,
        )
        return self.draft

    def remember_addresses(self) -> None:
        self.settings.setValue(TO_KEY, self.destination.to_edit.text().strip())
        self.settings.setValue(FROM_KEY, self.destination.from_edit.text().strip())

    def default_path(self, suffix: str = ".eml") -> str:
        stem = Path(self.report.path).stem if self.report.path else "pasted-headers"
        stem = stem.replace("#", "-")
        name = f"false-positive-{stem}{suffix}"
        return str(Path(store.last_folder(self.settings)) / name)

    # -- the draft ----------------------------------------------------------------------------

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
        """Write the draft to ``path`` atomically; never onto the file the message is read
        from (for a message inside another file: that file)."""
        page = self.output
        draft = self.draft if self.draft is not None else self.build()
        if not self._write(path, draft, page.status):
            return False
        self.saved_path = Path(path)
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

    # -- the Graph request --------------------------------------------------------------------

    def graph_refusal(self) -> str | None:
        """Why no Graph request can be made for this message (None: it can)."""
        from fopegui.core.graph_request import GraphRefused, graph_request

        if self.original is None:
            return self.confirm.load_error
        try:
            graph_request(b"", self.original.kind, "check@example.org")
        except GraphRefused as err:
            return render(err.text, self.lang)
        return None

    def default_recipient(self) -> str:
        remembered = str(self.settings.value(RECIPIENT_KEY) or "")
        return first_address(self.report.summary.get("to")) or remembered

    def save_graph_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the Microsoft Graph request"),
            self.default_path(".json"),
            self.tr("JSON (*.json)"),
        )
        if path:
            if not Path(path).suffix:
                path += ".json"
            self.save_graph_to(path)

    def save_graph_to(self, path: str | Path) -> bool:
        """Write the Graph request body to ``path``; show the PowerShell line that sends it."""
        from fopegui.core.graph_request import graph_request, powershell_line, request_bytes

        page = self.output
        assert self.original is not None
        recipient = page.recipient_edit.text().strip()
        try:
            request = graph_request(self.original.data, self.original.kind, recipient)
        except ValueError as err:
            page.graph_status.set("problem", str(err))
            return False
        if not self._write(path, request_bytes(request), page.graph_status):
            return False
        self.graph_path = Path(path)
        self.settings.setValue(RECIPIENT_KEY, recipient)
        page.graph_status.set(
            "ok",
            self.tr("Saved to {path}. Nothing was sent: run it as an administrator.").format(
                path=path
            ),
        )
        page.powershell.setText(powershell_line(str(Path(path).resolve())))
        page.powershell.setCursorPosition(0)
        page.powershell_row.show()
        return True

    def _write(self, path: str | Path, data: bytes, status: Notice) -> bool:
        try:
            write_atomic(path, data, inputs=[self.report.path])
        except InputFileError:
            status.set(
                "problem",
                self.tr("{path} is the original message; it is never overwritten.").format(
                    path=path
                ),
            )
            return False
        except OSError as err:
            status.set(
                "problem",
                self.tr("Cannot write {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                ),
            )
            return False
        store.set_last_folder(self.settings, str(Path(path).parent))
        return True

    # -- closing ------------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: asks first when nothing has been saved (the draft would be lost)."""
        if self.saved_path is None and self.graph_path is None and not self.confirm_discard():
            return
        super().accept()

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Nothing saved"),
            self.tr(
                "Neither the draft nor a Graph request has been saved. "
                "Close the wizard and discard them?"
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
