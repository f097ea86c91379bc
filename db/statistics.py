"""The statistics' bulk queries (issue 15): a few aggregates per report, never one per dossier.

Everything is counted from the dossiers' facts: the reception (``dossier.received_at``, the
time the dossier was accepted with its code, and ``channel``), the due date (``due_at``, moved
by a re-appointment), the status changes (``dossier_status_change``), the rounds and their
verdicts, the slips printed and the re-appointments. Voided dossiers (``dossier_void``) are left
out of every count. Times are the store's naive local times (Asia/Ho_Chi_Minh, UTC+7), as
every writer stores them; a period is ``[start, end)`` in those times.

``report_cells`` classifies each dossier in SQL and groups the result by receiving point,
procedure and the two columns each dossier fills (how it came in, what became of it), with
the codes behind each number: at most points × procedures × 3 × 6 rows, whatever the size of
the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    Subquery,
    case,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, aliased

from db.models import (
    AuditRecord,
    Dossier,
    DossierStatusChange,
    DossierVoid,
    Reappointment,
    ReceptionRound,
    Slip,
)
from db.store import Store

ACCEPTED = "accepted"  # a dossier accepted with BM 01 (its code given)
ONLINE = "online"
RESULTS = ("result-ready", "not-granted")  # a result exists: resolved (not the hand-over)
RETURNED = "returned"  # a result handed over: stands for its result when that row is missing
WITHDRAWN = "withdrawn"
_SEPARATOR = " "  # between the codes of one cell; a code holds no space

CompareBy = Literal["day", "timestamp"]


@dataclass(frozen=True)
class ReportCell:
    """The dossiers of one point and procedure that came in the same way and ended the same
    way: ``received`` is received_online | received_in_person | carried_over, ``outcome``
    resolved_early | resolved_on_time | resolved_late | withdrawn | in_progress_within |
    in_progress_overdue."""

    point: str
    procedure_id: str
    received: str
    outcome: str
    count: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class FactTables:
    """The three tables the official report reads: the store's, or the centre's
    (``db.central.statistics``), which keep the same columns under the same names."""

    dossier: FromClause
    status_change: FromClause
    void: FromClause


STORE_TABLES = FactTables(Dossier.__table__, DossierStatusChange.__table__, DossierVoid.__table__)


def report_cells(
    store: Store,
    start: dt.datetime,
    end: dt.datetime,
    *,
    points: Sequence[str] | None = None,
    compare_by: CompareBy = "day",
) -> list[ReportCell]:
    """The official report's cells for the period ``[start, end)``, from this store."""
    query = report_query(STORE_TABLES, start, end, points=points, compare_by=compare_by)
    with store.reading() as session:
        return cells_of(session.execute(query).all())


