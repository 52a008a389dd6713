"""Verdict v2 (catalogue/rules.json, CONTRACT.md) and the diagnosis findings, table-driven on
real header text run through the whole analysis (analyze_text), never on hand-built reports."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from fopegui.core import catalogue, rules
from fopegui.core.analyze import analyze_text
from fopegui.core.diagnosis import format_delay
from fopegui.core.model import Report
from fopegui.core.texts import Joined, Text, kb_label, render

XFAR = "X-Forefront-Antispam-Report"
ORG_SCL = "X-MS-Exchange-Organization-SCL"
MAILBOX = "X-Microsoft-Antispam-Mailbox-Delivery"
AR = "Authentication-Results"
ASF_TEST_MARKER = "This message was filtered by the custom spam filter option"
# The sending tenant's outbound stamp, as every message sent from Microsoft 365 carries it.
OUT_CLEAN = (
    f"{XFAR}: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;"
    "H:AM0PR01MB1234.eurprd01.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040);DIR:OUT;SFP:1102;"
)
OUT_SPAM = (
    f"{XFAR}: CIP:255.255.255.255;CTRY:;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;"
    "H:AM0PR01MB1234.eurprd01.prod.outlook.com;PTR:;CAT:OSPM;SFS:(13230040);DIR:OUT;SFP:1102;"
)
AUTH_FAIL = (
    f"{AR}: spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=bank.example; dkim=none "
    "(message not signed) header.d=none;dmarc=fail action={action} header.from=bank.example;"
    "compauth=fail reason=000"
)


def analyse(*headers: str) -> Report:
    """The report of a message made of ``headers`` (plus a Subject), analysed end to end."""
    report = analyze_text("\n".join((*headers, "Subject: test")) + "\n")
    assert report.error is None
    return report


def ids(report: Report) -> list[str]:
    return [f.id for f in report.findings]


def codes(report: Report) -> tuple[Any, ...]:
    v = report.verdict
    return (
        v.filter,
        v.direction,
        v.decided_by,
        v.destination,
        v.remedy,
        v.kb_methods,
        v.filtered_as_spam,
    )


# --- every rule of rules.json, reached by real header text ------------------------------
# id "<rule id>" or "<rule id>/<variant>" → headers → (filter, direction, decided_by,
# destination, remedy, kb_methods, filtered_as_spam)

RULE_CASES = [
    pytest.param(
        [OUT_SPAM],
        ("eop", "outbound", "outbound_spam", None, "sending_tenant", [], True),
        id="outbound-spam",
    ),
    pytest.param(
        [f"{XFAR}: CIP:255.255.255.255;SFV:NSPM;SCL:9;CAT:NONE;DIR:OUT"],
        ("eop", "outbound", "outbound_spam", None, "sending_tenant", [], True),
        id="outbound-spam/scl",
    ),
    pytest.param(
        [f"{XFAR}-Untrusted: CIP:255.255.255.255;SFV:SPM;SCL:5;CAT:OSPM;DIR:OUT"],
        ("eop", "outbound", "outbound_spam", None, "sending_tenant", [], True),
        id="outbound-spam/untrusted-copy-only",
    ),
    pytest.param(
        [OUT_CLEAN],
        ("eop", "outbound", "not_spam", None, "none", [], None),
        id="outbound-clean",
    ),
    pytest.param(
        [f"{ORG_SCL}: 6", f"{MAILBOX}: ucf:0;jmr:0;auth:0;dest:I;OFR:TrustedSenderList;"],
        ("eop", "inbound", "safe_senders", "inbox", "none", [], False),
        id="safe-senders-inbox",
    ),
    pytest.param(
        [f"{ORG_SCL}: 5", f"{MAILBOX}: ucf:0;jmr:0;auth:1;dest:I;OFR:SenderInAddressBook;"],
        ("eop", "inbound", "safe_senders", "inbox", "none", [], False),
        id="safe-senders-inbox/address-book",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SFE;SCL:-1;DIR:INB"],
        ("eop", "inbound", "safe_senders", None, "none", [], False),
        id="safe-senders",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:BLK;SCL:6;DIR:INB"],
        ("eop", "inbound", "block_list", None, "kb_method_3", [3], True),
        id="blocked-senders-user",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKB;SCL:6;DIR:INB"],
        ("eop", "inbound", "block_list", None, "kb_method_3", [3], True),
        id="blocked-senders-policy",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKS;SCL:6;DIR:INB"],
        ("eop", "inbound", "policy_rule", None, "kb_method_3", [3], True),
        id="policy-rule-spam",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKN;SCL:-1;DIR:INB"],
        ("eop", "inbound", "policy_rule", None, "none", [], False),
        id="policy-rule-bypass",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKA;SCL:-1;DIR:INB"],
        ("eop", "inbound", "allow_list", None, "none", [], False),
        id="allow-list-policy",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;IPV:CAL;SFV:SKI;SCL:-1;DIR:INB"],
        ("eop", "inbound", "allow_list", None, "none", [], False),
        id="allow-list-ip",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;IPV:NLI;SFV:SKI;SCL:5;DIR:INT"],
        ("eop", "internal", "spam_filter", None, "kb_method_2", [2], True),
        id="intra-org-spam",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;IPV:NLI;SFV:SKI;SCL:1;DIR:INT"],
        ("eop", "internal", "not_spam", None, "none", [], False),
        id="intra-org",
    ),
    pytest.param(
        [
            "X-CustomSpam: Image links to remote sites",
            f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:9;DIR:INB",
        ],
        ("eop", "inbound", "asf", None, "kb_method_1", [1], True),
        id="asf-option",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:9;X-CustomSpam:Web bugs in HTML;DIR:INB"],
        ("eop", "inbound", "asf", None, "kb_method_1", [1], True),
        id="asf-option/inside-the-report",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:9;CAT:MALW;DIR:INB"],
        ("eop", "inbound", "malware", None, "kb_method_2", [2], True),
        id="malware",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SCL:1;CAT:FTBP;DIR:INB"],
        ("eop", "inbound", "malware", None, "kb_method_3", [3], True),
        id="file-type-policy",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:9;CAT:HPHSH;SFTY:9.19;DIR:INB"],
        ("eop", "inbound", "phish", None, "kb_method_2", [2], True),
        id="phish",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:5;CAT:UIMP;SFTY:9.20;DIR:INB"],
        ("eop", "inbound", "phish", None, "kb_method_3", [3], True),
        id="impersonation",
    ),
    pytest.param(
        [
            AUTH_FAIL.format(action="quarantine"),
            f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:5;CAT:SPOOF;DIR:INB",
            f"{MAILBOX}: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;",
        ],
        ("eop", "inbound", "spoof", "junk", "sender_authentication", [], True),
        id="spoof",
    ),
    pytest.param(
        [
            AUTH_FAIL.format(action="oreject"),
            f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:5;DIR:INB",
        ],
        ("eop", "inbound", "spoof", None, "sender_authentication", [], True),
        id="dmarc-enforced",
    ),
    pytest.param(
        [
            f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:6;SRV:BULK;CAT:BULK;DIR:INB",
            "X-Microsoft-Antispam: BCL:7;",
            f"{MAILBOX}: ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;",
        ],
        ("eop", "inbound", "bulk", "junk", "bcl_threshold", [], True),
        id="bulk",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:NSPM;SCL:1;SRV:BULK;DIR:INB", "X-Microsoft-Antispam: BCL:8;"],
        ("eop", "inbound", "bulk", None, "bcl_threshold", [], True),
        id="bulk/srv-over-threshold",
    ),
    pytest.param(
        [f"{ORG_SCL}: 6", f"{MAILBOX}: ucf:0;jmr:0;auth:1;dest:I;OFR:SpamFilterPass;"],
        ("eop", "inbound", "junk_settings", "inbox", "none", [], False),
        id="inbox-despite-verdict",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKQ;SCL:5;DIR:INB"],
        ("eop", "inbound", "spam_filter", None, "kb_method_2", [2], True),
        id="released",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:5;CAT:SPM;DIR:INB"],
        ("eop", "inbound", "spam_filter", None, "kb_method_2", [2], True),
        id="spam-filter",
    ),
    pytest.param(
        [f"{ORG_SCL}: 9", f"{MAILBOX}: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;"],
        ("eop", "inbound", "spam_filter", "junk", "kb_method_2", [2], True),
        id="spam-filter/mailbox-headers-only",
    ),
    pytest.param(
        [f"{ORG_SCL}: 1", f"{MAILBOX}: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterPass;"],
        ("eop", "inbound", "junk_settings", "junk", "junk_settings", [], False),
        id="junk-settings",
    ),
    pytest.param(
        [f"{ORG_SCL}: -1"],
        ("eop", "inbound", "bypassed", None, "none", [], False),
        id="bypassed-scl",
    ),
    pytest.param(
        [f"{XFAR}: CIP:192.0.2.1;SFV:NSPM;SCL:1;CAT:NONE;DIR:INB"],
        ("eop", "inbound", "not_spam", None, "none", [], False),
        id="not-spam",
    ),
    pytest.param(
        [
            "Received: from outbound-sin.frontbridge.com ([207.46.51.80]) by list.example.org "
            "with ESMTP id 1; Fri, 18 Jan 2008 23:44:10 +0000",
            "X-BigFish: V",
        ],
        ("fope", "outbound", "bypassed", None, "none", [], None),
        id="outbound-unfiltered",  # FOPE's outbound edge sent it out: the sender's stamps
    ),
    pytest.param(
        [
            "Received: from CH1EHSMHS012.bigfish.com (10.43.70.12) by CH1EHSHUB004.bigfish.com "
            "(10.43.68.50) with Microsoft SMTP Server id 14.1.225.22; Tue, 14 Feb 2012 09:12:48 "
            "+0000",
            "X-SpamScore: -12",
            "X-BigFish: VPS-12(zz1432Nzz1202h1082kzz8275bhz2dh2a8h668h839h)",
        ],
        ("fope", "inbound", "not_spam", None, "none", [], False),
        id="fope-passed",  # FOPE's hub delivered it to its customer after the spam filter ran
    ),
    pytest.param(
        ["X-BigFish: VP-3(zz1432Nzz1202h)"],
        ("fope", None, "bypassed", None, "kb_method_3", [3], None),
        id="fope-bypassed",
    ),
    pytest.param(
        ["X-BigFish: VP(zzzz1202h)", f"{XFAR}: CIP:192.0.2.150;IPV:NLI;EFVD:NLI;SCL:9"],
        ("fope", None, "bypassed", None, "kb_method_3", [3], None),
        id="fope-bypassed/scored-as-spam",  # the spam filter did not run: a policy did it
    ),
    pytest.param(
        ["X-SpamScore: 31", "X-BigFish: VPS31(zzc89bh936eI1432I542M4015Izz1202h)"],
        ("fope", None, None, None, None, [], None),
        id="fope-no-verdict",
    ),
    pytest.param(
        [f"{XFAR}: CIP:203.0.113.25;KIP:(null);UIP:(null);IPVD:NLI;H:mx.example;RD:mx.example"],
        ("fope", None, None, None, None, [], None),
        id="fope-legacy",
    ),
    pytest.param(
        ["X-Mailer: Example Mailer 1.0"],
        (None, None, None, None, None, [], None),
        id="no-stamps",
    ),
    pytest.param(
        ["X-SpamScore: 99"],
        (None, None, None, None, None, [], None),
        id="no-stamps/spam-score-alone",  # KB2669119: for comparison only, never a verdict
    ),
]
RULE_IDS = [r["id"] for r in rules.RULES["rules"]]


@pytest.mark.parametrize(("headers", "expected"), RULE_CASES)
def test_rules_on_real_header_text(request, headers, expected):
    rule_id = request.node.callspec.id.split("/")[0]
    r = analyse(*headers)
    v = r.verdict
    assert v.rule == rule_id
    assert codes(r) == expected
    assert v.kb_methods == rules.kb_methods(v.remedy)  # the contract: they always agree
    rule = rules.rule(rule_id)
    assert (v.source, v.severity) == (rule["source"], rule["severity"])
    assert v.inferred == (bool(rule.get("inferred")) or rule["source"] == "inferred")
    assert render(v.summary) and render(v.next_step) and render(v.whose)
    if v.filtered_as_spam:
        assert v.reasons
    verdict_finding = {True: "verdict-spam", False: "verdict-not-spam"}.get(
        v.filtered_as_spam, "verdict-unknown"
    )
    assert ids(r)[0] == verdict_finding


def test_every_rule_is_reached_by_a_header_case():
    covered = {p.id.split("/")[0] for p in RULE_CASES}
    assert covered == set(RULE_IDS)


# --- the KB2669119 method table (the rules the contract lists) --------------------------


@pytest.mark.parametrize(
    ("headers", "filtered", "methods"),
    [
        (["X-CustomSpam: Image links to remote sites"], True, [1]),
        (["X-CustomSpam: Web bugs in HTML", f"{XFAR}: SFV:SPM;SCL:5"], True, [1]),
        ([f"{XFAR}: SFV:SPM;SCL:5"], True, [2]),
        ([f"{XFAR}: SCL:9"], True, [2]),
        ([f"{XFAR}: SFV:SKS;SCL:6"], True, [3]),
        ([f"{XFAR}: SFV:SKB"], True, [3]),
        ([f"{XFAR}: SFV:BLK"], True, [3]),
        # a mail-flow rule marked it before filtering: the one remedy is the rule (Method 3)
        (["X-CustomSpam: Empty messages", f"{XFAR}: SFV:SKS"], True, [3]),
        # spam filtering did not run (no 's'): whatever scored it, a policy did — Method 3
        (["X-BigFish: VP(zz)", f"{XFAR}: SCL:9"], None, [3]),
        # the FOPE score is for comparison only (KB2669119): never a verdict on its own
        (["X-BigFish: VPS31(zz)", "X-SpamScore: 31"], None, []),
        (["X-BigFish: VPS-12(zz)", "X-SpamScore: -12"], None, []),
        ([f"{XFAR}: SFV:NSPM;SCL:1"], False, []),
        ([f"{XFAR}: SFV:SKN;SCL:-1"], False, []),
        ([f"{XFAR}: SCL:-1"], False, []),  # SCL -1: filtering skipped, not "unknown"
        ([], None, []),
        (["X-SpamScore: 5"], None, []),  # FOPE's threshold is unknown: no guess
        # Junk folder alone: filter or junk settings? The headers do not say
        ([f"{MAILBOX}: dest:J"], None, []),
    ],
)
def test_kb_methods(headers, filtered, methods):
    r = analyse(*headers)
    assert r.verdict.filtered_as_spam is filtered
    assert r.verdict.kb_methods == methods
    assert render(r.verdict.summary) and render(r.verdict.next_step)
    if filtered:
        assert r.verdict.reasons


def test_asf_in_test_mode_is_not_a_spam_verdict():
    r = analyse(f"X-CustomSpam: {ASF_TEST_MARKER}", f"{XFAR}: SFV:NSPM;SCL:1;DIR:INB")
    assert r.verdict.filtered_as_spam is False and r.verdict.kb_methods == []
    assert "asf-test-mode" in ids(r) and "asf-option" not in ids(r)
    # nor is it Method 1 when the spam filter did mark the message: that is Method 2
    r = analyse(f"X-CustomSpam: {ASF_TEST_MARKER}", f"{XFAR}: SFV:SPM;SCL:5;DIR:INB")
    assert (r.verdict.decided_by, r.verdict.kb_methods) == ("spam_filter", [2])
    assert "asf-test-mode" in ids(r) and "asf-option" not in ids(r)


def test_asf_option_finding():
    r = analyse("X-CustomSpam: Image links to remote sites", f"{XFAR}: SFV:SPM;SCL:5;DIR:INB")
    asf = next(f for f in r.findings if f.id == "asf-option")
    assert asf.kb == "method1" and render(kb_label(asf.kb)) == "KB2669119 Method 1"
    assert asf.header == "X-CustomSpam"
    assert "Image links to remote sites" in render(asf.title)
    # in Japanese, the option as the Japanese admin UI names it
    ui_name = catalogue.load("antispam")["asf"]["options"]["image_links"]["ui_name"]["ja"]
    assert f"Image links to remote sites ({ui_name})" in render(asf.title, "ja")


def test_spam_filter_bypassed_warning_without_spam():
    r = analyse("X-BigFish: V-3(zz)")  # virus scanned only: no 's', no 'p'
    assert r.verdict.filtered_as_spam is None and r.verdict.kb_methods == [3]
    finding = next(f for f in r.findings if f.id == "spam-filter-bypassed")
    assert finding.severity == "warning" and finding.kb == "method3"
    assert "Method 3" in render(kb_label(finding.kb))
    assert "方法 3" in render(kb_label(finding.kb), "ja")


def test_policy_and_block_list_findings_name_method_3():
    for sfv, fid in (("SKS", "policy-rule"), ("SKB", "blocked-sender"), ("BLK", "blocked-sender")):
        r = analyse(f"{XFAR}: CIP:192.0.2.1;SFV:{sfv};SCL:6;DIR:INB")
        finding = next(f for f in r.findings if f.id == fid)
        assert finding.kb == "method3" and f"SFV:{sfv}" in render(finding.detail) + render(
            finding.title
        )


def test_submit_finding_only_for_method_2():
    assert "submit" in ids(analyse(f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:5;DIR:INB"))
    for headers in (
        [f"{XFAR}: CIP:192.0.2.1;SFV:SKS;SCL:6;DIR:INB"],
        ["X-CustomSpam: Image links to remote sites", f"{XFAR}: SFV:SPM;SCL:9;DIR:INB"],
        [OUT_SPAM],
        [f"{XFAR}: CIP:192.0.2.1;SFV:SPM;SCL:6;SRV:BULK;CAT:BULK;DIR:INB"],
    ):
        assert "submit" not in ids(analyse(*headers)), headers


# --- whose verdict: the reader's filter vs. the sender's outbound stamp --------------------


def test_outbound_stamp_is_the_senders_verdict_with_no_reputation_findings():
    r = analyse(OUT_SPAM.replace("PTR:;", "PTR:none;"), "From: Someone <someone@sender.example>")
    v = r.verdict
    assert (v.stamp, v.decided_by, v.remedy, v.kb_methods) == (
        "sender",
        "outbound_spam",
        "sending_tenant",
        [],
    )
    assert "outbound" in render(v.whose) and "送信側" in render(v.whose, "ja")
    # CIP 255.255.255.255 and H (the sender's own mailbox server) are no server that
    # reached the reader's filter: no sender-reputation findings at all
    reputation = [f.id for f in r.findings if f.kb == "reputation"]
    assert reputation == []
    assert not {"connecting-ip", "no-reverse-dns", "helo-ptr-mismatch", "scl-high"} & set(ids(r))


def test_outbound_tenant_authentication_before_signing_is_not_a_failure():
    r = analyse(
        f"{AR}: dkim=none (message not signed) header.d=none;dmarc=none action=none "
        "header.from=sender.example;",
        OUT_CLEAN,
        "DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=s1; b=abc",
        "ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass "
        "smtp.mailfrom=sender.example; dmarc=pass action=none header.from=sender.example; "
        "dkim=pass header.d=sender.example; arc=none",
        "From: Someone <someone@sender.example>",
    )
    assert r.auth_reading.scope == "sending_tenant"
    assert "auth-sending-tenant" in ids(r)
    assert not {"dkim-failed", "dmarc-failed"} & set(ids(r))


def test_two_tenants_the_readers_inbound_stamp_decides():
    r = analyse(
        f"{XFAR}: CIP:198.51.100.7;SFV:SPM;SCL:5;CAT:SPM;H:mx.sender.example;"
        "PTR:mx.sender.example;DIR:INB",
        OUT_CLEAN,
    )
    assert (r.verdict.stamp, r.verdict.direction, r.verdict.decided_by) == (
        "reader",
        "inbound",
        "spam_filter",
    )
    assert "sender-outbound-stamp" in ids(r)
    assert "connecting-ip" in ids(r)
    sender = next(f for f in r.findings if f.id == "sender-outbound-stamp")
    assert render(sender.detail, "en").startswith(f"{XFAR} (DIR:OUT, SFV:NSPM, CAT:NONE, SCL:1)")
    assert render(sender.detail, "ja").startswith(f"{XFAR} (DIR:OUT")


def _placeholders(template: Any) -> set[str]:
    names = set()
    for text in template.values() if isinstance(template, dict) else [template]:
        for _, name, _, _ in string.Formatter().parse(text):
            if name:
                names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


@pytest.mark.parametrize("fid", sorted(catalogue.load("findings")["finding"]))
def test_no_finding_text_asks_for_a_name_finding_keeps_for_itself(fid: str) -> None:
    # texts.finding() takes header, kb and severity as the Finding's own fields: a template
    # placeholder of that name is never filled (it read "?" in 1,297 real messages).
    entry = catalogue.load("findings")["finding"][fid]
    used = _placeholders(entry["title"]) | _placeholders(entry["detail"])
    assert not used & {"header", "kb", "severity", "fid"}


def _catalogue_entry(findings: dict[str, Any], fid: str) -> dict[str, Any] | None:
    """The findings.json entry a finding was made from (ids such as
    "header-encoding-bad-encoding" or "header-unparseable:arc-seal" add to the entry's id);
    None for the loaders' own findings (msg.json, load.json)."""
    while fid not in findings:
        shorter = re.sub(r"[-:][^-:]*$", "", fid)
        if shorter == fid:
            return None
        fid = shorter
    return findings[fid]


def test_every_placeholder_of_the_findings_of_real_shapes_is_filled() -> None:
    from pathlib import Path

    from fopegui.core.analyze import analyze_path

    data = Path(__file__).resolve().parent.parent / "data"
    findings = catalogue.load("findings")["finding"]
    seen = 0
    for path in sorted(p for p in data.rglob("*") if p.suffix in (".eml", ".txt", ".msg")):
        for f in analyze_path(path).findings:
            entry = _catalogue_entry(findings, f.id)
            if entry is None:
                continue
            seen += 1
            used = _placeholders(entry["title"]) | _placeholders(entry["detail"])
            assert used <= set(f.params), (path.name, f.id, used - set(f.params))
    assert seen > 200


# --- authentication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([f"{AR}: spf=fail smtp.mailfrom=a.example"], {"spf-failed"}),
        ([f"{AR}: dkim=fail header.d=a.example"], {"dkim-failed"}),
        ([f"{AR}: dmarc=fail action=none header.from=a.example"], {"dmarc-failed"}),
        ([f"{AR}: compauth=fail reason=000"], {"compauth-failed"}),
        ([f"{AR}: spf=pass; dkim=pass; dmarc=pass"], {"auth-passed"}),
        (
            [f"{AR}: spf=pass smtp.mailfrom=bounce.esp.example", "From: shop@shop.example"],
            {"spf-not-aligned"},
        ),
        (
            [f"{AR}: dkim=pass header.d=esp.example", "From: shop@shop.example"],
            {"dkim-not-aligned"},
        ),
        ([f"{AR}: dkim=pass header.d=mail.shop.example", "From: shop@shop.example"], set()),
        (
            [f"{AR}: spf=pass smtp.mailfrom=x.example.co.jp", "From: a@example.co.jp"],
            set(),
        ),
    ],
)
def test_authentication_findings(headers, expected):
    found = set(ids(analyse(*headers)))
    checked = {
        "spf-failed",
        "dkim-failed",
        "dmarc-failed",
        "compauth-failed",
        "auth-passed",
        "spf-not-aligned",
        "dkim-not-aligned",
    }
    assert found & checked == expected | ({"auth-passed"} & found)


