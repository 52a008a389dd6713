"""Checks that never lie (issues 12 and 17): the test points inside every check, a slow TXT
answer, IPv4-mapped addresses, host names resolving to loopback or private space, and the
targets of a message — all against the local unbound lab."""

from __future__ import annotations

import asyncio

import pytest

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.analyze import analyze_path
from fopegui.core.targets import plan_for_report
from fopegui.net import dnsbl, sanity
from fopegui.net.resolver import DnsAnswer, ResolverConfig


def _check(server, target, zones, timeout_s=0.5, deadline_s=2.0, port=None, **kw):
    config = server.config(timeout_s, deadline_s, port=port)
    return asyncio.run(dnsbl.check(target, zones, config, **kw))


def _only(report) -> dnsbl.ListResult:
    assert len(report.results) == 1, report.results
    return report.results[0]


# --- test points in every check ----------------------------------------------------------------


def test_a_resolver_that_hides_listings_never_gives_a_clean_bill(dns_server) -> None:
    # Issue 12: through a resolver answering NXDOMAIN for everything, the RFC 5782 test address
    # that every list lists came back "not listed" on every list, exit 0.
    report = _check(dns_server, "127.0.0.2", cat.enabled_lists(), port=dns_server.hiding_port)
    assert report.results and {r.status for r in report.results} == {"unknown"}
    assert report.summary["not_listed"] == 0
    assert report.exit_code == dnsbl.EXIT_INCONCLUSIVE
    for r in report.results:
        assert r.sanity == "hides_listings"
        assert "hides listings" in r.detail and "Not listed (NXDOMAIN)" in r.detail


def test_the_same_address_through_an_honest_resolver_is_listed_everywhere(dns_server) -> None:
    report = _check(dns_server, "127.0.0.2", cat.enabled_lists())
    assert {r.status for r in report.results} == {"listed"}
    assert {r.sanity for r in report.results} == {"ok"}


def test_a_list_answering_everything_is_not_a_listing(dns_server) -> None:
    r = _only(_check(dns_server, "203.0.113.77", [dns_server.zone_list("all.test")]))
    assert (r.status, r.sanity, r.codes) == ("unknown", "wildcard", ["127.0.0.2"])
    assert "127.0.0.1" in r.detail and "answers every query" in r.detail
    assert r.meanings == []


def test_a_zone_hiding_its_test_point_is_not_clean(dns_server) -> None:
    r = _only(_check(dns_server, "203.0.113.77", [dns_server.zone_list("hidden.test")]))
    assert (r.status, r.sanity) == ("unknown", "hides_listings")


def test_an_error_code_stays_an_error_and_names_the_public_resolver(dns_server) -> None:
    zen = cat.by_zone("zen.spamhaus.org")
    r = _only(_check(dns_server, "198.51.100.23", [zen], port=dns_server.public_port))
    assert (r.status, r.sanity, r.codes) == ("error", "error_code", ["127.255.255.254"])
    assert "public/open resolver" in r.detail
    # The same list through the lab's main face: the listing counts.
    r = _only(_check(dns_server, "198.51.100.23", [zen]))
    assert (r.status, r.sanity) == ("listed", "ok")
    assert r.meanings[0].startswith("SBL")


def test_a_known_public_resolver_is_named_for_lists_that_refuse_it() -> None:
    zen = cat.by_zone("zen.spamhaus.org")
    refused = DnsAnswer("2.0.0.127.zen.spamhaus.org", "A", "answer", ["127.255.255.254"])
    verdict = sanity.judge(zen, refused, None, ResolverConfig(("8.8.8.8",)))
    assert verdict.trustworthy is False and verdict.reason == "error_code"
    assert "8.8.8.8 is a public resolver (Google Public DNS)" in verdict.detail
    assert "Spamhaus ZEN refuses" in verdict.detail
    japanese = sanity.judge(zen, refused, None, ResolverConfig(("8.8.8.8",)), "ja")
    assert "パブリック リゾルバー" in japanese.detail
    backscatterer = cat.by_zone("ips.backscatterer.org")  # refuses nobody: no such note
    hidden = DnsAnswer("2.0.0.127.ips.backscatterer.org", "A", "nxdomain")
    plain = sanity.judge(backscatterer, hidden, None, ResolverConfig(("8.8.8.8",)))
    assert "8.8.8.8" not in plain.detail


