"""The register for a period as an Excel workbook: the same columns, dates as real dates.

A title block, then one heading row (frozen, with filters) and one row per
dossier, so the office can sort, count and archive it; it prints on A4
landscape, one page wide, the heading row repeated on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from printing.model import Office, RegisterPeriod, RegisterRow
from printing.printable import printable
from printing.register import COLUMNS, TITLE, book_label, period_label

SHEET = "Sổ theo dõi hồ sơ"
HEADING_ROW = 5
FONT = "Times New Roman"  # what the office's Excel has; the workbook embeds no font
DATE_FORMAT = "dd/mm/yyyy hh:mm"
# The most characters an Excel cell holds.
CELL_MAX = 32_767


def render_register_xlsx(
    rows: Sequence[RegisterRow], office: Office, period: RegisterPeriod
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    last_column = get_column_letter(len(COLUMNS))
    title_lines = [
        (TITLE.upper(), Font(name=FONT, bold=True, size=14)),
        (f"Quyển số: {book_label(period)} – {period_label(period)}", Font(name=FONT, italic=True)),
        (printable(office.agency_name, CELL_MAX), Font(name=FONT)),
    ]
    for line, (words, font) in enumerate(title_lines, start=1):
        sheet.merge_cells(f"A{line}:{last_column}{line}")
        cell = sheet.cell(row=line, column=1, value=words)
        cell.font, cell.alignment = font, Alignment(horizontal="center")

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADING_ROW, column=index, value=column.heading)
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(index)].width = column.xlsx_width
    for offset, row in enumerate(rows, start=1):
        for index, column in enumerate(COLUMNS, start=1):
            value = column.value(row)
            cell = sheet.cell(
                row=HEADING_ROW + offset,
                column=index,
                # No control character: openpyxl refuses them (IllegalCharacterError).
                value=printable(value, CELL_MAX) if isinstance(value, str) else value,
            )
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
            if column.heading.startswith("Ngày"):
                cell.number_format = DATE_FORMAT

    sheet.freeze_panes = f"A{HEADING_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADING_ROW}:{last_column}{HEADING_ROW + len(rows)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
