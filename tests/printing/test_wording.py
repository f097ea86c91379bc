"""Dates, times and letters as the papers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from app.papers import SAMPLE_KINDS, PrintRefused, render_sample
from app.settings import Settings
from printing.fonts import has_glyph
from printing.wording import clock_and_date, official_date
from tests.printing.papers import text_of


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 11, 23), "ngày 23 tháng 11 năm 2026"),
    ],
)
def test_dates_have_the_leading_zeros_of_decree_30(day: dt.date, written: str) -> None:
    assert official_date(day) == written


def test_times() -> None:
    assert (
        clock_and_date(dt.datetime(2026, 12, 1, 7, 5))
        == "07 giờ 05 phút, ngày 01 tháng 12 năm 2026"
    )


@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_the_font_can_draw_every_letter_of_every_paper(kind: str) -> None:
    text = text_of(render_sample(kind, Settings.defaults()))
    assert [char for char in set(text) if not char.isspace() and not has_glyph(char)] == []


def test_an_unknown_sample_is_refused_with_the_known_ones() -> None:
    with pytest.raises(PrintRefused) as refused:
        render_sample("bm04", Settings.defaults())
    assert str(refused.value) == (
        f"KIND: không có mẫu “bm04”; các mẫu có sẵn: {', '.join(SAMPLE_KINDS)}"
    )
