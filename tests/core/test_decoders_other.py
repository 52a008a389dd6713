"""Other vendors and general headers: SpamAssassin, FrontBridge X-FB-*, List-*, Return-Path,
Auto-Submitted, Precedence, X-Mailer, X-Originating-IP."""

from __future__ import annotations

import pytest

from fopegui.core import catalogue
from fopegui.core.decoders.registry import decode_header
from fopegui.core.texts import render

OTHER = catalogue.load("other")


def test_spam_status_yes() -> None:
    d = decode_header(
        "X-Spam-Status",
        "Yes, score=7.1 required=5.0 tests=BAYES_99,HTML_MESSAGE,\n RDNS_NONE autolearn=no "
        "version=3.4.6",
    )
    assert d.data == {
        "spamassassin": {
            "flag": True,
            "score": 7.1,
            "required": 5.0,
            "tests": ["BAYES_99", "HTML_MESSAGE", "RDNS_NONE"],
        }
    }
    assert [f.key for f in d.fields] == [
        "flag",
        "score",
        "required",
        "tests",
        "autolearn",
        "version",
    ]
    assert d.severity == "problem"


def test_spam_status_no_and_unknown_key() -> None:
    d = decode_header("x-spam-status", "No, score=-1.2 required=5.0 tests=ALL_TRUSTED foo=bar")
    assert d.data["spamassassin"]["flag"] is False
    assert d.data["spamassassin"]["score"] == -1.2
    assert d.fields[0].severity == "ok"
    assert next(f for f in d.fields if f.key == "foo").severity == "unknown"


def test_spam_status_autolearn_force() -> None:
    d = decode_header("X-Spam-Status", "No, score=0.1 autolearn=no autolearn_force=no")
    field = next(f for f in d.fields if f.key == "autolearn_force")
    assert field.severity == "info" and render(field.meaning, "ja")


@pytest.mark.parametrize("value", ["", "maybe", "score=abc", "Yes," + " x" * 300_000])
def test_spam_status_malformed(value: str) -> None:
    d = decode_header("X-Spam-Status", value)
    assert d.family == "other"
    assert len(d.fields) <= 202


@pytest.mark.parametrize(
    ("header", "value", "key", "expected"),
    [
        ("X-Spam-Score", "7.3", "spamassassin_score", 7.3),
        ("X-Spam-Score", "-0.5", "spamassassin_score", -0.5),
        ("X-Spam-Score", "n/a", "spamassassin_score", None),
        ("X-Spam-Flag", "YES", "spam_flag", True),
        ("X-Spam-Flag", "no", "spam_flag", False),
        ("X-Spam-Flag", "perhaps", "spam_flag", None),
    ],
)
def test_spam_score_and_flag(header: str, value: str, key: str, expected: object) -> None:
    d = decode_header(header, value)
    assert d.data == {key: expected}
    assert (d.fields[0].severity == "unknown") == (expected is None)


def test_spam_level_counts_stars() -> None:
    assert decode_header("X-Spam-Level", "*******").fields[0].value == "7"
    assert decode_header("X-Spam-Level", "").fields[0].value == "0"
    assert decode_header("X-Spam-Level", "**x").fields[0].severity == "unknown"


def test_tcs_scl_is_read_as_an_inferred_scl() -> None:
    d = decode_header("X-Spam-TCS-SCL", "5:0")
    assert d.family == "fope"
    assert d.data == {"tcs_scl": 5}
    assert d.fields[0].severity == "problem" and d.fields[0].inferred
    assert d.fields[1].severity == "unknown"
    assert decode_header("X-Spam-TCS-SCL", "x:y").data == {"tcs_scl": None}


