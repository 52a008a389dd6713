"""Decoded headers → the verdict as codes (CONTRACT.md verdict v2) and findings.

Three readings, each decided once: whose stamps the verdict reads (core.stamps), which
Authentication-Results speak for the reader (core.auth_reading), and which rule of
catalogue/rules.json applies to the facts (core.rules). This module gathers the facts,
fills the Verdict from the rule, and adds findings; every sentence is a catalogue text
with parameters, rendered in a language where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fopegui.core import addresses, catalogue, rules
from fopegui.core.auth_findings import (
    authentication_findings,
    submission_blocked_by_authentication,
)
from fopegui.core.auth_reading import AuthReading
from fopegui.core.decoders.fope import asf_entry
from fopegui.core.model import Finding, Header, Hop, Report, Verdict
from fopegui.core.received import CLOCK_DRIFT_S, SLOW_HOP_S, outbound_edge_host
from fopegui.core.sender import ANTISPAM_HEADER, sender_facts
from fopegui.core.stamps import Reading, Stamp
from fopegui.core.texts import Joined, Localized, Text, code_label, finding, phrase, render

_NOTES: dict[str, Any] = rules.RULES["notes"]
_WHOSE: dict[str, Any] = rules.RULES["whose"]
_CODES: dict[str, Any] = catalogue.load("findings")["codes"]
NO_PTR_VALUES = {
    "none",
    "",
    "(null)",
    "infodomainnonexistent",
    "infonodomainnonexistent",
    "infodomainnonexistant",
    "infonorecords",
    "unknown",
}
# DMARC actions that mean Microsoft enforced the domain's policy (Microsoft Learn, DMARC).
_ENFORCED_ACTIONS = {"oreject", "o.reject", "quarantine", "reject", "oquarantine"}


def diagnose(report: Report, ndr: Any = None) -> None:
    """Fill ``report.verdict`` and put the diagnosis findings before the decoders' ones."""
    reading: Reading = report.stamps
    auth: AuthReading = report.auth_reading
    facts = verdict_facts(reading, auth)
    rule = rules.first_match(facts)
    verdict = _verdict(rule, facts, reading, report)
    findings = _verdict_findings(verdict, rule, facts, reading)
    if verdict.decided_by == "spam_filter":
        findings.extend(submission_blocked_by_authentication(auth, report))
    if ndr is not None and getattr(ndr, "zones", None):
        _ndr_verdict(ndr, verdict, findings)
    if reading.whose != "sender":  # the sender's stamp describes no server that reached you
        _reputation(report, findings)
    findings.extend(authentication_findings(report, auth))
    _routing(report, findings)
    report.verdict = verdict
    report.findings = findings + report.findings


# --- facts ---------------------------------------------------------------------------------


def verdict_facts(reading: Reading, auth: AuthReading) -> dict[str, Any]:
    """The flat facts rules.json conditions read (upper-case codes, ints, booleans)."""
    stamp = reading.facts
    mailbox = reading.mailbox or {}
    bigfish = reading.bigfish
    threshold = rules.bulk_threshold()
    dmarc_action = (auth.dmarc_action or "").lower()
    return {
        "whose": reading.whose,
        "filter": reading.filter,
        "direction": reading.direction,
        "dir": _upper(stamp.get("DIR")),
        "sfv": _upper(stamp.get("SFV")),
        "cat": _upper(stamp.get("CAT")),
        "srv": _upper(stamp.get("SRV")),
        "ipv": _upper(stamp.get("IPV") or stamp.get("IPVD")),
        "sfty": stamp.get("SFTY") or None,
        "scl": reading.scl,
        "bcl": reading.bcl,
        "bcl_over": reading.bcl is not None and reading.bcl >= threshold,
        "threshold": threshold,
        "dest": _upper(mailbox.get("dest")),
        "ofr": _upper(mailbox.get("ofr")),
        "asf": reading.asf_option if reading.custom_spam else None,
        "asf_test": reading.asf_option == "test_mode",
        "custom_spam": reading.custom_spam,
        "bigfish": bigfish is not None,
        "bigfish_s": bool(bigfish and bigfish.get("spam_scanned")),
        "bigfish_p": bool(bigfish and bigfish.get("policy_scanned")),
        "spam_score": reading.spam_score,
        "compauth": auth.compauth,
        "compauth_reason": auth.compauth_reason,
        "dmarc": auth.dmarc,
        "dmarc_action": auth.dmarc_action,
        "dmarc_enforced": auth.dmarc == "fail" and dmarc_action in _ENFORCED_ACTIONS,
    }


def _upper(value: str | None) -> str | None:
    return value.strip().upper() or None if value else None


# --- the verdict ---------------------------------------------------------------------------


