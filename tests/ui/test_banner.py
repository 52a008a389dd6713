"""The diagnosis banner shows the verdict v2: the summary, whose verdict it is, the next step,
the codes, "inferred" with the rule's source, in the colour of the core's severity."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt

from fopegui.core import rules
from fopegui.core.texts import render
from fopegui.ui import severity as sev
from fopegui.ui import texts

# A message the sending organisation's Microsoft 365 let out (outbound stamps only): the
# reader's own filter left no verdict in these headers.
OUTBOUND_ONLY = (
    "From: Sender <news@sender.example>\r\n"
    "To: admin@reader.example\r\n"
    "Subject: Outbound only\r\n"
    "Date: Mon, 1 Dec 2026 10:00:00 +0000\r\n"
    "X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;"
    "SFV:NSPM;H:mail.sender.example;PTR:;CAT:NONE;SFS:;DIR:OUT;\r\n"
    "\r\n"
)


def _banner_texts(banner) -> dict[str, str]:
    return {
        name: getattr(banner, name).text()
        for name in ("summary", "whose", "next_step", "codes", "source")
    }


def test_outbound_only_message_says_it_is_the_senders_verdict(window) -> None:
    window.load_text(OUTBOUND_ONLY)
    report = window.current_report()
    verdict = report.verdict
    assert (verdict.stamp, verdict.direction) == ("sender", "outbound")  # the core's reading
    banner = window.banner
    shown = _banner_texts(banner)
    assert shown["whose"] == (
        "This is the sending organisation's outbound verdict; your filter did not act on it "
        "(X-Forefront-Antispam-Report DIR:OUT)."
    )
    assert banner.whose.isVisibleTo(banner)
    assert shown["summary"] == render(verdict.summary, "en")
    assert shown["next_step"] == "Next step: " + render(verdict.next_step, "en")
    assert shown["codes"] == (
        "Decided by: the spam filter (not spam) · Destination: — · Remedy: nothing to fix"
    )
    assert f"decided_by={verdict.decided_by}" in banner.codes.toolTip()  # the codes themselves
    assert not banner.submit_button.isVisibleTo(banner)  # nothing for the reader to submit
    # Colour and icon from the core's severity, not re-derived by the UI.
    assert sev.accent(verdict.severity).name() in banner.styleSheet()
    assert sev.verdict_severity(report) == verdict.severity
    for label in (banner.summary, banner.whose, banner.next_step, banner.codes):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_inbound_spam_is_the_readers_filters_verdict(window, samples: Path) -> None:
    window.open_paths([str(samples / "eop-spam-authfail.eml")], background=False)
    verdict = window.current_report().verdict
    assert (verdict.stamp, verdict.direction, verdict.severity) == ("reader", "inbound", "problem")
    banner = window.banner
    shown = _banner_texts(banner)
    assert shown["whose"] == (
        "This is your filter's verdict (X-Forefront-Antispam-Report DIR:INB)."
    )
    assert shown["summary"].startswith("Filtered as spam by the spam filter")
    assert shown["codes"] == (
        "Decided by: the spam filter · Destination: — · "
        "Remedy: submit the message (KB2669119 Method 2)"
    )
    assert "remedy=kb_method_2" in banner.codes.toolTip()
    assert "inferred" not in shown["codes"]
    # The rule's source: a link to Microsoft's page, and in the codes' tooltip.
    source = rules.source(verdict.source)
    assert source is not None and source["url"]
    assert f'href="{source["url"]}"' in shown["source"]
    assert html.escape(render(source["title"], "en")) in shown["source"]
    tooltip = banner.codes.toolTip()
    assert f"Rule: {verdict.rule}" in tooltip and source["url"] in tooltip
    assert sev.accent("problem").name() in banner.styleSheet()
    assert banner.submit_button.isVisibleTo(banner)  # KB2669119 Method 2


def test_an_inferred_verdict_says_so_and_names_its_source(window, samples: Path) -> None:
    window.open_paths([str(samples / "spamassassin-spam.eml")], background=False)
    verdict = window.current_report().verdict
    assert verdict.inferred
    banner = window.banner
    assert banner.codes.text().endswith(" · inferred")
    title = html.escape(render(rules.source(verdict.source)["title"], "en"))  # tooltips: HTML
    assert title in banner.codes.toolTip()
    assert title in banner.source.text() and "href" not in banner.source.text()  # no url
    texts.set_language("ja")
    assert banner.codes.text().endswith(" · 推定")
    assert render(rules.source(verdict.source)["title"], "ja") in banner.source.text()


def test_failed_file_and_empty_banner_show_no_verdict_lines(window, tmp_path: Path) -> None:
    banner = window.banner
    for label in (banner.whose, banner.codes, banner.source):
        assert not label.isVisibleTo(banner)
    window.open_paths([str(tmp_path / "missing.eml")], background=False)
    assert window.current_report() is None  # a failure is not added to the list
    banner.set_report(window.failures[-1])
    assert banner.summary.text() == texts.tr_core(window.failures[-1].error)
    for label in (banner.whose, banner.codes, banner.source):
        assert not label.isVisibleTo(banner)


def test_a_long_banner_on_a_short_window_scrolls_instead_of_crowding_the_tabs(
    window, qtbot, samples: Path
) -> None:
    """At most 40 % of the reading pane goes to the banner; what does not fit scrolls inside
    it. On a tall window the whole banner shows, without a scroll bar."""
    from fopegui.ui.banner import BannerArea

    window.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    area = window.findChild(BannerArea)
    pane = area.parentWidget()
    banner = window.banner

    def whole() -> bool:
        return area.height() >= banner.heightForWidth(area.viewport().width())

    qtbot.waitUntil(whole, timeout=2000)  # 1400×900: all of it
    assert area.verticalScrollBar().maximum() == 0
    window.resize(1024, 480)
    qtbot.waitUntil(lambda: area.height() <= BannerArea.MAX_SHARE * pane.height() + 1,
                    timeout=2000)  # fmt: skip
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0, timeout=2000)
    assert not whole()  # the rest is one scroll away, not cut off
    window.resize(1400, 900)
    qtbot.waitUntil(whole, timeout=2000)


def test_the_banner_keeps_its_height_on_a_tab_with_wrapping_text(window, qtbot, samples):
    """The Received tab's wrapped notes want height too; the banner area keeps what it was
    given (a splitter, not a box layout that squeezes it to its minimum)."""
    window.resize(1024, 640)
    window.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    area = window.banner_area
    qtbot.waitUntil(lambda: area.height() == area.wanted_height(), timeout=2000)
    wanted = area.height()
    assert wanted > 4 * area.fontMetrics().height()  # summary, whose, next step, chips
    window.select_tab("received")
    qtbot.wait(50)
    assert area.height() == wanted


def test_a_dragged_banner_height_stands(window, qtbot, samples):
    window.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    area, splitter = window.banner_area, window.reading_splitter
    qtbot.waitUntil(lambda: area.height() == area.wanted_height(), timeout=2000)
    splitter.moveSplitter(80, 1)  # what dragging the handle does (it emits splitterMoved)
    assert area.user_sized
    qtbot.wait(50)
    assert splitter.sizes()[0] == 80
    window.open_paths([str(samples / "eop-spam-authfail.eml")], background=False)
    qtbot.wait(50)
    assert splitter.sizes()[0] == 80  # a new message keeps the admin's height
