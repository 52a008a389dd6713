"""decode_header: routing, case-insensitivity, unknown headers, robustness (malformed, huge,
random input), and the shared samples decoding to what samples/README.md says."""

from __future__ import annotations

import itertools
import re
import time
from email.parser import BytesHeaderParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopegui.core.decoders import Decoded, registry
from fopegui.core.decoders.auth import _FLAT, _tokenize, _tokenize_slow
from fopegui.core.decoders.registry import (
    catalogued_names,
    decode_header,
    decode_shared,
    decoder_names,
    known_result,
)
from fopegui.core.model import SEVERITIES
from fopegui.core.texts import render

NAMES = sorted(
    set(decoder_names())
    | set(catalogued_names())
    | {
        "x-fb-ss",
        "x-fb-unknown",
        "list-help",
        "x-ms-exchange-organization-foo",
        "x-ms-exchange-crosstenant-bar",
        "arc-foo",
        "content-type",
    }
)
FAMILIES = {"fope", "eop", "auth", "routing", "other"}
_UNFOLD = re.compile(r"\r?\n(?=[ \t])")


def _check(d: Decoded, lang: str = "en") -> None:
    assert isinstance(d, Decoded)
    assert d.family in FAMILIES
    assert d.severity in SEVERITIES
    assert d.description is None or isinstance(render(d.description, lang), str)
    for f in d.fields:
        assert isinstance(f.key, str) and isinstance(f.value, str)
        assert f.severity in SEVERITIES
        # texts are language-free; each renders to a string in the language shown
        for text in (f.meaning, f.detail):
            assert text is None or isinstance(render(text, lang), str)
    for x in d.findings:
        assert isinstance(render(x.title, lang), str) and isinstance(render(x.detail, lang), str)
    # a decoder bug would be hidden by the registry's safety net: make it fail here
    assert not any(x.id.startswith("decoder-error:") for x in d.findings)


@pytest.mark.parametrize("name", ["X-BigFish", "x-bigfish", "X-BIGFISH", " x-BigFish "])
def test_names_are_case_insensitive(name: str) -> None:
    d = decode_header(name, "VPS-12(zz)")
    assert d.family == "fope" and d.data["bigfish"]["score"] == -12
    assert d.description and "FOPE" in render(d.description)


def test_unknown_header() -> None:
    d = decode_header("X-Totally-Unknown", "value")
    assert (d.family, d.severity, d.fields, d.description) == ("other", "info", [], None)


def test_description_follows_language() -> None:
    d = decode_header("X-Forefront-Antispam-Report", "SFV:SPM")
    en, ja = render(d.description, "en"), render(d.description, "ja")
    assert en != ja and "スパム" in ja
    assert render(d.fields[0].meaning, "en") != render(d.fields[0].meaning, "ja")
    # an unsupported language falls back to English
    assert render(d.description, "fr") == en