def _verdict(
    rule: dict[str, Any], facts: dict[str, Any], reading: Reading, report: Report
) -> Verdict:
    params = _params(facts, reading, report)
    remedy = rule["remedy"]
    return Verdict(
        filtered_as_spam=rule["filtered_as_spam"],
        kb_methods=rules.kb_methods(remedy),
        reasons=_reasons(rule["show"], facts, reading, report),
        summary=Text(rule["summary"], params),
        next_step=Text(rule["next_step"], params),
        filter=reading.filter,
        direction=reading.direction,
        decided_by=rule["decided_by"],
        destination=rule.get("destination") or rules.destination(facts["dest"]),
        remedy=remedy,
        stamp=reading.whose,
        whose=_whose_text(reading, params),
        rule=rule["id"],
        source=rule["source"],
        inferred=bool(rule.get("inferred")) or rule["source"] == "inferred",
        severity=rule["severity"],
    )


def _params(facts: dict[str, Any], reading: Reading, report: Report) -> dict[str, Any]:
    dash = _NOTES["none"]
    params: dict[str, Any] = {
        key: facts.get(key) if facts.get(key) is not None else dash
        for key in ("sfv", "cat", "srv", "scl", "bcl", "dest", "compauth", "compauth_reason",
                    "dmarc", "dmarc_action", "threshold", "spam_score")
    }
    mailbox = reading.mailbox or {}
    params["ofr"] = f"OFR:{mailbox['ofr']}" if mailbox.get("ofr") else _NOTES["no_ofr"]
    params["why"] = ", ".join(_codes(facts)) or dash
    params["stamp"] = _stamp_label(reading)
    params["scl_note"] = (
        Text(_NOTES["scl_note"], {"scl": facts["scl"]}) if (facts["scl"] or 0) >= 5 else ""
    )
    params["auth_note"] = (
        Text(_NOTES["auth_note"], {"compauth": facts["compauth"],
                                   "compauth_reason": facts["compauth_reason"] or "?"})
        if facts["compauth"] else ""
    )
    params["bypass_note"] = (
        Text(_NOTES["bypass_note"], {"scl_from": reading.scl_from}) if reading.scl_from else ""
    )
    params["asf"] = _asf_display(reading.custom_spam, reading.asf_option)
    bigfish = reading.bigfish or {}
    raw = (bigfish.get("raw") or "").strip()
    params["bigfish"] = raw.split("(", 1)[0] or dash
    scans = [_NOTES[f"scan_{k}"] for k in "vps" if bigfish.get(_SCANNED[k])]
    params["scans"] = Joined(tuple(scans), ", ") if scans else _NOTES["scans_none"]
    return params


_SCANNED = {"v": "virus_scanned", "p": "policy_scanned", "s": "spam_scanned"}


def _codes(facts: dict[str, Any]) -> list[str]:
    """Language-neutral evidence, e.g. ['SFV:SPM', 'CAT:SPM', 'SCL 5', 'dest:J']."""
    codes = [f"{key.upper()}:{facts[key]}" for key in ("sfv", "cat", "srv") if facts.get(key)]
    if facts.get("scl") is not None:
        codes.append(f"SCL {facts['scl']}")
    if facts.get("bcl") is not None and (facts.get("srv") == "BULK" or facts.get("cat") == "BULK"):
        codes.append(f"BCL {facts['bcl']}")
    if facts.get("dest"):
        codes.append(f"dest:{facts['dest']}")
    return codes


def _stamp_label(reading: Reading) -> Localized:
    stamp = reading.stamp
    if stamp is None:
        headers = [reading.scl_from] if reading.scl_from else []
        if reading.mailbox is not None:
            headers.append("X-Microsoft-Antispam-Mailbox-Delivery")
        return Text(_NOTES["stamp_mailbox"], {"headers": ", ".join(headers) or "—"})
    if not stamp.trusted:
        return Text(_NOTES["stamp_untrusted"], {"header": stamp.header.name})
    direction = stamp.facts.get("DIR")
    return Text(_NOTES["stamp_reader"], {"dir": f"DIR:{direction}" if direction else ""})


def _whose_text(reading: Reading, params: dict[str, Any]) -> Localized:
    if reading.whose in ("reader", "sender"):
        return Text(_WHOSE[reading.whose], {"stamp": params["stamp"]})
    return _WHOSE["fope" if reading.filter == "fope" else "none"]


def _asf_display(raw: str | None, option_id: str | None) -> Localized | None:
    """The X-CustomSpam value, with the option's name as the admin sees it when that differs
    (another language, or an older wording of the same option)."""
    if not raw:
        return None
    entry = asf_entry(option_id) if option_id else None
    if entry and entry.get("ui_name"):
        return _AsfName(raw, entry["ui_name"])
    return raw


