"""The main window with hand-built reports: banner, tree → detail pane, tabs, list editing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from fopegui.core.model import Field, Header
from fopegui.ui import window_actions
from fopegui.ui.main_window import TAB_NAMES
from fopegui.ui.models import OBJECT_ROLE


def _add(window, *reports) -> None:
    window._begin_batch()
    window.add_reports(list(reports))
    window._end_batch()


def test_empty_window_invites_a_drop(window) -> None:
    assert window.current_report() is None
    assert "Drop" in window.banner.summary.text()
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names == list(TAB_NAMES)
    assert window.findChild(type(window.blacklist_tab), "blacklist") is window.blacklist_tab


def test_first_added_message_is_shown(window, make_report) -> None:
    _add(window, make_report("One", "/m/one.eml"), make_report("Two", "/m/two.eml"))
    assert window.messages.rowCount() == 2
    assert window.current_report().summary["subject"] == "One"
    assert window.banner.summary.text().startswith("Filtered as spam by an ASF option")
    assert window.banner.next_step.text() == "Next step: Turn off the ASF option."
    assert window.banner.findings.count() == 2
    assert window.status_labels["kind"].text() == "EML file"
    assert window.status_labels["sha256"].text() == "SHA-256 abababababab…"
    assert window.status_labels["parse"].text() == "Parsed in 1.2 ms"
    assert window.windowTitle() == "one.eml — fopegui"


def test_detail_pane_opens_on_the_header_behind_the_worst_finding(window, report) -> None:
    _add(window, report)
    current = window.headers_tab.tree.currentIndex()
    assert current.data(OBJECT_ROLE).name == "X-CustomSpam"
    text = window.headers_tab.detail.toPlainText()
    assert "The ASF option that marked the message as spam." in text
    assert "Turn it off." in text
    assert "KB2669119 Method 1" in text


def test_selecting_a_field_explains_it(window, report) -> None:
    _add(window, report)
    tab = window.headers_tab
    antispam = tab.proxy.index(0, 0)
    forefront = tab.proxy.index(1, 0, antispam)
    sfv = tab.proxy.index(1, 0, forefront)
    assert isinstance(sfv.data(OBJECT_ROLE), Field)
    tab.tree.setCurrentIndex(sfv)
    text = tab.detail.toPlainText()
    assert text.startswith("SFV: SPM")
    assert "Marked as spam by spam filtering" in text
    assert "See KB" in text
    assert "X-Forefront-Antispam-Report: CIP:198.51.100.77;SFV:SPM;SCL:5" in text


def test_filter_box_keeps_matching_rows_and_their_groups(window, report) -> None:
    _add(window, report)
    tab = window.headers_tab
    tab.filter_edit.setText("198.51.100")
    groups = [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
    assert groups == ["FOPE / EOP anti-spam"]
    headers = tab.proxy.index(0, 0)
    assert tab.proxy.index(0, 0, headers).data() == "X-Forefront-Antispam-Report"
    tab.filter_edit.clear()
    assert tab.proxy.rowCount() == 3


def test_group_toggle_switches_to_file_order(window, report) -> None:
    _add(window, report)
    window.group_action.setChecked(False)
    tab = window.headers_tab
    names = [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
    assert names == ["X-CustomSpam", "Subject", "X-Forefront-Antispam-Report", "Received"]
    assert not tab.group_button.isChecked()


def test_copy_value_and_row(window, report) -> None:
    _add(window, report)
    tab = window.headers_tab
    assert isinstance(tab.tree.currentIndex().data(OBJECT_ROLE), Header)
    tab.copy_value()
    assert QGuiApplication.clipboard().text() == "Image links to remote sites"
    tab.copy_row()
    assert QGuiApplication.clipboard().text() == (
        "X-CustomSpam\tImage links to remote sites\tThe ASF option that marked the message as spam."
    )


def test_clicking_a_finding_without_header_explains_it(window, report) -> None:
    _add(window, report)
    window.tabs.setCurrentIndex(1)
    window.banner.findings.setCurrentRow(1)  # "No reverse DNS" (warning, no header)
    assert window.tabs.currentWidget() is window.headers_tab
    assert window.headers_tab.detail.toPlainText().startswith("No reverse DNS")


def test_received_tab_and_blacklist_tab(window, report) -> None:
    _add(window, report)
    assert window.select_tab("received")
    assert window.received_tab.model.rowCount() == 4
    edge = window.received_tab.edge_label.text()
    assert "TX2EHSOBE006.bigfish.com [65.55.88.14] (hop 3)" in edge
    window.received_tab.table.selectRow(0)
    assert window.received_tab.raw.toPlainText() == "Received: from newsletter.shop.example"
    # Issue 12: the edge IP the next hop recorded is the target (core.targets); the sender's
    # address only with "every public hop".
    table = window.blacklist_tab.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "65.55.88.14"
    assert table.item(0, 1).text() == "TX2EHSOBE006.bigfish.com"
    assert "(Received hop 3)" in table.item(0, 2).text()
    window.blacklist_tab.hops.setChecked(True)
    assert table.rowCount() == 2 and table.item(1, 0).text() == "198.51.100.77"
    assert not window.select_tab("nonsense")


def test_delete_and_ctrl_w_remove_from_the_list_only(window, make_report, tmp_path, qtbot) -> None:
    path = tmp_path / "keep.eml"
    path.write_bytes(b"Subject: x\r\n\r\n")
    _add(window, make_report("A", str(path)), make_report("B", "/m/b.eml"))
    window.message_list.setFocus()
    window.message_list.selectRow(0)
    qtbot.keyClick(window.message_list, Qt.Key.Key_Delete)
    assert window.messages.rowCount() == 1
    assert path.exists()
    window.message_list.selectRow(0)
    window.close_action.trigger()  # Ctrl+W
    assert window.messages.rowCount() == 0
    assert window.current_report() is None


def test_ctrl_f_goes_to_raw_find_or_header_filter(window, report) -> None:
    _add(window, report)
    window.select_tab("raw")
    window.find_action.trigger()
    assert window.raw_tab.find_bar.isVisible()
    window.select_tab("received")
    window.find_action.trigger()
    assert window.tabs.currentWidget() is window.headers_tab
    assert window.headers_tab.filter_edit.hasFocus()


def test_geometry_and_splitters_are_remembered(qtbot, settings, report) -> None:
    from fopegui.ui.main_window import MainWindow

    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.resize(701, 503)  # inside the offscreen screen (800x600)
    first.show()
    first.splitter.setSizes([250, 451])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (701, 503)
    assert second.splitter.sizes() == sizes


def test_deferred_window_builds_its_panes_after_the_first_frame(qtbot, settings, samples) -> None:
    from fopegui.ui.main_window import MainWindow

    win = MainWindow(settings=settings, deferred=True)
    qtbot.addWidget(win)
    assert not hasattr(win, "headers_tab")  # only the frame so far
    win.show()
    qtbot.waitUntil(lambda: hasattr(win, "headers_tab"), timeout=5000)
    assert win.menuBar().actions()[0].text() == "&File"


def test_opening_files_before_the_panes_exist_builds_them(qtbot, settings, samples) -> None:
    from fopegui.ui.main_window import MainWindow

    win = MainWindow(settings=settings, deferred=True)
    qtbot.addWidget(win)
    win.open_paths([str(samples / "fope-ham-bigfish.eml")])
    assert win.messages.rowCount() == 1


def test_dark_palette_recolours_the_tree(window, report, qapp) -> None:
    from PySide6.QtGui import QColor, QPalette

    from fopegui.ui import severity as sev

    _add(window, report)
    light = window.headers_tab.model.item(0, 0).background().color()
    old = qapp.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    qapp.setPalette(dark)
    try:
        qapp.processEvents()
        assert sev.is_dark()
        recoloured = window.headers_tab.model.item(0, 0).background().color()
        assert recoloured == sev.background("problem")
        assert recoloured != light
    finally:
        qapp.setPalette(old)


def test_attached_message_of_a_msg_opens_in_turn(window, qtbot) -> None:
    from pathlib import Path

    msg = Path(__file__).parent.parent / "data" / "msg" / "EmailWithMsgAttachment.msg"
    window.open_paths([str(msg)], background=False)
    assert window.attached_menu.isEnabled()
    window_actions.fill_attached_menu(window)
    actions = window.attached_menu.actions()
    assert [a.text() for a in actions] == ["Msg Attachment Test"]
    actions[0].trigger()
    report = window.current_report()
    assert report.path == f"{msg}#attachment-0"
    assert report.summary["subject"] == "Msg Attachment Test"
    assert not window.attached_menu.isEnabled()  # the attached message has none itself


def test_dns_tabs_are_built_when_first_shown(window, samples) -> None:
    window.open_paths([str(samples / "ndr-backscatterer.eml")], background=False)
    assert not window._blacklist_page.built and not window._reputation_page.built
    window.show()
    window.select_tab("blacklist")
    assert window._blacklist_page.built
    # The page was built after the message was selected: it still shows that message.
    assert window.blacklist_tab._report is window.current_report()
    assert window.blacklist_tab.table.item(1, 1).text() == "TX2EHSOBE006.bigfish.com"


def test_returned_original_of_a_bounce_opens_in_turn(window, samples) -> None:
    bounce = samples / "ndr-backscatterer.eml"
    window.open_paths([str(bounce)], background=False)
    window_actions.fill_attached_menu(window)
    actions = window.attached_menu.actions()
    assert [a.text() for a in actions] == ["Original message returned by the bounce"]
    actions[0].trigger()
    report = window.current_report()
    assert report.path == f"{bounce}#returned-original"
    assert report.summary["subject"] == "Meeting on Friday"
    assert report.outbound_edge is not None


def test_the_detail_pane_follows_the_header_filter(window, report) -> None:
    _add(window, report)
    tab = window.headers_tab
    assert tab.select_header("X-CustomSpam")
    assert tab.detail.toPlainText().startswith("X-CustomSpam")
    tab.filter_edit.setText("Subject")  # hides X-CustomSpam
    assert not tab.detail.toPlainText().startswith("X-CustomSpam")
    assert "Image links to remote sites" not in tab.detail.toPlainText()
    tab.filter_edit.clear()
    assert tab.select_header("Subject")
    tab.filter_edit.setText("Subj")  # keeps the selected header: its explanation stays
    assert tab.detail.toPlainText().startswith("Subject")


def test_clicking_the_selected_finding_again_shows_it_again(window, report, qtbot) -> None:
    _add(window, report)
    chips = window.banner.findings
    rect = chips.visualItemRect(chips.item(1))  # "No reverse DNS": shown in the detail pane
    qtbot.mouseClick(chips.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chips.currentRow() == 1
    assert window.headers_tab.detail.toPlainText().startswith("No reverse DNS")
    window.select_tab("received")
    window.headers_tab.select_header("Subject")  # the pane shows something else meanwhile
    qtbot.mouseClick(chips.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.headers_tab
    assert window.headers_tab.detail.toPlainText().startswith("No reverse DNS")
