"""A real DNS server for the net and UI tests: Debian's ``unbound`` on 127.0.0.1, local zones.

A plain module (not a conftest) so that ``tests/conftest.py`` can expose the session fixture
``dns_server`` to every test folder and benchmarks can start the same server.

Every address involved is on 127.0.0.0/8 and unbound's outgoing interface is 127.0.0.1, so
nothing here can send traffic anywhere else. Zones (all under ``test.``):

- ``listed.test``   static: 127.0.0.2 test point and some IPs listed (A 127.0.0.2 + TXT),
                    one with an undocumented code, one with an answer outside 127/8,
                    one IPv6 nibble entry; everything else NXDOMAIN.
- ``clean.test``    static, empty: every question NXDOMAIN (fails the 127.0.0.2 test point).
- ``all.test``      redirect: every name answers 127.0.0.2 (a list that "lists" everything).
- ``error.test``    redirect: every name answers 127.255.255.254 (Spamhaus' public-resolver error).
- ``refused.test``  always_refuse: REFUSED.
- ``servfail.test`` stub zone whose name server name cannot be resolved: SERVFAIL at once.
- ``timeout.test``, ``timeout2.test`` … ``timeout5.test``: stub zones pointing at a loopback UDP
  port that the fixture holds open and never answers.
- ``bl00.test`` … ``bl19.test``: static listing zones (benchmark: 20 lists).
- ``hosts.test``, ``otherdomain.test``, ``bigfish.com`` and reverse zones for 203.0.113.0/24 and
  2001:db8::/32: host names, PTR records for the reputation checks.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dns.message
import dns.query
import dns.rcode
import pytest

from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.net.resolver import ResolverConfig

UNBOUND = "/usr/sbin/unbound"
CHECKCONF = "/usr/sbin/unbound-checkconf"
ADDRESS = "127.0.0.1"
START_BUDGET_S = 3.0  # give up (and fail) after this; a normal start takes a few ms

LISTED_IPS = {
    "203.0.113.10": "127.0.0.2",
    "65.55.88.14": "127.0.0.2",  # the FOPE outbound edge of the sample NDR
    "203.0.113.20": "127.0.0.99",  # a code the list does not document
    "203.0.113.40": "198.51.100.1",  # not in 127/8: a rewriting resolver
    "203.0.113.50": "127.0.0.1",  # the "query refused" answer some lists give
}
LISTED_V6 = "2001:db8::25"
HOSTS = {
    # name: (A, AAAA)
    "mail.hosts.test": ("203.0.113.10", LISTED_V6),
    "v4only.hosts.test": ("203.0.113.30", None),
    "fake.hosts.test": ("203.0.113.99", None),  # PTR of .20 points here: FCrDNS fails
    "other.hosts.test": ("203.0.113.77", None),
    "relay.otherdomain.test": ("203.0.113.10", None),
    "tx2ehsobe006.bigfish.com": ("65.55.88.14", None),
}
PTRS = {
    "203.0.113.10": "mail.hosts.test",
    "203.0.113.20": "fake.hosts.test",
    "65.55.88.14": "tx2ehsobe006.bigfish.com",
    LISTED_V6: "mail.hosts.test",
    # 203.0.113.30 has no PTR: NXDOMAIN
}


def _reverse(ip: str) -> str:
    import ipaddress

    return ipaddress.ip_address(ip).reverse_pointer


def _dnsbl_name(ip: str, zone: str) -> str:
    return _reverse(ip).rsplit(".", 2)[0] + "." + zone


def _free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 (unbound serves both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((ADDRESS, 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((ADDRESS, port))
                except OSError:
                    continue
        return port
    raise RuntimeError("no free port on 127.0.0.1")


def unbound_conf(workdir: Path, port: int, blackhole_port: int) -> str:
    """The unbound.conf text for the test zones."""
    lines = [
        "server:",
        f"  interface: {ADDRESS}@{port}",
        f"  port: {port}",
        f"  outgoing-interface: {ADDRESS}",  # nothing can leave the loopback
        "  do-daemonize: no",
        '  username: ""',
        '  chroot: ""',
        f'  directory: "{workdir}"',
        '  pidfile: ""',
        "  use-syslog: no",
        '  logfile: ""',
        "  verbosity: 0",
        "  num-threads: 1",
        "  so-reuseport: no",
        "  do-ip6: no",
        '  module-config: "iterator"',
        f'  root-hints: "{workdir / "root.hints"}"',
        "  access-control: 127.0.0.0/8 allow",
        "  do-not-query-localhost: no",
        "  infra-keep-probing: yes",  # the never-answering port keeps timing out, not SERVFAIL
        "  infra-host-ttl: 1",
        '  local-zone: "test." nodefault',
        '  local-zone: "listed.test." static',
        '  local-data: "2.0.0.127.listed.test. A 127.0.0.2"',
        "  local-data: '2.0.0.127.listed.test. TXT \"test point\"'",
        '  local-zone: "clean.test." static',
        '  local-zone: "all.test." redirect',
        '  local-data: "all.test. A 127.0.0.2"',
        '  local-zone: "error.test." redirect',
        '  local-data: "error.test. A 127.255.255.254"',
        '  local-zone: "refused.test." always_refuse',
        '  local-zone: "hosts.test." static',
        '  local-zone: "otherdomain.test." static',
        '  local-zone: "bigfish.com." static',
        '  local-zone: "113.0.203.in-addr.arpa." static',
        '  local-zone: "88.55.65.in-addr.arpa." static',
        '  local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." static',
    ]
    for ip, code in LISTED_IPS.items():
        name = _dnsbl_name(ip, "listed.test")
        lines.append(f'  local-data: "{name}. A {code}"')
        txt = f"Listed by TEST, see http://listed.test/?ip={ip}"
        lines.append(f"  local-data: '{name}. TXT \"{txt}\"'")
    v6 = _dnsbl_name(LISTED_V6, "listed.test")
    lines.append(f'  local-data: "{v6}. A 127.0.0.2"')
    for i in range(20):
        zone = f"bl{i:02d}.test"
        lines.append(f'  local-zone: "{zone}." static')
        lines.append(f'  local-data: "2.0.0.127.{zone}. A 127.0.0.2"')
    for name, (a, aaaa) in HOSTS.items():
        lines.append(f'  local-data: "{name}. A {a}"')
        if aaaa:
            lines.append(f'  local-data: "{name}. AAAA {aaaa}"')
    lines.append("  local-data: 'noaddr.hosts.test. TXT \"no address here\"'")
    for ip, name in PTRS.items():
        lines.append(f'  local-data-ptr: "{ip} {name}"')
    lines += ["stub-zone:", '  name: "servfail.test."', '  stub-host: "ns.servfail.invalid."']
    for zone in ("timeout", "timeout2", "timeout3", "timeout4", "timeout5"):
        lines += [
            "stub-zone:",
            f'  name: "{zone}.test."',
            f"  stub-addr: {ADDRESS}@{blackhole_port}",
        ]
    return "\n".join(lines) + "\n"


@dataclass
class DnsServer:
    """A running unbound: where it listens and what its zones are."""

    port: int
    address: str = ADDRESS
    conf_path: Path = Path()
    startup_s: float = 0.0
    listed: str = "listed.test"
    clean: str = "clean.test"
    all_listed: str = "all.test"
    error: str = "error.test"
    refused: str = "refused.test"
    servfail: str = "servfail.test"
    timeout: str = "timeout.test"
    timeouts: tuple[str, ...] = tuple(f"timeout{n}.test" for n in ("", "2", "3", "4", "5"))
    bench: tuple[str, ...] = tuple(f"bl{i:02d}.test" for i in range(20))
    listed_ips: dict[str, str] = field(default_factory=lambda: dict(LISTED_IPS))
    listed_v6: str = LISTED_V6
    hosts: dict = field(default_factory=lambda: dict(HOSTS))
    ptrs: dict = field(default_factory=lambda: dict(PTRS))

    def config(self, timeout_s: float = 1.0, deadline_s: float = 2.0) -> ResolverConfig:
        return ResolverConfig((self.address,), self.port, timeout_s, deadline_s)

    @property
    def spec(self) -> str:
        """The ``--nameserver`` value."""
        return f"{self.address}:{self.port}"

    def zone_list(self, zone: str, codes: tuple[str, ...] = ("127.0.0.2",)) -> DnsblList:
        """A catalogue-style entry for a test zone documenting ``codes`` as listings."""
        return DnsblList(
            id=zone.split(".")[0],
            zone=zone,
            name=f"Test {zone}",
            enabled=True,
            ipv6=True,
            listing_codes={c: {"en": "Listed for the test", "ja": "テスト用の掲載"} for c in codes},
            lookup_url=f"http://{zone}/?ip={{ip}}",
        )


class UnboundProcess:
    """Starts and stops unbound (as ``nobody`` when run as root) with the test zones."""

    def __init__(self) -> None:
        if not (os.path.exists(UNBOUND) and os.access(UNBOUND, os.X_OK)):
            raise RuntimeError(
                f"{UNBOUND} not found: the net tests need Debian's unbound "
                "(apt-get install unbound; .ci/run installs it)"
            )
        self.workdir = Path(tempfile.mkdtemp(prefix="fopegui-unbound-"))
        self.blackhole = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.blackhole.bind((ADDRESS, 0))  # held open, never read: questions to it time out
        self.proc: subprocess.Popen | None = None

    def start(self) -> DnsServer:
        os.chmod(self.workdir, 0o755)  # readable by the unprivileged child
        (self.workdir / "root.hints").write_text(". 3600 IN NS a.root.invalid.\n")
        port = _free_port()
        conf = self.workdir / "unbound.conf"
        conf.write_text(unbound_conf(self.workdir, port, self.blackhole.getsockname()[1]))
        for f in self.workdir.iterdir():
            f.chmod(0o644)
        kwargs = {"user": "nobody"} if os.geteuid() == 0 else {}
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [UNBOUND, "-d", "-p", "-c", str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **kwargs,
        )
        self._wait_ready(port)
        return DnsServer(port=port, conf_path=conf, startup_s=time.perf_counter() - started)

    def _wait_ready(self, port: int) -> None:
        probe = dns.message.make_query("2.0.0.127.listed.test.", "A")
        end = time.monotonic() + START_BUDGET_S
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace")
                raise RuntimeError(f"unbound exited ({self.proc.returncode}): {out}")
            try:
                reply = dns.query.udp(probe, ADDRESS, port=port, timeout=0.05)
                if reply.rcode() == dns.rcode.NOERROR and reply.answer:
                    return
            except Exception:
                time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"unbound did not answer on {ADDRESS}:{port} within {START_BUDGET_S}s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        self.blackhole.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _loopback(address: object) -> bool:
    import ipaddress

    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like: not network traffic
    try:
        return ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: it would need resolving, so it is not ours


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any socket connect/sendto outside 127.0.0.0/8 and ::1 fail the test.

    UI tests take the resolver from the settings; this guard makes a forgotten setting (the
    system resolver, real blacklist zones) an error instead of a query to the internet.
    """
    guard_loopback(monkeypatch)


def guard_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard of ``loopback_only``, for callers outside a test (scripts/screenshots)."""
    originals = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}

    def guarded(name: str):
        original = originals[name]

        def method(self, *args):
            address = args[-1] if name == "sendto" else args[0]
            if not _loopback(address):
                raise AssertionError(f"test tried to reach {address!r}: only loopback allowed")
            return original(self, *args)

        return method

    for name in originals:
        monkeypatch.setattr(socket.socket, name, guarded(name))


@pytest.fixture(scope="session")
def dns_server() -> Iterator[DnsServer]:
    """unbound on 127.0.0.1 and a free port, with the test zones; stopped after the session."""
    proc = UnboundProcess()
    try:
        yield proc.start()
    finally:
        proc.stop()
