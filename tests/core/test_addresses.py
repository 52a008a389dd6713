"""One classification of IP addresses (core.addresses)."""

from __future__ import annotations

import pytest

from fopegui.core.addresses import classify, is_checkable, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("65.55.88.14", "public"),
        ("2603:10b6:408:e6::28", "public"),
        ("203.0.113.10", "documentation"),
        ("192.0.2.66", "documentation"),
        ("2001:db8::1", "documentation"),
        ("10.9.40.26", "private"),
        ("172.16.0.1", "private"),
        ("192.168.8.15", "private"),
        ("100.90.174.1", "private"),  # shared address space (RFC 6598)
        ("fe80::56f3:5435:9a39:ebe2", "private"),
        ("fd00::1", "private"),
        ("127.0.0.2", "loopback"),
        ("::1", "loopback"),
        ("255.255.255.255", "placeholder"),
        ("0.0.0.0", "placeholder"),
        ("::", "placeholder"),
        ("::ffff:65.55.88.14", "public"),
        ("::ffff:10.1.2.3", "private"),
        ("[203.0.113.10]", "documentation"),
        ("IPv6:2001:db8::1", "documentation"),
        ("fe80::1%eth0", "private"),
        ("mail.example.com", "invalid"),
        ("", "invalid"),
        (None, "invalid"),
        ("1" * 200, "invalid"),
    ],
)
def test_classify(text, expected):
    assert classify(text) == expected


def test_ipv4_mapped_is_the_ipv4_address():
    assert normalise("::ffff:65.55.88.14") == "65.55.88.14"
    assert normalise("[::FFFF:41.37.58.14]") == "41.37.58.14"


def test_only_public_and_documentation_addresses_are_checked():
    assert is_checkable("65.55.88.14") and is_checkable("203.0.113.10")
    assert not any(is_checkable(a) for a in ("10.9.40.26", "127.0.0.2", "255.255.255.255", "x"))
