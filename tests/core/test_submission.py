"""fopegui.core.submission and `fopegui-cli submit`: the original must come back byte for byte."""

from __future__ import annotations

import argparse
import email
import email.policy
import hashlib
import io
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.commands import submit
from fopegui.core import catalogue
from fopegui.core.submission import (
    DEFENDER_SUBMISSIONS_URL,
    KB_ADDRESS,
    attachment_filename,
    build_draft,
    choose_boundary,
    default_subject,
    destination_note,
    extract_attachment,
    read_subject,
    transfer_encoding,
)

DATA = Path(__file__).resolve().parents[1] / "data"
SUBMISSION = DATA / "submission"
MSG_FILES = sorted((DATA / "msg").glob("*.msg"))
SAMPLE_FILES = sorted((DATA / "samples").glob("*.eml"))
TO = "Spam team <false_positive@messaging.microsoft.com>"

# Originals built byte by byte: what each exercises is in its name.
ORIGINALS: dict[str, bytes] = {
    "crlf-7bit": b"From: a@example.org\r\nSubject: plain\r\n\r\nHello.\r\n",
    "lf-7bit": b"From: a@example.org\nSubject: plain\n\nHello.\n",
    "no-final-newline": b"Subject: x\r\n\r\nlast line without a line break",
    "trailing-blank-lines": b"Subject: x\n\nbody\n\n\n",
    "headers-only": b"Received: from a by b; Tue, 14 Feb 2012 09:12:03 +0900\r\nSubject: hdr\r\n",
    "utf8-8bit": "Subject: =?UTF-8?B?5pel5pys?=\n\nUTF-8 本文です。\n".encode(),
    "iso2022jp": b"Subject: =?ISO-2022-JP?B?GyRCOCtAUT1xJE43bxsoQg==?=\r\n\r\n"
    b"\x1b$B$3$s$K$A$O\x1b(B\r\n",
    "sjis-raw-subject": "Subject: 見積書\n\n本文\n".encode("cp932"),
    "space-before-colon": b"Subject : spaced\r\nX-Empty:\r\nno colon here\r\n\r\nbody\r\n",
    "long-line": b"Subject: long\n\n" + b"x" * 5000 + b"\n",
    "exactly-998": b"Subject: edge\r\n\r\n" + b"y" * 998 + b"\r\n",
    "bare-cr": b"Subject: cr\r\n\r\nold Mac\rline\r\n",
    "ends-with-cr": b"Subject: cr\r\n\r\nends with CR\r",
    "nul": b"Subject: nul\n\nzero \x00 byte\n",
    "boundary-lookalike": b"Subject: lookalike\r\n\r\n--foo\r\n--foo--\r\n--\r\n"
    b"--=_fopegui_0123456789abcdef\r\n",
    "own-multipart": b"Subject: m\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain\r\n\r\ninner\r\n--b1--\r\n",
    "mbox-from-line": b"From someone@example.org Tue Feb 14 09:12:00 2012\nSubject: mbox\n\nx\n",
    "mixed-line-ends": b"Subject: mixed\r\nX-A: 1\n\r\nbody\nline\r\n",
    "junk": bytes(range(256)) * 4,
}
EXPECTED_ENCODING = {
    "crlf-7bit": "7bit",
    "lf-7bit": "7bit",
    "utf8-8bit": "8bit",
    "sjis-raw-subject": "8bit",
    "long-line": "binary",
    "exactly-998": "7bit",
    "bare-cr": "binary",
    "ends-with-cr": "binary",
    "nul": "binary",
}