def test_the_aligned_dkim_result_decides():
    # RFC 8601 B.6: two dkim= results; the one of the From domain is the one DMARC used.
    r = analyse(
        f"{AR}: mx.example.org; dkim=fail header.d=esp.example; dkim=pass header.d=shop.example",
        "From: shop@shop.example",
    )
    assert r.auth["dkim"] == "pass"
    assert "dkim-failed" not in ids(r)


# --- sender reputation (KB2669119) ------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("CIP:192.0.2.1;RD:none;H:x.example", "no-reverse-dns"),
        ("CIP:192.0.2.1;PTR:InfoDomainNonexistent", "no-reverse-dns"),
        ("CIP:192.0.2.1;PTR:mx.a.example;H:mx.a.example", "helo-matches-ptr"),
        ("CIP:192.0.2.1;PTR:mx.a.example;H:PC01", "helo-ptr-mismatch"),
        ("CIP:192.0.2.1;IPV:CAL", "ip-allow-listed"),
        ("CIP:192.0.2.1;IPV:NLI", "ip-not-listed"),
    ],
)
def test_reputation_findings(stamp, expected):
    r = analyse(f"{XFAR}: {stamp};SFV:NSPM;SCL:1;DIR:INB")
    assert expected in ids(r)
    for f in r.findings:
        if f.id == expected:
            assert f.kb == "reputation"
            assert render(kb_label(f.kb)) == "KB2669119 sender reputation"
    # the same stamp as the sender's outbound one says nothing about a server that reached you
    outbound = analyse(f"{XFAR}: {stamp};SFV:NSPM;SCL:1;DIR:OUT")
    assert expected not in ids(outbound)


