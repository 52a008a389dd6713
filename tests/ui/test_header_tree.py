"""Headers tab: readable at 1024×640, the summary block, documentation links, the Exchange
housekeeping group, full text of cut-off cells, a .msg's Outlook properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton, QToolTip

from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.outlook_props import OutlookProperty
from fopegui.ui.header_tree import HeaderTreeTab
from fopegui.ui.models import OBJECT_ROLE

MSG = Path(__file__).resolve().parent.parent / "data" / "msg"
SHAPES = Path(__file__).resolve().parent.parent / "data" / "shapes"


def placeholder_room(edit: QLineEdit) -> tuple[int, int]:
    """(width the placeholder needs, width QLineEdit has for it): the contents rectangle less
    the text margins, the 2 px QLineEdit keeps on each side and the clear button."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    area = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    area = area.marginsRemoved(edit.textMargins())
    for button in edit.findChildren(QToolButton):  # the clear button sits inside the box
        if button.isVisibleTo(edit) and button.geometry().left() < area.right():
            area.setRight(button.geometry().left() - 1)
    need = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    return need, area.width() - 4


def meaning_left_edge(tab: HeaderTreeTab) -> int:
    return tab.tree.header().sectionViewportPosition(2)


@pytest.fixture
def small_window(qtbot, settings, samples):
    from fopegui.ui.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1024, 640)
    win.show()
    qtbot.waitExposed(win)
    win.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    tab = win.headers_tab
    qtbot.waitUntil(lambda: tab.tree.header().sectionSize(2) >= 150, timeout=2000)
    return win


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_headers_tab_reads_at_1024x640(qtbot, settings, samples, lang) -> None:
    from PySide6.QtWidgets import QApplication

    from fopegui.ui import texts
    from fopegui.ui.app import install_translations
    from fopegui.ui.main_window import MainWindow

    install_translations(QApplication.instance(), lang)
    try:
        win = MainWindow(settings=settings, lang=lang)
        qtbot.addWidget(win)
        win.resize(1024, 640)
        win.show()
        qtbot.waitExposed(win)
        win.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
        tab = win.headers_tab
        assert win.width() == 1024 and win.height() == 640
        qtbot.waitUntil(lambda: meaning_left_edge(tab) > 0, timeout=2000)  # columns fitted
        viewport = tab.tree.viewport().width()
        # The Meaning column starts inside the tree, with room to read it.
        assert 0 < meaning_left_edge(tab) <= viewport - 150, (meaning_left_edge(tab), viewport)
        assert tab.tree.header().sectionSize(2) >= 150
        # The filter's hint is whole, not "Fil…".
        need, room = placeholder_room(tab.filter_edit)
        assert need <= room, (tab.filter_edit.placeholderText(), need, room)
        # Filter, grouping button and legend all inside the tab.
        for widget in (tab.filter_edit, tab.group_button, tab.legend):
            right = widget.mapTo(tab, QPoint(widget.width(), 0)).x()
            assert right <= tab.width(), widget
        # The tree still has rows to show at this height.
        assert tab.tree.viewport().height() >= 3 * tab.tree.sizeHintForRow(0)
    finally:
        install_translations(QApplication.instance(), "en")
        texts.set_language("en")


def test_columns_fit_content_and_follow_the_pane_width(qtbot, small_window) -> None:
    tab = small_window.headers_tab
    header = tab.tree.header()
    narrow = [header.sectionSize(c) for c in range(3)]
    small_window.resize(1400, 900)
    qtbot.waitUntil(lambda: header.sectionSize(2) > narrow[2] or header.sectionSize(0) > narrow[0])
    wide = [header.sectionSize(c) for c in range(3)]
    assert sum(wide) > sum(narrow)
    # Name column: what the longest visible name needs, within its share of the tree.
    share = 0.33 * tab.tree.viewport().width() + 1
    assert wide[0] <= max(tab.tree.sizeHintForColumn(0), header.sectionSizeHint(0), share)
    assert meaning_left_edge(tab) < tab.tree.viewport().width() - 150


