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
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


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
