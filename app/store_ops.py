"""The counter's store, opened safely, and what IT staff do with it: check, back up, restore,
start anew (docs/store.md).

``open_store`` is the one way to open the store, for the window
(``CounterSession.open``) and every command. Before anything is numbered it
checks that the file is the counter's own store, whole and up to date:

- a first start (no record, no store) creates the store and records it;
- with the counter's record (``app.store_record``), a store missing, empty,
  damaged (``PRAGMA quick_check``), of another identity, or older than the last
  serials recorded is refused with ``StoreUnusable`` (exit code 6) naming the
  file and what to do: restore the newest verified backup, or start a new store
  explicitly. It is never recreated silently;
- a store restored or started anew catches up with the centre when one is
  configured (``db.sync.recover``);
- the first opening of a day takes the daily backup (``db.backup``).

Every fault of the store's file (damaged, full, failing disk, read-only folder)
becomes ``StoreUnusable`` here, in ``store_unusable``: the store raises it from
any transaction, so nothing above the store sees SQLite's errors.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from app.audit import identify_counter
from app.central_secret import use_for_connections
from app.dossier_code import format_code
from app.failures import NotFound, PolicyRefusal, StoreUnusable
from app.i18n import Message
from app.settings import Settings
from app.store_messages import (
    BACKUP_NEWER,
    BACKUP_OTHER_COUNTER,
    BACKUP_UNUSABLE,
    BACKUP_UNVERIFIED,
    NO_IDENTITY,
    NO_SUCH_BACKUP,
    RESERVE_HELD,
    RESTORE_ANY,
    RESTORE_NEWEST,
    STORE_BEHIND,
    STORE_BUSY,
    STORE_DAMAGED,
    STORE_DISK,
    STORE_EMPTY,
    STORE_FULL,
    STORE_MISSING,
    STORE_NEWER,
    STORE_REPLACED,
    STORE_UNWRITABLE,
)
from app.store_record import (
    LastSerials,
    StoreRecord,
    read_record,
    record_numbered,
    write_record,
)
from db.backup import DAILY, MANUAL, backups_in, copy_store, prune, set_aside, take_backup
from db.store import BACKUPS_FOLDER, STORE_FILE, Store
from db.store_failure import Fault, StoreFailure
from db.store_file import StoreFile, examine, identity_in
from db.store_safety import (
    IssuedSerial,
    Safety,
    from_a_newer_program,
    identity_of,
    latest_issued,
    mark_new,
    mark_restored,
    missing_issued,
    safety_of,
)
from db.sync.local import configure_central, local_sync_state

log = logging.getLogger(__name__)
T = TypeVar("T")

_FAULTS = {
    Fault.DAMAGED: STORE_DAMAGED,
    Fault.FULL: STORE_FULL,
    Fault.DISK: STORE_DISK,
    Fault.UNWRITABLE: STORE_UNWRITABLE,
    Fault.BUSY: STORE_BUSY,
    Fault.NEWER: STORE_NEWER,
    Fault.UNVERIFIED: BACKUP_UNVERIFIED,
    Fault.HELD: RESERVE_HELD,
}


# --------------------------------------------------------------------- results


@dataclass(frozen=True)
class CatchUp:
    """A catch-up with the centre: done, or why not (it is tried again at the next opening)."""

    done: bool
    problem: str | None = None  # one line, no personal data (db.sync.errors.describe)
    known_serials: int = 0
    rows: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Replaced:
    """A store put in place by ``restore_store`` or ``new_store``."""

    store: Path
    identity: str
    set_aside: Path | None  # the store that was there, kept under this name
    restored_from: Path | None
    catch_up: CatchUp | None  # None: no central database configured


@dataclass(frozen=True)
class StoreReport:
    """What ``motcua store check`` prints."""

    store: Path
    exists: bool
    size: int
    identity: str | None
    recorded_identity: str | None
    last_serials: list[str]  # the codes recorded as the last issued
    safety: Safety | None
    catch_up: CatchUp | None
    backups_folder: Path
    backups: int
    newest_backup: Path | None


# --------------------------------------------------------------- opening


def backups_folder(settings: Settings, data_dir: Path) -> Path:
    return Path(settings.backup_folder) if settings.backup_folder else data_dir / BACKUPS_FOLDER


def open_store(
    data_dir: Path,
    settings: Settings,
    *,
    daily_backup: bool = True,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
) -> Store:
    """The counter's store, checked (StoreUnusable when it must not be used), caught up
    with the centre when that is due, and backed up once a day (``daily_backup``: the
    window and the commands that write; a command that only reads may skip it)."""
    return _open(data_dir, settings, daily_backup, clock)[0]


def _open(
    data_dir: Path, settings: Settings, daily_backup: bool, clock: Callable[[], dt.datetime]
) -> tuple[Store, CatchUp | None]:
    path = data_dir / STORE_FILE
    folder = backups_folder(settings, data_dir)
    record = read_record(data_dir, path)
    found = _examined(path, folder, record)
    if record is None:
        # A first start, or a store from before the record was kept: it becomes the one.
        store = _opened(data_dir, folder, record)
        _closing_on_failure(store, lambda: _adopt(data_dir, store))
    else:
        _refuse_unless_recorded(found, record, folder)
        store = _opened(data_dir, folder, record)
        _closing_on_failure(store, lambda: _refuse_if_behind(store, record, folder))
    # Every audit record written through this store names this counter.
    identify_counter(store, settings)
    now = clock()
    caught = _closing_on_failure(store, lambda: catch_up_if_due(store, now))
    if daily_backup:
        _daily_backup(store, settings, now)
    return store, caught


def store_unusable(
    failure: StoreFailure, backups: Path | None = None, identity: str | None = None
) -> StoreUnusable:
    """The one sentence for a fault of the store's file: which file, what to do."""
    path = failure.path or Path(STORE_FILE)
    folder = backups if backups is not None else path.parent / BACKUPS_FOLDER
    message = _FAULTS[failure.fault]
    # Only a damaged store needs a backup named: finding it reads the backups folder.
    what = _what_to_do(folder, identity) if failure.fault is Fault.DAMAGED else ""
    return StoreUnusable(message, file=path, folder=path.parent, what=what)


