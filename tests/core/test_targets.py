"""core.targets: what a blacklist check asks about, decided once for every caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.targets import (
    accept_resolved,
    is_zone_name,
    merged,
    plan_for_input,
    plan_for_report,
)
from fopegui.core.texts import render

NDR = Path(__file__).resolve().parent.parent / "data" / "ndr"


def test_the_ndr_ip_comes_first_and_the_private_edge_is_never_a_target(samples) -> None:
    plan = plan_for_report(analyze_path(samples / "ndr-backscatterer.eml"))
    assert [(t.source, t.ip, t.zone) for t in plan.targets] == [
        ("ndr", "65.55.88.14", "ips.backscatterer.org")
    ]
    assert plan.resolve == []  # an address recorded at delivery: nothing to look up today
    assert [(t.source, t.ip, t.address_class) for t in plan.excluded] == [
        ("edge", "10.9.40.26", "private")
    ]
    assert plan.zones == ["ips.backscatterer.org"]
    assert (plan.edge.host, plan.edge.hop) == ("TX2EHSOBE006.bigfish.com", 1)


EDGE_RECORDED = (
    b"Received: from TX2EHSOBE006.bigfish.com (TX2EHSOBE006.bigfish.com [::ffff:65.55.88.14])"
    b" by mx.example.net (Postfix) with ESMTP id 1; Wed, 7 Mar 2012 02:39:00 +0000\n"
    b"Received: from mail.example.co.jp (198.51.100.77) by TX2EHSOBE006.bigfish.com"
    b" (10.9.40.26) with Microsoft SMTP Server; Wed, 7 Mar 2012 02:38:59 +0000\n"
    b"Subject: s\n\n"
)


def test_the_edge_ip_the_external_hop_recorded_is_a_target() -> None:
    plan = plan_for_report(analyze_bytes(EDGE_RECORDED))
    assert [(t.source, t.host, t.hop) for t in plan.targets] == [
        ("edge", "TX2EHSOBE006.bigfish.com", 2)
    ]
    assert plan.ips == ["65.55.88.14"]  # IPv4-mapped as recorded: checked as IPv4
    assert plan.resolve == []  # the edge is not resolved when its address was recorded
    every = plan_for_report(analyze_bytes(EDGE_RECORDED), hops=True)
    assert [(t.source, t.ip) for t in every.targets] == [
        ("edge", "65.55.88.14"),
        ("sender", "198.51.100.77"),  # the connecting hop into FOPE
    ]


def test_a_host_name_is_resolved_only_as_a_fallback() -> None:
    plan = plan_for_report(analyze_path(NDR / "fope-backscatterer-no-ip.eml"))
    assert plan.targets == []
    (host,) = plan.resolve
    assert (host.source, host.host) == ("edge", "TX2EHSOBE006.bigfish.com")
    resolved = merged(plan, host, ["65.55.88.14", "10.1.2.3", "127.0.0.2"])
    assert [(t.source, t.ip, t.via, t.fallback) for t in resolved.targets] == [
        ("resolved", "65.55.88.14", "edge", True)
    ]
    assert sorted(t.ip for t in resolved.excluded) == ["10.1.2.3", "10.9.40.26", "127.0.0.2"]
    assert resolved.resolve == []
    assert "not necessarily the address that delivered" in render(
        cat.target_text(resolved.targets[0])
    )


def test_a_bounce_without_a_received_edge_resolves_its_reporting_mta() -> None:
    data = (
        b"From: MAILER-DAEMON@relay.example.net\nSubject: Undelivered Mail Returned to Sender\n"
        b"\nThis is the mail system at host relay.example.net.\n\n554 5.7.1 blocked using "
        b"zen.spamhaus.org\n"
    )
    plan = plan_for_report(analyze_bytes(data))
    assert [(t.source, t.host) for t in plan.resolve] == [("ndr", "relay.example.net")]


def test_a_message_without_ndr_or_edge_checks_its_sender(samples) -> None:
    plan = plan_for_report(analyze_path(samples / "fope-spam-customspam.eml"))
    assert [(t.source, t.ip, t.key) for t in plan.targets] == [("sender", "198.51.100.77", "CIP")]


@pytest.mark.parametrize(
    ("name", "zone", "ip", "list_id"),
    [
        ("fope-barracuda.eml", "b.barracudacentral.org", "192.0.2.44", "barracuda"),
        ("fope-uceprotect.eml", "dnsbl-1.uceprotect.net", "192.0.2.78", "uceprotect-1"),
        ("eop-spamhaus.eml", "zen.spamhaus.org", "198.51.100.23", "spamhaus-zen"),
        ("eop-spamcop.eml", "bl.spamcop.net", "203.0.113.61", "spamcop"),
        ("eop-unknown-list.eml", "ndr-only.test", "192.0.2.81", None),
    ],
)
def test_sample_ndrs_name_their_list_and_ip(name, zone, ip, list_id) -> None:
    report = analyze_path(NDR / name)
    plan = plan_for_report(report)
    assert [(x.zone, x.ip, x.list_id) for x in report.ndr.listings] == [(zone, ip, list_id)]
    assert plan.ips == [ip] and plan.zones == [zone]
    assert all(t.address_class in ("public", "documentation") for t in plan.targets)


def test_typed_input() -> None:
    assert plan_for_input("::ffff:65.55.88.14").ips == ["65.55.88.14"]
    assert plan_for_input("[192.0.2.1]").ips == ["192.0.2.1"]
    assert plan_for_input("127.0.0.2").ips == ["127.0.0.2"]  # the RFC 5782 test address
    for inside in ("10.9.40.26", "0.0.0.0", "255.255.255.255", "fd00::1", "169.254.1.1"):
        plan = plan_for_input(inside)
        assert plan.ips == [] and [t.ip for t in plan.excluded] == [inside], inside
    host = plan_for_input("Mail.Example.com.")
    assert [(t.source, t.host) for t in host.resolve] == [("typed", "Mail.Example.com")]
    with pytest.raises(ValueError):
        plan_for_input("not a host!")


def test_resolved_addresses_are_filtered_by_the_address_rule() -> None:
    host = plan_for_input("mixed.example").resolve[0]
    checkable, excluded = accept_resolved(
        host, ["127.0.0.2", "::ffff:192.0.2.7", "10.0.0.7", "192.0.2.7", "2001:db8::1", "::1"]
    )
    assert [t.ip for t in checkable] == ["192.0.2.7", "2001:db8::1"]  # mapped = the same IPv4
    assert [(t.ip, t.address_class) for t in excluded] == [
        ("127.0.0.2", "loopback"),
        ("10.0.0.7", "private"),
        ("::1", "loopback"),
    ]
    assert not checkable[0].fallback  # typed: resolved because the user asked


@pytest.mark.parametrize(
    ("text", "ok"),
    [("zen.spamhaus.org", True), ("My.Zone.Example.", True), ("127.0.0.2", False),
     ("1.2.3.4", False), ("localhost", False), ("bad zone.example", False), ("::1", False)],
)  # fmt: skip
def test_zone_names(text: str, ok: bool) -> None:
    assert is_zone_name(text) is ok


def test_lists_for_check_puts_the_named_lists_first_even_when_off() -> None:
    configured = [lst for lst in cat.enabled_lists() if lst.id != "barracuda"]
    lists = cat.lists_for_check(configured, ["b.barracudacentral.org", "rbl.unknown.example"])
    assert [(lst.id, lst.named, lst.enabled) for lst in lists[:3]] == [
        ("barracuda", True, True),
        ("custom:rbl.unknown.example", True, True),
        ("backscatterer", False, True),
    ]
    assert len(lists) == len(configured) + 2
    # A named list that is configured keeps its place at the front, once.
    again = cat.lists_for_check(cat.enabled_lists(), ["zen.spamhaus.org"])
    assert [lst.id for lst in again].count("spamhaus-zen") == 1 and again[0].named
