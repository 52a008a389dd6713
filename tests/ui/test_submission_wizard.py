"""The false-positive submission wizard: driven page by page with qtbot, drafts saved to tmp_path
and the attachment compared byte for byte with the original."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QFileDialog, QWizard

from fopegui.core import catalogue
from fopegui.core.analyze import analyze_path, analyze_text
from fopegui.core.submission import KB_ADDRESS, extract_attachment
from fopegui.ui import submission_wizard as sw
from fopegui.ui.submission_wizard import Notice, SubmissionWizard

MSG = Path(__file__).resolve().parent.parent / "data" / "msg"
SUBMISSION = Path(__file__).resolve().parent.parent / "data" / "submission"


def wizard_for(qtbot, path: Path, settings: QSettings, lang: str = "en") -> SubmissionWizard:
    report = analyze_path(path)
    assert report.error is None
    wizard = SubmissionWizard(report, settings, lang)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def run_to_output(wizard: SubmissionWizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.destination
    wizard.next()
    assert wizard.currentPage() is wizard.output, wizard.destination.error.text()


def notices(wizard: SubmissionWizard) -> list[tuple[str, str]]:
    return [(n.severity, n.text()) for n in wizard.confirm.findChildren(Notice)]


def test_eml_draft_attaches_the_original_lf_bytes(qtbot, samples: Path, settings, tmp_path):
    original = samples / "eop-spam-authfail.eml"
    assert b"\r\n" not in original.read_bytes()  # the LF case
    wizard = wizard_for(qtbot, original, settings)
    run_to_output(wizard)
    out = tmp_path / "draft.eml"
    assert wizard.save_to(out)
    draft = out.read_bytes()
    assert extract_attachment(draft) == original.read_bytes()
    assert b"\r\nX-Unsent: 1\r\n" in draft
    assert re.search(rb"(?:^|\r\n)To: false_positive@messaging\.microsoft\.com\r\n", draft)
    assert wizard.output.open_button.isEnabled()
    assert "Saved to" in wizard.output.status.text()


def test_crlf_original_is_attached_unchanged(qtbot, samples: Path, settings, tmp_path):
    # The same message with CRLF line ends: the draft must not turn them into LF (or back).
    crlf = tmp_path / "crlf.eml"
    crlf.write_bytes((samples / "eop-spam-authfail.eml").read_bytes().replace(b"\n", b"\r\n"))
    wizard = wizard_for(qtbot, crlf, settings)
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")
    assert extract_attachment((tmp_path / "draft.eml").read_bytes()) == crlf.read_bytes()


def test_shift_jis_8bit_crlf_original(qtbot, settings, tmp_path):
    original = SUBMISSION / "sjis-8bit-crlf.eml"
    wizard = wizard_for(qtbot, original, settings)
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")
    assert extract_attachment((tmp_path / "draft.eml").read_bytes()) == original.read_bytes()


def test_msg_draft_attaches_the_msg_file(qtbot, settings, tmp_path):
    original = MSG / "EmailWithMsgAttachment.msg"
    wizard = wizard_for(qtbot, original, settings)
    assert wizard.destination.subject_edit.text() == "False positive: FW: Msg Attachment Test"
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")
    draft = (tmp_path / "draft.eml").read_bytes()
    assert extract_attachment(draft) == original.read_bytes()
    assert b"application/vnd.ms-outlook" in draft
    # Not filtered as spam: the wizard says so, but the admin could still go on.
    assert any(s == "warning" and "did not treat" in t for s, t in notices(wizard))


def test_japanese_subject_default_and_in_the_draft(qtbot, samples: Path, settings, tmp_path):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    assert wizard.destination.subject_edit.text() == "False positive: 【請求書】ご確認ください"
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")
    import email
    import email.policy

    parsed = email.message_from_bytes(
        (tmp_path / "draft.eml").read_bytes(), policy=email.policy.default
    )
    assert parsed["Subject"] == "False positive: 【請求書】ご確認ください"


def test_japanese_texts_in_japanese(qtbot, samples: Path, settings):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings, lang="ja")
    assert wizard.destination.subject_edit.text() == "誤検知: 【請求書】ご確認ください"
    assert any("方法 2" in t for _, t in notices(wizard))


def test_method_2_is_confirmed_without_warnings(qtbot, samples: Path, settings):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    assert [s for s, _ in notices(wizard)] == ["ok"]
    labels = [w.text() for w in wizard.confirm.findChildren(sw.QLabel)]
    assert any(t.startswith("SFV:SPM — ") for t in labels)
    assert any(t.startswith("SCL:5 — ") for t in labels)


def test_method_1_warns_but_allows_continuing(qtbot, samples: Path, settings, tmp_path):
    wizard = wizard_for(qtbot, samples / "fope-spam-customspam.eml", settings)
    found = notices(wizard)
    assert ("problem", sw.ui_text("warn_method1", option="Image links to remote sites")) in found
    assert not any(s == "ok" for s, _ in found)  # no "Method 2 applies" next to the warning
    labels = [w.text() for w in wizard.confirm.findChildren(sw.QLabel)]
    assert any("score: 31" in t and t.startswith("VPS31") for t in labels)  # X-BigFish s + score
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")


@pytest.mark.parametrize("name", ["eop-policy-sks.eml", "fope-policy-vp.eml"])
def test_method_3_warns(qtbot, samples: Path, settings, name: str):
    wizard = wizard_for(qtbot, samples / name, settings)
    found = notices(wizard)
    assert ("problem", sw.ui_text("warn_method3", reason="SFV:SKS")) in found
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_pasted_headers_warn_that_the_original_is_needed(qtbot, samples: Path, settings, tmp_path):
    text = (samples / "eop-spam-authfail.eml").read_text(encoding="utf-8")
    report = analyze_text(text)
    wizard = SubmissionWizard(report, settings)
    qtbot.addWidget(wizard)
    wizard.show()
    assert any("complete original message" in t for _, t in notices(wizard))
    assert wizard.default_path().endswith("false-positive-pasted-headers.eml")
    run_to_output(wizard)
    assert wizard.save_to(tmp_path / "draft.eml")
    assert extract_attachment((tmp_path / "draft.eml").read_bytes()) == report.source.data


def test_addresses_are_remembered(qtbot, samples: Path, settings, tmp_path):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    assert wizard.destination.to_edit.text() == KB_ADDRESS  # the KB's address by default
    wizard.next()
    assert wizard.destination.kb_notice.isVisible()
    assert "Defender" in wizard.destination.kb_notice.text()
    wizard.destination.to_edit.setText("phish-reports@contoso.example")
    wizard.destination.from_edit.setText("Admin <admin@contoso.example>")
    wizard.next()
    assert wizard.save_to(tmp_path / "draft.eml")
    assert re.search(
        rb"(?:^|\r\n)To: phish-reports@contoso\.example\r\n", (tmp_path / "draft.eml").read_bytes()
    )

    again = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    assert again.destination.to_edit.text() == "phish-reports@contoso.example"
    assert again.destination.from_edit.text() == "Admin <admin@contoso.example>"
    again.destination.kb_button.click()
    assert again.destination.to_edit.text() == KB_ADDRESS


def test_bad_address_stops_on_the_destination_page(qtbot, samples: Path, settings):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    wizard.next()
    wizard.destination.to_edit.setText("not an address")
    wizard.next()
    assert wizard.currentPage() is wizard.destination
    assert wizard.destination.error.isVisible()
    assert "not an e-mail address" in wizard.destination.error.text()
    wizard.destination.to_edit.setText("")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_note_and_subject_go_into_the_draft(qtbot, samples: Path, settings, tmp_path):
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    wizard.next()
    wizard.destination.subject_edit.setText("FP from our supplier")
    wizard.destination.note_edit.setPlainText("Weekly invoice mail from a known partner.")
    wizard.next()
    assert wizard.save_to(tmp_path / "draft.eml")
    import email

    parsed = email.message_from_bytes((tmp_path / "draft.eml").read_bytes())
    assert parsed["Subject"] == "FP from our supplier"
    body = parsed.get_payload()[0].get_payload(decode=True).decode("utf-8")
    assert "Weekly invoice mail from a known partner." in body


def test_never_overwrites_the_original(qtbot, samples: Path, settings, tmp_path):
    copy = tmp_path / "message.eml"
    shutil.copy(samples / "eop-spam-authfail.eml", copy)
    before = copy.read_bytes()
    wizard = wizard_for(qtbot, copy, settings)
    run_to_output(wizard)
    assert not wizard.save_to(copy)
    assert copy.read_bytes() == before
    assert wizard.output.status.severity == "problem"
    assert not wizard.output.open_button.isEnabled()
    assert not list(tmp_path.glob(".*.tmp"))


def test_save_dialog_default_name_in_last_folder(qtbot, samples, settings, tmp_path, monkeypatch):
    folder = tmp_path / "drafts"
    folder.mkdir()
    settings.setValue("last_folder", str(folder))
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    run_to_output(wizard)
    offered = {}

    def fake_dialog(parent, title, start, filters):
        offered["start"] = start
        return str(folder / "chosen"), filters  # no suffix typed: .eml is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    wizard.output.save_button.click()
    assert offered["start"] == str(folder / "false-positive-eop-spam-authfail.eml")
    saved = folder / "chosen.eml"
    assert (
        extract_attachment(saved.read_bytes()) == (samples / "eop-spam-authfail.eml").read_bytes()
    )


def test_open_in_mail_program_hands_the_saved_file_to_the_desktop(
    qtbot, samples, settings, tmp_path, monkeypatch
):
    opened: list[QUrl] = []
    monkeypatch.setattr(sw, "open_url", lambda url: opened.append(url) or True)
    wizard = wizard_for(qtbot, samples / "eop-spam-authfail.eml", settings)
    assert not wizard.open_in_mail()  # nothing saved yet
    run_to_output(wizard)
    wizard.save_to(tmp_path / "draft.eml")
    wizard.output.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "draft.eml"))]

    monkeypatch.setattr(sw, "open_url", lambda url: False)  # no handler for .eml
    assert not wizard.open_in_mail()
    assert wizard.output.status.severity == "warning"


def test_ui_texts_are_bilingual_with_the_same_placeholders() -> None:
    texts = catalogue.load("reputation_ui")
    for key, entry in texts.items():
        assert set(entry) == {"en", "ja"}, key
        assert any(ord(c) > 0x3000 for c in entry["ja"]), key
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in entry
        ]
        assert fields[0] == fields[1], key
        assert not re.search(r"\s$", entry["en"]), key


def test_window_banner_button_and_tools_menu_open_the_wizard(qtbot, window, samples: Path):
    window.open_paths([str(samples / "eop-spam-authfail.eml")], background=False)
    assert window.banner.submit_button.isVisibleTo(window.banner)  # Method 2: offered
    assert window.submit_action.isEnabled()
    assert window.submit_action in window.tools_menu.actions()
    window.banner.submit_button.click()
    wizard = window.submission_wizard
    qtbot.waitExposed(wizard)
    assert wizard.report is window.current_report()
    assert wizard.isVisible()
    wizard.reject()

    window.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    assert not window.banner.submit_button.isVisibleTo(window.banner)  # Method 1: no button
    window.submit_action.trigger()  # the menu still lets the admin go ahead (with warnings)
    assert window.submission_wizard.report.path.endswith("fope-spam-customspam.eml")
    window.submission_wizard.reject()


def test_window_without_message_offers_no_submission(window) -> None:
    assert not window.banner.submit_button.isVisibleTo(window.banner)
    assert not window.submit_action.isEnabled()
    window.report_false_positive()  # nothing to submit: no wizard, no error
    assert getattr(window, "submission_wizard", None) is None
