"""Resolver settings and the outcome of single questions (local unbound only)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from fopegui.net.resolver import ResolverConfig, make_resolver, parse_nameserver, query


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("127.0.0.1", ("127.0.0.1", None)),
        ("127.0.0.1:5353", ("127.0.0.1", 5353)),
        (" 192.0.2.53:53 ", ("192.0.2.53", 53)),
        ("::1", ("::1", None)),
        ("2001:db8::53", ("2001:db8::53", None)),
        ("[::1]:5353", ("::1", 5353)),
        ("[2001:db8::53]", ("2001:db8::53", None)),
    ],
)
def test_parse_nameserver(spec: str, expected) -> None:
    assert parse_nameserver(spec) == expected


@pytest.mark.parametrize(
    "spec",
    ["dns.example", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[::1]5353", ""],
)
def test_parse_nameserver_rejects(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_nameserver(spec)


def test_config_from_spec() -> None:
    cfg = ResolverConfig.from_spec("[::1]:5353", timeout_s=1.5, deadline_s=4.0)
    assert cfg == ResolverConfig(("::1",), 5353, 1.5, 4.0)
    assert ResolverConfig.from_spec("127.0.0.1").port == 53
    system = ResolverConfig.from_spec(None)
    assert system.nameservers == ()
    assert isinstance(system.describe()["nameservers"], list)


def test_resolver_has_no_cache_and_our_timeouts(dns_server) -> None:
    res = make_resolver(dns_server.config(0.7, 3.0))
    assert res.cache is None
    assert res.lifetime == 0.7 and res.timeout == 0.7
    assert [str(n) for n in res.nameservers] == ["127.0.0.1"]
    assert res.nameserver_ports == {"127.0.0.1": dns_server.port}


@pytest.mark.parametrize(
    ("name", "rdtype", "kind", "values"),
    [
        ("2.0.0.127.listed.test", "A", "answer", ["127.0.0.2"]),
        ("2.0.0.127.listed.test", "TXT", "answer", ["test point"]),
        ("1.0.0.127.listed.test", "A", "nxdomain", []),
        ("noaddr.hosts.test", "A", "nodata", []),
        ("x.refused.test", "A", "refused", []),
        ("x.servfail.test", "A", "servfail", []),
        ("x.timeout.test", "A", "timeout", []),
        ("10.113.0.203.in-addr.arpa", "PTR", "answer", ["mail.hosts.test"]),
        ("mail.hosts.test", "AAAA", "answer", ["2001:db8::25"]),
    ],
)
def test_query_outcomes(dns_server, name, rdtype, kind, values) -> None:
    res = make_resolver(dns_server.config(0.3, 1.0))
    answer = asyncio.run(query(res, name, rdtype))
    assert (answer.kind, answer.values) == (kind, values)
    assert answer.elapsed_ms >= 0


def test_query_to_a_closed_port_is_a_fault() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens there now: the kernel refuses, or nothing answers. Never an answer.
    res = make_resolver(ResolverConfig(("127.0.0.1",), port, 0.3, 1.0))
    answer = asyncio.run(query(res, "2.0.0.127.listed.test", "A"))
    assert answer.kind in ("unreachable", "timeout")


def test_query_without_resolver() -> None:
    answer = asyncio.run(query(None, "2.0.0.127.listed.test", "A"))
    assert answer.kind == "no_resolver"
