"""The statistics' values: the official report (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP)
and the day's counter summary. Pure data, no store: ``app.statistics.official`` and
``app.statistics.day`` compute them from the dossiers' facts; printing/ and ui/ only read them.

Columns of the official report (statistics.md §2): (3) received total = (4) online + (5) in person
or by post + (6) carried over; (7) resolved total = (8) early + (9) on time + (10) late; (11) in
progress total = (12) within the time limit + (13) overdue. ``withdrawn`` is an extra column kept
out of the official print; whether it also counts inside (7) is a setting
(``ReportCounts.withdrawn_in_resolved``): then it is already inside (9) and ``residue`` is
(3) − (7) − (11); otherwise (3) − (7) − (11) − withdrawn. A residue other than 0 is shown, never
hidden.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

COLUMN_KEYS = (
    "received_online",
    "received_in_person",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress_within",
    "in_progress_overdue",
    "withdrawn",
)
# The columns of the official form each key fills (the extra "withdrawn" has none).
FORM_COLUMNS: Mapping[str, int] = MappingProxyType(
    {
        "received_online": 4,
        "received_in_person": 5,
        "carried_over": 6,
        "resolved_early": 8,
        "resolved_on_time": 9,
        "resolved_late": 10,
        "in_progress_within": 12,
        "in_progress_overdue": 13,
    }
)
# The totals: column number → the keys it adds up.
TOTAL_COLUMNS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        3: ("received_online", "received_in_person", "carried_over"),
        7: ("resolved_early", "resolved_on_time", "resolved_late"),
        11: ("in_progress_within", "in_progress_overdue"),
    }
)


@dataclass(frozen=True)
class ReportCounts:
    """One row of Biểu 06 (columns 4, 5, 6, 8, 9, 10, 12, 13) and the extra "withdrawn"."""

    received_online: int = 0
    received_in_person: int = 0  # in person or by post (column 5)
    carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress_within: int = 0
    in_progress_overdue: int = 0
    withdrawn: int = 0  # withdrawn by the applicant in the period (extra column)
    # True when the report's setting counts withdrawn dossiers inside (7) (as on time, col. 9,
    # per the variant's note "Bao gồm cả hồ sơ chờ Bổ sung và Trả lại/Xin rút").
    withdrawn_in_resolved: bool = False

    @property
    def received_total(self) -> int:  # column 3
        return self.received_online + self.received_in_person + self.carried_over

    @property
    def resolved_total(self) -> int:  # column 7
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_progress_total(self) -> int:  # column 11
        return self.in_progress_within + self.in_progress_overdue

    @property
    def residue(self) -> int:
        """(3) − (7) − (11) − withdrawn kept apart: 0 when the report adds up."""
        apart = 0 if self.withdrawn_in_resolved else self.withdrawn
        return self.received_total - self.resolved_total - self.in_progress_total - apart

    def column(self, number: int) -> int:
        """The value of the form's column ``number`` (3 to 13, not 1 and 2)."""
        if number in TOTAL_COLUMNS:
            return sum(getattr(self, key) for key in TOTAL_COLUMNS[number])
        for key, column in FORM_COLUMNS.items():
            if column == number:
                return int(getattr(self, key))
        raise ValueError(f"no column {number} holds a count")

    def __add__(self, other: ReportCounts) -> ReportCounts:
        if not isinstance(other, ReportCounts):
            return NotImplemented
        return ReportCounts(
            **{key: getattr(self, key) + getattr(other, key) for key in COLUMN_KEYS},
            withdrawn_in_resolved=self.withdrawn_in_resolved or other.withdrawn_in_resolved,
        )


def _empty_dossiers() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True)
class ReportRow:
    field: str  # lĩnh vực, from the catalogue data
    procedure_id: str
    procedure_name: str  # the catalogue's name (NFC, exact)
    counts: ReportCounts
    # column key → the codes of the dossiers behind the number (sorted); a key may be absent
    # when its count is 0
    dossiers: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=_empty_dossiers)


# Where a report's numbers were counted: this counter's store (its own dossiers and those it
# fetched), or the centre (every counter of the points the login may see).
ReportSource = Literal["counter", "centre"]


