"""Column fitting: content widths within minimums and shares, the last column kept in view."""

from __future__ import annotations

from fopegui.ui.columns import Column, fit_widths


def test_content_widths_when_they_fit() -> None:
    columns = [Column(50), Column(50), Column(100)]
    assert fit_widths([120, 80], columns, 1000) == [120, 80]


def test_share_caps_a_long_column_and_minimum_holds_a_short_one() -> None:
    columns = [Column(50, share=0.3), Column(90), Column(100)]
    assert fit_widths([900, 10], columns, 1000) == [300, 90]


def test_shrinking_columns_give_way_so_the_last_starts_in_view() -> None:
    columns = [Column(30, shrinks=False), Column(80), Column(80), Column(100)]
    widths = fit_widths([40, 300, 300], columns, 500)
    assert widths[0] == 40  # does not shrink
    assert sum(widths) <= 500 - 100
    assert all(w >= 80 for w in widths[1:])


def test_minimums_win_over_the_viewport() -> None:
    columns = [Column(200), Column(200), Column(100)]
    assert fit_widths([300, 300], columns, 300) == [200, 200]  # scrolls: nothing narrower


def test_extra_room_for_a_bar() -> None:
    assert fit_widths([50], [Column(40, extra=40), Column(60)], 1000) == [90]
