"""The one entry point UI and CLI share: a message in, a complete explained Report out."""

from __future__ import annotations

import os
import re
import time
from typing import Any

from fopegui.core import source as sources
from fopegui.core.auth_reading import read_auth
from fopegui.core.decoders.registry import by_name, decode_shared
from fopegui.core.diagnosis import diagnose
from fopegui.core.finding_limits import bound_findings
from fopegui.core.headers import parse_header_block
from fopegui.core.model import (
    RETURNED_ORIGINAL,
    HeaderIndex,
    LoadError,
    Report,
    Source,
    index_headers,
)
from fopegui.core.received import received_chain
from fopegui.core.stamps import Reading, read_stamps
from fopegui.core.texts import Localized

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


def analyze_path(path: str | os.PathLike[str]) -> Report:
    """Analyse a file. Never raises for bad input: ``report.error`` says what went wrong.

    ``FILE.msg#attachment-N`` (repeatable for deeper levels) analyses a message attached
    inside an Outlook .msg, as listed in the parent's report; ``FILE.mbox#N`` and
    ``FILE.pst#Folder/N`` a message inside an mbox or PST file, as triage names it.
    """
    started = time.perf_counter()
    name = os.fspath(path)
    # Every reference to a part of a file has a "#"; a file of that name comes first.
    reference = "#" in name and not os.path.exists(name)
    embedded = _EMBEDDED.match(name) if reference else None
    try:
        if reference and name.endswith(RETURNED_ORIGINAL):
            src = _load_returned_original(name[: -len(RETURNED_ORIGINAL)])
        elif embedded:
            src = _load_embedded(embedded.group("file"), embedded.group(2))
        elif reference and (inside := _in_container(name)):
            src = inside
        else:
            src = sources.load_path(path)
    except LoadError as err:
        return _failed(str(path), err.text)
    return analyze_source(src, started)


def _load_returned_original(file: str) -> Source:
    from fopegui.core.ndr import read_ndr

    bounce = sources.load_path(file)
    ndr = read_ndr(bounce.data) if bounce.kind != "msg" else None
    if ndr is None or not ndr.original:
        raise sources.load_error("no_returned_original", name=file)
    return sources.load_bytes(ndr.original, f"{file}{RETURNED_ORIGINAL}")


def _in_container(path: str) -> Source | None:
    from fopegui.core import containers  # only for FILE#N references

    reference = containers.split_reference(path)
    return containers.load_reference(*reference) if reference else None


def _load_embedded(file: str, chain: str) -> Source:
    from fopegui.core import msg

    parent = sources.load_path(file)
    if parent.kind != "msg":
        raise sources.load_error("not_msg_parent", name=file)
    *within, index = [int(n) for n in re.findall(r"\d+", chain)]
    src = msg.embedded_source(parent.data, file, index, within=within)
    src.path = f"{file}{chain}"
    return src


def analyze_bytes(data: bytes, path: str | None = None) -> Report:
    started = time.perf_counter()
    try:
        src = sources.load_bytes(data, path)
    except LoadError as err:
        return _failed(path, err.text)
    return analyze_source(src, started)


def analyze_text(text: str) -> Report:
    """Pasted header text (headers only is fine)."""
    started = time.perf_counter()
    try:
        src = sources.load_text(text)
    except LoadError as err:
        return _failed(None, err.text)
    return analyze_source(src, started)


def _failed(path: str | None, error: Localized) -> Report:
    return Report(source=None, error=error, path=path)


def analyze_source(src: Source, started: float | None = None) -> Report:
    started = time.perf_counter() if started is None else started
    block = parse_header_block(src.header_bytes)
    report = Report(source=src, path=src.path, headers=block.headers)
    findings = report.findings
    for header in block.headers:
        # shared: copy what is kept. Most headers are read by no decoder: the result their
        # name gives (decode_shared's first step) is taken here without its call.
        decoded = by_name(header.name)[1] or decode_shared(header.name, header.value)
        header.shared = decoded
        header.family = decoded.family
        header.severity = decoded.severity
        header.description = decoded.description
        header.doc_url = decoded.doc_url
        header.group = decoded.group
        if decoded.fields:
            header.fields = list(decoded.fields)
        if decoded.data:
            header.data = dict(decoded.data)
        if decoded.findings:
            findings.extend(decoded.findings)
    report.findings.extend(block.findings)
    report.findings.extend(src.notes)
    index = index_headers(block.headers)
    report.received = received_chain(block.headers, index)
    report.summary = _summary(index, src)
    reading = read_stamps(block.headers, report.received, index)
    report.stamps = reading
    report.auth_reading = read_auth(
        block.headers, reading.whose, report.summary.get("from"), index
    )
    report.fope = {
        "bigfish": reading.bigfish,
        "spam_score": reading.spam_score,
        "custom_spam": reading.custom_spam,
        "asf_option": reading.asf_option,  # catalogue id of the ASF option, if known
    }
    report.eop = _eop_section(reading)
    report.auth = report.auth_reading.as_dict()
    report.ndr = _read_ndr(src)
    diagnose(report, report.ndr)
    report.findings = bound_findings(report.findings)  # thousands of one kind say no more
    report.parse_ms = (time.perf_counter() - started) * 1000
    return report


def _summary(index: HeaderIndex, src: Source) -> dict[str, str | None]:
    summary = {}
    for name, key in _SUMMARY.items():
        group = index.get(key)
        summary[name] = group[0].value if group else None
    props = src.properties
    if props:  # a .msg without transport headers still knows its subject and sender
        summary["subject"] = summary["subject"] or props.get("subject")
        summary["to"] = summary["to"] or props.get("to")
        sender = props.get("sender_email")
        if not summary["from"] and sender:
            name = props.get("sender_name")
            summary["from"] = f"{name} <{sender}>" if name else sender
        summary["date"] = summary["date"] or props.get("sent_time")
    return summary


def _eop_section(reading: Reading) -> dict[str, Any]:
    """The contract's ``eop`` section: the stamp the verdict reads (core.stamps)."""
    facts = reading.facts
    eop: dict[str, Any] = {name: facts.get(key) for name, key in _EOP_KEYS.items()}
    eop["ipv"] = facts.get("IPV") or facts.get("IPVD")
    eop["scl"] = reading.scl
    eop["bcl"] = reading.bcl
    eop["pcl"] = reading.pcl
    eop["sfs"] = list(reading.stamp.header.data.get("sfs") or []) if reading.stamp else []
    eop["mailbox_delivery"] = reading.mailbox
    eop["stamp"] = reading.whose
    return eop


def _read_ndr(src: Source) -> Any:
    if src.kind == "msg":
        return None
    head = src.header_bytes.lower()
    if not any(hint in head for hint in _NDR_HINTS):
        return None
    try:
        from fopegui.core.ndr import read_ndr
    except ImportError:
        return None
    return read_ndr(src.data[:_NDR_MAX_BYTES])
