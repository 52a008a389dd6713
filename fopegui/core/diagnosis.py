"""Decoded headers → verdict (filtered as spam? why? which KB2669119 method?) and findings.

The rules follow KB2669119 and the contract: an ASF option (X-CustomSpam) → Method 1;
a policy or list (SFV:SKS/SKB/BLK, or spam filtering bypassed yet spam) → Method 3;
otherwise a spam verdict from content/score → Method 2. All sentences come from
catalogue/findings.json in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders.fope import asf_entry
from fopegui.core.model import Finding, Hop, Report, Verdict
from fopegui.core.received import outbound_edge_host
from fopegui.core.sender import ANTISPAM_HEADER, sender_facts
from fopegui.core.texts import Texts

SPAM_SFV = {"SPM"}  # spam filter verdict: spam
POLICY_SFV = {"SKS"}  # marked as spam by a mail-flow rule before filtering
BLOCKLIST_SFV = {"SKB", "BLK"}  # blocked sender / domain lists
NOT_SPAM_SFV = {"NSPM", "SKN", "SKA", "SKI", "SFE", "SKQ"}
SPAM_CAT = {
    "SPM",
    "HSPM",
    "BULK",
    "PHSH",
    "HPHSH",
    "HPHISH",
    "MALW",
    "SPOOF",
    "OSPM",
    "GIMP",
    "UIMP",
    "DIMP",
    "AMP",
    "SAP",
    "INTOS",
}
# FOPE never published its threshold; our reading of observed mail (inferred):
# negative scores were delivered, scores of 20 and more were quarantined.
FOPE_SCORE_HIGH = 20
SLOW_HOP_S = 600
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


@dataclass
class _Evidence:
    """What the headers say about filtering, gathered once."""

    spam: list[str] = field(default_factory=list)  # reasons pointing to a spam verdict
    clean: list[str] = field(default_factory=list)  # reasons pointing to "not spam"
    methods: set[int] = field(default_factory=set)
    asf: str | None = None
    policy: str | None = None


def _meaning(report: Report, header_key: str, field_key: str) -> str:
    for header in report.headers:
        if header.key == header_key:
            for f in header.fields:
                if f.key.upper() == field_key:
                    return f.meaning or ""
            return ""
    return ""


def diagnose(report: Report, ndr: Any = None) -> None:
    """Fill ``report.verdict`` and append findings. ``ndr`` is core.ndr's result, if any."""
    texts = Texts(report.lang)
    evidence = _gather(report, texts)
    findings: list[Finding] = []
    verdict = _verdict(report, evidence, texts, findings)
    if ndr is not None and getattr(ndr, "zones", None):
        _ndr_verdict(ndr, verdict, texts, findings)
    _reputation(report, texts, findings)
    _authentication(report, texts, findings)
    _routing(report, texts, findings)
    report.verdict = verdict
    report.findings = findings + report.findings


def _gather(report: Report, texts: Texts) -> _Evidence:
    ev = _Evidence()
    eop, fope = report.eop, report.fope
    sfv = (eop.get("sfv") or "").upper()
    if sfv:
        reason = texts.get(
            "reason",
            "sfv",
            value=sfv,
            meaning=_meaning(report, "x-forefront-antispam-report", "SFV"),
        )
        if sfv in SPAM_SFV:
            ev.spam.append(reason)
        elif sfv in POLICY_SFV | BLOCKLIST_SFV:
            ev.spam.append(reason)
            ev.policy = sfv
            ev.methods.add(3)
        elif sfv in NOT_SPAM_SFV:
            ev.clean.append(reason)
    cat = (eop.get("cat") or "").upper()
    if cat in SPAM_CAT:
        ev.spam.append(
            texts.get(
                "reason",
                "cat",
                value=cat,
                meaning=_meaning(report, "x-forefront-antispam-report", "CAT"),
            )
        )
    scl = eop.get("scl")
    if scl is not None:
        if scl >= 5:
            ev.spam.append(texts.get("reason", "scl", value=scl))
        elif scl >= 0:
            ev.clean.append(texts.get("reason", "scl_low", value=scl))
    custom = fope.get("custom_spam")
    if custom:
        ev.asf = _asf_display(custom, fope.get("asf_option"), texts.lang)
        ev.spam.append(texts.get("reason", "custom_spam", value=custom))
        ev.methods.add(1)
    score = fope.get("spam_score")
    if score is None and fope.get("bigfish"):
        score = fope["bigfish"].get("score")
    if score is not None:
        if score >= FOPE_SCORE_HIGH:
            ev.spam.append(texts.get("reason", "fope_score_high", value=score))
        elif score <= 0:
            ev.clean.append(texts.get("reason", "fope_score_low", value=score))
    dest = (report.eop.get("mailbox_delivery") or {}).get("dest", "")
    if str(dest).upper() == "J":
        ev.spam.append(texts.get("reason", "junk_folder"))
    return ev


