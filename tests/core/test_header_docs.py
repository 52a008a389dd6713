"""Documentation links and display groups of headers: catalogue data (headers.json "doc",
"group"), filled into each Header by the analysis and exported as headers[].doc_url."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from fopegui.core import catalogue
from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.decoders.registry import catalogue_entry, decode_header
from fopegui.core.report import to_dict, to_json

# Where a header's documentation may live: Microsoft's docs and the IETF's RFC pages.
DOC_HOSTS = {"learn.microsoft.com", "datatracker.ietf.org", "www.rfc-editor.org"}
# learn.microsoft.com pages without a locale (the site picks the reader's language);
# RFCs as datatracker's HTML pages, optionally at a section.
_LEARN_PATH = re.compile(r"/(?:defender-office-365|exchange|openspecs)/[a-z0-9_./-]+")
_RFC_PATH = re.compile(r"/doc/html/rfc\d{3,4}")
_FRAGMENT = re.compile(r"(?:section-\d+(?:\.\d+)*|[a-z0-9-]+)?")


def _entries() -> list[tuple[str, dict]]:
    data = catalogue.load("headers")
    return [*data["headers"].items(), *((p["prefix"], p) for p in data["prefixes"])]


def test_every_catalogue_link_has_a_documentation_url_form() -> None:
    links = [(name, entry["doc"]) for name, entry in _entries() if "doc" in entry]
    assert len(links) >= 30
    for name, url in links:
        parts = urlsplit(url)
        assert parts.scheme == "https", name
        assert parts.netloc in DOC_HOSTS, name
        assert not parts.query and not parts.username and not parts.port, name
        path = _RFC_PATH if parts.netloc == "datatracker.ietf.org" else _LEARN_PATH
        assert path.fullmatch(parts.path), f"{name}: {url}"
        assert _FRAGMENT.fullmatch(parts.fragment), f"{name}: {url}"
        assert not re.search(r"[\s\"'<>]", url), name
        assert "/en-us/" not in url, f"{name}: a locale-free link opens in the reader's language"


def test_the_filtering_headers_link_to_microsofts_header_page() -> None:
    page = "https://learn.microsoft.com/defender-office-365/message-headers-eop-mdo"
    for name, anchor in [
        ("x-forefront-antispam-report", "#x-forefront-antispam-report-message-header-fields"),
        ("x-microsoft-antispam", "#x-microsoft-antispam-message-header-fields"),
        ("authentication-results", "#authentication-results-message-header"),
        ("x-ms-exchange-authentication-results", "#authentication-results-message-header"),
    ]:
        assert catalogue_entry(name)["doc"] == page + anchor
    assert catalogue_entry("date")["doc"].endswith("/rfc5322#section-3.6.1")


def test_decoding_fills_the_link_and_the_group() -> None:
    decoded = decode_header("X-Forefront-Antispam-Report", "SFV:SPM;SCL:5")
    assert decoded.doc_url and "message-headers-eop-mdo" in decoded.doc_url
    assert decoded.group is None  # anti-spam: grouped by its family
    latency = decode_header("X-MS-Exchange-Transport-EndToEndLatency", "00:00:03.6687989")
    assert (latency.group, latency.doc_url) == ("exchange", None)
    prefixed = decode_header("Content-Language", "en-US")  # a prefix entry's link
    assert prefixed.doc_url == "https://datatracker.ietf.org/doc/html/rfc2045"
    unknown = decode_header("X-Nobody-Knows", "1")
    assert (unknown.doc_url, unknown.group) == (None, None)


def test_report_headers_carry_doc_url_and_group(samples) -> None:
    report = analyze_path(samples / "fope-spam-customspam.eml")
    by_name = {h.key: h for h in report.headers}
    assert by_name["x-customspam"].doc_url.endswith("/anti-spam-policies-asf-settings-about")
    assert by_name["received"].doc_url.endswith("/rfc5321#section-4.4")
    assert by_name["x-bigfish"].doc_url is None  # KB2669119 has no page left to link
    exported = {h["name"].lower(): h for h in to_dict(report)["headers"]}
    assert exported["x-customspam"]["doc_url"] == by_name["x-customspam"].doc_url
    assert exported["x-bigfish"]["doc_url"] is None
    assert all("doc_url" in h for h in json.loads(to_json(report))["headers"])


HOUSEKEEPING = (
    "X-MS-Exchange-Organization-ExpirationStartTime: 02 Feb 2021 09:14:27.5512 (UTC)\r\n"
    "X-MS-Exchange-Organization-Network-Message-Id: 3c41d2e7-8b90-4f1a-a6c5-0e7d52b9f318\r\n"
    "X-EOPAttributedMessage: 0\r\n"
    "X-MS-Exchange-CrossTenant-Id: 9e0a6b25-47cd-4e83-b1f2-5d8c3a71e604\r\n"
    "X-MS-Exchange-Transport-CrossTenantHeadersStamped: BN6PR04MB1123\r\n"
    "X-MS-Office365-Filtering-Correlation-Id: 3c41d2e7-8b90-4f1a-a6c5-0e7d52b9f318\r\n"
    "X-MS-Exchange-AntiSpam-MessageData-0: abc\r\n"
    "X-Microsoft-Antispam-Message-Info: EQtjhGjj2AN0kWWQ\r\n"
)
ANTISPAM = (
    "X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:US;SCL:1;SFV:NSPM;DIR:INB\r\n"
    "X-Microsoft-Antispam: BCL:0;\r\n"
    "X-MS-Exchange-Organization-SCL: 1\r\n"
    "X-MS-Exchange-Organization-AuthAs: Anonymous\r\n"
    "X-MS-Exchange-Organization-Antispam-Report: DV:3.3.15608.880;SID:SenderIDStatus Fail\r\n"
    "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;dest:I;OFR:SpamFilterPass\r\n"
)


def test_exchange_housekeeping_headers_have_their_own_group() -> None:
    report = analyze_bytes(f"{ANTISPAM}{HOUSEKEEPING}Subject: x\r\n\r\n".encode())
    groups = {h.name: h.group for h in report.headers}
    assert {name for name, group in groups.items() if group == "exchange"} == {
        line.split(":")[0] for line in HOUSEKEEPING.splitlines()
    }
    for line in ANTISPAM.splitlines():
        assert groups[line.split(":")[0]] is None, line  # stays with the anti-spam report
    assert groups["Subject"] is None


@pytest.mark.parametrize("name", ["X-MS-Exchange-Authentication-Results"])
def test_exchange_authentication_results_is_decoded_like_authentication_results(name) -> None:
    value = (
        "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=none "
        "(message not signed) header.d=none;dmarc=bestguesspass action=none "
        "header.from=example.com;compauth=pass reason=109"
    )
    ours, standard = decode_header(name, value), decode_header("Authentication-Results", value)
    assert ours.family == standard.family == "auth"
    assert [(f.key, f.value, f.severity) for f in ours.fields] == [
        (f.key, f.value, f.severity) for f in standard.fields
    ]
    assert {f.key for f in ours.fields} >= {"spf", "dkim", "dmarc", "compauth"}
