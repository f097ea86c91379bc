"""Danh sách bàn giao hồ sơ: the day's dossiers handed to the processing unit.

Decree 61/2018 art. 18(2)–(3): paper dossiers go to the processing unit the
same working day, those received after 15:00 at the start of the next one. The
counter officer hands them over with this list; the processing unit's receiver
counts them against it and signs.

A4 portrait, not the slips' A5: it is a list with a line per dossier, a busy
day's run to several pages, and the processing unit files it with its own
records, as the register (also A4) is filed. Page numbers say which sheets
belong together; the table's head repeats on each.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from printing.model import HandoverListData, Office, PaperSize
from printing.official_paper import (
    ONE_STOP_SECTION,
    Marks,
    Section,
    Signature,
    agency_levels,
    bold,
    bordered_table,
    header,
    markup,
    page_spec,
    plain,
    render,
    signatures,
    styles,
    text,
    title,
)
from printing.wording import BLANK, clock_and_date, place_and_date, short_date, two_digits

TITLE = "Danh sách bàn giao hồ sơ"
COLUMNS = ("TT", "Mã hồ sơ", "Người nộp hồ sơ", "Thủ tục hành chính", "Ngày nhận", "Hẹn trả")
# The code and the dates on one line each; the names and the procedure wrap.
SHARES = (0.05, 0.29, 0.18, 0.23, 0.125, 0.125)


def render_handover_list(
    handover: HandoverListData, office: Office, paper: PaperSize = "A4"
) -> bytes:
    spec = page_spec(paper)
    s = styles(spec.font_size)
    unit = f"{ONE_STOP_SECTION} {office.agency_name}".strip()
    rows = [
        [
            str(index),
            dossier.code,
            dossier.applicant_name,
            dossier.procedure_name,
            short_date(dossier.received_at.date()),
            # An accepted dossier has its due date; none known, the cell is left empty.
            f"{dossier.due_at:%d/%m/%Y}" if dossier.due_at else "",
        ]
        for index, dossier in enumerate(handover.dossiers, start=1)
    ]
    story: list[Flowable] = [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, handover.handed_over_at.date()),
        ),
        *title(spec, TITLE),
        markup(
            f"{plain(unit)} bàn giao cho {bold(handover.processing_unit or BLANK)} "
            "các hồ sơ sau để giải quyết:",
            s.body_justified,
        ),
        bordered_table(spec, [list(COLUMNS)], rows, SHARES, centred_columns=(0, 4, 5)),
        Spacer(1, s.size * 0.3),
        markup(f"Tổng số: {bold(two_digits(len(rows)))} hồ sơ.", s.body),
        text(f"Thời gian bàn giao: {clock_and_date(handover.handed_over_at)}.", s.body),
        signatures(
            spec,
            Signature("Người bàn giao", name=handover.officer),
            Signature("Người nhận hồ sơ", name=handover.receiver),
        ),
    ]
    return render(
        [Section(spec, story)],
        title=f"{TITLE} {short_date(handover.handed_over_at.date())}",
        author=office.agency_name,
        marks=Marks(print_number=handover.print_number, page_numbers=True),
    )