def report_query(
    tables: FactTables,
    start: dt.datetime,
    end: dt.datetime,
    *,
    points: Sequence[str] | None = None,
    compare_by: CompareBy = "day",
) -> Select[Any]:
    """The one query behind the official report, for the store's tables or the centre's.

    Counted: accepted dossiers, not voided, received before ``end`` and neither resolved nor
    withdrawn before ``start``. Received at or after ``start``: in the period (online, or in
    person and by post); before: carried over. Resolved when a result (ready, or not
    granted) exists before ``end``: early, on time or late by the result's day against the
    due day (``compare_by`` "timestamp": late once after the due time, early still by day);
    withdrawn before ``end``; else in progress, overdue when due before ``end``.

    Written once for SQLite and PostgreSQL: ``date()`` exists in both (in PostgreSQL as the
    cast to a date), and ``aggregate_strings`` is SQLite's ``group_concat`` and PostgreSQL's
    ``string_agg``.
    """
    dossier, change, void = tables.dossier.c, tables.status_change.c, tables.void.c

    def first(*statuses: str) -> ColumnElement[Any]:
        return func.min(case((change.status.in_(statuses), change.changed_at)))

    changes = (
        select(
            change.dossier_id.label("dossier_id"),
            # A hand-over needs a result, so a dossier returned has one; should its "result
            # ready" be missing (a change the centre refused), the hand-over's time stands in.
            func.coalesce(first(*RESULTS), first(RETURNED)).label("result_at"),
            first(WITHDRAWN).label("withdrawn_at"),
        )
        .where(change.status.in_((*RESULTS, WITHDRAWN, RETURNED)))
        .group_by(change.dossier_id)
        .subquery("ended")
    )
    result_at = changes.c.result_at
    withdrawn_at = changes.c.withdrawn_at
    # Bound as the tables write their times (SQLAlchemy's SQLite DateTime is text).
    at_start = literal(start, dossier.received_at.type)
    at_end = literal(end, dossier.received_at.type)
    received = case(
        (dossier.received_at < at_start, literal_column("'carried_over'")),
        (dossier.channel == ONLINE, literal_column("'received_online'")),
        else_=literal_column("'received_in_person'"),
    )
    result_day = func.date(result_at)
    due_day = func.date(dossier.due_at)
    on_time: ColumnElement[bool] = (
        result_day == due_day if compare_by == "day" else result_at <= dossier.due_at
    )
    outcome = case(
        (
            result_at < at_end,
            case(
                (dossier.due_at.is_(None), literal_column("'resolved_on_time'")),
                (result_day < due_day, literal_column("'resolved_early'")),
                (on_time, literal_column("'resolved_on_time'")),
                else_=literal_column("'resolved_late'"),
            ),
        ),
        (withdrawn_at < at_end, literal_column("'withdrawn'")),
        (dossier.due_at < at_end, literal_column("'in_progress_overdue'")),
        else_=literal_column("'in_progress_within'"),
    )
    finished = func.coalesce(result_at, withdrawn_at)
    where = [
        dossier.code.is_not(None),
        dossier.status == ACCEPTED,
        dossier.received_at < at_end,
        ~exists().where(void.dossier_id == dossier.id),
        or_(finished.is_(None), finished >= at_start),
    ]
    if points is not None:
        where.append(dossier.receiving_point.in_(list(points)))
    received_key = received.label("received")
    outcome_key = outcome.label("outcome")
    return (
        select(
            dossier.receiving_point,
            dossier.procedure_id,
            received_key,
            outcome_key,
            func.count(),
            func.aggregate_strings(dossier.code, _SEPARATOR),
        )
        .select_from(tables.dossier)
        .outerjoin(changes, changes.c.dossier_id == dossier.id)
        .where(*where)
        .group_by(dossier.receiving_point, dossier.procedure_id, received_key, outcome_key)
    )


def cells_of(rows: Iterable[Sequence[Any]]) -> list[ReportCell]:
    """The cells of ``report_query``'s rows, from whichever database ran it."""
    return [
        ReportCell(
            str(point),
            str(procedure_id),
            str(received_as),
            str(outcome_as),
            int(count),
            tuple(sorted(str(codes).split(_SEPARATOR))) if codes else (),
        )
        for point, procedure_id, received_as, outcome_as, count, codes in rows
    ]


def _moment(value: dt.datetime) -> ColumnElement[Any]:
    """A bound time compared as the store writes its times (SQLAlchemy's SQLite DateTime)."""
    return literal(value, Dossier.received_at.type)


# ------------------------------------------------------------------ the day summary


@dataclass(frozen=True)
class RoundCount:
    """Rounds (applicants at the counter) of one kind on the day."""

    officer: str
    counter_number: int
    procedure_id: str
    channel: str
    verdict: str  # accept | supplement | refuse
    hour: int
    count: int


@dataclass(frozen=True)
class ChangeCount:
    """Status changes of one kind made on the day."""

    status: str
    officer: str
    counter_number: int | None
    count: int


@dataclass(frozen=True)
class DayFacts:
    rounds: tuple[RoundCount, ...]
    changes: tuple[ChangeCount, ...]
    reprints: int
    reappointments: int
    points: tuple[str, ...]  # the receiving points with any of these facts


