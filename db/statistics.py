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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, case, exists, func, literal, or_, select
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


def report_cells(
    store: Store,
    start: dt.datetime,
    end: dt.datetime,
    *,
    points: Sequence[str] | None = None,
    compare_by: CompareBy = "day",
) -> list[ReportCell]:
    """The official report's cells for the period ``[start, end)``.

    Counted: accepted dossiers, not voided, received before ``end`` and neither resolved nor
    withdrawn before ``start``. Received at or after ``start``: in the period (online, or in
    person and by post); before: carried over. Resolved when a result (ready, or not
    granted) exists before ``end``: early, on time or late by the result's day against the
    due day (``compare_by`` "timestamp": late once after the due time, early still by day);
    withdrawn before ``end``; else in progress, overdue when due before ``end``.
    """

    def first(*statuses: str) -> ColumnElement[Any]:
        when = DossierStatusChange.status.in_(statuses)
        return func.min(case((when, DossierStatusChange.changed_at)))

    changes = (
        select(
            DossierStatusChange.dossier_id.label("dossier_id"),
            # A hand-over needs a result, so a dossier returned has one; should its "result
            # ready" be missing (a change the centre refused), the hand-over's time stands in.
            func.coalesce(first(*RESULTS), first(RETURNED)).label("result_at"),
            first(WITHDRAWN).label("withdrawn_at"),
        )
        .where(DossierStatusChange.status.in_((*RESULTS, WITHDRAWN, RETURNED)))
        .group_by(DossierStatusChange.dossier_id)
        .subquery("ended")
    )
    result_at = changes.c.result_at
    withdrawn_at = changes.c.withdrawn_at
    at_start = _moment(start)
    at_end = _moment(end)
    received = case(
        (Dossier.received_at < at_start, literal("carried_over")),
        (Dossier.channel == ONLINE, literal("received_online")),
        else_=literal("received_in_person"),
    )
    result_day = func.date(result_at)
    due_day = func.date(Dossier.due_at)
    on_time: ColumnElement[bool] = (
        result_day == due_day if compare_by == "day" else result_at <= Dossier.due_at
    )
    outcome = case(
        (
            result_at < at_end,
            case(
                (Dossier.due_at.is_(None), literal("resolved_on_time")),
                (result_day < due_day, literal("resolved_early")),
                (on_time, literal("resolved_on_time")),
                else_=literal("resolved_late"),
            ),
        ),
        (withdrawn_at < at_end, literal("withdrawn")),
        (Dossier.due_at < at_end, literal("in_progress_overdue")),
        else_=literal("in_progress_within"),
    )
    finished = func.coalesce(result_at, withdrawn_at)
    where = [
        Dossier.code.is_not(None),
        Dossier.status == ACCEPTED,
        Dossier.received_at < at_end,
        ~exists().where(DossierVoid.dossier_id == Dossier.id),
        or_(finished.is_(None), finished >= at_start),
    ]
    if points is not None:
        where.append(Dossier.receiving_point.in_(list(points)))
    received_key = received.label("received")
    outcome_key = outcome.label("outcome")
    query = (
        select(
            Dossier.receiving_point,
            Dossier.procedure_id,
            received_key,
            outcome_key,
            func.count(),
            func.group_concat(Dossier.code, _SEPARATOR),
        )
        .select_from(Dossier)
        .outerjoin(changes, changes.c.dossier_id == Dossier.id)
        .where(*where)
        .group_by(Dossier.receiving_point, Dossier.procedure_id, received_key, outcome_key)
    )
    with store.reading() as session:
        rows = session.execute(query).all()
    return [
        ReportCell(
            point,
            procedure_id,
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
    receipts = (
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


def _as_time(value: object) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _at_point(
    column: ColumnElement[str] | InstrumentedAttribute[str], point: str | None
) -> list[ColumnElement[bool]]:
    return [] if point is None else [column == point]
