"""Biểu số 06/VPCP/KSTT as an Excel workbook: the same layout as the PDF, numbers as numbers.

Sheet "Biểu 06": the form's head (three levels and the columns' numbers), one line per field and
per procedure, the total last (``printing.report06_pdf.report_lines``). A procedure's counts are
numbers; its totals (3), (7) and (11) are formulas over its columns, a field's line sums its
procedures and the total line sums the fields, so a number changed by hand carries through as on
the paper form. Sheet "Cột bổ sung": the extra column kept out of the official form (withdrawn by
the applicant, statistics.md §5). Sheet "Kiểm tra": for every line, (3) − (7) − (11) − the
withdrawn kept apart, which must be 0, and the program's own (3), (7), (11) beside the form's
formulas; a line that does not match says "KHÔNG KHỚP". Sheet "Danh sách hồ sơ": a row per
dossier with the columns that count it, so any cell can be checked dossier by dossier (filter
on a column's name and count the rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.statistics.model import FORM_COLUMNS, TOTAL_COLUMNS, OfficialReport
from printing.model import Office
from printing.printable import printable
from printing.report06_pdf import (
    FORM_NOTE,
    FORM_NUMBER,
    HEAD,
    HEAD_SPANS,
    NUMBERS,
    TITLE,
    UNIT_OF_COUNT,
    Line,
    period_line,
    report_lines,
)

SHEET = "Biểu 06"
EXTRA_SHEET = "Cột bổ sung"
CHECK_SHEET = "Kiểm tra"
DOSSIER_SHEET = "Danh sách hồ sơ"
FONT = "Times New Roman"
CELL_MAX = 32_767  # the most characters an Excel cell holds
HEAD_ROW = 7  # the first of the head's three rows; the columns' numbers under them
FIRST_LINE = HEAD_ROW + len(HEAD) + 1
WIDTHS = (6, 48, *(11,) * 11)
WITHDRAWN = "Hồ sơ công dân xin rút"
MATCH, MISMATCH = "Khớp", "KHÔNG KHỚP"
# Names of the columns of the dossier list: the form's column each key fills.
KEY_NAMES = {
    "received_online": "(4) Trực tuyến",
    "received_in_person": "(5) Trực tiếp, dịch vụ bưu chính",
    "carried_over": "(6) Từ kỳ trước",
    "resolved_early": "(8) Trước hạn",
    "resolved_on_time": "(9) Đúng hạn",
    "resolved_late": "(10) Quá hạn",
    "in_progress_within": "(12) Trong hạn",
    "in_progress_overdue": "(13) Quá hạn",
    "withdrawn": WITHDRAWN,
}

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(name=FONT, bold=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def letter(form_column: int) -> str:
    """The sheet's column of the form's column 1–13 (A–M)."""
    return str(get_column_letter(form_column))


def render_report06_xlsx(report: OfficialReport, office: Office) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    lines = report_lines(report)
    rows = _form_sheet(sheet, report, lines)
    _extra_sheet(book.create_sheet(EXTRA_SHEET), report, lines)
    _check_sheet(book.create_sheet(CHECK_SHEET), report, lines, rows)
    _dossier_sheet(book.create_sheet(DOSSIER_SHEET), report)
    book.properties.creator = "motcua"
    book.properties.title = printable(f"{FORM_NUMBER} – {office.agency_name}")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _form_sheet(sheet: Worksheet, report: OfficialReport, lines: Sequence[Line]) -> list[int]:
    """The form; the sheet row of each line."""
    last = letter(13)
    _put(sheet, 1, 1, FORM_NUMBER, Font(name=FONT, bold=True))
    _put(sheet, 2, 1, FORM_NOTE, Font(name=FONT, italic=True))
    _put(sheet, 1, 10, f"Đơn vị báo cáo: {printable(report.unit)}", Font(name=FONT))
    sheet.merge_cells(f"J1:{last}1")
    points = ", ".join(report.points)
    for row, words, font, align in (
        (3, TITLE.upper(), Font(name=FONT, bold=True, size=13), "center"),
        (4, period_line(report), Font(name=FONT, italic=True), "center"),
        (5, f"Điểm tiếp nhận: {points}" if points else "", Font(name=FONT), "center"),
        (6, UNIT_OF_COUNT, Font(name=FONT, italic=True), "right"),
    ):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = _put(sheet, row, 1, printable(words), font)
        cell.alignment = Alignment(horizontal=align)

    for offset, head in enumerate((*HEAD, NUMBERS)):
        for column, words in enumerate(head, start=1):
            cell = _put(sheet, HEAD_ROW + offset, column, words or None, Font(name=FONT, bold=True))
            cell.alignment, cell.border = _CENTRE, _BORDER
    for (first_column, first_row), (last_column, last_row) in HEAD_SPANS:
        sheet.merge_cells(
            start_row=HEAD_ROW + first_row,
            start_column=first_column + 1,
            end_row=HEAD_ROW + last_row,
            end_column=last_column + 1,
        )

    rows = [FIRST_LINE + index for index in range(len(lines))]
    fields = [row for row, line in zip(rows, lines, strict=True) if line.kind == "field"]
    for index, (row, line) in enumerate(zip(rows, lines, strict=True)):
        font = Font(name=FONT, bold=line.kind != "procedure")
        _put(sheet, row, 1, _number(line), font).alignment = _CENTRE
        _put(sheet, row, 2, printable(line.label), font).alignment = Alignment(wrap_text=True)
        for key, column in FORM_COLUMNS.items():
            if line.kind == "procedure":
                value: int | str = int(getattr(line.counts, key))
            elif line.kind == "field":
                # Its procedures: the rows after it up to the next field (or the total).
                end = next((r for r in rows[index + 1 :] if r in fields), rows[-1]) - 1
                value = f"=SUM({letter(column)}{row + 1}:{letter(column)}{end})"
            else:
                value = "=" + "+".join(f"{letter(column)}{r}" for r in fields) if fields else 0
            _put(sheet, row, column, value, font)
        for total, keys in TOTAL_COLUMNS.items():
            parts = "+".join(f"{letter(FORM_COLUMNS[key])}{row}" for key in keys)
            _put(sheet, row, total, f"={parts}", font)
        for column in range(1, 14):
            sheet.cell(row=row, column=column).border = _BORDER
            if column > 2:
                sheet.cell(row=row, column=column).alignment = _CENTRE

    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[letter(column)].width = width
    sheet.freeze_panes = f"C{FIRST_LINE}"
    _print_setup(sheet, f"{HEAD_ROW}:{HEAD_ROW + len(HEAD)}")
    return rows


def _extra_sheet(sheet: Worksheet, report: OfficialReport, lines: Sequence[Line]) -> None:
    """The extra column, line for line with the form."""
    heads = ("STT", "Lĩnh vực, công việc giải quyết theo cấp", WITHDRAWN)
    _put(sheet, 1, 1, f"{FORM_NUMBER} – cột bổ sung (không in trên biểu)", _BOLD)
    _put(sheet, 2, 1, period_line(report), Font(name=FONT, italic=True))
    _table_head(sheet, 4, heads, (6, 48, 16))
    field_rows = [5 + i for i, line in enumerate(lines) if line.kind == "field"]
    for index, line in enumerate(lines):
        row = 5 + index
        font = Font(name=FONT, bold=line.kind != "procedure")
        _put(sheet, row, 1, _number(line), font)
        _put(sheet, row, 2, printable(line.label), font)
        if line.kind == "procedure":
            value: int | str = line.counts.withdrawn
        elif line.kind == "field":
            later = [r for r in field_rows if r > row] + [5 + len(lines) - 1]
            value = f"=SUM(C{row + 1}:C{later[0] - 1})"
        else:
            value = "=" + "+".join(f"C{r}" for r in field_rows) if field_rows else 0
        _put(sheet, row, 3, value, font)
        for column in range(1, 4):
            sheet.cell(row=row, column=column).border = _BORDER


def _check_sheet(
    sheet: Worksheet, report: OfficialReport, lines: Sequence[Line], rows: Sequence[int]
) -> None:
    """For every line of the form: the identity's residue by formula, and the program's own
    totals beside the form's formulas."""
    form, extra = f"'{SHEET}'", f"'{EXTRA_SHEET}'"
    apart = "0" if report.withdrawn_in_resolved else "1"
    heads = (
        "STT",
        "Dòng",
        "(3) trên biểu",
        "(7) trên biểu",
        "(11) trên biểu",
        "Xin rút, không tính vào (7)",
        "(3) − (7) − (11) − xin rút",
        "(3) chương trình tính",
        "(7) chương trình tính",
        "(11) chương trình tính",
        "Kết quả",
    )
    _put(sheet, 1, 1, "Kiểm tra: (3) = (4) + (5) + (6), (7) = (8) + (9) + (10),", _BOLD)
    _put(
        sheet,
        2,
        1,
        "(11) = (12) + (13), (3) = (7) + (11) + hồ sơ xin rút không tính vào (7)",
        _BOLD,
    )
    _put(sheet, 3, 1, conventions(report), Font(name=FONT, italic=True))
    _table_head(sheet, 4, heads, (6, 48, *(14,) * 9))
    for index, (form_row, line) in enumerate(zip(rows, lines, strict=True)):
        row = 5 + index
        counts = line.counts
        values: tuple[int | str | None, ...] = (
            _number(line),
            printable(line.label),
            f"={form}!C{form_row}",
            f"={form}!G{form_row}",
            f"={form}!K{form_row}",
            f"={extra}!C{5 + index}*{apart}",
            f"=C{row}-D{row}-E{row}-F{row}",
            counts.received_total,
            counts.resolved_total,
            counts.in_progress_total,
            f'=IF(AND(G{row}=0,C{row}=H{row},D{row}=I{row},E{row}=J{row}),"{MATCH}","{MISMATCH}")',
        )
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, Font(name=FONT)).border = _BORDER


