"""Received chain: hop fields, order, delays, FOPE/EOP edges and the outbound edge."""

from __future__ import annotations

from datetime import UTC

import pytest

from fopegui.core.analyze import analyze_path
from fopegui.core.received import edge_role, parse_received


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "from mx1.partner.example (mx1.partner.example [203.0.113.25]) by "
            "mail151-ch1.bigfish.com (Postfix) with ESMTP id 9C1F318004D for "
            "<tanaka@example.co.jp>; Tue, 14 Feb 2012 09:12:46 +0000 (UTC)",
            {
                "from_host": "mx1.partner.example",
                "from_rdns": "mx1.partner.example",
                "ip": "203.0.113.25",
                "by_host": "mail151-ch1.bigfish.com",
                "with_proto": "ESMTP",
                "id": "9C1F318004D",
                "for_addr": "tanaka@example.co.jp",
                "time": "2012-02-14T09:12:46+00:00",
            },
        ),
        (
            "from [192.0.2.40] (helo=workstation.partner.example) by mx1.partner.example "
            "with esmtpsa (TLSv1:AES128-SHA:128) id 1RxE9v-0002Ab-Q1; "
            "Tue, 14 Feb 2012 18:12:40 +0900",
            {
                "from_host": "192.0.2.40",
                "from_helo": "workstation.partner.example",
                "ip": "192.0.2.40",
                "with_proto": "esmtpsa",
                "time": "2012-02-14T18:12:40+09:00",
            },
        ),
        (
            "from TYZAPC01FT019.eop-APC01.prod.protection.outlook.com "
            "(2603:1096:400:2b4:cafe::8a) by TYCP286CA0101.outlook.office365.com "
            "(2603:1096:400:2b4::9) with Microsoft SMTP Server (version=TLS1_3, "
            "cipher=TLS_AES_256_GCM_SHA384) id 15.20.8207.10 via Frontend Transport; "
            "Mon, 9 Nov 2026 03:15:20 +0000",
            {
                "ip": "2603:1096:400:2b4:cafe::8a",
                "with_proto": "Microsoft SMTP Server",
                "id": "15.20.8207.10",
                "by_host": "TYCP286CA0101.outlook.office365.com",
            },
        ),
        (
            "from newsletter.shop.example (unknown [198.51.100.77]) by mail88-tx2.bigfish.com "
            "(Postfix) with ESMTP id 0F6D4C0047; Wed, 7 Mar 2012 02:41:07 +0000 (UTC)",
            {"from_rdns": "unknown", "ip": "198.51.100.77"},
        ),
        (
            "by mx.example.org with SMTP; garbage date",
            {"by_host": "mx.example.org", "time": None, "from_host": None},
        ),
        ("", {"from_host": None, "ip": None, "time": None}),
    ],
)
def test_parse_received(value, expected):
    hop, _ = parse_received(value)
    for key, want in expected.items():
        assert getattr(hop, key) == want, key


@pytest.mark.parametrize(
    ("host", "role"),
    [
        ("TX2EHSOBE006.bigfish.com", "outbound"),
        ("tx2ehsobe001.messaging.microsoft.com", "outbound"),
        ("mail-ty2jpn01on2101.outbound.protection.outlook.com", "outbound"),
        ("CH1EHSMHS012.bigfish.com", "inbound"),
        ("TYZAPC01FT019.mail.protection.outlook.com", "inbound"),
        ("CH1EHSHUB004.bigfish.com", "hub"),
        ("mail151-ch1.bigfish.com", "internal"),
        ("mail151-ch1", "internal"),
        ("TY2PR01MB4000.jpnprd01.prod.outlook.com", "internal"),
        ("mx1.partner.example", None),
        ("bigfish.com.evil.example", None),
        (None, None),
    ],
)
def test_edge_roles(host, role):
    assert edge_role(host) == role