@pytest.mark.parametrize("cip", ["10.1.2.3", "127.0.0.1", "255.255.255.255"])
def test_no_reputation_findings_for_addresses_nobody_can_check(cip):
    r = analyse(f"{XFAR}: CIP:{cip};RD:none;H:x.example;SFV:NSPM;SCL:1;DIR:INB")
    assert not {"connecting-ip", "no-reverse-dns"} & set(ids(r))


def test_ptr_info_no_records_means_no_reverse_dns():
    r = analyse(f"{XFAR}: CIP:203.0.113.200;PTR:InfoNoRecords;H:[203.0.113.200];DIR:INB")
    assert "no-reverse-dns" in ids(r)
    assert "helo-ptr-mismatch" not in ids(r)


# --- texts: one analysis, rendered in each language --------------------------------------

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _unfilled(value: Any, lang: str) -> set[str]:
    """Placeholders of a catalogue template that its Text was given no value for."""
    if isinstance(value, Text):
        template = catalogue.text(value.template, lang) or ""
        wanted = set(re.findall(r"{(\w+)}", template))
        return (wanted - set(value.params)) | {
            name for p in value.params.values() for name in _unfilled(p, lang)
        }
    if isinstance(value, Joined):
        return {name for p in value.parts for name in _unfilled(p, lang)}
    return set()


