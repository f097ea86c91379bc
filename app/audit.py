"""The audit trail's use cases: naming the counter, recording, checking and listing.

The actions that write the store record themselves in their own transaction
(``db.audit.record_action`` inside ``db.dossiers``, ``db.corrections``,
``db.papers``). Here are the rest:

- ``identify_counter``: which counter the records of a store name (from the
  settings), once per opened store;
- ``record``: an action outside the store's transactions (a settings change, the
  sync configuration; later sign-in, lock, hand-over, card export, day close…),
  written in a transaction of its own right after the action;
- ``check_chain`` / ``verify_trail``: the chain checked here and at the centre,
  naming the first record that was edited, deleted, inserted or reordered;
- ``show_trail``: the records, filtered.

``actor`` is always the officer's login (the name the session was opened with
until officers sign in; then the officer's id), never an applicant's data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.failures import CentralFailure, PolicyRefusal
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.settings import Settings
from db.audit import (
    GENESIS,
    AuditAction,
    AuditEntry,
    AuditRow,
    Station,
    TrailFilter,
    chains,
    content_hash,
    device_of,
    identify_station,
    record_in_store,
    trail,
)
from db.store import Store
from db.sync.local import local_sync_state


def identify_counter(store: Store, settings: Settings) -> None:
    """The records written through ``store`` name this counter (agency, point, number)."""
    identify_station(
        store,
        Station(
            settings.agency_code or None, settings.receiving_point or None, settings.counter_number
        ),
    )


def record(
    store: Store,
    action: AuditAction,
    actor: str,
    subject: Mapping[str, str | int],
    at: dt.datetime | None = None,
) -> AuditRow:
    """Record an action that is not itself a write of the store, right after it: ``subject``
    holds ids and codes only (a setting's name, never its value if it could be a secret)."""
    return record_in_store(store, AuditEntry(action, actor, subject), at)


class BreakKind(StrEnum):
    EDITED = "edited"  # its content no longer matches its hash (or it was forged)
    DELETED = "deleted"  # missing: the next record links to a record that is not there
    INSERTED = "inserted"  # put between two records that still link to each other
    REORDERED = "reordered"  # its link points at a record further on


class Place(StrEnum):
    HERE = "here"  # this counter's store
    CENTRE = "centre"


@dataclass(frozen=True)
class ChainBreak:
    """The first record where a device's chain breaks."""

    kind: BreakKind
    device_id: str
    seq: int  # the record's place (a deleted record: the place it had)
    record_id: str | None  # None: deleted
    place: Place

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "device_id": self.device_id,
            "seq": self.seq,
            "record_id": self.record_id,
            "place": str(self.place),
        }


def check_chain(rows: Sequence[AuditRow], place: Place = Place.HERE) -> ChainBreak | None:
    """The first break of one device's chain (``rows`` in sequence order), or None.

    Each record must match its own hash, link to the record before it, and sit at the
    next place. A record whose link is wrong tells what happened around it: it links to
    the record two back (the one before it was inserted), to a record further on (it was
    moved), or to one that is not there (deleted).
    """
    stored_at = {row.hash: index for index, row in enumerate(rows)}
    expected_prev, expected_seq = GENESIS, 1
    for index, row in enumerate(rows):
        found = _break_at(rows, index, expected_prev, expected_seq, stored_at)
        if found is not None:
            kind, at = found
            seq, record_id = (expected_seq, None) if kind is BreakKind.DELETED else at
            return ChainBreak(kind, row.device_id, seq, record_id, place)
        expected_prev, expected_seq = row.hash, expected_seq + 1
    return None


def _break_at(
    rows: Sequence[AuditRow],
    index: int,
    expected_prev: str,
    expected_seq: int,
    stored_at: Mapping[str, int],
) -> tuple[BreakKind, tuple[int, str | None]] | None:
    row = rows[index]
    if content_hash(row) != row.hash:
        return BreakKind.EDITED, (row.seq, row.id)
    if row.prev_hash != expected_prev:
        before_previous = rows[index - 2].hash if index >= 2 else GENESIS
        if index >= 1 and row.prev_hash == before_previous:
            previous = rows[index - 1]
            return BreakKind.INSERTED, (previous.seq, previous.id)
        if stored_at.get(row.prev_hash, -1) > index:
            return BreakKind.REORDERED, (row.seq, row.id)
        return BreakKind.DELETED, (expected_seq, None)
    if row.seq != expected_seq:
        # Linked in its place, but its number was changed (or numbers removed).
        return BreakKind.EDITED, (row.seq, row.id)
    return None


def compare_with_centre(
    local: Sequence[AuditRow], central: Sequence[AuditRow]
) -> ChainBreak | None:
    """What the two verified chains of one device disagree on: a record the centre holds
    that this store lost (deleted here), or one the centre holds in another's place."""
    here = {row.seq: row for row in local}
    head = max(here, default=0)
    for row in central:
        mine = here.get(row.seq)
        if mine is None and row.seq > head:
            return ChainBreak(BreakKind.DELETED, row.device_id, row.seq, None, Place.HERE)
        if mine is not None and mine.hash != row.hash:
            return ChainBreak(BreakKind.INSERTED, row.device_id, row.seq, row.id, Place.CENTRE)
    return None