def conventions(report: OfficialReport) -> str:
    """How the numbers were computed, so the report can be made again and compared."""
    compared = "ngày" if report.compare_by == "day" else "thời điểm (giờ, phút)"
    withdrawn = "tính vào cột (9)" if report.withdrawn_in_resolved else "tính riêng"
    return (
        f"Quy ước: trước hạn, đúng hạn, quá hạn so sánh theo {compared} có kết quả với hạn trả;"
        f" hồ sơ xin rút {withdrawn}; số liệu chốt lúc {report.cut_off:%H:%M %d/%m/%Y}."
    )


RECEIVED_KEYS = ("received_online", "received_in_person", "carried_over")


def _dossier_sheet(sheet: Worksheet, report: OfficialReport) -> None:
    """A row per dossier: its code, its procedure, the column that counts it as received and
    the column(s) of where it stands at the cut-off. A year's report holds a hundred thousand,
    so the rows are appended with the workbook's default font (a styled cell costs far more)."""
    heads = ("Mã hồ sơ", "Thủ tục", "Nhận giải quyết", "Kết quả, tình trạng")
    _table_head(sheet, 1, heads, (30, 48, 30, 30))
    for line in report.rows:
        name = printable(line.procedure_name, CELL_MAX)
        received: dict[str, str] = {}
        ended: dict[str, list[str]] = {}
        for key, column in KEY_NAMES.items():
            for code in line.dossiers.get(key, ()):
                if key in RECEIVED_KEYS:
                    received[code] = column
                else:
                    ended.setdefault(code, []).append(column)
        for code in sorted(received.keys() | ended.keys()):
            where = ", ".join(ended.get(code, ()))
            sheet.append((printable(code, CELL_MAX), name, received.get(code, ""), where))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:D{sheet.max_row}"


def _number(line: Line) -> int | str | None:
    """STT: a procedure's number as a number, a field's Roman one as text, none for the total."""
    return int(line.number) if line.number.isdigit() else line.number or None


def _table_head(sheet: Worksheet, row: int, heads: Sequence[str], widths: Sequence[int]) -> None:
    for column, (words, width) in enumerate(zip(heads, widths, strict=True), start=1):
        cell = _put(sheet, row, column, words, Font(name=FONT, bold=True))
        cell.alignment, cell.border = _CENTRE, _BORDER
        sheet.column_dimensions[letter(column)].width = width


def _put(sheet: Worksheet, row: int, column: int, value: object, font: Font) -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = font
    return cell


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
