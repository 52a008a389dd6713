"""Authentication findings (SPF, DKIM, DMARC, compauth) from the reader's record
(core.auth_reading), explained with the catalogue's notes; and the warning that a submission
alone does not help a sender that fails DMARC."""

from __future__ import annotations

from typing import Any

from fopegui.core import catalogue
from fopegui.core.auth_reading import AuthReading, aligned, domain_of
from fopegui.core.model import Finding, Report
from fopegui.core.texts import SENTENCE_GAP, Joined, Localized, Text, finding

_AUTH_NOTES: dict[str, Any] = catalogue.load("findings")["auth_notes"]
_DMARC_ACTIONS: dict[str, Any] = catalogue.load("auth")["dmarc_action"]
HEADER = "Authentication-Results"


def _internal_results(auth: AuthReading) -> str:
    """What the sending tenant's internal record says that looks like a failure: its DKIM
    result (before signing), else the results it has (a record of only ``spf=none``, written
    when a mailbox submitted the message, has no sending IP to check)."""
    if auth.dkim:
        return f"dkim={auth.dkim}"
    results = [f"{name}={value}" for name, value in (("spf", auth.spf), ("dmarc", auth.dmarc))
               if value]  # fmt: skip
    return "; ".join(results) or "—"


def authentication_findings(report: Report, auth: AuthReading) -> list[Finding]:
    """What the reader's authentication record says, as findings (none without a record)."""
    findings: list[Finding] = []
    header = HEADER
    if auth.scope == "sending_tenant":
        after = auth.microsoft_after_signing
        note = Text(_AUTH_NOTES["after_signing"], {"dkim": after["dkim"]}) if after and after.get(
            "dkim") else ""
        findings.append(finding("auth-sending-tenant", header=header,
                                dkim=_internal_results(auth), after=note))
        return findings
    if auth.scope is None:
        return findings
    from_domain = domain_of(auth.header_from) or domain_of(report.summary.get("from"))
    passed: list[str] = []
    spf = auth.spf
    if spf in {"fail", "softfail", "permerror", "temperror"}:
        note = {"permerror": "spf_permerror", "temperror": "spf_temperror"}.get(spf, "spf_fail")
        domain = auth.spf_domain or _AUTH_NOTES["spf_domain_unknown"]
        why: Localized = Text(_AUTH_NOTES[note], {"domain": domain})
        severity = "problem" if spf == "fail" else "warning"
        if auth.dmarc in {"pass", "bestguesspass"}:  # DKIM carried DMARC: SPF decided nothing
            why = Joined((why, _AUTH_NOTES["spf_dmarc_passed"]), SENTENCE_GAP)
            severity = "warning"
        findings.append(
            finding("spf-failed", header=header, kb="reputation", severity=severity,
                    result=spf, domain=domain, why=why)
        )
    elif spf == "pass":
        passed.append("SPF")
    _dkim_findings(auth, from_domain, header, passed, findings)
    dmarc = auth.dmarc
    if dmarc in {"fail", "permerror", "temperror"}:
        domain = auth.header_from or from_domain  # None reads "—"
        action = auth.dmarc_action or "none"
        note = {"permerror": "dmarc_permerror", "temperror": "dmarc_temperror"}.get(
            dmarc, "dmarc_fail")
        action_entry = _DMARC_ACTIONS.get(action.lower())
        action_meaning = (
            Text(_AUTH_NOTES["action_meaning"], {"meaning": action_entry["meaning"]})
            if action_entry else ""
        )  # fmt: skip
        findings.append(
            finding("dmarc-failed", header=header, kb="reputation", result=dmarc, domain=domain,
                    action=action, why=Text(_AUTH_NOTES[note], {
                        "domain": domain, "action": action, "action_meaning": action_meaning}))
        )
    elif dmarc in {"pass", "bestguesspass"}:
        passed.append("DMARC")
    compauth = auth.compauth
    if compauth in {"fail", "softpass"}:
        findings.append(
            finding("compauth-failed", header=header, kb="reputation",
                    severity="problem" if compauth == "fail" else "warning", result=compauth,
                    reason=auth.compauth_reason, meaning=_compauth_meaning(report))
        )
    elif compauth == "pass":
        passed.append("compauth")
    failed = any(f.severity in ("warning", "problem") for f in findings)
    if passed and not failed:
        findings.append(finding("auth-passed", header=header, methods=", ".join(passed)))
    mailfrom = domain_of(auth.smtp_mailfrom)
    if from_domain and mailfrom and spf == "pass" and not _same_org(mailfrom, from_domain):
        findings.append(
            finding("spf-not-aligned", header=header, mailfrom=mailfrom, from_domain=from_domain)
        )
    return findings


def _dkim_findings(
    auth: AuthReading, from_domain: str | None, header: str, passed: list[str],
    findings: list[Finding],
) -> None:
    dkim = auth.dkim
    other_pass = next(
        (r["d"] for r in auth.dkim_results if r["result"] == "pass" and r.get("d")
         and r.get("d") != auth.header_d), None)
    if dkim in {"fail", "none", "permerror", "temperror", "neutral", "policy"}:
        if other_pass and from_domain and not _same_org(other_pass, from_domain):
            findings.append(finding("dkim-unaligned-pass", header=header, kb="reputation",
                                    passed=other_pass, from_domain=from_domain, result=dkim))
            return
        if dkim == "none":
            severity, why = "info", Text(_AUTH_NOTES["dkim_none"])
        elif dkim in ("permerror", "temperror"):
            severity, why = "warning", Text(_AUTH_NOTES["dkim_error"], {"result": dkim})
        else:
            d_note = f" ({auth.header_d})" if auth.header_d not in (None, "", "none") else ""
            severity, why = "warning", Text(_AUTH_NOTES["dkim_fail"], {"d_note": d_note})
        findings.append(finding("dkim-failed", header=header, kb="reputation",
                                severity=severity, result=dkim, why=why))
    elif dkim == "pass":
        passed.append("DKIM")
        d = (auth.header_d or "").lower()
        if from_domain and d and d != "none" and not _same_org(d, from_domain):
            findings.append(
                finding("dkim-not-aligned", header=header, d=d, from_domain=from_domain)
            )


def _same_org(a: str, b: str) -> bool:
    return aligned(a, b) is not False


def _compauth_meaning(report: Report) -> Localized:
    for header in report.headers:
        if header.key == "authentication-results":
            for f in header.fields:
                if f.key.lower() in {"compauth.reason", "reason", "compauth reason"}:
                    return f.meaning or ""
    return ""


def submission_blocked_by_authentication(auth: AuthReading, report: Report) -> list[Finding]:
    """KB2669119 Method 2 does not fix a sender that fails DMARC / composite authentication."""
    failed = [f"{m}={v}" for m, v in (("dmarc", auth.dmarc), ("compauth", auth.compauth))
              if v == "fail"]
    if not failed or auth.scope != "reader":
        return []
    domain = auth.header_from or domain_of(report.summary.get("from")) or "?"
    return [finding("auth-blocks-submission", header=HEADER, kb="method2",
                    failed=", ".join(failed), domain=domain)]