@pytest.mark.parametrize(("headers", "expected"), RULE_CASES)
def test_verdict_texts_in_japanese(headers, expected):
    v = analyse(*headers).verdict
    for text in (v.summary, v.next_step, v.whose):
        en, ja = render(text, "en"), render(text, "ja")
        assert en and ja and en != ja
        assert _JAPANESE.search(ja)
        assert "{" not in en and "{" not in ja
        assert _unfilled(text, "en") == set() == _unfilled(text, "ja")
    for reason in v.reasons:
        assert render(reason, "ja") and "{" not in render(reason, "ja")


def test_japanese_texts_everywhere():
    r = analyse(
        "X-CustomSpam: Image links to remote sites",
        f"{XFAR}: CIP:192.0.2.1;RD:none;H:x.example;DIR:INB",
        f"{AR}: dmarc=fail action=none header.from=a.example",
        "From: a@a.example",
    )
    assert "方法 1" in render(r.verdict.summary, "ja")
    assert "Method 1" in render(r.verdict.summary, "en")
    for f in r.findings:
        title, detail = render(f.title, "ja"), render(f.detail, "ja")
        assert _JAPANESE.search(title + detail), f.id
        assert "{" not in title + detail, f.id
        assert _unfilled(f.title, "ja") == set() == _unfilled(f.detail, "ja"), f.id
        assert render(f.title, "en") + render(f.detail, "en") != title + detail, f.id