def catch_up_if_due(store: Store, now: dt.datetime) -> CatchUp | None:
    """Catch up with the centre when the store was restored or started anew and a central
    database is configured; a failure (the centre out of reach) is told, not raised."""
    if not safety_of(store).catch_up_due or not local_sync_state(store).central_url:
        return None
    # Imported here: the network library is for this only.
    from db.sync.errors import describe
    from db.sync.recover import catch_up

    try:
        use_for_connections(store)  # the centre's password and TLS allowance of this store
        caught = catch_up(store, now.date(), now)
    except StoreUnusable:
        raise
    except Exception as error:  # the centre, the network: tried again at the next opening
        problem = describe(error)
        log.warning("catch-up with the centre failed: %s", problem)
        return CatchUp(done=False, problem=problem)
    log.info("caught up with the centre: %d codes known", caught.known_serials)
    return CatchUp(done=True, known_serials=caught.known_serials, rows=caught.rows)


# ------------------------------------------------------------- IT staff


def back_up(
    data_dir: Path, settings: Settings, clock: Callable[[], dt.datetime] = dt.datetime.now
) -> Path:
    """A verified backup now (``motcua backup``); the old ones past the days to keep go."""
    store = open_store(data_dir, settings, daily_backup=False, clock=clock)
    try:
        now = clock()
        backup = _reported(store, lambda: take_backup(store.path, store.backups, MANUAL, now))
        _reported(store, lambda: prune(store.backups, settings.backup_keep_days, now))
        return backup
    finally:
        store.close()


