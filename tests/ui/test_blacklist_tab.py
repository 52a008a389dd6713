"""Blacklist tab against the real unbound lab: targets from the core, statuses, icons, summary,
test points, the NDR's list first with its own fix, cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument

from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.dnsbl_catalogue import lists as catalogue_lists
from fopegui.ui import dns_settings
from fopegui.ui import severity as sev
from fopegui.ui.blacklist_tab import BlacklistTab, summary_text
from fopegui.ui.widgets import COLUMNS
from tests.dns_server import HOSTILE_TXT_TEXT

pytestmark = pytest.mark.usefixtures("loopback_only")

EDGE_IP = "65.55.88.14"  # listed on the lab's listed.test and ips.backscatterer.org
EDGE_HOST = "TX2EHSOBE006.bigfish.com"
NDR = Path(__file__).resolve().parent.parent / "data" / "ndr"


@pytest.fixture
def tab(qtbot, settings, dns_server, worker):
    settings.setValue(dns_settings.NAMESERVER, dns_server.spec)
    settings.setValue(dns_settings.TIMEOUT, 0.5)
    settings.setValue(dns_settings.DEADLINE, 1.5)
    widget = BlacklistTab(settings=settings, worker=worker)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    return widget


def _zones(server, *names):
    return [server.zone_list(getattr(server, n)) for n in names]


def _finish(qtbot, tab, target: str | None = None, timeout: int = 5000):
    with qtbot.waitSignal(tab.checkFinished, timeout=timeout) as blocker:
        assert tab.check(target)
    return blocker.args[0]


def _row_status(tab, zone: str, ip: str = EDGE_IP) -> str:
    row = tab.row_of(zone, ip)
    return "" if row is None else tab.status_of(row)


def _cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def _shown(tooltip: str) -> str:
    """What a tooltip displays (Qt renders a ``<qt>`` tooltip as rich text)."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_the_edge_ip_the_next_hop_recorded_is_checked_not_a_host_lookup(
    qtbot, settings, report
) -> None:
    # Issue 12: the tab used to discard the recorded edge IP and resolve the pool name.
    tab = BlacklistTab(settings=settings)
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert [(t.source, t.ip) for t in tab.plan().targets] == [("edge", EDGE_IP)]
    assert tab.plan().resolve == []
    assert tab.table.rowCount() == 1
    assert (_cell(tab.table, 0, 0), _cell(tab.table, 0, 1)) == (EDGE_IP, EDGE_HOST)
    assert "outbound edge TX2EHSOBE006.bigfish.com" in _cell(tab.table, 0, 2)
    assert tab.current_target() == EDGE_IP
    tab.hops.setChecked(True)  # every public hop too
    assert [t.ip for t in tab.plan().targets] == [EDGE_IP, "198.51.100.77"]
    assert tab.current_target() == f"{EDGE_IP}, 198.51.100.77"


def test_ndr_targets_the_blocked_ip_and_never_the_private_edge(qtbot, samples, settings) -> None:
    report = analyze_path(samples / "ndr-backscatterer.eml")
    tab = BlacklistTab(settings=settings)
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert tab.table.rowCount() == 2
    assert _cell(tab.table, 0, 0) == EDGE_IP
    assert "named by the NDR as blocked (ips.backscatterer.org)" in _cell(tab.table, 0, 2)
    assert "blocked using ips.backscatterer.org" in _cell(tab.table, 0, 2)
    assert _cell(tab.table, 0, 3) == "yes"
    assert (_cell(tab.table, 1, 0), _cell(tab.table, 1, 1)) == ("10.9.40.26", EDGE_HOST)
    assert "private address" in _cell(tab.table, 1, 3)
    assert [tab.target_combo.itemText(i) for i in range(tab.target_combo.count())] == [EDGE_IP]
    assert tab.origin.text().startswith("From this message — 65.55.88.14: named by the NDR")
    tab.table.selectRow(1)
    assert "private address" in tab.origin.text()  # the reason, not a target


