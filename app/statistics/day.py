"""The day's counter summary, from the day's facts (issue 15): applicants received per officer
and per counter with their verdicts (accepted BM 01, supplement BM 02, refused BM 03), by
procedure and by channel, results handed back, dossiers forwarded and withdrawn, slips
reprinted, re-appointments, and applicants per hour of the day.

An applicant is a round at the counter: a first visit, or a return with what BM 02 asked
for. The day is a calendar day in the store's naive local times (Asia/Ho_Chi_Minh, UTC+7),
``[day 00:00, day + 1 00:00)``. Voided dossiers are left out. Service times run from the
procedure picked in the window (``started_at`` in the round's audit record) to the round's
slip first printed (``db.statistics.service_seconds``); the median and the 90th percentile
are nearest-rank percentiles (``nearest_rank``), None on a day with no such round.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from app.catalogue.model import Catalogue
from app.settings.options import Settings
from app.statistics.model import DayFigure, DaySummary, PeopleLine, VerdictCounts
from db.statistics import day_facts, day_figure_keys, service_seconds
from db.store import Store

FIRST_HOUR, LAST_HOUR = 7, 17  # the hours always shown, even with no applicant
CHANNELS = ("direct", "online", "post")  # the catalogue's order (app.catalogue.model)
_VERDICT_FIELDS = {"accept": "accepted", "supplement": "supplement", "refuse": "refused"}
# A day figure's kind → what the store calls the facts it counts (``db.statistics``).
_FIGURE_FACTS: dict[str, str | None] = {
    **{field: verdict for verdict, field in _VERDICT_FIELDS.items()},
    "applicants": None,  # every round, whatever its verdict
    "handed-back": "returned",
    "forwarded": "forwarded",
    "withdrawn": "withdrawn",
    "reprints": "reprint",
    "reappointments": "reappointment",
}


def _one(verdict: str, count: int) -> VerdictCounts:
    field = _VERDICT_FIELDS.get(verdict)
    if field is None:
        raise ValueError(f"unknown verdict {verdict!r} in the store")
    return VerdictCounts(**{field: count})


def day_summary(
    store: Store,
    day: dt.date,
    settings: Settings,
    catalogue: Catalogue,
    *,
    point: str | None = None,
) -> DaySummary:
    """The summary of ``day`` at ``point`` (None: this counter's receiving point from the
    settings; "": every point)."""
    where = settings.receiving_point if point is None else point
    start = dt.datetime.combine(day, dt.time())
    facts = day_facts(store, start, start + dt.timedelta(days=1), where or None)
    took = service_seconds(store, start, start + dt.timedelta(days=1), where or None)

    officers: dict[str, VerdictCounts] = defaultdict(VerdictCounts)
    counters: dict[int, VerdictCounts] = defaultdict(VerdictCounts)
    procedures: dict[str, VerdictCounts] = defaultdict(VerdictCounts)
    channels: dict[str, VerdictCounts] = defaultdict(VerdictCounts)
    hours: dict[int, int] = dict.fromkeys(range(FIRST_HOUR, LAST_HOUR + 1), 0)
    for rounds in facts.rounds:
        counts = _one(rounds.verdict, rounds.count)
        officers[rounds.officer] += counts
        counters[rounds.counter_number] += counts
        procedures[rounds.procedure_id] += counts
        channels[rounds.channel] += counts
        hours[rounds.hour] = hours.get(rounds.hour, 0) + rounds.count

    handed_by_officer: dict[str, int] = defaultdict(int)
    handed_at_counter: dict[int, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    for change in facts.changes:
        by_status[change.status] += change.count
        if change.status == "returned":
            handed_by_officer[change.officer] += change.count
            if change.counter_number is not None:
                handed_at_counter[change.counter_number] += change.count

    per_officer = tuple(
        PeopleLine(name, officers.get(name, VerdictCounts()), handed_by_officer.get(name, 0))
        for name in sorted(set(officers) | set(handed_by_officer))
    )
    per_counter = tuple(
        PeopleLine(
            str(number), counters.get(number, VerdictCounts()), handed_at_counter.get(number, 0)
        )
        for number in sorted(set(counters) | set(handed_at_counter))
    )
    known = [pid for pid in catalogue.procedures if pid in procedures]
    by_procedure = tuple(
        (pid, _name(catalogue, pid), procedures[pid])
        for pid in known + sorted(set(procedures) - set(known))
    )
    by_channel = tuple(
        (channel, channels[channel])
        for channel in [*CHANNELS, *sorted(set(channels) - set(CHANNELS))]
        if channel in channels
    )
    return DaySummary(
        day=day,
        point=where,
        per_officer=per_officer,
        per_counter=per_counter,
        by_procedure=by_procedure,
        by_channel=by_channel,
        handed_back=by_status["returned"],
        forwarded=by_status["forwarded"],
        reprints=facts.reprints,
        reappointments=facts.reappointments,
        applicants_per_hour=tuple(sorted(hours.items())),
        withdrawn=by_status["withdrawn"],
        median_seconds=nearest_rank(took, 50),
        p90_seconds=nearest_rank(took, 90),
        goal_minutes=settings.queue_goal_minutes,
    )


def day_dossiers(
    store: Store,
    day: dt.date,
    settings: Settings,
    figure: DayFigure,
    *,
    point: str | None = None,
) -> tuple[str, ...]:
    """The dossiers behind one number of ``day_summary(store, day, settings, …, point=point)``
    (the same point convention), one per fact it counts: as many as the number says, a
    dossier seen twice that day listed twice. Each is its code, or its id while it has none
    (a BM 02 or BM 03 round), both of which ``app.dossier_queries.look_up`` finds."""
    where = settings.receiving_point if point is None else point
    start = dt.datetime.combine(day, dt.time())
    return day_figure_keys(
        store,
        start,
        start + dt.timedelta(days=1),
        _FIGURE_FACTS[figure.kind],
        point=where or None,
        officer=figure.officer,
        counter_number=figure.counter_number,
        procedure_id=figure.procedure_id,
        channel=figure.channel,
        hour=figure.hour,
    )


def nearest_rank(values: Sequence[float], percent: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``percent`` % of the
    values at or below it, i.e. the ⌈percent/100 · n⌉-th smallest (no interpolation; the
    median of an even count is the lower middle value). None for no values."""
    if not values:
        return None
    rank = max(math.ceil(percent / 100 * len(values)), 1)
    return sorted(values)[rank - 1]


def _name(catalogue: Catalogue, procedure_id: str) -> str:
    procedure = catalogue.procedures.get(procedure_id)
    return unicodedata.normalize("NFC", procedure.name) if procedure else procedure_id
