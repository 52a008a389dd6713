"""`fopegui-cli dnsbl` through the real dispatcher, against the local unbound only."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from fopegui import cli
from tests.dns_server import HOSTILE_TXT_TEXT


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


# --- issue 12: honest answers, --from FILE -------------------------------------------------------

NDR = Path(__file__).resolve().parent.parent / "data" / "ndr"
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_test_address_through_a_resolver_that_hides_listings_is_inconclusive(
    dns_server, run_cli
) -> None:
    # The first finding: "9 not listed … exit 0" for 127.0.0.2 on such a resolver.
    code, out, _ = run_cli(
        "127.0.0.2", "--nameserver", dns_server.hiding_spec, "--format", "json", "--timeout", "3"
    )
    data = json.loads(out)
    assert code == 3
    assert data["summary"]["not_listed"] == 0 and data["summary"]["listed"] == 0
    assert data["summary"]["unknown"] == len(data["results"]) > 0
    assert all(r["sanity"] == "hides_listings" for r in data["results"])
    code, out, _ = run_cli("127.0.0.2", "--nameserver", dns_server.hiding_spec)
    assert code == 3 and "hides listings" in out


def test_a_wildcard_list_is_not_a_listing(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "203.0.113.77", "--zones", "all.test", "--nameserver", dns_server.spec, "--format", "json"
    )
    assert code == 3
    assert json.loads(out)["results"][0]["status"] == "unknown"


def test_txt_records_are_printed_terminal_safe(dns_server, run_cli) -> None:
    zone = ("--zones", "listed.test", "--nameserver", dns_server.spec)
    code, out, _ = run_cli("203.0.113.66", *zone)
    assert code == 1
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in out
    assert "Listed <U+001B>[31mRED<U+001B>[0m <U+0007>bell <U+202E>exe.txt" in out
    # JSON keeps the record as it is (json escapes it); only the terminal text is made safe.
    code, out, _ = run_cli("203.0.113.66", *zone, "--format", "json")
    assert json.loads(out)["results"][0]["txt"] == HOSTILE_TXT_TEXT["203.0.113.66"]


def test_a_loopback_resolution_is_never_reported_listed(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "loopback.hosts.test", "--zones", "listed.test", "--nameserver", dns_server.spec
    )
    assert code == 3 and "LISTED" not in out
    assert "Not checked:" in out and "127.0.0.2" in out


@pytest.mark.parametrize(
    ("name", "zone", "ip", "says"),
    [
        ("fope-barracuda.eml", "b.barracudacentral.org", "192.0.2.44", "removal request form"),
        ("eop-spamhaus.eml", "zen.spamhaus.org", "198.51.100.23", "check.spamhaus.org"),
        ("eop-spamcop.eml", "bl.spamcop.net", "203.0.113.61", "24 hours after the last report"),
        ("fope-uceprotect.eml", "dnsbl-1.uceprotect.net", "192.0.2.78", "about 7 days"),
        ("../samples/ndr-backscatterer.eml", "ips.backscatterer.org", "65.55.88.14", "SAFE MODE"),
        ("eop-unknown-list.eml", "ndr-only.test", "192.0.2.81", "not in fopegui's catalogue"),
    ],
)
def test_from_an_ndr_checks_its_ip_on_the_list_it_names_first(
    dns_server, run_cli, name, zone, ip, says
) -> None:
    # --zones names another list only: the NDR's list is checked anyway, and first.
    code, out, _ = run_cli(
        "--from", str(NDR / name), "--zones", "clean.test", "--nameserver", dns_server.spec,
        "--format", "json", "--timeout", "3",
    )  # fmt: skip
    assert code == 1
    data = json.loads(out)
    assert data["ips"] == [ip] and data["target"] == str(NDR / name)
    first, second = data["results"]
    assert (first["zone"], first["ip"], first["status"]) == (zone, ip, "listed")
    assert (second["zone"], second["status"]) == ("clean.test", "not_listed")
    assert (first["named"], second["named"]) == (True, False)
    assert data["from"]["path"] == str(NDR / name)
    assert [(x["zone"], x["ip"]) for x in data["from"]["ndr_listings"]] == [(zone, ip)]
    (fix,) = data["resolution"]
    assert fix["zone"] == zone and says in fix["text"]
    assert data["targets"][0]["source"] == "ndr"


def test_from_never_offers_the_private_edge_and_says_so(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "--from", str(NDR / "fope-barracuda.eml"), "--zones", "clean.test",
        "--nameserver", dns_server.spec, "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert data["from"]["edge"] == {"host": "BL2EHSOBE004.bigfish.com", "ip": None}
    assert [(e["source"], e["ip"], e["address_class"]) for e in data["excluded"]] == [
        ("edge", "10.7.40.19", "private")
    ]
    assert "10.7.40.19" not in data["ips"]
    code, out, _ = run_cli(
        "--from", str(NDR / "fope-barracuda.eml"), "--zones", "clean.test",
        "--nameserver", dns_server.spec, "--lang", "ja",
    )  # fmt: skip
    assert code == 1 and "削除依頼フォーム" in out and "Outbound edge: BL2EHSOBE004" in out


def test_from_an_ndr_without_an_ip_resolves_the_edge_as_a_labelled_fallback(
    dns_server, run_cli
) -> None:
    code, out, _ = run_cli(
        "--from", str(NDR / "fope-backscatterer-no-ip.eml"), "--zones", "clean.test",
        "--nameserver", dns_server.spec, "--format", "json",
    )  # fmt: skip
    assert code == 1
    data = json.loads(out)
    assert data["lookup"]["name"] == "TX2EHSOBE006.bigfish.com"
    (target,) = data["targets"]
    assert (target["ip"], target["source"], target["via"], target["fallback"]) == (
        "65.55.88.14", "resolved", "edge", True
    )  # fmt: skip
    assert data["results"][0]["zone"] == "ips.backscatterer.org"
    code, out, _ = run_cli(
        "--from", str(NDR / "fope-backscatterer-no-ip.eml"), "--zones", "clean.test",
        "--nameserver", dns_server.spec,
    )  # fmt: skip
    assert "a fallback: not necessarily the address that delivered" in out


def test_from_through_a_resolver_that_hides_listings_is_inconclusive(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "--from", str(NDR / "fope-barracuda.eml"), "--nameserver", dns_server.hiding_spec,
        "--format", "json",
    )  # fmt: skip
    assert code == 3
    data = json.loads(out)
    assert data["summary"]["listed"] == data["summary"]["not_listed"] == 0


def test_from_a_message_that_is_no_bounce_checks_the_sender(dns_server, run_cli) -> None:
    code, out, _ = run_cli(
        "--from", str(SAMPLES / "fope-spam-customspam.eml"), "--zones", "clean.test",
        "--nameserver", dns_server.spec, "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["ips"] == ["198.51.100.77"] and data["resolution"] == []
    assert data["targets"][0]["source"] == "sender"


@pytest.mark.parametrize(
    "argv",
    [
        ["203.0.113.10", "--from", "x.eml"],  # both
        ["--from", "/no/such/file.eml"],
        ["203.0.113.10", "--hops"],  # --hops without --from
        ["203.0.113.10", "--zones", "127.0.0.2"],  # a zone is a DNS name
        ["203.0.113.10", "--zones", "1.2.3.4,listed.test"],
    ],
)
def test_from_usage_errors_exit_2(run_cli, argv) -> None:
    code, out, err = run_cli(*argv)
    assert code == 2 and out == "" and err
