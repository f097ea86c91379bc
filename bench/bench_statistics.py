"""The statistics of issue 15 against the bare work, in the same run.

- official report: ``app.statistics.official.official_report`` for one year over a store of
  100,000 dossiers (filled by bulk inserts into the real schema, ~85 % resolved, ~5 %
  withdrawn, the rest in progress) against ONE hand-written SQL aggregate over the same store
  computing the same columns per procedure; the bench asserts that both give the same numbers
  before it reports the ratio (goal: within 2x);
- register PDF: ``printing.register_pdf.render_register_pdf`` for 5,000 dossiers (the official
  head, title, clipped cells, page numbers) against a bare reportlab table of the same cells
  (the same texts as Paragraphs in the same font and column widths, a grid, the heading row
  repeated, one Table per page as reportlab lays out long tables fastest), goal within 2x.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from harness import emit
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from app.catalogue.loader import load_catalogue_for
from app.papers.samples import SAMPLE_OFFICE, sample_register_rows
from app.settings.options import Settings
from app.statistics.model import ReportCounts
from app.statistics.official import official_report, period_bounds
from db.store import Store
from printing.fonts import REGULAR, register_fonts
from printing.model import RegisterPeriod, RegisterRow
from printing.official_paper import page_spec, plain
from printing.register import COLUMNS, as_text
from printing.register_pdf import render_register_pdf

DOSSIERS = 100_000
YEAR = 2026
AGENCY = "000.17.22.H56"
REGISTER_ROWS = 5_000
_STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's SQLite DateTime writes a time

# ONE aggregate over the store, written by hand from statistics.md §4 (results compared by
# day, withdrawn dossiers in a column apart: the default settings): per procedure, the form's
# columns 3 to 13 (received total, online, in person or by post, carried over; resolved
# total, early, on time, late; in progress total, within the limit, overdue) and withdrawn.
HAND_WRITTEN = """
SELECT procedure_id, c4 + c5 + c6, c4, c5, c6, c8 + c9 + c10, c8, c9, c10, c12 + c13, c12, c13,
  withdrawn
FROM (
  SELECT d.procedure_id,
    SUM(d.received_at >= :s AND d.channel = 'online') c4,
    SUM(d.received_at >= :s AND d.channel != 'online') c5,
    SUM(d.received_at < :s) c6,
    SUM(r.result_at < :e AND date(r.result_at) < date(d.due_at)) c8,
    SUM(r.result_at < :e AND date(r.result_at) = date(d.due_at)) c9,
    SUM(r.result_at < :e AND date(r.result_at) > date(d.due_at)) c10,
    SUM((r.result_at IS NULL OR r.result_at >= :e)
        AND (r.withdrawn_at IS NULL OR r.withdrawn_at >= :e) AND d.due_at >= :e) c12,
    SUM((r.result_at IS NULL OR r.result_at >= :e)
        AND (r.withdrawn_at IS NULL OR r.withdrawn_at >= :e) AND d.due_at < :e) c13,
    SUM(r.withdrawn_at < :e AND (r.result_at IS NULL OR r.result_at >= :e)) withdrawn
  FROM dossier d LEFT JOIN (
    SELECT dossier_id,
      MIN(CASE WHEN status IN ('result-ready', 'not-granted') THEN changed_at END) result_at,
      MIN(CASE WHEN status = 'withdrawn' THEN changed_at END) withdrawn_at
    FROM dossier_status_change GROUP BY dossier_id) r ON r.dossier_id = d.id
  WHERE d.code IS NOT NULL AND d.status = 'accepted' AND d.received_at < :e
    AND NOT EXISTS (SELECT 1 FROM dossier_void v WHERE v.dossier_id = d.id)
    AND (COALESCE(r.result_at, r.withdrawn_at) IS NULL
         OR COALESCE(r.result_at, r.withdrawn_at) >= :s)
  GROUP BY d.procedure_id)
"""


def form_columns(counts: ReportCounts) -> tuple[int, ...]:
    """Columns 3 to 13 of the report's row, then withdrawn: what HAND_WRITTEN gives."""
    return (
        counts.received_total,
        counts.received_online,
        counts.received_in_person,
        counts.carried_over,
        counts.resolved_total,
        counts.resolved_early,
        counts.resolved_on_time,
        counts.resolved_late,
        counts.in_progress_total,
        counts.in_progress_within,
        counts.in_progress_overdue,
        counts.withdrawn,
    )


