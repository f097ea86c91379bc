"""Two changes of the same status of one dossier: a clash, flagged, never merged.

A dossier reaches each status once (``dossier_status_change``'s unique key, here and at
the centre). When two counters of a point hand the same dossier back while offline, the
second to sync meets the first's row: at its push (the centre's key refuses its row) or at
its pull (the first's row arrives for a key its store already holds). Neither row is
changed: the counter keeps its own, and writes one ``hand-over-clash`` audit record naming
both changes (ids, counters, the dossier's id and code, never personal data), so the
supervisor's trail shows it, here and at the centre, and ``motcua sync --status`` lists it.
One record per pair of changes, however often the pair is met again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import AuditAction, AuditEntry, Station, record_action
from db.models import AuditRecord, Dossier

ACTOR = "sync"  # the record's actor: no officer acts, the sync found it
PUSH, PULL = "push", "pull"  # where the clash was met


@dataclass(frozen=True)
class ChangeSide:
    """One of the two changes: its id and the counter (None: the centre) that made it."""

    change_id: str
    counter_number: int | None


@dataclass(frozen=True)
class Clash:
    """A clash as ``motcua sync --status`` lists it."""

    dossier_id: str
    code: str | None
    status: str
    kept_change: str  # this counter's change, kept in its store
    kept_counter: int | None
    other_change: str  # the change the centre holds
    other_counter: int | None
    found_by: str  # push or pull
    recorded_at: dt.datetime  # the counter's clock


def record_clash(
    session: Session,
    station: Station,
    *,
    dossier_id: str,
    status: str,
    kept: ChangeSide,
    other: ChangeSide,
    found_by: str,
) -> bool:
    """The clash's audit record, in ``session``'s transaction, unless this pair of changes
    is recorded already; whether it was written."""
    if _recorded(session, kept.change_id, other.change_id):
        return False
    subject: dict[str, str | int] = {
        "dossier_id": dossier_id,
        "status": status,
        "status_change_id": kept.change_id,
        "other_status_change_id": other.change_id,
        "found_by": found_by,
    }
    code = session.scalar(select(Dossier.code).where(Dossier.id == dossier_id))
    if code is not None:
        subject["code"] = code
    if kept.counter_number is not None:
        subject["counter_number"] = kept.counter_number
    if other.counter_number is not None:
        subject["other_counter_number"] = other.counter_number
    record_action(session, AuditEntry(AuditAction.HAND_OVER_CLASH, ACTOR, subject), station)
    return True


def clashes(session: Session) -> list[Clash]:
    """Every clash this store recorded, oldest first."""
    rows = session.scalars(
        select(AuditRecord)
        .where(AuditRecord.action == str(AuditAction.HAND_OVER_CLASH))
        .order_by(AuditRecord.recorded_at, AuditRecord.seq)
    )
    found = []
    for row in rows:
        subject = json.loads(row.subject_json)
        found.append(
            Clash(
                dossier_id=str(subject.get("dossier_id", "")),
                code=subject.get("code"),
                status=str(subject.get("status", "")),
                kept_change=str(subject.get("status_change_id", "")),
                kept_counter=subject.get("counter_number"),
                other_change=str(subject.get("other_status_change_id", "")),
                other_counter=subject.get("other_counter_number"),
                found_by=str(subject.get("found_by", "")),
                recorded_at=row.recorded_at,
            )
        )
    return found


def _recorded(session: Session, kept: str, other: str) -> bool:
    # The ids are UUIDs: a substring of the canonical JSON finds exactly them.
    found = session.scalar(
        select(AuditRecord.id)
        .where(
            AuditRecord.action == str(AuditAction.HAND_OVER_CLASH),
            AuditRecord.subject_json.contains(f'"{kept}"'),
            AuditRecord.subject_json.contains(f'"{other}"'),
        )
        .limit(1)
    )
    return found is not None