@dataclass(slots=True)
class _AsfName:
    """``raw (UI name)`` when the admin UI calls the option otherwise in that language
    (a Japanese UI, or an older wording of the same option)."""

    raw: str
    ui_name: Any

    def render(self, lang: str = "en") -> str:
        name = render(self.ui_name, lang)
        if not name or name.casefold() == self.raw.casefold():
            return self.raw
        return f"{self.raw} ({name})"


def _reasons(
    keys: list[str], facts: dict[str, Any], reading: Reading, report: Report
) -> list[Localized]:
    """One line per piece of evidence the rule names: the code and its catalogue meaning."""
    reasons: list[Localized] = []
    for key in keys:
        label, meaning = _evidence(key, facts, reading, report)
        if label:
            reasons.append(Joined((label, " — ", meaning)) if meaning else label)
    return reasons


def _evidence(
    key: str, facts: dict[str, Any], reading: Reading, report: Report
) -> tuple[str | None, Localized | None]:
    value = facts.get(key)
    if key in ("sfv", "cat", "srv", "ipv", "sfty", "dir") and value:
        field_key = "IPVD" if key == "ipv" and "IPVD" in reading.facts else key.upper()
        return f"{field_key}:{value}", _meaning(reading.stamp and reading.stamp.header, field_key)
    if key == "scl" and value is not None:
        return f"SCL {value}", _meaning_of_scl(reading)
    if key == "bcl" and value is not None:
        return f"BCL {value}", _meaning(_header(report, "X-Microsoft-Antispam"), "BCL")
    if key in ("dest", "ofr") and value:
        mailbox = _header(report, "X-Microsoft-Antispam-Mailbox-Delivery")
        return f"{key if key == 'dest' else 'OFR'}:{(reading.mailbox or {}).get(key)}", _meaning(
            mailbox, key.upper()
        )
    if key == "asf" and reading.custom_spam:
        return f"X-CustomSpam: {reading.custom_spam}", _meaning(
            _header(report, "X-CustomSpam"), "X-CUSTOMSPAM"
        )
    if key in ("compauth", "dmarc") and value:
        return f"{key}={value}", None
    if key == "bigfish" and reading.bigfish:
        return f"X-BigFish: {reading.bigfish.get('raw', '').split('(', 1)[0]}", None
    if key == "spam_score" and value is not None:
        return f"X-SpamScore: {value}", _meaning(_header(report, "X-SpamScore"), "SCORE")
    return None, None


def _header(report: Report, name: str | None) -> Header | None:
    if not name:
        return None
    key = name.lower()
    return next((h for h in report.headers if h.key == key), None)


def _meaning(header: Header | None, field_key: str) -> Localized | None:
    if header is None:
        return None
    for f in header.fields:
        if f.key.upper() == field_key:
            return f.meaning
    return None


# --- findings of the verdict ---------------------------------------------------------------


def _verdict_findings(
    verdict: Verdict, rule: dict[str, Any], facts: dict[str, Any], reading: Reading
) -> list[Finding]:
    reasons = Joined(tuple(verdict.reasons), "; ", clauses=True) if verdict.reasons else ""
    fid = {True: "verdict-spam", False: "verdict-not-spam"}.get(
        verdict.filtered_as_spam, "verdict-unknown"
    )
    findings = [
        finding(fid, severity=verdict.severity, summary=verdict.summary, whose=verdict.whose,
                reasons=reasons, decided=_decided_title(verdict.decided_by))
    ]
    asf = _asf_display(reading.custom_spam, reading.asf_option)
    header = ANTISPAM_HEADER
    if rule["id"] == "asf-option":
        findings.append(finding("asf-option", header="X-CustomSpam", kb="method1", option=asf))
    elif facts["asf_test"]:
        findings.append(finding("asf-test-mode", header="X-CustomSpam", option=asf))
    elif facts["asf"] and verdict.decided_by not in ("asf", "junk_settings"):
        findings.append(finding("asf-without-verdict", header="X-CustomSpam", option=asf,
                                why=", ".join(_codes(facts)) or "—"))
    if rule["id"] == "policy-rule-spam":
        findings.append(finding("policy-rule", header=header, kb="method3", sfv=facts["sfv"]))
    elif rule["decided_by"] == "block_list":
        findings.append(finding("blocked-sender", header=header, kb="method3", sfv=facts["sfv"]))
    if rule["id"] == "fope-bypassed":
        raw = (reading.bigfish or {}).get("raw")
        findings.append(
            finding("spam-filter-bypassed", header="X-BigFish", kb="method3", raw=raw)
        )
    elif verdict.filtered_as_spam and facts["bigfish_p"] and rule["id"] != "asf-option":
        findings.append(finding("policy-filter-ran", header="X-BigFish", kb="method3"))
    if reading.whose == "reader" and verdict.filtered_as_spam and (facts["scl"] or 0) >= 5:
        findings.append(
            finding("scl-high", header=reading.scl_from or header, scl=facts["scl"],
                    meaning=_meaning_of_scl(reading))
        )
    if verdict.decided_by == "spam_filter":  # the spam team's route; not malware or phish
        findings.append(finding("submit", kb="method2"))
    sender = reading.sender_stamp if reading.whose == "reader" else None
    if sender is not None:
        findings.append(_sender_stamp_finding(sender))
    return findings


