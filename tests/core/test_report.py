"""Exports: contract names in JSON, escaping in HTML/Markdown, terminal-safe text."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.report import to_dict, to_html, to_json, to_markdown, to_text
from fopegui.core.texts import render

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
    assert {
        "filtered_as_spam",
        "kb_methods",
        "reasons",
        "filter",
        "direction",
        "decided_by",
        "destination",
        "remedy",
    } <= set(d["verdict"])
    v = d["verdict"]
    assert (v["filter"], v["direction"], v["decided_by"], v["remedy"], v["kb_methods"]) == (
        "eop",
        "inbound",
        "spam_filter",
        "kb_method_2",
        [2],
    )
    assert {"id", "severity", "title", "detail", "header", "kb"} <= set(d["findings"][0])
    # kb is the label people read, kb_code the stable code
    submit = next(f for f in d["findings"] if f["id"] == "submit")
    assert (submit["kb"], submit["kb_code"]) == ("KB2669119 Method 2", "method2")
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


# Fields whose value is a code or a value from the message: the same in every language.
_CODES = (
    "filtered_as_spam",
    "kb_methods",
    "filter",
    "direction",
    "decided_by",
    "destination",
    "remedy",
    "rule",
)


def test_one_report_rendered_in_english_and_japanese(samples):
    report = analyze_path(samples / "fope-spam-customspam.eml")
    en, ja = to_dict(report, "en"), to_dict(report, "ja")
    assert (en["language"], ja["language"]) == ("en", "ja")
    for key in _CODES:
        assert en["verdict"][key] == ja["verdict"][key], key
    assert en["verdict"]["decided_by"] == "asf" and en["verdict"]["kb_methods"] == [1]
    for key in ("summary", "next_step", "whose"):
        assert en["verdict"][key] != ja["verdict"][key], key
        assert "{" not in en["verdict"][key] + ja["verdict"][key], key
    assert "Method 1" in en["verdict"]["summary"] and "方法 1" in ja["verdict"]["summary"]
    assert [f["id"] for f in en["findings"]] == [f["id"] for f in ja["findings"]]
    assert [f["kb_code"] for f in en["findings"]] == [f["kb_code"] for f in ja["findings"]]
    assert en["findings"][0]["title"] != ja["findings"][0]["title"]
    assert en["eop"] == ja["eop"] and en["auth"] == ja["auth"] and en["fope"] == ja["fope"]
    for h_en, h_ja in zip(en["headers"], ja["headers"], strict=True):
        assert (h_en["name"], h_en["value"]) == (h_ja["name"], h_ja["value"])
    # the report itself is not changed by rendering: English again reads as the first time
    assert to_dict(report, "en") == en
    # and every renderer takes the language of the same report
    assert "方法 1" in to_text(report, lang="ja") and "Method 1" in to_text(report)
    assert "方法 1" in to_markdown(report, lang="ja")
    assert "方法 1" in to_html(report, lang="ja")
    assert "方法 1" in to_json(report, lang="ja")


def test_error_rendered_in_each_language(tmp_path):
    report = analyze_bytes(b"%PDF-1.4", str(tmp_path / "a.pdf"))
    en, ja = to_dict(report, "en")["error"], to_dict(report, "ja")["error"]
    assert en == render(report.error, "en") and ja == render(report.error, "ja")
    assert en != ja and "a.pdf" in en and "a.pdf" in ja


def _every_test_message() -> list:
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "data"
    return sorted(p for p in data.rglob("*") if p.suffix in (".eml", ".txt", ".msg"))


def test_report_line_is_the_compact_json_of_the_report_object() -> None:
    """jsonl writes header entries from JSON remembered per shared decoder result: the line
    is byte for byte the standard library's compact encoding of to_dict, the first time and
    from memory, in both languages — also for values a JSON writer must escape (quotes, controls,
    U+2028, bidi)."""
    from fopegui.core.report import report_line

    hostile = analyze_bytes(
        HOSTILE[:-1] + b"X-Odd: \"q\" \\ \x01 \xe2\x80\xa8 \xc2\x85 \xe2\x80\xae end\n"
        b"X-Forefront-Antispam-Report: SFV:SPM;SCL:5;H:<i>helo</i>\n"
        b"Subject: \x01fopegui\x01 \"headers\" \xe2\x80\xa9\n\n",
        "hostile.eml",
    )
    reports = [analyze_path(p) for p in _every_test_message()] + [hostile]
    assert len(reports) > 40
    compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for _ in range(2):  # the second time every shared result has its JSON remembered
        for report in reports:
            for lang in ("en", "ja"):
                line = report_line(report, lang)
                expected = compact(to_dict(report, lang))
                for raw in ("\u2028", "\u2029", "\u0085"):
                    expected = expected.replace(raw, json.dumps(raw)[1:-1])
                assert line == expected.encode(), report.path
                assert b"\n" not in line and "\u2028" not in line.decode()
    assert "\\u2028" in report_line(hostile).decode() and "\\u0085" in to_json(hostile, None)


def test_a_report_orjson_refuses_is_still_one_compact_line(samples) -> None:
    """The engine decodes bytes to text, so a report holds no lone surrogate; should one get
    in (a future reader keeping undecodable bytes), its line is written all the same."""
    from fopegui.core.report import report_line

    report = analyze_path(samples / "eop-spam-authfail.eml")
    report.summary["subject"] = "caf\udce9 \u2028"
    line = report_line(report)
    data = json.loads(line)
    assert data["summary"]["subject"] == "caf\udce9 \u2028"
    assert data["headers"] == to_dict(report)["headers"]
    assert b'","' in line and b'", "' not in line and b"\n" not in line


def test_a_report_sent_between_processes_leaves_the_shared_results_behind(samples) -> None:
    """Each header keeps the decoder's shared result its JSON is remembered with; pickling (the
    window's worker processes) carries the header's own copies only, and the line written from
    the unpickled report is the same."""
    import pickle

    from fopegui.core.report import report_line

    report = analyze_path(samples / "eop-spam-authfail.eml")
    assert all(h.shared is not None for h in report.headers)
    line = report_line(report, "ja")
    assert all(h.shared.encoded and "ja" in h.shared.encoded for h in report.headers)
    blob = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"encoded" not in blob
    copy = pickle.loads(blob)
    assert copy.headers == report.headers
    assert all(h.shared is None for h in copy.headers)
    assert report_line(copy, "ja") == line


def test_header_entries_past_the_remembered_positions_and_none_at_all() -> None:
    from fopegui.core.report_headers import header_dict, headers_json

    many = analyze_bytes(b"".join(b"X-N%d: v%d\n" % (i % 7, i) for i in range(300)) + b"\n")
    assert len(many.headers) == 300
    compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    assert headers_json(many.headers, "en") == compact(
        [header_dict(h, "en") for h in many.headers]
    ).encode()
    assert headers_json([], "en") == b"[]"


def test_header_values_that_look_like_the_boundary_between_two_values() -> None:
    """All values of a message are encoded in one call and cut at '","'; values holding
    quotes, commas and backslashes in every order (and empty ones) come out whole."""
    from fopegui.core.report_headers import header_dict, headers_json

    tricky = ['","', '\\",\\"', "a\\", '"', "", '\\"', ',"x",', "\\\\", '"",""', "end\\\\\\"]
    block = "".join(f"X-T{i}: {value}\n" for i, value in enumerate(tricky)).encode() + b"\n"
    report = analyze_bytes(block)
    assert [h.value for h in report.headers] == [v.strip() for v in tricky]
    compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for lang in ("en", "ja"):
        assert headers_json(report.headers, lang) == compact(
            [header_dict(h, lang) for h in report.headers]
        ).encode()


def test_a_header_value_orjson_refuses_takes_the_standard_librarys_way(samples) -> None:
    from fopegui.core.report import report_line

    report = analyze_path(samples / "eop-spam-authfail.eml")
    report.headers[1].value = "caf\udce9"
    data = json.loads(report_line(report))
    assert data["headers"][1]["value"] == "caf\udce9"
    assert data["headers"] == to_dict(report)["headers"]
