"""KB2590562 wizard: all five pages against the real unbound lab, for the list the NDR names."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QLabel

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
    kb,
)
from fopegui.ui.widgets import COLUMNS
from tests.dns_server import HOSTILE_TXT_TEXT

pytestmark = pytest.mark.usefixtures("loopback_only")

EDGE_HOST = "TX2EHSOBE006.bigfish.com"
EDGE_IP = "65.55.88.14"
NDR = Path(__file__).resolve().parent.parent / "data" / "ndr"


@pytest.fixture
def standin(dns_server):
    """The lab's listing zone standing in for Backscatterer (the list of the KB's example)."""
    return replace(dns_server.zone_list("listed.test"), name="Backscatterer (test)")


@pytest.fixture
def make_wizard(qtbot, settings, dns_server, worker, standin):
    settings.setValue(dns_settings.NAMESERVER, dns_server.spec)
    settings.setValue(dns_settings.TIMEOUT, 0.5)
    settings.setValue(dns_settings.DEADLINE, 1.5)
    # Every catalogue list switched off, two lab zones on: a list the NDR names is asked anyway
    # (the lab has copies of the catalogue's zones on 127.0.0.1).
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


def _walk_file(qtbot, wizard, path) -> None:
    assert wizard.source_page.load_file(str(path))
    _walk_to_result(qtbot, wizard)


def test_edge_page_shows_what_the_recipient_saw(qtbot, make_wizard, samples) -> None:
    # Issue 12: the NDR's blocked IP drives the check; the edge's private inside address is
    # shown as not checked, never as "the address a blacklist would list".
    wizard = make_wizard()
    wizard.source_page.load_file(str(samples / "ndr-backscatterer.eml"))
    _next(qtbot, wizard, PAGE_EDGE)
    page = wizard.edge_page
    assert page.host() == EDGE_HOST
    assert "Received header, hop 1 of the NDR" in page.origin.text()
    assert "Reporting-MTA" in page.origin.text()
    assert f"{EDGE_IP}: named by the NDR as blocked (ips.backscatterer.org)" in page.targets.text()
    assert "10.9.40.26 is a private address" in page.targets.text()
    assert "blocked using ips.backscatterer.org" in page.ndr.text()


def test_walks_all_five_pages_with_the_ndr_sample(qtbot, make_wizard, samples) -> None:
    wizard = make_wizard()
    assert wizard.currentId() == PAGE_SOURCE
    assert not wizard.source_page.isComplete()
    assert wizard.source_page.load_file(str(samples / "ndr-backscatterer.eml"))
    assert wizard.source_page.isComplete()

    _next(qtbot, wizard, PAGE_EDGE)
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    # The NDR names the address: no lookup of a pool name (which used to replace it).
    assert wizard.lookup_page.lookup is None
    assert "No DNS lookup needed" in wizard.lookup_page.status.text()
    assert wizard.ips == [EDGE_IP]

    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    # The list the NDR names, the lab's copy of ips.backscatterer.org, is asked — switched off
    # in Settings, and instead of the KB's default stand-in.
    results = wizard.check_page.results
    assert [(r.zone, r.status, r.named) for r in results] == [
        ("ips.backscatterer.org", "listed", True)
    ]
    assert wizard.check_page.table.status_of(0) == "Listed"

    _next(qtbot, wizard, PAGE_RESULT)
    page = wizard.result_page
    assert page.verdict.text().startswith(
        f"LISTED: {EDGE_IP} is on Backscatterer (ips.backscatterer.org)"
    )
    assert "SAFE MODE" in page.explain.text() and "MAIL FROM:<>" in page.explain.text()
    english = page.message.toPlainText()
    assert f"{EDGE_HOST} ({EDGE_IP})" in english and "allow list" in english
    assert "listed on Backscatterer (ips.backscatterer.org)" in english
    page.copy()
    assert QGuiApplication.clipboard().text() == english
    page.language.setCurrentIndex(1)
    japanese = page.message.toPlainText()
    assert "許可リスト" in japanese and "セーフモード" in japanese and EDGE_IP in japanese
    assert "に掲載あり" in japanese


def test_an_ndr_naming_barracuda_gets_barracudas_fix_and_letter(qtbot, make_wizard) -> None:
    # Issue 12: an NDR naming another list used to get Backscatterer's verdict, explanation and
    # a letter asking for Backscatterer's "safe mode".
    wizard = make_wizard()
    _walk_file(qtbot, wizard, NDR / "fope-barracuda.eml")
    assert wizard.ips == ["192.0.2.44"]
    assert [(r.zone, r.status) for r in wizard.check_page.results] == [
        ("b.barracudacentral.org", "listed")
    ]
    page = wizard.result_page
    assert page.verdict.text().startswith(
        "LISTED: 192.0.2.44 is on Barracuda Reputation Block List (b.barracudacentral.org)"
    )
    assert "removal request form" in page.explain.text()
    english = page.message.toPlainText()
    assert "https://www.barracudacentral.org/rbl/removal-request" in english
    assert "Backscatterer" not in english + page.explain.text()
    assert "safe mode" not in (english + page.explain.text()).lower()
    page.language.setCurrentIndex(1)
    assert "削除依頼フォーム" in page.message.toPlainText()


def test_an_ndr_naming_spamhaus_gets_spamhaus_fix(qtbot, make_wizard) -> None:
    wizard = make_wizard()
    _walk_file(qtbot, wizard, NDR / "eop-spamhaus.eml")
    assert [(r.zone, r.status) for r in wizard.check_page.results] == [
        ("zen.spamhaus.org", "listed")
    ]
    page = wizard.result_page
    assert "Spamhaus ZEN (zen.spamhaus.org)" in page.verdict.text()
    assert "check.spamhaus.org" in page.explain.text()
    english = page.message.toPlainText()
    assert "https://check.spamhaus.org/" in english and "127.255.255.254" in english
    assert "safe mode" not in english.lower()


def test_a_resolver_that_hides_listings_gives_no_verdict(
    qtbot, make_wizard, settings, dns_server
) -> None:
    settings.setValue(dns_settings.NAMESERVER, dns_server.hiding_spec)
    wizard = make_wizard()
    _walk_file(qtbot, wizard, NDR / "fope-barracuda.eml")
    (result,) = wizard.check_page.results
    assert (result.status, result.sanity) == ("unknown", "hides_listings")
    assert "hides listings" in wizard.check_page.sanity.text()
    page = wizard.result_page
    assert page.outcome == "unknown"
    assert "Unknown is not clean" in page.verdict.text()
    assert "this resolver hides listings" in page.verdict.text()


def test_an_ndr_without_an_ip_looks_the_edge_up_as_a_labelled_fallback(
    qtbot, make_wizard
) -> None:
    wizard = make_wizard()
    wizard.source_page.load_file(str(NDR / "fope-backscatterer-no-ip.eml"))
    _next(qtbot, wizard, PAGE_EDGE)
    assert wizard.edge_page.host() == EDGE_HOST
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    assert wizard.lookup_page.lookup.status == "resolved"
    assert wizard.ips == [EDGE_IP]
    text = wizard.lookup_page.ips_label.text()
    assert "Resolved now as a fallback" in text and "not necessarily the one that delivered" in text
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    assert [(r.zone, r.status) for r in wizard.check_page.results] == [
        ("ips.backscatterer.org", "listed")
    ]


def test_back_works_and_a_corrected_host_is_looked_up_too(qtbot, make_wizard, samples) -> None:
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
    # The IP the NDR names first, then the corrected host's own A and AAAA.
    assert wizard.ips == [EDGE_IP, "203.0.113.10", "2001:db8::25"]
    assert wizard.lookup_page.lookup.status == "resolved"
    assert "Typed by you: mail.hosts.test" in wizard.lookup_page.ips_label.text()
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    # Backscatterer publishes no IPv6 data: the AAAA address is skipped, and said so.
    assert [r.ip for r in wizard.check_page.results] == [EDGE_IP, "203.0.113.10"]
    assert [s.ip for s in wizard.check_page.report.skipped] == ["2001:db8::25"]


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
    assert "No DNS lookup needed" in wizard.lookup_page.status.text()
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


def test_dns_answers_and_message_text_are_shown_as_plain_text(qtbot, make_wizard) -> None:
    # Issue 17 item 1: a TXT record (or a header value) with markup must show literally,
    # tooltips included — `<img src="/dev/zero">` once made Qt read /dev/zero.
    hostile = "203.0.113.67"
    wizard = make_wizard()
    wizard.source_page.host_edit.setText(hostile)
    _next(qtbot, wizard, PAGE_EDGE)
    _next(qtbot, wizard, PAGE_LOOKUP, wizard.lookupDone)
    _next(qtbot, wizard, PAGE_CHECK, wizard.checkDone)
    table = wizard.check_page.table
    row = table.row_of("listed.test", hostile)
    cell = table.item(row, COLUMNS.index("txt"))
    assert cell.text() == HOSTILE_TXT_TEXT[hostile]
    shown = QTextDocument()
    shown.setHtml(cell.toolTip())
    assert shown.toPlainText() == HOSTILE_TXT_TEXT[hostile]  # the markup, as text
    assert "<img" not in shown.toHtml().split("<body", 1)[-1].replace("&lt;img", "")
    for page in (wizard.edge_page, wizard.lookup_page, wizard.check_page, wizard.result_page):
        for label in page.findChildren(QLabel):
            if label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