def test_fope_ham_chain(samples):
    hops = analyze_path(samples / "fope-ham-bigfish.eml").received
    assert [h.hop for h in hops] == [1, 2, 3, 4]
    assert hops[0].from_host == "192.0.2.40"  # hop 1 is the bottom-most header
    assert [h.fope_edge for h in hops] == [False, True, True, True]
    assert hops[1].ip == "203.0.113.25"
    assert hops[1].delay_s == 6.0  # 18:12:40 +0900 → 09:12:46 +0000
    assert not any(h.is_outbound_edge for h in hops)


def test_outbound_edge_in_ndr(samples):
    report = analyze_path(samples / "ndr-backscatterer.eml")
    edge = report.outbound_edge
    assert edge is not None and edge.from_host == "TX2EHSOBE006.bigfish.com"


def test_clock_skew_flagged():
    from fopegui.core.analyze import analyze_bytes

    data = (
        b"Received: from b.example ([192.0.2.2]) by c.example; Mon, 1 Jan 2026 10:00:00 +0000\n"
        b"Received: from a.example ([192.0.2.1]) by b.example; Mon, 1 Jan 2026 10:05:00 +0000\n"
        b"Subject: skew\n\n"
    )
    report = analyze_bytes(data)
    assert report.received[1].delay_s == -300.0
    skew = [f for f in report.findings if f.id == "clock-skew"]
    assert skew and skew[0].severity == "warning"


def test_slow_hop_flagged():
    from fopegui.core.analyze import analyze_bytes

    data = (
        b"Received: from b.example ([192.0.2.2]) by c.example; Mon, 1 Jan 2026 12:00:00 +0000\n"
        b"Received: from a.example ([192.0.2.1]) by b.example; Mon, 1 Jan 2026 10:00:00 +0000\n"
        b"Subject: slow\n\n"
    )
    report = analyze_bytes(data)
    assert [f.id for f in report.findings if f.id == "slow-hop"] == ["slow-hop"]


def test_edge_seen_only_as_receiver_has_no_recorded_ip():
    from fopegui.core.analyze import analyze_bytes
    from fopegui.core.received import outbound_edge_host, outbound_edge_ip

    data = (
        b"Received: from mail.example.co.jp (203.0.113.10) by TX2EHSOBE006.bigfish.com "
        b"(10.9.40.26) with Microsoft SMTP Server; Thu, 12 Jan 2012 05:03:10 +0000\n"
        b"Subject: s\n\n"
    )
    edge = analyze_bytes(data).outbound_edge
    assert outbound_edge_host(edge) == "TX2EHSOBE006.bigfish.com"
    assert outbound_edge_ip(edge) is None  # 203.0.113.10 is the customer's server, not the edge


# --- timing for the views: hop states, normalised times, total delivery time -----------------


def _hop(number: int, time: str | None, delay: float | None = None):
    from fopegui.core.model import Hop

    return Hop(number, 0, time=time, delay_s=delay)


@pytest.mark.parametrize(
    ("delay", "state"),
    [
        (None, None),
        (0.0, None),
        (599.0, None),
        (600.0, "slow"),
        (-0.5, "drift"),
        (-60.0, "drift"),
        (-61.0, "skew"),
    ],
)
def test_hop_state_uses_the_core_thresholds(delay, state) -> None:
    from fopegui.core.received import CLOCK_DRIFT_S, SLOW_HOP_S, hop_state

    assert (SLOW_HOP_S, CLOCK_DRIFT_S) == (600, 60)  # the thresholds these cases are built on
    assert hop_state(_hop(2, None, delay)) == state


def test_normalised_times_put_every_hop_in_one_zone() -> None:
    from datetime import UTC, timedelta, timezone

    from fopegui.core.received import normalised_time

    tokyo = _hop(1, "2012-03-07T11:41:07+09:00")
    london = _hop(2, "2012-03-07T02:41:09+00:00")
    assert normalised_time(tokyo).isoformat() == "2012-03-07T02:41:07+00:00"
    assert normalised_time(london).tzinfo is UTC
    assert (normalised_time(london) - normalised_time(tokyo)).total_seconds() == 2
    eastern = timezone(timedelta(hours=-5))
    assert normalised_time(tokyo, eastern).isoformat() == "2012-03-06T21:41:07-05:00"
    local = normalised_time(tokyo, None)  # the machine's zone: same instant, some offset
    assert local.utcoffset() is not None and local == normalised_time(tokyo)
    assert normalised_time(_hop(3, None)) is None
    assert normalised_time(_hop(3, "not a time")) is None