def test_a_host_name_is_only_a_labelled_fallback(qtbot, settings) -> None:
    data = (
        b"Received: from mail.example.co.jp (203.0.113.10) by TX2EHSOBE006.bigfish.com "
        b"(10.9.40.26) with Microsoft SMTP Server; Thu, 12 Jan 2012 05:03:10 +0000\n"
        b"Subject: s\n\n"
    )
    tab = BlacklistTab(settings=settings)
    qtbot.addWidget(tab)
    tab.set_report(analyze_bytes(data))
    assert [(t.source, t.host) for t in tab.plan().resolve] == [("edge", EDGE_HOST)]
    assert tab.current_target() == EDGE_HOST
    assert _cell(tab.table, 0, 2).startswith("looked up now, as a fallback")


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
    table = tab.result_table
    status_col = COLUMNS.index("status")
    for zone, (text, severity) in expected.items():
        row = tab.row_of(zone, EDGE_IP)
        item = table.item(row, status_col)
        assert item.text() == text, zone
        assert not item.icon().isNull(), zone  # never colour alone
        assert item.background().color() == sev.background(severity), zone
        assert item.foreground().color() == sev.accent(severity), zone
    listed = tab.row_of("listed.test", EDGE_IP)
    txt = table.item(listed, COLUMNS.index("txt")).text()
    assert txt == f"Listed by TEST, see http://listed.test/?ip={EDGE_IP}"
    assert table.item(listed, COLUMNS.index("codes")).text() == "127.0.0.2"
    assert "Listed for the test" in table.item(listed, COLUMNS.index("meaning")).text()
    link = table.item(listed, COLUMNS.index("link")).text()
    assert link == f"http://listed.test/?ip={EDGE_IP}"
    servfail = tab.row_of("servfail.test", EDGE_IP)
    assert "SERVFAIL" in table.item(servfail, COLUMNS.index("meaning")).text()
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


def test_lists_failing_their_test_points_are_never_clean_or_listed(qtbot, tab, dns_server) -> None:
    # hidden.test hides its test point, all.test answers everything: neither counts.
    tab.set_zones(_zones(dns_server, "hidden", "all_listed"))
    outcome = _finish(qtbot, tab, "203.0.113.77")
    assert outcome.summary == {"listed": 0, "not_listed": 0, "error": 0, "unknown": 2}
    assert _row_status(tab, "hidden.test", "203.0.113.77") == "Unknown"
    assert _row_status(tab, "all.test", "203.0.113.77") == "Unknown"
    assert "do not list their own test point 127.0.0.2: hidden.test" in (
        tab.sanity.text()
    )
    assert "which no list may list: all.test" in tab.sanity.text()
    assert tab.summary_severity == "warning"
    assert tab.summary.text().startswith("No usable answer from any of the 2 lists")


def test_a_resolver_that_hides_listings_is_named_as_the_reason(
    qtbot, tab, dns_server, settings, samples
) -> None:
    settings.setValue(dns_settings.NAMESERVER, dns_server.hiding_spec)
    tab.set_zones(_zones(dns_server, "listed"))
    tab.set_report(analyze_path(samples / "ndr-backscatterer.eml"))
    outcome = _finish(qtbot, tab)
    assert {r.status for r in outcome.results} == {"unknown"}
    assert "The resolver hides listings" in tab.sanity.text()
    assert tab.sanity.isVisible()


def test_the_ndr_list_is_checked_first_even_when_switched_off(
    qtbot, tab, dns_server, settings
) -> None:
    # Every catalogue list off; the NDR names Barracuda: it is asked first, marked, and its own
    # fix is shown (not Backscatterer's).
    off = {lst.zone: False for lst in catalogue_lists()}
    settings.setValue(dns_settings.ENABLED, json.dumps(off))
    settings.setValue(dns_settings.CUSTOM_ZONES, ["clean.test"])
    tab.set_report(analyze_path(NDR / "fope-barracuda.eml"))
    assert tab.current_target() == "192.0.2.44"
    outcome = _finish(qtbot, tab)
    assert [(r.zone, r.status) for r in outcome.results] == [
        ("b.barracudacentral.org", "listed"),
        ("clean.test", "not_listed"),
    ]
    table = tab.result_table
    assert table.item(0, 0).text() == (
        "Barracuda Reputation Block List — rejected your mail (NDR)"
    )
    assert table.item(0, 0).font().bold()
    assert "removal request form" in tab.resolution.text()
    assert "Backscatterer" not in tab.resolution.text()