def side_by_side(
    program: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median seconds of each, their runs taking turns: on a shared machine a burst of load
    then slows both sides alike (harness.median_seconds runs one side, then the other)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for func, taken in zip((program, baseline), times, strict=True):
            start = time.perf_counter()
            func()
            taken.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def fill_year(path: Path, procedure_ids: list[str]) -> None:
    """A year of dossiers (plus the last fortnight of the year before, to carry over)."""
    Store(path).close()  # the real schema and indexes
    rng = random.Random(1)
    start = dt.datetime(YEAR - 1, 12, 15, 8)
    minutes = int((dt.datetime(YEAR, 12, 31, 17) - start).total_seconds() // 60)
    dossiers, changes = [], []
    for n in range(DOSSIERS):
        received = start + dt.timedelta(minutes=n * minutes // DOSSIERS)
        due = received + dt.timedelta(days=rng.randint(0, 10))
        dossier = str(uuid.uuid4())
        dossiers.append(
            (
                dossier,
                f"{AGENCY}-{received:%y%m%d}-{n:06d}",
                AGENCY,
                received.date().isoformat(),
                n,
                rng.choice(procedure_ids),
                rng.choice(("direct", "online", "post")),
                received.strftime(_STORED),
                due.strftime(_STORED),
            )
        )
        fate = rng.random()
        if fate < 0.85:
            status = rng.choice(("result-ready", "not-granted"))
            ended = received + dt.timedelta(days=rng.randint(0, 14), hours=rng.randint(0, 8))
        elif fate < 0.90:
            status, ended = "withdrawn", received + dt.timedelta(days=1)
        else:
            continue
        changes.append((str(uuid.uuid4()), dossier, status, ended.strftime(_STORED)))
    raw = sqlite3.connect(path)
    raw.executemany(
        "INSERT INTO dossier (id, code, code_agency, code_day, code_serial, status, "
        "procedure_id, channel, catalogue_version, applicant_name, applicant_id_number, "
        "applicant_json, received_at, due_at, fee_vnd, result_delivery, delivery_address, "
        "officer, receiving_point, counter_number) VALUES (?, ?, ?, ?, ?, 'accepted', ?, ?, "
        "'qd-4225-2021', 'Nguyễn Văn An', '079080001234', '{}', ?, ?, 0, 'counter', '', "
        "'lan', 'P1', 1)",
        dossiers,
    )
    raw.executemany(
        "INSERT INTO dossier_status_change (id, dossier_id, status, changed_at, officer, actor, "
        "agency, point, counter_number, device_id, details_json) "
        "VALUES (?, ?, ?, ?, 'lan', 'lan', '', 'P1', 1, 'bench', '{}')",
        changes,
    )
    raw.commit()
    raw.close()


def bench_official_report(folder: Path) -> None:
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    catalogue = load_catalogue_for(last)
    path = folder / "year.sqlite3"
    fill_year(path, list(catalogue.procedures))
    store = Store(path)
    settings = Settings()
    assert (settings.report_compare_by, settings.report_withdrawn) == ("day", "apart")
    raw = sqlite3.connect(path)
    start, end = period_bounds(first, last)
    bounds = {"s": start.strftime(_STORED), "e": end.strftime(_STORED)}

    def through_the_program() -> dict[str, ReportCounts]:
        report = official_report(store, first, last, settings, catalogue)
        return {row.procedure_id: row.counts for row in report.rows}

    def by_hand() -> dict[str, tuple[int, ...]]:
        return {row[0]: tuple(row[1:]) for row in raw.execute(HAND_WRITTEN, bounds)}

    program, hand = through_the_program(), by_hand()
    assert set(hand) <= set(program)
    assert sum(cells[0] for cells in hand.values()) > DOSSIERS * 0.9
    for procedure_id, counts in program.items():
        mine = form_columns(counts)
        assert mine == hand.get(procedure_id, (0,) * len(mine)), (procedure_id, mine)
        assert counts.residue == 0, procedure_id  # (3) = (7) + (11) + withdrawn
    program_s, hand_s = side_by_side(through_the_program, by_hand, repeat=5)
    emit(f"official report, 1 year of {DOSSIERS:,} dossiers", program_s, "s", hand_s)
    raw.close()
    store.close()


def register_rows() -> list[RegisterRow]:
    """5,000 lines like the sample register's, numbered through the book."""
    samples = sample_register_rows()
    start = samples[0].received_at
    rows = []
    for n in range(REGISTER_ROWS):
        sample = samples[n % len(samples)]
        received = start + dt.timedelta(minutes=7 * n)
        rows.append(
            dataclasses.replace(
                sample,
                serial=n + 1,
                code=f"{AGENCY}-{received:%y%m%d}-{n:04d}",
                received_at=received,
                due_at=received + dt.timedelta(days=5),
                reappointment_reason="Chờ xác minh" if n % 11 == 0 else "",
            )
        )
    return rows


def bare_table(cells: list[list[str]], rows_per_page: int) -> bytes:
    """The cells as a plain reportlab table: same font, size and widths, a grid, the heading
    repeated; one Table per page (a single Table of 5,000 rows costs reportlab a re-wrap of
    every row left at each page break)."""
    register_fonts()
    spec = page_spec("A4", wide=True)
    size = spec.font_size * 0.85
    style = ParagraphStyle("bare", fontName=REGULAR, fontSize=size, leading=size * 1.2)
    widths = [spec.frame_width * column.share for column in COLUMNS]
    head, *body = [[Paragraph(plain(cell), style) for cell in row] for row in cells]
    story: list[object] = []
    for first in range(0, len(body), rows_per_page):
        table = Table([head, *body[first : first + rows_per_page]], colWidths=widths)
        table.setStyle(
            TableStyle(
                [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
            )
        )
        story += [table, PageBreak()]
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=(spec.width, spec.height),
        topMargin=spec.top,
        bottomMargin=spec.bottom,
        leftMargin=spec.left,
        rightMargin=spec.right,
        invariant=True,
        initialFontName=REGULAR,
    ).build(story[:-1])
    return buffer.getvalue()


def bench_register_pdf() -> None:
    rows = register_rows()
    period = RegisterPeriod(rows[0].received_at.date(), rows[-1].received_at.date())
    cells = [[column.heading for column in COLUMNS]]
    cells += [[as_text(column.value(row)) for column in COLUMNS] for row in rows]
    # A page of the register holds 9 or 10 such rows; the bare table takes 8 a page, so
    # that reportlab never splits one of its tables.
    program_s, bare_s = side_by_side(
        lambda: render_register_pdf(rows, SAMPLE_OFFICE, period),
        lambda: bare_table(cells, 8),
        repeat=3,
    )
    emit(f"register PDF, {REGISTER_ROWS:,} dossiers", program_s, "s", bare_s)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_official_report(Path(folder))
    bench_register_pdf()


if __name__ == "__main__":
    main()
