"""The one entry point UI and CLI share: a message in, a complete explained Report out."""

from __future__ import annotations

import os
import re
import time
from typing import Any

from fopegui.core import source as sources
from fopegui.core.decoders.common import parse_int
from fopegui.core.decoders.registry import decode_header
from fopegui.core.diagnosis import diagnose
from fopegui.core.headers import parse_header_block
from fopegui.core.model import RETURNED_ORIGINAL, LoadError, Report, Source
from fopegui.core.received import received_chain

# Contract names of the "eop" section → keys of X-Forefront-Antispam-Report.
_EOP_KEYS = {
    "sfv": "SFV",
    "cat": "CAT",
    "dir": "DIR",
    "cip": "CIP",
    "ctry": "CTRY",
    "lang": "LANG",
    "sfty": "SFTY",
    "srv": "SRV",
    "h": "H",
    "ptr": "PTR",
    "rd": "RD",
    "sfp": "SFP",
    "arc": "ARC",
}
_SUMMARY = {
    "from": "from",
    "to": "to",
    "subject": "subject",
    "date": "date",
    "message_id": "message-id",
}
# DSNs are the only messages whose body we read (for the KB2590562 bounce text).
_NDR_HINTS = (b"multipart/report", b"delivery-status", b"mailer-daemon", b"postmaster")
# The bounce text and the returned headers come first; a returned original's attachments
# can be large and say nothing about the rejection.
_NDR_MAX_BYTES = 128 * 1024


_EMBEDDED = re.compile(r"^(?P<file>.+?)((?:#attachment-\d+)+)$")


def analyze_path(path: str | os.PathLike[str], lang: str = "en") -> Report:
    """Analyse a file. Never raises for bad input: ``report.error`` says what went wrong.

    ``FILE.msg#attachment-N`` (repeatable for deeper levels) analyses a message attached
    inside an Outlook .msg, as listed in the parent's report.
    """
    started = time.perf_counter()
    exists = os.path.exists(path)
    embedded = _EMBEDDED.match(str(path)) if not exists else None
    try:
        if not exists and str(path).endswith(RETURNED_ORIGINAL):
            src = _load_returned_original(str(path)[: -len(RETURNED_ORIGINAL)], lang)
        elif embedded:
            src = _load_embedded(embedded.group("file"), embedded.group(2), lang)
        else:
            src = sources.load_path(path, lang)
    except LoadError as err:
        return _failed(str(path), str(err), lang)
    return analyze_source(src, lang, started)


def _load_returned_original(file: str, lang: str) -> Source:
    from fopegui.core.ndr import read_ndr

    bounce = sources.load_path(file, lang)
    ndr = read_ndr(bounce.data, lang=lang) if bounce.kind != "msg" else None
    if ndr is None or not ndr.original:
        raise sources.load_error("no_returned_original", lang, name=file)
    return sources.load_bytes(ndr.original, f"{file}{RETURNED_ORIGINAL}", lang=lang)


def _load_embedded(file: str, chain: str, lang: str) -> Source:
    from fopegui.core import msg

    parent = sources.load_path(file, lang)
    if parent.kind != "msg":
        raise sources.load_error("not_msg_parent", lang, name=file)
    *within, index = [int(n) for n in re.findall(r"\d+", chain)]
    src = msg.embedded_source(parent.data, file, index, lang, within=within)
    src.path = f"{file}{chain}"
    return src


def analyze_bytes(data: bytes, path: str | None = None, lang: str = "en") -> Report:
    started = time.perf_counter()
    try:
        src = sources.load_bytes(data, path, lang=lang)
    except LoadError as err:
        return _failed(path, str(err), lang)
    return analyze_source(src, lang, started)


def analyze_text(text: str, lang: str = "en") -> Report:
    """Pasted header text (headers only is fine)."""
    started = time.perf_counter()
    try:
        src = sources.load_text(text, lang)
    except LoadError as err:
        return _failed(None, str(err), lang)
    return analyze_source(src, lang, started)


def _failed(path: str | None, error: str, lang: str) -> Report:
    return Report(source=None, error=error, lang=lang, path=path)


def analyze_source(src: Source, lang: str = "en", started: float | None = None) -> Report:
    started = time.perf_counter() if started is None else started
    block = parse_header_block(src.header_bytes, lang)
    report = Report(source=src, lang=lang, path=src.path, headers=block.headers)
    data: dict[str, Any] = {}
    for header in block.headers:
        decoded = decode_header(header.name, header.value, lang)
        header.family = decoded.family
        header.severity = decoded.severity
        header.description = decoded.description
        header.fields = decoded.fields
        for key, value in decoded.data.items():
            data.setdefault(key, value)  # the topmost (newest) header of a kind decides
        report.findings.extend(decoded.findings)
    report.findings.extend(block.findings)
    report.findings.extend(src.notes)
    report.received = received_chain(block.headers)
    report.summary = _summary(report, src)
    report.fope = {
        "bigfish": data.get("bigfish"),
        "spam_score": data.get("spam_score"),
        "custom_spam": data.get("custom_spam"),
        "asf_option": data.get("asf_option"),  # catalogue id of the ASF option, if known
    }
    report.eop = _eop_section(data)
    report.auth = _auth_section(data)
    report.ndr = _read_ndr(src, lang)
    diagnose(report, report.ndr)
    report.parse_ms = (time.perf_counter() - started) * 1000
    return report


def _summary(report: Report, src: Source) -> dict[str, str | None]:
    first: dict[str, str] = {}
    for header in report.headers:
        first.setdefault(header.key, header.value)
    summary = {name: first.get(key) for name, key in _SUMMARY.items()}
    props = src.properties
    if props:  # a .msg without transport headers still knows its subject and sender
        summary["subject"] = summary["subject"] or props.get("subject")
        sender = props.get("sender_email")
        if not summary["from"] and sender:
            name = props.get("sender_name")
            summary["from"] = f"{name} <{sender}>" if name else sender
        summary["date"] = summary["date"] or props.get("sent_time")
    return summary


def _eop_section(data: dict[str, Any]) -> dict[str, Any]:
    report = data.get("antispam") or {}
    eop: dict[str, Any] = {name: report.get(key) for name, key in _EOP_KEYS.items()}
    eop["ipv"] = report.get("IPV") or report.get("IPVD")
    scl = _int(report.get("SCL"))
    eop["scl"] = scl if scl is not None else _int(data.get("scl"))
    eop["bcl"] = _int(data.get("bcl"))
    eop["pcl"] = _int(data.get("pcl"))
    eop["sfs"] = list(data.get("sfs") or [])
    eop["mailbox_delivery"] = data.get("mailbox_delivery")
    return eop


def _auth_section(data: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "spf",
        "dkim",
        "dmarc",
        "compauth",
        "compauth_reason",
        "smtp_mailfrom",
        "header_d",
        "header_from",
        "dmarc_action",
    )
    auth = {key: data.get(key) for key in keys}
    if auth["spf"] is None and data.get("received_spf"):
        auth["spf"] = data["received_spf"]
    return auth


def _int(value: Any) -> int | None:
    """Decoders give ints; the antispam report's raw values are text (``"SCL": "5"``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return parse_int(value) if isinstance(value, str) else None


def _read_ndr(src: Source, lang: str) -> Any:
    if src.kind == "msg":
        return None
    head = src.header_bytes.lower()
    if not any(hint in head for hint in _NDR_HINTS):
        return None
    try:
        from fopegui.core.ndr import read_ndr
    except ImportError:
        return None
    return read_ndr(src.data[:_NDR_MAX_BYTES], lang=lang)
