"""Report → JSON (the contract's names), terminal text, Markdown and self-contained HTML.

Every renderer takes the language it writes in: the report itself holds language-free texts
(core.texts). Every message-derived value is escaped for its target: header values are
attacker-controlled text.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from fopegui import __version__
from fopegui.core import catalogue, rules
from fopegui.core.model import Report
from fopegui.core.received import outbound_edge_host, outbound_edge_ip
from fopegui.core.report_headers import header_dict, headers_json
from fopegui.core.texts import Localized, kb_label, render
from fopegui.core.visible import printable

_EOP_CONTRACT = (
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
)
_AUTH_CONTRACT = ("spf", "dkim", "dmarc", "compauth", "compauth_reason")
_LABELS: dict[str, Any] = catalogue.load("findings")["report"]
SUMMARY_KEYS = ("from", "to", "subject", "date", "message_id")


def label(key: str, lang: str = "en", **params: Any) -> str:
    """A heading or label of the exports, in ``lang``."""
    text = catalogue.text(_LABELS[key], lang) or key
    return text.format(**params) if params else text


def display_name(report: Report, lang: str = "en") -> str:
    """What a report is called in titles: the file's name (never a full local path)."""
    if not report.path:
        return label("pasted", lang)
    return os.path.basename(report.path.split("#", 1)[0]) + _virtual_suffix(report.path)


def _virtual_suffix(path: str) -> str:
    return "#" + path.split("#", 1)[1] if "#" in path else ""


def to_dict(report: Report, lang: str = "en", headers: bool = True) -> dict[str, Any]:
    """The contract's report object (CONTRACT.md); extra fields are additions only. With
    ``headers=False`` the "headers" entry is None (:func:`one_line_report` writes it)."""
    src = report.source
    out: dict[str, Any] = {
        "source": {
            "path": src.path if src else report.path,
            "kind": src.kind if src else None,
            "size": src.size if src else None,
            "sha256": src.sha256 if src else None,
        },
        "error": render(report.error, lang),
    }
    if report.error:
        out.update(
            summary=None,
            headers=None,
            received=None,
            fope=None,
            eop=None,
            auth=None,
            verdict=None,
            outbound_edge=None,
            findings=None,
        )
        return out
    out["summary"] = {key: report.summary.get(key) for key in SUMMARY_KEYS}
    out["headers"] = [header_dict(h, lang) for h in report.headers] if headers else None
    out["received"] = [
        {
            "hop": hop.hop,
            "from": hop.from_host,
            "by": hop.by_host,
            "with": hop.with_proto,
            "ip": hop.ip,
            "time": hop.time,
            "delay_s": hop.delay_s,
            "fope_edge": hop.fope_edge,
            "id": hop.id,
            "for": hop.for_addr,
            "helo": hop.from_helo,
            "rdns": hop.from_rdns,
            "edge_role": hop.edge_role,
            "outbound_edge": hop.is_outbound_edge,
        }
        for hop in report.received
    ]
    out["fope"] = {
        "bigfish": report.fope.get("bigfish"),
        "spam_score": report.fope.get("spam_score"),
        "custom_spam": report.fope.get("custom_spam"),
        "asf_option": report.fope.get("asf_option"),
    }
    eop = {key: report.eop.get(key) for key in _EOP_CONTRACT}
    eop["sfs"] = list(report.eop.get("sfs") or [])
    eop["rd"] = report.eop.get("rd")
    eop["stamp"] = report.eop.get("stamp")
    eop["mailbox_delivery"] = report.eop.get("mailbox_delivery")
    out["eop"] = eop
    auth = {key: report.auth.get(key) for key in _AUTH_CONTRACT}
    for extra in ("smtp_mailfrom", "header_d", "header_from", "dmarc_action", "scope"):
        auth[extra] = report.auth.get(extra)
    out["auth"] = auth
    out["verdict"] = verdict_dict(report, lang)
    out["findings"] = [
        {
            "id": f.id,
            "severity": f.severity,
            "title": render(f.title, lang),
            "detail": render(f.detail, lang),
            "header": f.header,
            "kb": render(kb_label(f.kb), lang),
            "kb_code": f.kb,
        }
        for f in report.findings
    ]
    edge = report.outbound_edge
    out["outbound_edge"] = (
        {"host": outbound_edge_host(edge), "ip": outbound_edge_ip(edge), "hop": edge.hop}
        if edge
        else None
    )
    out["ndr"] = report.ndr.to_json(lang) if report.ndr is not None else None
    if src and src.kind == "msg":
        out["msg"] = {
            "properties": dict(src.properties),
            "attachments": [
                {
                    "index": a.index,
                    "name": a.name,
                    "mime_type": a.mime_type,
                    "size": a.size,
                    "is_message": a.is_message,
                }
                for a in src.attachments
            ],
        }
    out["language"] = lang
    out["parse_ms"] = round(report.parse_ms, 3)
    return out


