"""Net test fixtures: the real unbound server lives in ``tests/dns_server.py``.

The session fixture ``dns_server`` is exposed to all tests by ``tests/conftest.py`` (one
server per session); the names below are re-exported for the tests that use them directly.
"""

from __future__ import annotations

from tests.dns_server import (  # noqa: F401
    ADDRESS,
    CHECKCONF,
    HOSTS,
    LISTED_IPS,
    LISTED_V6,
    PTRS,
    UNBOUND,
    DnsServer,
    UnboundProcess,
    unbound_conf,
)