def _asf_display(raw: str, option_id: str | None, lang: str) -> str:
    """The X-CustomSpam value, with the option's name as the admin sees it when that differs
    (another language, or an older wording of the same option)."""
    entry = asf_entry(option_id) if option_id else None
    name = catalogue.text(entry.get("ui_name"), lang) if entry else None
    if name and name.casefold() != raw.casefold():
        return f"{raw} ({name})"
    return raw


def _verdict(report: Report, ev: _Evidence, texts: Texts, findings: list[Finding]) -> Verdict:
    bigfish = report.fope.get("bigfish")
    sfv = (report.eop.get("sfv") or "").upper()
    # An ASF hit only counts as a spam verdict when nothing says "not spam" (test mode).
    asf_test_mode = bool(ev.asf) and sfv in NOT_SPAM_SFV and not (report.eop.get("scl") or 0) >= 5
    spam_reasons = [r for r in ev.spam if not (asf_test_mode and ev.asf and ev.asf in r)]
    if spam_reasons:
        filtered: bool | None = True
    elif ev.clean or asf_test_mode:
        filtered = False
    else:
        filtered = None
    methods = set(ev.methods)
    if asf_test_mode:
        methods.discard(1)
    if filtered and bigfish and not bigfish.get("spam_scanned"):
        methods.add(3)  # spam filtering was bypassed, so a policy decided
    if filtered and not methods:
        methods.add(2)
    if not filtered:
        methods.clear()
    reasons = spam_reasons if filtered else ev.clean
    verdict = Verdict(filtered_as_spam=filtered, kb_methods=sorted(methods), reasons=reasons)
    joined = "; ".join(reasons)
    short_why = ", ".join(r.split(" — ")[0] for r in reasons[:3])
    if filtered and 1 in methods:
        verdict.summary = texts.get("verdict", "asf", option=ev.asf)
        verdict.next_step = texts.get("next_step", "method1", option=ev.asf)
        findings.append(
            texts.finding("asf-option", header="X-CustomSpam", kb="method1", option=ev.asf)
        )
    elif filtered and ev.policy:
        verdict.summary = texts.get("verdict", "policy", why=f"SFV:{ev.policy}")
        verdict.next_step = texts.get("next_step", "method3")
        fid = "policy-rule" if ev.policy in POLICY_SFV else "blocked-sender"
        findings.append(
            texts.finding(fid, header="X-Forefront-Antispam-Report", kb="method3", sfv=ev.policy)
        )
    elif filtered and 3 in methods:
        verdict.summary = texts.get("verdict", "policy_bypass")
        verdict.next_step = texts.get("next_step", "method3")
    elif filtered:
        verdict.summary = texts.get("verdict", "content", why=short_why)
        verdict.next_step = texts.get("next_step", "method2")
        findings.append(texts.finding("submit", kb="method2"))
    elif filtered is False:
        verdict.summary = texts.get("verdict", "not_spam", why=short_why)
        verdict.next_step = texts.get("next_step", "none")
    else:
        verdict.summary = texts.get("verdict", "unknown")
        verdict.next_step = texts.get("next_step", "unknown")
    if asf_test_mode:
        findings.append(texts.finding("asf-test-mode", header="X-CustomSpam", option=ev.asf))
    if filtered:
        findings.insert(0, texts.finding("verdict-spam", reasons=joined))
    elif filtered is False:
        findings.insert(0, texts.finding("verdict-not-spam", reasons=joined))
    else:
        findings.insert(0, texts.finding("verdict-unknown"))
    if bigfish and not bigfish.get("spam_scanned"):
        findings.append(
            texts.finding(
                "spam-filter-bypassed", header="X-BigFish", kb="method3", raw=bigfish.get("raw")
            )
        )
    elif filtered and bigfish and bigfish.get("policy_scanned") and 1 not in methods:
        findings.append(texts.finding("policy-filter-ran", header="X-BigFish", kb="method3"))
    scl = report.eop.get("scl")
    if scl is not None and scl >= 5:
        findings.append(
            texts.finding(
                "scl-high",
                header="X-Forefront-Antispam-Report",
                scl=scl,
                meaning=_meaning(report, "x-forefront-antispam-report", "SCL")
                or _meaning(report, "x-ms-exchange-organization-scl", "SCL"),
            )
        )
    return verdict