def check_store(
    data_dir: Path, settings: Settings, clock: Callable[[], dt.datetime] = dt.datetime.now
) -> StoreReport:
    """The store's state (``motcua store check``): StoreUnusable when it must not be used.
    Opening it catches up with the centre when that is due; no store is created here."""
    path = data_dir / STORE_FILE
    folder = backups_folder(settings, data_dir)
    record = read_record(data_dir, path)
    found = _examined(path, folder, record)
    safety, catch_up, identity = None, None, None
    if found.exists or record is not None:
        store, catch_up = _open(data_dir, settings, False, clock)
        try:
            identity = identity_of(store)
            safety = safety_of(store)
        finally:
            store.close()
        record = read_record(data_dir, path)
    backups = backups_in(folder)
    newest = _newest_backup(folder, record.identity if record else identity)
    return StoreReport(
        store=path,
        exists=path.exists(),
        size=path.stat().st_size if path.exists() else 0,
        identity=identity,
        recorded_identity=record.identity if record else None,
        last_serials=[_code(serial) for serial in record.issued()] if record else [],
        safety=safety,
        catch_up=catch_up,
        backups_folder=folder,
        backups=len(backups),
        newest_backup=newest,
    )


def restore_store(
    data_dir: Path,
    settings: Settings,
    backup: Path,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
) -> Replaced:
    """Put ``backup`` in place of the store (``motcua restore FILE``).

    Refused, the store untouched: a file that is not there (NotFound), not a whole
    store or written by a newer program (StoreUnusable), or a backup of another
    counter's store (PolicyRefusal). The current store is set aside, never deleted.
    The restored store knows the last serials the counter recorded and catches up
    with the centre (now when it can, else at the next opening).
    """
    path = data_dir / STORE_FILE
    folder = backups_folder(settings, data_dir)
    record = read_record(data_dir, path)
    if not backup.is_file():
        raise NotFound(NO_SUCH_BACKUP, file=backup)
    try:
        found = examine(backup)
    except StoreFailure as failure:
        raise StoreUnusable(BACKUP_UNUSABLE, file=backup) from failure
    if found.identity is None or found.revision is None:
        raise StoreUnusable(BACKUP_UNUSABLE, file=backup)
    if from_a_newer_program(found):
        raise StoreUnusable(BACKUP_NEWER, file=backup)
    expected = record.identity if record is not None else identity_in(path)
    if expected is not None and found.identity != expected:
        raise PolicyRefusal(
            BACKUP_OTHER_COUNTER, file=backup, found=found.identity, identity=expected
        )
    now = clock()
    # Copied beside the store first: the store is set aside only once its successor is whole.
    incoming = path.with_name(f"{path.stem}.restoring{path.suffix}")
    _failures_told(lambda: copy_store(backup, incoming), folder, found.identity)
    aside = _failures_told(lambda: set_aside(path, now), folder, found.identity)
    incoming.replace(path)
    store = _opened(data_dir, folder, record)
    try:
        mark_restored(store, record.issued() if record is not None else None, now)
        last = record.last if record is not None else None
        write_record(data_dir, StoreRecord(found.identity, last))
        caught = catch_up_if_due(store, now)
    finally:
        store.close()
    log.info("store restored from %s; the one before is kept as %s", backup.name, aside)
    return Replaced(path, found.identity, aside, backup, caught)


def new_store(
    data_dir: Path, settings: Settings, clock: Callable[[], dt.datetime] = dt.datetime.now
) -> Replaced:
    """Start a new, empty store in place of the current one (``motcua store new``).

    The current store is set aside, never deleted. The new one has its own identity; it
    knows the last serials the counter recorded, syncs with the central database the
    old one named (when it can still be read), and catches up with it: the codes issued
    before it are never given again. Until it has the record or has caught up, it does
    not number from the counter's reserve.
    """
    path = data_dir / STORE_FILE
    folder = backups_folder(settings, data_dir)
    record = read_record(data_dir, path)
    central = _central_url_of(path)
    now = clock()
    aside = _failures_told(lambda: set_aside(path, now), folder, None)
    store = _opened(data_dir, folder, record)
    try:
        if central:
            configure_central(store, url=central)
        mark_new(store, record.issued() if record is not None else None, now)
        identity = identity_of(store)
        last = record.last if record is not None else None
        write_record(data_dir, StoreRecord(identity, last))
        caught = catch_up_if_due(store, now)
    finally:
        store.close()
    log.info("a new store was started; the one before is kept as %s", aside)
    return Replaced(path, identity, aside, None, caught)