def test_typed_host_name_is_resolved_first(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    outcome = _finish(qtbot, tab, "tx2ehsobe006.bigfish.com")
    assert outcome.lookup.status == "resolved" and outcome.ips == [EDGE_IP]
    table = tab.result_table
    assert table.item(0, 0).text() == "DNS lookup of tx2ehsobe006.bigfish.com"
    assert table.item(0, COLUMNS.index("ip")).text() == EDGE_IP
    assert tab.status_of(0) == "Resolved"
    assert tab.row_of("listed.test", EDGE_IP) == 1
    assert _row_status(tab, "listed.test") == "Listed"
    assert tab.origin.text() == "Typed by you"


def test_a_host_resolving_to_loopback_is_not_reported_listed(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    outcome = _finish(qtbot, tab, "loopback.hosts.test")
    assert outcome.results == [] and outcome.summary["listed"] == 0
    assert "127.0.0.2" in tab.summary.text() and "not checked" in tab.summary.text()
    assert tab.summary_severity == "info"


def test_ipv4_mapped_address_is_checked_as_ipv4(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    outcome = _finish(qtbot, tab, f"::ffff:{EDGE_IP}")
    assert outcome.ips == [EDGE_IP] and _row_status(tab, "listed.test") == "Listed"


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
    assert "10.9.40.26 is a private address" in tab.summary.text()
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
    assert tab.current_target() == EDGE_IP
    assert tab.check()
    tab.set_report(report)
    assert not tab.is_running() and tab.result_table.rowCount() == 0
    assert _cell(tab.table, 0, 1) == EDGE_HOST  # the other message's target: its edge
    assert "outbound edge" in _cell(tab.table, 0, 2)
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


def test_copy_row_puts_plain_text_on_the_clipboard(qtbot, tab, dns_server) -> None:
    tab.set_zones(_zones(dns_server, "listed"))
    _finish(qtbot, tab, EDGE_IP)
    tab.result_table.selectRow(0)
    tab.copy_selection()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Test listed.test\t65.55.88.14\tListed\t127.0.0.2\t")
    assert "Listed by TEST" in text


def test_dns_answers_and_header_values_are_plain_text(qtbot, tab, dns_server) -> None:
    # Issue 17 item 1: `<img src="/dev/zero">` or `<font …>` in a TXT record or a header value
    # shows literally, in cells and tooltips.
    tab.set_zones(_zones(dns_server, "listed"))
    hostile = "203.0.113.67"
    _finish(qtbot, tab, hostile)
    row = tab.row_of("listed.test", hostile)
    for column in ("txt",):
        item = tab.result_table.item(row, COLUMNS.index(column))
        assert item.text() == HOSTILE_TXT_TEXT[hostile]
        assert _shown(item.toolTip()) == HOSTILE_TXT_TEXT[hostile]
    data = (
        b"Received: from <font_color=red>VERIFIED</font> (<img_src=/dev/zero> [192.0.2.9]) by "
        b"mx.example.net with "
        b"ESMTP; Wed, 7 Mar 2012 02:39:00 +0000\nSubject: s\n\n"
    )
    tab.hops.setChecked(True)
    tab.set_report(analyze_bytes(data))
    host = tab.table.item(0, 1)
    assert "VERIFIED</font" in host.text()
    assert _shown(host.toolTip()) == host.text()
    for label in (tab.summary, tab.notes, tab.origin, tab.sanity, tab.resolution, tab.notice):
        assert label.textFormat() == Qt.TextFormat.PlainText


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
    assert "Type an address to check one" in tab.notes.text()
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
