"""Item models over a hand-built Report: rows, grouping, colours, sort keys, plain text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from fopegui.core.model import Report
from fopegui.ui import severity as sev
from fopegui.ui.models import (
    OBJECT_ROLE,
    SORT_ROLE,
    MessageListModel,
    build_header_model,
    plain_tooltip,
)
from fopegui.ui.received_model import ReceivedModel, format_delay

DISPLAY = Qt.ItemDataRole.DisplayRole


def _texts(model, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(r, 0, parent).data(DISPLAY) for r in range(model.rowCount(parent))]


def test_message_list_rows_and_remove(qapp, make_report) -> None:
    model = MessageListModel()
    model.add_reports([make_report("First", "/m/a.eml"), make_report("Second", "/m/b.eml")])
    assert model.rowCount() == 2
    assert model.index(0, 2).data(DISPLAY) == "First"
    assert model.index(1, 4).data(DISPLAY) == "b.eml"
    assert model.index(0, 3).data(DISPLAY) == "2012-03-07 11:41"
    assert isinstance(model.index(0, 0).data(OBJECT_ROLE), Report)
    assert not model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    model.remove_rows([0])
    assert [model.index(0, 2).data(DISPLAY)] == ["Second"]


def test_message_list_cells_follow_their_rows(qapp, make_report) -> None:
    """The cells a row works out at its first paint stay with that row: rows added after a
    paint, and a row removed from the middle, shift nothing onto the wrong message."""
    model = MessageListModel()
    model.add_reports([make_report("A", "/m/a.eml"), make_report("B", "/m/b.eml")])
    assert [model.index(r, 2).data(DISPLAY) for r in range(2)] == ["A", "B"]  # worked out
    late = make_report("C", "/m/c.eml")
    late.summary["date"] = "Mon, 10 Dec 2012 09:00:00 +0000"
    model.add_reports([late, make_report("D", "/m/d.eml")])
    model.remove_rows([1])
    assert [model.index(r, 2).data(DISPLAY) for r in range(3)] == ["A", "C", "D"]
    assert [model.index(r, 4).data(DISPLAY) for r in range(3)] == ["a.eml", "c.eml", "d.eml"]
    assert model.index(1, 3).data(SORT_ROLE) > model.index(0, 3).data(SORT_ROLE)


def test_message_list_sorts_dates_chronologically(qapp, make_report) -> None:
    late, early = make_report("late"), make_report("early")
    late.summary["date"] = "Mon, 10 Dec 2012 09:00:00 +0000"
    early.summary["date"] = "Tue, 2 Oct 2012 09:00:00 +0000"  # "Tue" > "Mon" as text
    model = MessageListModel()
    model.add_reports([late, early])
    assert model.index(1, 3).data(SORT_ROLE) < model.index(0, 3).data(SORT_ROLE)


def test_header_tree_grouped(qapp, report) -> None:
    model = build_header_model(report, grouped=True)
    assert _texts(model) == ["FOPE / EOP anti-spam", "Routing", "Other"]
    antispam = model.index(0, 0)
    assert _texts(model, antispam) == ["X-CustomSpam", "X-Forefront-Antispam-Report"]
    forefront = model.index(1, 0, antispam)
    assert _texts(model, forefront) == ["CIP", "SFV", "SCL"]
    scl = model.index(2, 0, forefront)
    assert model.index(2, 1, forefront).data(DISPLAY) == "5"
    assert model.index(2, 2, forefront).data(DISPLAY) == "Spam confidence level 5: spam"
    # Colour and icon on every decoded row: amber for the SCL warning, red for SFV.
    assert model.itemFromIndex(scl).background().color() == sev.background("warning")
    sfv = model.itemFromIndex(model.index(1, 0, forefront))
    assert sfv.background().color() == sev.background("problem")
    assert not sfv.icon().isNull()


def test_header_tree_file_order(qapp, report) -> None:
    model = build_header_model(report, grouped=False)
    assert _texts(model) == ["X-CustomSpam", "Subject", "X-Forefront-Antispam-Report", "Received"]
    # A plain header the core has nothing to say about carries no colour.
    subject = model.item(1, 0)
    assert subject.background().style() == Qt.BrushStyle.NoBrush


def test_colours_differ_between_light_and_dark(qapp, monkeypatch) -> None:
    light = sev.background("problem")
    monkeypatch.setattr(sev, "is_dark", lambda: True)
    assert sev.background("problem") != light
    assert sev.background("problem").lightness() < light.lightness()


def test_received_model_marks_skew_slow_and_edge(qapp, report) -> None:
    model = ReceivedModel(report.received)
    assert model.rowCount() == 4
    assert model.index(0, 0).data(DISPLAY) == "1"
    col = {name: i for i, name in enumerate(ReceivedModel.COLUMNS)}
    assert model.index(0, col["ip"]).data(DISPLAY) == "198.51.100.77"
    assert model.index(2, col["delay"]).data(DISPLAY) == "−2 min 9 s (clock skew)"
    assert model.index(3, col["delay"]).data(DISPLAY) == "10 min 0 s (slow)"
    assert model.index(1, col["delay"]).data(DISPLAY) == "2 s"
    assert model.index(2, col["edge"]).data(DISPLAY) == "outbound edge"
    assert model.index(0, col["edge"]).data(DISPLAY) == "inbound"
    assert model.index(3, col["edge"]).data(DISPLAY) == ""
    assert model.index(2, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(3, 0).data(Qt.ItemDataRole.BackgroundRole) == sev.background("warning")
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_format_delay() -> None:
    assert format_delay(None) == ""
    assert format_delay(59.4) == "59 s"
    assert format_delay(3725) == "1 h 2 min"


def test_tooltips_are_escaped() -> None:
    assert plain_tooltip("<img src=x>") == "<qt>&lt;img src=x&gt;</qt>"
    assert plain_tooltip("") == ""