@pytest.mark.parametrize(
    ("seconds", "text"), [(5, "5 s"), (200, "3 min 20 s"), (7500, "2 h 5 min"), (-30, "30 s")]
)
def test_format_delay(seconds, text):
    assert format_delay(seconds) == text


def test_every_finding_text_is_bilingual():
    data = catalogue.load("findings")
    for section in ("verdict", "next_step", "reason", "kb"):
        for key, entry in data[section].items():
            assert entry["en"] and entry["ja"], (section, key)
    for key, entry in data["finding"].items():
        for part in ("title", "detail"):
            assert entry[part]["en"] and entry[part]["ja"], (key, part)
        assert entry["severity"] in {"ok", "info", "warning", "problem", "unknown"}


# --- sentences of real mail: every fact they name is filled ------------------------------


def _detail(r: Report, fid: str, lang: str = "en") -> str:
    return render(next(f for f in r.findings if f.id == fid).detail, lang)


def test_scl_read_from_the_organisation_header_is_explained() -> None:
    # Outlook.com: no inbound stamp of the reader's, the SCL in X-MS-Exchange-Organization-SCL
    # (5,628 phishing_pot messages read "SCL 9: None").
    r = analyse(f"{ORG_SCL}: 9", f"{MAILBOX}: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;")
    assert r.stamps.scl_from == ORG_SCL
    for lang in ("en", "ja"):
        detail = _detail(r, "scl-high", lang)
        assert detail.startswith("SCL 9: ") and "None" not in detail
        assert len(detail) > len("SCL 9: ") + 10