def parse(draft: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(draft, policy=email.policy.default)


def assert_clean_draft(draft: bytes) -> email.message.EmailMessage:
    """The draft parses with the standard library without defects and is an Outlook draft."""
    message = parse(draft)
    assert message.defects == []
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "multipart/mixed"
    text, attachment = message.get_payload()
    assert text.defects == [] and attachment.defects == []
    assert text.get_content_type() == "text/plain"
    assert attachment.get_content_disposition() == "attachment"
    return message


def own_lines(draft: bytes) -> list[bytes]:
    """The draft's lines up to the attachment's content (everything we wrote ourselves)."""
    attachment_start = draft.index(b"\r\n\r\n", draft.index(b"Content-Disposition: attachment"))
    return draft[:attachment_start].split(b"\r\n")


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_eml_original_is_attached_byte_for_byte(name: str) -> None:
    original = ORIGINALS[name]
    draft = build_draft(original, "eml", f"{name}.eml", TO)
    assert extract_attachment(draft) == original
    message = assert_clean_draft(draft)
    attachment = message.get_payload()[1]
    assert attachment.get_content_type() == "message/rfc822"
    assert attachment.get_filename() == f"{name}.eml"
    assert attachment["Content-Transfer-Encoding"] == transfer_encoding(original)
    assert all(len(line) <= 78 for line in own_lines(draft))


@pytest.mark.parametrize("name", sorted(EXPECTED_ENCODING))
def test_transfer_encoding_is_the_one_message_rfc822_allows(name: str) -> None:
    assert transfer_encoding(ORIGINALS[name]) == EXPECTED_ENCODING[name]


@pytest.mark.parametrize("path", SAMPLE_FILES + sorted(SUBMISSION.glob("*.eml")), ids=str)
def test_sample_files_round_trip(path: Path) -> None:
    original = path.read_bytes()
    draft = build_draft(original, "eml", str(path), TO, from_addr="admin@example.com")
    assert extract_attachment(draft) == original
    message = assert_clean_draft(draft)
    # The standard library sees the original message inside, with its own headers.
    inner = message.get_payload()[1].get_payload()[0]
    outer_view = email.message_from_bytes(original, policy=email.policy.default)
    assert inner["Message-ID"] == outer_view["Message-ID"]
    assert inner["Subject"] == outer_view["Subject"]


def test_the_sample_data_really_is_odd() -> None:
    """Guard the fixtures: they must keep exercising what they were written for."""
    sjis = (SUBMISSION / "sjis-8bit-crlf.eml").read_bytes()
    odd = (SUBMISSION / "odd-binary-lf.eml").read_bytes()
    assert b"\r\n" in sjis and not sjis.isascii()
    assert transfer_encoding(sjis) == "8bit"
    assert b"\r\n" not in odd and b"\x00" in odd and b"\r" in odd
    assert transfer_encoding(odd) == "binary"


@pytest.mark.parametrize("path", MSG_FILES, ids=lambda p: p.name)
def test_msg_is_attached_as_outlook_file_byte_for_byte(path: Path) -> None:
    original = path.read_bytes()
    draft = build_draft(original, "msg", str(path), TO, original_subject="From the loader")
    assert extract_attachment(draft) == original
    message = assert_clean_draft(draft)
    attachment = message.get_payload()[1]
    assert attachment.get_content_type() == "application/vnd.ms-outlook"
    assert attachment["Content-Transfer-Encoding"] == "base64"
    assert attachment.get_payload(decode=True) == original
    assert attachment.get_filename() == path.name
    assert attachment.get_param("name") == path.name
    assert message["Subject"] == "False positive: From the loader"
    assert all(len(line) <= 78 for line in own_lines(draft))


def test_msg_subject_is_never_guessed_from_the_ole_bytes() -> None:
    original = MSG_FILES[0].read_bytes()
    assert parse(build_draft(original, "msg", "x.msg", TO))["Subject"] == "False positive"


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("eop-spam-authfail.eml", "【請求書】ご確認ください"),  # UTF-8 encoded-word
        ("fope-ham-bigfish.eml", "見積書の件"),  # ISO-2022-JP encoded-word
        ("fope-spam-customspam.eml", "Spring catalogue"),
    ],
)
def test_subject_defaults_to_false_positive_and_original(name: str, subject: str) -> None:
    original = (DATA / "samples" / name).read_bytes()
    assert read_subject(original) == subject
    assert parse(build_draft(original, "eml", name, TO))["Subject"] == f"False positive: {subject}"
    japanese = parse(build_draft(original, "eml", name, TO, lang="ja"))
    assert japanese["Subject"] == f"誤検知: {subject}"


def test_raw_shift_jis_subject_is_read() -> None:
    assert read_subject((SUBMISSION / "sjis-8bit-crlf.eml").read_bytes()) == "【重要】ご注文の確認"


