"""Whose verdict: the reader's own filter vs. the sender's outbound stamps (core.stamps)."""

from __future__ import annotations

import pytest

from fopegui.core.analyze import analyze_text

OUT = (
    "X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;"
    "SFV:NSPM;H:AB1PR01MB0001.eurprd01.prod.outlook.com;PTR:;CAT:NONE;DIR:OUT;\n"
)
INB = (
    "X-Forefront-Antispam-Report: CIP:198.51.100.7;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;"
    "SFV:SPM;H:mail.sender.example;PTR:mail.sender.example;CAT:SPM;DIR:INB;\n"
)
UNTRUSTED = (
    "X-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;"
    "IPV:NLI;SFV:NSPM;H:AB1PR01MB0001.eurprd01.prod.outlook.com;PTR:;CAT:NONE;DIR:OUT;\n"
)
MAILBOX = (
    "X-MS-Exchange-Organization-SCL: 9\n"
    "X-Microsoft-Antispam: BCL:0;\n"
    "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;\n"
)
FROM = "From: a@sender.example\nSubject: s\n"


def reading(text: str):
    return analyze_text(FROM + text).stamps


def test_outbound_only_is_the_senders_stamp():
    r = reading(OUT)
    assert (r.whose, r.direction, r.filter) == ("sender", "outbound", "eop")
    assert r.facts["CIP"] == "255.255.255.255"


def test_two_tenants_the_topmost_inbound_stamp_is_the_readers():
    r = reading(INB + OUT)  # the recipient's stamp is added last, i.e. on top
    assert (r.whose, r.direction, r.scl) == ("reader", "inbound", 5)
    assert r.sender_stamp is not None and r.sender_stamp.direction == "outbound"


def test_an_outbound_stamp_on_top_is_never_read_as_the_readers():
    r = reading(OUT + INB)  # e.g. a tenant received it, then forwarded it out
    assert r.whose == "sender"
    assert r.facts["DIR"] == "OUT"


def test_untrusted_copy_with_mailbox_headers_reads_the_mailbox():
    r = reading(MAILBOX + UNTRUSTED)
    assert (r.whose, r.direction, r.scl, r.stamp) == ("reader", "inbound", 9, None)
    assert r.mailbox["dest"] == "J"
    assert r.sender_stamp is not None and not r.sender_stamp.trusted


def test_untrusted_copy_alone_is_the_senders():
    r = reading(UNTRUSTED)
    assert (r.whose, r.direction) == ("sender", "outbound")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X-BigFish: VPS-15(zz1432N)\nX-SpamScore: -15\n", ("fope", None)),
        ("X-Forefront-Antispam-Report: CIP:192.0.2.1;KIP:(null);UIP:(null);IPVD:NLI;"
         "H:mx.example;RD:none;EFVD:NLI\n", ("fope", None)),
        (INB, ("eop", "reader")),
        ("Subject: nothing\n", (None, None)),
    ],
)
def test_filter_and_whose(text, expected):
    r = reading(text)
    assert (r.filter, r.whose) == expected


def test_the_eop_section_is_the_stamp_the_verdict_reads():
    report = analyze_text(FROM + INB + OUT)
    assert report.eop["dir"] == "INB"
    assert report.eop["stamp"] == "reader"
    assert report.eop["cip"] == "198.51.100.7"


def test_outbound_placeholder_gives_no_sender_dns_findings():
    report = analyze_text(FROM + OUT)
    ids = {f.id for f in report.findings}
    assert not ids & {"no-reverse-dns", "helo-ptr-mismatch", "connecting-ip"}


def test_stamps_interleaved_with_their_untrusted_copies_keep_the_files_order():
    r = reading(UNTRUSTED + INB + UNTRUSTED.replace("SCL:1", "SCL:2") + OUT)
    assert r.whose == "reader" and r.facts["CIP"] == "198.51.100.7"
    assert [(s.trusted, s.facts["SCL"]) for s in r.not_read] == [
        (False, "1"), (False, "2"), (True, "1")
    ]


def test_the_first_spam_score_with_a_value_is_the_one_read():
    r = reading("X-SpamScore: unreadable\nX-SpamScore: 7\nX-SpamScore: 3\n")
    assert r.spam_score == 7


def test_with_or_without_the_callers_index_the_reading_is_the_same():
    from fopegui.core.auth_reading import read_auth
    from fopegui.core.model import index_headers
    from fopegui.core.stamps import read_stamps

    report = analyze_text(FROM + UNTRUSTED + MAILBOX + INB + OUT + "X-SpamScore: 4\n")
    headers = report.headers
    assert read_stamps(headers, report.received) == read_stamps(
        headers, report.received, index_headers(headers)
    )
    assert read_auth(headers, "reader", None) == read_auth(
        headers, "reader", None, index_headers(headers)
    )
