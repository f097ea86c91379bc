"""Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP) as a PDF: A4 landscape, the form's 13 columns.

"Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC": one row per
procedure under its field (lĩnh vực), each field with its own sum, and the total at the end
(``../shared/domain/statistics.md`` §1–2). The head of the table is the form's, on three levels:
the three groups (received, resolved, in progress), their "Tổng số" and sub-groups ("Trong kỳ"
over online and in person or by post), then the columns' numbers (1)–(13), as the printed forms
number them. The extra columns (withdrawn by the applicant) are not on the official print
(statistics.md §5): they are in the workbook. When withdrawn dossiers are kept apart from (7), or
a row does not add up, a note under the table says by how much, so the identities
(3) = (7) + (11) + withdrawn apart can be checked on paper; a residue is shown, never hidden.

The layout (which lines, their numbering, the column heads) is shared with the workbook
(``printing.report06_xlsx``) from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.statistics.model import OfficialReport, ReportCounts
from printing.fonts import BOLD, REGULAR
from printing.model import Office
from printing.official_paper import (
    CELL_BOTTOM_PADDING,
    CELL_SIDE_PADDING,
    CELL_TOP_PADDING,
    Marks,
    PageSpec,
    Section,
    Signature,
    layout_table,
    page_spec,
    render,
    signatures,
    styles,
    text,
    title,
)
from printing.wording import place_and_date

FORM_NUMBER = "Biểu số 06/VPCP/KSTT"
FORM_NOTE = "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
TITLE = "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC"
UNIT_OF_COUNT = "Đơn vị tính: Số hồ sơ TTHC"
REPORTER = "Người làm báo cáo"
HEAD_OF_UNIT = "Thủ trưởng cơ quan, đơn vị"
STAMP_NOTE = "(Ký tên, đóng dấu)"
TOTAL_LABEL = "Tổng cộng"

# The three groups of the head, with the columns (0-based) they stand over.
RECEIVED = "Số hồ sơ nhận giải quyết"
RESOLVED = "Số hồ sơ đã giải quyết"
IN_PROGRESS = "Số lượng hồ sơ đang giải quyết"
IN_PERIOD = "Trong kỳ"
# The head as the form prints it: three rows of 13 cells, "" where a spanned cell continues.
TOTAL = "Tổng số"
LATE = "Quá hạn"
HEAD: tuple[tuple[str, ...], ...] = (
    (
        "STT",
        "Lĩnh vực, công việc giải quyết theo cấp",
        RECEIVED,
        "",
        "",
        "",
        RESOLVED,
        "",
        "",
        "",
        IN_PROGRESS,
        "",
        "",
    ),
    (
        "",
        "",
        TOTAL,
        IN_PERIOD,
        "",
        "Từ kỳ trước",
        TOTAL,
        "Trước hạn",
        "Đúng hạn",
        LATE,
        TOTAL,
        "Trong hạn",
        LATE,
    ),
    ("", "", "", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "", "", "", "", "", "", "", ""),
)
# (first column, first row), (last column, last row): the joined cells of the head.
HEAD_SPANS: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
    ((0, 0), (0, 2)),
    ((1, 0), (1, 2)),
    ((2, 0), (5, 0)),
    ((6, 0), (9, 0)),
    ((10, 0), (12, 0)),
    ((2, 1), (2, 2)),
    ((3, 1), (4, 1)),
    ((5, 1), (5, 2)),
    *(((column, 1), (column, 2)) for column in range(6, 13)),
)
# The row of the columns' numbers under the head.
NUMBERS = tuple(f"({number})" for number in range(1, 14))
# Columns 3–13 of the form, in order: what each cell of a row shows.
COUNT_COLUMNS = tuple(range(3, 14))
# Of the frame's width: the names wrap in column 2, every count fits its column.
SHARES = (0.05, 0.29, *(0.06,) * 11)


@dataclass(frozen=True)
class Line:
    """One line of the table: a field's sum, a procedure, or the total."""

    kind: str  # "field", "procedure" or "total"
    number: str  # STT: I, II … for a field, 1, 2 … for a procedure, "" for the total
    label: str
    counts: ReportCounts


def roman(number: int) -> str:
    """I, II, III, IV …: the fields' numbers, as the forms number their groups."""
    values: tuple[tuple[int, str], ...] = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    letters = []
    for value, letter in values:
        while number >= value:
            letters.append(letter)
            number -= value
    return "".join(letters)


def report_lines(report: OfficialReport) -> list[Line]:
    """The table's lines: each field's sum over its procedures, numbered I, II …, then its
    procedures numbered 1, 2 … through the report; the total last."""
    lines: list[Line] = []
    number = 0
    for index, (field_name, rows) in enumerate(report.by_field(), start=1):
        lines.append(Line("field", roman(index), field_name, report.field_total(field_name)))
        for row in rows:
            number += 1
            lines.append(Line("procedure", str(number), row.procedure_name, row.counts))
    lines.append(Line("total", "", TOTAL_LABEL, report.total))
    return lines