@pytest.mark.parametrize(
    ("headers", "named"),
    [
        ([f"{AR}: spf=temperror (sender IP is 192.0.2.8) smtp.helo=mx.helo.example; "
          "dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=;"],
         "mx.helo.example"),
        ([f"{AR}: spf=permerror smtp.mailfrom=someone@bank.example"], "bank.example"),
        (["Received-SPF: Permerror (mailfrom) identity=mailfrom; client-ip=192.0.2.8; "
          "helo=mx.helo.example; envelope-from=a@sender.example; receiver=<UNKNOWN>"],
         "sender.example"),
        (["Received-SPF: TempError (no identity written)"], "the sender's domain"),
    ],
)
def test_the_spf_finding_names_whose_record_it_is(headers: list[str], named: str) -> None:
    detail = _detail(analyse(*headers), "spf-failed")
    assert f"of {named}" in detail and "?" not in detail


def test_the_sending_tenants_record_without_dkim_quotes_what_it_has() -> None:
    # A mailbox's submission: Microsoft's internal record holds only "spf=none".
    r = analyse(f"{AR}: spf=none (sender IP is ) smtp.mailfrom=someone@sender.example;",
                OUT_CLEAN, "From: Someone <someone@sender.example>")
    assert r.auth_reading.scope == "sending_tenant"
    detail = _detail(r, "auth-sending-tenant")
    assert '"spf=none"' in detail and "None" not in detail


