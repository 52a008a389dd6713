"""Issue 13: a submission that tells the truth. One assessment decides (from verdict v2's
remedy) and the CLI refuses exactly there; the letter states what the headers show and never
what they contradict; the Graph request carries the original byte for byte."""

from __future__ import annotations

import base64
import email
import email.policy
import json
from pathlib import Path

import pytest

from fopegui.core.analyze import analyze_path
from fopegui.core.graph_request import (
    CMDLET,
    ODATA_TYPE,
    GraphRefused,
    graph_request,
    powershell_line,
)
from fopegui.core.submission import build_draft, extract_attachment
from fopegui.core.submission_original import draft_for, original_of
from fopegui.core.submission_plan import NOT_THE_REMEDY, assess
from fopegui.core.texts import render
from tests.core.test_submission import cli

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = sorted((DATA / "samples").glob("*.eml")) + sorted((DATA / "shapes").glob("*.eml"))
MSGS = sorted((DATA / "msg").glob("*.msg"))
TO = "reports@example.org"

# sample → (status, remedy) as verdict v2 reads it.
EXPECTED = {
    "eop-spam-authfail.eml": ("remedy", "kb_method_2"),
    "eop-phish-untrusted.eml": ("remedy", "kb_method_2"),
    "fope-spam-customspam.eml": ("not_remedy", "kb_method_1"),
    "eop-policy-sks.eml": ("not_remedy", "kb_method_3"),
    "fope-policy-vp.eml": ("not_remedy", "kb_method_3"),
    "eop-blocked-skb.eml": ("not_remedy", "kb_method_3"),
    "eop-bulk-bcl.eml": ("not_remedy", "bcl_threshold"),
    "eop-ham-pass.eml": ("not_remedy", "none"),
    "documented-dmarc-spoof.eml": ("not_remedy", "sender_authentication"),
    "list-outbound-spam-ospm-1.eml": ("not_remedy", "sending_tenant"),
    "documented-asf-web-bug.eml": ("not_remedy", "kb_method_1"),
    "spamassassin-spam.eml": ("unknown", None),
    "japanese-encodings-crlf.eml": ("unknown", None),
}


def letter(draft: bytes) -> str:
    message = email.message_from_bytes(draft, policy=email.policy.default)
    return message.get_payload()[0].get_content().replace("\r\n", "\n")


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_assessment_follows_the_remedy_code(name: str, expected: tuple[str, str | None]) -> None:
    path = next(p for p in SAMPLES if p.name == name)
    found = assess(analyze_path(path))
    assert (found.status, found.remedy) == expected
    assert found.refused() == (found.status == "not_remedy")
    assert not found.refused(force=True)
    for lang in ("en", "ja"):
        assert render(found.why, lang)


