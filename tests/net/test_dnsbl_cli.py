"""`fopegui-cli dnsbl` through the real dispatcher, against the local unbound only."""

from __future__ import annotations

import json
import time

import pytest

from fopegui import cli


@pytest.fixture
def run_cli(capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = cli.main(["dnsbl", *argv])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_listed_json_and_exit_1(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "203.0.113.10", "--zones", "listed.test,clean.test", "--nameserver", dns_server.spec,
        "--format", "json", "--timeout", "2",
    )  # fmt: skip
    assert code == 1
    data = json.loads(out)
    assert data["target"] == "203.0.113.10" and data["ips"] == ["203.0.113.10"]
    assert data["resolver"] == {
        "nameservers": ["127.0.0.1"],
        "port": dns_server.port,
        "timeout_s": 2.0,
        "deadline_s": 2.0,
    }
    rows = {r["zone"]: r for r in data["results"]}
    assert rows["listed.test"]["status"] == "listed"
    assert rows["listed.test"]["codes"] == ["127.0.0.2"]
    assert rows["listed.test"]["txt"].startswith("Listed by TEST")
    assert rows["clean.test"]["status"] == "not_listed"
    assert rows["clean.test"]["txt"] is None
    assert data["summary"] == {"listed": 1, "not_listed": 1, "error": 0, "unknown": 0}
    for row in data["results"]:
        assert set(row) >= {"zone", "name", "ip", "status", "codes", "txt", "detail", "elapsed_ms"}


def test_clean_exit_0(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "203.0.113.11", "--zones", "listed.test,clean.test", "--nameserver", dns_server.spec,
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["summary"]["not_listed"] == 2


def test_inconclusive_exit_3(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "203.0.113.11", "--zones", "clean.test,servfail.test,error.test,refused.test",
        "--nameserver", dns_server.spec, "--format", "json",
    )  # fmt: skip
    assert code == 3
    summary = json.loads(out)["summary"]
    assert summary == {"listed": 0, "not_listed": 1, "error": 1, "unknown": 2}


def test_timeout_is_the_overall_deadline(dns_server, run_cli) -> None:
    start = time.perf_counter()
    code, out, _ = run_cli(
        "203.0.113.11", "--zones", ",".join(dns_server.timeouts) + ",clean.test",
        "--nameserver", dns_server.spec, "--timeout", "0.8", "--format", "json",
    )  # fmt: skip
    assert time.perf_counter() - start < 2.5
    assert code == 3
    data = json.loads(out)
    assert data["summary"]["unknown"] == 5 and data["deadline_hit"] is True


def test_host_name_text_table(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "tx2ehsobe006.bigfish.com", "--zones", "listed.test", "--nameserver", dns_server.spec
    )
    assert code == 1
    assert "DNS lookup: tx2ehsobe006.bigfish.com resolves to 65.55.88.14" in out
    header = next(line for line in out.splitlines() if line.startswith("List"))
    assert header.split() == ["List", "Zone", "IP", "Status", "Codes", "Meaning"]
    row = next(line for line in out.splitlines() if "65.55.88.14" in line and "LISTED" in line)
    assert "listed.test" in row and "127.0.0.2" in row
    assert "Summary: 1 listed, 0 not listed, 0 error, 0 unknown" in out


def test_text_table_in_japanese(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "203.0.113.10", "--zones", "error.test", "--nameserver", dns_server.spec, "--lang", "ja"
    )
    assert code == 3
    assert "エラー" in out and "パブリック" in out


def test_ipv6_nameserver_form_is_accepted(dns_server, run_cli) -> None:
    # [::1]:PORT parses; nothing listens on ::1 here (unbound is IPv4-only), so: inconclusive.
    code, out, _ = run_cli(
        "203.0.113.10", "--zones", "listed.test", "--nameserver", f"[::1]:{dns_server.port}",
        "--timeout", "0.5", "--format", "json",
    )  # fmt: skip
    assert code == 3
    data = json.loads(out)
    assert data["resolver"]["nameservers"] == ["::1"]
    assert data["results"][0]["status"] == "unknown"


@pytest.mark.parametrize(
    "argv",
    [
        [],  # no target
        ["203.0.113.10", "--format", "xml"],
        ["203.0.113.10", "--timeout", "soon"],
        ["203.0.113.10", "--timeout", "0"],
        ["203.0.113.10", "--nameserver", "resolver.example"],
        ["203.0.113.10", "--nameserver", "127.0.0.1:99999"],
        ["not a host!"],
        ["203.0.113.10", "--zones", ",,"],
    ],
)
def test_usage_errors_exit_2(run_cli, argv) -> None:
    code, out, err = run_cli(*argv)
    assert code == 2
    assert out == "" and err