def _ndr_verdict(ndr: Any, verdict: Verdict, texts: Texts, findings: list[Finding]) -> None:
    zone = ", ".join(ndr.zones)
    ip = ", ".join(getattr(ndr, "ips", []) or ["?"])
    remote = getattr(ndr, "remote_mta", None) or "?"
    verdict.summary = texts.get("verdict", "ndr", ip=ip, zone=zone)
    verdict.next_step = texts.get("next_step", "ndr", ip=ip, zone=zone)
    findings.insert(
        0, texts.finding("ndr-blacklist", kb="kb2590562", zone=zone, ip=ip, remote=remote)
    )


def _reputation(report: Report, texts: Texts, findings: list[Finding]) -> None:
    """Offline sender-reputation findings (KB2669119): rDNS, HELO vs PTR, IP lists."""
    facts = sender_facts(report)
    ip = facts.ip.value
    if not ip:
        return
    kb = "reputation"
    header = ANTISPAM_HEADER
    findings.append(texts.finding("connecting-ip", kb=kb, ip=ip, source=facts.ip.source))
    ptr, helo = facts.ptr.value, facts.helo.value
    if ptr is not None and ptr.strip().lower() in NO_PTR_VALUES:
        how = f"{facts.ptr.key or 'Received'}:{ptr}"
        findings.append(texts.finding("no-reverse-dns", header=header, kb=kb, ip=ip, how=how))
    elif ptr and helo:
        same = ptr.rstrip(".").lower() == helo.rstrip(".").lower()
        fid = "helo-matches-ptr" if same else "helo-ptr-mismatch"
        findings.append(texts.finding(fid, header=header, kb=kb, helo=helo, ip=ip, ptr=ptr))
    ipv = (report.eop.get("ipv") or "").upper()
    if ipv == "CAL":
        findings.append(texts.finding("ip-allow-listed", header=header, kb=kb, ip=ip))
    elif ipv == "NLI":
        findings.append(texts.finding("ip-not-listed", header=header, kb=kb, ip=ip))


def _domain(address: str | None) -> str | None:
    if not address:
        return None
    address = address.strip().strip("<>").rstrip(">")
    return address.rsplit("@", 1)[-1].lower().strip(" >") or None


