"""The test DNS server itself: valid config, fast start, unprivileged, loopback only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import dns.message
import dns.query
import dns.rcode

from tests.net.conftest import CHECKCONF, unbound_conf


def _ask(server, name: str, rdtype: str = "A", port: int | None = None, timeout: float = 2):
    return dns.query.udp(
        dns.message.make_query(name, rdtype),
        server.address,
        port=port or server.port,
        timeout=timeout,
    )


def _a(reply) -> list[str]:
    return [rr.to_text() for rrset in reply.answer for rr in rrset]


def test_config_passes_unbound_checkconf(tmp_path: Path) -> None:
    (tmp_path / "root.hints").write_text(". 3600 IN NS a.root.invalid.\n")
    conf = tmp_path / "unbound.conf"
    conf.write_text(unbound_conf(tmp_path, 53535, 53536))
    done = subprocess.run([CHECKCONF, str(conf)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no errors" in done.stdout


def test_config_keeps_everything_on_loopback(tmp_path: Path) -> None:
    text = unbound_conf(tmp_path, 53535, 53536)
    assert "outgoing-interface: 127.0.0.1" in text
    assert "interface: 127.0.0.1@53535" in text
    for line in text.splitlines():
        if "stub-addr" in line:
            assert line.split()[-1].startswith("127.0.0.1@")


def test_server_starts_fast_and_answers(dns_server) -> None:
    assert dns_server.startup_s < 1.0
    reply = _ask(dns_server, "2.0.0.127.listed.test.")
    assert reply.rcode() == dns.rcode.NOERROR
    assert [rr.to_text() for rrset in reply.answer for rr in rrset] == ["127.0.0.2"]


def test_server_runs_unprivileged(dns_server) -> None:
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    owners = []
    for pid in pids:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if str(dns_server.conf_path).encode() in cmd:
                owners.append(os.stat(f"/proc/{pid}").st_uid)
        except OSError:
            continue
    assert owners, "the unbound child was not found"
    assert all(uid != 0 for uid in owners)


def test_fault_zones_answer_as_designed(dns_server) -> None:
    assert _ask(dns_server, "x.refused.test.").rcode() == dns.rcode.REFUSED
    assert _ask(dns_server, "x.servfail.test.").rcode() == dns.rcode.SERVFAIL
    assert _ask(dns_server, "x.clean.test.").rcode() == dns.rcode.NXDOMAIN
    # Names outside the lab's zones cannot be resolved: no traffic leaves the machine. (The
    # catalogue's live zones have lab copies since issue 12; a dead list's zone has none.)
    assert _ask(dns_server, "dnsbl.sorbs.net.").rcode() == dns.rcode.SERVFAIL
    assert _ask(dns_server, "example.org.").rcode() == dns.rcode.SERVFAIL


def test_test_point_zones(dns_server) -> None:
    # clean.test lists only its test point; hidden.test hides it; all.test lists 127.0.0.1.
    assert _a(_ask(dns_server, "2.0.0.127.clean.test.")) == ["127.0.0.2"]
    assert _ask(dns_server, "1.0.0.127.clean.test.").rcode() == dns.rcode.NXDOMAIN
    assert _ask(dns_server, "2.0.0.127.hidden.test.").rcode() == dns.rcode.NXDOMAIN
    assert _a(_ask(dns_server, "1.0.0.127.all.test.")) == ["127.0.0.2"]


def test_catalogue_zone_copies_and_resolver_faces(dns_server) -> None:
    name = "44.2.0.192.b.barracudacentral.org."
    assert _a(_ask(dns_server, name)) == ["127.0.0.2"]
    assert _a(_ask(dns_server, "2.0.0.127.zen.spamhaus.org.")) == ["127.0.0.2"]
    # The hiding face: no listing at all, not even the test point; host names still resolve.
    hiding = dns_server.hiding_port
    assert _ask(dns_server, name, port=hiding).rcode() == dns.rcode.NXDOMAIN
    assert _ask(dns_server, "2.0.0.127.listed.test.", port=hiding).rcode() == dns.rcode.NXDOMAIN
    assert _a(_ask(dns_server, "v4only.hosts.test.", port=hiding)) == ["203.0.113.30"]
    # The public face: Spamhaus answers its error code; other lists answer normally.
    public = dns_server.public_port
    assert _a(_ask(dns_server, "2.0.0.127.zen.spamhaus.org.", port=public)) == ["127.255.255.254"]
    assert _a(_ask(dns_server, name, port=public)) == ["127.0.0.2"]


def test_slow_txt_zone_answers_a_at_once_and_txt_late(dns_server) -> None:
    import time

    name = "10.113.0.203.slowtxt.test."
    start = time.perf_counter()
    assert _a(_ask(dns_server, name)) == ["127.0.0.2"]
    assert time.perf_counter() - start < 0.5
    start = time.perf_counter()
    reply = _ask(dns_server, name, "TXT", timeout=5)
    elapsed = time.perf_counter() - start
    assert _a(reply) == ['"Listed by SLOW, ip=203.0.113.10"']
    assert dns_server.slow_txt_delay_s - 0.1 <= elapsed < dns_server.slow_txt_delay_s + 1.5
    assert _ask(dns_server, "1.0.0.127.slowtxt.test.").rcode() == dns.rcode.NXDOMAIN