# ------------------------------------------------------------------ helpers


def _opened(data_dir: Path, folder: Path, record: StoreRecord | None) -> Store:
    path = data_dir / STORE_FILE
    identity = record.identity if record is not None else None
    return Store(
        path,
        backups=folder,
        on_numbered=partial(record_numbered, data_dir, path),
        report_failure=partial(store_unusable, backups=folder, identity=identity),
    )


def _examined(path: Path, folder: Path, record: StoreRecord | None) -> StoreFile:
    identity = record.identity if record is not None else None
    return _failures_told(lambda: examine(path), folder, identity)


def _refuse_unless_recorded(found: StoreFile, record: StoreRecord, folder: Path) -> None:
    what = _what_to_do(folder, record.identity)
    if not found.exists:
        raise StoreUnusable(STORE_MISSING, file=found.path, identity=record.identity, what=what)
    if found.empty:
        raise StoreUnusable(STORE_EMPTY, file=found.path, identity=record.identity, what=what)
    if found.identity != record.identity:
        raise StoreUnusable(
            STORE_REPLACED,
            file=found.path,
            found=found.identity or NO_IDENTITY,
            identity=record.identity,
            what=what,
        )


def _refuse_if_behind(store: Store, record: StoreRecord, folder: Path) -> None:
    missing = missing_issued(store, record.issued())
    if missing:
        raise StoreUnusable(
            STORE_BEHIND,
            file=store.path,
            code=_code(missing[-1]),
            what=_what_to_do(folder, record.identity),
        )


def _adopt(data_dir: Path, store: Store) -> None:
    """Record the store as the counter's, with the last serials it issued."""
    issued = latest_issued(store)
    last = None
    if issued:
        last = LastSerials(
            issued[0].agency, issued[0].day, tuple(serial.serial for serial in issued)
        )
    write_record(data_dir, StoreRecord(identity_of(store), last))


def _daily_backup(store: Store, settings: Settings, now: dt.datetime) -> None:
    """The first opening of a day takes a backup; one that fails is logged and the counter
    goes on (``motcua store check`` shows how old the newest backup is)."""
    if any(backup.taken_at.date() == now.date() for backup in backups_in(store.backups)):
        return
    try:
        take_backup(store.path, store.backups, DAILY, now)
        prune(store.backups, settings.backup_keep_days, now)
    except Exception as error:  # whatever it is, a backup never stops the counter's work
        log.warning("the daily backup could not be taken: %s", error)


def _newest_backup(folder: Path, identity: str | None) -> Path | None:
    """The newest verified backup of the store ``identity`` (of any store when None)."""
    for backup in reversed(backups_in(folder)):
        if identity is None or identity_in(backup.path) == identity:
            return backup.path
    return None


def _what_to_do(folder: Path, identity: str | None) -> Message:
    newest = _newest_backup(folder, identity)
    if newest is not None:
        return _filled(RESTORE_NEWEST, backup=newest)
    return _filled(RESTORE_ANY, folder=folder)


def _filled(message: Message, **values: object) -> Message:
    """``message`` with its values said, in both languages (a part of a longer sentence)."""
    return Message(message.text("vi", **values), message.text("en", **values))


def _code(serial: IssuedSerial) -> str:
    return format_code(serial.agency, serial.day, serial.serial)


def _central_url_of(path: Path) -> str | None:
    try:
        return examine(path).central_url
    except StoreFailure:
        return None  # a damaged store: IT staff set the centre again (motcua sync --url)


def _failures_told(do: Callable[[], T], folder: Path, identity: str | None) -> T:
    try:
        return do()
    except StoreFailure as failure:
        raise store_unusable(failure, folder, identity) from failure


def _reported(store: Store, do: Callable[[], T]) -> T:
    return _failures_told(do, store.backups, None)


def _closing_on_failure(store: Store, do: Callable[[], T]) -> T:
    try:
        return do()
    except BaseException:
        store.close()
        raise