def test_a_cut_off_cell_shows_its_whole_text(qtbot, small_window) -> None:
    tab = small_window.headers_tab
    tree = tab.tree
    # X-BigFish's value is far longer than the Value column at this size.
    index = next(
        i for i in _all_indexes(tree.model())
        if getattr(i.data(OBJECT_ROLE), "name", "") == "X-BigFish"
    ).siblingAtColumn(1)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    assert rect.isValid()
    full = index.data()
    assert tree.fontMetrics().horizontalAdvance(full) > rect.width()  # it is cut off
    QToolTip.hideText()
    tree.viewportEvent(_tooltip_event(tree, rect))
    assert QToolTip.isVisible()
    assert QToolTip.text() == "<qt>" + full + "</qt>"  # plain: escaped, nothing else
    # A name cut off shows the name, then what its icon says.
    small_window.headers_tab.columns._user_sized = True
    tree.header().resizeSection(0, 60)
    name = index.siblingAtColumn(0)
    rect = tree.visualRect(name)
    QToolTip.hideText()
    tree.viewportEvent(_tooltip_event(tree, rect))
    assert QToolTip.text() == "<qt>X-BigFish<hr>Information</qt>"  # the name, then the icon's


def _tooltip_event(view, rect) -> QHelpEvent:
    center = rect.center()
    return QHelpEvent(QEvent.Type.ToolTip, center, view.viewport().mapToGlobal(center))


