"""Live sender-reputation checks (KB2669119) against the local unbound."""

from __future__ import annotations

import asyncio

import pytest

from fopegui.net.reputation import check_reputation, registered_domain


def _run(server, ip, helo, ptr=None, zones=None, lang="en", timeout_s=0.5, deadline_s=2.0):
    zones = zones if zones is not None else [server.zone_list("listed.test")]
    config = server.config(timeout_s, deadline_s)
    return asyncio.run(check_reputation(ip, helo, ptr, config, lang=lang, zones=zones))


def _status(result) -> dict[str, str]:
    return {i.id: i.status for i in result.items}


def test_good_sender(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "mail.hosts.test", "mail.hosts.test",
               zones=[dns_server.zone_list("clean.test")])  # fmt: skip
    assert _status(res) == {
        "ptr": "ok",
        "fcrdns": "ok",
        "helo": "ok",
        "helo_ptr": "ok",
        "dnsbl": "ok",
        "open_proxy": "info",
    }
    assert res.item("ptr").values["names"] == ["mail.hosts.test"]


def test_every_item_is_marked_live_with_a_timestamp(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "mail.hosts.test")
    assert res.live is True and res.checked_at
    assert "not at delivery time" in res.note
    for item in res.items:
        assert item.live is True and item.checked_at == res.checked_at
        assert item.title and item.detail
    data = res.to_json()
    assert [i["id"] for i in data["items"]] == [
        "ptr", "fcrdns", "helo", "helo_ptr", "dnsbl", "open_proxy",
    ]  # fmt: skip


def test_listed_ip_is_a_problem(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "mail.hosts.test")
    assert res.item("dnsbl").status == "problem"
    assert "Test listed.test" in res.item("dnsbl").detail
    assert res.dnsbl is not None and res.dnsbl.results[0].status == "listed"


def test_no_ptr_is_a_problem(dns_server) -> None:
    res = _run(dns_server, "203.0.113.30", "v4only.hosts.test")
    s = _status(res)
    assert s["ptr"] == "problem" and "no reverse DNS" in res.item("ptr").detail
    assert s["fcrdns"] == "info"  # nothing to confirm
    assert s["helo"] == "ok"  # v4only.hosts.test → 203.0.113.30
    assert s["helo_ptr"] == "info"


def test_fcrdns_failure(dns_server) -> None:
    # 203.0.113.20 → PTR fake.hosts.test → A 203.0.113.99: not confirmed.
    res = _run(dns_server, "203.0.113.20", "fake.hosts.test")
    assert res.item("ptr").status == "ok"
    fc = res.item("fcrdns")
    assert fc.status == "problem"
    assert "203.0.113.99" in fc.detail


def test_helo_mismatch_and_other_domain(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "other.hosts.test")
    assert res.item("helo").status == "warning"
    assert "203.0.113.77" in res.item("helo").detail
    res = _run(dns_server, "203.0.113.10", "relay.otherdomain.test")
    assert res.item("helo").status == "ok"  # it does resolve to the IP…
    hp = res.item("helo_ptr")
    assert hp.status == "warning"  # …but is not in the PTR name's domain
    assert "otherdomain.test" in hp.detail and "hosts.test" in hp.detail


def test_helo_that_does_not_exist(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "nothere.hosts.test")
    assert res.item("helo").status == "problem"


def test_helo_address_literal(dns_server) -> None:
    assert _run(dns_server, "203.0.113.10", "[203.0.113.10]").item("helo").status == "ok"
    assert _run(dns_server, "203.0.113.10", "[198.51.100.9]").item("helo").status == "warning"
    assert _run(dns_server, "203.0.113.10", "localhost").item("helo").status == "warning"


def test_faults_are_unknown_never_ok(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "x.servfail.test",
               zones=[dns_server.zone_list("timeout.test")], timeout_s=0.3)  # fmt: skip
    assert res.item("helo").status == "unknown"
    assert res.item("dnsbl").status == "unknown"


def test_ptr_changed_since_delivery_is_mentioned(dns_server) -> None:
    res = _run(dns_server, "203.0.113.10", "mail.hosts.test", "old-name.hosts.test")
    assert res.item("ptr").status == "ok"
    assert "old-name.hosts.test" in res.item("ptr").detail


def test_ipv6_sender(dns_server) -> None:
    res = _run(dns_server, "2001:db8::25", "mail.hosts.test")
    assert res.item("ptr").status == "ok"
    assert res.item("fcrdns").status == "ok"
    assert res.item("helo").status == "ok"


def test_open_proxy_is_not_tested_and_says_so(dns_server) -> None:
    for lang, words in (
        ("en", ("Not tested", "DroneBL")),
        ("ja", ("テストしていません", "DroneBL")),
    ):
        proxy = _run(dns_server, "203.0.113.10", "mail.hosts.test", lang=lang).item("open_proxy")
        assert proxy.status == "info" and proxy.values == {"tested": False}
        assert all(w in proxy.detail for w in words)


def test_missing_inputs_are_info(dns_server) -> None:
    res = _run(dns_server, None, None)
    assert set(_status(res).values()) == {"info"}
    assert res.dnsbl is None


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("mail.example.co.jp", "example.co.jp"),
        ("a.b.example.com", "example.com"),
        ("mx01.mail.example.ne.jp.", "example.ne.jp"),
        ("TX2EHSOBE006.bigfish.com", "bigfish.com"),
        ("host.example.de", "example.de"),
    ],
)
def test_registered_domain(name: str, domain: str) -> None:
    assert registered_domain(name) == domain


def test_a_dead_list_does_not_wipe_finished_checks(dns_server) -> None:
    # The dead list (queries never answered) runs into the deadline; PTR and HELO, which
    # answered in milliseconds, keep their real results.
    zones = [dns_server.zone_list("clean.test"), dns_server.zone_list("timeout.test")]
    res = _run(dns_server, "203.0.113.10", "mail.hosts.test", "mail.hosts.test",
               zones=zones, timeout_s=2.0, deadline_s=0.6)  # fmt: skip
    status = _status(res)
    assert (status["ptr"], status["fcrdns"], status["helo"]) == ("ok", "ok", "ok")
    assert status["dnsbl"] == "unknown"  # one list did not answer: not clean


def test_items_are_reported_as_they_finish(dns_server) -> None:
    seen: list[str] = []
    config = dns_server.config(0.5, 2.0)
    zones = [dns_server.zone_list("clean.test")]
    check = check_reputation(
        "203.0.113.10",
        "mail.hosts.test",
        None,
        config,
        zones=zones,
        on_item=lambda item: seen.append(item.id),
    )
    res = asyncio.run(check)
    assert sorted(seen) == sorted(i.id for i in res.items)
    assert seen[-2:] == ["helo_ptr", "open_proxy"]  # derived from the others: last
