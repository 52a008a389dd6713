"""The DNSBL catalogue data (dnsbl.json) and its loader."""

from __future__ import annotations

import ipaddress
import re

import pytest

from fopegui.core import catalogue
from fopegui.core import dnsbl_catalogue as cat

RAW = catalogue.load("dnsbl")


def _bilingual(entry) -> bool:
    return isinstance(entry, dict) and bool(entry.get("en")) and bool(entry.get("ja"))


def test_backscatterer_comes_first_with_the_kb_notes() -> None:
    first = cat.lists()[0]
    assert (first.id, first.zone, first.status, first.enabled) == (
        "backscatterer",
        "ips.backscatterer.org",
        "alive",
        True,
    )
    assert "127.0.0.2" in first.listing_codes
    note = first.note("en")
    for words in ("SAFE MODE", "<>", "four weeks", "paid", "Microsoft does not request delisting"):
        assert words in note
    assert "セーフモード" in first.note("ja")


def test_major_live_lists_present() -> None:
    zones = {lst.zone: lst for lst in cat.lists()}
    for zone in (
        "zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org", "psbl.surriel.com",
        "dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net",
        "bl.mailspike.net", "all.s5h.net", "dnsbl.dronebl.org",
    ):  # fmt: skip
        assert zones[zone].status == "alive"
    zen = zones["zen.spamhaus.org"]
    assert {f"127.0.0.{n}" for n in (2, 3, 4, 9, 10, 11)} <= set(zen.listing_codes)
    assert set(zen.error_codes) == {"127.255.255.252", "127.255.255.254", "127.255.255.255"}
    assert {f"127.0.0.{n}" for n in (2, 10, 11, 12, 13, 14)} == set(
        zones["bl.mailspike.net"].listing_codes
    )
    assert "127.0.0.3" in zones["dnsbl.dronebl.org"].listing_codes
    assert "registered" in zones["b.barracudacentral.org"].note("en")


def test_dead_lists_are_marked_and_off() -> None:
    dead = {lst.zone: lst for lst in cat.lists() if lst.dead}
    assert {"dnsbl.sorbs.net", "ix.dnsbl.manitu.net", "db.wpbl.info"} <= set(dead)
    assert not any(lst.enabled or lst.enabled_by_default for lst in dead.values())
    assert all("dead" in lst.note("en") for lst in dead.values())


@pytest.mark.parametrize("entry", RAW["lists"], ids=lambda e: e["id"])
def test_every_entry_is_complete(entry) -> None:
    assert re.fullmatch(r"[a-z0-9-]+", entry["id"])
    assert entry["kind"] == "ip" and entry["status"] in ("alive", "dead")
    assert isinstance(entry["enabled_by_default"], bool)
    assert entry["test_points"] == {"listed": "127.0.0.2", "not_listed": "127.0.0.1"}
    assert entry["listing_codes"]
    for code, meaning in {**entry["listing_codes"], **entry["error_codes"]}.items():
        assert ipaddress.ip_address(code) in ipaddress.ip_network("127.0.0.0/8")
        assert _bilingual(meaning), code
    assert not set(entry["listing_codes"]) & set(entry["error_codes"])
    assert entry["notes"] is None or _bilingual(entry["notes"])
    if entry["status"] == "alive":
        assert entry["lookup_url"] and entry["delist_url"]


def test_ids_and_zones_are_unique() -> None:
    lists = cat.lists()
    assert len({lst.id for lst in lists}) == len(lists)
    assert len({lst.zone for lst in lists}) == len(lists)


def test_every_message_is_bilingual() -> None:
    for section in ("messages", "reputation", "error_codes"):
        for key, entry in RAW[section].items():
            assert _bilingual(entry), f"{section}.{key}"
            en, ja = entry["en"], entry["ja"]
            assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", ja)), key


def test_enabled_overrides_and_custom_zones() -> None:
    default = {lst.id for lst in cat.enabled_lists()}
    assert "backscatterer" in default and "sorbs" not in default and "uceprotect-3" not in default
    chosen = cat.lists(
        {"backscatterer": False, "uceprotect-3": True, "dnsbl.sorbs.net": True},
        ["rbl.example.net", "ZEN.spamhaus.org."],
    )
    by_id = {lst.id: lst for lst in chosen}
    assert not by_id["backscatterer"].enabled
    assert by_id["uceprotect-3"].enabled and by_id["sorbs"].enabled
    assert by_id["spamhaus-zen"].enabled  # a custom zone the catalogue knows: that entry
    custom = by_id["custom:rbl.example.net"]
    assert custom.custom and custom.enabled and custom.zone == "rbl.example.net"
    assert chosen[-1] is custom  # user's zones after the catalogue
    off = cat.lists({"rbl.example.net": False}, ["rbl.example.net"])
    assert not off[-1].enabled


def test_for_zones_uses_catalogue_entries_where_known() -> None:
    got = cat.for_zones(["zen.spamhaus.org", "rbl.example.net", "zen.spamhaus.org"])
    assert [(x.id, x.custom, x.enabled) for x in got] == [
        ("spamhaus-zen", False, True),
        ("custom:rbl.example.net", True, True),
    ]


def test_meanings_and_known_errors() -> None:
    zen = cat.by_zone("zen.spamhaus.org")
    assert zen.listing_meaning("127.0.0.4", "en").startswith("XBL")
    assert "パブリック" in zen.error_meaning("127.255.255.254", "ja")
    custom = cat.custom_list("rbl.example.net")
    assert "DBL" in custom.error_meaning("127.0.1.255", "en")  # global error codes apply
    assert custom.error_meaning("127.0.0.2") is None
    assert cat.find_zone("dnsbl-1.uceprotect.net").id == "uceprotect-1"
    assert cat.find_zone("rbl.example.net") is None


def test_lookup_link() -> None:
    assert cat.by_id("backscatterer").lookup_link("192.0.2.1") == (
        "http://www.backscatterer.org/?ip=192.0.2.1"
    )


def test_messages_format_placeholders() -> None:
    text = cat.message("undocumented_code", "ja", codes="127.0.0.99")
    assert "127.0.0.99" in text and "{" not in text
    assert cat.is_loopback_v4("127.1.2.3") and not cat.is_loopback_v4("10.0.0.1")
    assert not cat.is_loopback_v4("::1") and not cat.is_loopback_v4("junk")
