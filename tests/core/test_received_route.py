"""The Received head's clauses read two ways: one match for the usual shape, the general
reading (comments blanked, clause words found one by one) for every head. Where the first
way answers, it must answer what the second does."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.core import received
from fopegui.core.received import _general_route, _simple_route, parse_received

# Heads as servers write them (the part before ";"), from the kernel list and phishing archives
# named in REALMAIL.md, addresses and names replaced by documentation ones.
USUAL_HEADS = [
    "from DM6PR21MB1370.namprd21.prod.outlook.com (2603:10b6:5:16b::28) by "
    "DM6PR21MB1321.namprd21.prod.outlook.com (2603:10b6:5:175::8) with Microsoft SMTP Server "
    "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.5438.7",
    "from localhost.localdomain (localhost.localdomain [127.0.0.1])\tby smtp.example.org "
    "(Postfix) with ESMTP id 0CA6E337BA3",
    "from out1.example.net (out1.example.net [IPv6:2001:db8::1:20])\tby mail.example.de "
    "(Postfix) with ESMTP id 9FEA77514F6\tfor <lists+hyperv@example.de>",
    "from DB3EUR04FT054.eop-eur04.prod.protection.outlook.com (2603:10a6:10:130:cafe::64) by "
    "DB8P191CA0022.outlook.office365.com (2603:10a6:10:130::32) with Microsoft SMTP Server "
    "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.5966.19 via "
    "Frontend Transport",
    "from mail-oi1-f174.example.com (198.51.100.174) by DB8EUR05FT020.mail.protection."
    "outlook.com (10.233.238.136) with Microsoft SMTP Server id 15.20.6813.15",
    "from IA3PR10MB8164.namprd10.prod.outlook.com (::1) by MW4PR10MB5749.namprd10.prod."
    "outlook.com with HTTPS",
    "FROM [192.0.2.40] (helo=workstation.example) By mx1.example WITH esmtpsa (TLSv1) ID x1",
    # a list server's own hop (a comment, no "from"), a relay's hop with no "from" at all
    "(majordomo@vger.example.org) by vger.example.org via listexpand id S229785AbiJSC7X "
    "(ORCPT <rfc822;lists@example.de>)",
    "by mail-oi1-f208.example.com with SMTP id 5614622812f47-3a39.1        for <someone@x.example>",
    # comments one after the other (Postfix's TLS notes)
    "from relay.example.org (relay.example.org [192.0.2.140])\t(using TLSv1.2 with cipher "
    "ECDHE-ECDSA-AES256-GCM-SHA384 (256/256 bits))\t(No client certificate requested)\tby "
    "mirror.example.org (Postfix) with ESMTPS id 5A2EE39758",
]

# Heads the general reading must take: text before the first clause that is not a comment,
# a comment nested three deep, a clause word twice, a word glued to a comment, non-ASCII.
OTHER_HEADS = [
    "relay by vger.example.org via listexpand id S229785AbiJSC7X",
    "(a) (b) by vger.example.org",
    "from a.example (x (y (z))) by b.example",
    "from a.example by b.example by c.example",
    "from a.example(comment) by b.example",
    "from mäil.example (192.0.2.1) by b.example",
    # a word that is brackets alone: the general reading takes the next word ("via" here)
    "by mx.example with a via b id ; via c",
]


@pytest.mark.parametrize("head", USUAL_HEADS)
def test_a_usual_head_is_read_in_one_match_as_the_general_reading_reads_it(head: str) -> None:
    assert _simple_route(head) is not None
    assert _simple_route(head) == _general_route(head)


@pytest.mark.parametrize("head", OTHER_HEADS)
def test_any_other_head_goes_the_general_way(head: str) -> None:
    assert _simple_route(head) is None


def test_what_the_usual_head_gives() -> None:
    hop, _ = parse_received(USUAL_HEADS[2] + "; Thu, 13 Jul 2023 02:07:29 +0200 (CEST)")
    assert (hop.from_host, hop.from_rdns, hop.ip) == (
        "out1.example.net", "out1.example.net", "2001:db8::1:20"
    )
    assert (hop.by_host, hop.with_proto, hop.id, hop.for_addr) == (
        "mail.example.de", "ESMTP", "9FEA77514F6", "lists+hyperv@example.de"
    )


# Pieces a head is made of: clause words in any case, words that strip to nothing or keep
# brackets, comments (nested, unbalanced, holding clause words), and every kind of white
# space str.split() knows (including the ASCII separators \x1c-\x1f) or none at all.
_KEYWORDS = st.sampled_from(["from", "by", "with", "id", "via", "for"]).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.capitalize()])
)
_WORDS = st.sampled_from([
    "mx.example", "[192.0.2.1]", "<a@example.org>", ";", "[]", "IPv6:2001:db8::1", "ESMTPS",
    "Microsoft", "15.20.1.2", "fromage", "by-pass", "é.example", "x;y", "<>",
])
_COMMENTS = st.sampled_from([
    "(x)", "(a (b) c)", "(a(b(c)))", "(by y)", "(from z [192.0.2.9])", "(helo=h.example)",
    "( [198.51.100.7])", "(unknown [203.0.113.5])", "(", ")", "()", "(2001:db8::5)",
])
_SPACES = st.sampled_from([" ", "\t", "  ", " \t", "\x0b", "\x1c", "\x1f", ""])


@st.composite
def heads(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(_KEYWORDS, _WORDS, _COMMENTS), max_size=14))
    text = draw(_SPACES)
    for piece in pieces:
        text += piece + draw(_SPACES)
    return text


@st.composite
def usual_heads(draw: st.DrawFn) -> str:
    """Heads close to the usual shape, so the one-match reading answers often."""
    parts = []
    if draw(st.booleans()):  # no "from": a comment first, or nothing
        parts.extend(draw(st.lists(_COMMENTS, max_size=2)))
    for keyword, optional in (("from", True), ("by", False), ("with", True), ("via", True),
                              ("id", True), ("via", True), ("for", True)):  # fmt: skip
        if optional and draw(st.booleans()):
            continue
        parts.append(draw(st.sampled_from([keyword, keyword.upper()])))
        parts.extend(draw(st.lists(_WORDS, min_size=1, max_size=2)))
        parts.extend(draw(st.lists(_COMMENTS, max_size=2)))
    text = draw(_SPACES)
    for part in parts:
        text += part + draw(st.sampled_from([" ", "\t", "  ", "\x1c"]))
    return text


@settings(max_examples=3000)
@given(st.one_of(heads(), usual_heads()))
def test_the_one_match_reading_never_differs_from_the_general_one(head: str) -> None:
    simple = _simple_route(head)
    assert simple is None or simple == _general_route(head)


def _remembered_in_three(monkeypatch, name: str):
    """core.received's memory ``name``, checked to be bounded (4,096) and replaced for the
    test by the same function remembered in three entries."""
    real = getattr(received, name)
    assert real.cache_info().maxsize == 4096
    small = lru_cache(maxsize=3)(real.__wrapped__)
    monkeypatch.setattr(received, name, small)
    return small


def test_the_senders_facts_are_remembered_within_bounds(monkeypatch) -> None:
    small = _remembered_in_three(monkeypatch, "_sender_facts")
    for n in range(10):
        hop, _ = parse_received(f"from h{n}.example (h{n}.example [192.0.2.{n}]) by mx.example")
        assert hop.ip == f"192.0.2.{n}"
        assert small.cache_info().currsize <= 3
    again, _ = parse_received("from h9.example (h9.example [192.0.2.9]) by mx.example")
    assert (again.ip, again.from_rdns) == ("192.0.2.9", "h9.example")


def test_dates_are_remembered_within_bounds_and_read_the_same(monkeypatch) -> None:
    small = _remembered_in_three(monkeypatch, "_time_of")
    for n in range(10):
        hop, when = parse_received(f"from a by b; Mon, 13 Jul 2026 18:30:{n:02d} +0200")
        assert hop.time == f"2026-07-13T18:30:{n:02d}+02:00" == when.isoformat()
        assert small.cache_info().currsize <= 3
    first, when = parse_received("by b; Mon, 13 Jul 2026 18:30:09 +0200 (CEST)")
    second, again = parse_received("by c; Mon, 13 Jul 2026 18:30:09 +0200 (CEST)")
    assert first.time == second.time == "2026-07-13T18:30:09+02:00" and when == again
    for _ in range(2):  # an unreadable date is remembered as one too
        hop, when = parse_received("from a by b; not a date")
        assert (hop.time, when) == (None, None)