def test_verdicts_are_kept_for_the_session_but_not_a_failure_to_check(dns_server) -> None:
    sanity.clear_cache()
    config = dns_server.config(0.3, 1.0)
    good, dead = dns_server.zone_list("bl07.test"), dns_server.zone_list("servfail.test")
    first = asyncio.run(dnsbl.check("203.0.113.77", [good, dead], config))
    assert [s.cached for s in first.sanity] == [False, False]
    assert sanity.cached(good, config) and not sanity.cached(dead, config)
    second = asyncio.run(dnsbl.check("203.0.113.78", [good, dead], config))
    assert {s.zone: s.cached for s in second.sanity} == {"bl07.test": True, "servfail.test": False}
    assert [r.status for r in second.results] == ["not_listed", "unknown"]
    # Another resolver (port) is another verdict.
    assert not sanity.cached(good, dns_server.config(0.3, 1.0, port=dns_server.hiding_port))


# --- a slow TXT answer ---------------------------------------------------------------------------


def test_a_listing_survives_a_txt_answer_slower_than_the_deadline(dns_server) -> None:
    # Issue 17 item 10: the A answer says listed; the TXT arrives after the deadline.
    zone = dns_server.zone_list("slowtxt.test")
    report = _check(dns_server, "203.0.113.10", [zone], timeout_s=3.0, deadline_s=0.8)
    r = _only(report)
    assert (r.status, r.codes, r.txt) == ("listed", ["127.0.0.2"], None)
    assert "TXT record did not arrive" in r.detail
    assert report.exit_code == dnsbl.EXIT_LISTED


def test_the_txt_answer_is_waited_for_within_the_deadline(dns_server) -> None:
    # Slower than one question's timeout (0.5 s), well within the check's deadline (2.5 s).
    zone = dns_server.zone_list("slowtxt.test")
    r = _only(_check(dns_server, "65.55.88.14", [zone], timeout_s=0.5, deadline_s=2.5))
    assert (r.status, r.txt) == ("listed", "Listed by SLOW, ip=65.55.88.14")


# --- which addresses are asked about ----------------------------------------------------------


def test_ipv4_mapped_ipv6_is_checked_as_ipv4(dns_server) -> None:
    report = _check(dns_server, "::ffff:65.55.88.14", [dns_server.zone_list("listed.test")])
    r = _only(report)
    assert report.ips == ["65.55.88.14"] and report.target == "::ffff:65.55.88.14"
    assert (r.ip, r.query, r.status) == ("65.55.88.14", "14.88.55.65.listed.test", "listed")
    assert dnsbl.query_name("::ffff:65.55.88.14", "zen.spamhaus.org") == (
        "14.88.55.65.zen.spamhaus.org"
    )


def test_a_host_resolving_to_loopback_is_never_asked_about(dns_server) -> None:
    report = _check(dns_server, "loopback.hosts.test", [dns_server.zone_list("listed.test")])
    assert report.lookup.addresses == ["127.0.0.2"]
    assert report.ips == [] and report.results == []
    assert report.summary["listed"] == 0 and report.exit_code == dnsbl.EXIT_INCONCLUSIVE
    (target, why), = report.excluded
    assert (target.ip, target.address_class, target.host) == (
        "127.0.0.2", "loopback", "loopback.hosts.test"
    )  # fmt: skip
    assert "not checked" in why


