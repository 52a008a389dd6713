"""End to end on the sample messages: what samples/README.md says a correct analysis says."""

from __future__ import annotations

import pytest

from fopegui.core import catalogue
from fopegui.core.analyze import analyze_bytes, analyze_path, analyze_text
from fopegui.core.texts import kb_label, render


def ids(report):
    return [f.id for f in report.findings]


def test_fope_ham(samples):
    r = analyze_path(samples / "fope-ham-bigfish.eml")
    assert r.error is None
    assert r.fope["bigfish"] == {
        "raw": r.fope["bigfish"]["raw"],
        "virus_scanned": True,
        "policy_scanned": True,
        "spam_scanned": True,
        "score": -12,
    }
    assert r.fope["bigfish"]["raw"].startswith("VPS-12(")
    assert r.fope["spam_score"] == -12
    assert r.eop["cip"] == "203.0.113.25"
    assert r.eop["ipv"] == "NLI"
    assert r.eop["h"] == r.eop["rd"] == "mx1.partner.example"
    # Verdict v2 (shared samples README): FOPE's hub delivered it inbound after the spam filter
    # ran (VPS), no ASF option or rule is named: not filtered as spam. The FOPE score
    # (X-SpamScore, X-BigFish -12) is "for comparison only" (KB2669119), never the verdict.
    v = r.verdict
    assert v.filtered_as_spam is False
    assert v.kb_methods == []
    assert (v.filter, v.direction, v.decided_by, v.remedy) == (
        "fope", "inbound", "not_spam", "none"
    )
    assert v.rule == "fope-passed"
    assert "VPS-12" in render(v.summary) and "comparison only" in render(v.summary)
    assert "helo-matches-ptr" in ids(r)
    assert r.summary["subject"] == "見積書の件"
    assert len(r.received) == 4


def test_fope_customspam(samples):
    r = analyze_path(samples / "fope-spam-customspam.eml")
    assert r.fope["custom_spam"] == "Image links to remote sites"
    assert r.verdict.filtered_as_spam is True
    assert r.verdict.kb_methods == [1]
    assert r.eop["sfv"] == "SPM" and r.eop["scl"] == 5
    summary = render(r.verdict.summary)
    assert "Image links to remote sites" in summary and "Method 1" in summary
    v = r.verdict
    assert (v.filter, v.direction, v.decided_by, v.remedy) == (
        "fope",
        "inbound",
        "asf",
        "kb_method_1",
    )
    no_rdns = next(f for f in r.findings if f.id == "no-reverse-dns")
    assert no_rdns.severity == "warning"
    assert "asf-option" in ids(r)


def test_eop_authfail(samples):
    r = analyze_path(samples / "eop-spam-authfail.eml")
    assert r.verdict.filtered_as_spam is True
    assert r.verdict.kb_methods == [2]
    assert (r.eop["sfv"], r.eop["cat"], r.eop["scl"]) == ("SPM", "SPM", 5)
    assert r.auth["spf"] == "softfail" and r.auth["dkim"] == "none"
    assert r.auth["dmarc"] == "fail" and r.auth["compauth"] == "fail"
    assert r.auth["compauth_reason"] == "000"
    assert r.eop["ptr"] == "InfoDomainNonexistent"
    assert (r.eop["ctry"], r.eop["lang"]) == ("NL", "ja")
    assert r.eop["sfs"] == ["13230040", "4022899009", "8096899003"]
    assert {"dmarc-failed", "compauth-failed", "spf-failed", "no-reverse-dns"} <= set(ids(r))
    assert r.summary["subject"] == "【請求書】ご確認ください"
    v = r.verdict
    assert (v.filter, v.direction, v.decided_by, v.remedy) == (
        "eop",
        "inbound",
        "spam_filter",
        "kb_method_2",
    )


def test_ndr_backscatterer(samples):
    r = analyze_path(samples / "ndr-backscatterer.eml")
    edge = r.outbound_edge
    assert edge is not None and edge.from_host == "TX2EHSOBE006.bigfish.com"
    assert "outbound-edge" in ids(r)
    assert r.ndr.zones == ["ips.backscatterer.org"] and r.ndr.ips == ["65.55.88.14"]
    assert r.ndr.reporting_mta == "TX2EHSOBE006.bigfish.com"
    assert r.findings[0].id == "ndr-blacklist" and r.findings[0].kb == "kb2590562"
    assert render(kb_label(r.findings[0].kb)) == "KB2590562"
    summary = render(r.verdict.summary)
    assert "65.55.88.14" in summary and "ips.backscatterer.org" in summary
    assert r.verdict.filtered_as_spam is None and r.verdict.kb_methods == []


def test_ndr_exchange_spamhaus(samples):
    r = analyze_path(samples / "ndr-exchange-spamhaus.eml")
    assert r.ndr.zones == ["zen.spamhaus.org"] and r.ndr.ips == ["40.107.20.55"]
    assert r.findings[0].id == "ndr-blacklist"


def test_first_hop_into_microsoft_is_inbound(samples):
    hops = analyze_path(samples / "fope-spam-customspam.eml").received
    assert hops[0].edge_role == "inbound" and hops[0].fope_edge


