"""Report → JSON (the contract's names), terminal text, Markdown and self-contained HTML.

Every message-derived value is escaped in HTML and Markdown: header values are
attacker-controlled text.
"""

from __future__ import annotations

import html
import json
from typing import Any

from fopegui import __version__
from fopegui.core.model import Report
from fopegui.core.received import outbound_edge_host, outbound_edge_ip

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


def to_dict(report: Report) -> dict[str, Any]:
    """The contract's report object (CONTRACT.md); extra fields are additions only."""
    src = report.source
    out: dict[str, Any] = {
        "source": {
            "path": src.path if src else report.path,
            "kind": src.kind if src else None,
            "size": src.size if src else None,
            "sha256": src.sha256 if src else None,
        },
        "error": report.error,
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
            findings=None,
        )
        return out
    out["summary"] = {
        key: report.summary.get(key) for key in ("from", "to", "subject", "date", "message_id")
    }
    out["headers"] = [
        {
            "name": h.name,
            "value": h.value,
            "family": h.family,
            "severity": h.severity,
            "fields": [
                {
                    "key": f.key,
                    "value": f.value,
                    "meaning": f.meaning,
                    "severity": f.severity,
                    "detail": f.detail,
                    "inferred": f.inferred,
                }
                for f in h.fields
            ],
            "description": h.description,
            "index": h.index,
        }
        for h in report.headers
    ]
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
    out["eop"] = eop
    auth = {key: report.auth.get(key) for key in _AUTH_CONTRACT}
    for extra in ("smtp_mailfrom", "header_d", "header_from", "dmarc_action"):
        auth[extra] = report.auth.get(extra)
    out["auth"] = auth
    v = report.verdict
    out["verdict"] = {
        "filtered_as_spam": v.filtered_as_spam,
        "kb_methods": list(v.kb_methods),
        "reasons": list(v.reasons),
        "summary": v.summary,
        "next_step": v.next_step,
    }
    out["findings"] = [
        {
            "id": f.id,
            "severity": f.severity,
            "title": f.title,
            "detail": f.detail,
            "header": f.header,
            "kb": f.kb,
        }
        for f in report.findings
    ]
    edge = report.outbound_edge
    out["outbound_edge"] = (
        {"host": outbound_edge_host(edge), "ip": outbound_edge_ip(edge), "hop": edge.hop}
        if edge
        else None
    )
    out["ndr"] = report.ndr.to_json() if report.ndr is not None else None
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
    out["language"] = report.lang
    out["parse_ms"] = round(report.parse_ms, 3)
    return out


def to_json(report: Report, indent: int | None = 2) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


DOCUMENT_FORMATS = ("html", "md", "json")


def render_document(reports: list[Report], fmt: str, as_array: bool | None = None) -> str:
    """One document for several reports: an HTML page, Markdown sections one after the other,
    or JSON — one object for one report (unless ``as_array``), else an array."""
    if fmt == "json" and as_array:
        return json.dumps([to_dict(r) for r in reports], ensure_ascii=False, indent=2)
    if not reports:
        raise ValueError("no report to render")
    if fmt == "html":
        return to_html(reports)
    if fmt == "md":
        return "\n".join(to_markdown(r) for r in reports)
    if fmt == "json":
        data = to_dict(reports[0]) if len(reports) == 1 else [to_dict(r) for r in reports]
        return json.dumps(data, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}; expected one of {DOCUMENT_FORMATS}")


# --- text -------------------------------------------------------------------------------

_ANSI = {"ok": "32", "info": "34", "warning": "33", "problem": "31", "unknown": "90"}
_MARK = {"ok": "✓", "info": "i", "warning": "!", "problem": "✗", "unknown": "?"}


def _paint(text: str, severity: str, colour: bool) -> str:
    return f"\x1b[{_ANSI[severity]}m{text}\x1b[0m" if colour else text


