"""Every number of the day summary opens its dossiers: for each one the summary shows (each
line per officer, counter, procedure and channel, the totals, the day's results handed back,
forwarded, withdrawn, reprints, re-appointments, each hour), the list is as long as the
number, and its keys are the dossiers the test's own table of the day says.

The day is test_day_summary's (a real store). The test's table names each fact by the time it
happened; the store gives each time its dossier's key (its code, or its id while it has
none), so the expected dossiers are the test's, not the query's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pytest

from app.catalogue.model import Catalogue
from app.dossier_queries import look_up
from app.statistics.day import day_dossiers, day_summary
from app.statistics.model import DayFigure, DaySummary, VerdictCounts
from db.dossiers import dossiers_received_between
from db.store import Store
from tests.app.statistics.test_day_summary import (
    DAY,
    HOA,
    LAN,
    SETTINGS,
    _at,
)
from tests.app.statistics.test_day_summary import (
    day as day,  # the day's store, built once for this module too
)

BEFORE = DAY - dt.timedelta(days=1)


@dataclass(frozen=True)
class Round:
    """An applicant of the day at this point, as the fixture received them."""

    at: dt.datetime
    officer: str
    counter: int
    procedure_id: str
    channel: str
    verdict: str  # accepted | supplement | refused


ROUNDS = (
    Round(_at(7, 40), HOA.full_name, 1, "doi-gtvt", "direct", "accepted"),
    Round(_at(9, 10), HOA.full_name, 1, "doi-gtvt", "online", "accepted"),
    Round(_at(9, 30), HOA.full_name, 1, "doi-du-lich", "direct", "supplement"),
    Round(_at(10, 5), HOA.full_name, 1, "doi-gtvt", "direct", "refused"),
    Round(_at(14, 20), LAN.full_name, 2, "doi-du-lich", "post", "accepted"),
    # The return with what BM 02 asked for (the 9:30 dossier), at counter 2.
    Round(_at(15), LAN.full_name, 2, "doi-du-lich", "direct", "accepted"),
    Round(_at(18, 10), LAN.full_name, 2, "doi-gtvt", "direct", "accepted"),
)
# The day's other facts: the dossier each concerns, by the time it was first received.
HANDED_BACK = {(LAN.full_name, 2): [_at(9, day=BEFORE)]}
FORWARDED = [_at(9, day=BEFORE)]
WITHDRAWN = [_at(11, day=BEFORE)]
REPRINTED = [_at(7, 40)]
REAPPOINTED = [_at(10, day=BEFORE)]


@pytest.fixture(scope="module")
def keys(day: Store) -> dict[dt.datetime, str]:
    """Each round's time → its dossier's key (its code, else its id)."""
    found: dict[dt.datetime, str] = {}
    for listed in dossiers_received_between(
        day, _at(0, day=BEFORE), _at(0, day=DAY + dt.timedelta(2))
    ):
        dossier = look_up(day, listed.id)
        assert dossier is not None
        for stored_round in dossier.rounds:
            found[stored_round.record.received_at] = dossier.code or dossier.id
    return found


@pytest.fixture(scope="module")
def summary(day: Store, catalogue: Catalogue) -> DaySummary:
    return day_summary(day, DAY, SETTINGS, catalogue)


Listed = Callable[[DayFigure], tuple[str, ...]]


@pytest.fixture
def listed(day: Store) -> Listed:
    return lambda figure: day_dossiers(day, DAY, SETTINGS, figure)


def _rounds(keys: dict[dt.datetime, str], verdict: str, **line: object) -> list[str]:
    return [
        keys[applicant.at]
        for applicant in ROUNDS
        if verdict in ("applicants", applicant.verdict)
        and all(getattr(applicant, name) == value for name, value in line.items())
    ]


def _check_line(
    listed: Listed,
    keys: dict[dt.datetime, str],
    counts: VerdictCounts,
    figure: Callable[[str], DayFigure],
    **line: object,
) -> None:
    """Each verdict's number and the total of one line, against its list."""
    numbers = {
        "accepted": counts.accepted,
        "supplement": counts.supplement,
        "refused": counts.refused,
        "applicants": counts.total,
    }
    for kind, number in numbers.items():
        codes = listed(figure(kind))
        assert len(codes) == number, (kind, line)
        assert Counter(codes) == Counter(_rounds(keys, kind, **line)), (kind, line)


def _same(codes: tuple[str, ...], expected: list[str]) -> bool:
    return Counter(codes) == Counter(expected)