def _all_indexes(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _all_indexes(model, index)


def test_summary_block_shows_the_message_at_a_glance(qtbot, report) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show()
    tab.set_report(report)
    values = tab.summary.values
    assert values["subject"].full_text() == "Spring catalogue"
    assert values["from"].full_text() == "Shop <news@shop.example>"
    assert values["to"].full_text() == "info@example.co.jp"
    assert values["message_id"].full_text() == "<1@x>"
    # The date as written, then in UTC (same day: the clock only).
    assert values["date"].full_text() == "Wed, 7 Mar 2012 11:41:05 +0900 · UTC 02:41:05"
    tip = values["date"].toolTip()
    assert "2012-03-07 02:41:05 UTC" in tip
    for value in values.values():  # plain text, selectable
        assert value.textFormat() == Qt.TextFormat.PlainText
        assert value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    # Narrow: cut with "…", the whole value in the tooltip.
    tab.summary.values["message_id"].resize(60, 20)
    shortened = values["message_id"]
    report.summary["message_id"] = "<" + "x" * 200 + "@example.com>"
    tab.set_report(report)
    shortened.resize(60, 20)
    assert shortened.is_elided() and shortened.text().endswith("…")
    assert shortened.toolTip() == "<qt>&lt;" + "x" * 200 + "@example.com&gt;</qt>"


def test_summary_date_of_another_day_in_utc(qtbot) -> None:
    from fopegui.ui.summary_block import date_text

    shown, tip = date_text("Thu, 1 Mar 2012 07:00:00 +0900")
    assert shown == "Thu, 1 Mar 2012 07:00:00 +0900 · UTC 2012-02-29 22:00:00"
    assert tip.splitlines()[:2] == ["Thu, 1 Mar 2012 07:00:00 +0900", "2012-02-29 22:00:00 UTC"]
    assert date_text("not a date") == ("not a date", "not a date")
    assert date_text("Mon, 1 Jan 0001 00:00:00 +0100")[0].startswith("Mon, 1 Jan 0001")


def test_markup_in_the_summary_stays_text(qtbot, report) -> None:
    report.summary["subject"] = '<img src="x"> <b>bold</b>'
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    value = tab.summary.values["subject"]
    assert value.full_text() == '<img src="x"> <b>bold</b>'
    assert value.toolTip() == "<qt>&lt;img src=&quot;x&quot;&gt; &lt;b&gt;bold&lt;/b&gt;</qt>"


def test_detail_pane_links_to_the_headers_documentation(qtbot, samples) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    report = analyze_path(samples / "fope-spam-customspam.eml")
    tab.set_report(report)
    link = tab.detail.doc_link
    assert tab.select_header("X-Forefront-Antispam-Report")
    url = (
        "https://learn.microsoft.com/defender-office-365/message-headers-eop-mdo"
        "#x-forefront-antispam-report-message-header-fields"
    )
    assert link.isVisible() and link.url() == url
    assert link.text() == f'<a href="{url}">Documentation (learn.microsoft.com) ↗</a>'
    assert link.textFormat() == Qt.TextFormat.RichText and link.openExternalLinks()
    # A field shows its header's page.
    field = tab.tree.currentIndex().model().index(0, 0, tab.tree.currentIndex())
    tab.tree.setCurrentIndex(field)
    assert link.url() == url
    # No page known: no link.
    assert tab.select_header("X-BigFish")
    assert not link.isVisible() and link.url() is None


def test_the_link_is_escaped_and_only_for_https(qtbot) -> None:
    from fopegui.ui.detail_pane import DocLink

    link = DocLink()
    qtbot.addWidget(link)
    link.set_url('https://example.org/a"b<c>')
    assert link.text() == (
        '<a href="https://example.org/a&quot;b&lt;c&gt;">Documentation (example.org) ↗</a>'
    )
    for bad in ("javascript:alert(1)", "http://example.org/", "file:///etc/passwd", "", None):
        link.set_url(bad)
        assert link.url() is None and link.text() == ""


def test_detail_pane_lists_every_decoded_field_with_its_marks(qtbot, report) -> None:
    from fopegui.core.model import Field

    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    forefront = report.headers[2]
    forefront.fields.append(Field("SFS", "(1)(2)", None, "unknown", undocumented=True))
    forefront.fields.append(Field("XYZ", "1", "Read from real mail", "info", inferred=True))
    tab.set_report(report)
    assert tab.select_header("X-Forefront-Antispam-Report")
    text = tab.detail.toPlainText()
    assert "[Problem] SFV = SPM — Marked as spam by spam filtering" in text
    assert "[Warning] SCL = 5 — Spam confidence level 5: spam" in text
    assert "[Unknown] SFS = (1)(2) — (not documented)" in text
    assert "[Information] XYZ = 1 — Read from real mail (inferred)" in text


HOUSEKEEPING = (
    "X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:US;SCL:1;SFV:NSPM;DIR:INB\r\n"
    "X-MS-Exchange-Organization-Network-Message-Id: 3c41d2e7-8b90-4f1a-a6c5-0e7d52b9f318\r\n"
    "X-MS-Exchange-CrossTenant-Id: 9e0a6b25-47cd-4e83-b1f2-5d8c3a71e604\r\n"
    "X-MS-Exchange-Transport-EndToEndLatency: 00:00:03.6687989\r\n"
    "X-MS-Exchange-Organization-SCL: 1\r\n"
    "Subject: x\r\n\r\n"
)


def test_exchange_housekeeping_gets_its_own_folded_group(qtbot) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(analyze_bytes(HOUSEKEEPING.encode()))
    model = tab.tree.model()
    groups = {model.index(r, 0).data(): model.index(r, 0) for r in range(model.rowCount())}
    assert list(groups) == ["FOPE / EOP anti-spam", "Other", "Exchange housekeeping"]
    antispam, housekeeping = groups["FOPE / EOP anti-spam"], groups["Exchange housekeeping"]
    names = [model.index(r, 0, antispam).data() for r in range(model.rowCount(antispam))]
    assert names == ["X-Forefront-Antispam-Report", "X-MS-Exchange-Organization-SCL"]
    assert model.index(0, 1, housekeeping).data() is not None
    assert model.rowCount(housekeeping) == 3
    assert housekeeping.siblingAtColumn(1).data() == "3 headers"
    assert tab.tree.isExpanded(antispam) and not tab.tree.isExpanded(housekeeping)
    tab.tree.setCurrentIndex(housekeeping)
    assert "X-MS-Exchange-CrossTenant-Id" in tab.detail.toPlainText()


def test_exchange_online_shaped_mail_has_the_anti_spam_report_on_top(qtbot) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(analyze_path(SHAPES / "list-inbound-custom-folder.eml"))
    model = tab.tree.model()
    first = model.index(0, 0)
    assert first.data() == "FOPE / EOP anti-spam"
    assert model.rowCount(first) <= 8  # the report, not twenty bookkeeping stamps
    last = model.index(model.rowCount() - 1, 0)
    assert last.data() == "Exchange housekeeping" and model.rowCount(last) >= 15


def test_msg_without_transport_headers_shows_its_outlook_properties(qtbot) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(analyze_path(MSG / "RtfWithShortRussianString.msg"))
    model = tab.tree.model()
    assert model.rowCount() == 1
    group = model.index(0, 0)
    assert group.data() == "Outlook properties"
    assert group.siblingAtColumn(1).data() == "7 properties"
    assert tab.tree.isExpanded(group)
    rows = {
        model.index(r, 0, group).data(): model.index(r, 1, group).data()
        for r in range(model.rowCount(group))
    }
    assert rows == {
        "Sender": "(none)",
        "To": "(none)",
        "Cc": "(none)",
        "Subject": "(none)",
        "Submitted": "(none)",
        "Delivered": "2023-10-04 13:28:39 UTC",
        "Message class": "IPM.Note",
    }
    cls = model.index(6, 0, group)
    assert isinstance(cls.data(OBJECT_ROLE), OutlookProperty)
    tab.tree.setCurrentIndex(cls)
    text = tab.detail.toPlainText()
    assert "IPM.Note" in text and "PR_MESSAGE_CLASS" in text
    tab.tree.setCurrentIndex(group)
    assert "Delivered: 2023-10-04 13:28:39 UTC" in tab.detail.toPlainText()
    assert tab.summary.values["subject"].full_text() == "—"  # a draft: no subject


def test_msg_with_headers_lists_its_properties_after_the_headers(qtbot) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(analyze_path(MSG / "TxtSampleEmail.msg"))
    model = tab.tree.model()
    last = model.index(model.rowCount() - 1, 0)
    assert last.data() == "Outlook properties"
    values = {
        model.index(r, 0, last).data(): model.index(r, 1, last).data()
        for r in range(model.rowCount(last))
    }
    assert values["Sender"] == "Wilson, Chris <Chris.Wilson@leeds.gov.uk>"
    assert values["To"] == "Wilson, Chris <Chris.Wilson@leeds.gov.uk>"
    assert values["Subject"] == "TxtSampleEmail"
    assert values["Submitted"] == "2017-10-23 07:31:27 UTC"


def test_outlook_properties_switch_language_without_reloading(qtbot) -> None:
    from fopegui.ui import texts

    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    tab.set_report(analyze_path(MSG / "RtfWithShortRussianString.msg"))
    model = tab.tree.model()
    group = model.index(0, 0)
    try:
        texts.set_language("ja")
        assert group.data() == "Outlook のプロパティ"
        assert model.index(0, 0, group).data() == "差出人"
        assert model.index(0, 1, group).data() == "（なし）"
    finally:
        texts.set_language("en")
    assert model.index(0, 0, group).data() == "Sender"


def test_legend_folds_to_icons_when_narrow(qtbot) -> None:
    tab = HeaderTreeTab()
    qtbot.addWidget(tab)
    legend = tab.legend
    legend.resize(legend.sizeHint())
    assert not legend.compact()
    legend.resize(legend.minimumSizeHint())
    assert legend.compact()
    assert legend.minimumSizeHint().width() < legend.sizeHint().width() / 2


def test_message_list_columns_fit_their_content_at_1024x640(qtbot, small_window, samples):
    """The list's columns follow their content (no fixed widths): the date is never cut, the
    last column starts inside the list, and the columns widen with the list."""
    small_window.open_paths(
        [str(samples / name) for name in ("eop-bulk-bcl.eml", "japanese-encodings-crlf.eml")],
        background=False,
    )
    view = small_window.message_list
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: view.model().rowCount() == 3, timeout=2000)
    qtbot.waitUntil(lambda: header.sectionSize(3) >= view.sizeHintForColumn(3), timeout=2000)
    assert header.sectionViewportPosition(4) < view.viewport().width()
    # Only the rows in view are measured: at Qt's default (1,000 rows) every batch of a long
    # load held the GUI thread 200-300 ms (benchmarks/bench_batch_load.py).
    assert header.resizeContentsPrecision() == 0
    # Wider list: the columns widen with it (they are fitted, not fixed).
    before = header.sectionSize(2)
    small_window.splitter.setSizes([700, 324])
    qtbot.waitUntil(lambda: header.sectionSize(2) > before, timeout=2000)


def test_message_list_fits_when_the_header_minimum_is_wide(qtbot, small_window) -> None:
    """A larger font (Japanese) raises the header's minimum section size; the fit plans with
    it, so the row still fits the list and no horizontal scroll bar appears."""
    view = small_window.message_list
    header = view.horizontalHeader()
    header.setMinimumSectionSize(45)
    view.size_columns()
    qtbot.waitUntil(lambda: header.sectionSize(0) >= 45, timeout=2000)
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total <= view.viewport().width()
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=2000)
