"""At most a few findings of one kind per message.

A hostile or broken message can repeat a fault: 100,000 Received headers with clock skew, or
thousands of header lines without a colon. One finding each made a gigabyte of report, an
export of megabytes and a banner of thousands of chips. The first findings of each kind stay
as they are; the rest become one finding that says how many more there were.
"""

from __future__ import annotations

from collections import Counter

from fopegui.core.model import Finding, worst
from fopegui.core.texts import finding

KEEP_PER_KIND = 10


def bound_findings(findings: list[Finding], keep: int = KEEP_PER_KIND) -> list[Finding]:
    """``findings`` with at most ``keep`` of each id, in their order; the others of an id are
    replaced, where the first of them stood, by one ``findings-omitted`` finding (severity:
    the worst of those left out)."""
    if len(findings) <= keep:  # no kind can be over (a real message has a handful)
        return findings
    totals = Counter(f.id for f in findings)
    if all(n <= keep for n in totals.values()):
        return findings
    seen: Counter[str] = Counter()
    omitted: dict[str, list[str]] = {}  # id -> severities of the findings left out
    summaries: dict[str, int] = {}  # id -> position of its summary in `out`
    out: list[Finding] = []
    for f in findings:
        seen[f.id] += 1
        if seen[f.id] <= keep:
            out.append(f)
            continue
        if f.id not in summaries:
            summaries[f.id] = len(out)
            out.append(f)  # replaced below, once the count is known
        omitted.setdefault(f.id, []).append(f.severity)
    for fid, position in summaries.items():
        first = out[position]
        out[position] = finding(
            "findings-omitted",
            header=first.header,
            kb=first.kb,
            severity=worst(omitted[fid]),
            count=len(omitted[fid]),
            total=totals[fid],
            kept=keep,
            title=first.title,
            kind=fid,
        )
    return out