@pytest.mark.parametrize(
    ("header", "value", "severity"),
    [
        ("X-FB-SS", "5", "info"),
        ("X-FB-DOMAIN-IP-MATCH", "fail", "warning"),
        ("x-fb-domain-ip-match", "PASS", "ok"),
        ("X-FB-DOMAIN-IP-MATCH", "odd", "unknown"),
        ("X-FB-SOMETHING", "1", "unknown"),
    ],
)
def test_frontbridge_headers(header: str, value: str, severity: str) -> None:
    d = decode_header(header, value)
    assert d.family == "fope"
    assert d.fields[0].severity == severity and d.fields[0].value == value
    assert d.description and "FrontBridge" in render(d.description)
    if severity != "unknown":
        assert d.fields[0].inferred


def test_list_unsubscribe() -> None:
    d = decode_header(
        "List-Unsubscribe",
        "<mailto:unsub@lists.example?subject=unsub>, <https://lists.example/u/1>",
    )
    assert [(f.key, f.value) for f in d.fields] == [
        ("mailto", "mailto:unsub@lists.example?subject=unsub"),
        ("https", "https://lists.example/u/1"),
    ]
    assert d.data == {"list": True}
    assert all(
        render(f.meaning, "ja") for f in decode_header("List-Unsubscribe", "<https://x>").fields
    )


@pytest.mark.parametrize(
    ("header", "value", "severity"),
    [
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click", "info"),
        ("List-Unsubscribe-Post", "whatever", "unknown"),
        ("List-Id", "Newsletter <news.lists.example>", "info"),
        ("List-Help", "<mailto:help@lists.example>", "info"),
        ("List-Archive", "no uri here", "info"),
    ],
)
def test_other_list_headers(header: str, value: str, severity: str) -> None:
    d = decode_header(header, value)
    assert d.family == "other"
    assert d.fields[0].severity == severity


@pytest.mark.parametrize(
    ("value", "null"),
    [("<>", True), ("< >", True), ("<a@b.example>", False), ("a@b.example", False)],
)
def test_return_path(value: str, null: bool) -> None:
    d = decode_header("Return-Path", value)
    assert d.family == "routing"
    assert d.data["null_sender"] is null
    assert ("Null sender" in render(d.fields[0].meaning)) is null


@pytest.mark.parametrize(
    ("value", "keyword"),
    [
        ("auto-replied", "auto-replied"),
        ("Auto-Generated", "auto-generated"),
        ("no", "no"),
        ("auto-notified; owner-email=x@y", "auto-notified"),
        ("sometimes", None),
    ],
)
def test_auto_submitted(value: str, keyword: str | None) -> None:
    d = decode_header("Auto-Submitted", value)
    assert d.data == {"auto_submitted": keyword}
    assert (d.fields[0].severity == "unknown") == (keyword is None)


def test_auto_replied_mentions_ndr_in_both_languages() -> None:
    meaning = decode_header("Auto-Submitted", "auto-replied").fields[0].meaning
    assert "NDR" in render(meaning, "en")
    assert "不達通知" in render(meaning, "ja")


@pytest.mark.parametrize(("value", "entry"), OTHER["precedence"].items())
def test_precedence(value: str, entry: dict) -> None:
    f = decode_header("Precedence", value.lower()).fields[0]
    assert render(f.meaning) == entry["meaning"]["en"]
    assert render(f.meaning, "ja") == entry["meaning"]["ja"]


@pytest.mark.parametrize(
    ("value", "ip"),
    [
        ("[192.0.2.40]", "192.0.2.40"),
        ("2001:db8::1", "2001:db8::1"),
        ("not an ip", None),
        ("[" + "1" * 100 + "]", None),
    ],
)
def test_originating_ip(value: str, ip: str | None) -> None:
    d = decode_header("X-Originating-IP", value)
    assert d.family == "routing"
    assert d.data == {"originating_ip": ip}


def test_mailer() -> None:
    d = decode_header("X-Mailer", "Microsoft Outlook 16.0")
    assert d.fields[0].value == "Microsoft Outlook 16.0" and render(d.fields[0].meaning)