def day_facts(
    store: Store, start: dt.datetime, end: dt.datetime, point: str | None = None
) -> DayFacts:
    """The day's counter facts in ``[start, end)``, at ``point`` (None: every point).

    A round counts at the counter its receipt's audit record names (a supplement round may
    be at another counter than the first), else at the dossier's counter. A status change
    counts where it was made (its own point, else the dossier's). Reprints are slips printed
    again (``print_number`` above 1) and re-appointments those decided in the period, both
    at the dossier's point. Voided dossiers are left out.
    """
    not_voided = ~exists().where(DossierVoid.dossier_id == Dossier.id)
    at_start, at_end = _moment(start), _moment(end)
    receipts = _receipts(at_start)
    hour = func.strftime("%H", ReceptionRound.received_at).label("hour")
    counter_number = func.coalesce(receipts.c.counter_number, Dossier.counter_number).label(
        "counter_number"
    )
    rounds_query = (
        select(
            ReceptionRound.officer,
            counter_number,
            Dossier.procedure_id,
            Dossier.channel,
            ReceptionRound.verdict,
            hour,
            func.count(),
        )
        .select_from(ReceptionRound)
        .join(Dossier, Dossier.id == ReceptionRound.dossier_id)
        .outerjoin(receipts, receipts.c.round_id == ReceptionRound.id)
        .where(
            ReceptionRound.received_at >= at_start,
            ReceptionRound.received_at < at_end,
            not_voided,
            *_at_point(Dossier.receiving_point, point),
        )
        .group_by(
            ReceptionRound.officer,
            counter_number,
            Dossier.procedure_id,
            Dossier.channel,
            ReceptionRound.verdict,
            hour,
        )
    )
    change_point = func.coalesce(DossierStatusChange.point, Dossier.receiving_point)
    changes_query = (
        select(
            DossierStatusChange.status,
            DossierStatusChange.officer,
            DossierStatusChange.counter_number,
            func.count(),
        )
        .join(Dossier, Dossier.id == DossierStatusChange.dossier_id)
        .where(
            DossierStatusChange.changed_at >= at_start,
            DossierStatusChange.changed_at < at_end,
            not_voided,
            *_at_point(change_point, point),
        )
        .group_by(
            DossierStatusChange.status,
            DossierStatusChange.officer,
            DossierStatusChange.counter_number,
        )
    )
    reprints_query = (
        select(func.count())
        .select_from(Slip)
        .join(Dossier, Dossier.id == Slip.dossier_id)
        .where(
            Slip.printed_at >= at_start,
            Slip.printed_at < at_end,
            Slip.print_number > 1,
            not_voided,
            *_at_point(Dossier.receiving_point, point),
        )
    )
    reappointments_query = (
        select(func.count())
        .select_from(Reappointment)
        .join(Dossier, Dossier.id == Reappointment.dossier_id)
        .where(
            Reappointment.decided_at >= at_start,
            Reappointment.decided_at < at_end,
            not_voided,
            *_at_point(Dossier.receiving_point, point),
        )
    )
    round_dossier = aliased(Dossier)
    points_query = (
        select(round_dossier.receiving_point)
        .join(ReceptionRound, ReceptionRound.dossier_id == round_dossier.id)
        .where(ReceptionRound.received_at >= at_start, ReceptionRound.received_at < at_end)
        .distinct()
    )
    with store.reading() as session:
        rounds = tuple(
            RoundCount(officer, int(number), procedure_id, channel, verdict, int(at), int(count))
            for officer, number, procedure_id, channel, verdict, at, count in session.execute(
                rounds_query
            )
        )
        changes = tuple(
            ChangeCount(status, officer, number, int(count))
            for status, officer, number, count in session.execute(changes_query)
        )
        reprints = int(session.scalar(reprints_query) or 0)
        reappointments = int(session.scalar(reappointments_query) or 0)
        if point is None:
            points = tuple(sorted(str(found) for found in session.scalars(points_query)))
        else:
            points = (point,)
    return DayFacts(rounds, changes, reprints, reappointments, points)