def test_long_japanese_subject_is_folded_into_short_encoded_words() -> None:
    subject = "誤検知の報告：" + "日本語の件名がとても長い場合でも正しく折り返されること。" * 8
    draft = build_draft(ORIGINALS["crlf-7bit"], "eml", "a.eml", TO, subject=subject)
    assert parse(draft)["Subject"] == subject
    header = re.search(rb"^Subject: .*?\r\n(?! )", draft, re.M | re.S).group(0)
    lines = header.rstrip(b"\r\n").split(b"\r\n")
    assert len(lines) > 5 and all(len(line) <= 78 for line in lines)
    assert all(len(word) <= 75 for word in re.findall(rb"=\?[^ ]*\?=", header))
    assert header.isascii()


def test_long_ascii_subject_is_folded_at_spaces() -> None:
    subject = " ".join(["word"] * 60)
    draft = build_draft(ORIGINALS["crlf-7bit"], "eml", "a.eml", TO, subject=subject)
    assert parse(draft)["Subject"] == subject
    assert all(len(line) <= 78 for line in own_lines(draft))


@pytest.mark.parametrize("subject", ["=?UTF-8?B?5pel?= literal", "x" * 1200])
def test_ascii_subjects_that_cannot_stay_plain_are_encoded(subject: str) -> None:
    draft = build_draft(ORIGINALS["crlf-7bit"], "eml", "a.eml", TO, subject=subject)
    assert parse(draft)["Subject"] == subject
    assert b"Subject: =?UTF-8?B?" in draft


def test_line_breaks_cannot_inject_headers() -> None:
    draft = build_draft(
        ORIGINALS["crlf-7bit"], "eml", "a.eml", TO, subject="hi\r\nBcc: victim@example.org"
    )
    message = assert_clean_draft(draft)
    assert message["Bcc"] is None
    assert message["Subject"] == "hi Bcc: victim@example.org"
    with pytest.raises(ValueError):
        build_draft(b"x", "eml", "a.eml", "a@example.org\r\nBcc: victim@example.org")


@pytest.mark.parametrize("address", ["", "not an address", "a@", "a@b c", "a@b\nc@d"])
def test_bad_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValueError):
        build_draft(b"Subject: x\n\ny\n", "eml", "a.eml", address)


def test_addresses_and_japanese_display_names() -> None:
    draft = build_draft(
        b"Subject: x\n\ny\n",
        "eml",
        "a.eml",
        "one@example.org, スパム担当 <two@example.org>",
        from_addr="管理者 <admin@example.com>",
    )
    message = assert_clean_draft(draft)
    assert [a.addr_spec for a in message["To"].addresses] == ["one@example.org", "two@example.org"]
    assert message["To"].addresses[1].display_name == "スパム担当"
    assert message["From"].addresses[0].display_name == "管理者"
    assert message["Message-ID"].endswith("@example.com>")