def _org_domain(domain: str) -> str:
    # Without the public-suffix list, compare the last two labels (three for xx.jp-style
    # second-level registries); enough to tell "same organisation" for common cases.
    labels = domain.lower().split(".")
    if (
        len(labels) >= 3
        and len(labels[-1]) == 2
        and labels[-2] in {"co", "ne", "or", "ac", "go", "com", "org"}
    ):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _authentication(report: Report, texts: Texts, findings: list[Finding]) -> None:
    auth = report.auth
    if not auth:
        return
    header = "Authentication-Results"
    from_domain = _domain(auth.get("header_from")) or _domain(_address(report.summary.get("from")))
    passed = []
    spf = auth.get("spf")
    if spf in {"fail", "softfail", "permerror", "temperror"}:
        sev = "problem" if spf == "fail" else "warning"
        findings.append(
            texts.finding(
                "spf-failed",
                header=header,
                kb="reputation",
                severity=sev,
                result=spf,
                domain=auth.get("smtp_mailfrom") or "?",
            )
        )
    elif spf == "pass":
        passed.append("SPF")
    dkim = auth.get("dkim")
    if dkim in {"fail", "none", "permerror", "temperror", "neutral", "policy"}:
        sev = "info" if dkim == "none" else "warning"
        findings.append(
            texts.finding("dkim-failed", header=header, kb="reputation", severity=sev, result=dkim)
        )
    elif dkim == "pass":
        passed.append("DKIM")
    dmarc = auth.get("dmarc")
    if dmarc in {"fail", "permerror", "temperror"}:
        findings.append(
            texts.finding(
                "dmarc-failed",
                header=header,
                kb="reputation",
                result=dmarc,
                domain=auth.get("header_from") or from_domain,
                action=auth.get("dmarc_action") or "none",
            )
        )
    elif dmarc in {"pass", "bestguesspass"}:
        passed.append("DMARC")
    compauth = auth.get("compauth")
    if compauth in {"fail", "softpass"}:
        sev = "problem" if compauth == "fail" else "warning"
        findings.append(
            texts.finding(
                "compauth-failed",
                header=header,
                kb="reputation",
                severity=sev,
                result=compauth,
                reason=auth.get("compauth_reason") or "?",
                meaning=_compauth_meaning(report),
            )
        )
    elif compauth == "pass":
        passed.append("compauth")
    if passed and not any(f.id.endswith("-failed") for f in findings):
        findings.append(texts.finding("auth-passed", header=header, methods=", ".join(passed)))
    mailfrom = _domain(auth.get("smtp_mailfrom"))
    if (
        from_domain
        and mailfrom
        and spf == "pass"
        and _org_domain(mailfrom) != _org_domain(from_domain)
    ):
        findings.append(
            texts.finding(
                "spf-not-aligned", header=header, mailfrom=mailfrom, from_domain=from_domain
            )
        )
    d = (auth.get("header_d") or "").lower()
    if (
        from_domain
        and d
        and d != "none"
        and dkim == "pass"
        and _org_domain(d) != _org_domain(from_domain)
    ):
        findings.append(
            texts.finding("dkim-not-aligned", header=header, d=d, from_domain=from_domain)
        )


def _compauth_meaning(report: Report) -> str:
    for header in report.headers:
        if header.key == "authentication-results":
            for f in header.fields:
                if f.key.lower() in {"compauth.reason", "reason", "compauth reason"}:
                    return f.meaning or ""
            break
    return ""


def _address(value: str | None) -> str | None:
    if not value:
        return None
    if "<" in value:
        return value[value.rfind("<") + 1 :].split(">", 1)[0]
    return value


def _routing(report: Report, texts: Texts, findings: list[Finding]) -> None:
    for hop in report.received:
        if hop.delay_s is None:
            continue
        if hop.delay_s < 0:
            sev = "info" if hop.delay_s >= -60 else "warning"
            findings.append(
                texts.finding(
                    "clock-skew",
                    header="Received",
                    severity=sev,
                    hop=hop.hop,
                    by=hop.by_host or "?",
                    seconds=f"{-hop.delay_s:.0f}",
                )
            )
        elif hop.delay_s >= SLOW_HOP_S:
            findings.append(
                texts.finding(
                    "slow-hop",
                    header="Received",
                    hop=hop.hop,
                    delay=format_delay(hop.delay_s),
                    by=hop.by_host or "?",
                )
            )
    edge: Hop | None = report.outbound_edge
    if edge is not None:
        findings.append(
            texts.finding(
                "outbound-edge",
                header="Received",
                kb="kb2590562",
                host=outbound_edge_host(edge),
                hop=edge.hop,
            )
        )
    for header in report.headers:
        if header.key.endswith("-untrusted"):
            findings.append(
                texts.finding("untrusted-verdict", header=header.name, name=header.name)
            )


def format_delay(seconds: float) -> str:
    """'2 h 5 min', '3 min 20 s', '12 s' — for people, not scripts."""
    seconds = abs(seconds)
    if seconds >= 3600:
        return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"
    if seconds >= 60:
        return f"{int(seconds // 60)} min {int(seconds % 60)} s"
    return f"{seconds:.0f} s"
