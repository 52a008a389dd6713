"""A real DNS server for the net and UI tests: Debian's ``unbound`` on 127.0.0.1, local zones.

A plain module (not a conftest) so that ``tests/conftest.py`` can expose the session fixture
``dns_server`` to every test folder and benchmarks can start the same server.

Every address involved is on 127.0.0.0/8 and unbound's outgoing interface is 127.0.0.1, so
nothing here can send traffic anywhere else. Zones (all under ``test.`` unless said):

- ``listed.test``   static: 127.0.0.2 test point and some IPs listed (A 127.0.0.2 + TXT),
                    one with an undocumented code, one with an answer outside 127/8,
                    one IPv6 nibble entry; everything else NXDOMAIN.
- ``clean.test``    static: only the 127.0.0.2 test point; every other question NXDOMAIN (a
                    working list on which nothing of ours is listed).
- ``hidden.test``   static, empty: every question NXDOMAIN, the 127.0.0.2 test point too (what
                    a resolver that hides listings, or a dead list, looks like).
- ``all.test``      redirect: every name answers 127.0.0.2, 127.0.0.1 too (a wildcard list that
                    "lists" everything).
- ``error.test``    redirect: every name answers 127.255.255.254 (Spamhaus' public-resolver error).
- ``refused.test``  always_refuse: REFUSED.
- ``servfail.test`` stub zone whose name server name cannot be resolved: SERVFAIL at once.
- ``timeout.test``, ``timeout2.test`` … ``timeout5.test``: stub zones pointing at a loopback UDP
  port that the fixture holds open and never answers.
- ``slowtxt.test``  stub zone served by :class:`SlowTxtServer`: A at once, TXT only after
                    ``SLOW_TXT_DELAY_S`` (a list whose TXT answer is slower than its A answer).
- ``ndr-only.test`` static: a list no catalogue knows, which only an NDR names.
- ``bl00.test`` … ``bl19.test``: static listing zones (benchmark: 20 lists).
- lab copies of the catalogue's live zones (``ips.backscatterer.org``, ``zen.spamhaus.org``,
  ``b.barracudacentral.org`` …: ``CATALOGUE_LISTINGS``): their test points plus the
  documentation addresses the sample NDRs in tests/data name, so ``dnsbl --from`` and the
  wizard run on the real catalogue entries without any query leaving 127.0.0.1.
- ``hosts.test``, ``otherdomain.test``, ``bigfish.com`` and reverse zones for 203.0.113.0/24 and
  2001:db8::/32: host names (some resolving to loopback or private addresses), PTR records for
  the reputation checks.

The lab runs three unbound processes, three faces of one resolver (unbound's views cannot be
chosen per port for loopback clients): ``port`` answers as above, ``hiding_port`` hides every
listing (every blacklist zone NXDOMAIN, test points included) and ``public_port`` is a public
resolver as Spamhaus sees one (zen.spamhaus.org answers 127.255.255.254 for every name).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import dns.rrset
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
# Listed on listed.test with TXT records a list operator (or a spoofer) could send: terminal
# escapes (ESC, BEL, U+202E) and markup. Zone-file escapes: \DDD is one byte, \" a quote.
HOSTILE_TXT = {
    "203.0.113.66": "Listed \\027[31mRED\\027[0m \\007bell \\226\\128\\174exe.txt",
    "203.0.113.67": '<img src=\\"/dev/zero\\"> <font color=red size=7>VERIFIED SAFE SENDER</font>',
}
HOSTILE_TXT_TEXT = {
    "203.0.113.66": "Listed \x1b[31mRED\x1b[0m \x07bell \u202eexe.txt",
    "203.0.113.67": '<img src="/dev/zero"> <font color=red size=7>VERIFIED SAFE SENDER</font>',
}
HOSTS = {
    # name: (A, AAAA)
    "mail.hosts.test": ("203.0.113.10", LISTED_V6),
    "v4only.hosts.test": ("203.0.113.30", None),
    "fake.hosts.test": ("203.0.113.99", None),  # PTR of .20 points here: FCrDNS fails
    "other.hosts.test": ("203.0.113.77", None),
    "relay.otherdomain.test": ("203.0.113.10", None),
    "tx2ehsobe006.bigfish.com": ("65.55.88.14", None),
    # Never checked: what these resolve to is no address a blacklist can list.
    "loopback.hosts.test": ("127.0.0.2", None),  # the test point itself
    "private.hosts.test": ("10.9.40.26", "fd00::25"),
}
# Host names with several A records: public and inside addresses mixed.
MULTI_A = {"mixed.hosts.test": ("127.0.0.2", "10.0.0.7", "203.0.113.30")}
PTRS = {
    "203.0.113.10": "mail.hosts.test",
    "203.0.113.20": "fake.hosts.test",
    "65.55.88.14": "tx2ehsobe006.bigfish.com",
    LISTED_V6: "mail.hosts.test",
    # 203.0.113.30 has no PTR: NXDOMAIN
}
SLOW_TXT_ZONE = "slowtxt.test"
SLOW_TXT_DELAY_S = 1.2  # within a 2 s deadline, longer than a 0.5 s per-question timeout
SLOW_TXT_LISTED = ("127.0.0.2", "203.0.113.10", "65.55.88.14")
NDR_ONLY_ZONE = "ndr-only.test"
NDR_ONLY_LISTED = {"192.0.2.81": "127.0.0.2"}
# Lab copies of the catalogue's live zones: zone → {ip: (code, TXT)}; every zone also lists
# its 127.0.0.2 test point. The addresses are those the sample NDRs name (tests/data).
CATALOGUE_LISTINGS: dict[str, dict[str, tuple[str, str]]] = {
    "ips.backscatterer.org": {
        "65.55.88.14": (
            "127.0.0.2", "Listed by BACKSCATTERER, see http://www.backscatterer.org/?ip=65.55.88.14"
        ),
    },
    "zen.spamhaus.org": {
        "198.51.100.23": ("127.0.0.2", "https://check.spamhaus.org/results/?query=198.51.100.23"),
        "192.0.2.45": ("127.0.0.4", "https://check.spamhaus.org/results/?query=192.0.2.45"),
    },
    "bl.spamcop.net": {
        "203.0.113.25": ("127.0.0.2", "Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.25"),
        "203.0.113.61": ("127.0.0.2", "Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.61"),
    },
    "b.barracudacentral.org": {
        "192.0.2.44": (
            "127.0.0.2", "http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.44"
        ),
    },
    "psbl.surriel.com": {},
    "dnsbl-1.uceprotect.net": {
        "192.0.2.77": ("127.0.0.2", "IP 192.0.2.77 is UCEPROTECT-Level1 listed"),
        "192.0.2.78": ("127.0.0.2", "IP 192.0.2.78 is UCEPROTECT-Level1 listed"),
    },
    "dnsbl-2.uceprotect.net": {},
    "dnsbl-3.uceprotect.net": {},
    "bl.mailspike.net": {},
    "all.s5h.net": {},
    "dnsbl.dronebl.org": {},
}  # fmt: skip
Face = str  # "main" | "hiding" (hides every listing) | "public" (Spamhaus refuses it)
FACES: tuple[Face, ...] = ("main", "hiding", "public")


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


def _free_ports(count: int) -> list[int]:
    """``count`` different ports, each free for UDP and TCP on 127.0.0.1."""
    ports: list[int] = []
    while len(ports) < count:
        port = _free_port()
        if port not in ports:
            ports.append(port)
    return ports


def _listing_zone(zone: str, listings: dict[str, tuple[str, str]], face: Face) -> list[str]:
    """A blacklist zone: its 127.0.0.2 test point and ``listings``, as ``face`` answers it."""
    if face == "hiding":
        return [f'  local-zone: "{zone}." always_nxdomain']
    if face == "public" and zone == "zen.spamhaus.org":
        return [f'  local-zone: "{zone}." redirect', f'  local-data: "{zone}. A 127.255.255.254"']
    lines = [
        f'  local-zone: "{zone}." static',
        f'  local-data: "2.0.0.127.{zone}. A 127.0.0.2"',
        f"  local-data: '2.0.0.127.{zone}. TXT \"test point\"'",
    ]
    for ip, (code, txt) in listings.items():
        name = _dnsbl_name(ip, zone)
        lines.append(f'  local-data: "{name}. A {code}"')
        lines.append(f"  local-data: '{name}. TXT \"{txt}\"'")
    return lines


def unbound_conf(
    workdir: Path, port: int, blackhole_port: int, slow_txt_port: int = 0, face: Face = "main"
) -> str:
    """The unbound.conf text for the test zones, as resolver ``face`` answers them: "main",
    "hiding" (every blacklist zone NXDOMAIN, test points included) or "public" (zen.spamhaus.org
    answers its public-resolver error code 127.255.255.254 for every name)."""
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
        "  qname-minimisation: no",  # the slow server answers full names only
        '  local-zone: "test." nodefault',
        '  local-zone: "hidden.test." static',
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
    listed = {ip: (code, f"Listed by TEST, see http://listed.test/?ip={ip}")
              for ip, code in LISTED_IPS.items()}  # fmt: skip
    listed.update({ip: ("127.0.0.2", txt) for ip, txt in HOSTILE_TXT.items()})
    lines += _listing_zone("listed.test", listed, face)
    if face == "hiding":
        lines.append('  local-zone: "all.test." always_nxdomain')
        lines.append(f'  local-zone: "{SLOW_TXT_ZONE}." always_nxdomain')
    else:
        lines.append(f'  local-data: "{_dnsbl_name(LISTED_V6, "listed.test")}. A 127.0.0.2"')
        lines += ['  local-zone: "all.test." redirect', '  local-data: "all.test. A 127.0.0.2"']
    lines += _listing_zone("clean.test", {}, face)
    for i in range(20):
        lines += _listing_zone(f"bl{i:02d}.test", {}, face)
    ndr_only = {ip: (code, f"Listed by NDR-ONLY, ip={ip}") for ip, code in NDR_ONLY_LISTED.items()}
    lines += _listing_zone(NDR_ONLY_ZONE, ndr_only, face)
    for zone, listings in CATALOGUE_LISTINGS.items():
        lines += _listing_zone(zone, listings, face)
    for name, (a, aaaa) in HOSTS.items():
        lines.append(f'  local-data: "{name}. A {a}"')
        if aaaa:
            lines.append(f'  local-data: "{name}. AAAA {aaaa}"')
    for name, addresses in MULTI_A.items():
        lines += [f'  local-data: "{name}. A {a}"' for a in addresses]
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
    if face != "hiding":
        slow = slow_txt_port or port + 1  # (a configuration that is only checked, not run)
        lines += ["stub-zone:", f'  name: "{SLOW_TXT_ZONE}."', f"  stub-addr: {ADDRESS}@{slow}"]
    return "\n".join(lines) + "\n"


class SlowTxtServer:
    """An authoritative server for ``slowtxt.test`` (unbound's stub zone) on 127.0.0.1.

    A questions are answered at once; TXT questions ``delay_s`` after the first time the name
    was asked (unbound retransmits meanwhile; every copy is answered at that moment, so one
    of unbound's attempts is still waiting for it). TTL 0: unbound caches nothing.
    """

    def __init__(self, delay_s: float = SLOW_TXT_DELAY_S) -> None:
        self.delay_s = delay_s
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((ADDRESS, 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self._records = {_dnsbl_name(ip, SLOW_TXT_ZONE): ip for ip in SLOW_TXT_LISTED}
        self._first_seen: dict[str, float] = {}
        self._stop = threading.Event()
        self._timers: list[threading.Timer] = []
        self._thread = threading.Thread(target=self._serve, name="slowtxt", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                self._answer(data, peer)
            except Exception:  # a malformed packet must not stop the lab
                continue

    def _answer(self, data: bytes, peer: tuple) -> None:
        query = dns.message.from_wire(data)
        question = query.question[0]
        name = question.name.to_text(omit_final_dot=True).lower()
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        apex = f"{SLOW_TXT_ZONE}."
        soa = dns.rrset.from_text(apex, 0, "IN", "SOA", f"ns.{apex} h.{apex} 1 1 1 1 0")
        delay = 0.0
        if name not in self._records and name != SLOW_TXT_ZONE:
            response.set_rcode(dns.rcode.NXDOMAIN)
            response.authority.append(soa)
        elif question.rdtype == dns.rdatatype.A and name in self._records:
            response.answer.append(dns.rrset.from_text(question.name, 0, "IN", "A", "127.0.0.2"))
        elif question.rdtype == dns.rdatatype.TXT and name in self._records:
            text = f'"Listed by SLOW, ip={self._records[name]}"'
            response.answer.append(dns.rrset.from_text(question.name, 0, "IN", "TXT", text))
            now = time.monotonic()
            first = self._first_seen.get(name)
            if first is None or now - first > self.delay_s + 3.0:
                first = self._first_seen[name] = now
            delay = max(0.0, first + self.delay_s - now)
        else:
            response.authority.append(soa)  # NOERROR, no data
        timer = threading.Timer(delay, self._send, (response.to_wire(), peer))
        timer.daemon = True
        self._timers = [t for t in self._timers if t.is_alive()] + [timer]
        timer.start()

    def _send(self, wire: bytes, peer: tuple) -> None:
        if not self._stop.is_set():
            with contextlib.suppress(OSError):
                self.sock.sendto(wire, peer)

    def stop(self) -> None:
        self._stop.set()
        for timer in self._timers:
            timer.cancel()
        self._thread.join(timeout=2)
        self.sock.close()


@dataclass
class DnsServer:
    """A running lab: where its resolver faces listen and what its zones are."""

    port: int
    address: str = ADDRESS
    conf_path: Path = Path()
    startup_s: float = 0.0
    hiding_port: int = 0  # the same zones through a resolver that hides every listing
    public_port: int = 0  # … and through a public resolver, which Spamhaus refuses
    listed: str = "listed.test"
    clean: str = "clean.test"
    hidden: str = "hidden.test"
    all_listed: str = "all.test"
    error: str = "error.test"
    refused: str = "refused.test"
    servfail: str = "servfail.test"
    timeout: str = "timeout.test"
    slow_txt: str = SLOW_TXT_ZONE
    slow_txt_delay_s: float = SLOW_TXT_DELAY_S
    ndr_only: str = NDR_ONLY_ZONE
    timeouts: tuple[str, ...] = tuple(f"timeout{n}.test" for n in ("", "2", "3", "4", "5"))
    bench: tuple[str, ...] = tuple(f"bl{i:02d}.test" for i in range(20))
    listed_ips: dict[str, str] = field(default_factory=lambda: dict(LISTED_IPS))
    listed_v6: str = LISTED_V6
    hosts: dict = field(default_factory=lambda: dict(HOSTS))
    ptrs: dict = field(default_factory=lambda: dict(PTRS))

    def config(
        self, timeout_s: float = 1.0, deadline_s: float = 2.0, port: int | None = None
    ) -> ResolverConfig:
        return ResolverConfig((self.address,), port or self.port, timeout_s, deadline_s)

    @property
    def spec(self) -> str:
        """The ``--nameserver`` value."""
        return f"{self.address}:{self.port}"

    @property
    def hiding_spec(self) -> str:
        """``--nameserver`` of the face that hides every listing (test points included)."""
        return f"{self.address}:{self.hiding_port}"

    @property
    def public_spec(self) -> str:
        """``--nameserver`` of the face that Spamhaus treats as a public resolver."""
        return f"{self.address}:{self.public_port}"

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
    """Starts and stops the lab (unbound as ``nobody`` when run as root, one process per
    resolver face, and the slow-TXT server)."""

    def __init__(self) -> None:
        if not (os.path.exists(UNBOUND) and os.access(UNBOUND, os.X_OK)):
            raise RuntimeError(
                f"{UNBOUND} not found: the net tests need Debian's unbound "
                "(apt-get install unbound; .ci/run installs it)"
            )
        self.workdir = Path(tempfile.mkdtemp(prefix="fopegui-unbound-"))
        self.blackhole = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.blackhole.bind((ADDRESS, 0))  # held open, never read: questions to it time out
        self.slow_txt = SlowTxtServer()
        self.procs: list[subprocess.Popen] = []

    def start(self) -> DnsServer:
        os.chmod(self.workdir, 0o755)  # readable by the unprivileged child
        (self.workdir / "root.hints").write_text(". 3600 IN NS a.root.invalid.\n")
        ports = dict(zip(FACES, _free_ports(len(FACES)), strict=True))
        blackhole = self.blackhole.getsockname()[1]
        confs = {face: self.workdir / f"unbound-{face}.conf" for face in FACES}
        for face, port in ports.items():
            text = unbound_conf(self.workdir, port, blackhole, self.slow_txt.port, face)
            confs[face].write_text(text)
        for f in self.workdir.iterdir():
            f.chmod(0o644)
        kwargs = {"user": "nobody"} if os.geteuid() == 0 else {}
        started = time.perf_counter()
        for face in FACES:
            self.procs.append(
                subprocess.Popen(
                    [UNBOUND, "-d", "-p", "-c", str(confs[face])],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    **kwargs,
                )
            )
        for proc, face in zip(self.procs, FACES, strict=True):
            self._wait_ready(proc, ports[face], answers=face != "hiding")
        return DnsServer(
            port=ports["main"],
            conf_path=confs["main"],
            startup_s=time.perf_counter() - started,
            hiding_port=ports["hiding"],
            public_port=ports["public"],
        )

    def _wait_ready(self, proc: subprocess.Popen, port: int, answers: bool) -> None:
        probe = dns.message.make_query("2.0.0.127.listed.test.", "A")
        end = time.monotonic() + START_BUDGET_S
        while time.monotonic() < end:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"unbound exited ({proc.returncode}): {out}")
            try:
                reply = dns.query.udp(probe, ADDRESS, port=port, timeout=0.05)
                if bool(reply.answer) == answers:  # the hiding face hides the test point
                    return
            except Exception:
                time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"unbound did not answer on {ADDRESS}:{port} within {START_BUDGET_S}s")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()
        self.procs = []
        self.blackhole.close()
        self.slow_txt.stop()
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