def service_seconds(
    store: Store, start: dt.datetime, end: dt.datetime, point: str | None = None
) -> list[float]:
    """Seconds each applicant of ``[start, end)`` at ``point`` (None: every point) took, from
    the procedure picked to the round's slip first printed, in the order of the rounds.

    The start is the ``started_at`` the window put in the round's audit record (``receive``
    or ``new-round``); the end is the earliest ``slip.printed_at`` of that round. Rounds with
    either missing (received from the command line, slip never printed) are left out, and
    so is a negative time (a clock set back between the two). One query for the day.
    """
    started = func.json_extract(AuditRecord.subject_json, "$.started_at")
    receipts = (
        select(
            func.json_extract(AuditRecord.subject_json, "$.round_id").label("round_id"),
            started.label("started_at"),
        )
        .where(
            AuditRecord.action.in_(("receive", "new-round")),
            # Recorded when the round is stored: never before its time of receipt (a day's
            # margin for a clock a few minutes ahead), maybe long after (``receive --at``).
            AuditRecord.recorded_at >= _moment(start - dt.timedelta(days=1)),
            started.is_not(None),
        )
        .subquery("started")
    )
    first_print = func.min(Slip.printed_at)
    query = (
        select(receipts.c.started_at, first_print)
        .select_from(ReceptionRound)
        .join(Dossier, Dossier.id == ReceptionRound.dossier_id)
        .join(receipts, receipts.c.round_id == ReceptionRound.id)
        # By the dossier (its index), then the round: the round's own slips.
        .join(Slip, (Slip.dossier_id == Dossier.id) & (Slip.round_id == ReceptionRound.id))
        .where(
            ReceptionRound.received_at >= _moment(start),
            ReceptionRound.received_at < _moment(end),
            ~exists().where(DossierVoid.dossier_id == Dossier.id),
            *_at_point(Dossier.receiving_point, point),
        )
        .group_by(ReceptionRound.id, receipts.c.started_at)
        .order_by(func.min(ReceptionRound.received_at), ReceptionRound.id)
    )
    with store.reading() as session:
        rows = session.execute(query).all()
    seconds = []
    for started_at, printed_at in rows:
        took = (_as_time(printed_at) - dt.datetime.fromisoformat(str(started_at))).total_seconds()
        if took >= 0:
            seconds.append(took)
    return seconds


def _receipts(at_start: ColumnElement[Any]) -> Subquery:
    """The counter each round of the day was received at, from its receipt's audit record
    (``receive`` or ``new-round``, recorded when the round is stored: never before it)."""
    return (
        select(
            func.json_extract(AuditRecord.subject_json, "$.round_id").label("round_id"),
            AuditRecord.counter_number.label("counter_number"),
        )
        .where(
            AuditRecord.action.in_(("receive", "new-round")),
            AuditRecord.recorded_at >= at_start,
        )
        .subquery("receipts")
    )


def _as_time(value: object) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _at_point(
    column: ColumnElement[str] | InstrumentedAttribute[str], point: str | None
) -> list[ColumnElement[bool]]:
    return [] if point is None else [column == point]


# ---------------------------------------------------------------- the dossiers behind a day figure

ROUND_VERDICTS = ("accept", "supplement", "refuse")
DAY_CHANGES = ("returned", "forwarded", "withdrawn")