def period_line(report: OfficialReport) -> str:
    return f"(Từ ngày {report.first_day:%d/%m/%Y} đến ngày {report.last_day:%d/%m/%Y})"


def identity_notes(report: OfficialReport) -> list[str]:
    """What the reader must know for (3) = (7) + (11) to be checked: withdrawn dossiers kept
    out of (7), and any row whose numbers do not add up (its residue), by name."""
    total = report.total
    notes = []
    if total.withdrawn and not report.withdrawn_in_resolved:
        notes.append(
            f"Cột (3) gồm cả {total.withdrawn} hồ sơ công dân xin rút trong kỳ, không tính vào"
            " cột (7) và (11): (3) = (7) + (11) + số hồ sơ xin rút."
        )
    elif total.withdrawn:
        notes.append(f"Cột (9) gồm cả {total.withdrawn} hồ sơ công dân xin rút trong kỳ.")
    for line in report_lines(report):
        if line.kind != "field" and line.counts.residue:
            notes.append(
                f"Chênh lệch chưa giải thích ở dòng “{line.label}”: (3) − (7) − (11)"
                f"{'' if report.withdrawn_in_resolved else ' − số hồ sơ xin rút'}"
                f" = {line.counts.residue}."
            )
    return notes


def render_report06_pdf(report: OfficialReport, office: Office) -> bytes:
    """The official report, signed for on ``report``'s last day (or the day it was made)."""
    spec = page_spec("A4", wide=True)
    s = styles(spec.font_size)
    signed_on = report.generated_at.date() if report.generated_at else report.last_day
    right = ParagraphStyle(f"unit-line-{spec.font_size}", parent=s.body, alignment=TA_RIGHT)
    points = ", ".join(report.points)
    story: list[Flowable] = [
        _form_head(spec, report),
        *title(spec, TITLE, period_line(report)),
        *([text(f"Điểm tiếp nhận: {points}", s.center)] if points else []),
        text(UNIT_OF_COUNT, right),
        report_table(spec, report_lines(report)),
        Spacer(1, s.size * 0.3),
        *(text(note, s.small) for note in identity_notes(report)),
        signatures(
            spec,
            # A blank line where the head's block has its date: both capacities on one line.
            Signature(REPORTER, date_line="\u00a0"),
            Signature(
                HEAD_OF_UNIT,
                note=STAMP_NOTE,
                date_line=place_and_date(office.place_name, signed_on),
            ),
        ),
    ]
    return render(
        [Section(spec, story)],
        title=f"{FORM_NUMBER} {report.first_day:%d/%m/%Y}–{report.last_day:%d/%m/%Y}",
        author=office.agency_name,
        marks=Marks(page_numbers=True),
    )


def _form_head(spec: PageSpec, report: OfficialReport) -> Table:
    """Left: the form's number and the circular that issued it; right: the reporting unit."""
    s = styles(spec.font_size)
    left = [text(FORM_NUMBER, s.bold_center), text(FORM_NOTE, s.italic_center)]
    right = [text(f"Đơn vị báo cáo: {report.unit}", s.center)]
    width = spec.frame_width
    return layout_table([left, [], right], [width * 0.4, width * 0.2, width * 0.4])


def report_table(spec: PageSpec, lines: Sequence[Line]) -> Table:
    """The form's table: the head on three levels and the columns' numbers, repeated on each
    page, then the lines; a field's line and the total in bold."""
    s = styles(spec.font_size)
    bold_cell = ParagraphStyle(f"report-bold-{spec.font_size}", parent=s.cell, fontName=BOLD)
    bold_number = ParagraphStyle(
        f"report-bold-number-{spec.font_size}", parent=s.cell_center, fontName=BOLD
    )
    data: list[list[Any]] = [[text(cell, s.head_cell) for cell in row] for row in HEAD]
    data.append([text(cell, s.cell_center) for cell in NUMBERS])
    for line in lines:
        strong = line.kind != "procedure"
        label = text(line.label, bold_cell if strong else s.cell)
        numbers = [
            text(str(line.counts.column(column)), bold_number if strong else s.cell_center)
            for column in COUNT_COLUMNS
        ]
        data.append([text(line.number, bold_number if strong else s.cell_center), label, *numbers])
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM_PADDING),
        *(("SPAN", start, end) for start, end in HEAD_SPANS),
    ]
    table = Table(
        data,
        colWidths=[spec.frame_width * share for share in SHARES],
        repeatRows=len(HEAD) + 1,
    )
    table.setStyle(TableStyle(commands))
    return table