def test_a_host_resolving_to_mixed_addresses_checks_only_public_ones(dns_server) -> None:
    report = _check(dns_server, "mixed.hosts.test", [dns_server.zone_list("listed.test")])
    assert sorted(report.lookup.addresses) == ["10.0.0.7", "127.0.0.2", "203.0.113.30"]
    assert report.ips == ["203.0.113.30"]
    assert [r.ip for r in report.results] == ["203.0.113.30"]
    assert sorted(t.ip for t, _ in report.excluded) == ["10.0.0.7", "127.0.0.2"]
    private = _check(dns_server, "private.hosts.test", [dns_server.zone_list("listed.test")])
    assert private.results == [] and len(private.excluded) == 2
    assert [t.fallback for t in report.targets] == [False]  # typed: resolved on purpose


def test_a_typed_private_address_is_excluded_but_a_test_address_is_checked(dns_server) -> None:
    report = _check(dns_server, "10.9.40.26", [dns_server.zone_list("listed.test")])
    assert report.results == [] and report.excluded[0][0].address_class == "private"
    report = _check(dns_server, "127.0.0.2", [dns_server.zone_list("listed.test")])
    assert _only(report).status == "listed"


def test_the_plan_of_an_ndr_checks_its_ip_on_the_list_it_names(dns_server, samples) -> None:
    # The FOPE NDR: Backscatterer rejected 65.55.88.14; the edge's own hop recorded only its
    # private inside address, which is never checked. Backscatterer is switched off in the
    # configured lists: the NDR names it, so it is asked first anyway.
    plan = plan_for_report(analyze_path(samples / "ndr-backscatterer.eml"))
    configured = [dns_server.zone_list("clean.test")]
    lists = cat.lists_for_check(configured, plan.zones)
    plans: list[dnsbl.CheckPlan] = []
    report = _check(dns_server, plan, lists, on_plan=plans.append, label="ndr.eml")
    assert report.target == "ndr.eml" and report.ips == ["65.55.88.14"]
    assert [(r.zone, r.status, r.named) for r in report.results] == [
        ("ips.backscatterer.org", "listed", True),
        ("clean.test", "not_listed", False),
    ]
    assert report.results[0].txt.startswith("Listed by BACKSCATTERER")
    assert [(t.source, t.ip) for t in report.targets] == [("ndr", "65.55.88.14")]
    assert [(t.source, t.ip, t.address_class) for t, _ in report.excluded] == [
        ("edge", "10.9.40.26", "private")
    ]
    (only,) = plans
    assert [(lst.zone, ip) for lst, ip in only.pairs] == [
        ("ips.backscatterer.org", "65.55.88.14"),
        ("clean.test", "65.55.88.14"),
    ]


def test_json_has_the_new_fields(dns_server) -> None:
    data = _check(dns_server, "mixed.hosts.test", [dns_server.zone_list("listed.test")]).to_json()
    assert data["results"][0]["sanity"] == "ok" and data["results"][0]["named"] is False
    assert data["targets"][0]["source"] == "resolved"
    assert {e["ip"] for e in data["excluded"]} == {"127.0.0.2", "10.0.0.7"}
    assert all(e["reason"] for e in data["excluded"])
    assert data["sanity"][0]["zone"] == "listed.test" and data["sanity"][0]["trustworthy"]
    assert data["lookups"][0]["name"] == "mixed.hosts.test"


@pytest.mark.parametrize("port_name", ["port", "hiding_port"])
def test_the_deadline_still_bounds_a_check_with_test_points(dns_server, port_name) -> None:
    import time

    dead = [dns_server.zone_list(z) for z in dns_server.timeouts]
    start = time.perf_counter()
    report = _check(
        dns_server, "203.0.113.10", dead, timeout_s=3.0, deadline_s=1.0,
        port=getattr(dns_server, port_name),
    )  # fmt: skip
    assert time.perf_counter() - start < 2.0
    assert {r.status for r in report.results} == {"unknown"}
