"""Pull: the centre's change log into the counter, never skipping a change.

The log is read by the writing transaction's id (``xid``), only below the
reader's snapshot ``xmin`` — ``pg_snapshot_xmin(pg_current_snapshot())``.
Every transaction below xmin has ended, so no row can still appear there; a
transaction that started earlier but commits later has an xid at or above
xmin and is read by a later window. (A cursor on the log's serial id or on a
timestamp skips such a row: its id is lower than rows already read.)

An open transaction holding an xid keeps xmin back for every counter. A point's
session can set its own timeouts away, so each pull first calls
``motcua.end_stale_point_transactions()``: it ends any point's transaction older
than ``schema_info.point_transaction_limit``, and no point holds the watermark
back for longer than that.

Windows [low, high) are read in pages, each applied in one SQLite transaction
together with the new cursor, so a crash re-reads at most one page (and
applying a change twice is harmless: the higher version wins). A counter with
no cursor, or one older than the pruned log's horizon, re-bootstraps from the
current rows, read in the same snapshot as the xmin it restarts from.

Reference items of kind ``officer`` are the centre's officer accounts: they become the
counter's ``officer_account`` rows (``db.officers.apply_central_accounts``) in the
page's transaction, and are not kept as reference items (one place for an account).

Changes of kind ``status-change`` are rows of ``dossier_status_change`` (c0006), made by
any counter of this point or by the centre: each is inserted into the store as it is,
without an outbox operation (it is at the centre already), unless the store holds it (our
own row coming back) or does not hold its dossier. A row for a dossier and status the
store holds under another id is a clash (``db.sync.clashes``): recorded, never merged; the
store keeps its own. ``PullReport.became_ready`` names the dossiers whose result became
ready (or not granted) by the pull.

Changes of kind ``card-state-change`` are rows of ``card_state_change`` (c0008), with the
batch they name: for a dossier the store holds, the batch (if the store lacks it) and the
step are inserted as they are, without outbox operations; one the store holds is left as
it is (a dossier reaches each state once per batch).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from db.audit import UNKNOWN_STATION, Station, station_of
from db.central.schema import SCHEMA
from db.compiled import CompiledUpsert, stored_time, table_of
from db.models import CardBatch, CardStateChange, Dossier, DossierStatusChange
from db.officers import CENTRAL, AccountRow, apply_central_accounts
from db.store import Store, in_slices
from db.sync.clashes import PULL, ChangeSide, record_clash
from db.sync.connection import Connection
from db.sync.local_models import CentralStatus, ReferenceItem
from db.sync.server_time import naive_utc
from db.sync.state import Cursor, cursor, save_cursor

log = logging.getLogger(__name__)
# Changes per page, each page one SQLite transaction (one fsync). A page holds its items'
# payloads as text, not decoded (_page): 5,000 take less memory than 2,000 decoded did.
PAGE_SIZE = 5000
REFERENCE, STATUS = "reference", "dossier-status"
STATUS_CHANGE = "status-change"  # a row of dossier_status_change (c0006)
# Its columns, as the change log carries them (c0006's ROW_COLUMNS).
STATUS_CHANGE_COLUMNS = (
    "id",
    "dossier_id",
    "status",
    "changed_at",
    "officer",
    "actor",
    "agency",
    "point",
    "counter_number",
    "device_id",
    "details_json",
)
READY_STATUSES = frozenset({"result-ready", "not-granted"})
CARD_STATE_CHANGE = "card-state-change"  # a row of card_state_change and its batch (c0008)
OFFICER = "officer"  # the kind of reference item that is an officer's account
ROLES = ("officer", "supervisor", "it")

_REFERENCES, _STATUSES = table_of(ReferenceItem), table_of(CentralStatus)
_REFERENCE_UPSERT = CompiledUpsert(_REFERENCES, ["kind", "key"])
_STATUS_UPSERT = CompiledUpsert(_STATUSES, ["dossier_id"])
# Where a row of each (a tuple in the table's column order) holds its version.
_REFERENCE_VERSION = _REFERENCE_UPSERT.columns.index("version")
_STATUS_VERSION = _STATUS_UPSERT.columns.index("version")
_reference_time = stored_time(_REFERENCES.c.changed_at)
_status_time = stored_time(_STATUSES.c.changed_at)
# What an item's payload is stored as: json.dumps(payload, ensure_ascii=False), the encoder
# made once (dumps makes one per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class Change:
    id: int
    entity: str
    entity_key: str
    version: int
    payload: dict[str, Any]


@dataclass
class PullReport:
    applied: int = 0
    bootstrapped: bool = False
    # Codes of the store's dossiers whose result became ready or not granted by this pull.
    became_ready: list[str] = field(default_factory=list)


def pull(connection: Connection, store: Store, page_size: int = PAGE_SIZE) -> PullReport:
    """Read one window of the log (every page of it) into the store."""
    report = PullReport()
    # A point's transaction open too long would hold the watermark back: the centre ends it.
    connection.execute(f"SELECT {SCHEMA}.end_stale_point_transactions()")
    with store.reading() as session:
        position = cursor(session)
    if position.low is None:
        report.applied += bootstrap(connection, store, report)
        report.bootstrapped = True
        return report
    while True:
        with connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            if _horizon(connection) > position.low:
                log.info("the change log was pruned past this counter's cursor; re-bootstrapping")
                page = None
            else:
                high = position.high if position.high is not None else _xmin(connection)
                page = _page(connection, position.low, high, position.after, page_size)
        if page is None:
            report.applied += bootstrap(connection, store, report)
            report.bootstrapped = True
            return report
        position = Cursor(position.low, high, page.last_id) if page.more else Cursor(high, None, 0)
        with store.transaction() as session:
            report.became_ready += _apply(session, page.rows, station_of(store))
            save_cursor(session, position)
        report.applied += page.count
        if not page.more:
            return report


def bootstrap(connection: Connection, store: Store, report: PullReport | None = None) -> int:
    """Every current row, and the xmin of the snapshot they were read in as the new cursor;
    the dossiers that became ready go into ``report``."""
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        xmin = _xmin(connection)
        references = connection.execute(
            "SELECT kind || '/' || key, version, jsonb_build_object('kind', kind, 'key', key, "
            "'payload', payload, 'withdrawn', withdrawn, 'changed_at', updated_at) "
            f"FROM {SCHEMA}.reference_item"
        ).fetchall()
        statuses = connection.execute(
            "SELECT id::text, version, jsonb_build_object('status', central_status, "
            "'note', central_note, 'changed_at', central_changed_at) "
            f"FROM {SCHEMA}.dossier WHERE central_status IS NOT NULL OR central_note IS NOT NULL"
        ).fetchall()
        # Row-level security: the changes of this point's dossiers only.
        row = ", ".join(f"'{name}', {name}" for name in STATUS_CHANGE_COLUMNS)
        status_changes = connection.execute(
            f"SELECT id::text, version, jsonb_build_object({row}) "
            f"FROM {SCHEMA}.dossier_status_change ORDER BY changed_at, id"
        ).fetchall()
        card_states = _card_states(connection)
    changes = [Change(0, REFERENCE, key, version, data) for key, version, data in references]
    changes += [Change(0, STATUS, key, version, data) for key, version, data in statuses]
    changes += [Change(0, STATUS_CHANGE, key, number, data) for key, number, data in status_changes]
    changes += [
        Change(0, CARD_STATE_CHANGE, key, number, data) for key, number, data in card_states
    ]
    with store.transaction() as session:
        ready = apply_changes(session, changes, station_of(store))
        save_cursor(session, Cursor(xmin, None, 0))
    if report is not None:
        report.became_ready += ready
    return len(changes)


def _card_states(connection: Connection) -> list[tuple[str, int, dict[str, Any]]]:
    """The point's card steps with their batches, as the change log carries them (none from
    a centre before schema 8)."""
    found = connection.execute(f"SELECT to_regclass('{SCHEMA}.card_state_change')").fetchone()
    if found is None or found[0] is None:
        return []
    step = ", ".join(f"'{name}', s.{name}" for name in _columns(CardStateChange))
    batch = ", ".join(f"'{name}', b.{name}" for name in _columns(CardBatch))
    rows = connection.execute(
        f"SELECT s.id::text, s.version, jsonb_build_object({step}) || jsonb_build_object("
        f"'batch', CASE WHEN b.id IS NULL THEN NULL ELSE jsonb_build_object({batch}) END) "
        f"FROM {SCHEMA}.card_state_change s LEFT JOIN {SCHEMA}.card_batch b ON b.id = s.batch_id "
        "ORDER BY s.changed_at, s.id"
    ).fetchall()
    return [(str(key), int(version), data) for key, version, data in rows]


def _columns(model: type[CardBatch] | type[CardStateChange]) -> list[str]:
    table = model.__table__
    assert isinstance(table, Table)
    return [column.name for column in table.columns]


def _xmin(connection: Connection) -> int:
    row = connection.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").fetchone()
    assert row is not None
    return int(row[0])


def _horizon(connection: Connection) -> int:
    row = connection.execute(f"SELECT below::text FROM {SCHEMA}.change_log_horizon").fetchone()
    return int(row[0]) if row else 0


@dataclass
class _Rows:
    """Changes as the store's rows: each reference item and dossier status at the newest
    version read (tuples in their table's column order, values as stored), the status
    changes and card steps by id."""

    references: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    statuses: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    status_changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    card_states: dict[str, dict[str, Any]] = field(default_factory=dict)

    def reference(self, row: tuple[Any, ...]) -> None:
        _keep_newest(self.references, (row[0], row[1]), row, _REFERENCE_VERSION)

    def status(self, row: tuple[Any, ...]) -> None:
        _keep_newest(self.statuses, row[0], row, _STATUS_VERSION)

    def add(self, change: Change) -> None:
        data = change.payload
        if change.entity == REFERENCE:
            payload = _ENCODE(data["payload"])
            changed_at = _reference_time(_server_time(data["changed_at"]))
            # The columns of ReferenceItem: kind, key, payload, withdrawn, version, changed_at.
            row = (data["kind"], data["key"], payload, bool(data["withdrawn"]), change.version)
            self.reference((*row, changed_at))
        elif change.entity == STATUS:
            changed_at = _status_time(_server_time(data["changed_at"]))
            # The columns of CentralStatus: dossier_id, status, note, version, changed_at.
            key = change.entity_key
            self.status((key, data["status"], data["note"], change.version, changed_at))
        elif change.entity == STATUS_CHANGE:
            self.status_changes[change.entity_key] = data
        elif change.entity == CARD_STATE_CHANGE:
            self.card_states[change.entity_key] = data
        else:
            log.debug("ignoring a change of unknown kind %s", change.entity)


@dataclass(frozen=True)
class _Page:
    rows: _Rows
    count: int  # changes read
    last_id: int  # the last one's id in the log
    more: bool  # the window holds more changes after it


# A page's changes. Reference items and dossiers' statuses, nearly all of the log, come as
# the columns of the store's rows, so that no payload is decoded only to be encoded again:
# the item's payload as jsonb's text (see _as_dumped) and the time as the store keeps it
# (SQLAlchemy's format for SQLite's DATETIME, in UTC: what _server_time and the column's
# type make of the payload's text, which tests/db/sync checks). The centre's triggers
# write each of their fields (log_reference_change, log_status_change). Any other kind
# comes as its payload, decoded by psycopg.
_FAST = f"entity IN ('{REFERENCE}', '{STATUS}')"
_PAGE = (
    f"SELECT id, entity, entity_key, version, CASE WHEN NOT {_FAST} THEN payload END, "
    f"CASE WHEN {_FAST} THEN to_char((payload->>'changed_at')::timestamptz "
    "AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') END, "
    f"CASE entity WHEN '{REFERENCE}' THEN payload->>'kind' "
    f"WHEN '{STATUS}' THEN payload->>'status' END, "
    f"CASE entity WHEN '{REFERENCE}' THEN payload->>'key' "
    f"WHEN '{STATUS}' THEN payload->>'note' END, "
    f"CASE WHEN entity = '{REFERENCE}' THEN (payload->'payload')::text END, "
    f"CASE WHEN entity = '{REFERENCE}' THEN (payload->'withdrawn')::boolean END "
    # The page chosen first: the columns above are made for its rows only, not for every
    # row of the window that the sort by id reads.
    f"FROM (SELECT id, entity, entity_key, version, payload FROM {SCHEMA}.change_log "
    "WHERE xid >= %s::text::xid8 AND xid < %s::text::xid8 AND id > %s "
    "ORDER BY id LIMIT %s) AS page ORDER BY id"
)


def _page(connection: Connection, low: int, high: int, after: int, size: int) -> _Page:
    """Up to ``size`` changes of window [low, high) after change ``after``. One more is
    read to know whether the window goes on, so a window that ends on a page's last
    change takes no further page."""
    found = connection.execute(_PAGE, [str(low), str(high), after, size + 1]).fetchall()
    more = len(found) > size
    del found[size:]
    rows = _Rows()
    for change_id, entity, key, version, payload, changed_at, first, second, item, gone in found:
        if entity == REFERENCE:  # first, second: the item's kind and key
            rows.reference((first, second, _as_dumped(item), gone, version, changed_at))
        elif entity == STATUS:  # first, second: the status and the note
            rows.status((key, first, second, version, changed_at))
        else:
            rows.add(Change(change_id, entity, key, version, payload))
    return _Page(rows, len(found), found[-1][0] if found else after, more)


def _as_dumped(text: str) -> str:
    """The stored form of an item's payload, ``json.dumps(…, ensure_ascii=False)`` of it.
    jsonb's text is that very text (the same separators, key order and escapes), but for a
    number with a fraction: jsonb keeps its digits ("1.50"), Python writes the float
    ("1.5"). Only a text with a "." can hold one: it alone is decoded and written again."""
    return text if "." not in text else _ENCODE(json.loads(text))


def apply_changes(
    session: Session, changes: Iterable[Change], station: Station = UNKNOWN_STATION
) -> list[str]:
    """Upsert each change where its version is newer than the one held ("who won": the
    centre); insert the status changes the store lacks. Returns the codes of the dossiers
    whose result became ready or not granted; a clash's record names ``station``."""
    rows = _Rows()
    for change in changes:
        rows.add(change)
    return _apply(session, rows, station)


def _apply(session: Session, rows: _Rows, station: Station) -> list[str]:
    references = rows.references
    officers = [references.pop(key) for key in list(references) if key[0] == OFFICER]
    _REFERENCE_UPSERT.run(session, list(references.values()))
    _STATUS_UPSERT.run(session, list(rows.statuses.values()))
    apply_central_accounts(session, [a for a in map(_account, officers) if a is not None])
    _insert_card_states(session, list(rows.card_states.values()))
    return _insert_status_changes(session, list(rows.status_changes.values()), station)


def _insert_card_states(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert the card steps of the store's dossiers it lacks, each after its batch (Core
    statements: no outbox operation); a step or batch the store holds stays as it is."""
    if not rows:
        return
    held: set[str] = set()
    dossier_ids = sorted({str(row["dossier_id"]) for row in rows})
    for part in in_slices(dossier_ids):
        held.update(session.scalars(select(Dossier.id).where(Dossier.id.in_(part))))
    batches, steps = CardBatch.__table__, CardStateChange.__table__
    assert isinstance(batches, Table) and isinstance(steps, Table)
    for row in sorted(rows, key=lambda r: (str(r["changed_at"]), str(r["id"]))):
        if str(row["dossier_id"]) not in held:
            continue  # a dossier this store does not hold
        batch = row.get("batch")
        if batch:
            values = {column.name: batch.get(column.name) for column in batches.columns}
            values.update(
                day=dt.date.fromisoformat(str(batch["day"])),
                made_at=dt.datetime.fromisoformat(str(batch["made_at"])),
            )
            session.execute(insert(batches).on_conflict_do_nothing(), values)
        values = {column.name: row.get(column.name) for column in steps.columns}
        values.update(changed_at=dt.datetime.fromisoformat(str(row["changed_at"])))
        session.execute(insert(steps).on_conflict_do_nothing(), values)


def _insert_status_changes(
    session: Session, rows: list[dict[str, Any]], station: Station
) -> list[str]:
    """Insert the changes the store lacks (Core statements, which the outbox's mapper
    events never see); a change whose dossier and status the store holds under another id
    is a clash, recorded. Returns the codes that became ready."""
    if not rows:
        return []
    table = DossierStatusChange.__table__
    assert isinstance(table, Table)
    ids = [str(row["id"]) for row in rows]
    dossier_ids = sorted({str(row["dossier_id"]) for row in rows})
    held: set[str] = set()
    codes: dict[str, str | None] = {}
    holding: dict[tuple[str, str], ChangeSide] = {}
    for part in in_slices(ids):
        held.update(session.scalars(select(table.c.id).where(table.c.id.in_(part))))
    for part in in_slices(dossier_ids):
        found = session.execute(select(Dossier.id, Dossier.code).where(Dossier.id.in_(part)))
        codes.update((dossier_id, code) for dossier_id, code in found)
        for change_id, dossier_id, status, counter in session.execute(
            select(table.c.id, table.c.dossier_id, table.c.status, table.c.counter_number).where(
                table.c.dossier_id.in_(part)
            )
        ):
            holding[(dossier_id, status)] = ChangeSide(change_id, counter)
    became_ready: list[str] = []
    for row in sorted(rows, key=lambda r: (str(r["changed_at"]), str(r["id"]))):
        change_id, dossier_id, status = str(row["id"]), str(row["dossier_id"]), row["status"]
        if change_id in held or dossier_id not in codes:
            continue  # our own row back, or a dossier this store does not hold
        arrived = ChangeSide(change_id, row.get("counter_number"))
        kept = holding.get((dossier_id, status))
        if kept is not None:
            record_clash(
                session,
                station,
                dossier_id=dossier_id,
                status=status,
                kept=kept,
                other=arrived,
                found_by=PULL,
            )
            continue
        values = {name: row.get(name) for name in STATUS_CHANGE_COLUMNS}
        values.update(
            id=change_id,
            dossier_id=dossier_id,
            device_id=str(row["device_id"]),
            changed_at=dt.datetime.fromisoformat(str(row["changed_at"])),
            details_json=row.get("details_json") or "{}",
        )
        session.execute(table.insert(), values)
        holding[(dossier_id, status)] = arrived
        code = codes[dossier_id]
        if status in READY_STATUSES and code is not None:
            became_ready.append(code)
    return became_ready


def _account(item: tuple[Any, ...]) -> AccountRow | None:
    """The officer account a reference item publishes (a row of ReferenceItem, as
    ``_Rows`` holds it); None (and a warning naming the login only) when the centre's
    payload is not one: it must not stop the pull."""
    _kind, login, text, withdrawn, version, changed_at = item
    found = json.loads(text)
    payload: dict[str, Any] = found if isinstance(found, dict) else {}
    role = payload.get("role")
    password_hash, full_name = payload.get("password_hash"), payload.get("full_name")
    if not (
        isinstance(login, str)
        and 0 < len(login) <= 40
        and role in ROLES
        and isinstance(password_hash, str)
        and isinstance(full_name, str)
    ):
        log.warning("the centre's officer %r is not a valid account; left out", login[:40])
        return None
    return AccountRow(
        login=login,
        full_name=full_name[:100],
        role=role,
        password_hash=password_hash,
        must_change=bool(payload.get("must_change")),
        # Withdrawn by the centre: it can no longer sign in, like a disabled account.
        disabled=bool(payload.get("disabled")) or withdrawn,
        origin=CENTRAL,
        central_version=version,
        changed_at=(
            dt.datetime.now(dt.UTC).replace(tzinfo=None)
            if changed_at is None
            else dt.datetime.fromisoformat(changed_at)  # the stored form, read back
        ),
    )


def _keep_newest(
    rows: dict[Any, tuple[Any, ...]], key: Any, row: tuple[Any, ...], version: int
) -> None:
    """Keep ``row`` unless ``rows`` holds a row of ``key`` at its ``version`` column that is
    as new (a page can hold several versions of one item)."""
    if key not in rows or rows[key][version] < row[version]:
        rows[key] = row


def _server_time(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    return naive_utc(dt.datetime.fromisoformat(text))
