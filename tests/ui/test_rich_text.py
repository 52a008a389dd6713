"""Header values are text: `<img src=x>` or `<b>` in a header must never become markup."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fopegui.core.model import Finding
from fopegui.ui.models import OBJECT_ROLE

EVIL = "<b>bold</b> <img src=x>"


def test_markup_in_headers_stays_literal_everywhere(window, make_report) -> None:
    report = make_report(EVIL, "/m/<i>name.eml")
    report.verdict.summary = f"Filtered as spam: {EVIL}"
    report.verdict.next_step = EVIL
    report.findings.insert(0, Finding("x", "problem", EVIL, EVIL, "Subject", EVIL))
    window._begin_batch()
    window.add_reports([report])
    window._end_batch()

    # Message list: cell text and tooltip.
    subject = window.sorted_messages.index(0, 2)
    assert subject.data() == EVIL
    assert subject.data(Qt.ItemDataRole.ToolTipRole) == (
        "<qt>&lt;b&gt;bold&lt;/b&gt; &lt;img src=x&gt;</qt>"
    )
    assert window.sorted_messages.index(0, 4).data() == "<i>name.eml"

    # Banner labels are plain-text labels showing the markup as typed.
    for label in (window.banner.summary, window.banner.next_step):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.summary.text() == f"Filtered as spam: {EVIL}"
    assert window.banner.findings.item(0).text() == EVIL

    # Tree: the Subject header row (selected because the worst finding names it).
    current = window.headers_tab.tree.currentIndex()
    assert current.data(OBJECT_ROLE).name == "Subject"
    assert current.siblingAtColumn(1).data() == EVIL

    # Detail pane: no image object (U+FFFC) and no lost tags.
    detail = window.headers_tab.detail.toPlainText()
    assert f"Value\n{EVIL}" in detail
    assert "\ufffc" not in detail
    assert window.headers_tab.detail.document().toHtml().count("<img") == 0

    # Raw tab: the original bytes, tags included.
    assert f"Subject: {EVIL}" in window.raw_tab.text.toPlainText()
