"""BM 01's two copies: the same sheet but for their label, however the slip was laid out.

A copy that fits one sheet, at full size or set a little smaller, is laid out once
and placed on both sheets (``printing.copies``); a longer one is laid out copy by
copy over more sheets. Either way each sheet reads as a copy laid out on its own would.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.papers.samples import SAMPLE_OFFICE, sample_slip
from printing import bm01
from printing.bm01 import COPIES, render_bm01
from printing.model import SlipData
from tests.printing.papers import codes_on_page, page_sizes, page_texts, words

SAMPLE = sample_slip("bm01")


def _with_items(slip: SlipData, count: int) -> SlipData:
    """The slip listing ``count`` papers: its own, repeated as needed."""
    items = list(slip.evaluation.items)
    longer = (items * count)[:count]
    return replace(slip, evaluation=slip.evaluation.model_copy(update={"items": longer}))


def _label(index: int) -> str:
    return f"({COPIES[index]})"


@pytest.mark.parametrize(
    ("items", "sheets_per_copy"),
    [
        (len(SAMPLE.evaluation.items), 1),  # fits at full size
        (len(SAMPLE.evaluation.items) + 1, 1),  # fits a little smaller
        (3 * len(SAMPLE.evaluation.items), 2),  # over two sheets per copy, copy by copy
    ],
)
def test_each_copy_reads_as_the_other_but_for_its_label(items: int, sheets_per_copy: int) -> None:
    pdf = render_bm01(_with_items(SAMPLE, items), SAMPLE_OFFICE)
    pages = page_texts(pdf)
    assert len(pages) == len(page_sizes(pdf)) == 2 * sheets_per_copy
    first = " ".join(pages[:sheets_per_copy])
    second = " ".join(pages[sheets_per_copy:])
    # In the order the page draws it: the label under the title, before the code.
    for text, index in ((first, 0), (second, 1)):
        assert f"HẸN TRẢ KẾT QUẢ {_label(index)} Mã hồ sơ: {SAMPLE.code}" in text
    assert first.replace(_label(0), _label(1)) == second


def test_the_second_sheet_places_every_word_where_the_first_has_it() -> None:
    pdf = render_bm01(SAMPLE, SAMPLE_OFFICE)
    pages = [words(pdf, page) for page in (1, 2)]
    # The label is the one line that differs: "(Liên 1: Lưu)", "(Liên 2: Giao …)".
    label_lines = [{word.y for word in page if word.text == "(Liên"} for page in pages]
    assert len(label_lines[0]) == 1 and label_lines[0] == label_lines[1]
    placed = [
        [(word.text, word.x, word.y) for word in page if word.y not in label_lines[0]]
        for page in pages
    ]
    assert len(placed[0]) > 100 and placed[0] == placed[1]


def test_both_sheets_carry_the_readable_codes() -> None:
    pdf = render_bm01(SAMPLE, SAMPLE_OFFICE)
    assert SAMPLE.code is not None
    for page in (1, 2):
        assert codes_on_page(pdf, page) == [("Code128", SAMPLE.code), ("QRCode", SAMPLE.code)]


def test_a_reprint_is_marked_on_both_sheets() -> None:
    pages = page_texts(render_bm01(replace(SAMPLE, print_number=2), SAMPLE_OFFICE))
    assert len(pages) == 2
    assert all(page.startswith("BẢN IN LẠI (lần in thứ 2)") for page in pages)


def test_labels_of_different_heights_lay_each_copy_out_on_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A label wrapping onto a second line would move what follows it on its sheet only."""
    long_label = "Liên 2: Giao người nộp hồ sơ " + "để mang theo khi đến nhận kết quả " * 4
    monkeypatch.setattr(bm01, "COPIES", (COPIES[0], long_label.strip()))
    pdf = render_bm01(SAMPLE, SAMPLE_OFFICE)
    first, second = page_texts(pdf)
    assert f"HẸN TRẢ KẾT QUẢ ({long_label.strip()}) Mã hồ sơ: {SAMPLE.code}" in second
    assert first.replace(_label(0), f"({long_label.strip()})") == second
    code_line = [[word.y for word in words(pdf, page) if word.text == "Mã"] for page in (1, 2)]
    assert code_line[1][0] > code_line[0][0]  # pushed down by the label's second line
