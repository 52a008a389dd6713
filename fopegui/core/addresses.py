"""One classification of IP addresses, decided once for the diagnosis, the blacklist checks,
the reputation checks and the views.

- ``public``: a global unicast address; what a blacklist can list.
- ``documentation``: RFC 5737 / RFC 3849 example ranges (192.0.2.0/24, 198.51.100.0/24,
  203.0.113.0/24, 2001:db8::/32). They appear in examples and test messages; a check runs on
  them like on a public address (a local test list may list them) and they are labelled.
- ``private``: RFC 1918, unique-local, link-local, shared (100.64/10) and other
  non-global space: an address inside someone's network; never checked, never "the sender".
- ``loopback``: 127.0.0.0/8, ::1.
- ``placeholder``: addresses that stand for "no address": 0.0.0.0, ::, 255.255.255.255
  (Microsoft 365 writes ``CIP:255.255.255.255`` when a client submitted the message).
- ``invalid``: not an IP address at all.

IPv4-mapped IPv6 (``::ffff:192.0.2.1``) is the IPv4 address it carries.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Literal

AddressClass = Literal["public", "documentation", "private", "loopback", "placeholder", "invalid"]

_DOCUMENTATION = tuple(
    ipaddress.ip_network(net)
    for net in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)
_PLACEHOLDERS = frozenset(
    ipaddress.ip_address(a) for a in ("0.0.0.0", "255.255.255.255", "::")
)
# What a blacklist or reputation check may be asked about.
CHECKABLE: frozenset[str] = frozenset({"public", "documentation"})


@lru_cache(maxsize=8192)  # the same relays recur across a folder of mail
def normalise(text: str | None) -> str | None:
    """The canonical form of an address written in a header or typed by a user, or None.

    Accepts ``[192.0.2.1]``, ``IPv6:2001:db8::1``, ``2001:db8::1%eth0`` and IPv4-mapped IPv6
    (returned as the IPv4 address).
    """
    if not text:
        return None
    candidate = text.strip().strip("[]").strip()
    if candidate[:5].lower() == "ipv6:":
        candidate = candidate[5:]
    candidate = candidate.split("%", 1)[0]
    if len(candidate) > 64:
        return None
    if _CANONICAL_IPV4.fullmatch(candidate) or _canonical_ipv6(candidate):
        return candidate  # what ipaddress would write back, at a fraction of its cost
    return written_by_ipaddress(candidate)


def written_by_ipaddress(candidate: str) -> str | None:
    """``candidate`` read and written back by ipaddress (an IPv4-mapped IPv6 address as the
    IPv4 address), or None when it is no address."""
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


# An IPv4 address as ipaddress writes it: four decimal octets up to 255, no leading zero.
_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
_IPV6_TEXT = re.compile(r"[0-9a-f:]{2,39}")


def _canonical_ipv6(text: str) -> bool:
    """Whether ``text`` is an IPv6 address written as ipaddress writes it (RFC 5952: lower
    case, no leading zeros, the first longest run of two or more zero groups as "::") and
    not IPv4-mapped (:func:`normalise` gives those as IPv4). Parsing an address with
    ipaddress and writing it back costs ten times more; an address this does not recognise
    takes that way."""
    if not _IPV6_TEXT.fullmatch(text):
        return False
    head, gap, tail = text.partition("::")
    left = head.split(":") if head else []
    right = tail.split(":") if tail else []
    zeros = 8 - len(left) - len(right)
    if "::" in tail or (zeros != 0 if not gap else zeros < 2):  # "::" stands for two or more
        return False
    groups = [*left, *["0"] * zeros, *right] if gap else left
    for group in groups:
        if not group or len(group) > 4 or (group[0] == "0" and group != "0"):
            return False
    if groups[:5] == ["0"] * 5 and groups[5] == "ffff":  # IPv4-mapped
        return False
    # The run ipaddress compresses: the first longest run of zero groups, if two or more.
    best_start, best_length, start = -1, 1, -1
    for index, group in enumerate(groups):
        if group != "0":
            start = -1
            continue
        if start < 0:
            start = index
        if index - start + 1 > best_length:
            best_start, best_length = start, index - start + 1
    if not gap:
        return best_start < 0
    return best_start == len(left) and best_length == zeros


@lru_cache(maxsize=8192)
def classify(text: str | None) -> AddressClass:
    """The class of an address (see the module docstring)."""
    canonical = normalise(text)
    if canonical is None:
        return "invalid"
    address = ipaddress.ip_address(canonical)
    if address in _PLACEHOLDERS:
        return "placeholder"
    if address.is_loopback:
        return "loopback"
    if any(address in net for net in _DOCUMENTATION):
        return "documentation"
    if address.is_global:
        return "public"
    return "private"


def is_checkable(text: str | None) -> bool:
    """Whether a blacklist or reputation check may be run on this address."""
    return classify(text) in CHECKABLE


def is_ip(text: str | None) -> bool:
    return normalise(text) is not None
