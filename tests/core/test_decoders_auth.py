"""Authentication decoders: Authentication-Results (Microsoft and RFC 8601 forms), compauth
reasons, ARC-*, Received-SPF, DKIM-Signature."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.core import catalogue
from fopegui.core.decoders.registry import decode_header
from fopegui.core.texts import render

AUTH = catalogue.load("auth")
AR = "Authentication-Results"
MS_FORM = (
    "spf=softfail (sender IP is 192.0.2.199) smtp.mailfrom=billing.example; dkim=none "
    "(message not signed) header.d=none;dmarc=fail action=quarantine "
    "header.from=billing.example;compauth=fail reason=000"
)


def _fields(decoded) -> list[tuple[str, str, str]]:
    return [(f.key, f.value, f.severity) for f in decoded.fields]


def test_microsoft_form() -> None:
    d = decode_header(AR, MS_FORM)
    assert d.family == "auth"
    assert d.data == {
        "spf": "softfail",
        "dkim": "none",
        "dmarc": "fail",
        "compauth": "fail",
        "compauth_reason": "000",
        "smtp_mailfrom": "billing.example",
        "smtp_helo": None,
        "header_d": "none",
        "header_from": "billing.example",
        "dmarc_action": "quarantine",
        "authserv_id": None,  # Microsoft's form has none
        "dkim_results": [{"result": "none", "d": "none"}],
    }
    assert _fields(d) == [
        ("spf", "softfail", "warning"),
        ("smtp.mailfrom", "billing.example", "info"),
        ("dkim", "none", "info"),
        ("header.d", "none", "info"),
        ("dmarc", "fail", "problem"),
        ("action", "quarantine", "problem"),
        ("header.from", "billing.example", "info"),
        ("compauth", "fail", "problem"),
        ("reason", "000", "problem"),
    ]
    assert d.severity == "problem"
    assert "(sender IP is 192.0.2.199)" in render(d.fields[0].detail)
    assert "(message not signed)" in render(d.fields[2].detail)
    # the comment from the header is kept in every language
    assert "(message not signed)" in render(d.fields[2].detail, "ja")


def test_rfc8601_form_with_authserv_id() -> None:
    value = (
        "mx.google.com; dkim=pass header.i=@example.com header.s=s1 header.b=AbCd; "
        "spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted "
        "sender) smtp.mailfrom=a@example.com; dmarc=pass (p=NONE sp=NONE dis=NONE) "
        "header.from=example.com"
    )
    d = decode_header("authentication-RESULTS", value)
    assert d.fields[0].key == "authserv-id" and d.fields[0].value == "mx.google.com"
    assert (d.data["spf"], d.data["dkim"], d.data["dmarc"]) == ("pass", "pass", "pass")
    assert d.data["compauth"] is None and d.data["compauth_reason"] is None
    assert d.data["header_from"] == "example.com"
    # all passes; the descriptive properties (info) are the most serious thing here
    assert d.severity == "info"
    assert {f.severity for f in d.fields} == {"ok", "info"}


def test_authserv_id_with_version_and_no_results() -> None:
    d = decode_header(AR, "mx.example.org 1; none")
    assert d.fields[0].value == "mx.example.org 1"
    assert d.fields[1].key == "none"
    assert d.data["spf"] is None
    assert d.findings == []


@pytest.mark.parametrize(
    ("method", "result", "severity"),
    [
        ("spf", "pass", "ok"),
        ("spf", "fail", "problem"),
        ("spf", "softfail", "warning"),
        ("spf", "neutral", "info"),
        ("spf", "none", "info"),
        ("spf", "temperror", "warning"),
        ("spf", "permerror", "warning"),
        ("dkim", "pass", "ok"),
        ("dkim", "fail", "problem"),
        ("dkim", "none", "info"),
        ("dmarc", "pass", "ok"),
        ("dmarc", "fail", "problem"),
        ("dmarc", "bestguesspass", "info"),
        ("dmarc", "none", "info"),
        ("compauth", "pass", "ok"),
        ("compauth", "fail", "problem"),
        ("compauth", "softpass", "info"),
        ("compauth", "none", "info"),
        ("dkim", "temperror", "warning"),
        ("arc", "pass", "ok"),
        ("iprev", "fail", "problem"),
    ],
)
def test_method_results(method: str, result: str, severity: str) -> None:
    upper = decode_header(AR, f"{method}={result.upper()}")
    lower = decode_header(AR, f"{method}={result}")
    assert upper.fields[0].severity == severity
    en, ja = render(upper.fields[0].meaning, "en"), render(lower.fields[0].meaning, "ja")
    assert en and ja
    assert en != ja
    if method in ("spf", "dkim", "dmarc", "compauth"):
        assert upper.data[method] == result


REASONS = AUTH["compauth_reasons"]


@pytest.mark.parametrize(
    ("reason", "severity", "needle"),
    [
        ("000", "problem", "explicit"),
        ("001", "problem", "implicit"),
        ("002", "problem", "admin"),
        ("010", "problem", "accepted domains"),
        ("100", "ok", "aligned"),
        ("109", "ok", "no DMARC record"),
        ("130", "ok", "ARC"),
        ("199", "ok", "1xx"),  # a code Microsoft does not list: its family's meaning
        ("201", "info", "soft pass"),
        ("299", "info", "2xx"),
        ("301", "info", "3xx"),
        ("402", "info", "4xx"),
        ("501", "info", "non-delivery report"),
        ("601", "problem", "accepted domains"),
        ("650", "problem", "6xx"),
        ("701", "info", "not enforced"),
        ("905", "info", "complex routing"),
        ("999", "info", "9xx"),
        ("503", "unknown", "not documented"),
        ("abc", "unknown", "not documented"),
    ],
)
def test_compauth_reasons(reason: str, severity: str, needle: str) -> None:
    d = decode_header(AR, f"compauth=fail reason={reason}")
    f = d.fields[1]
    assert (f.key, f.value, f.severity) == ("reason", reason, severity)
    assert needle in render(f.meaning)
    # the code's own entry, else its family's (1xx …), else "not documented"
    entry = REASONS["exact"].get(reason) or (
        REASONS["families"].get(reason[0]) if reason.isdigit() else None
    )
    entry = entry or REASONS["unknown"]
    assert render(f.meaning, "en") == entry["meaning"]["en"]
    assert render(f.meaning, "ja") == entry["meaning"]["ja"]
    assert d.data["compauth_reason"] == reason


@pytest.mark.parametrize(("action", "entry"), AUTH["dmarc_action"].items())
def test_dmarc_actions(action: str, entry: dict) -> None:
    d = decode_header(AR, f"dmarc=fail action={action} header.from=x.example")
    f = d.fields[1]
    assert render(f.meaning) == entry["meaning"]["en"] and f.severity == entry["severity"]
    assert render(f.meaning, "ja") == entry["meaning"]["ja"]
    assert f.inferred == (entry["source"] == "inferred")
    assert d.data["dmarc_action"] == action


def test_unknown_methods_and_properties_are_kept() -> None:
    d = decode_header(AR, "spf=pass smtp.mailfrom=a.example smtp.weird=1; x-custom=maybe foo.bar=2")
    keys = {f.key: f for f in d.fields}
    assert keys["smtp.weird"].severity == "unknown" and keys["smtp.weird"].value == "1"
    assert keys["x-custom"].severity == "unknown" and keys["x-custom"].value == "maybe"
    assert keys["foo.bar"].severity == "unknown"
    assert keys["spf"].severity == "ok"


def test_microsoft_repeats_the_authserv_id_after_a_dkim_result() -> None:
    value = (
        "contoso.com; dkim=none (message not signed) header.d=none;contoso.com; "
        "dmarc=none action=none header.from=fabrikam.example; other.example"
    )
    fields = decode_header(AR, value).fields
    again = next(f for f in fields if f.key == "contoso.com")
    assert again.severity == "info" and again.meaning == AUTH["authserv_id_again"]["meaning"]
    assert fields[-1].key == "other.example" and fields[-1].severity == "unknown"


@pytest.mark.parametrize(
    ("header", "value", "prop", "inferred"),
    [
        (AR, "mx.example; dkim=pass header.d=a.example header.a=rsa-sha256", "header.a", False),
        (AR, "mx.example; arc=none smtp.remote-ip=192.0.2.7", "smtp.remote-ip", False),
        ("ARC-Authentication-Results", "i=1; mx.example; arc=none smtp.client-ip=192.0.2.7",
         "smtp.client-ip", True),
        ("ARC-Authentication-Results",
         "i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=a.example smtp.rcpttodomain=b.example",
         "smtp.rcpttodomain", True),
    ],
)  # fmt: skip
def test_properties_seen_in_real_mail(header: str, value: str, prop: str, inferred: bool) -> None:
    field = next(f for f in decode_header(header, value).fields if f.key == prop)
    assert field.severity == "info" and field.inferred is inferred
    assert field.meaning == AUTH["properties"][prop]["meaning"]


def test_missing_semicolons_between_methods_are_tolerated() -> None:
    d = decode_header(AR, "spf=pass smtp.mailfrom=a.example dkim=fail header.d=a.example")
    assert d.data["spf"] == "pass" and d.data["dkim"] == "fail"
    assert d.data["header_d"] == "a.example"


@pytest.mark.parametrize(
    "value",
    [
        "",
        ";;",
        "(((",
        "spf=",
        "= = =",
        "spf=pass (unclosed comment",
        '"unterminated',
        "a=b " * 250_000,
        "(" * 1_000_000,
        ";" * 1_000_000,
    ],
)
def test_malformed_authentication_results(value: str) -> None:
    d = decode_header(AR, value)
    assert d.family == "auth"
    assert len(d.fields) <= 201


def test_arc_authentication_results_is_kept_apart() -> None:
    value = (
        "i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=lists.example; dmarc=pass action=none "
        "header.from=example.com; dkim=pass header.d=example.com; arc=none"
    )
    d = decode_header("ARC-Authentication-Results", value)
    assert set(d.data) == {"arc_authentication_results"}
    aar = d.data["arc_authentication_results"]
    assert aar["i"] == 1 and aar["spf"] == "pass" and aar["dmarc"] == "pass"
    assert d.fields[0].key == "i" and d.fields[1].value == "mx.microsoft.com 1"


def test_arc_seal_and_message_signature() -> None:
    seal = decode_header(
        "ARC-Seal", "i=2; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=fail; b=AbC dEf=="
    )
    assert seal.data == {
        "arc_seal": {
            "i": "2",
            "a": "rsa-sha256",
            "s": "arcselector9901",
            "d": "microsoft.com",
            "cv": "fail",
        }
    }
    cv = next(f for f in seal.fields if f.key == "cv")
    assert cv.severity == "problem"
    assert seal.severity == "problem"
    ams = decode_header(
        "arc-message-signature",
        "i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=sel; h=From:To; bh=xyz=; b=sig",
    )
    assert ams.data["arc_message_signature"] == {
        "i": "1",
        "a": "rsa-sha256",
        "d": "microsoft.com",
        "s": "sel",
    }


@pytest.mark.parametrize(
    ("cv", "severity"),
    [("none", "info"), ("pass", "ok"), ("fail", "problem"), ("bogus", "unknown")],
)
def test_arc_chain_validation(cv: str, severity: str) -> None:
    d = decode_header("ARC-Seal", f"i=1; a=rsa-sha256; d=x.example; s=s; cv={cv}; b=abc")
    assert next(f for f in d.fields if f.key == "cv").severity == severity


DKIM = (
    "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel1; t=1700000000; "
    "h=From:To:Subject:Date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; "
    "b=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR"
)


def test_dkim_signature_structure() -> None:
    d = decode_header("DKIM-Signature", DKIM)
    assert d.data == {"dkim_signature": {"d": "example.com", "s": "sel1", "a": "rsa-sha256"}}
    keys = [f.key for f in d.fields]
    assert keys == ["v", "a", "c", "d", "s", "t", "h", "bh", "b"]
    b = d.fields[-1]
    assert b.value.startswith("dzdVy") and "signature data" in render(b.meaning)
    assert "署名データ" in render(b.meaning, "ja")
    assert d.severity == "info"


def test_dkim_body_length_tag_is_a_warning_and_unknown_tags_are_kept() -> None:
    d = decode_header("DKIM-Signature", "v=1; d=x.example; s=s; l=100; zz=1; b=abc")
    keys = {f.key: f for f in d.fields}
    assert keys["l"].severity == "warning"
    assert keys["zz"].severity == "unknown" and keys["zz"].value == "1"


@pytest.mark.parametrize("value", ["", "garbage", ";;;", "=;=;=", "b=" + "A" * 1_000_000])
def test_malformed_signatures(value: str) -> None:
    for header in ("DKIM-Signature", "ARC-Seal", "ARC-Message-Signature"):
        d = decode_header(header, value)
        assert d.family == "auth"


@pytest.mark.parametrize(
    ("value", "result", "severity"),
    [
        (
            "Pass (protection.outlook.com: domain of a.example designates 192.0.2.1 as permitted "
            "sender) receiver=protection.outlook.com; client-ip=192.0.2.1; helo=mx.a.example;",
            "pass",
            "ok",
        ),
        (
            "SoftFail (protection.outlook.com: domain of transitioning billing.example discourages "
            "use of 192.0.2.199 as permitted sender)",
            "softfail",
            "warning",
        ),
        ("Fail (mx.example: domain of x does not designate 192.0.2.9)", "fail", "problem"),
        ("None (no SPF record)", "none", "info"),
        ("Neutral", "neutral", "info"),
        ("TempError", "temperror", "warning"),
        ("PermError (bad record)", "permerror", "warning"),
    ],
)
def test_received_spf(value: str, result: str, severity: str) -> None:
    d = decode_header("received-spf", value)
    helo = "mx.a.example" if "helo=" in value else None
    assert d.data == {"received_spf": result, "envelope_from": None, "helo": helo}
    assert d.fields[0].key == "result" and d.fields[0].severity == severity
    assert len(d.fields) == 1 or d.fields[1].key == "comment"
    assert render(decode_header("Received-SPF", value).fields[0].meaning, "ja")


def test_received_spf_pairs_and_unknown_result() -> None:
    d = decode_header("Received-SPF", "Pass receiver=mx.example; client-ip=192.0.2.1; pr=C")
    keys = {f.key: f for f in d.fields}
    assert keys["client-ip"].value == "192.0.2.1" and keys["client-ip"].severity == "info"
    assert keys["pr"].severity == "unknown" and keys["pr"].undocumented  # Microsoft's own
    weird = decode_header("Received-SPF", "Maybe (who knows)")
    assert weird.data == {"received_spf": None, "envelope_from": None, "helo": None}
    named = decode_header(
        "Received-SPF",
        'Permerror (mailfrom) identity=mailfrom; client-ip=51.83.121.230; helo=mx.sender.example;'
        ' envelope-from="a@sender.example"; envelope-from=b@other.example',
    )
    assert named.data["envelope_from"] == "a@sender.example"  # the first, unquoted
    assert named.data["helo"] == "mx.sender.example"
    assert weird.fields[0].severity == "unknown"
    assert decode_header("Received-SPF", "key=value").findings


@given(st.text(alphabet='ab;=() \t"\\.', max_size=40))
@settings(max_examples=2000, deadline=None)
def test_fast_tokenizer_agrees_with_the_character_by_character_one(value: str) -> None:
    # The regex path takes the common shapes (flat comments, closed quotes); wherever it
    # does, it must read exactly what the slow path reads.
    from fopegui.core.decoders import auth

    if auth._FLAT.fullmatch(value):
        assert auth._tokenize(value) == auth._tokenize_slow(value)


def test_a_comment_follows_the_explanation_as_each_language_writes() -> None:
    d = decode_header(AR, "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=a.example; "
                          "dkim=none (message not signed) header.d=none")
    spf = next(f for f in d.fields if f.key == "spf")
    en, ja = render(spf.detail, "en"), render(spf.detail, "ja")
    assert en.endswith(" (sender IP is 192.0.2.1)") and not en.startswith(" ")
    assert ja.endswith("。(sender IP is 192.0.2.1)")  # no space after a Japanese full stop
