"""Biểu số 06/VPCP/KSTT as the department files it (PDF) and keeps it (XLSX), and the day's
summary: drawn from hand-made reports, read back with pdftotext and openpyxl as a reader would
check them. (The numbers from a real store: tests/app/statistics and the ``stats`` command's
tests.)"""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from app.statistics.model import (
    COLUMN_KEYS,
    DaySummary,
    OfficialReport,
    PeopleLine,
    ReportCounts,
    ReportRow,
    VerdictCounts,
)
from printing.day_summary_pdf import render_day_summary_pdf
from printing.model import Office
from printing.report06_pdf import render_report06_pdf
from printing.report06_xlsx import render_report06_xlsx
from tests.printing.conftest import AGENCY_NAME, PLACE
from tests.printing.papers import A4, fonts, page_sizes, page_texts, text_of

OFFICE = Office(AGENCY_NAME, place_name=PLACE)
ROAD, TRAINING = "Đường bộ", "Đào tạo, sát hạch lái xe"
EXCHANGE = "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"
PERMIT = "Cấp Giấy phép lái xe quốc tế"
INSTRUCTOR = "Cấp mới Giấy chứng nhận giáo viên dạy thực hành lái xe"
CODES = ("000.17.22.H56-261103-0001", "000.17.22.H56-261104-0002")


def counts(*values: int, withdrawn: int = 0, inside: bool = False) -> ReportCounts:
    """Columns 4, 5, 6, 8, 9, 10, 12, 13 in the form's order."""
    keys = [key for key in COLUMN_KEYS if key != "withdrawn"]
    return ReportCounts(
        **dict(zip(keys, values, strict=True)), withdrawn=withdrawn, withdrawn_in_resolved=inside
    )


def report(*rows: ReportRow, inside: bool = False) -> OfficialReport:
    return OfficialReport(
        first_day=dt.date(2026, 11, 1),
        last_day=dt.date(2026, 11, 30),
        cut_off=dt.datetime(2026, 12, 1),
        unit=AGENCY_NAME,
        points=("Điểm tiếp nhận 252 Lý Chính Thắng",),
        rows=rows,
        withdrawn_in_resolved=inside,
        generated_at=dt.datetime(2026, 12, 1, 8, 0),
    )


# (3) = 50 = 32 + 17 + 1 withdrawn kept apart; (3) = 12 = 10 + 2; (3) = 4 = 2 + 2.
NOVEMBER = report(
    ReportRow(
        ROAD,
        "doi-gtvt",
        EXCHANGE,
        counts(12, 30, 8, 20, 10, 2, 14, 3, withdrawn=1),
        {"received_online": CODES, "withdrawn": (CODES[0],)},
    ),
    ReportRow(ROAD, "idp-cap", PERMIT, counts(5, 7, 0, 9, 1, 0, 2, 0)),
    ReportRow(TRAINING, "gv-cap", INSTRUCTOR, counts(0, 3, 1, 0, 2, 0, 1, 1)),
)
# The form's columns 3–13 of each line, as a reader adds them up.
LINES = {
    f"I {ROAD}": (62, 17, 37, 8, 42, 29, 11, 2, 19, 16, 3),
    f"1 {EXCHANGE}": (50, 12, 30, 8, 32, 20, 10, 2, 17, 14, 3),
    f"2 {PERMIT}": (12, 5, 7, 0, 10, 9, 1, 0, 2, 2, 0),
    f"II {TRAINING}": (4, 0, 3, 1, 2, 0, 2, 0, 2, 1, 1),
    f"3 {INSTRUCTOR}": (4, 0, 3, 1, 2, 0, 2, 0, 2, 1, 1),
    "Tổng cộng": (66, 17, 40, 9, 44, 29, 13, 2, 21, 17, 4),
}


def numbers(values: tuple[int, ...]) -> str:
    return " ".join(str(value) for value in values)


