"""Received layouts of real mail: FOPE/EOP outbound edge names, Google's layout, dates without
';', Go/ISO dates, IPv4-mapped IPv6 — and the edge IP the recipient recorded (KB2590562)."""

from __future__ import annotations

import pytest

from fopegui.core.analyze import analyze_text
from fopegui.core.received import edge_role, outbound_edge_host, outbound_edge_ip, parse_received


def chain(*received: str):
    text = "".join(f"Received: {r}\n" for r in received) + "Subject: x\n"
    return analyze_text(text)


@pytest.mark.parametrize(
    ("host", "role"),
    [
        ("outbound-va3.frontbridge.com", "outbound"),
        ("mail-db8lp0188.outbound.messaging.microsoft.com", "outbound"),
        ("co9outboundpool.messaging.microsoft.com", "outbound"),
        ("tx2outboundsmtppool2.messaging.microsoft.com", "outbound"),
        ("mail-dub.bigfish.com", "outbound"),
        ("TX2EHSOBE006.bigfish.com", "outbound"),
        ("NAM10-DM6-obe.outbound.protection.outlook.com", "outbound"),
        ("mail186-dub-R.bigfish.com", "internal"),
        ("TX2EHSMHS007.bigfish.com", "inbound"),
        ("mx.google.com", None),
    ],
)
def test_edge_names(host, role):
    assert edge_role(host) == role


def test_fope_edge_ip_is_the_one_the_recipient_recorded_not_a_pool_or_private_address():
    report = chain(
        "from tx2outboundsmtppool2.messaging.microsoft.com ([65.55.83.132]:34681 "
        '"EHLO TX2EHSNDR001.bigfish.com" rhost-flags-OK-OK-OK-FAIL) by mx1.lists.example.org '
        "with ESMTP id S4418230Ab7QRTWM; Tue, 13 Mar 2012 11:42:19 +0100",
        "from tx2outboundpool.messaging.microsoft.com (10.9.14.236) by TX2EHSNDR001.bigfish.com "
        "(10.9.40.50) with Microsoft SMTP Server (TLS) id 14.1.225.23; Tue, 13 Mar 2012 10:41:25 "
        "+0000",
        "from mail185-tx2-R.bigfish.com (10.9.14.244) by TX2EHSOBE005.bigfish.com (10.9.40.25) "
        "with Microsoft SMTP Server id 14.1.225.23; Tue, 13 Mar 2012 10:41:25 +0000",
    )
    edge = report.outbound_edge
    assert outbound_edge_host(edge) == "tx2outboundsmtppool2.messaging.microsoft.com"
    assert outbound_edge_ip(edge) == "65.55.83.132"


def test_frontbridge_edge():
    report = chain(
        'from outbound-va3.frontbridge.com ([216.32.180.16]:24241 "EHLO VA3EHSOBE005.bigfish.com")'
        " by mx2.lists.example.org with ESMTP id S90317725AbZKcWq; Mon, 24 Nov 2008 09:12:08 +0000",
        "from mail177-va3-R.bigfish.com (10.7.14.249) by VA3EHSOBE005.bigfish.com (10.7.40.25) "
        "with Microsoft SMTP Server id 8.1.291.1; Mon, 24 Nov 2008 09:11:53 +0000",
    )
    assert outbound_edge_ip(report.outbound_edge) == "216.32.180.16"


def test_google_layout_helo_then_rdns_and_ip():
    report = chain(
        "from NAM12-DM6-obe.outbound.protection.outlook.com (mail-dm6nam12on2061.outbound."
        "protection.outlook.com. [40.107.243.61]) by mx.google.com with ESMTPS id x; "
        "Tue, 04 Mar 2025 10:11:12 -0800 (PST)",
        "from SA1PR01MB0001.namprd01.prod.outlook.com (2603:10b6:806:1::1) by "
        "SA1PR01MB0002.namprd01.prod.outlook.com with Microsoft SMTP Server; "
        "Tue, 4 Mar 2025 18:11:11 +0000",
    )
    edge = report.outbound_edge
    assert outbound_edge_ip(edge) == "40.107.243.61"
    assert outbound_edge_host(edge).startswith("mail-dm6nam12on2061.outbound.protection")


def test_a_hop_by_the_edge_records_no_edge_ip():
    report = chain(
        "from TX2EHSOBE006.bigfish.com (10.9.40.26) by mail.example.co.jp (203.0.113.10) with "
        "Microsoft SMTP Server id 14.1.339.1; Thu, 12 Jan 2012 14:03:14 +0900",
    )
    edge = report.outbound_edge
    assert outbound_edge_host(edge) == "TX2EHSOBE006.bigfish.com"
    assert outbound_edge_ip(edge) is None  # 10.9.40.26 is inside FOPE: no blacklist sees it


@pytest.mark.parametrize(
    ("value", "ip", "time"),
    [
        ("by filterdrecv-7bc86b958d-9x6xr with SMTP id filterdrecv-1 2023-07-28 19:32:25.928 "
         "+0000 UTC m=+1553532.585126187", None, "2023-07-28T19:32:25+00:00"),
        ("from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.net with ESMTP id "
         "abc Tue, 4 Mar 2014 10:11:10 +0000", "192.0.2.1", "2014-03-04T10:11:10+00:00"),
        ("from x ([::ffff:65.55.88.14]) by y; Tue, 4 Mar 2014 10:11:10.123 +0000",
         "65.55.88.14", "2014-03-04T10:11:10+00:00"),
        ("from a (b [192.0.2.1]:25) by y with SMTP; 2014-03-04T10:11:10Z", "192.0.2.1",
         "2014-03-04T10:11:10+00:00"),
        ("from a (b [192.0.2.1]) by y; Tue, 4 Mar 2014 19:11:10 +0900 (JST)", "192.0.2.1",
         "2014-03-04T19:11:10+09:00"),
    ],
)
def test_received_variants(value, ip, time):
    hop, _ = parse_received(value)
    assert (hop.ip, hop.time) == (ip, time)