def verdict_dict(report: Report, lang: str = "en") -> dict[str, Any]:
    """The contract's verdict object (verdict v2), texts in ``lang``."""
    v = report.verdict
    source = rules.source(v.source)
    return {
        "filtered_as_spam": v.filtered_as_spam,
        "kb_methods": list(v.kb_methods),
        "reasons": [render(r, lang) for r in v.reasons],
        "filter": v.filter,
        "direction": v.direction,
        "decided_by": v.decided_by,
        "destination": v.destination,
        "remedy": v.remedy,
        "stamp": v.stamp,
        "whose": render(v.whose, lang),
        "summary": render(v.summary, lang),
        "next_step": render(v.next_step, lang),
        "rule": v.rule,
        "rule_source": v.source,
        "rule_source_title": render(source["title"], lang) if source else None,
        "rule_source_url": source.get("url") if source else None,
        "inferred": v.inferred,
        "severity": v.severity,
    }


def to_json(report: Report, indent: int | None = 2, lang: str = "en") -> str:
    """The report object as JSON: indented, or with ``indent=None`` one compact line (jsonl)."""
    if indent is None:
        return report_line(report, lang).decode("utf-8")
    return json.dumps(to_dict(report, lang), ensure_ascii=False, indent=indent)


def report_line(report: Report, lang: str = "en") -> bytes:
    """``json_line.line_bytes(to_dict(report, lang))``, the same bytes, with the header
    entries written by :func:`fopegui.core.report_headers.headers_json` (from what each
    shared decoder result remembers)."""
    from fopegui.core.json_line import EncodeError, Fragment, encode, line_bytes, one_line

    if not report.error:
        data = to_dict(report, lang, headers=False)
        try:
            data["headers"] = Fragment(headers_json(report.headers, lang))
            return one_line(encode(data))
        except EncodeError:  # a value orjson does not write: the standard library does
            pass
    return line_bytes(to_dict(report, lang))


def one_line_json(data: Any) -> str:
    """``data`` as JSON on one line (JSON Lines): compact, no raw line separator inside."""
    from fopegui.core.json_line import line_text  # orjson: imported only for JSON Lines

    return line_text(data)


DOCUMENT_FORMATS = ("html", "md", "json")


def render_document(
    reports: list[Report], fmt: str, as_array: bool | None = None, lang: str = "en"
) -> str:
    """One document for several reports: an HTML page, Markdown sections one after the other,
    or JSON — one object for one report (unless ``as_array``), else an array."""
    if fmt == "json" and as_array:
        return json.dumps([to_dict(r, lang) for r in reports], ensure_ascii=False, indent=2)
    if not reports:
        raise ValueError("no report to render")
    if fmt == "html":
        return to_html(reports, lang)
    if fmt == "md":
        return "\n".join(to_markdown(r, lang) for r in reports)
    if fmt == "json":
        data = [to_dict(r, lang) for r in reports]
        data = data[0] if len(data) == 1 else data
        return json.dumps(data, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}; expected one of {DOCUMENT_FORMATS}")