def test_the_pdf_is_the_form_a4_landscape_with_its_head_rows_total_and_signatures() -> None:
    pdf = render_report06_pdf(NOVEMBER, OFFICE)
    (page,) = page_texts(pdf)
    for expected in (
        "Biểu số 06/VPCP/KSTT",
        "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020",
        f"Đơn vị báo cáo: {AGENCY_NAME}",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
        "(Từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "Đơn vị tính: Số hồ sơ TTHC",
        "STT",
        "Lĩnh vực, công việc giải quyết theo cấp",
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số lượng hồ sơ đang giải quyết",
        "Trong kỳ",
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Từ kỳ trước",
        "Trước hạn",
        "Đúng hạn",
        "Trong hạn",
        " ".join(f"({number})" for number in range(1, 14)),
        "NGƯỜI LÀM BÁO CÁO",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "Thành phố Hồ Chí Minh, ngày 01 tháng 12 năm 2026",
        "Trang 1",
    ):
        assert expected in page, expected
    # Every line with its 11 numbers and nothing more: the extra column is not printed.
    labels = list(LINES)
    for index, (label, values) in enumerate(LINES.items()):
        after = labels[index + 1].split()[0] if index + 1 < len(labels) else "Cột"
        assert f"{label} {numbers(values)} {after}" in page, label
    # The 1 withdrawn dossier kept out of (7) and (11) is said, so (3) = (7) + (11) + 1 checks.
    assert "Cột (3) gồm cả 1 hồ sơ công dân xin rút trong kỳ" in page
    assert "Chênh lệch" not in page
    assert page_sizes(pdf) == [(A4[1], A4[0])]
    assert all(font["emb"] == "yes" for font in fonts(pdf))


def test_a_line_that_does_not_add_up_is_shown_with_its_residue() -> None:
    broken = report(
        ReportRow(ROAD, "doi-gtvt", EXCHANGE, counts(1, 2, 0, 1, 0, 0, 1, 0)),
    )
    text = text_of(render_report06_pdf(broken, OFFICE))
    assert f"Chênh lệch chưa giải thích ở dòng “{EXCHANGE}”: (3) − (7) − (11) − số hồ sơ" in text
    assert "= 1." in text
    book = workbook(render_report06_xlsx(broken, OFFICE))
    assert [row[-1] for row in check_rows(book)] == ["KHÔNG KHỚP"] * 3


def test_withdrawn_counted_as_resolved_is_said_under_the_table() -> None:
    inside = report(
        ReportRow(
            ROAD, "doi-gtvt", EXCHANGE, counts(1, 1, 0, 0, 1, 0, 1, 0, withdrawn=1, inside=True)
        ),
        inside=True,
    )
    text = text_of(render_report06_pdf(inside, OFFICE))
    assert "Cột (9) gồm cả 1 hồ sơ công dân xin rút trong kỳ." in text
    assert "Chênh lệch" not in text
    assert [row[-1] for row in check_rows(workbook(render_report06_xlsx(inside, OFFICE)))] == [
        "Khớp"
    ] * 3


def test_a_long_report_repeats_the_head_on_every_page_and_ends_with_the_total() -> None:
    rows = tuple(
        ReportRow(
            f"Lĩnh vực {n // 10 + 1}", f"p{n}", f"Thủ tục số {n}", counts(1, 1, 0, 1, 0, 0, 1, 0)
        )
        for n in range(60)
    )
    pages = page_texts(render_report06_pdf(report(*rows), OFFICE))
    assert len(pages) > 1
    head = " ".join(f"({number})" for number in range(1, 14))
    assert all(head in page for page in pages)
    assert f"Tổng cộng {numbers((120, 60, 60, 0, 60, 60, 0, 0, 60, 60, 0))}" in pages[-1]
    assert f"VI Lĩnh vực 6 {numbers((20, 10, 10, 0, 10, 10, 0, 0, 10, 10, 0))}" in " ".join(pages)
    assert all(f"Trang {index}" in page for index, page in enumerate(pages, start=1))


# ------------------------------------------------------------------------------ workbook

_RANGE = re.compile(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
_REF = re.compile(r"(?:'([^']+)'!)?([A-Z]+)(\d+)")


def workbook(data: bytes) -> Workbook:
    return openpyxl.load_workbook(BytesIO(data))


def value(book: Workbook, sheet: str, cell: str) -> Any:
    """A cell as Excel shows it: a formula of sums and references worked out, as Excel would."""
    found = book[sheet][cell].value
    if isinstance(found, str) and found.startswith("="):
        return evaluate(book, sheet, found[1:])
    return found


def evaluate(book: Workbook, sheet: str, formula: str) -> int:
    def summed(match: re.Match[str]) -> str:
        column, first, last = match[1], int(match[2]), int(match[4])
        assert match[3] == column
        return str(sum(value(book, sheet, f"{column}{row}") for row in range(first, last + 1)))

    arithmetic = _REF.sub(
        lambda m: str(value(book, m[1] or sheet, f"{m[2]}{m[3]}")), _RANGE.sub(summed, formula)
    )
    assert re.fullmatch(r"[0-9+\-*]+", arithmetic), formula
    result: int = eval(arithmetic)  # digits and + - * only, checked above
    return result


def form_lines(book: Workbook) -> dict[str, tuple[Any, ...]]:
    """The lines under the form's head: "STT label" → the values of columns 3–13 (worked out)."""
    sheet = book["Biểu 06"]
    head = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "(1)")
    found = {}
    for row in range(head + 1, sheet.max_row + 1):
        number, label = sheet.cell(row, 1).value, sheet.cell(row, 2).value
        key = f"{number} {label}" if number is not None else str(label)
        found[key] = tuple(value(book, "Biểu 06", f"{col}{row}") for col in "CDEFGHIJKLM")
    return found