@pytest.mark.parametrize(
    "name",
    ["From", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Received", "Return-Path"],
)
def test_plain_headers_have_descriptions(name: str) -> None:
    d = decode_header(name, "x")
    assert render(d.description) and render(d.description, "ja") != render(d.description)


MALFORMED = [
    "",
    " ",
    ";;",
    ":::",
    "(((",
    ")))",
    "==",
    "\x00\x01",
    "é" * 50,
    "VPS-",
    "SCL:abc",
    "SFS:(((",
    '"',
    "<<<>>>",
    "\n\t",
]


@pytest.mark.parametrize("name", NAMES)
def test_malformed_values_never_raise(name: str) -> None:
    for value in MALFORMED:
        d = decode_header(name, value)
        _check(d)
        _check(d, "ja")


HUGE = {
    "semicolons": ";" * 1_000_000,
    "letters": "a" * 1_000_000,
    "pairs": "K:V;" * 250_000,
    "parens": "(" * 1_000_000,
    "assignments": "a=b " * 250_000,
    "digits": "9" * 1_000_000,
    "quotes": '"' * 1_000_000,
}


@pytest.mark.parametrize("name", [*sorted(decoder_names()), "x-fb-ss", "list-help"])
def test_huge_values_finish_fast(name: str) -> None:
    for label, value in HUGE.items():
        start = time.perf_counter()
        d = decode_header(name, value)
        elapsed = time.perf_counter() - start
        _check(d)
        assert elapsed < 0.5, f"{name} / {label}: {elapsed:.2f}s"
        assert len(d.fields) <= 202, f"{name} / {label}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), value=st.text(max_size=300), lang=st.sampled_from(["en", "ja"]))
def test_random_text_never_raises(name: str, value: str, lang: str) -> None:
    _check(decode_header(name, value), lang)


_KVISH = st.text(alphabet=st.sampled_from(list('SFVCLP:;()=.- 0123456789abc|"')), max_size=120)


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(decoder_names())), value=_KVISH)
def test_structured_noise_never_raises(name: str, value: str) -> None:
    _check(decode_header(name, value))


@settings(max_examples=400, deadline=None)
# With white space other than the space and the tab (a no-break space, a line separator,
# information separators): both split words there.
@given(value=st.text(alphabet=st.sampled_from(list('ab =;()" \t\xa0\u2028\x1c\x0b')), max_size=80))
def test_fast_tokenizer_agrees_with_the_careful_one(value: str) -> None:
    if _FLAT.fullmatch(value):
        assert _tokenize(value) == _tokenize_slow(value)


# --- the shared samples (values read with the standard parser, in the test only) ---------


def _headers(samples: Path, name: str) -> list[tuple[str, str]]:
    with open(samples / name, "rb") as fh:
        msg = BytesHeaderParser().parse(fh)
    return [(k, _UNFOLD.sub("", str(v))) for k, v in msg.items()]


def _decoded(samples: Path, name: str) -> dict[str, Decoded]:
    out: dict[str, Decoded] = {}
    for key, value in _headers(samples, name):
        d = decode_header(key, value)
        _check(d)
        out.setdefault(key.lower(), d)
    return out


def test_sample_fope_ham_bigfish(samples: Path) -> None:
    d = _decoded(samples, "fope-ham-bigfish.eml")
    assert d["x-bigfish"].data["bigfish"] == {
        "raw": "VPS-12(zz1432Nzz1202h1082kzz8275bhz2dh2a8h668h839h)",
        "virus_scanned": True,
        "policy_scanned": True,
        "spam_scanned": True,
        "score": -12,
    }
    assert d["x-spamscore"].data == {"spam_score": -12}
    xfar = d["x-forefront-antispam-report"]
    assert xfar.data["antispam"]["CIP"] == "203.0.113.25"
    assert xfar.data["antispam"]["IPVD"] == "NLI"
    assert xfar.data["helo_matches_ptr"] is True  # H = RD
    # not filtered as spam: nothing in the filtering headers is a problem or a warning
    for name in ("x-bigfish", "x-spamscore", "x-forefront-antispam-report"):
        assert d[name].severity in ("ok", "info"), name
    assert d["received"].family == "routing"


def test_sample_fope_spam_customspam(samples: Path) -> None:
    d = _decoded(samples, "fope-spam-customspam.eml")
    assert d["x-customspam"].data == {
        "custom_spam": "Image links to remote sites",
        "asf_option": "image_links",
    }
    assert d["x-customspam"].severity == "problem"
    xfar = d["x-forefront-antispam-report"]
    assert xfar.data["antispam"]["SFV"] == "SPM" and xfar.data["antispam"]["SCL"] == "5"
    rd = next(f for f in xfar.fields if f.key == "RD")
    assert rd.value == "none" and rd.severity == "warning"
    assert "reverse DNS" in render(rd.meaning)
    assert xfar.severity == "problem"


