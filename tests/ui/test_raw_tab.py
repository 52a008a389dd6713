"""Raw tab: original header text and find."""

from __future__ import annotations

from fopegui.ui.raw_tab import RawTab, header_text


def test_shows_header_bytes_and_finds_with_wraparound(qtbot, report) -> None:
    tab = RawTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert tab.text.toPlainText() == header_text(report).replace("\r\n", "\n").replace("\r", "\n")
    tab.show_find()
    tab.find_edit.setText("scl:5")
    assert tab.find_next()
    assert tab.text.textCursor().selectedText() == "SCL:5"
    assert tab.find_next()  # wraps to the same, only match
    tab.case_box.setChecked(True)
    assert not tab.find_next()
    assert tab.status.text() == "Not found"


def test_undecodable_bytes_are_replaced_not_fatal(qtbot, report) -> None:
    report.source.header_bytes = b"Subject: caf\xe9\r\n"
    assert header_text(report) == "Subject: caf\ufffd\r\n"
    assert header_text(None) == ""


def test_msg_without_transport_headers_says_so_and_shows_its_properties(qtbot) -> None:
    from pathlib import Path

    from fopegui.core.analyze import analyze_path
    from fopegui.ui import texts
    from fopegui.ui.raw_tab import properties_text

    msg = Path(__file__).resolve().parent.parent / "data" / "msg"
    report = analyze_path(msg / "RtfWithShortRussianString.msg")
    tab = RawTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    shown = tab.text.toPlainText()
    assert shown.startswith(
        "This .msg has no transport headers (PR_TRANSPORT_MESSAGE_HEADERS).\n"
    )
    assert "Message class\tIPM.Note" in shown
    assert "Delivered\t2023-10-04 13:28:39 UTC" in shown
    assert "Sender\t(none)" in shown
    assert tab.text.tabStopDistance() > tab.text.fontMetrics().horizontalAdvance("Message class")
    try:
        texts.set_language("ja")  # the properties' labels follow the language at once
        assert "メッセージ クラス\tIPM.Note" in tab.text.toPlainText()
    finally:
        texts.set_language("en")
    # A .msg with headers shows its headers; an .eml never gets the properties text.
    with_headers = analyze_path(msg / "TxtSampleEmail.msg")
    tab.set_report(with_headers)
    assert tab.text.toPlainText().startswith("Received: from PIFMBX04.Leeds.gov.uk")
    assert properties_text(with_headers) == ""