def check_rows(book: Workbook) -> list[tuple[Any, ...]]:
    sheet = book["Kiểm tra"]
    return [
        (
            *(value(book, "Kiểm tra", f"{col}{row}") for col in "ABCDEFGHIJ"),
            sheet[f"K{row}"].value and _verdict(book, row),
        )
        for row in range(5, sheet.max_row + 1)
    ]


def _verdict(book: Workbook, row: int) -> str:
    """The check's verdict column: "Khớp" when the residue is 0 and the form's totals are the
    program's (the IF the sheet holds, worked out)."""
    formula = book["Kiểm tra"][f"K{row}"].value
    assert formula == (
        f'=IF(AND(G{row}=0,C{row}=H{row},D{row}=I{row},E{row}=J{row}),"Khớp","KHÔNG KHỚP")'
    )
    get = {col: value(book, "Kiểm tra", f"{col}{row}") for col in "CDEGHIJ"}
    ok = get["G"] == 0 and get["C"] == get["H"] and get["D"] == get["I"] and get["E"] == get["J"]
    return "Khớp" if ok else "KHÔNG KHỚP"


def test_the_workbook_has_the_same_layout_numbers_as_numbers_and_formulas_for_the_totals() -> None:
    book = workbook(render_report06_xlsx(NOVEMBER, OFFICE))
    assert book.sheetnames == ["Biểu 06", "Cột bổ sung", "Kiểm tra", "Danh sách hồ sơ"]
    sheet = book["Biểu 06"]
    texts = [cell for row in sheet.iter_rows(max_row=10, values_only=True) for cell in row if cell]
    for expected in (
        "Biểu số 06/VPCP/KSTT",
        "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
        "(Từ ngày 01/11/2026 đến ngày 30/11/2026)",
        "Đơn vị tính: Số hồ sơ TTHC",
        "Số hồ sơ nhận giải quyết",
        "Trực tiếp, dịch vụ bưu chính",
        "Số lượng hồ sơ đang giải quyết",
    ):
        assert expected in texts, expected
    # The head's group spans its columns, as on the paper form.
    assert "C7:F7" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert form_lines(book) == LINES
    # A procedure's counts are numbers; (3), (7), (11), the fields and the total are formulas.
    exchange = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == EXCHANGE)
    row = [sheet.cell(exchange, column).value for column in range(1, 14)]
    assert row[0] == 1 and row[3:6] == [12, 30, 8] and row[7:10] == [20, 10, 2]
    assert row[2] == f"=D{exchange}+E{exchange}+F{exchange}"
    assert row[6] == f"=H{exchange}+I{exchange}+J{exchange}"
    assert row[10] == f"=L{exchange}+M{exchange}"
    total = sheet.max_row
    assert sheet.cell(total, 2).value == "Tổng cộng"
    assert all(str(sheet.cell(total, c).value).startswith("=") for c in range(3, 14))


def test_the_workbook_checks_the_identities_and_keeps_the_extra_column_and_the_dossiers() -> None:
    book = workbook(render_report06_xlsx(NOVEMBER, OFFICE))
    checks = check_rows(book)
    # STT, line, (3), (7), (11) of the form, withdrawn apart, residue, the program's (3), (7), (11)
    assert [row[1] for row in checks] == [ROAD, EXCHANGE, PERMIT, TRAINING, INSTRUCTOR, "Tổng cộng"]
    assert checks[1][2:] == (50, 32, 17, 1, 0, 50, 32, 17, "Khớp")
    assert checks[-1][2:] == (66, 44, 21, 1, 0, 66, 44, 21, "Khớp")
    assert book["Kiểm tra"]["A3"].value == (
        "Quy ước: trước hạn, đúng hạn, quá hạn so sánh theo ngày có kết quả với hạn trả;"
        " hồ sơ xin rút tính riêng; số liệu chốt lúc 00:00 01/12/2026."
    )
    extra = book["Cột bổ sung"]
    assert extra["C4"].value == "Hồ sơ công dân xin rút"
    withdrawn = [value(book, "Cột bổ sung", f"C{row}") for row in range(5, extra.max_row + 1)]
    assert withdrawn == [1, 1, 0, 0, 0, 1]
    dossiers = list(book["Danh sách hồ sơ"].iter_rows(min_row=2, values_only=True))
    # A row per dossier: where it was counted as received, and where it stands at the cut-off.
    assert dossiers == [
        (CODES[0], EXCHANGE, "(4) Trực tuyến", "Hồ sơ công dân xin rút"),
        (CODES[1], EXCHANGE, "(4) Trực tuyến", None),
    ]