@dataclass(frozen=True)
class OfficialReport:
    first_day: dt.date
    last_day: dt.date
    # End of last_day, stored so the report can be reproduced: the first instant after it
    # (last_day + 1 at 00:00, excluded), a naive local time (Asia/Ho_Chi_Minh, UTC+7) as the
    # store keeps received_at and every other time.
    cut_off: dt.datetime
    unit: str  # the reporting unit (settings agency_name)
    points: tuple[str, ...]  # receiving points covered (the filter, or those with dossiers)
    rows: tuple[ReportRow, ...]  # grouped by field, catalogue order
    # The conventions the numbers were computed with (settings report_compare_by and
    # report_withdrawn), to show with the report.
    compare_by: str = "day"  # "day" or "timestamp"
    withdrawn_in_resolved: bool = False
    generated_at: dt.datetime | None = None  # when it was computed (local time), if given
    source: ReportSource = "counter"

    def by_field(self) -> list[tuple[str, list[ReportRow]]]:
        """The rows under their field, fields in the order they first appear."""
        groups: dict[str, list[ReportRow]] = {}
        for row in self.rows:
            groups.setdefault(row.field, []).append(row)
        return list(groups.items())

    def field_total(self, field_name: str) -> ReportCounts:
        return sum(
            (row.counts for row in self.rows if row.field == field_name),
            ReportCounts(withdrawn_in_resolved=self.withdrawn_in_resolved),
        )

    @property
    def total(self) -> ReportCounts:
        return sum(
            (row.counts for row in self.rows),
            ReportCounts(withdrawn_in_resolved=self.withdrawn_in_resolved),
        )

    def dossiers(self, key: str) -> tuple[str, ...]:
        """Every dossier code behind ``key`` over all rows (the total row's cell)."""
        return tuple(sorted(code for row in self.rows for code in row.dossiers.get(key, ())))


@dataclass(frozen=True)
class VerdictCounts:
    accepted: int = 0  # BM 01
    supplement: int = 0  # BM 02
    refused: int = 0  # BM 03

    @property
    def total(self) -> int:
        return self.accepted + self.supplement + self.refused

    def __add__(self, other: VerdictCounts) -> VerdictCounts:
        if not isinstance(other, VerdictCounts):
            return NotImplemented
        return VerdictCounts(
            self.accepted + other.accepted,
            self.supplement + other.supplement,
            self.refused + other.refused,
        )


@dataclass(frozen=True)
class PeopleLine:
    """One officer's or one counter's day: applicants (rounds) by verdict, results handed back."""

    who: str  # per officer: the name as on the papers; per counter: its number ("1", "2", …)
    counts: VerdictCounts
    handed_back: int = 0  # results returned by this officer / at this counter


@dataclass(frozen=True)
class DaySummary:
    """The day's counter summary for one point (or all points: ``point`` "")."""

    day: dt.date
    point: str
    per_officer: tuple[PeopleLine, ...]
    per_counter: tuple[PeopleLine, ...]
    by_procedure: tuple[tuple[str, str, VerdictCounts], ...]  # id, name, counts
    by_channel: tuple[tuple[str, VerdictCounts], ...]  # channel (direct, online, post), counts
    handed_back: int
    forwarded: int
    reprints: int
    reappointments: int
    # (hour, applicants): every hour 7..17, and any other hour that had an applicant
    applicants_per_hour: tuple[tuple[int, int], ...]
    withdrawn: int = 0
    # service times (seconds, from the procedure picked to the slip printed) when recorded
    median_seconds: float | None = None
    p90_seconds: float | None = None
    # the queue-speed goal in minutes per applicant (settings queue_goal_minutes), to show with
    # the service times; None when the summary was made without it
    goal_minutes: int | None = None

    @property
    def within_goal(self) -> bool | None:
        """Whether the median time per applicant is within the goal (None: no goal or no
        recorded time)."""
        if self.goal_minutes is None or self.median_seconds is None:
            return None
        return self.median_seconds <= self.goal_minutes * 60

    @property
    def total(self) -> VerdictCounts:
        return sum((line[2] for line in self.by_procedure), VerdictCounts())

    @property
    def applicants(self) -> int:
        return sum(count for _, count in self.applicants_per_hour)


# The numbers of the day summary a list of dossiers can be asked for: a verdict's rounds
# (accepted BM 01, supplement BM 02, refused BM 03) or every applicant's; a status change
# made that day (results handed back, forwarded, withdrawn); slips reprinted; re-appointments.
DAY_FIGURE_KINDS = (
    "accepted",
    "supplement",
    "refused",
    "applicants",
    "handed-back",
    "forwarded",
    "withdrawn",
    "reprints",
    "reappointments",
)


@dataclass(frozen=True)
class DayFigure:
    """One number of the day summary: its kind (``DAY_FIGURE_KINDS``) and the line it is on
    (None: any). A per-officer line names the officer, a per-counter line the counter's
    number, and so on; the totals and the day's lines name nothing."""

    kind: str
    officer: str | None = None
    counter_number: int | None = None
    procedure_id: str | None = None
    channel: str | None = None
    hour: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in DAY_FIGURE_KINDS:
            raise ValueError(f"no day figure {self.kind!r}")
