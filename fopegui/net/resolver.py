"""Resolver settings and one DNS query with its outcome classified (asyncio + dnspython).

- :class:`ResolverConfig` — nameservers (empty = the system's), port, per-query timeout and the
  overall deadline of a whole check; :func:`parse_nameserver` reads ``IP[:PORT]`` / ``[IPv6]:PORT``.
- :func:`make_resolver` — a ``dns.asyncresolver.Resolver`` without cache or search list.
- :func:`query` — one question; never raises for DNS faults: the outcome is a :class:`DnsAnswer`
  with ``kind`` ``answer`` / ``nxdomain`` / ``nodata`` / ``timeout`` / ``servfail`` / ``refused`` /
  ``unreachable`` / ``no_resolver`` / ``error``. Cancellation propagates (the GUI's Cancel).
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass, field
from typing import Literal

import dns.asyncresolver
import dns.exception
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

AnswerKind = Literal[
    "answer", "nxdomain", "nodata", "timeout", "servfail", "refused", "unreachable",
    "no_resolver", "error",
]  # fmt: skip

DEFAULT_TIMEOUT_S = 3.0
DEFAULT_DEADLINE_S = 5.0
DEFAULT_CONCURRENCY = 32


@dataclass(frozen=True, slots=True)
class ResolverConfig:
    """Where and how long to ask. ``nameservers=()`` means the system's resolver."""

    nameservers: tuple[str, ...] = ()
    port: int = 53
    timeout_s: float = DEFAULT_TIMEOUT_S  # one question (all retries included)
    deadline_s: float = DEFAULT_DEADLINE_S  # a whole check, however many lists and IPs
    concurrency: int = DEFAULT_CONCURRENCY  # questions in flight at once

    @classmethod
    def from_spec(
        cls,
        spec: str | None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        deadline_s: float = DEFAULT_DEADLINE_S,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> ResolverConfig:
        """Config from a ``--nameserver`` value (None or "" = system resolver)."""
        if not spec:
            return cls((), 53, timeout_s, deadline_s, concurrency)
        host, port = parse_nameserver(spec)
        return cls((host,), port or 53, timeout_s, deadline_s, concurrency)

    def describe(self) -> dict:
        """The ``resolver`` object of the JSON contract (system nameservers filled in)."""
        return {
            "nameservers": list(self.nameservers) or system_nameservers(),
            "port": self.port,
            "timeout_s": self.timeout_s,
            "deadline_s": self.deadline_s,
        }


def parse_nameserver(spec: str) -> tuple[str, int | None]:
    """``"127.0.0.1"``, ``"127.0.0.1:5353"``, ``"::1"``, ``"[::1]:5353"`` → (address, port).

    Raises ValueError with a readable sentence for anything else.
    """
    spec = spec.strip()
    port: str | None = None
    if spec.startswith("["):
        host, sep, rest = spec[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise ValueError(f"bad nameserver {spec!r}: use IP, IP:PORT or [IPv6]:PORT")
        port = rest[1:] if rest else None
    elif spec.count(":") == 1:
        host, port = spec.split(":")
    else:
        host = spec  # IPv4 without port, or a bare IPv6 address
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"bad nameserver {spec!r}: {host!r} is not an IP address") from None
    if port is None:
        return host, None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"bad nameserver {spec!r}: port must be 1-65535")
    return host, int(port)


def system_nameservers() -> list[str]:
    """The system resolver's nameservers, [] when none is configured."""
    try:
        return [str(ns) for ns in dns.resolver.Resolver(configure=True).nameservers]
    except dns.resolver.NoResolverConfiguration:
        return []
    except OSError:
        return []


def make_resolver(config: ResolverConfig) -> dns.asyncresolver.Resolver:
    """An asyncio resolver for ``config``; raises NoResolverConfiguration if the system has none."""
    if config.nameservers:
        res = dns.asyncresolver.Resolver(configure=False)
        res.nameservers = list(config.nameservers)
        res.nameserver_ports = {ns: config.port for ns in config.nameservers}
        res.port = config.port
    else:
        res = dns.asyncresolver.Resolver(configure=True)
    res.cache = None  # a check must ask now, not repeat an earlier answer
    res.search = []
    res.use_search_by_default = False
    res.timeout = config.timeout_s
    res.lifetime = config.timeout_s
    return res


@dataclass(slots=True)
class DnsAnswer:
    """What one question got."""

    name: str
    rdtype: str
    kind: AnswerKind
    values: list[str] = field(default_factory=list)  # rdata as text (A: "127.0.0.2", TXT joined)
    elapsed_ms: float = 0.0
    error: str | None = None  # technical text for "unreachable"/"error"


async def query(
    resolver: dns.asyncresolver.Resolver | None,
    name: str,
    rdtype: str = "A",
    lifetime: float | None = None,
) -> DnsAnswer:
    """Ask ``resolver`` for ``name``/``rdtype`` and classify the outcome (never raises DNS faults).

    ``resolver`` None means none could be made (no system configuration): ``no_resolver``.
    ``lifetime`` overrides the resolver's time for this question (retries included).
    """
    start = time.perf_counter()

    def done(kind: AnswerKind, values: list[str] | None = None, error: str | None = None):
        ms = (time.perf_counter() - start) * 1000.0
        return DnsAnswer(name, rdtype, kind, values or [], round(ms, 3), error)

    if resolver is None:
        return done("no_resolver")
    try:
        qname = dns.name.from_text(name)
        answer = await resolver.resolve(qname, rdtype, search=False, lifetime=lifetime)
    except dns.resolver.NXDOMAIN:
        return done("nxdomain")
    except dns.resolver.NoAnswer:
        return done("nodata")
    except dns.exception.Timeout:
        return done("timeout")
    except dns.resolver.NoNameservers as exc:
        return done(*_no_nameservers_kind(exc))
    except dns.resolver.NoResolverConfiguration:
        return done("no_resolver")
    except (dns.exception.DNSException, ValueError, OSError) as exc:
        return done("error", error=str(exc) or type(exc).__name__)
    return done("answer", [_rdata_text(rd) for rd in answer])


def _no_nameservers_kind(exc: dns.resolver.NoNameservers) -> tuple[AnswerKind, None, str | None]:
    """SERVFAIL / REFUSED from the server's answer, else an unreachable server."""
    errors = exc.kwargs.get("errors") or []
    for err in errors:
        response = err[4] if len(err) > 4 else None
        if isinstance(response, dns.message.Message):
            rcode = response.rcode()
            if rcode == dns.rcode.REFUSED:
                return "refused", None, None
            if rcode == dns.rcode.SERVFAIL:
                return "servfail", None, None
    text = "; ".join(f"{e[0]}: {e[3]}" for e in errors) or str(exc)
    return "unreachable", None, text


def _rdata_text(rd) -> str:
    if rd.rdtype == dns.rdatatype.TXT:
        return "".join(s.decode("utf-8", "replace") for s in rd.strings)
    if rd.rdtype in (dns.rdatatype.PTR, dns.rdatatype.CNAME):
        return rd.target.to_text(omit_final_dot=True)
    return rd.to_text()