def _printable(text: str | None) -> str:
    """Terminal-safe: control characters from headers must not drive the terminal."""
    if text is None:
        return "-"
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def to_text(report: Report, colour: bool = False) -> str:
    name = report.path or "(pasted headers)"
    if report.error:
        return f"{name}: ERROR: {report.error}\n"
    lines = [_paint(f"== {_printable(name)}", "info", colour) if colour else f"== {name}"]
    for key in ("from", "to", "subject", "date"):
        lines.append(f"  {key.capitalize():8} {_printable(report.summary.get(key))}")
    v = report.verdict
    sev = "problem" if v.filtered_as_spam else ("ok" if v.filtered_as_spam is False else "unknown")
    lines += ["", _paint(f"{_MARK[sev]} {_printable(v.summary)}", sev, colour)]
    if v.next_step:
        lines.append(f"  → {_printable(v.next_step)}")
    methods = ", ".join(str(m) for m in v.kb_methods) or "none"
    lines.append(f"  KB2669119 method(s): {methods}")
    lines += ["", "Findings:"]
    for f in report.findings:
        lines.append(
            "  " + _paint(f"[{_MARK[f.severity]}] {_printable(f.title)}", f.severity, colour)
        )
        lines.append(f"      {_printable(f.detail)}")
    lines += ["", "Filtering and authentication headers:"]
    for h in report.headers:
        if h.family not in {"fope", "eop", "auth"}:
            continue
        lines.append("  " + _paint(f"{h.name}", h.severity, colour))
        for f in h.fields:
            meaning = f" — {_printable(f.meaning)}" if f.meaning else ""
            lines.append(
                "    "
                + _paint(
                    f"{_MARK[f.severity]} {_printable(f.key)}: {_printable(f.value)}",
                    f.severity,
                    colour,
                )
                + meaning
            )
    if report.received:
        lines += ["", "Received (hop 1 = oldest):"]
        for hop in report.received:
            delay = "" if hop.delay_s is None else f"  +{hop.delay_s:.0f}s"
            edge = (
                "  [outbound edge]"
                if hop.is_outbound_edge
                else ("  [FOPE/EOP]" if hop.fope_edge else "")
            )
            lines.append(
                f"  {hop.hop:>2}. {_printable(hop.from_host)} [{hop.ip or '-'}] → "
                f"{_printable(hop.by_host)}{delay}{edge}"
            )
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------


def _md(text: Any) -> str:
    if text is None:
        return "—"
    text = html.escape(str(text), quote=False)  # no raw HTML reaches a Markdown renderer
    for ch in "\\`*_{}[]()#+-.!|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r", " ").replace("\n", " ")