def test_each_officers_numbers(
    summary: DaySummary, listed: Listed, keys: dict[dt.datetime, str]
) -> None:
    assert len(summary.per_officer) == 2
    for line in summary.per_officer:
        _check_line(
            listed,
            keys,
            line.counts,
            partial(DayFigure, officer=line.who),
            officer=line.who,
        )
        handed = listed(DayFigure("handed-back", officer=line.who))
        assert len(handed) == line.handed_back
        expected = [
            keys[at] for (who, _), ats in HANDED_BACK.items() if who == line.who for at in ats
        ]
        assert _same(handed, expected)


def test_each_counters_numbers(
    summary: DaySummary, listed: Listed, keys: dict[dt.datetime, str]
) -> None:
    assert [line.who for line in summary.per_counter] == ["1", "2"]
    for line in summary.per_counter:
        number = int(line.who)
        _check_line(
            listed,
            keys,
            line.counts,
            partial(DayFigure, counter_number=number),
            counter=number,
        )
        handed = listed(DayFigure("handed-back", counter_number=number))
        assert len(handed) == line.handed_back
        expected = [
            keys[at] for (_, counter), ats in HANDED_BACK.items() if counter == number for at in ats
        ]
        assert _same(handed, expected)
    # The supplement round is at counter 1, its return at counter 2: one dossier, both lists.
    supplement = listed(DayFigure("supplement", counter_number=1))
    assert supplement == (keys[_at(9, 30)],) and supplement[0] in listed(
        DayFigure("accepted", counter_number=2)
    )


def test_each_procedures_and_channels_numbers(
    summary: DaySummary, listed: Listed, keys: dict[dt.datetime, str]
) -> None:
    assert len(summary.by_procedure) == 2 and len(summary.by_channel) == 3
    for procedure_id, _name, counts in summary.by_procedure:
        _check_line(
            listed,
            keys,
            counts,
            partial(DayFigure, procedure_id=procedure_id),
            procedure_id=procedure_id,
        )
    for channel, counts in summary.by_channel:
        _check_line(
            listed,
            keys,
            counts,
            partial(DayFigure, channel=channel),
            channel=channel,
        )


def test_the_totals_and_the_days_lines(
    summary: DaySummary, listed: Listed, keys: dict[dt.datetime, str]
) -> None:
    _check_line(listed, keys, summary.total, DayFigure)
    assert len(listed(DayFigure("applicants"))) == summary.applicants == 7
    days_lines = {
        "handed-back": (summary.handed_back, [at for ats in HANDED_BACK.values() for at in ats]),
        "forwarded": (summary.forwarded, FORWARDED),
        "withdrawn": (summary.withdrawn, WITHDRAWN),
        "reprints": (summary.reprints, REPRINTED),
        "reappointments": (summary.reappointments, REAPPOINTED),
    }
    for kind, (number, ats) in days_lines.items():
        codes = listed(DayFigure(kind))
        assert len(codes) == number == 1, kind
        assert _same(codes, [keys[at] for at in ats]), kind


def test_each_hours_number(
    summary: DaySummary, listed: Listed, keys: dict[dt.datetime, str]
) -> None:
    for hour, number in summary.applicants_per_hour:
        codes = listed(DayFigure("applicants", hour=hour))
        assert len(codes) == number, hour
        assert _same(codes, [keys[r.at] for r in ROUNDS if r.at.hour == hour]), hour


def test_a_round_without_a_code_is_listed_by_its_id(
    listed: Listed, keys: dict[dt.datetime, str], day: Store
) -> None:
    (refused,) = listed(DayFigure("refused"))
    dossier = look_up(day, refused)
    assert dossier is not None and dossier.code is None and dossier.id == refused
    # The BM 02 round's dossier has its code since its return: listed by the code.
    (waiting,) = listed(DayFigure("supplement"))
    assert waiting == keys[_at(9, 30)] and not waiting.startswith(refused[:4])
    found = look_up(day, waiting)
    assert found is not None and found.code == waiting


def test_every_point_and_a_day_without_work(day: Store, catalogue: Catalogue) -> None:
    every = day_summary(day, DAY, SETTINGS, catalogue, point="")
    codes = day_dossiers(day, DAY, SETTINGS, DayFigure("applicants"), point="")
    assert len(codes) == every.applicants == 8  # the other point's applicant too
    assert day_dossiers(day, dt.date(2026, 11, 8), SETTINGS, DayFigure("applicants")) == ()


def test_a_number_the_summary_does_not_break_down_is_refused(day: Store) -> None:
    with pytest.raises(ValueError, match="per day only"):
        day_dossiers(day, DAY, SETTINGS, DayFigure("reprints", officer=HOA.full_name))
    with pytest.raises(ValueError, match="no day figure"):
        DayFigure("late")
