"""The register for a period as a PDF: A4 landscape, the table repeated under each page's head."""

from __future__ import annotations

from collections.abc import Sequence

from printing.model import Office, RegisterPeriod, RegisterRow
from printing.official_paper import (
    Marks,
    Section,
    agency_levels,
    bordered_table,
    header,
    page_spec,
    render,
    styles,
    text,
    title,
)
from printing.register import COLUMNS, TITLE, as_text, book_label, period_label


def render_register_pdf(
    rows: Sequence[RegisterRow], office: Office, period: RegisterPeriod
) -> bytes:
    spec = page_spec("A4", wide=True)
    s = styles(spec.font_size)
    table = bordered_table(
        spec,
        [[column.heading for column in COLUMNS]],
        [[as_text(column.value(row)) for column in COLUMNS] for row in rows],
        [column.share for column in COLUMNS],
        centred_columns=(0, 6, 7, 8, 9),
    )
    story = [
        header(spec, agency_levels(office)),
        *title(spec, TITLE, f"Quyển số: {book_label(period)}", period_label(period)),
        text(f"Số hồ sơ: {len(rows)}", s.body),
        table,
    ]
    return render(
        [Section(spec, story)],
        title=f"BM 06 – {TITLE}",
        author=office.agency_name,
        marks=Marks(page_numbers=True),
    )