def to_markdown(report: Report) -> str:
    name = report.path or "pasted headers"
    if report.error:
        return f"# {_md(name)}\n\n**Error:** {_md(report.error)}\n"
    v = report.verdict
    out = [
        f"# fopegui report: {_md(name)}",
        "",
        f"**{_md(v.summary)}**",
        "",
        f"Next step: {_md(v.next_step)}",
        "",
        f"KB2669119 methods: {_md(', '.join(map(str, v.kb_methods)) or 'none')}",
        "",
        "| | |",
        "|---|---|",
    ]
    for key in ("from", "to", "subject", "date", "message_id"):
        out.append(f"| {key} | {_md(report.summary.get(key))} |")
    out += ["", "## Findings", "", "| severity | finding | detail | KB |", "|---|---|---|---|"]
    for f in report.findings:
        out.append(f"| {f.severity} | {_md(f.title)} | {_md(f.detail)} | {_md(f.kb)} |")
    out += [
        "",
        "## Headers",
        "",
        "| header | field | value | meaning | severity |",
        "|---|---|---|---|---|",
    ]
    for h in report.headers:
        out.append(f"| {_md(h.name)} | | {_md(h.value)} | {_md(h.description)} | {h.severity} |")
        for f in h.fields:
            out.append(f"| | {_md(f.key)} | {_md(f.value)} | {_md(f.meaning)} | {f.severity} |")
    if report.received:
        out += [
            "",
            "## Received",
            "",
            "| hop | from | by | with | IP | time | delay (s) | edge |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for hop in report.received:
            edge = "outbound" if hop.is_outbound_edge else ("FOPE/EOP" if hop.fope_edge else "")
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
tr.field td:first-child{padding-left:2em}
"""


def _h(text: Any) -> str:
    return "—" if text is None else html.escape(str(text), quote=True)


def to_html(reports: Report | list[Report]) -> str:
    """A self-contained page (no scripts, no external resources), every value escaped."""
    reports = [reports] if isinstance(reports, Report) else reports
    title = reports[0].path if len(reports) == 1 else f"{len(reports)} messages"
    parts = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>fopegui report: {_h(title or 'pasted headers')}</title>"
        f"<style>{_CSS}</style></head><body>",
    ]
    for report in reports:
        parts.append(_html_section(report))
    parts.append(f'<p class="unknown">fopegui {_h(__version__)}</p></body></html>')
    return "".join(parts)


def _html_section(report: Report) -> str:
    name = report.path or "pasted headers"
    parts = [f"<section><h1>fopegui report: {_h(name)}</h1>"]
    if report.error:
        parts.append(f'<p class="problem">Error: {_h(report.error)}</p></section>')
        return "".join(parts)
    v = report.verdict
    sev = "problem" if v.filtered_as_spam else ("ok" if v.filtered_as_spam is False else "unknown")
    parts.append(
        f'<div class="banner {sev}"><strong>{_h(v.summary)}</strong><br>'
        f"{_h(v.next_step)}<br>KB2669119 methods: "
        f"{_h(', '.join(map(str, v.kb_methods)) or 'none')}</div>"
    )
    parts.append("<table>")
    for key in ("from", "to", "subject", "date", "message_id"):
        parts.append(f"<tr><th>{_h(key)}</th><td>{_h(report.summary.get(key))}</td></tr>")
    parts.append(
        "</table><h2>Findings</h2><table><tr><th>severity</th><th>finding</th>"
        "<th>detail</th><th>KB</th></tr>"
    )
    for f in report.findings:
        parts.append(
            f'<tr><td class="{f.severity}">{_h(f.severity)}</td><td>{_h(f.title)}'
            f"</td><td>{_h(f.detail)}</td><td>{_h(f.kb)}</td></tr>"
        )
    parts.append(
        "</table><h2>Headers</h2><table><tr><th>header / field</th><th>value</th>"
        "<th>meaning</th><th>severity</th></tr>"
    )
    for h in report.headers:
        parts.append(
            f'<tr><td><strong>{_h(h.name)}</strong></td><td class="mono">'
            f"{_h(h.value)}</td><td>{_h(h.description)}</td>"
            f'<td class="{h.severity}">{h.severity}</td></tr>'
        )
        for f in h.fields:
            parts.append(
                f'<tr class="field"><td>{_h(f.key)}</td><td class="mono">'
                f"{_h(f.value)}</td><td>{_h(f.meaning)}</td>"
                f'<td class="{f.severity}">{f.severity}</td></tr>'
            )
    parts.append("</table>")
    if report.received:
        parts.append(
            "<h2>Received</h2><table><tr><th>hop</th><th>from</th><th>by</th>"
            "<th>with</th><th>IP</th><th>time</th><th>delay (s)</th><th>edge</th></tr>"
        )
        for hop in report.received:
            edge = (
                "outbound edge" if hop.is_outbound_edge else ("FOPE/EOP" if hop.fope_edge else "")
            )
            parts.append(
                f"<tr><td>{hop.hop}</td><td>{_h(hop.from_host)}</td>"
                f"<td>{_h(hop.by_host)}</td><td>{_h(hop.with_proto)}</td>"
                f"<td>{_h(hop.ip)}</td><td>{_h(hop.time)}</td>"
                f"<td>{_h(hop.delay_s)}</td><td>{edge}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)
