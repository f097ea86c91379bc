"""The processing unit's results, set at the centre: the SQL of ``motcua central set-status``.

A dossier's result becomes ready (or not granted: the result is a refusal letter) by a row
of ``motcua.dossier_status_change`` written at the centre (c0006): the centre's trigger
gives it the dossier's point, the fixed origin ``CENTRE_DEVICE`` and a sequence number of
its own, and logs it for every counter of that point, whose next pull inserts it into its
store (``db.sync.pull``; ``PullReport.became_ready`` names it). The time is the centre's,
in its time zone (``schema_info.time_zone``), as a counter's clock shows it.

Every code is checked first, in one transaction: an unknown code, a dossier not accepted,
voided, withdrawn or returned, or one already marked ready or not granted refuses them all
(``StatusesRefused`` lists each), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import psycopg

from db.central.admin import Target, connect_admin
from db.central.schema import SCHEMA, first_line
from db.ids import new_id

# The origin of every row the centre writes (c0006_dossier_status.CENTRE_DEVICE).
CENTRE_DEVICE = "00000000-0000-7000-8000-00000000c0de"
CENTRE_STATUSES = ("result-ready", "not-granted")
READY = frozenset(CENTRE_STATUSES)


class StatusError(Exception):
    """The database refused or failed: its first line."""


class Problem(StrEnum):
    """Why a code cannot take the status."""

    UNKNOWN = "unknown"  # no dossier has this code at the centre
    NOT_ACCEPTED = "not-accepted"
    VOIDED = "voided"
    WITHDRAWN = "withdrawn"
    RETURNED = "returned"
    ALREADY = "already"  # marked ready or not granted already


@dataclass(frozen=True)
class Refused:
    code: str
    problem: Problem
    status: str | None = None  # ALREADY: the status it has


class StatusesRefused(Exception):
    """Some codes cannot take the status; nothing was written."""

    def __init__(self, refused: Sequence[Refused]) -> None:
        super().__init__(", ".join(f"{r.code}: {r.problem}" for r in refused))
        self.refused = tuple(refused)


@dataclass(frozen=True)
class StatusSet:
    """A status the centre recorded."""

    code: str
    dossier_id: str
    change_id: str
    status: str
    changed_at: dt.datetime  # the centre's local time
    point_role: str


def set_status(
    target: Target, codes: Sequence[str], status: str, *, note: str = "", officer: str = ""
) -> list[StatusSet]:
    """Record ``status`` (result-ready or not-granted) for the dossiers of ``codes``, in one
    transaction; ``officer``: the name kept with it (default: the administrator's login).
    Raises ``StatusesRefused`` (nothing written) or ``StatusError``."""
    if status not in READY:
        raise ValueError(f"the centre sets {' or '.join(CENTRE_STATUSES)} only, not {status!r}")
    wanted = list(dict.fromkeys(code.strip() for code in codes))
    details = json.dumps({"note": note.strip()} if note.strip() else {}, ensure_ascii=False)
    try:
        with connect_admin(target) as connection, connection.transaction():
            found = _dossiers(connection, wanted)
            refused = [problem for code in wanted if (problem := _problem(code, found)) is not None]
            if refused:
                raise StatusesRefused(refused)
            made = []
            for code in wanted:
                dossier_id = found[code][0]
                row = connection.execute(
                    f"INSERT INTO {SCHEMA}.dossier_status_change "
                    "(id, dossier_id, status, changed_at, officer, actor, details_json) "
                    "SELECT %s, %s, %s, now() AT TIME ZONE s.time_zone, "
                    "coalesce(nullif(%s, ''), session_user), session_user, %s "
                    f"FROM {SCHEMA}.schema_info s "
                    "RETURNING id::text, changed_at, point_role",
                    [new_id(), dossier_id, status, officer.strip(), details],
                ).fetchone()
                assert row is not None
                made.append(StatusSet(code, dossier_id, row[0], status, row[1], row[2]))
            return made
    except psycopg.Error as error:
        raise StatusError(first_line(error)) from error


_Found = tuple[str, str, bool, list[str]]  # id, reception status, voided, statuses


def _dossiers(
    connection: psycopg.Connection[tuple[Any, ...]], codes: list[str]
) -> dict[str, _Found]:
    rows = connection.execute(
        f"SELECT d.code, d.id::text, d.status, "
        f"EXISTS (SELECT 1 FROM {SCHEMA}.dossier_void v WHERE v.dossier_id = d.id), "
        f"ARRAY(SELECT c.status FROM {SCHEMA}.dossier_status_change c "
        "WHERE c.dossier_id = d.id ORDER BY c.changed_at) "
        f"FROM {SCHEMA}.dossier d WHERE d.code = ANY(%s)",
        [codes],
    ).fetchall()
    return {row[0]: (row[1], row[2], row[3], list(row[4])) for row in rows}


def _problem(code: str, found: dict[str, _Found]) -> Refused | None:
    if code not in found:
        return Refused(code, Problem.UNKNOWN)
    _, reception, voided, statuses = found[code]
    if voided:
        return Refused(code, Problem.VOIDED)
    if reception != "accepted":
        return Refused(code, Problem.NOT_ACCEPTED)
    if "returned" in statuses:
        return Refused(code, Problem.RETURNED)
    if "withdrawn" in statuses:
        return Refused(code, Problem.WITHDRAWN)
    already = [status for status in statuses if status in READY]
    if already:
        return Refused(code, Problem.ALREADY, already[0])
    return None
