"""Blacklist tab against the real unbound fixture: statuses, icons, summary, cancel, targets."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from fopegui.core.analyze import analyze_path
from fopegui.core.dnsbl_catalogue import lists as catalogue_lists
from fopegui.ui import dns_settings
from fopegui.ui import severity as sev
from fopegui.ui.blacklist_tab import (
    COLUMNS,
    BlacklistTab,
    _origin_of_hop,
    blacklist_targets,
    summary_text,
)

pytestmark = pytest.mark.usefixtures("loopback_only")

EDGE_IP = "65.55.88.14"  # listed on the fixture's listed.test


@pytest.fixture
def tab(qtbot, settings, dns_server, worker):
    settings.setValue(dns_settings.NAMESERVER, dns_server.spec)
    settings.setValue(dns_settings.TIMEOUT, 0.5)
    settings.setValue(dns_settings.DEADLINE, 1.5)
    widget = BlacklistTab(settings=settings, worker=worker)
    qtbot.addWidget(widget)
    widget.resize(1300, 500)
    widget.show()
    return widget


def _zones(server, *names):
    return [server.zone_list(getattr(server, n)) for n in names]


def _finish(qtbot, tab, target: str, timeout: int = 5000):
    with qtbot.waitSignal(tab.checkFinished, timeout=timeout) as blocker:
        assert tab.check(target)
    return blocker.args[0]


def _row_status(tab, zone: str, ip: str = EDGE_IP) -> str:
    row = tab.row_of(zone, ip)
    return "" if row is None else tab.status_of(row)


def test_targets_name_their_origin(report) -> None:
    targets = blacklist_targets(report)
    assert [(t.host, t.ip, t.origin) for t in targets] == [
        ("TX2EHSOBE006.bigfish.com", "65.55.88.14", "Received header, hop 3"),
        (
            "newsletter.shop.example",
            "198.51.100.77",
            "X-Forefront-Antispam-Report CIP (host: H)",
        ),
    ]
    # The edge by name (KB2590562's DNS lookup); the sender by the IP the filter saw, not by
    # its HELO name, which is only a claim and may resolve elsewhere.
    assert [t.value for t in targets] == ["TX2EHSOBE006.bigfish.com", "198.51.100.77"]
    assert blacklist_targets(None) == []


def test_ndr_targets_edge_host_then_rejected_ip(qtbot, samples, settings) -> None:
    report = analyze_path(samples / "ndr-backscatterer.eml")
    edge, rejected = blacklist_targets(report)
    # The hop recorded the edge's inside address (10.9.40.26): the core never offers a private
    # address as the edge's, so the target is the host name, resolved first (KB2590562).
    assert report.outbound_edge.ip == "10.9.40.26"
    assert (edge.kind, edge.host, edge.ip) == ("edge", "TX2EHSOBE006.bigfish.com", None)
    assert edge.origin == "Received header, hop 1"
    # A relay hop that did record an inside address says it is not what others saw.
    assert _origin_of_hop(2, "10.9.40.26").endswith("(private address: not what other servers saw)")
    assert edge.value == "TX2EHSOBE006.bigfish.com"  # the host is resolved, not the inside IP
    assert (rejected.kind, rejected.ip, rejected.value) == ("ndr", EDGE_IP, EDGE_IP)
    assert rejected.role == "IP rejected by ips.backscatterer.org"
    assert "blocked using ips.backscatterer.org" in rejected.origin
    tab = BlacklistTab(settings=settings)
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert tab.table.rowCount() == 2
    assert [tab.target_combo.itemText(i) for i in range(2)] == [edge.value, EDGE_IP]
    tab.table.selectRow(1)
    assert tab.current_target() == EDGE_IP
    assert tab.origin.text().startswith("IP rejected by ips.backscatterer.org · NDR text:")


def test_every_outcome_shows_status_icon_colour_and_summary(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed", "clean", "error", "timeout", "servfail", "refused"))
    outcome = _finish(qtbot, tab, EDGE_IP)
    assert outcome.summary == {"listed": 1, "not_listed": 1, "error": 1, "unknown": 3}
    expected = {
        "listed.test": ("Listed", "problem"),
        "clean.test": ("Not listed", "ok"),
        "error.test": ("Error", "warning"),
        "timeout.test": ("Unknown", "unknown"),
        "servfail.test": ("Unknown", "unknown"),
        "refused.test": ("Unknown", "unknown"),
    }
    status_col = COLUMNS.index("status")
    for zone, (text, severity) in expected.items():
        row = tab.row_of(zone, EDGE_IP)
        item = tab.result_table.item(row, status_col)
        assert item.text() == text, zone
        assert not item.icon().isNull(), zone  # never colour alone
        assert item.background().color() == sev.background(severity), zone
        assert item.foreground().color() == sev.accent(severity), zone
    listed = tab.row_of("listed.test", EDGE_IP)
    txt = tab.result_table.item(listed, COLUMNS.index("txt")).text()
    assert txt == f"Listed by TEST, see http://listed.test/?ip={EDGE_IP}"
    assert tab.result_table.item(listed, COLUMNS.index("codes")).text() == "127.0.0.2"
    assert "Listed for the test" in tab.result_table.item(listed, COLUMNS.index("meaning")).text()
    link = tab.result_table.item(listed, COLUMNS.index("link")).text()
    assert link == f"http://listed.test/?ip={EDGE_IP}"
    servfail = tab.row_of("servfail.test", EDGE_IP)
    assert "SERVFAIL" in tab.result_table.item(servfail, COLUMNS.index("meaning")).text()
    assert tab.summary_severity == "problem"
    assert tab.summary.text().startswith(
        "LISTED on 1 of 6 lists; 1 error, 3 unknown — unknown is not clean"
    )
    assert not tab.is_running() and tab.check_button.isEnabled()
    assert not tab.cancel_button.isEnabled() and tab.progress.isHidden()


def test_clean_and_inconclusive_summaries(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "clean", "listed"))
    _finish(qtbot, tab, "203.0.113.77")  # on neither list
    assert tab.summary_severity == "ok"
    assert tab.summary.text().startswith("Not listed on any of the 2 lists")
    tab.set_zones(_zones(dns_server, "clean", "refused"))
    _finish(qtbot, tab, "203.0.113.77")
    assert tab.summary_severity == "warning"
    assert tab.summary.text().startswith(
        "Not listed on 1 of 2 lists; 1 unknown — unknown is not clean"
    )


def test_typed_host_name_is_resolved_first(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    outcome = _finish(qtbot, tab, "tx2ehsobe006.bigfish.com")
    assert outcome.lookup.status == "resolved" and outcome.ips == [EDGE_IP]
    assert tab.result_table.item(0, 0).text() == "DNS lookup of tx2ehsobe006.bigfish.com"
    assert tab.result_table.item(0, COLUMNS.index("ip")).text() == EDGE_IP
    assert tab.status_of(0) == "Resolved"
    assert tab.row_of("listed.test", EDGE_IP) == 1
    assert _row_status(tab, "listed.test") == "Listed"
    assert tab.origin.text() == "Typed by you"


def test_unknown_host_says_so_and_checks_nothing(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    outcome = _finish(qtbot, tab, "nohost.hosts.test")
    assert outcome.lookup.status == "not_found" and outcome.results == []
    assert tab.result_table.rowCount() == 1 and tab.status_of(0) == "Not found"
    assert "nohost.hosts.test" in tab.summary.text()


def test_host_with_ipv6_checks_both_addresses(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))  # the test zone publishes IPv6 entries
    outcome = _finish(qtbot, tab, "mail.hosts.test")
    assert sorted(outcome.ips) == sorted(["203.0.113.10", dns_server.listed_v6])
    assert outcome.summary["listed"] == 2
    assert "(2 addresses)" in tab.summary.text()


def test_private_address_is_explained_not_checked(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    assert tab.check("10.9.40.26") is False
    assert "private or reserved address" in tab.summary.text()
    assert tab.summary_severity == "info" and tab.result_table.rowCount() == 0


def test_cancel_stops_the_check(qtbot, tab, dns_server, settings) -> None:
    settings.setValue(dns_settings.TIMEOUT, 10)
    settings.setValue(dns_settings.DEADLINE, 10)
    tab.set_zones(_zones(dns_server, "timeout", "listed"))
    finished: list[object] = []
    tab.checkFinished.connect(finished.append)
    assert tab.check(EDGE_IP)
    qtbot.waitUntil(lambda: _row_status(tab, "listed.test") == "Listed", timeout=3000)
    assert tab.is_running() and tab.cancel_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert not tab.is_running()
    assert _row_status(tab, "timeout.test") == "Not checked (cancelled)"
    assert _row_status(tab, "listed.test") == "Listed"  # what had arrived stays
    assert tab.summary.text() == "Cancelled: 1 of 2 lists had answered."
    qtbot.wait(300)
    assert finished == [] and tab.check_button.isEnabled()


def test_switching_messages_cancels_and_keeps_results_apart(
    qtbot, tab, dns_server, settings, samples, report
) -> None:
    settings.setValue(dns_settings.TIMEOUT, 10)
    settings.setValue(dns_settings.DEADLINE, 10)
    tab.set_zones(_zones(dns_server, "timeout"))
    tab.set_report(analyze_path(samples / "ndr-backscatterer.eml"))
    assert tab.current_target() == "TX2EHSOBE006.bigfish.com"
    assert tab.check()
    tab.set_report(report)
    assert not tab.is_running() and tab.result_table.rowCount() == 0
    assert tab.current_target() == "TX2EHSOBE006.bigfish.com"
    assert tab.table.item(1, 2).text() == "198.51.100.77"  # the other message's targets
    qtbot.wait(200)
    assert tab.result_table.rowCount() == 0


def test_enter_in_the_target_field_starts_the_check(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    tab.target_combo.setEditText(EDGE_IP)
    with qtbot.waitSignal(tab.checkFinished, timeout=5000):
        qtbot.keyClick(tab.target_combo.lineEdit(), Qt.Key.Key_Return)
    assert _row_status(tab, "listed.test") == "Listed"


def test_zones_come_from_settings(qtbot, tab, dns_server, settings) -> None:
    # All catalogue lists off, the fixture zone added as the user's own: only it is asked.
    off = {lst.zone: False for lst in catalogue_lists()}
    settings.setValue(dns_settings.ENABLED, json.dumps(off))
    settings.setValue(dns_settings.CUSTOM_ZONES, ["listed.test", "clean.test"])
    outcome = _finish(qtbot, tab, EDGE_IP)
    assert [r.zone for r in outcome.results] == ["listed.test", "clean.test"]
    assert [r.status for r in outcome.results] == ["listed", "not_listed"]


def test_rejecting_zone_is_first_and_marked(qtbot, tab, dns_server, samples) -> None:
    report = analyze_path(samples / "ndr-backscatterer.eml")
    report.ndr.listings[0].zone = "listed.test"  # the fixture zone stands in for Backscatterer
    tab.set_zones(_zones(dns_server, "clean", "listed"))
    tab.set_report(report)
    _finish(qtbot, tab, EDGE_IP)
    assert tab.row_of("listed.test", EDGE_IP) == 0
    assert tab.result_table.item(0, 0).text() == "Test listed.test — rejected your mail (NDR)"
    assert tab.result_table.item(0, 0).font().bold()


def test_copy_row_puts_plain_text_on_the_clipboard(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    _finish(qtbot, tab, EDGE_IP)
    tab.result_table.selectRow(0)
    tab.copy_selection()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Test listed.test\t65.55.88.14\tListed\t127.0.0.2\t")
    assert "Listed by TEST" in text


def test_bad_resolver_setting_is_reported(qtbot, tab, settings) -> None:
    settings.setValue(dns_settings.NAMESERVER, "not-an-ip")
    assert tab.check(EDGE_IP) is False
    assert "resolver in Settings is not valid" in tab.summary.text()


def test_summary_wording() -> None:
    counts = {"listed": 1, "not_listed": 9, "error": 0, "unknown": 2}
    assert summary_text(counts, 12) == (
        "problem",
        "LISTED on 1 of 12 lists; 2 unknown — unknown is not clean",
    )
    clean = {"listed": 0, "not_listed": 3, "error": 0, "unknown": 0}
    assert summary_text(clean, 3) == ("ok", "Not listed on any of the 3 lists")
    assert summary_text(dict.fromkeys(clean, 0), 0)[0] == "unknown"


def test_message_without_targets_says_so(qtbot, report, settings) -> None:
    report.received = []
    report.eop = {}
    tab = BlacklistTab(settings=settings)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_report(report)
    assert tab.target_combo.count() == 0 and tab.table.isHidden()
    assert "nothing to check" in tab.notes.text()
    assert tab.objectName() == "blacklist"
    tab.shutdown()


def test_main_window_wires_tools_menu_and_one_lazy_worker(qtbot, window) -> None:
    texts = [a.text() for a in window.tools_menu.actions()]
    assert "NDR from a &blacklist…" in texts and "&Settings…" in texts
    assert window._dns_worker is None  # nothing started with the window
    worker = window.dns_worker()
    assert window.dns_worker() is worker
    assert window.blacklist_tab._worker() is worker

    async def noop() -> int:
        return 1

    with qtbot.waitSignal(worker.submit(noop).finished, timeout=3000):
        pass
    thread = worker.thread_handle()
    window.close()
    assert thread.isFinished() and not worker.is_running()


def test_edge_target_when_the_edge_only_received_the_message() -> None:
    data = (
        b"Received: from mail.example.co.jp (203.0.113.10) by TX2EHSOBE006.bigfish.com "
        b"(10.9.40.26) with Microsoft SMTP Server; Thu, 12 Jan 2012 05:03:10 +0000\n"
        b"Subject: s\n\n"
    )
    from fopegui.core.analyze import analyze_bytes

    edge = blacklist_targets(analyze_bytes(data))[0]
    assert (edge.kind, edge.host, edge.ip) == ("edge", "TX2EHSOBE006.bigfish.com", None)
    assert edge.value == "TX2EHSOBE006.bigfish.com"