def test_a_missing_fact_reads_as_a_dash_never_none() -> None:
    assert render(Text({"en": "SCL {scl}: {meaning}"}, {"scl": 5, "meaning": None})) == "SCL 5: —"


def test_a_list_of_clauses_drops_each_full_stop_before_the_separator() -> None:
    parts = ({"en": "SCL 5 — Spam.", "ja": "SCL 5 — スパム。"}, "compauth=pass", "dest:J — Junk.")
    listed = Joined(parts, "; ", clauses=True)
    assert render(listed, "en") == "SCL 5 — Spam; compauth=pass; dest:J — Junk."
    assert render(listed, "ja") == "SCL 5 — スパム; compauth=pass; dest:J — Junk."
    assert render(Joined(("Wait...", "b."), "; ", clauses=True)) == "Wait...; b."


def test_no_sentence_of_the_test_messages_reads_badly() -> None:
    """The texts of real shapes, in both languages: no "None", no ".;", no "(none)"."""
    from pathlib import Path

    from fopegui.core.analyze import analyze_path
    from fopegui.core.report import to_dict

    data = Path(__file__).resolve().parent.parent / "data"
    bad = re.compile(r"\bNone\b|[.。];|\((?:none|なし)\)|[.。]\)[.。]")
    checked = 0
    for path in sorted(p for p in data.rglob("*") if p.suffix in (".eml", ".txt", ".msg")):
        report = analyze_path(path)
        for lang in ("en", "ja"):
            out = to_dict(report, lang)
            if out["verdict"] is None:
                continue
            verdict = out["verdict"]
            texts = [verdict["summary"], verdict["whose"], verdict["next_step"],
                     *verdict["reasons"]]  # fmt: skip
            # (The .msg loader's own list of properties writes a missing one as "(none)".)
            texts += [t for f in out["findings"] if not f["id"].startswith("msg-")
                      for t in (f["title"], f["detail"])]  # fmt: skip
            for text in filter(None, texts):
                checked += 1
                assert not bad.search(text), (path.name, lang, text)
                # Japanese sentences follow each other without a space.
                assert lang == "en" or "。 " not in text, (path.name, text)
    assert checked > 1000


