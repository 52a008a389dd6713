"""KB2669119 method rules and verdicts, table-driven on the report sections alone."""

from __future__ import annotations

import pytest

from fopegui.core.diagnosis import diagnose, format_delay
from fopegui.core.model import Report


def verdict(fope=None, eop=None, auth=None, lang="en"):
    report = Report(source=None, lang=lang, fope=fope or {}, eop=eop or {}, auth=auth or {})
    diagnose(report)
    return report


BIGFISH_VPS = {
    "raw": "VPS31(zz)",
    "virus_scanned": True,
    "policy_scanned": True,
    "spam_scanned": True,
    "score": 31,
}
BIGFISH_VP = {
    "raw": "VP(zz)",
    "virus_scanned": True,
    "policy_scanned": True,
    "spam_scanned": False,
    "score": None,
}


@pytest.mark.parametrize(
    ("fope", "eop", "filtered", "methods"),
    [
        ({"custom_spam": "Image links to remote sites"}, {}, True, [1]),
        ({"custom_spam": "Web bugs in HTML"}, {"sfv": "SPM", "scl": 5}, True, [1]),
        ({}, {"sfv": "SPM", "scl": 5}, True, [2]),
        ({}, {"scl": 9}, True, [2]),
        ({}, {"sfv": "SKS", "scl": 6}, True, [3]),
        ({}, {"sfv": "SKB"}, True, [3]),
        ({}, {"sfv": "BLK"}, True, [3]),
        ({"custom_spam": "Empty messages"}, {"sfv": "SKS"}, True, [1, 3]),
        ({"bigfish": BIGFISH_VP}, {"scl": 9}, True, [3]),
        ({"bigfish": BIGFISH_VPS, "spam_score": 31}, {}, True, [2]),
        ({"bigfish": BIGFISH_VPS | {"score": -12}, "spam_score": -12}, {}, False, []),
        ({}, {"sfv": "NSPM", "scl": 1}, False, []),
        ({}, {"sfv": "SKN", "scl": -1}, False, []),
        ({}, {"scl": -1}, None, []),
        ({}, {}, None, []),
        ({"spam_score": 5}, {}, None, []),  # FOPE's threshold is unknown: no guess
        ({}, {"mailbox_delivery": {"dest": "J"}}, True, [2]),
    ],
)
def test_kb_methods(fope, eop, filtered, methods):
    r = verdict(fope, eop)
    assert r.verdict.filtered_as_spam is filtered
    assert r.verdict.kb_methods == methods
    assert r.verdict.summary and r.verdict.next_step
    if filtered:
        assert r.verdict.reasons


def test_asf_in_test_mode_is_not_a_spam_verdict():
    r = verdict({"custom_spam": "Image links to remote sites"}, {"sfv": "NSPM", "scl": 1})
    assert r.verdict.filtered_as_spam is False and r.verdict.kb_methods == []
    assert "asf-test-mode" in [f.id for f in r.findings]


def test_spam_filter_bypassed_warning_without_spam():
    r = verdict({"bigfish": BIGFISH_VP | {"policy_scanned": False, "raw": "VS-3(zz)"}})
    finding = next(f for f in r.findings if f.id == "spam-filter-bypassed")
    assert finding.severity == "warning" and "Method 3" in finding.kb


@pytest.mark.parametrize(
    ("auth", "expected"),
    [
        ({"spf": "fail", "smtp_mailfrom": "a.example"}, {"spf-failed"}),
        ({"dkim": "fail"}, {"dkim-failed"}),
        ({"dmarc": "fail", "header_from": "a.example"}, {"dmarc-failed"}),
        ({"compauth": "fail", "compauth_reason": "000"}, {"compauth-failed"}),
        ({"spf": "pass", "dkim": "pass", "dmarc": "pass"}, {"auth-passed"}),
        (
            {"spf": "pass", "smtp_mailfrom": "bounce.esp.example", "header_from": "shop.example"},
            {"spf-not-aligned"},
        ),
        (
            {"dkim": "pass", "header_d": "esp.example", "header_from": "shop.example"},
            {"dkim-not-aligned"},
        ),
        ({"dkim": "pass", "header_d": "mail.shop.example", "header_from": "shop.example"}, set()),
        (
            {"spf": "pass", "smtp_mailfrom": "x.example.co.jp", "header_from": "example.co.jp"},
            set(),
        ),
    ],
)
def test_authentication_findings(auth, expected):
    ids = {f.id for f in verdict(auth=auth).findings}
    checked = {
        "spf-failed",
        "dkim-failed",
        "dmarc-failed",
        "compauth-failed",
        "auth-passed",
        "spf-not-aligned",
        "dkim-not-aligned",
    }
    assert ids & checked == expected | ({"auth-passed"} & ids)


@pytest.mark.parametrize(
    ("eop", "expected"),
    [
        ({"cip": "192.0.2.1", "rd": "none", "h": "x.example"}, "no-reverse-dns"),
        ({"cip": "192.0.2.1", "ptr": "InfoDomainNonexistent"}, "no-reverse-dns"),
        ({"cip": "192.0.2.1", "ptr": "mx.a.example", "h": "mx.a.example"}, "helo-matches-ptr"),
        ({"cip": "192.0.2.1", "ptr": "mx.a.example", "h": "PC01"}, "helo-ptr-mismatch"),
        ({"cip": "192.0.2.1", "ipv": "CAL"}, "ip-allow-listed"),
        ({"cip": "192.0.2.1", "ipv": "NLI"}, "ip-not-listed"),
    ],
)
def test_reputation_findings(eop, expected):
    r = verdict(eop=eop)
    assert expected in [f.id for f in r.findings]
    assert all(f.kb for f in r.findings if f.id == expected)


def test_japanese_texts_everywhere():
    r = verdict(
        {"custom_spam": "Image links to remote sites"},
        {"cip": "192.0.2.1", "rd": "none"},
        {"dmarc": "fail"},
        lang="ja",
    )
    assert "方法 1" in r.verdict.summary
    assert all(
        any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in f.title + f.detail)
        for f in r.findings
    )


@pytest.mark.parametrize(
    ("seconds", "text"), [(5, "5 s"), (200, "3 min 20 s"), (7500, "2 h 5 min"), (-30, "30 s")]
)
def test_format_delay(seconds, text):
    assert format_delay(seconds) == text


def test_every_finding_text_is_bilingual():
    from fopegui.core import catalogue

    data = catalogue.load("findings")
    for section in ("verdict", "next_step", "reason", "kb"):
        for key, entry in data[section].items():
            assert entry["en"] and entry["ja"], (section, key)
    for key, entry in data["finding"].items():
        for part in ("title", "detail"):
            assert entry[part]["en"] and entry[part]["ja"], (key, part)
        assert entry["severity"] in {"ok", "info", "warning", "problem", "unknown"}


def test_ptr_info_no_records_means_no_reverse_dns():
    r = verdict(eop={"cip": "203.0.113.200", "ptr": "InfoNoRecords", "h": "[203.0.113.200]"})
    assert "no-reverse-dns" in [f.id for f in r.findings]
    assert "helo-ptr-mismatch" not in [f.id for f in r.findings]
