"""Blacklist tab: the check targets the core knows, with their origin; no fake results."""

from __future__ import annotations

from fopegui.ui.blacklist_tab import BlacklistTab, blacklist_targets


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
    assert blacklist_targets(None) == []


def test_private_relay_addresses_are_flagged(report) -> None:
    report.received[2].ip = "10.9.40.26"
    origin = blacklist_targets(report)[0].origin
    assert origin == "Received header, hop 3 (private address: not what other servers saw)"


def test_message_without_targets_says_so(qtbot, report) -> None:
    report.received = []
    report.eop = {}
    tab = BlacklistTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.set_report(report)
    assert tab.table.rowCount() == 0
    assert "nothing to check" in tab.empty.text()
    assert tab.objectName() == "blacklist"
