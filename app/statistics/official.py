"""The official report, Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP), computed from the
dossiers' facts for any period and set of receiving points (statistics.md §4).

Conventions (the project's, statistics.md §4; the two settings name theirs):

- A period is calendar days in Vietnam time, both ends inclusive. The store keeps naive local
  times (Asia/Ho_Chi_Minh, UTC+7: ``received_at`` is written as the counter's local clock), so
  the period is ``[first_day 00:00, last_day + 1 00:00)`` in those times; the cut-off kept with
  the report is that end: the first instant after ``last_day``.
- Received: accepted with BM 01 (a code given). A BM 02 or BM 03 round is no dossier here.
  Online: channel "online"; in person or by post: "direct" and "post" (column 5).
- Carried over (6): received before the period, neither resolved nor withdrawn before it; so
  the next period's (6) is exactly this period's (11).
- Resolved: the time the dossier became result-ready or not-granted (not the hand-over).
  Early / on time / late by the result's day against the due day; ``report_compare_by``
  "timestamp" makes a result after the due time late (on the due day, before it, on time).
- In progress: received, no result and not withdrawn at the cut-off; overdue when due before
  the cut-off.
- Withdrawn (extra column): withdrawn in the period. ``report_withdrawn`` "resolved" also
  counts them in (7), as on time (9) (a variant of the form notes under column 9 "Bao gồm cả
  hồ sơ chờ Bổ sung và Trả lại/Xin rút"); "apart" keeps them out of (7) and (11).
- Voided dossiers are left out entirely, whenever they were voided.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import fields

from app.catalogue.model import Catalogue
from app.settings.options import Settings
from app.statistics.model import (
    COLUMN_KEYS,
    OfficialReport,
    ReportCounts,
    ReportRow,
    ReportSource,
)
from db.statistics import CompareBy, ReportCell, report_cells
from db.store import Store

UNKNOWN_FIELD = "—"  # the field of a procedure the catalogue passed does not know


def period_bounds(first_day: dt.date, last_day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` of the days ``first_day`` to ``last_day`` inclusive, in the store's
    naive local times; ``ValueError`` when the period runs backwards."""
    if last_day < first_day:
        raise ValueError("the period ends before it starts")
    start = dt.datetime.combine(first_day, dt.time())
    return start, dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())


def official_report(
    store: Store,
    first_day: dt.date,
    last_day: dt.date,
    settings: Settings,
    catalogue: Catalogue,
    *,
    points: Sequence[str] | None = None,
    generated_at: dt.datetime | None = None,
) -> OfficialReport:
    """Biểu 06 for the days ``first_day`` to ``last_day`` (both included), at ``points``
    (None: every point in the store), from this counter's store; one row per procedure of
    ``catalogue`` in its order, then any procedure the store holds that the catalogue does
    not (never hidden). ``app.statistics.centre`` reads the same report at the centre."""
    start, end = period_bounds(first_day, last_day)
    cells = report_cells(store, start, end, points=points, compare_by=compare_by_of(settings))
    return report_of_cells(
        cells, first_day, last_day, settings, catalogue, points=points, generated_at=generated_at
    )


def compare_by_of(settings: Settings) -> CompareBy:
    return "timestamp" if settings.report_compare_by == "timestamp" else "day"


def report_of_cells(
    cells: Sequence[ReportCell],
    first_day: dt.date,
    last_day: dt.date,
    settings: Settings,
    catalogue: Catalogue,
    *,
    points: Sequence[str] | None,
    generated_at: dt.datetime | None,
    source: ReportSource = "counter",
) -> OfficialReport:
    """The report made of the cells the store or the centre counted for the period."""
    withdrawn_in_resolved = settings.report_withdrawn == "resolved"
    counts: dict[str, dict[str, int]] = {}
    codes: dict[str, dict[str, list[str]]] = {}
    for cell in cells:
        keys = [cell.received, cell.outcome]
        if cell.outcome == "withdrawn" and withdrawn_in_resolved:
            keys.append("resolved_on_time")
        row_counts = counts.setdefault(cell.procedure_id, {})
        row_codes = codes.setdefault(cell.procedure_id, {})
        for key in keys:
            row_counts[key] = row_counts.get(key, 0) + cell.count
            row_codes.setdefault(key, []).extend(cell.codes)

    procedure_ids = list(catalogue.procedures)
    procedure_ids += sorted(set(counts) - set(procedure_ids))
    rows = []
    for procedure_id in procedure_ids:
        procedure = catalogue.procedures.get(procedure_id)
        rows.append(
            ReportRow(
                field=procedure.field if procedure else UNKNOWN_FIELD,
                procedure_id=procedure_id,
                procedure_name=unicodedata.normalize(
                    "NFC", procedure.name if procedure else procedure_id
                ),
                counts=_counts(counts.get(procedure_id, {}), withdrawn_in_resolved),
                dossiers={
                    key: tuple(sorted(found))
                    for key, found in codes.get(procedure_id, {}).items()
                    if key in COLUMN_KEYS
                },
            )
        )
    covered = tuple(points) if points is not None else tuple(sorted({c.point for c in cells}))
    return OfficialReport(
        first_day=first_day,
        last_day=last_day,
        cut_off=dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()),
        unit=settings.agency_name,
        points=covered,
        rows=_grouped(rows),
        compare_by=compare_by_of(settings),
        withdrawn_in_resolved=withdrawn_in_resolved,
        generated_at=generated_at,
        source=source,
    )


def _counts(values: dict[str, int], withdrawn_in_resolved: bool) -> ReportCounts:
    known = {f.name for f in fields(ReportCounts)}
    return ReportCounts(
        **{key: value for key, value in values.items() if key in known},
        withdrawn_in_resolved=withdrawn_in_resolved,
    )


def _grouped(rows: list[ReportRow]) -> tuple[ReportRow, ...]:
    """The rows grouped by field, fields in the order their first procedure comes, each
    field's procedures in catalogue order (a stable sort)."""
    order: dict[str, int] = {}
    for row in rows:
        order.setdefault(row.field, len(order))
    return tuple(sorted(rows, key=lambda row: order[row.field]))