def test_total_delivery_time_runs_from_the_first_timed_hop_to_the_last() -> None:
    from fopegui.core.received import total_delivery_s

    hops = [
        _hop(1, None),
        _hop(2, "2012-03-07T11:41:07+09:00"),
        _hop(3, "2012-03-07T02:39:00+00:00", -127),  # skewed clock: still in hop order
        _hop(4, "2012-03-07T02:49:00+00:00", 600),
        _hop(5, None),
    ]
    assert total_delivery_s(hops) == 473.0  # 02:41:07 → 02:49:00
    assert total_delivery_s(hops[:2]) is None  # one timed hop: no span
    assert total_delivery_s([]) is None


def test_total_delivery_time_of_a_real_chain(samples) -> None:
    from fopegui.core.received import hop_state, total_delivery_s

    report = analyze_path(samples / "fope-spam-customspam.eml")
    assert [h.delay_s for h in report.received] == [None, 2.0, 1.0]
    assert total_delivery_s(report.received) == 3.0
    assert [hop_state(h) for h in report.received] == [None, None, None]


@pytest.mark.parametrize(
    "date",
    [
        "Tue, 16 Sep 2025 14:13:30 GMT",
        "16 Sep 2025 14:13 gmt",
        "Tue, 16 Sep 2025 14:13:30 UT (Coordinated Universal Time)",
        "Tue, 16 Sep 2025 14:13:30 UTC",
        "Tue, 16 Sep 2025 14:13:30 +0000",
        "Tue, 16 Sep 2025 14:13:30 -0000",
        "Tue, 16 Sep 2025 14:13:30 +0930 (ACST)",
        "Tue, 16 Sep 2025 14:13:30 EST",  # a name the pattern leaves to the standard library
        "Tue, 31 Feb 2025 14:13:30 GMT",
    ],
)
def test_a_date_with_a_named_zone_is_read_as_the_standard_library_reads_it(date) -> None:
    from email.utils import parsedate_to_datetime

    from fopegui.core.received import _DATE, _parse_time

    try:
        expected = parsedate_to_datetime(date)
    except ValueError:
        expected = None
    if expected is not None and expected.tzinfo is None:  # -0000: the zone is unknown
        expected = expected.replace(tzinfo=UTC)
    assert _parse_time(date) == expected
    got = _parse_time(date)
    assert (got.isoformat() if got else None) == (expected.isoformat() if expected else None)
    assert bool(_DATE.match(date)) == ("EST" not in date)  # read without the library's parser


def test_a_named_zone_is_read_as_plus_0000_with_a_fraction_of_a_second_too() -> None:
    from fopegui.core.received import _parse_time

    named = _parse_time("Tue, 16 Sep 2025 14:13:30.123 UTC")
    assert named is not None and named == _parse_time("Tue, 16 Sep 2025 14:13:30.123 +0000")
    assert named.isoformat() == "2025-09-16T14:13:30+00:00"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023-07-28 19:32:25.928 -0700 PDT", "2023-07-28T19:32:25-07:00"),  # Go's layout
        (" " * 35 + "2023-07-28T19:32:25Z", "2023-07-28T19:32:25+00:00"),  # second "-" at 42
        ("Fri, 28 Jul 2023 19:32:25 -0700", "2023-07-28T19:32:25-07:00"),  # one hyphen: RFC
        ("Fri, 28 Jul 2023 19:32:25 -0700 (PDT-1)", "2023-07-28T19:32:25-07:00"),
    ],
)
def test_iso_dates_are_looked_for_only_where_two_hyphens_can_hold_one(date, expected) -> None:
    from fopegui.core.received import _parse_time

    assert _parse_time(date).isoformat() == expected
