"""The reputation tab: facts from the headers offline, live checks only on "Check now", against
the real unbound fixture (the resolver comes from the settings; nothing leaves 127.0.0.0/8)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.analyze import analyze_path
from fopegui.ui import dns_settings
from fopegui.ui.reputation_view import ReputationView, reputation_inputs
from fopegui.ui.severity import ACCENT

DATA = Path(__file__).resolve().parent.parent / "data" / "reputation"
WAIT_MS = 8000


def use_resolver(settings: QSettings, spec: str, zones: list[str], timeout: float = 1.0) -> None:
    """Point the app at ``spec`` and only ``zones``: every catalogue list off."""
    dns_settings.save_dns_settings(
        settings,
        nameserver_spec=spec,
        timeout=timeout,
        deadline=max(2.0, timeout * 2),
        enabled={lst.zone: False for lst in cat.lists()},
        zones=zones,
    )


@pytest.fixture
def view(qtbot, settings, worker, loopback_only):
    v = ReputationView(settings=settings, worker=lambda: worker)
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def rows(view: ReputationView) -> dict[str, tuple[str, str, str]]:
    """check id → (status text, result text, when) of the live table."""
    return view.live_rows()


def run_check(qtbot, view: ReputationView) -> None:
    job = view.check_now()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        pass
    assert view.result is not None


def test_facts_and_offline_findings_without_network(view, samples: Path, worker) -> None:
    report = analyze_path(samples / "eop-spam-authfail.eml")
    view.set_report(report)
    assert view.ip_label.text() == "192.0.2.199   (from X-Forefront-Antispam-Report CIP)"
    assert view.helo_label.text() == "relay.unknown.example   (from X-Forefront-Antispam-Report H)"
    assert view.ptr_label.text().startswith("InfoDomainNonexistent")
    titles = view.finding_titles()
    assert "The sending server has no reverse DNS" in titles
    assert "Sending server: 192.0.2.199" in titles
    assert view.live.rowCount() == 0
    assert "until you click" in view.status.text()
    assert not worker.is_running()  # no loop, no query: loading a message sends nothing
    assert view.check_button.isEnabled() and not view.cancel_button.isEnabled()


def test_inputs_from_received_when_there_is_no_cip(samples: Path) -> None:
    report = analyze_path(DATA / "listed-sender.eml")
    report.eop = {}
    inputs = reputation_inputs(report)
    assert inputs.ip.value == "203.0.113.10"
    assert inputs.ip.origin == "Received header, hop 1"
    assert inputs.helo.value == "mail.hosts.test"
    assert reputation_inputs(None).ip.value is None


def test_message_without_sender_ip(view, samples: Path) -> None:
    view.set_report(analyze_path(samples / "spamassassin-spam.eml"))
    assert view.ip_label.text() == "—"
    assert not view.no_ip.isHidden()
    assert "no sending server to check" in view.no_ip.text()
    assert not view.check_button.isEnabled()
    assert view.check_now() is None


def test_live_check_all_good_except_the_list(qtbot, view, settings, dns_server) -> None:
    use_resolver(settings, dns_server.spec, ["listed.test"])
    view.set_report(analyze_path(DATA / "listed-sender.eml"))
    run_check(qtbot, view)
    found = rows(view)
    assert list(found) == ["ptr", "fcrdns", "helo", "helo_ptr", "dnsbl", "open_proxy"]
    statuses = {k: v[0] for k, v in found.items()}
    assert statuses == {
        "ptr": "OK",
        "fcrdns": "OK",
        "helo": "OK",
        "helo_ptr": "OK",
        "dnsbl": "Problem",
        "open_proxy": "Information",
    }
    assert "mail.hosts.test" in found["ptr"][1]
    for check_id in ("ptr", "fcrdns", "helo", "dnsbl"):
        assert re.fullmatch(r"checked now \(\d\d:\d\d:\d\d\)", found[check_id][2]), check_id
    # Under the DNSBL row, one row a list.
    table = view.live
    dnsbl_row = next(r for r in range(table.rowCount()) if table.key(r) == "dnsbl")
    per_list = table.texts(dnsbl_row + 1)
    assert [per_list[0].strip(), per_list[1]] == ["listed.test", "Listed"]
    assert table.key(dnsbl_row + 1).zone == "listed.test"
    assert table.item(dnsbl_row + 1, 1).foreground().color().name() == ACCENT["problem"]
    assert table.rowCount() == 7
    # Open proxies are not tested, and the row says which lists cover them.
    assert found["open_proxy"][2] == "not tested"
    assert "DroneBL" in found["open_proxy"][1]
    assert "Neither of them was among the lists checked now" in found["open_proxy"][1]
    assert "not at delivery time" in view.status.text()
    assert view.check_button.isEnabled() and not view.cancel_button.isEnabled()


def test_live_check_mismatches(qtbot, view, settings, dns_server) -> None:
    use_resolver(settings, dns_server.spec, ["clean.test"])
    view.set_report(analyze_path(DATA / "mismatched-sender.eml"))
    run_check(qtbot, view)
    statuses = {k: v[0] for k, v in rows(view).items()}
    assert statuses["ptr"] == "OK"  # fake.hosts.test exists …
    assert statuses["fcrdns"] == "Problem"  # … but resolves to another address
    assert statuses["helo"] == "Warning"  # relay.otherdomain.test is 203.0.113.10
    assert statuses["helo_ptr"] == "Warning"  # otherdomain.test vs hosts.test


def test_live_check_no_ptr(qtbot, view, settings, dns_server) -> None:
    use_resolver(settings, dns_server.spec, ["listed.test"])
    view.set_report(analyze_path(DATA / "no-ptr-sender.eml"))
    run_check(qtbot, view)
    statuses = {k: v[0] for k, v in rows(view).items()}
    assert statuses["ptr"] == "Problem"
    assert statuses["helo"] == "OK"
    assert statuses["dnsbl"] == "OK"  # answered NXDOMAIN by listed.test: not listed


def test_unknown_is_grey_never_green(qtbot, view, settings) -> None:
    # A loopback port that never answers: every lookup times out.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        spec = f"127.0.0.1:{silent.getsockname()[1]}"
        use_resolver(settings, spec, ["listed.test"], timeout=0.3)
        view.set_report(analyze_path(DATA / "listed-sender.eml"))
        run_check(qtbot, view)
    table = view.live
    seen = set()
    for row in range(table.rowCount()):
        check_id = table.key(row)
        if check_id in ("ptr", "fcrdns", "helo", "dnsbl"):
            seen.add(check_id)
            assert table.item(row, 1).text() == "Unknown", check_id
            colour = table.item(row, 1).foreground().color().name()
            assert colour == ACCENT["unknown"], check_id
            assert colour != ACCENT["ok"]
    assert seen == {"ptr", "fcrdns", "helo", "dnsbl"}


def test_cancel_and_switching_messages(qtbot, view, settings, samples: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        use_resolver(settings, f"127.0.0.1:{silent.getsockname()[1]}", ["listed.test"], 5.0)
        view.set_report(analyze_path(DATA / "listed-sender.eml"))
        job = view.check_now()
        assert job is not None and view.is_checking()
        assert rows(view)["ptr"][0] == "checking…"
        assert view.cancel_button.isEnabled() and not view.check_button.isEnabled()
        with qtbot.waitSignal(job.cancelled, timeout=1000):
            view.cancel_button.click()
        assert view.live.rowCount() == 0
        assert "Cancelled" in view.status.text()

        second = view.check_now()
        assert second is not None
        view.set_report(analyze_path(samples / "eop-spam-authfail.eml"))  # another message
        assert second.is_done() and not view.is_checking()
        assert view.live.rowCount() == 0
        assert view.result is None
        assert "until you click" in view.status.text()


def test_bad_resolver_setting_is_explained(view, settings) -> None:
    settings.setValue(dns_settings.NAMESERVER, "not-an-address:xx")
    view.set_report(analyze_path(DATA / "listed-sender.eml"))
    assert view.check_now() is None
    assert "Settings" in view.status.text()


def test_window_has_a_reputation_tab(window) -> None:
    from fopegui.ui.main_window import TAB_NAMES

    assert "reputation" in TAB_NAMES
    assert window.select_tab("reputation")
    assert window.tabs.currentWidget().objectName() == "reputation"
    window.open_paths([str(DATA / "listed-sender.eml")], background=False)
    assert window.reputation_tab.inputs.ip.value == "203.0.113.10"
    assert window._dns_worker is None or not window._dns_worker.is_running()


def test_rows_fill_in_as_checks_finish(qtbot, view, settings, dns_server) -> None:
    # A slow list holds the blacklist check: slowtxt.test (the lab's own server) says
    # "listed" at once and sends the TXT reason 1.2 s later. PTR and HELO answer at once and
    # must show before it ends. (Not a dead list: unbound answers SERVFAIL at once for a
    # stub server it recently found dead, which depends on the tests that ran before.)
    # The table is read at each change of its rows, in the order the window made them, so a
    # busy machine that delays the window cannot reorder what it shows.
    use_resolver(settings, dns_server.spec, ["clean.test", "slowtxt.test"], timeout=1.5)
    view.set_report(analyze_path(DATA / "listed-sender.eml"))
    seen: list[tuple[str | None, str | None, str | None]] = []

    def record(*_args: object) -> None:
        now = rows(view)
        seen.append(tuple(now.get(key, (None,))[0] for key in ("ptr", "helo", "dnsbl")))

    view.live.model().dataChanged.connect(record)
    view.check_now()
    # The view's own state, not the job's signal: it may fire before a slot could connect.
    qtbot.waitUntil(lambda: view.result is not None, timeout=WAIT_MS)
    assert ("OK", "OK", "checking…") in seen  # PTR and HELO shown, the slow list pending
    assert rows(view)["dnsbl"][0] == "Problem"  # listed, with the reason that came late
    assert "Listed by SLOW" in view.result.dnsbl.results[-1].txt


def test_offline_findings_are_picked_by_their_kb_code_in_any_language(qtbot, make_report):
    from fopegui.core.model import Finding
    from fopegui.ui import texts

    report = make_report()
    report.findings = [
        Finding("no-ptr", "warning", {"en": "No PTR", "ja": "逆引きなし"}, "", kb="reputation"),
        Finding("asf-option", "problem", "ASF option fired", "", "X-CustomSpam", "method1"),
        Finding("slow-hop", "info", "Slow hop", "", None, None),
    ]
    view = ReputationView()  # no worker: nothing is checked here
    qtbot.addWidget(view)
    view.set_report(report)
    assert view.finding_titles() == ["No PTR"]
    texts.set_language("ja")  # the same report, its finding rendered again
    assert view.finding_titles() == ["逆引きなし"]
    assert view.intro.text() == texts.catalogue_text("reputation_ui", "reputation_intro")


def test_lists_failing_their_test_points_say_why(qtbot, view, settings, dns_server) -> None:
    # Issue 12 item 1: the Reputation tab's blacklist check runs the test points too. Through
    # a resolver that hides listings, the listed sender is neither "listed" nor "OK".
    use_resolver(settings, dns_server.hiding_spec, ["listed.test"])
    view.set_report(analyze_path(DATA / "listed-sender.eml"))
    run_check(qtbot, view)
    assert rows(view)["dnsbl"][0] == "Unknown"
    (entry,) = view.result.dnsbl.results
    assert (entry.status, entry.sanity) == ("unknown", "hides_listings")
    assert "do not list their own test point 127.0.0.2: listed.test" in (
        view.status.text()
    )


@pytest.mark.parametrize(
    ("cip", "warned"),
    [("203.0.113.10", None), ("192.0.2.1", None), ("10.1.2.3", "private"),
     ("127.0.0.1", "loopback")],
)  # fmt: skip
def test_the_address_warning_follows_the_core_address_rule(view, cip, warned) -> None:
    """One address rule (core.addresses): a documentation address is checked like a public
    one, as the Blacklist tab does; a private or loopback address gets the warning."""
    from dataclasses import replace

    from tests.ui.conftest import hand_report

    report = hand_report()
    report = replace(report, eop={**report.eop, "cip": cip})
    view.set_report(report)
    assert view.inputs.ip.value == cip
    if warned is None:
        assert view.no_ip.isHidden()
    else:
        assert not view.no_ip.isHidden()
        assert f"{cip} is a {warned} address" in view.no_ip.text()
