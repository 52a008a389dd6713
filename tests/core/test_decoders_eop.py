"""EOP decoders: X-Forefront-Antispam-Report, X-Microsoft-Antispam, Mailbox-Delivery,
X-MS-Exchange-Organization-*, and the -Untrusted twins."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.core import catalogue
from fopegui.core.decoders import eop
from fopegui.core.decoders.registry import decode_header
from fopegui.core.texts import render

FF = catalogue.load("forefront")
XFAR = "X-Forefront-Antispam-Report"

ENUM_VALUES = [
    (key, value, entry)
    for key, spec in FF["xfar_keys"].items()
    for value, entry in spec.get("values", {}).items()
]


def _field(decoded, key: str):
    return next(f for f in decoded.fields if f.key.upper() == key.upper())


@pytest.mark.parametrize(("key", "value", "entry"), ENUM_VALUES)
def test_every_xfar_catalogue_value(key: str, value: str, entry: dict) -> None:
    for written in (value, value.lower()):
        f = _field(decode_header(XFAR, f"CIP:192.0.2.1;{key}:{written};DIR:INB"), key)
        assert f.value == written
        assert render(f.meaning, "en") == entry["meaning"]["en"]
        assert render(f.meaning, "ja") == entry["meaning"]["ja"]
        assert f.severity == entry["severity"]
        assert f.inferred == (entry["source"] == "inferred")
        assert f.undocumented == (entry["source"] == "undocumented")


@pytest.mark.parametrize(
    ("pair", "severity"),
    [
        ("SFV:SPM", "problem"),
        ("SFV:NSPM", "ok"),
        ("SFV:SKS", "problem"),
        ("SFV:SKB", "problem"),
        ("SFV:BLK", "problem"),
        ("SFV:SKN", "info"),
        ("SFV:SFE", "info"),
        ("SFV:SKI", "info"),
        ("IPV:CAL", "ok"),
        ("IPV:NLI", "ok"),
        ("CAT:PHSH", "problem"),
        ("CAT:BULK", "warning"),
        ("SRV:BULK", "warning"),
        ("RD:none", "warning"),
        ("PTR:InfoDomainNonexistent", "warning"),
        ("SFTY:9.25", "info"),
        ("DIR:OUT", "info"),
    ],
)
def test_xfar_value_severities(pair: str, severity: str) -> None:
    key = pair.split(":")[0]
    assert _field(decode_header(XFAR, pair), key).severity == severity


@pytest.mark.parametrize(
    ("scl", "severity"),
    [
        ("-1", "info"),
        ("0", "ok"),
        ("1", "ok"),
        ("2", "info"),
        ("5", "problem"),
        ("6", "problem"),
        ("7", "problem"),
        ("9", "problem"),
    ],
)
def test_scl_bands(scl: str, severity: str) -> None:
    for header, key in ((XFAR, "SCL"), ("X-MS-Exchange-Organization-SCL", "value")):
        value = f"SCL:{scl}" if header == XFAR else scl
        f = _field(decode_header(header, value), key)
        en, ja = render(f.meaning, "en"), render(f.meaning, "ja")
        assert f.severity == severity
        assert en and ja
        assert en != ja
    assert decode_header("x-ms-exchange-organization-scl", scl).data == {"scl": int(scl)}


@pytest.mark.parametrize("bad", ["abc", "10", "", "-2"])
def test_unknown_scl_values(bad: str) -> None:
    f = _field(decode_header(XFAR, f"SCL:{bad}"), "SCL")
    assert f.value == bad
    assert f.severity == ("info" if bad == "" else "unknown")
    org = decode_header("X-MS-Exchange-Organization-SCL", bad)
    assert org.fields[0].severity == "unknown"
    assert org.findings


def test_xfar_data_keeps_raw_values_and_splits_on_the_first_colon() -> None:
    d = decode_header(XFAR, "CIP:2001:db8::25;CTRY:NL;LANG:ja;SCL:5;SRV:;SFV:SPM;SFS:(1)(22)(333);")
    assert d.data["antispam"] == {
        "CIP": "2001:db8::25",
        "CTRY": "NL",
        "LANG": "ja",
        "SCL": "5",
        "SRV": "",
        "SFV": "SPM",
        "SFS": "(1)(22)(333)",
    }
    assert d.data["sfs"] == ["1", "22", "333"]
    assert [f.key for f in d.fields] == ["CIP", "CTRY", "LANG", "SCL", "SRV", "SFV", "SFS"]
    assert d.severity == "problem"
    assert _field(d, "SRV").severity == "info"


def test_undocumented_and_unknown_keys_are_kept() -> None:
    d = decode_header(
        XFAR, "CIP:203.0.113.25;KIP:(null);UIP:(null);IPVD:NLI;EFVD:NLI;ZZZ:42;MLV:ovrnspm"
    )
    for key, value in [
        ("KIP", "(null)"),
        ("UIP", "(null)"),
        ("EFVD", "NLI"),
        ("ZZZ", "42"),
        ("MLV", "ovrnspm"),
    ]:
        f = _field(d, key)
        assert f.value == value and f.severity == "unknown" and f.meaning is None
    assert _field(d, "IPVD").severity == "ok"
    # undocumented parts do not colour the header (CIP info, IPVD ok → info)
    assert d.severity == "info"


def test_helo_matching_reverse_dns() -> None:
    d = decode_header(XFAR, "CIP:203.0.113.25;H:mx1.partner.example;RD:MX1.partner.example.")
    assert d.data["helo_matches_ptr"] is True
    assert _field(d, "RD").severity == "ok"
    d = decode_header(XFAR, "CIP:203.0.113.25;H:mx1.partner.example;PTR:other.example")
    assert d.data["helo_matches_ptr"] is False
    d = decode_header(XFAR, "H:relay.example;PTR:InfoDomainNonexistent")
    assert d.data["helo_matches_ptr"] is None


def test_customspam_inside_xfar_uses_the_asf_catalogue() -> None:
    d = decode_header(XFAR, "SFV:SPM;X-CustomSpam:Image links to remote sites;SCL:5")
    f = _field(d, "X-CustomSpam")
    assert f.severity == "problem" and "Method 1" in render(f.detail)


@pytest.mark.parametrize(
    "value",
    [
        "",
        ";;;",
        "SFS:(((",
        "SCL:abc",
        "garbage without colon",
        ":",
        "SFV",
        "a" * 1_000_000,
        ";" * 1_000_000,
        "K:V;" * 300_000,
    ],
)
def test_malformed_xfar_does_not_raise(value: str) -> None:
    d = decode_header(XFAR, value)
    assert d.family == "eop"
    assert len(d.fields) <= 201


def test_malformed_sfs_is_unknown() -> None:
    d = decode_header(XFAR, "SFS:(((")
    assert d.data["sfs"] == []
    assert _field(d, "SFS").severity == "unknown"


def test_too_many_fields_keep_the_rest_raw() -> None:
    value = ";".join(f"K{i}:V" for i in range(300))
    d = decode_header(XFAR, value)
    assert len(d.fields) == 201
    assert d.fields[199].key == "K199"
    assert d.fields[-1].key == "…" and d.fields[-1].value.startswith("K200:V;K201:V")
    big = decode_header(XFAR, ";".join(f"K{i}:V" for i in range(3000)))  # the regex path
    assert big.fields[-1].value.startswith("K200:V;K201:V")


@pytest.mark.parametrize(
    ("value", "pairs", "rest"),
    [
        (";".join(f"K{i}:V" for i in range(200)), 200, ""),  # at the cap: nothing left over
        (";".join(f"K{i}:V" for i in range(200)) + ";", 200, ""),  # and a stray separator
        (";".join(f"K{i}:V" for i in range(200)) + ";;  ; ", 200, ""),
        (";".join(f"K{i}:V" for i in range(201)), 200, "K200:V"),
        (";;" + ";".join(f"K{i}:V" for i in range(199)) + "; ;", 199, ""),
    ],
)
def test_the_cap_counts_pairs_not_separators(value: str, pairs: int, rest: str) -> None:
    from fopegui.core.decoders.common import split_pairs

    found, left = split_pairs(value)
    assert (len(found), left) == (pairs, rest)
    assert found[:2] == [("K0", "V"), ("K1", "V")]


@pytest.mark.parametrize(
    "header",
    ["X-Forefront-Antispam-Report-Untrusted", "x-microsoft-antispam-untrusted"],
)
def test_untrusted_twins_are_never_the_receiving_verdict(header: str) -> None:
    d = decode_header(header, "CIP:192.0.2.1;SFV:SPM;SCL:9;CAT:PHSH;BCL:9;PCL:8")
    assert d.family == "eop"
    assert d.severity in ("ok", "info")
    assert all(f.severity in ("ok", "info", "unknown") for f in d.fields)
    assert set(d.data) == {"antispam_untrusted"}
    assert d.data["antispam_untrusted"]["SFV" if "forefront" in header.lower() else "BCL"]
    assert "SENDING" in render(d.description)
    assert "送信側" in render(decode_header(header, "SFV:SPM").description, "ja")


@pytest.mark.parametrize(
    ("bcl", "severity"),
    [
        ("0", "ok"),
        ("1", "info"),
        ("3", "info"),
        ("4", "warning"),
        ("7", "warning"),
        ("8", "problem"),
        ("9", "problem"),
    ],
)
def test_bcl_bands(bcl: str, severity: str) -> None:
    d = decode_header("X-Microsoft-Antispam", f"BCL:{bcl};ARA:1|2")
    assert d.data["bcl"] == int(bcl)
    f = _field(d, "BCL")
    assert f.severity == severity and render(f.meaning)
    assert render(_field(decode_header("X-Microsoft-Antispam", f"BCL:{bcl}"), "BCL").meaning, "ja")
    assert decode_header("X-MS-Exchange-Organization-BCL", bcl).data == {"org_bcl": int(bcl)}


@pytest.mark.parametrize(
    ("pcl", "severity"),
    [("0", "ok"), ("3", "ok"), ("4", "problem"), ("8", "problem"), ("-9990", "problem")],
)
def test_pcl_bands(pcl: str, severity: str) -> None:
    d = decode_header("X-Microsoft-Antispam", f"BCL:0;PCL:{pcl};")
    assert d.data["pcl"] == int(pcl)
    assert _field(d, "PCL").severity == severity
    assert decode_header("X-MS-Exchange-Organization-PCL", pcl).data == {"org_pcl": int(pcl)}


def test_microsoft_antispam_ara_and_unknown_keys() -> None:
    d = decode_header("X-Microsoft-Antispam", "BCL:0;ARA:13230040|4022899009|8096899003;NEW:1")
    assert d.data == {"bcl": 0, "pcl": None, "ara": ["13230040", "4022899009", "8096899003"]}
    assert _field(d, "NEW").severity == "unknown"


def test_microsoft_antispam_malformed() -> None:
    d = decode_header("X-Microsoft-Antispam", "BCL:abc;PCL:")
    assert d.data["bcl"] is None and d.data["pcl"] is None
    assert _field(d, "BCL").severity == "unknown"


MBD = "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944490095);RF:JunkEmail;kl:0"


def test_mailbox_delivery() -> None:
    d = decode_header("X-Microsoft-Antispam-Mailbox-Delivery", MBD)
    md = d.data["mailbox_delivery"]
    assert md["dest"] == "J" and md["ofr"] == "SpamFilterAuthJ" and md["rf"] == "JunkEmail"
    assert _field(d, "dest").severity == "problem"
    assert _field(d, "OFR").inferred is True
    assert _field(d, "ucf").inferred is True
    assert _field(d, "kl").severity == "unknown"
    assert d.severity == "problem"
    assert d.fields[0].key == "ucf"


@pytest.mark.parametrize(
    ("dest", "severity"), [("I", "ok"), ("J", "problem"), ("C", "info"), ("Q", "unknown")]
)
def test_mailbox_delivery_destinations(dest: str, severity: str) -> None:
    d = decode_header("X-Microsoft-Antispam-Mailbox-Delivery", f"dest:{dest}")
    assert _field(d, "dest").severity == severity


ORG = [
    (header, value, entry)
    for header, values in FF["organization_values"].items()
    for value, entry in values.items()
]


@pytest.mark.parametrize(("header", "value", "entry"), ORG)
def test_organization_values(header: str, value: str, entry: dict) -> None:
    shown = value.title()
    upper = decode_header(header.upper(), shown)
    lower = decode_header(header, shown)
    assert upper.fields[0].value == shown
    assert render(upper.fields[0].meaning, "en") == entry["meaning"]["en"]
    assert render(lower.fields[0].meaning, "ja") == entry["meaning"]["ja"]
    en, ja = render(upper.description, "en"), render(lower.description, "ja")
    assert en and ja and en != ja


def test_unknown_authas_value_is_kept() -> None:
    d = decode_header("X-MS-Exchange-Organization-AuthAs", "Martian")
    assert d.fields[0].value == "Martian" and d.fields[0].severity == "unknown"


@pytest.mark.parametrize(
    "header",
    [
        "X-MS-Exchange-Organization-Network-Message-Id",
        "X-MS-Exchange-Organization-AuthSource",
        "X-MS-Exchange-CrossTenant-Id",
        "X-MS-Exchange-CrossTenant-MailboxType",
        "X-MS-Exchange-Transport-EndToEndLatency",
        "X-MS-TNEF-Correlator",
        "X-MS-Office365-Filtering-Correlation-Id",
        "X-Microsoft-Antispam-Message-Info",
    ],
)
def test_other_microsoft_headers_are_recognised(header: str) -> None:
    d = decode_header(header, "whatever")
    assert d.family == "eop"
    assert render(d.description)
    assert render(d.description, "ja") != render(d.description, "en")


# --- the cache that explains key:value pairs (decoders.eop._field) ------------------------

_TABLE_KEYS = [
    (table, key) for table, specs in eop._TABLES.items() for key in [*specs, "NOTAKEY"]
]
_VALUES = st.text(alphabet="ab9 .:()\t\u3000", max_size=12) | st.sampled_from(
    ["", "(13230040)(376014)", "( )", "()", "NONE", "mail.example.com", "40.107.1.2", "SPM"]
)


def _explanation(f) -> tuple:
    return f.meaning, f.severity, f.detail, f.inferred, f.undocumented


@pytest.mark.parametrize(("table", "key"), _TABLE_KEYS)
@given(raw=_VALUES)
@settings(max_examples=60, deadline=None)
def test_cached_explanation_is_the_values_own(table: str, key: str, raw: str) -> None:
    # Keys whose meaning ignores the value share one cache entry ("CIP:x" for every address);
    # that must read exactly as explaining this value afresh.
    spec = eop._TABLES[table].get(key)
    afresh = eop._keyed_field(key, raw, spec)
    afresh.undocumented = afresh.undocumented or bool(spec and spec.get("source") == "undocumented")
    f = eop._field(table, key.lower(), raw)
    assert (f.key, f.value) == (key.lower(), raw)
    assert _explanation(f) == _explanation(afresh)


@given(st.text(alphabet="()ab1 \t\u3000", max_size=30))
@settings(max_examples=3000, deadline=None)
def test_sfs_rule_ids(raw: str) -> None:
    written_out = [i.strip() for i in re.findall(r"\(([^()]*)\)", raw) if i.strip()]
    assert eop._paren_ids(raw) == written_out
    assert bool(eop._ANY_PAREN_ID.search(raw)) == bool(written_out)


@given(st.text(alphabet="ab.-: \t\r\n\u3000\u00a0\u2028\x1c", max_size=20))
@settings(max_examples=2000, deadline=None)
def test_host_names_lose_folding_white_space(raw: str) -> None:
    fld, fact = eop._host_field("H", "H", raw)
    assert fact == re.sub(r"\s+", "", raw)
    assert fld.value == raw
