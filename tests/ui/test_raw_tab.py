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
