"""FOPE-era decoders: X-BigFish, X-SpamScore, X-CustomSpam (KB2669119)."""

from __future__ import annotations

import pytest

from fopegui.core import catalogue
from fopegui.core.decoders.fope import asf_entry, asf_option
from fopegui.core.decoders.registry import decode_header
from fopegui.core.texts import render

ASF = catalogue.load("antispam")["asf"]["options"]


def _by_key(decoded) -> dict:
    return {f.key: f for f in decoded.fields}


@pytest.mark.parametrize(
    ("value", "v", "p", "s", "score"),
    [
        ("VPS-12(zz1432Nzz1202h1082kzz8275bhz2dh2a8h668h839h)", True, True, True, -12),
        ("VPS31(zzc89bh936eI1432I542M4015Izz1202hzzz2dh2a8h668h839h93fh)", True, True, True, 31),
        ("VS-3(zz1432Nzz1202h)", True, False, True, -3),
        ("VPS-36", True, True, True, -36),
        ("VPS13", True, True, True, 13),
        ("VPS0(zz9f1bI3107L542M77dKzz1fe3hzz7b12ahz2e1i63h4e2h)", True, True, True, 0),
        ("vps-15(zz)", True, True, True, -15),  # letters are case-insensitive
        ("  VPS1(x)  ", True, True, True, 1),
        ("VP(zzzz1202h)", True, True, False, None),  # score omitted: seen in the wild
    ],
)
def test_bigfish_forms(value: str, v: bool, p: bool, s: bool, score: int | None) -> None:
    d = decode_header("X-BigFish", value)
    bf = d.data["bigfish"]
    assert d.family == "fope"
    assert bf["raw"] == value
    assert (bf["virus_scanned"], bf["policy_scanned"], bf["spam_scanned"]) == (v, p, s)
    assert bf["score"] == score
    assert d.findings == []
    fields = _by_key(d)
    assert [f.key for f in d.fields][:4] == ["v", "p", "s", "score"]
    assert fields["s"].severity == ("ok" if s else "warning")
    assert fields["p"].severity == "info"
    if score is not None:
        assert fields["score"].value == str(score)


def test_bigfish_missing_s_is_a_spam_bypass_warning_in_both_languages() -> None:
    d = decode_header("X-BigFish", "VP-3(zz)")
    assert d.severity == "warning"
    assert "bypassed" in render(_by_key(d)["s"].meaning, "en")
    assert "バイパス" in render(_by_key(d)["s"].meaning, "ja")
    assert _by_key(d)["s"].value == "no"


def test_bigfish_missing_p_is_policy_bypass_info() -> None:
    d = decode_header("X-BigFish", "VS-3(zz)")
    p = _by_key(d)["p"]
    assert p.severity == "info" and "Policy filtering bypassed" in render(p.meaning)
    assert d.severity == "info"


def test_bigfish_rules_are_kept_raw_and_marked_unpublished() -> None:
    d = decode_header("X-BigFish", "VPS-12(zz1432Nzz1202h)")
    rules = _by_key(d)["rules"]
    assert rules.value == "zz1432Nzz1202h"
    assert rules.severity == "info" and "never published" in render(rules.meaning)


@pytest.mark.parametrize("value", ["VPS-", "", "hello world", "VPSX-3", "12", "VPS-12 junk", "-"])
def test_bigfish_unparseable(value: str) -> None:
    d = decode_header("X-BigFish", value)
    assert d.data["bigfish"]["score"] is None
    assert any(f.severity == "unknown" for f in d.fields)
    assert len(d.findings) == 1 and d.findings[0].header == "X-BigFish"


@pytest.mark.parametrize(("value", "score"), [("-12", -12), ("31", 31), (" 0 ", 0), ("+5", 5)])
def test_spamscore(value: str, score: int) -> None:
    d = decode_header("X-SpamScore", value)
    assert d.data == {"spam_score": score}
    f = d.fields[0]
    assert f.severity == "info" and "comparison only" in render(f.meaning)
    assert "比較" in render(f.meaning, "ja")


@pytest.mark.parametrize("value", ["abc", "", "1.5", "9" * 5000])
def test_spamscore_unparseable(value: str) -> None:
    d = decode_header("X-SpamScore", value)
    assert d.data == {"spam_score": None}
    assert d.fields[0].severity == "unknown"
    assert d.findings


ALIASES = [(oid, alias) for oid, opt in ASF.items() for alias in opt["aliases"]]


@pytest.mark.parametrize(("oid", "alias"), ALIASES)
def test_every_asf_alias_is_recognised(oid: str, alias: str) -> None:
    for variant in (alias, alias.upper(), alias.title(), f"  {alias}. "):
        d = decode_header("X-CustomSpam", variant)
        assert d.data["asf_option"] == oid, variant
        assert d.data["custom_spam"] == variant.strip()
    f = decode_header("X-CustomSpam", alias).fields[0]
    en, ja = render(f.meaning, "en"), render(f.meaning, "ja")
    assert en and ja and en != ja
    assert f.severity == ASF[oid]["severity"]
    assert render(f.detail, "en") and render(f.detail, "ja")


@pytest.mark.parametrize("oid", sorted(set(ASF) - {"test_mode"}))
def test_asf_hit_is_a_problem_with_method_1_advice(oid: str) -> None:
    name = ASF[oid]["ui_name"]["en"]
    d = decode_header("X-CustomSpam", name)
    en, ja = render(d.fields[0].detail, "en"), render(d.fields[0].detail, "ja")
    assert d.severity == "problem"
    assert "Method 1" in en and name in en
    assert "方法 1" in ja
    assert ASF[oid]["ui_name"]["ja"] in ja


def test_asf_options_without_test_mode_do_not_suggest_test() -> None:
    d = decode_header("X-CustomSpam", "SPF Record Fail")
    assert d.data["asf_option"] == "spf_hard_fail"
    assert "not available" in render(d.fields[0].detail)


@pytest.mark.parametrize(
    ("value", "oid"),
    [
        ("Image links to remote sites", "image_links"),
        ("Imagee links to remote sites", "image_links"),  # small typo
        ("Numeric IP in URL", "numeric_ip_url"),
        ("URL to .biz or .info websites", "biz_info_urls"),
        ("Javascript or VBscript tags in HTML", "javascript_in_html"),
        ("IFRAME or FRAME in HTML", "frame_tags"),
        ("Backscatter NDR", "ndr_backscatter"),
        ("Sensitive word in subject/body", "sensitive_words"),
        ("SPF From Record Fail", "sender_id_hard_fail"),
        ("This message was filtered by the custom spam filter option", "test_mode"),
        ("X-CustomSpam: Web bug", "web_bugs"),
    ],
)
def test_asf_matching_variations(value: str, oid: str) -> None:
    assert asf_option(value) == oid
    assert asf_entry(oid) is ASF[oid]


@pytest.mark.parametrize("value", ["Something new", "", "x" * 2000])
def test_unknown_asf_option_is_kept_as_a_warning(value: str) -> None:
    d = decode_header("X-CustomSpam", value)
    assert d.data == {"custom_spam": value.strip(), "asf_option": None}
    assert d.severity == "warning"
    assert d.fields[0].value == value.strip()


def test_asf_test_mode_is_a_warning_not_a_problem() -> None:
    d = decode_header("X-CustomSpam", "This message was filtered by the custom spam filter option")
    assert d.severity == "warning"
