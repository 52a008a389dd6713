"""Is a false-positive submission the remedy, and what may its letter say? Decided from codes.

One function, :func:`assess`, reads the verdict (v2) and returns an :class:`Assessment`: the
CLI refuses and the wizard warns on exactly ``status == "not_remedy"``. :func:`letter_text`
writes the body of the letter from the same codes and the header values they come from, so
it never says what the headers contradict.

- ``remedy``: verdict.remedy is ``kb_method_2`` (the spam filter's verdict; also anti-phishing
  and anti-malware verdicts, which Microsoft reviews as "should not have been blocked").
- ``not_remedy``: a remedy code that says something else fixes it (an ASF option, a policy
  rule or list, sender authentication, the bulk threshold, the sending tenant, the junk
  settings, or nothing to fix).
- ``unknown``: no remedy code (the headers record no verdict, or could not be read) or a code
  this version does not know. The contract refuses only where the headers *say* a submission
  is not the remedy; silence is not that, so these are written with a caution.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from fopegui.core import catalogue, rules
from fopegui.core.decoders.fope import asf_entry
from fopegui.core.model import Report
from fopegui.core.texts import Localized, Text, code_label, render

NOT_THE_REMEDY = frozenset(
    {
        "kb_method_1",
        "kb_method_3",
        "sender_authentication",
        "bcl_threshold",
        "sending_tenant",
        "junk_settings",
        "none",
    }
)
# Graph's submissionCategory for "should not have been blocked": the same for spam, phish and
# malware verdicts (phishing / malware / spam are what a *missed* threat is reported as).
GRAPH_CATEGORY = "notJunk"
_EOP_FIELDS = (("sfv", "SFV"), ("scl", "SCL"), ("cat", "CAT"), ("bcl", "BCL"), ("dir", "DIR"))
_AUTH_FIELDS = ("spf", "dkim", "dmarc", "compauth")
# rules.json "show" keys → the evidence names they stand for.
_SHOWN = {"sfv": "SFV", "scl": "SCL", "cat": "CAT", "bcl": "BCL", "dir": "DIR",
          "asf": "X-CustomSpam", "bigfish": "X-BigFish", "spam_score": "X-SpamScore"}  # fmt: skip
_TEXTS = "submission"


@dataclass(frozen=True, slots=True)
class FixPage:
    url: str
    name: Localized


@dataclass(frozen=True, slots=True)
class Assessment:
    """Whether a submission is the remedy, why (what the headers show) and the real fix."""

    status: str  # "remedy" | "not_remedy" | "unknown"
    remedy: str | None
    decided_by: str | None
    why: Localized  # full sentence(s): what the headers show
    fix: Localized | None = None  # the verdict's next step (the real fix when not the remedy)
    fix_page: FixPage | None = None  # where that fix is made
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (field, value) as found
    graph_category: str = GRAPH_CATEGORY

    def refused(self, force: bool = False) -> bool:
        """Whether a submission must not be written (the CLI's exit 4, the wizard's warning)."""
        return self.status == "not_remedy" and not force

    def headline(self) -> Localized:
        return _entry("status", self.status)


def assess(report: Report) -> Assessment:
    """The submission assessment of ``report`` (from verdict v2's codes)."""
    if report.source is None or report.error is not None:
        return Assessment("unknown", None, None, _entry("why", "unreadable"))
    verdict = report.verdict
    remedy, decided_by = verdict.remedy, verdict.decided_by
    evidence = header_evidence(report)
    params = {
        "codes": _codes(_deciding(evidence, verdict.rule)) or _entry("no_codes"),
        "asf": _asf_name(report),
        "auth": _auth_summary(report) or _entry("no_codes"),
    }
    if remedy == "kb_method_2":
        status, why = "remedy", _keyed("kb_method_2", decided_by)
    elif remedy in NOT_THE_REMEDY:
        status = "not_remedy"
        # The remedies whose reason depends on what decided (a rule or a list; the Inbox
        # reached through Safe Senders or junk settings, not a clean verdict).
        keyed = remedy in ("kb_method_3", "none")
        why = _keyed(remedy, decided_by) if keyed else _entry("why", remedy)
    else:
        status, why = "unknown", _entry("why", "unknown")
    return Assessment(
        status=status,
        remedy=remedy,
        decided_by=decided_by,
        why=Text(why, params),
        fix=verdict.next_step or None,
        fix_page=_fix_page(verdict.rule, remedy, decided_by),
        evidence=evidence,
    )


def header_evidence(report: Report) -> list[tuple[str, str]]:
    """The verdict fields as they appear in the headers: SFV, SCL, CAT, BCL, DIR, the FOPE
    stamps and X-CustomSpam (the reader's stamp, as the verdict reads it)."""
    out: list[tuple[str, str]] = []
    eop = report.eop or {}
    for key, name in _EOP_FIELDS:
        if eop.get(key) not in (None, ""):
            out.append((name, str(eop[key])))
    fope = report.fope or {}
    if fope.get("custom_spam"):
        out.append(("X-CustomSpam", str(fope["custom_spam"])))
    bigfish = fope.get("bigfish") or {}
    if bigfish.get("raw"):
        out.append(("X-BigFish", str(bigfish["raw"])))
    if fope.get("spam_score") is not None:
        out.append(("X-SpamScore", str(fope["spam_score"])))
    return out


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """What the letter says about the attachment (see core.submission_original)."""

    filename: str
    data: bytes
    subject: str | None = None
    origin: Localized | None = None


def letter_text(
    report: Report | None,
    assessment: Assessment,
    attachment: LetterFacts,
    lang: str = "en",
    note: str | None = None,
) -> str:
    """The body of the submission letter in ``lang``, CRLF line ends.

    States the filter, the verdict fields, what decided and where the message went, as the
    headers record them; a submission that is not the remedy says so (the ``--force`` case).
    """

    def say(key: str, **values: Any) -> str:
        return render(Text(_entry(key), values), lang) or ""

    blocked = assessment.status == "remedy" and assessment.decided_by in ("phish", "malware")
    lines = [say("body_intro_blocked" if blocked else "body_intro"), ""]
    facts = _fact_lines(report, assessment, lang) if report is not None else []
    if facts:
        lines += [say("body_headers_show"), *(f"- {fact}" for fact in facts), ""]
    lines.append(render(assessment.why, lang) or "")
    if assessment.status == "not_remedy":
        lines.append(say("body_forced"))
    unchanged = "body_kb_method2" if assessment.status == "remedy" else "body_attached_unchanged"
    lines += ["", say(unchanged), ""]
    if attachment.subject:
        lines.append(say("body_original_subject", subject=_one_line(attachment.subject)))
    lines.append(
        say(
            "body_attachment",
            filename=attachment.filename,
            size=len(attachment.data),
            sha256=hashlib.sha256(attachment.data).hexdigest(),
        )
    )
    if attachment.origin is not None:
        lines.append(render(attachment.origin, lang) or "")
    if note and note.strip():
        lines += ["", say("body_note"), *re.split(r"\r\n|\r|\n", note.strip())]
    return "\r\n".join(lines) + "\r\n"


# --- helpers ---------------------------------------------------------------------------------


def _fact_lines(report: Report, assessment: Assessment, lang: str) -> list[str]:
    verdict = report.verdict
    lines = []
    if verdict.filter:
        name = render(_entry("filter_names", verdict.filter), lang) or verdict.filter
        if verdict.stamp:
            name += f", {render(_entry('stamp_names', verdict.stamp), lang)}"
        lines.append(render(Text(_entry("body_filter"), {"filter": name}), lang))
    if assessment.evidence:
        codes = _codes(assessment.evidence)
        lines.append(render(Text(_entry("body_verdict"), {"codes": codes}), lang))
    if verdict.decided_by:
        decided = code_label("decided_by", verdict.decided_by)
        lines.append(render(Text(_entry("body_decided_by"), {"decided": decided}), lang))
    if verdict.destination:
        where = code_label("destination", verdict.destination)
        lines.append(render(Text(_entry("body_destination"), {"destination": where}), lang))
    auth = _auth_summary(report)
    if auth:
        lines.append(render(Text(_entry("body_authentication"), {"auth": auth}), lang))
    return [line or "" for line in lines]


def _deciding(evidence: list[tuple[str, str]], rule_id: str | None) -> list[tuple[str, str]]:
    """The evidence the deciding rule shows (rules.json "show"), else all of it."""
    try:
        shown = rules.rule(rule_id).get("show", []) if rule_id else []
    except StopIteration:  # a rule id this catalogue does not have
        shown = []
    names = {_SHOWN[key] for key in shown if key in _SHOWN} - {"X-CustomSpam"}
    picked = [item for item in evidence if item[0] in names]
    return picked or evidence


def _codes(evidence: list[tuple[str, str]]) -> str:
    return ", ".join(
        f"{name}: {value}" if name.startswith("X-") else f"{name}:{value}"
        for name, value in evidence
    )


def _auth_summary(report: Report) -> str:
    auth = report.auth or {}
    parts = [f"{key}={auth[key]}" for key in _AUTH_FIELDS if auth.get(key)]
    if auth.get("compauth") and auth.get("compauth_reason"):
        parts[-1] += f" reason={auth['compauth_reason']}"
    return ", ".join(parts)


def _asf_name(report: Report) -> Localized:
    """The ASF option as the admin finds it in the policy: its portal name and the header text."""
    fope = report.fope or {}
    raw = str(fope.get("custom_spam") or "X-CustomSpam")
    entry = asf_entry(fope["asf_option"]) if fope.get("asf_option") else None
    if not entry or not entry.get("ui_name"):
        return raw
    return {lang: f"{catalogue.text(entry['ui_name'], lang)} (X-CustomSpam: {raw})"
            for lang in catalogue.LANGUAGES}  # fmt: skip


def _fix_page(rule: str | None, remedy: str | None, decided_by: str | None) -> FixPage | None:
    pages = catalogue.load(_TEXTS)["fix_pages"]
    for key in (f"rule:{rule}", f"{remedy}/{decided_by}", str(remedy)):
        if key in pages:
            page = pages[key]
            return FixPage(page["url"], page["name"]) if page else None
    return None


def _keyed(remedy: str, decided_by: str | None) -> Any:
    section = catalogue.load(_TEXTS)["why"][remedy]
    return section.get(decided_by or "", section["other"])


def _entry(*keys: str) -> Any:
    node: Any = catalogue.load(_TEXTS)
    for key in keys:
        node = node[key]
    return node


def _one_line(value: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", value).split())