@dataclass(frozen=True)
class Verified:
    records: int  # checked here
    central_records: int | None  # checked at the centre; None: no central database


TRAIL_BROKEN = Message(
    "nhật ký thao tác bị sửa đổi: bản ghi số {seq} ({record}) của máy {device} {kind} ({place});"
    " hãy báo cán bộ IT, không sửa tiếp cơ sở dữ liệu",
    "the audit trail was tampered with: record {seq} ({record}) of device {device} was {kind}"
    " ({place}); tell IT staff and change nothing more in the database",
)
KIND_WORDS = {
    BreakKind.EDITED: Message("đã bị sửa", "edited"),
    BreakKind.DELETED: Message("đã bị xóa", "deleted"),
    BreakKind.INSERTED: Message("đã bị chèn thêm", "inserted"),
    BreakKind.REORDERED: Message("đã bị đổi thứ tự", "reordered"),
}
PLACE_WORDS = {
    Place.HERE: Message("tại quầy này", "at this counter"),
    Place.CENTRE: Message("tại cơ sở dữ liệu trung tâm", "at the central database"),
}
NO_RECORD_ID = Message("không còn", "gone")
CENTRE_UNREACHABLE = Message(
    "không kiểm tra được nhật ký tại cơ sở dữ liệu trung tâm: {reason}; nhật ký tại quầy"
    " vẫn toàn vẹn. Kiểm tra lại khi có kết nối, hoặc dùng --local-only",
    "the audit trail could not be checked at the central database: {reason}; the trail at"
    " this counter is intact. Check again once connected, or use --local-only",
)


class AuditTrailBroken(PolicyRefusal):
    """A record of the trail was edited, deleted, inserted or reordered (exit code 7)."""

    def __init__(self, found: ChainBreak) -> None:
        super().__init__(
            TRAIL_BROKEN,
            seq=found.seq,
            record=found.record_id or NO_RECORD_ID,
            device=found.device_id,
            kind=KIND_WORDS[found.kind],
            place=PLACE_WORDS[found.place],
        )
        self.found = found


def verify_trail(store: Store, central_url: str | None) -> Verified:
    """Check every chain of the store and, with a central database, this device's chain
    there and against this store's; ``AuditTrailBroken`` names the first break."""
    local = chains(store)
    for rows in local.values():
        found = check_chain(rows)
        if found is not None:
            raise AuditTrailBroken(found)
    checked = sum(len(rows) for rows in local.values())
    if not central_url:
        return Verified(checked, None)
    # Here, not at the top: psycopg and the central schema only for a check against the centre.
    from db.central.audit_trail import CentralTrailUnavailable, central_chain

    device = device_of(store)
    try:
        central = central_chain(central_url, device)
    except CentralTrailUnavailable as error:
        raise CentralFailure(CENTRE_UNREACHABLE, reason=error.reason) from error
    found = check_chain(central, Place.CENTRE) or compare_with_centre(
        local.get(device, []), central
    )
    if found is not None:
        raise AuditTrailBroken(found)
    return Verified(checked, len(central))


def show_trail(
    store: Store,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    actor: str | None = None,
    action: AuditAction | None = None,
) -> list[AuditRow]:
    """The records from ``start`` to ``end`` (days, both included), of one officer or kind."""
    return trail(
        store,
        TrailFilter(
            start=None if start is None else dt.datetime.combine(start, dt.time()),
            end=None if end is None else dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
            actor=actor,
            action=None if action is None else str(action),
        ),
    )


def trail_seen_by(
    who: Officer | Authority, store: Store, *, start: dt.date, end: dt.date
) -> list[AuditRow]:
    """The records from ``start`` to ``end`` once ``who`` may see the trail (``RoleRefused``
    otherwise): the window's day trail; ``motcua audit show`` asks the same table."""
    require(who, Permission.VIEW_TRAIL)
    return show_trail(store, start=start, end=end)


def row_dict(row: AuditRow) -> dict[str, Any]:
    """A record as JSON: its time to the second, its subject as the object it is."""
    return {
        "id": row.id,
        "device_id": row.device_id,
        "seq": row.seq,
        "recorded_at": row.recorded_at.isoformat(timespec="seconds"),
        "actor": row.actor,
        "action": row.action,
        "agency": row.agency,
        "point": row.point,
        "counter_number": row.counter_number,
        "subject": json.loads(row.subject_json),
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def record_settings_change(
    store: Store, actor: str, changed: Sequence[str], via: str | None = None
) -> AuditRow:
    """Settings were saved: the names of the options that changed, never their values
    (``via``: how, when not the usual way, e.g. ``set-up``)."""
    subject = {"options": ",".join(sorted(changed))}
    if via is not None:
        subject["via"] = via
    return record(store, AuditAction.SETTINGS_CHANGE, actor, subject)


def record_sync_configuration(store: Store, actor: str, changed: Sequence[str]) -> AuditRow:
    """The central connection was set (``url``) or its warning threshold: names only, the
    address never (it may carry a user name or password)."""
    return record(
        store, AuditAction.SYNC_CONFIGURATION, actor, {"changed": ",".join(sorted(changed))}
    )


def central_url_of(store: Store) -> str | None:
    """The central database this store syncs with, if any."""
    return local_sync_state(store).central_url