def test_dkim_failure_without_a_signing_domain_names_none() -> None:
    r = analyse(f"{AR}: spf=pass smtp.mailfrom=bank.example; dkim=fail header.d=none; "
                "dmarc=pass action=none header.from=bank.example")
    assert "(none)" not in _detail(r, "dkim-failed")


def test_a_mailbox_decision_without_ofr_says_so() -> None:
    r = analyse(f"{ORG_SCL}: 7", f"{MAILBOX}: ucf:0;jmr:0;auth:1;dest:I;")
    summary = render(r.verdict.summary, "en")
    assert "(no OFR recorded)" in summary and "(none)" not in summary
    assert "(OFR の記録なし)" in render(r.verdict.summary, "ja")


def test_the_dmarc_action_is_explained_after_the_sentence() -> None:
    r = analyse(f"{AR}: spf=fail smtp.mailfrom=bank.example; dkim=none header.d=none; "
                "dmarc=fail action=quarantine header.from=bank.example")
    en, ja = _detail(r, "dmarc-failed", "en"), _detail(r, "dmarc-failed", "ja")
    assert "Microsoft's action: quarantine. Inferred: DMARC failed" in en
    assert "Microsoft の処置: quarantine。推定: DMARC が失敗し" in ja
    assert ".)." not in en and "。)。" not in ja


@pytest.mark.parametrize(("dmarc", "severity"), [("pass", "warning"), ("fail", "problem")])
def test_spf_failure_says_when_dkim_carried_dmarc(dmarc: str, severity: str) -> None:
    # Mailing lists and forwarders break SPF; DMARC passing through DKIM decided the message.
    r = analyse(f"{AR}: spf=fail smtp.mailfrom=list.example; dkim=pass header.d=a.example; "
                f"dmarc={dmarc} action=none header.from=a.example")
    spf = next(f for f in r.findings if f.id == "spf-failed")
    assert spf.severity == severity
    said = "did not decide" in render(spf.detail, "en")
    assert said is (dmarc == "pass")
    assert ("左右していません" in render(spf.detail, "ja")) is said


def test_a_skipped_filter_names_the_header_inside_the_parentheses() -> None:
    r = analyse(f"{ORG_SCL}: -1")
    assert render(r.verdict.summary, "en") == (
        f"Spam filtering was skipped (SCL -1 in {ORG_SCL})."
    )
    assert render(r.verdict.summary, "ja").endswith(f"(SCL -1、{ORG_SCL})。")