def _severity_of(report: Report) -> str:
    v = report.verdict
    return v.severity if v.severity else "unknown"


def _methods(report: Report, lang: str) -> str:
    return ", ".join(str(m) for m in report.verdict.kb_methods) or label("none", lang)


def _codes_line(report: Report) -> str:
    v = report.verdict
    parts = [f"{k}={getattr(v, k) or '-'}" for k in ("filter", "direction", "decided_by",
                                                      "destination", "remedy")]
    return "  ".join(parts)


# --- text -------------------------------------------------------------------------------

_ANSI = {"ok": "32", "info": "34", "warning": "33", "problem": "31", "unknown": "90"}
_MARK = {"ok": "✓", "info": "i", "warning": "!", "problem": "✗", "unknown": "?"}


def _paint(text: str, severity: str, colour: bool) -> str:
    return f"\x1b[{_ANSI[severity]}m{text}\x1b[0m" if colour else text


def _t(value: Localized | None, lang: str) -> str:
    return printable(render(value, lang))


def to_text(report: Report, colour: bool = False, lang: str = "en") -> str:
    name = printable(report.path or label("pasted", lang))
    if report.error:
        return f"{name}: {label('error', lang)}: {_t(report.error, lang)}\n"
    lines = [_paint(f"== {name}", "info", colour) if colour else f"== {name}"]
    for key in ("from", "to", "subject", "date"):
        lines.append(f"  {label(key, lang):8} {printable(report.summary.get(key))}")
    v = report.verdict
    sev = _severity_of(report)
    lines += ["", _paint(f"{_MARK[sev]} {_t(v.summary, lang)}", sev, colour)]
    if v.whose:
        lines.append(f"  {_t(v.whose, lang)}")
    if v.next_step:
        lines.append(f"  → {_t(v.next_step, lang)}")
    lines.append(f"  {label('kb_methods', lang)}: {_methods(report, lang)}")
    inferred = f" ({label('inferred', lang)})" if v.inferred else ""
    lines.append(f"  {label('verdict_codes', lang)}: {_codes_line(report)}  "
                 f"{label('rule', lang)}={v.rule or '-'}{inferred}")
    lines += ["", f"{label('findings', lang)}:"]
    for f in report.findings:
        lines.append(
            "  " + _paint(f"[{_MARK[f.severity]}] {_t(f.title, lang)}", f.severity, colour)
        )
        lines.append(f"      {_t(f.detail, lang)}")
    lines += ["", f"{label('filtering_headers', lang)}:"]
    for h in report.headers:
        if h.family not in {"fope", "eop", "auth"}:
            continue
        lines.append("  " + _paint(printable(h.name), h.severity, colour))
        for f in h.fields:
            meaning = f" — {_t(f.meaning, lang)}" if f.meaning else ""
            lines.append(
                "    "
                + _paint(
                    f"{_MARK[f.severity]} {printable(f.key)}: {printable(f.value)}",
                    f.severity,
                    colour,
                )
                + meaning
            )
    if report.received:
        lines += ["", f"{label('received', lang)}:"]
        for hop in report.received:
            delay = "" if hop.delay_s is None else f"  +{hop.delay_s:.0f}s"
            edge = (
                f"  [{label('outbound_edge', lang)}]"
                if hop.is_outbound_edge
                else ("  [FOPE/EOP]" if hop.fope_edge else "")
            )
            lines.append(
                f"  {hop.hop:>2}. {printable(hop.from_host)} [{hop.ip or '-'}] → "
                f"{printable(hop.by_host)}{delay}{edge}"
            )
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

# Characters that start Markdown syntax inside a table cell or a line; dots and dashes
# inside text do not, so addresses and names stay readable (192.0.2.66, not 192\.0\.2\.66).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: Any) -> str:
    if text is None:
        return "—"
    from html import escape  # here: only Markdown and HTML need it (2 ms of every start)

    text = escape(printable(text), quote=False)  # no raw HTML reaches a renderer
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if (text[:1] and text[:1] in "#+-=>") or re.match(r"\d+[.)]\s", text):
        text = "\\" + text  # would start a heading, list or quote at the start of a line
    return text


