"""KB2590562 wizard: all five pages with the NDR sample against the real unbound fixture."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtGui import QGuiApplication

from fopegui.core.analyze import analyze_path
from fopegui.core.dnsbl_catalogue import lists as catalogue_lists
from fopegui.ui import dns_settings
from fopegui.ui.kb2590562_wizard import (
    PAGE_CHECK,
    PAGE_EDGE,
    PAGE_LOOKUP,
    PAGE_RESULT,
    PAGE_SOURCE,
    Kb2590562Wizard,
    edge_facts,
    kb,
)

pytestmark = pytest.mark.usefixtures("loopback_only")

EDGE_HOST = "TX2EHSOBE006.bigfish.com"
EDGE_IP = "65.55.88.14"


@pytest.fixture
def standin(dns_server):
    """The fixture's listing zone standing in for Backscatterer."""
    return replace(dns_server.zone_list("listed.test"), name="Backscatterer (test)")


@pytest.fixture
def make_wizard(qtbot, settings, dns_server, worker, standin):
    settings.setValue(dns_settings.NAMESERVER, dns_server.spec)
    settings.setValue(dns_settings.TIMEOUT, 0.5)
    settings.setValue(dns_settings.DEADLINE, 1.5)
    # Only fixture zones can ever be asked: every catalogue list off, two local zones on.
    settings.setValue(
        dns_settings.ENABLED, json.dumps({lst.zone: False for lst in catalogue_lists()})
    )
    settings.setValue(dns_settings.CUSTOM_ZONES, ["clean.test", "refused.test"])

    def make(report=None, lang="en"):
        wizard = Kb2590562Wizard(settings, worker, report=report, lang=lang, backscatterer=standin)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def _next(qtbot, wizard, expected_id: int, signal=None) -> None:
    if signal is not None:
        with qtbot.waitSignal(signal, timeout=5000):
            wizard.next()
    else:
        wizard.next()
    assert wizard.currentId() == expected_id


def _walk_to_result(qtbot, wizard) -> None:
    _next(qtbot, wizard, PAGE_EDGE)
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    assert wizard.lookup_page.isComplete()
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    assert wizard.check_page.isComplete()
    _next(qtbot, wizard, PAGE_RESULT)


def test_edge_facts_of_the_ndr_sample(samples) -> None:
    facts = edge_facts(analyze_path(samples / "ndr-backscatterer.eml"))
    assert facts.host == EDGE_HOST
    assert facts.origins[0].startswith("Received header, hop 1 of the NDR")
    assert "Reporting-MTA" in facts.origins[1]
    assert facts.rejected_ips == [EDGE_IP]
    assert facts.rejected_zones == ["ips.backscatterer.org"]


def test_walks_all_five_pages_with_the_ndr_sample(qtbot, make_wizard, samples) -> None:
    wizard = make_wizard()
    assert wizard.currentId() == PAGE_SOURCE
    assert not wizard.source_page.isComplete()
    assert wizard.source_page.load_file(str(samples / "ndr-backscatterer.eml"))
    assert wizard.source_page.isComplete()

    _next(qtbot, wizard, PAGE_EDGE)
    assert wizard.edge_page.host() == EDGE_HOST
    assert "Received header, hop 1 of the NDR" in wizard.edge_page.origin.text()
    assert "blocked using ips.backscatterer.org" in wizard.edge_page.ndr.text()

    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    assert wizard.lookup_page.lookup.status == "resolved"
    assert wizard.ips == [EDGE_IP]  # the fixture's A record; same as the NDR's IP
    assert EDGE_IP in wizard.lookup_page.ips_label.text()

    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    assert [(r.zone, r.status) for r in wizard.check_page.results] == [("listed.test", "listed")]
    assert wizard.check_page.table.item(0, 2).text() == "Listed"

    _next(qtbot, wizard, PAGE_RESULT)
    page = wizard.result_page
    assert page.verdict.text().startswith(
        f"LISTED: {EDGE_HOST} ({EDGE_IP}) is on Backscatterer (test) (listed.test)"
    )
    assert "safe mode" in page.explain.text() and "MAIL FROM:<>" in page.explain.text()
    english = page.message.toPlainText()
    assert f"{EDGE_HOST} ({EDGE_IP})" in english and "allow list" in english
    assert "listed on Backscatterer (test)" in english
    page.copy()
    assert QGuiApplication.clipboard().text() == english
    page.language.setCurrentIndex(1)
    japanese = page.message.toPlainText()
    assert "許可リスト" in japanese and "セーフモード" in japanese and EDGE_IP in japanese
    assert "に掲載あり" in japanese


