"""Received tab: times in one zone, total delivery time, a delay bar per hop drawn from the
core's hop states, every column in view at 1024×640."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from fopegui.core import received as core_received
from fopegui.core.analyze import analyze_path
from fopegui.ui import severity as sev
from fopegui.ui.delegates import BAR_ROLE, MIN_SCALE_S, bar_fraction
from fopegui.ui.received_model import LOCAL_ZONE, UTC_ZONE, ReceivedModel
from fopegui.ui.received_tab import ReceivedTab

COL = {name: i for i, name in enumerate(ReceivedModel.COLUMNS)}


def test_bar_fraction_is_log_scaled_capped_and_signed() -> None:
    assert bar_fraction(None, 600) == 0.0
    assert bar_fraction(0, 600) == 0.0
    assert bar_fraction(600, 600) == 1.0
    assert bar_fraction(6000, 600) == 1.0  # never past the cell
    # Log scale: a 2 s hop next to a 10 min one still shows (linear would be 0.3 %).
    assert bar_fraction(2, 600) == pytest.approx(math.log1p(2) / math.log1p(600))
    assert bar_fraction(2, 600) > 0.15
    assert bar_fraction(-129, 600) == -bar_fraction(129, 600)
    # A chain of one-second hops is short bars, not full ones.
    assert bar_fraction(1, 1) == pytest.approx(math.log1p(1) / math.log1p(MIN_SCALE_S))


def test_model_takes_hop_states_from_the_core(qapp, report, monkeypatch) -> None:
    model = ReceivedModel(report.received)
    assert model.index(3, COL["delay"]).data(BAR_ROLE) == (600.0, "slow")
    assert model.index(2, COL["delay"]).data(BAR_ROLE) == (-129.0, "skew")
    assert model.index(1, COL["delay"]).data(BAR_ROLE) == (2.0, None)
    # The thresholds are the core's: move them there and the view follows.
    monkeypatch.setattr(core_received, "SLOW_HOP_S", 1)
    model = ReceivedModel(report.received)
    assert model.index(1, COL["delay"]).data() == "2 s (slow)"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) == sev.background("warning")


def test_small_negative_delay_is_drift_not_skew(qapp, report) -> None:
    report.received[2].delay_s = -30.0
    model = ReceivedModel(report.received)
    assert model.index(2, COL["delay"]).data() == "−30 s (clock drift)"
    assert model.index(2, COL["delay"]).data(BAR_ROLE) == (-30.0, "drift")
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) == sev.background("info")


def test_times_are_normalised_to_one_zone(qapp, samples) -> None:
    report = analyze_path(samples.parent / "shapes" / "list-inbound-custom-folder.eml")
    written = [h.time[-6:] for h in report.received]
    assert len(set(written)) == 4  # -07:00, +08:00, -04:00, +02:00: four zones as written
    model = ReceivedModel(report.received, zone=UTC_ZONE)
    times = [model.index(r, COL["time"]).data() for r in range(model.rowCount())]
    assert times == ["18:21:09", "18:11:24", "18:21:10", "18:21:11", "18:21:12", "18:21:13"]
    assert model.day == "2020-10-30"
    assert model.headerData(COL["time"], Qt.Orientation.Horizontal, 0) == "Time (UTC)"
    tip = model.index(2, COL["time"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "As written: 2020-10-31 02:21:10 +0800" in tip and "UTC: 2020-10-30 18:21:10" in tip
    local = ReceivedModel(report.received, zone=LOCAL_ZONE)
    here = datetime.fromisoformat(report.received[0].time).astimezone()
    assert local.index(0, COL["time"]).data().endswith(here.strftime("%H:%M:%S"))
    offset = here.strftime("%z")
    assert local.headerData(COL["time"], Qt.Orientation.Horizontal, 0) == f"Time (local, {offset})"


def test_hops_on_several_days_show_the_date(qapp, report) -> None:
    report.received[3].time = "2012-03-08T02:49:00+00:00"
    model = ReceivedModel(report.received)
    assert model.day is None
    assert model.index(3, COL["time"]).data() == "2012-03-08 02:49:00"


def test_tab_shows_total_delivery_time_and_switches_zone(qtbot, report) -> None:
    tab = ReceivedTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert tab.total_label.text() == (
        "Total delivery time: 7 min 53 s (hop 1 to hop 4). All hops on 2012-03-07 (UTC). "
        "Some servers' clocks disagree (hatched bars), so this is approximate."
    )
    tab.table.selectRow(2)
    tab.set_zone(LOCAL_ZONE)
    assert tab.model.zone == LOCAL_ZONE
    assert tab.table.currentIndex().row() == 2  # the same hop, in the other zone
    assert "local" in tab.model.headerData(COL["time"], Qt.Orientation.Horizontal, 0)
    tab.set_zone(UTC_ZONE)
    tab.set_report(None)
    assert not tab.total_label.isVisibleTo(tab) and not tab.zone_combo.isVisibleTo(tab)


def test_one_timed_hop_gives_no_total(qtbot, report) -> None:
    for hop in report.received[1:]:
        hop.time = None
    tab = ReceivedTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    assert tab.total_label.text() == "The hops' times do not give a delivery time."


def _paint_cell(delegate, index: QModelIndex, width: int = 400, height: int = 24) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    option.palette.setColor(option.palette.ColorRole.Text, QColor("black"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


def _coloured(image: QImage, x0: float, x1: float) -> int:
    """Pixels in the band [x0, x1) (fractions of the width) that are not white or black-ish:
    bar pixels, not background or text."""
    count = 0
    for x in range(int(image.width() * x0), int(image.width() * x1)):
        for y in range(4, image.height() - 4):
            colour = image.pixelColor(x, y)
            if colour.saturation() > 40:
                count += 1
    return count


def test_delay_bar_delegate_paints_bars_from_the_models_values(qtbot, report) -> None:
    tab = ReceivedTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    delegate = tab.table.itemDelegateForColumn(COL["delay"])
    cell = {row: tab.model.index(row, COL["delay"]) for row in range(4)}
    no_delay, short, skew, slow = (_paint_cell(delegate, cell[r]) for r in range(4))
    # Hop 1: no delay, no bar.
    assert _coloured(no_delay, 0, 1) == 0
    # 10 min (slow, the longest): a bar across the whole cell, amber.
    assert _coloured(slow, 0.85, 0.97) > 100
    assert slow.pixelColor(int(400 * 0.3), 12).hue() in range(25, 55)  # amber, not blue
    # 2 s: a short blue bar at the left only (log scale: ~17 % of the cell).
    assert _coloured(short, 0.02, 0.1) > 20
    assert _coloured(short, 0.3, 0.97) == 0  # the figure at the right is black: no colour
    assert short.pixelColor(int(400 * 0.05), 20).hue() in range(190, 250)
    # −2 min 9 s (clock skew): hatched (76 % of the cell on this chain's scale).
    hatched = _coloured(skew, 0.05, 0.7)
    assert hatched > 100
    assert hatched < 0.65 * 400 * 16 * 0.8  # lines and gaps, not a solid block
    assert _coloured(skew, 0.8, 0.97) < hatched / 10  # ends where its length says


def test_received_columns_all_in_view_at_1024x640(qtbot, settings, samples) -> None:
    from fopegui.ui.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1024, 640)
    win.show()
    qtbot.waitExposed(win)
    win.open_paths([str(samples.parent / "shapes" / "list-inbound-custom-folder.eml")],
                   background=False)  # fmt: skip
    win.select_tab("received")
    table = win.received_tab.table
    # Nothing off to the right, once the layout has settled.
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2000)
    header = table.horizontalHeader()
    viewport = table.viewport().width()
    for name in ("delay", "with", "edge", "ip", "time"):
        column = COL[name]
        assert not table.isColumnHidden(column)
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= viewport, name
        assert header.sectionSize(column) >= 50, name
    assert header.length() <= viewport