@pytest.mark.parametrize(
    ("name", "filtered", "methods", "decided_by", "remedy"),
    [
        ("eop-ham-pass.eml", False, [], "not_spam", "none"),
        ("eop-policy-sks.eml", True, [3], "policy_rule", "kb_method_3"),
        ("eop-blocked-skb.eml", True, [3], "block_list", "kb_method_3"),
        # CAT:BULK / SRV:BULK with BCL 7: the bulk threshold is the remedy, not a submission
        ("eop-bulk-bcl.eml", True, [], "bulk", "bcl_threshold"),
        ("eop-phish-untrusted.eml", True, [2], "phish", "kb_method_2"),
        ("fope-policy-vp.eml", True, [3], "policy_rule", "kb_method_3"),
        ("fope-transitional-nspm.eml", False, [], "not_spam", "none"),
        ("spamassassin-spam.eml", None, [], None, None),
        ("malformed-headers.eml", None, [], None, None),
    ],
)
def test_verdicts(samples, name, filtered, methods, decided_by, remedy):
    r = analyze_path(samples / name)
    assert r.error is None
    assert r.verdict.filtered_as_spam is filtered
    assert r.verdict.kb_methods == methods
    assert (r.verdict.decided_by, r.verdict.remedy) == (decided_by, remedy)
    assert render(r.verdict.summary)


def test_untrusted_header_not_used_as_verdict(samples):
    r = analyze_path(samples / "eop-phish-untrusted.eml")
    assert r.eop["scl"] == 9 and r.eop["sfv"] == "SPM"  # the receiver's, not the sender's
    assert "untrusted-verdict" in ids(r)


def test_every_header_has_family_and_severity(samples):
    for path in sorted(samples.glob("*.eml")):
        r = analyze_path(path)
        for h in r.headers:
            assert h.family in {"fope", "eop", "auth", "routing", "other"}, (path, h.name)
            assert h.severity in {"ok", "info", "warning", "problem", "unknown"}


def test_japanese_language(samples):
    r = analyze_path(samples / "fope-spam-customspam.eml")
    summary = render(r.verdict.summary, "ja")
    assert "方法 1" in summary
    # The header's English value, and the option's name in the Japanese admin UI.
    ui_name = catalogue.load("antispam")["asf"]["options"]["image_links"]["ui_name"]["ja"]
    assert "画像リンク" in ui_name
    assert f"Image links to remote sites ({ui_name})" in summary
    # ... and in English the value alone, from the same report (no second analysis)
    assert "(リモート" not in render(r.verdict.summary, "en")
    assert r.fope["asf_option"] == "image_links"
    assert all(render(f.title, "ja") for f in r.findings)


def test_japanese_subjects(samples):
    r = analyze_path(samples / "japanese-encodings-crlf.eml")
    assert r.summary["subject"] == "日本語の件名"
    assert r.summary["to"].startswith("鈴木")
    assert (
        analyze_path(samples / "eop-ham-pass.eml").summary["subject"] == "来週の打ち合わせについて"
    )
    assert analyze_path(samples / "eop-bulk-bcl.eml").summary["subject"] == "最大 50% OFF セール"


def test_bad_input_is_an_error_not_an_exception(tmp_path):
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\xff" * 100)
    r = analyze_path(junk)
    assert r.error and "binary" in render(r.error) and r.source is None and r.path == str(junk)
    assert "バイナリ" in render(r.error, "ja")
    assert analyze_bytes(b"").error
    assert analyze_text("hello world").error


def test_pasted_headers():
    r = analyze_text("X-Forefront-Antispam-Report: SFV:SPM;SCL:5;CIP:192.0.2.1\nSubject: x\n")
    assert r.source.kind == "text"
    assert r.verdict.filtered_as_spam is True and r.verdict.kb_methods == [2]


MSG = __import__("pathlib").Path(__file__).parent.parent / "data" / "msg"


def test_msg_with_eop_headers():
    r = analyze_path(MSG / "EmailWithMsgAttachment.msg")
    assert r.error is None and r.source.kind == "msg"
    assert any(h.key == "x-forefront-antispam-report" for h in r.headers)
    assert r.eop["sfv"] is not None
    assert any(a.is_message for a in r.source.attachments)


def test_msg_without_transport_headers_says_so():
    r = analyze_path(MSG / "RtfWithShortRussianString.msg")
    assert r.error is None and r.headers == []
    assert "msg-no-transport-headers" in ids(r)
    assert r.verdict.filtered_as_spam is None


def test_msg_japanese_load_error(tmp_path):
    word = tmp_path / "x.msg"
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    r = analyze_path(word)
    assert r.error and any("\u3040" <= ch <= "\u30ff" for ch in render(r.error, "ja"))


def test_embedded_msg_attachment_analysed_in_turn(tmp_path, samples):
    parent = MSG / "EmailWithMsgAttachment.msg"
    r = analyze_path(f"{parent}#attachment-0")
    assert r.error is None and r.source.kind == "msg"
    assert r.summary["subject"] == "Msg Attachment Test"
    assert r.source.path == f"{parent}#attachment-0"
    assert "no attachment number 5" in render(analyze_path(f"{parent}#attachment-5").error)
    assert ".msg" in render(analyze_path(f"{samples / 'fope-ham-bigfish.eml'}#attachment-0").error)


def test_returned_original_of_a_bounce(samples):
    r = analyze_path(f"{samples / 'ndr-backscatterer.eml'}#returned-original")
    assert r.error is None and r.summary["subject"] == "Meeting on Friday"
    assert r.fope["bigfish"]["raw"].startswith("VS-3")
    error = analyze_path(f"{samples / 'eop-ham-pass.eml'}#returned-original").error
    assert "not a bounce" in render(error)