def test_an_empty_period_still_prints_the_form_with_a_total_of_zeros() -> None:
    empty = report()
    page = text_of(render_report06_pdf(empty, OFFICE))
    assert f"Tổng cộng {numbers((0,) * 11)}" in page
    assert form_lines(workbook(render_report06_xlsx(empty, OFFICE))) == {"Tổng cộng": (0,) * 11}


# --------------------------------------------------------------------------- day summary


@pytest.fixture
def day() -> DaySummary:
    return DaySummary(
        day=dt.date(2026, 11, 23),
        point="Điểm tiếp nhận 252 Lý Chính Thắng",
        per_officer=(
            PeopleLine("Trần Thị Bình", VerdictCounts(12, 3, 1), 5),
            PeopleLine("Lê Văn Cường", VerdictCounts(8, 2, 0), 4),
        ),
        per_counter=(
            PeopleLine("Quầy 1", VerdictCounts(12, 3, 1), 5),
            PeopleLine("Quầy 2", VerdictCounts(8, 2, 0), 4),
        ),
        by_procedure=(
            ("doi-gtvt", EXCHANGE, VerdictCounts(15, 4, 1)),
            ("idp-cap", PERMIT, VerdictCounts(5, 1, 0)),
        ),
        by_channel=(
            ("direct", VerdictCounts(14, 5, 1)),
            ("online", VerdictCounts(4, 0, 0)),
            ("post", VerdictCounts(2, 0, 0)),
        ),
        handed_back=9,
        forwarded=18,
        reprints=2,
        reappointments=1,
        applicants_per_hour=tuple(
            zip(range(7, 18), (0, 4, 6, 5, 3, 0, 2, 4, 3, 2, 0), strict=True)
        ),
        withdrawn=1,
        median_seconds=372.4,
        p90_seconds=None,
    )


def test_the_day_summary_is_one_a4_page_with_the_days_figures_and_tables(
    day: DaySummary,
) -> None:
    pdf = render_day_summary_pdf(day, OFFICE)
    (page,) = page_texts(pdf)
    for expected in (
        "SỞ GIAO THÔNG VẬN TẢI THÀNH PHỐ HỒ CHÍ MINH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026",
        "BÁO CÁO TỔNG HỢP TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY",
        "Ngày 23/11/2026 – Điểm tiếp nhận: Điểm tiếp nhận 252 Lý Chính Thắng",
        "Số lượt người nộp hồ sơ 29",
        "Hồ sơ được tiếp nhận (BM 01) 20",
        "Hồ sơ yêu cầu bổ sung, hoàn thiện (BM 02) 5",
        "Hồ sơ từ chối tiếp nhận (BM 03) 1",
        "Kết quả đã trả 9",
        "Hồ sơ đã bàn giao cho đơn vị giải quyết 18",
        "Phiếu in lại 2",
        "Hồ sơ hẹn lại ngày trả kết quả 1",
        "Hồ sơ công dân xin rút 1",
        "(trung vị) 6 phút 12 giây",
        "chưa ghi nhận",
        "Giờ 7h 8h 9h 10h 11h 12h 13h 14h 15h 16h 17h",
        "Số người 0 4 6 5 3 0 2 4 3 2 0",
        "1 Trần Thị Bình 12 3 1 16 5",
        "2 Lê Văn Cường 8 2 0 10 4",
        "Cộng 20 5 1 26 9",
        "1 Quầy 1 12 3 1 16 5",
        f"1 {EXCHANGE} 15 4 1 20",
        "1 Trực tiếp 14 5 1 20",
        "3 Dịch vụ bưu chính 2 0 0 2",
        "NGƯỜI LẬP",
        "TRƯỞNG BỘ PHẬN",
    ):
        assert expected in page, expected
    assert page_sizes(pdf) == [A4]
    assert all(font["emb"] == "yes" for font in fonts(pdf))