def _decided_title(decided_by: str | None) -> Localized:
    codes = _CODES
    if decided_by is None:
        return codes["no_decision"]
    return Text(codes["decided_title"], {"decided": code_label("decided_by", decided_by)})


def _meaning_of_scl(reading: Reading) -> Localized | None:
    """The catalogue's meaning of the SCL, from the field of the header it was read from
    (X-Forefront-Antispam-Report's SCL, or X-MS-Exchange-Organization-SCL's value)."""
    header = reading.scl_header
    return _meaning(header, "SCL") or _meaning(header, "VALUE")


def _sender_stamp_finding(stamp: Stamp) -> Finding:
    codes = ", ".join(f"{k}:{stamp.facts[k]}" for k in ("DIR", "SFV", "CAT", "SCL")
                      if stamp.facts.get(k))
    name = stamp.header.name
    return finding("sender-outbound-stamp", header=name, name=name, summary=codes or "—")


def _ndr_verdict(ndr: Any, verdict: Verdict, findings: list[Finding]) -> None:
    zone = ", ".join(ndr.zones)
    ip = ", ".join(getattr(ndr, "ips", []) or ["?"])
    remote = getattr(ndr, "remote_mta", None) or "?"
    verdict.summary = phrase("verdict", "ndr", ip=ip, zone=zone)
    verdict.next_step = phrase("next_step", "ndr", ip=ip, zone=zone)
    findings.insert(0, finding("ndr-blacklist", kb="kb2590562", zone=zone, ip=ip, remote=remote))


# --- sender reputation (KB2669119) ---------------------------------------------------------


def _reputation(report: Report, findings: list[Finding]) -> None:
    """Offline sender-reputation findings: rDNS, HELO vs PTR, IP lists — only for a server
    that connected to the reader's filter (never the sender's own outbound stamp)."""
    facts = sender_facts(report)
    ip = facts.ip.value
    if not ip or not addresses.is_checkable(ip):
        return
    kb = "reputation"
    header = ANTISPAM_HEADER
    findings.append(finding("connecting-ip", kb=kb, ip=ip, source=facts.ip.source))
    ptr, helo = facts.ptr.value, facts.helo.value
    if ptr is not None and ptr.strip().lower() in NO_PTR_VALUES:
        how = f"{facts.ptr.key or 'Received'}:{ptr}"
        findings.append(finding("no-reverse-dns", header=header, kb=kb, ip=ip, how=how))
    elif ptr and helo:
        same = ptr.rstrip(".").lower() == helo.rstrip(".").lower()
        fid = "helo-matches-ptr" if same else "helo-ptr-mismatch"
        findings.append(finding(fid, header=header, kb=kb, helo=helo, ip=ip, ptr=ptr))
    ipv = (report.eop.get("ipv") or "").upper()
    if ipv == "CAL":
        findings.append(finding("ip-allow-listed", header=header, kb=kb, ip=ip))
    elif ipv == "NLI":
        findings.append(finding("ip-not-listed", header=header, kb=kb, ip=ip))


# --- routing -------------------------------------------------------------------------------


def _routing(report: Report, findings: list[Finding]) -> None:
    for hop in report.received:
        if hop.delay_s is None:
            continue
        if hop.delay_s < 0:
            severity = "info" if hop.delay_s >= -CLOCK_DRIFT_S else "warning"
            findings.append(
                finding("clock-skew", header="Received", severity=severity, hop=hop.hop,
                        by=hop.by_host or "?", seconds=f"{-hop.delay_s:.0f}")
            )
        elif hop.delay_s >= SLOW_HOP_S:
            findings.append(
                finding("slow-hop", header="Received", hop=hop.hop,
                        delay=format_delay(hop.delay_s), by=hop.by_host or "?")
            )
    edge: Hop | None = report.outbound_edge
    if edge is not None:
        findings.append(
            finding("outbound-edge", header="Received", kb="kb2590562",
                    host=outbound_edge_host(edge), hop=edge.hop)
        )
    for header in report.headers:
        if header.key.endswith("-untrusted"):
            findings.append(finding("untrusted-verdict", header=header.name, name=header.name))


def format_delay(seconds: float) -> str:
    """'2 h 5 min', '3 min 20 s', '12 s' — for people, not scripts."""
    seconds = abs(seconds)
    if seconds >= 3600:
        return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"
    if seconds >= 60:
        return f"{int(seconds // 60)} min {int(seconds % 60)} s"
    return f"{seconds:.0f} s"