def test_back_works_and_a_rerun_gives_the_same_answer(qtbot, make_wizard, samples) -> None:
    wizard = make_wizard()
    wizard.source_page.load_file(str(samples / "ndr-backscatterer.eml"))
    _walk_to_result(qtbot, wizard)
    wizard.back()
    assert wizard.currentId() == PAGE_CHECK
    wizard.back()
    wizard.back()
    assert wizard.currentId() == PAGE_EDGE
    wizard.edge_page.host_edit.setText("mail.hosts.test")  # correct the host by hand
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    # Its own A and AAAA, plus the IP quoted by the NDR.
    assert wizard.ips == ["203.0.113.10", "2001:db8::25", EDGE_IP]
    assert "the address the NDR quotes as rejected" in wizard.lookup_page.ips_label.text()
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    assert sorted(r.ip for r in wizard.check_page.results) == sorted(wizard.ips)


def test_typed_host_is_resolved_first_and_other_lists_are_optional(qtbot, make_wizard) -> None:
    wizard = make_wizard(lang="ja")
    assert wizard.windowTitle() == kb("title", "ja")
    wizard.source_page.host_edit.setText("v4only.hosts.test")
    assert wizard.source_page.isComplete()
    _next(qtbot, wizard, PAGE_EDGE)
    assert wizard.edge_page.origin.text().endswith(kb("origin_typed", "ja"))
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    assert wizard.ips == ["203.0.113.30"]
    wizard.check_page.others.setChecked(True)
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    # Backscatterer (stand-in) first, then the lists enabled in settings.
    assert wizard.check_page.results[0].zone == "listed.test"
    assert {r.zone: r.status for r in wizard.check_page.results} == {
        "listed.test": "not_listed",
        "clean.test": "not_listed",
        "refused.test": "unknown",
    }
    _next(qtbot, wizard, PAGE_RESULT)
    assert wizard.result_page.outcome == "not_listed"
    assert wizard.result_page.verdict.text().startswith("掲載なし")
    assert wizard.result_page.language.currentData() == "ja"


def test_unknown_answer_is_not_called_clean(qtbot, make_wizard, dns_server) -> None:
    wizard = make_wizard()
    wizard.backscatterer = dns_server.zone_list("refused.test")
    wizard.source_page.host_edit.setText(EDGE_IP)  # an IP: no lookup needed
    _next(qtbot, wizard, PAGE_EDGE)
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    assert "already an IP address" in wizard.lookup_page.status.text()
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    _next(qtbot, wizard, PAGE_RESULT)
    assert wizard.result_page.outcome == "unknown"
    assert "Unknown is not clean" in wizard.result_page.verdict.text()


def test_selected_message_is_offered(qtbot, make_wizard, samples) -> None:
    report = analyze_path(samples / "ndr-backscatterer.eml")
    wizard = make_wizard(report=report)
    assert wizard.source_page.use_current.isChecked()
    assert wizard.source_page.isComplete()
    _next(qtbot, wizard, PAGE_EDGE)
    assert wizard.edge_page.host() == EDGE_HOST


def test_back_during_lookup_drops_the_answer(qtbot, make_wizard, settings) -> None:
    settings.setValue(dns_settings.TIMEOUT, 10)
    settings.setValue(dns_settings.DEADLINE, 10)
    wizard = make_wizard()
    wizard.source_page.host_edit.setText("ns.timeout.test")  # never answered
    _next(qtbot, wizard, PAGE_EDGE)
    wizard.next()
    assert wizard.currentId() == PAGE_LOOKUP and not wizard.lookup_page.isComplete()
    wizard.back()
    assert wizard.currentId() == PAGE_EDGE
    assert wizard._job is None
