"""The test DNS server itself: valid config, fast start, unprivileged, loopback only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import dns.message
import dns.query
import dns.rcode

from tests.net.conftest import CHECKCONF, unbound_conf


def _ask(server, name: str, rdtype: str = "A"):
    return dns.query.udp(
        dns.message.make_query(name, rdtype), server.address, port=server.port, timeout=2
    )


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
    # Names outside the test zones cannot be resolved: no traffic leaves the machine.
    assert _ask(dns_server, "zen.spamhaus.org.").rcode() == dns.rcode.SERVFAIL