def test_sample_eop_spam_authfail(samples: Path) -> None:
    d = _decoded(samples, "eop-spam-authfail.eml")
    facts = d["x-forefront-antispam-report"].data
    a = facts["antispam"]
    assert (a["SFV"], a["CAT"], a["SCL"], a["CTRY"], a["LANG"]) == ("SPM", "SPM", "5", "NL", "ja")
    assert a["PTR"] == "InfoDomainNonexistent"
    assert facts["sfs"] == ["13230040", "4022899009", "8096899003"]
    auth = d["authentication-results"].data
    assert (
        auth["spf"],
        auth["dkim"],
        auth["dmarc"],
        auth["compauth"],
        auth["compauth_reason"],
    ) == ("softfail", "none", "fail", "fail", "000")
    assert d["received-spf"].data["received_spf"] == "softfail"
    assert d["x-ms-exchange-organization-scl"].data == {"scl": 5}
    assert d["x-microsoft-antispam"].data["bcl"] == 0
    assert d["x-ms-exchange-organization-authas"].fields[0].value == "Anonymous"


def test_sample_ndr_backscatterer(samples: Path) -> None:
    d = _decoded(samples, "ndr-backscatterer.eml")
    assert d["auto-submitted"].data == {"auto_submitted": "auto-replied"}
    assert all(x.family in FAMILIES for x in d.values())


def test_every_sample_header_decodes(samples: Path) -> None:
    for path in sorted(samples.glob("*.eml")):
        for key, value in _headers(samples, path.name):
            d = decode_header(key, value)
            _check(d)
            _check(d, "ja")


@given(st.lists(st.sampled_from(("ok", "info", "unknown", "warning", "problem")), max_size=12))
def test_a_header_takes_the_worst_severity_its_fields_know(severities: list[str]) -> None:
    """roll_up: the most serious of the fields' severities, "unknown" aside; all unknown gives
    unknown, no field at all info."""
    from fopegui.core.decoders.common import roll_up
    from fopegui.core.model import Field, worst

    fields = [Field("k", "v", None, severity) for severity in severities]
    known = [s for s in severities if s != "unknown"]
    expected = worst(known) if known else ("unknown" if severities else "info")
    assert roll_up(fields) == expected


_FRESH = itertools.count()


def _fresh_results_value() -> str:
    """An Authentication-Results value no other test decodes."""
    return f"mx.example.net; spf=pass smtp.mailfrom=fresh{next(_FRESH)}.example.org"


def test_a_value_is_remembered_the_second_time_it_is_decoded() -> None:
    name = "Authentication-Results"
    value = _fresh_results_value()
    first = decode_shared(name, value)
    assert known_result(name, value) is None  # decoded once: nothing kept
    second = decode_shared(name, value)
    assert second is not first and second == first
    assert known_result(name, value) is second
    assert decode_shared(name, value) is second  # from now on, the remembered result


def test_values_decoded_once_are_forgotten_when_their_memory_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "_SEEN_ONCE_MAX", 3)
    monkeypatch.setattr(registry, "_seen_once", set())
    name = "Authentication-Results"
    values = [_fresh_results_value() for _ in range(4)]
    for value in values[:3]:
        decode_shared(name, value)
    assert len(registry._seen_once) == 3
    decode_shared(name, values[3])  # the memory was full: forgotten, this one noted
    assert registry._seen_once == {hash((name, values[3]))}
    decode_shared(name, values[0])  # its first sighting again
    assert known_result(name, values[0]) is None
    decode_shared(name, values[3])
    assert known_result(name, values[3]) is not None


def test_signatures_are_never_remembered() -> None:
    name = "DKIM-Signature"
    value = f"v=1; a=rsa-sha256; d=example.org; s=fresh{next(_FRESH)}; b=AAAA; bh=BBBB"
    for _ in range(3):
        decode_shared(name, value)
    assert known_result(name, value) is None