def test_date_and_message_id() -> None:
    when = datetime(2012, 2, 14, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    message = parse(build_draft(b"Subject: x\n\ny\n", "eml", "a.eml", TO, date=when))
    assert message["Date"].datetime == when
    assert message["Message-ID"].endswith("@fopegui.invalid>")  # no From: no DNS lookup either
    naive = parse(build_draft(b"Subject: x\n\ny\n", "eml", "a.eml", TO, date=datetime(2012, 2, 14)))
    assert naive["Date"].datetime.tzinfo is not None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_body_explains_the_submission(lang: str) -> None:
    original = (DATA / "samples" / "eop-spam-authfail.eml").read_bytes()
    note = "Our customer's invoices.\nPlease check.\r\n二行目"
    text = parse(build_draft(original, "eml", "m.eml", TO, note=note, lang=lang))
    body = text.get_payload()[0].get_content().replace("\r\n", "\n")
    assert "KB2669119" in body
    assert ("Method 2" if lang == "en" else "方法 2") in body
    assert hashlib.sha256(original).hexdigest() in body
    assert "【請求書】ご確認ください" in body
    assert "Our customer's invoices.\nPlease check.\n二行目" in body


@pytest.mark.parametrize(
    ("path", "kind", "expected"),
    [
        ("/home/u/Mail/spam.eml", "eml", "spam.eml"),
        ("C:\\Users\\u\\見積書.msg", "msg", "見積書.msg"),
        ("", "eml", "original.eml"),
        (None, "msg", "original.msg"),
        ("a\r\nb.eml", "eml", "a__b.eml"),
        ('say "hi".eml', "eml", "say _hi_.eml"),
    ],
)
def test_attachment_filename(path: str | None, kind: str, expected: str) -> None:
    assert attachment_filename(path, kind) == expected


@pytest.mark.parametrize(
    "name", ['quote"d.eml', "見積書.eml", "件名" * 70 + ".eml", "a" * 400 + ".eml"]
)
def test_filenames_survive_the_headers(name: str) -> None:
    draft = build_draft(b"Subject: x\n\ny\n", "eml", name, TO)
    filename = parse(draft).get_payload()[1].get_filename()
    assert filename == attachment_filename(name, "eml")
    assert filename.endswith(".eml") and len(filename) <= 150
    assert all(len(line) <= 78 for line in own_lines(draft) if b"filename=" not in line)
    assert all(len(line) <= 998 for line in own_lines(draft))


def test_boundary_is_regenerated_when_it_occurs_in_the_original() -> None:
    original = b"Subject: x\n\n--first\n"
    chosen = choose_boundary([original], iter(["first", "second"]))
    assert chosen == "second"
    with pytest.raises(ValueError):
        choose_boundary([original], iter(["first"]))


def test_extract_attachment_refuses_what_is_not_a_draft() -> None:
    with pytest.raises(ValueError):
        extract_attachment(b"Subject: plain\r\n\r\nnot multipart\r\n")
    no_attachment = (
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nx\r\n--b--\r\n"
    )
    with pytest.raises(ValueError):
        extract_attachment(no_attachment)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        build_draft(b"x", "pdf", "x.pdf", TO)


def test_notes_name_the_kb_address_and_todays_page() -> None:
    for lang in ("en", "ja"):
        note = destination_note(lang)
        assert KB_ADDRESS in note and DEFENDER_SUBMISSIONS_URL in note and "FOPE" in note
    assert destination_note("en") != destination_note("ja")
    assert default_subject(None, "ja") == "誤検知"
    assert default_subject("  a\r\n b ", "en") == "False positive: a b"


def _text_entries(node: object, path: str = "") -> list[tuple[str, dict]]:
    """The {"en", "ja"} entries of a catalogue file, however deep (sections, fix pages)."""
    if isinstance(node, dict) and "en" in node:
        return [(path, node)]
    if isinstance(node, dict):
        items = (item for item in node.items() if item[0] != "_about")
        return [e for k, v in items for e in _text_entries(v, f"{path}/{k}")]
    return []


def test_catalogue_texts_are_bilingual() -> None:
    # The file has sections now (why / fix_pages / cli): every text entry, however deep.
    entries = dict(_text_entries(catalogue.load("submission")))
    assert len(entries) > 40
    for key, entry in entries.items():
        assert set(entry) == {"en", "ja"}, key
        assert entry["en"].strip() and entry["ja"].strip(), key
        assert not entry["ja"].isascii(), key
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["ja"]))


@settings(max_examples=200, deadline=None)
@given(original=st.binary(min_size=1, max_size=3000), kind=st.sampled_from(["eml", "msg"]))
def test_any_bytes_come_back_unchanged(original: bytes, kind: str) -> None:
    draft = build_draft(original, kind, "x", TO, original_subject="s")
    assert extract_attachment(draft) == original
    assert parse(draft).defects == []


@settings(max_examples=200, deadline=None)
@given(subject=st.text(min_size=1, max_size=300), note=st.text(max_size=300))
def test_any_subject_decodes_back(subject: str, note: str) -> None:
    subject = subject.encode("utf-8", "replace").decode("utf-8", "replace")  # no lone surrogates
    note = note.encode("utf-8", "replace").decode("utf-8", "replace")
    draft = build_draft(b"Subject: x\n\ny\n", "eml", "x.eml", TO, subject=subject, note=note)
    message = assert_clean_draft(draft)
    expected = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", subject).split())
    assert message["Subject"] == (expected or "False positive: x")
    assert all(len(line) <= 78 for line in own_lines(draft))


# --- fopegui-cli submit ---------------------------------------------------------------------


def cli(*argv: str) -> int:
    """`fopegui-cli submit ...` through the command module's own parser and run()."""
    parser = argparse.ArgumentParser(prog="fopegui-cli")
    submit.add_parser(parser.add_subparsers(dest="command"))
    try:
        args = parser.parse_args(["submit", *argv])
    except SystemExit as exit_:
        return int(exit_.code)
    return submit.run(args)


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_mode