def to_markdown(report: Report, lang: str = "en") -> str:
    name = display_name(report, lang)
    if report.error:
        return f"# {_md(name)}\n\n**{label('error', lang)}:** {_md(render(report.error, lang))}\n"
    v = report.verdict
    out = [
        f"# {_md(label('title', lang, name=name))}",
        "",
        f"**{_md(render(v.summary, lang))}**",
        "",
        _md(render(v.whose, lang)),
        "",
        f"{label('next_step', lang)}: {_md(render(v.next_step, lang))}",
        "",
        f"{label('kb_methods', lang)}: {_md(_methods(report, lang))}",
        "",
        f"{label('verdict_codes', lang)}: `{_codes_line(report)}`",
        "",
        "| | |",
        "|---|---|",
    ]
    for key in SUMMARY_KEYS:
        out.append(f"| {label(key, lang)} | {_md(report.summary.get(key))} |")
    out += [
        "",
        f"## {label('findings', lang)}",
        "",
        f"| {label('severity', lang)} | {label('finding', lang)} | {label('detail', lang)} | "
        f"{label('kb', lang)} |",
        "|---|---|---|---|",
    ]
    for f in report.findings:
        out.append(
            f"| {f.severity} | {_md(render(f.title, lang))} | {_md(render(f.detail, lang))} | "
            f"{_md(render(kb_label(f.kb), lang))} |"
        )
    out += [
        "",
        f"## {label('headers', lang)}",
        "",
        f"| {label('header', lang)} | {label('field', lang)} | {label('value', lang)} | "
        f"{label('meaning', lang)} | {label('severity', lang)} |",
        "|---|---|---|---|---|",
    ]
    for h in report.headers:
        out.append(
            f"| {_md(h.name)} | | {_md(h.value)} | {_md(render(h.description, lang))} | "
            f"{h.severity} |"
        )
        for f in h.fields:
            out.append(
                f"| | {_md(f.key)} | {_md(f.value)} | {_md(render(f.meaning, lang))} | "
                f"{f.severity} |"
            )
    if report.received:
        out += [
            "",
            f"## {label('received', lang)}",
            "",
            "| " + " | ".join(label(k, lang) for k in ("hop", "from_host", "by_host", "with",
                                                      "ip", "time", "delay", "edge")) + " |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for hop in report.received:
            edge = (
                label("outbound_edge", lang)
                if hop.is_outbound_edge
                else ("FOPE/EOP" if hop.fope_edge else "")
            )
            out.append(
                f"| {hop.hop} | {_md(hop.from_host)} | {_md(hop.by_host)} | "
                f"{_md(hop.with_proto)} | {_md(hop.ip)} | {_md(hop.time)} | "
                f"{_md(hop.delay_s)} | {edge} |"
            )
    return "\n".join(out) + "\n"


# --- HTML -------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,"Segoe UI","Noto Sans CJK JP",sans-serif;margin:2em;color:#222}
h1{font-size:1.3em}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f2f2f2}.mono{font-family:ui-monospace,Consolas,monospace;word-break:break-all}
.banner{padding:.8em 1em;border-left:6px solid #888;background:#f7f7f7;margin:1em 0}
.ok{color:#1e7b34}.info{color:#1f5fa8}.warning{color:#9a6700}.problem{color:#b42318}
.unknown{color:#666}.banner.problem{border-color:#b42318}.banner.ok{border-color:#1e7b34}
.banner.warning{border-color:#9a6700}.banner.info{border-color:#1f5fa8}
tr.field td:first-child{padding-left:2em}
"""


def _h(text: Any) -> str:
    from html import escape

    return "—" if text is None else escape(printable(text), quote=True)


def to_html(reports: Report | list[Report], lang: str = "en") -> str:
    """A self-contained page (no scripts, no external resources), every value escaped."""
    reports = [reports] if isinstance(reports, Report) else reports
    if len(reports) == 1:
        title = display_name(reports[0], lang)
    else:
        title = label("messages", lang, count=len(reports))
    parts = [
        f'<!DOCTYPE html><html lang="{_h(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{_h(label('title', lang, name=title))}</title>"
        f"<style>{_CSS}</style></head><body>",
    ]
    for report in reports:
        parts.append(_html_section(report, lang))
    parts.append(f'<p class="unknown">fopegui {_h(__version__)}</p></body></html>')
    return "".join(parts)


def _html_section(report: Report, lang: str) -> str:
    name = display_name(report, lang)
    parts = [f"<section><h1>{_h(label('title', lang, name=name))}</h1>"]
    if report.error:
        parts.append(
            f'<p class="problem">{_h(label("error", lang))}: {_h(render(report.error, lang))}'
            "</p></section>"
        )
        return "".join(parts)
    v = report.verdict
    sev = _severity_of(report)
    parts.append(
        f'<div class="banner {sev}"><strong>{_h(render(v.summary, lang))}</strong><br>'
        f"{_h(render(v.whose, lang))}<br>{_h(render(v.next_step, lang))}<br>"
        f"{_h(label('kb_methods', lang))}: {_h(_methods(report, lang))}<br>"
        f'<span class="mono">{_h(_codes_line(report))}</span></div>'
    )
    parts.append("<table>")
    for key in SUMMARY_KEYS:
        parts.append(
            f"<tr><th>{_h(label(key, lang))}</th><td>{_h(report.summary.get(key))}</td></tr>"
        )
    heads = "".join(f"<th>{_h(label(k, lang))}</th>" for k in ("severity", "finding", "detail",
                                                              "kb"))
    parts.append(f"</table><h2>{_h(label('findings', lang))}</h2><table><tr>{heads}</tr>")
    for f in report.findings:
        parts.append(
            f'<tr><td class="{f.severity}">{_h(f.severity)}</td><td>{_h(render(f.title, lang))}'
            f"</td><td>{_h(render(f.detail, lang))}</td>"
            f"<td>{_h(render(kb_label(f.kb), lang))}</td></tr>"
        )
    heads = "".join(f"<th>{_h(label(k, lang))}</th>" for k in ("header_field", "value",
                                                              "meaning", "severity"))
    parts.append(f"</table><h2>{_h(label('headers', lang))}</h2><table><tr>{heads}</tr>")
    for h in report.headers:
        parts.append(
            f'<tr><td><strong>{_h(h.name)}</strong></td><td class="mono">'
            f"{_h(h.value)}</td><td>{_h(render(h.description, lang))}</td>"
            f'<td class="{h.severity}">{h.severity}</td></tr>'
        )
        for f in h.fields:
            parts.append(
                f'<tr class="field"><td>{_h(f.key)}</td><td class="mono">'
                f"{_h(f.value)}</td><td>{_h(render(f.meaning, lang))}</td>"
                f'<td class="{f.severity}">{f.severity}</td></tr>'
            )
    parts.append("</table>")
    if report.received:
        heads = "".join(
            f"<th>{_h(label(k, lang))}</th>"
            for k in ("hop", "from_host", "by_host", "with", "ip", "time", "delay", "edge")
        )
        parts.append(f"<h2>{_h(label('received', lang))}</h2><table><tr>{heads}</tr>")
        for hop in report.received:
            edge = (
                label("outbound_edge", lang)
                if hop.is_outbound_edge
                else ("FOPE/EOP" if hop.fope_edge else "")
            )
            parts.append(
                f"<tr><td>{hop.hop}</td><td>{_h(hop.from_host)}</td>"
                f"<td>{_h(hop.by_host)}</td><td>{_h(hop.with_proto)}</td>"
                f"<td>{_h(hop.ip)}</td><td>{_h(hop.time)}</td>"
                f"<td>{_h(hop.delay_s)}</td><td>{_h(edge)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)