@pytest.mark.parametrize("path", SAMPLES + MSGS, ids=lambda p: p.name)
def test_cli_refuses_exactly_where_the_remedy_says_not(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = analyze_path(path)
    out = tmp_path / "d.eml"
    code = cli(str(path), "--to", TO, "--out", str(out))
    err = capsys.readouterr().err
    if report.verdict.remedy in NOT_THE_REMEDY:
        assert code == 4 and not out.exists()
        assert "not the remedy" in err and "--force" in err
        assert render(report.verdict.next_step, "en").split(".")[0] in err  # the real fix
        assert cli(str(path), "--to", TO, "--out", str(out), "--force") == 0
        assert "Written although" in capsys.readouterr().err
    else:
        assert code == 0
    assert extract_attachment(out.read_bytes()) == path.read_bytes()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_letter_never_says_what_the_headers_contradict(path: Path, lang: str) -> None:
    report = analyze_path(path)
    found = assess(report)
    text = letter(draft_for(report, original_of(report), TO, lang=lang))
    assert render(found.why, lang) in text
    method2 = "KB2669119 (Method 2)" if lang == "en" else "KB2669119 (方法 2)"
    assert (method2 in text) == (found.status == "remedy")
    fope = report.fope or {}
    if fope.get("custom_spam") and fope.get("asf_option") != "test_mode":
        # The old letter claimed "no ASF option … caused it" for exactly these.
        assert "not an ASF option" not in text and "ASF オプションや" not in text
    if found.status == "not_remedy":
        forced = "nevertheless" if lang == "en" else "それでも"
        assert forced in text
    for _field, value in found.evidence:
        assert value in text  # the codes the headers carry, as they carry them


def test_old_false_claim_is_gone_for_every_kind_of_verdict() -> None:
    for path in SAMPLES:
        report = analyze_path(path)
        text = letter(draft_for(report, original_of(report), TO))
        assert "no Additional Spam Filtering (ASF) option or policy rule of ours" not in text


def test_letter_default_is_english_and_ja_on_request(tmp_path: Path) -> None:
    sample = DATA / "samples" / "eop-spam-authfail.eml"
    out = tmp_path / "d.eml"
    assert cli(str(sample), "--to", TO, "--out", str(out)) == 0
    assert "We report the attached message" in letter(out.read_bytes())
    assert cli(str(sample), "--to", TO, "--out", str(out), "--lang", "ja") == 0
    assert "添付のメッセージを誤検知として報告します" in letter(out.read_bytes())


def test_build_draft_without_a_report_reads_the_codes_itself() -> None:
    original = (DATA / "samples" / "fope-spam-customspam.eml").read_bytes()
    text = letter(build_draft(original, "eml", "m.eml", TO))
    assert "Image links to remote websites" in text and "Method 1" in text
    assert "KB2669119 (Method 2)" not in text
    edited = build_draft(original, "eml", "m.eml", TO, body="My own words.\nSecond line.")
    assert letter(edited) == "My own words.\nSecond line.\n"


def test_embedded_and_returned_messages_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = DATA / "msg" / "EmailWithMsgAttachment.msg"
    out = tmp_path / "d.eml"
    # The embedded message's headers say it was delivered normally: refused, then forced.
    assert cli(f"{parent}#attachment-0", "--to", TO, "--out", str(out)) == 4
    assert cli(f"{parent}#attachment-0", "--to", TO, "--out", str(out), "--force") == 0
    assert extract_attachment(out.read_bytes())[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    bounce = DATA / "submission" / "bounce-rfc822-crlf.eml"
    assert cli(f"{bounce}#returned-original", "--to", TO, "--out", str(out)) == 0
    assert (
        extract_attachment(out.read_bytes())
        == original_of(analyze_path(f"{bounce}#returned-original")).data
    )
    assert cli(f"{bounce}#returned-nothing", "--to", TO, "--out", str(out)) == 1
    capsys.readouterr()


def test_cli_never_writes_onto_the_parent_of_a_virtual_input(tmp_path: Path) -> None:
    parent = tmp_path / "parent.msg"
    parent.write_bytes((DATA / "msg" / "EmailWithMsgAttachment.msg").read_bytes())
    bounce = tmp_path / "bounce.eml"
    bounce.write_bytes((DATA / "submission" / "bounce-rfc822-crlf.eml").read_bytes())
    for source, target in (
        (f"{parent}#attachment-0", parent),
        (f"{bounce}#returned-original", bounce),
    ):
        before = target.read_bytes()
        for option in (["--to", TO, "--out"], ["--recipient", TO, "--graph"]):
            assert cli(source, *option, str(target), "--force") == 2
        assert target.read_bytes() == before


# --- Microsoft Graph -----------------------------------------------------------------------------

GRAPH_INPUTS = {
    "crlf": b"Subject: a\r\nX-A: 1\r\n\r\nbody\r\n",
    "lf": b"Subject: a\nX-A: 1\n\nbody\n",
    "8bit": "Subject: 見積\r\n\r\n本文\r\n".encode("cp932") + b"\x00\xff\r",
}


@pytest.mark.parametrize("name", sorted(GRAPH_INPUTS))
def test_graph_file_content_decodes_back_to_the_input(name: str, tmp_path: Path) -> None:
    original = GRAPH_INPUTS[name]
    source = tmp_path / f"{name}.eml"
    source.write_bytes(original)
    request_path = tmp_path / "request.json"
    assert (
        cli(str(source), "--graph", str(request_path), "--recipient", "User <u@contoso.example>")
        == 0
    )
    request = json.loads(request_path.read_text(encoding="ascii"))
    assert request == {
        "@odata.type": ODATA_TYPE,
        "category": "notJunk",
        "recipientEmailAddress": "u@contoso.example",
        "fileContent": request["fileContent"],
    }
    assert base64.b64decode(request["fileContent"], validate=True) == original


def test_graph_request_for_a_sample_and_its_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    spam = DATA / "samples" / "eop-spam-authfail.eml"
    assert cli(str(spam), "--graph", str(out), "--recipient", TO) == 0
    err = capsys.readouterr().err
    assert CMDLET in err and str(out) in err and "ThreatSubmission.ReadWrite" in err
    asf = DATA / "samples" / "fope-spam-customspam.eml"
    assert cli(str(asf), "--graph", str(tmp_path / "asf.json"), "--recipient", TO) == 4
    assert not (tmp_path / "asf.json").exists()
    msg = DATA / "msg" / "RtfWithShortRussianString.msg"  # no verdict: only the .msg refuses
    assert cli(str(msg), "--graph", str(tmp_path / "m.json"), "--recipient", TO) == 2
    assert "MIME (.eml)" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()
    with pytest.raises(GraphRefused):
        graph_request(msg.read_bytes(), "msg", TO)
    with pytest.raises(ValueError):
        graph_request(b"x", "eml", "a@example.org, b@example.org")


@pytest.mark.parametrize(
    "argv",
    [
        ["--to", TO],  # neither --out nor --graph
        ["--graph", "R"],  # no --recipient
        ["--out", "R", "--graph", "R", "--to", TO, "--recipient", TO],
    ],
)
def test_graph_usage_errors(argv: list[str], tmp_path: Path) -> None:
    argv = [str(tmp_path / "r.json") if a == "R" else a for a in argv]
    assert cli(str(DATA / "samples" / "eop-spam-authfail.eml"), *argv) == 2
    assert list(tmp_path.iterdir()) == []


def test_powershell_line_quotes_the_path() -> None:
    line = powershell_line("C:\\Users\\o'brien\\req $x ’.json")
    assert line.startswith("Connect-MgGraph -Scopes ThreatSubmission.ReadWrite; ")
    assert f"{CMDLET} -BodyParameter (Get-Content -Raw -LiteralPath " in line
    assert "'C:\\Users\\o''brien\\req $x ’’.json'" in line
    assert line.endswith("| ConvertFrom-Json -AsHashtable)")


@pytest.mark.parametrize(
    ("mailbox", "says"),
    [
        ("dest:I;OFR:TrustedSenderList;", ("Safe Senders", "信頼できる差出人")),
        ("dest:I;", ("junk email settings delivered", "迷惑メール設定")),
    ],
)
def test_an_inbox_delivery_says_what_put_it_there(mailbox: str, says: tuple[str, str]) -> None:
    # SCL 5 in the Inbox: not "the filter did not treat the message as spam" — it did; Safe
    # Senders or the mailbox's settings overrode it (1,309 phishing_pot messages).
    from fopegui.core.analyze import analyze_text

    report = analyze_text(
        "X-MS-Exchange-Organization-SCL: 5\n"
        f"X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:1;{mailbox}\nSubject: t\n"
    )
    found = assess(report)
    assert (found.status, found.remedy) == ("not_remedy", "none")
    for lang, text in zip(("en", "ja"), says, strict=True):
        why = render(found.why, lang)
        assert text in why and "SCL:5" in why
        assert "did not treat" not in why


def test_a_bypassed_message_says_filtering_was_skipped() -> None:
    from fopegui.core.analyze import analyze_text

    found = assess(analyze_text(
        "X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:;LANG:en;SCL:-1;SRV:;IPV:NLI;SFV:NSPM;"
        "H:mx.example;PTR:mx.example;CAT:NONE;SFS:;DIR:INB;\nSubject: t\n"
    ))
    assert found.decided_by == "bypassed" and found.remedy == "none"
    assert "skipped" in render(found.why, "en") and "スキップ" in render(found.why, "ja")