@pytest.fixture
def eml_copy(tmp_path: Path) -> Path:
    target = tmp_path / "odd-binary-lf.eml"
    target.write_bytes((SUBMISSION / "odd-binary-lf.eml").read_bytes())
    return target


def test_cli_writes_a_draft_and_leaves_the_input_alone(
    eml_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(eml_copy)
    out = tmp_path / "draft.eml"
    code = cli(str(eml_copy), "--to", KB_ADDRESS, "--from", "a@example.org", "--out", str(out))
    assert code == 0
    assert fingerprint(eml_copy) == before
    draft = out.read_bytes()
    assert extract_attachment(draft) == eml_copy.read_bytes()
    message = assert_clean_draft(draft)
    assert message["To"] == KB_ADDRESS
    assert message["Subject"] == "False positive: space before the colon"
    err = capsys.readouterr().err
    assert str(out) in err and DEFENDER_SUBMISSIONS_URL in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.eml", "odd-binary-lf.eml"]


def test_cli_msg_takes_its_subject_from_the_msg_loader(tmp_path: Path) -> None:
    source = DATA / "msg" / "TxtSampleEmail.msg"
    out = tmp_path / "d.eml"
    # Its headers say filtering was skipped (SCL -1): not the remedy, so --force (issue 13).
    assert cli(str(source), "--to", "x@example.org", "--out", str(out), "--lang", "ja") == 4
    assert not out.exists()
    argv = ["--to", "x@example.org", "--out", str(out), "--lang", "ja", "--force"]
    assert cli(str(source), *argv) == 0
    draft = out.read_bytes()
    assert extract_attachment(draft) == source.read_bytes()
    message = parse(draft)
    assert message["Subject"] == "誤検知: TxtSampleEmail"
    assert message.get_payload()[1].get_content_type() == "application/vnd.ms-outlook"


def test_cli_options_reach_the_draft(eml_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.eml"
    out.write_bytes(b"an older draft, replaced")
    args = ["--to", "x@example.org", "--subject", "件名", "--note", "メモ", "--out", str(out)]
    assert cli(str(eml_copy), *args) == 0
    message = parse(out.read_bytes())
    assert message["Subject"] == "件名"
    assert "メモ" in message.get_payload()[0].get_content()


def test_cli_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capfdbinary) -> None:
    original = (SUBMISSION / "sjis-8bit-crlf.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(original)))
    assert cli("-", "--to", "x@example.org", "--out", "-") == 0
    assert extract_attachment(capfdbinary.readouterr().out) == original


def test_cli_refuses_to_overwrite_the_input(eml_copy: Path, tmp_path: Path) -> None:
    before = fingerprint(eml_copy)
    link = tmp_path / "link.eml"
    link.symlink_to(eml_copy)
    hard = tmp_path / "hard.eml"
    os.link(eml_copy, hard)
    for out in (eml_copy, link, hard, tmp_path / "." / eml_copy.name):
        assert cli(str(eml_copy), "--to", "x@example.org", "--out", str(out)) == 2
    assert fingerprint(eml_copy) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["--out", "OUT"],  # no --to
        ["--to", "x@example.org"],  # no --out
        ["--to", "not-an-address", "--out", "OUT"],
        ["--to", "x@example.org", "--out", "OUT", "--lang", "fr"],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], eml_copy: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "d.eml")
    assert cli(str(eml_copy), *[out if a == "OUT" else a for a in argv]) == 2
    assert not Path(out).exists()


def test_cli_unreadable_input_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.eml"
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    for source in (tmp_path / "missing.eml", empty, tmp_path):
        assert cli(str(source), "--to", "x@example.org", "--out", str(out)) == 1
    assert not out.exists()
    assert "does not exist" in capsys.readouterr().err


def test_cli_unreadable_input_is_explained_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    for source, text in ((tmp_path / "missing.eml", "が存在しません"), (empty, "は空です"),
                         (tmp_path, "はフォルダーです")):  # fmt: skip
        out = str(tmp_path / "d.eml")
        assert cli(str(source), "--to", "x@example.org", "--out", out, "--lang", "ja") == 1
        assert text in capsys.readouterr().err


def test_cli_output_problems_exit_1(eml_copy: Path, tmp_path: Path) -> None:
    for out in (tmp_path / "no" / "such" / "dir.eml", tmp_path):
        assert cli(str(eml_copy), "--to", "x@example.org", "--out", str(out)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd-binary-lf.eml"]
