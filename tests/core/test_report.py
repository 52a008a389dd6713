"""Exports: contract names in JSON, escaping in HTML/Markdown, terminal-safe text."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.report import to_dict, to_html, to_json, to_markdown, to_text

HOSTILE = (
    b"Subject: <img src=x onerror=alert(1)> <b>bold</b> | *md* [l](javascript:x)\n"
    b"X-Evil: </td></table><script>alert(2)</script>\n"
    b"X-Term: \x1b[31mred\x07\n"
    b"X-Forefront-Antispam-Report: SFV:SPM;SCL:5;H:<i>helo</i>\n\n"
)

CONTRACT_KEYS = {
    "source",
    "error",
    "summary",
    "headers",
    "received",
    "fope",
    "eop",
    "auth",
    "verdict",
    "findings",
}


def test_contract_shape(samples):
    d = json.loads(to_json(analyze_path(samples / "eop-spam-authfail.eml")))
    assert d.keys() >= CONTRACT_KEYS
    assert set(d["source"]) == {"path", "kind", "size", "sha256"}
    assert {"from", "to", "subject", "date", "message_id"} == set(d["summary"])
    assert {"name", "value", "family", "severity", "fields"} <= set(d["headers"][0])
    assert {"hop", "from", "by", "with", "ip", "time", "delay_s", "fope_edge"} <= set(
        d["received"][0]
    )
    assert {"bigfish", "spam_score", "custom_spam"} <= set(d["fope"])
    assert {
        "scl",
        "sfv",
        "bcl",
        "pcl",
        "cat",
        "dir",
        "cip",
        "ctry",
        "lang",
        "sfty",
        "srv",
        "ipv",
        "h",
        "ptr",
        "sfs",
    } <= set(d["eop"])
    assert {"spf", "dkim", "dmarc", "compauth", "compauth_reason"} <= set(d["auth"])
    assert {"filtered_as_spam", "kb_methods", "reasons"} <= set(d["verdict"])
    assert {"id", "severity", "title", "detail", "header", "kb"} <= set(d["findings"][0])
    assert d["received"][0]["time"] == "2026-11-09T03:15:19+00:00"


def test_error_report_shape(tmp_path):
    d = to_dict(analyze_bytes(b"%PDF-1.4", str(tmp_path / "a.pdf")))
    assert d["error"] and d["source"]["path"].endswith("a.pdf")
    assert d.keys() >= CONTRACT_KEYS  # missing values are null, never omitted
    assert d["verdict"] is None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_html_escapes_everything():
    page = to_html(analyze_bytes(HOSTILE))
    parser = _Collector()
    parser.feed(page)
    assert not {"img", "script", "b", "i"} & set(parser.tags)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in page


def test_markdown_escapes():
    md = to_markdown(analyze_bytes(HOSTILE))
    assert "<img" not in md and "<script>" not in md
    assert "\\*md\\*" in md


def test_text_has_no_control_characters():
    text = to_text(analyze_bytes(HOSTILE))
    assert "\x1b" not in text and "\x07" not in text
    coloured = to_text(analyze_bytes(HOSTILE), colour=True)
    assert "\x1b[31m" in coloured  # our own colour codes only where asked