def day_figure_keys(
    store: Store,
    start: dt.datetime,
    end: dt.datetime,
    kind: str | None,
    *,
    point: str | None = None,
    officer: str | None = None,
    counter_number: int | None = None,
    procedure_id: str | None = None,
    channel: str | None = None,
    hour: int | None = None,
) -> tuple[str, ...]:
    """The dossiers behind one number of ``day_facts``, one key per counted fact, so the
    list is as long as the number: a dossier seen twice that day (a BM 02 round, then its
    return) is listed twice. ``kind``: a round verdict (accept | supplement | refuse), None
    for every round, a status change (returned | forwarded | withdrawn), "reprint" or
    "reappointment"; the filters are those of the summary's line the number is on.

    Counted exactly as ``day_facts`` counts: the same bounds, void rule and point rule, and
    a round at the counter its receipt's audit record names. A dossier is keyed by its code,
    or by its id while it has none (a BM 02 or BM 03 round): the id is printed on those
    slips as the reference, and ``app.dossier_queries.look_up`` finds a dossier by either.
    In time order, then by key."""
    at_start, at_end = _moment(start), _moment(end)
    key = func.coalesce(Dossier.code, Dossier.id)
    not_voided = ~exists().where(DossierVoid.dossier_id == Dossier.id)
    where: list[ColumnElement[bool]] = [not_voided]
    if procedure_id is not None:
        where.append(Dossier.procedure_id == procedure_id)
    if channel is not None:
        where.append(Dossier.channel == channel)
    if kind is None or kind in ROUND_VERDICTS:
        query: Select[str, dt.datetime] = _round_keys(
            key, at_start, at_end, kind, point, officer, counter_number, hour
        )
    elif kind in DAY_CHANGES:
        query = _change_keys(key, at_start, at_end, kind, point, officer, counter_number, hour)
    elif officer is not None or counter_number is not None or hour is not None:
        raise ValueError(f"{kind!r} is counted per day only, not per officer, counter or hour")
    elif kind == "reprint":
        query = (
            select(key, Slip.printed_at)
            .select_from(Slip)
            .join(Dossier, Dossier.id == Slip.dossier_id)
            .where(
                Slip.printed_at >= at_start,
                Slip.printed_at < at_end,
                Slip.print_number > 1,
                *_at_point(Dossier.receiving_point, point),
            )
        )
    elif kind == "reappointment":
        query = (
            select(key, Reappointment.decided_at)
            .select_from(Reappointment)
            .join(Dossier, Dossier.id == Reappointment.dossier_id)
            .where(
                Reappointment.decided_at >= at_start,
                Reappointment.decided_at < at_end,
                *_at_point(Dossier.receiving_point, point),
            )
        )
    else:
        raise ValueError(f"no day figure {kind!r}")
    ordered = query.where(*where).order_by(query.selected_columns[1], key)
    with store.reading() as session:
        return tuple(str(found) for found in session.scalars(ordered))


def _round_keys(
    key: ColumnElement[str],
    at_start: ColumnElement[Any],
    at_end: ColumnElement[Any],
    verdict: str | None,
    point: str | None,
    officer: str | None,
    counter_number: int | None,
    hour: int | None,
) -> Select[str, dt.datetime]:
    """``day_facts``' rounds, one row each (its receipts subquery and counter rule)."""
    receipts = _receipts(at_start)
    counter = func.coalesce(receipts.c.counter_number, Dossier.counter_number)
    where = [
        ReceptionRound.received_at >= at_start,
        ReceptionRound.received_at < at_end,
        *_at_point(Dossier.receiving_point, point),
    ]
    if verdict is not None:
        where.append(ReceptionRound.verdict == verdict)
    if officer is not None:
        where.append(ReceptionRound.officer == officer)
    if counter_number is not None:
        where.append(counter == counter_number)
    if hour is not None:
        where.append(func.strftime("%H", ReceptionRound.received_at) == f"{hour:02d}")
    return (
        select(key, ReceptionRound.received_at)
        .select_from(ReceptionRound)
        .join(Dossier, Dossier.id == ReceptionRound.dossier_id)
        .outerjoin(receipts, receipts.c.round_id == ReceptionRound.id)
        .where(*where)
    )


def _change_keys(
    key: ColumnElement[str],
    at_start: ColumnElement[Any],
    at_end: ColumnElement[Any],
    status: str,
    point: str | None,
    officer: str | None,
    counter_number: int | None,
    hour: int | None,
) -> Select[str, dt.datetime]:
    """``day_facts``' status changes of one status, one row each, where they were made."""
    change_point = func.coalesce(DossierStatusChange.point, Dossier.receiving_point)
    where = [
        DossierStatusChange.status == status,
        DossierStatusChange.changed_at >= at_start,
        DossierStatusChange.changed_at < at_end,
        *_at_point(change_point, point),
    ]
    if officer is not None:
        where.append(DossierStatusChange.officer == officer)
    if counter_number is not None:
        where.append(DossierStatusChange.counter_number == counter_number)
    if hour is not None:
        where.append(func.strftime("%H", DossierStatusChange.changed_at) == f"{hour:02d}")
    return (
        select(key, DossierStatusChange.changed_at)
        .select_from(DossierStatusChange)
        .join(Dossier, Dossier.id == DossierStatusChange.dossier_id)
        .where(*where)
    )
