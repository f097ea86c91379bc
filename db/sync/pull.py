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
from db.models import CardBatch, CardStateChange, Dossier, DossierStatusChange
from db.officers import CENTRAL, AccountRow, apply_central_accounts
from db.store import Store, in_slices
from db.sync.clashes import PULL, ChangeSide, record_clash
from db.sync.connection import Connection
from db.sync.local_models import CentralStatus, ReferenceItem
from db.sync.server_time import naive_utc
from db.sync.state import Cursor, cursor, save_cursor

log = logging.getLogger(__name__)
PAGE_SIZE = 2000
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
        done = len(page) < page_size
        position = Cursor(high, None, 0) if done else Cursor(position.low, high, page[-1].id)
        with store.transaction() as session:
            report.became_ready += apply_changes(session, page, station_of(store))
            save_cursor(session, position)
        report.applied += len(page)
        if done:
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


def _page(connection: Connection, low: int, high: int, after: int, size: int) -> list[Change]:
    rows = connection.execute(
        "SELECT id, entity, entity_key, version, payload "
        f"FROM {SCHEMA}.change_log WHERE xid >= %s::text::xid8 AND xid < %s::text::xid8 "
        "AND id > %s ORDER BY id LIMIT %s",
        [str(low), str(high), after, size],
    ).fetchall()
    return [Change(*row) for row in rows]


def apply_changes(
    session: Session, changes: Iterable[Change], station: Station = UNKNOWN_STATION
) -> list[str]:
    """Upsert each change where its version is newer than the one held ("who won": the
    centre); insert the status changes the store lacks. Returns the codes of the dossiers
    whose result became ready or not granted; a clash's record names ``station``."""
    references: dict[tuple[str, str], dict[str, Any]] = {}
    statuses: dict[str, dict[str, Any]] = {}
    status_changes: dict[str, dict[str, Any]] = {}
    card_states: dict[str, dict[str, Any]] = {}
    for change in changes:
        data = change.payload
        if change.entity == REFERENCE:
            row = {
                "kind": data["kind"],
                "key": data["key"],
                "payload": json.dumps(data["payload"], ensure_ascii=False),
                "withdrawn": bool(data["withdrawn"]),
                "version": change.version,
                "changed_at": _server_time(data["changed_at"]),
            }
            _keep_newest(references, (row["kind"], row["key"]), row)
        elif change.entity == STATUS:
            row = {
                "dossier_id": change.entity_key,
                "status": data["status"],
                "note": data["note"],
                "version": change.version,
                "changed_at": _server_time(data["changed_at"]),
            }
            _keep_newest(statuses, change.entity_key, row)
        elif change.entity == STATUS_CHANGE:
            status_changes[change.entity_key] = data
        elif change.entity == CARD_STATE_CHANGE:
            card_states[change.entity_key] = data
        else:
            log.debug("ignoring a change of unknown kind %s", change.entity)
    officers = [references.pop(key) for key in list(references) if key[0] == OFFICER]
    _upsert(session, ReferenceItem, ["kind", "key"], list(references.values()))
    _upsert(session, CentralStatus, ["dossier_id"], list(statuses.values()))
    apply_central_accounts(session, [a for a in map(_account, officers) if a is not None])
    _insert_card_states(session, list(card_states.values()))
    return _insert_status_changes(session, list(status_changes.values()), station)


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


def _account(item: dict[str, Any]) -> AccountRow | None:
    """The officer account a reference item publishes; None (and a warning naming the
    login only) when the centre's payload is not one: it must not stop the pull."""
    found = json.loads(item["payload"])
    payload: dict[str, Any] = found if isinstance(found, dict) else {}
    login, role = item["key"], payload.get("role")
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
        disabled=bool(payload.get("disabled")) or item["withdrawn"],
        origin=CENTRAL,
        central_version=item["version"],
        changed_at=item["changed_at"] or dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )


def _keep_newest(rows: dict[Any, dict[str, Any]], key: Any, row: dict[str, Any]) -> None:
    if key not in rows or rows[key]["version"] < row["version"]:
        rows[key] = row


def _upsert(
    session: Session,
    model: type[ReferenceItem] | type[CentralStatus],
    keys: list[str],
    rows: list[dict[str, Any]],
) -> None:
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: statement.excluded[name] for name in rows[0] if name not in keys},
        where=table.c.version < statement.excluded.version,
    )
    session.execute(statement, rows)


def _server_time(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    return naive_utc(dt.datetime.fromisoformat(text))
