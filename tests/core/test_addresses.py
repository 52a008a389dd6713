"""One classification of IP addresses (core.addresses)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fopegui.core.addresses import classify, is_checkable, normalise, written_by_ipaddress


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


# normalise() takes an address already written as ipaddress writes it as it is, recognised
# without ipaddress (core.addresses._canonical_ipv6, _CANONICAL_IPV4). Whatever it recognises
# must be exactly what ipaddress writes back, and what ipaddress writes must be recognised.

_GROUPS = st.lists(
    st.one_of(st.just(0), st.just(0), st.just(0xFFFF), st.integers(0, 15),
              st.integers(0, 0xFFFF)),
    min_size=8, max_size=8,
)  # fmt: skip


@given(_GROUPS)
def test_every_address_ipaddress_writes_is_recognised(groups: list[int]) -> None:
    import ipaddress

    from fopegui.core.addresses import _canonical_ipv6

    address = ipaddress.IPv6Address(sum(g << (16 * (7 - i)) for i, g in enumerate(groups)))
    assert _canonical_ipv6(str(address)) == (address.ipv4_mapped is None)
    assert normalise(str(address)) == written_by_ipaddress(str(address))
    assert normalise(address.exploded) == written_by_ipaddress(address.exploded)


@given(st.lists(st.sampled_from([*"0123456789abcdefABCDEF:", "::", ":0:", "0000", "ffff",
                                 ".", "1.2.3.4", "%"]), max_size=20).map("".join))  # fmt: skip
def test_what_is_recognised_is_what_ipaddress_writes(text: str) -> None:
    from fopegui.core.addresses import _canonical_ipv6

    if _canonical_ipv6(text):
        assert written_by_ipaddress(text) == text
    unscoped = text.split("%", 1)[0]
    assert normalise(text) == (written_by_ipaddress(unscoped) if text.strip() else None)


@given(st.one_of(
    st.integers(0, 2**32 - 1).map(lambda n: ".".join(str((n >> s) & 255) for s in (24, 16, 8, 0))),
    st.lists(st.sampled_from([*"0123456789.", "00", "255", "256", "٣"]), max_size=16).map("".join),
))  # fmt: skip
def test_dotted_quads_are_read_as_ipaddress_reads_them(text: str) -> None:
    assert normalise(text) == (written_by_ipaddress(text) if text else None)


@pytest.mark.parametrize(
    "text",
    [
        "1::2:0:0:0:0",  # "::" on the shorter run of zeros: ipaddress writes 1:0:0:2::
        "1:0:0:2::3:4",  # two runs as long: the first is compressed
        "0:0::1", "::0:1", "1::0", "1:0::2", "1::1:2:3:4:5:6",  # one group, or not all zeros
        "1:2:3:4:5:6:7:0", "2001:DB8::1", "2001:0db8::1", "::ffff:c000:201", "1:2:3:4:5:6:7::8",
        "256.1.1.1", "01.2.3.4", "1.2.3.04", "999.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.٣",
        "1.2.3.4 ", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::", "1:0:0:2:0:0:0:3",
    ],
)  # fmt: skip
def test_addresses_written_otherwise_are_written_as_ipaddress_writes_them(text: str) -> None:
    assert normalise(text) == written_by_ipaddress(text.strip())
