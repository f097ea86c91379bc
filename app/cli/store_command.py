"""``motcua backup``, ``motcua restore FILE``, ``motcua store check|new``: the counter's store,
for IT staff (docs/store.md).

A store that must not be used exits with 6 and the sentence naming the file and
what to do; a backup of another counter is refused with 7; a backup file that is
not there, with 4 (``app.failures``).

Each of them but ``store check`` is IT staff's (``Permission.MANAGE_STORE``): they sign in
with ``--officer``. ``restore`` and ``store new`` are what IT staff do when the store is
damaged, so where the current store cannot be opened they sign in against the accounts
of the backup being restored (``store new``: of the newest backup), in a private copy of
it: a ``restore`` then puts that copy in place, so the restored store's trail records the
sign-in. A new store is given the accounts of the store (or backup) it replaces, so the
same staff sign in after it. Only when neither a store nor a backup holds an account can
these run without signing in (docs/officers.md, "A damaged store").
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.options import add_data_dir_option, data_dir_from, settings_from
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import actor_of, add_sign_in_options, authorised
from app.i18n import Message
from app.officers.identity import Officer

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: only when a command runs
    from app.settings import Settings
    from app.store_ops import CatchUp, Replaced
    from db.officers import AccountRow
    from db.store import Store

log = logging.getLogger(__name__)

NEEDS_CONFIRM = Message(
    "--confirm: bắt đầu kho hồ sơ mới sẽ để kho hiện tại sang một bên ({file}) và kho mới chưa "
    "có hồ sơ nào; chỉ làm khi không khôi phục được bản sao lưu nào (motcua restore TỆP). Thêm "
    "--confirm để làm",
    "--confirm: starting a new dossier store sets the current one aside ({file}) and the new "
    "one holds no dossier; do it only when no backup can be restored (motcua restore FILE). "
    "Add --confirm to do it",
)


def register(subparsers: Any) -> None:
    backing_up = subparsers.add_parser(
        "backup", help="take a verified backup of the dossier store now; prints its path"
    )
    add_sign_in_options(backing_up, required=False, purpose=" (IT staff)")
    add_data_dir_option(backing_up)
    backing_up.set_defaults(run=run_backup)

    restoring = subparsers.add_parser(
        "restore",
        help="put a backup of this counter's store in place of the store (kept aside); "
        "it then catches up with the central database",
    )
    restoring.add_argument("backup", type=Path, metavar="FILE", help="a backup of this counter")
    add_sign_in_options(
        restoring,
        required=False,
        purpose=" (IT staff; checked against the backup's accounts when the store is damaged)",
    )
    add_data_dir_option(restoring)
    restoring.set_defaults(run=run_restore)

    store = subparsers.add_parser("store", help="check the dossier store, or start a new one")
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    checking = actions.add_parser(
        "check", help="print the store's state; exit 6 when it must not be used"
    )
    add_data_dir_option(checking)
    checking.set_defaults(run=run_check)
    starting = actions.add_parser(
        "new",
        help="start a new, empty store in place of the current one (kept aside); "
        "only when no backup can be restored",
    )
    starting.add_argument(
        "--confirm", action="store_true", help="needed: the new store holds no dossier"
    )
    add_sign_in_options(
        starting,
        required=False,
        purpose=" (IT staff; checked against the newest backup's accounts when the store is"
        " damaged)",
    )
    add_data_dir_option(starting)
    starting.set_defaults(run=run_new)


def run_backup(args: argparse.Namespace) -> int:
    from app.permissions import Permission
    from app.store_ops import back_up, open_store

    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = open_store(data_dir, settings, daily_backup=False)
    try:
        authorised(args, store, Permission.MANAGE_STORE)
    finally:
        store.close()
    print(back_up(data_dir, settings))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from app.failures import NotFound
    from app.store_messages import NO_SUCH_BACKUP
    from app.store_ops import restore_store

    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    backup = args.backup.absolute()
    if not backup.is_file():  # before anyone is asked for a password
        raise NotFound(NO_SUCH_BACKUP, file=backup)
    with _signed_in(args, data_dir, settings, backup) as signed:
        restored = restore_store(data_dir, settings, signed.copy or backup)
    print_json(_replaced_json(restored, backup))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from app.store_ops import check_store

    data_dir = data_dir_from(args)
    report = check_store(data_dir, settings_from(data_dir))
    safety = report.safety
    print_json(
        {
            "store": str(report.store),
            "exists": report.exists,
            "size": report.size,
            "identity": report.identity,
            "recorded_identity": report.recorded_identity,
            "last_serials": report.last_serials,
            "reserve_held": safety.reserve_held if safety else False,
            "catch_up_due": safety.catch_up_due if safety else False,
            "caught_up_at": safety.caught_up_at if safety else None,
            "known_serials": safety.known_serials if safety else 0,
            "catch_up": _catch_up_json(report.catch_up),
            "backups_folder": str(report.backups_folder),
            "backups": report.backups,
            "newest_backup": str(report.newest_backup) if report.newest_backup else None,
        }
    )
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from app.store_ops import new_store
    from db.store import STORE_FILE

    data_dir = data_dir_from(args)
    if not args.confirm:
        raise UsageError(NEEDS_CONFIRM(file=data_dir / STORE_FILE))
    settings = settings_from(data_dir)
    with _signed_in(args, data_dir, settings, _newest_backup(data_dir, settings)) as signed:
        replaced = new_store(data_dir, settings)
    _carry_accounts(data_dir, settings, signed)
    print_json(_replaced_json(replaced))
    return EXIT_OK


@dataclass
class _SignedIn:
    """Who signed in for a restore or a new store, and against what."""

    officer: Officer | None
    accounts: list[AccountRow] = field(default_factory=list)  # for a new store to keep
    copy: Path | None = None  # the backup's copy the sign-in was recorded in


@contextmanager
def _signed_in(
    args: argparse.Namespace, data_dir: Path, settings: Settings, backup: Path | None
) -> Iterator[_SignedIn]:
    """IT staff signed in against the current store, or, when it cannot be opened,
    against a private copy of ``backup`` (removed once the block is done)."""
    from app.failures import StoreUnusable
    from app.officers.accounts import accounts
    from app.permissions import Permission
    from app.store_ops import open_store

    try:
        store = open_store(data_dir, settings, daily_backup=False)
    except StoreUnusable:
        log.warning("the store cannot be opened: signing in against a backup's accounts")
    else:
        try:  # closed before the block: a restore sets this store's file aside
            signed = _SignedIn(authorised(args, store, Permission.MANAGE_STORE), accounts(store))
        finally:
            store.close()
        yield signed
        return
    if backup is None:  # no store, no backup: nobody has an account anywhere
        refuse_any_login(args)
        yield _SignedIn(None)
        return
    # In the data folder (the program's user's only), never in a shared temporary folder.
    with tempfile.TemporaryDirectory(prefix=".signing-in-", dir=data_dir) as folder:
        copy = _opened_copy(backup, Path(folder), settings)
        try:
            officer = authorised(args, copy, Permission.MANAGE_STORE)
            held = accounts(copy)
        except Exception:
            log.warning("signing in against %s was refused", backup.name)
            raise
        finally:
            copy.close()
        yield _SignedIn(officer, held, copy.path)


def refuse_any_login(args: argparse.Namespace) -> None:
    """Neither a store nor a backup to sign in against: a login given cannot be checked."""
    from app.officers.outcomes import SignInRefused
    from app.officers.sign_in import WRONG

    if args.officer is not None:
        raise SignInRefused(WRONG)


def _opened_copy(backup: Path, folder: Path, settings: Settings) -> Store:
    from app.failures import StoreUnusable
    from app.store_messages import BACKUP_UNUSABLE
    from app.store_ops import open_store
    from db.store import STORE_FILE

    shutil.copyfile(backup, folder / STORE_FILE)
    try:
        # Its own backups folder: an older backup's upgrade copy stays in the copy's folder.
        return open_store(folder, settings.with_values({"backup_folder": ""}), daily_backup=False)
    except StoreUnusable as error:
        raise StoreUnusable(BACKUP_UNUSABLE, file=backup) from error


def _newest_backup(data_dir: Path, settings: Settings) -> Path | None:
    from app.store_ops import backups_folder
    from db.backup import backups_in

    found = backups_in(backups_folder(settings, data_dir))
    return found[-1].path if found else None


def _carry_accounts(data_dir: Path, settings: Settings, signed: _SignedIn) -> None:
    """The new store keeps the officers' accounts (their hashes, roles, origins), each
    recorded as carried over by the IT officer who started it."""
    from app.store_ops import open_store
    from db.audit import AuditAction, AuditEntry
    from db.officers import insert_account

    if not signed.accounts:
        return
    store = open_store(data_dir, settings, daily_backup=False)
    try:
        for row in signed.accounts:
            entry = AuditEntry(
                AuditAction.OFFICER_CHANGE,
                actor_of(signed.officer),
                {"login": row.login, "change": "carried-over"},
            )
            insert_account(store, row, entry, first=False)
    finally:
        store.close()


def _replaced_json(replaced: Replaced, restored_from: Path | None = None) -> dict[str, Any]:
    source = restored_from or replaced.restored_from
    return {
        "store": str(replaced.store),
        "identity": replaced.identity,
        "set_aside": str(replaced.set_aside) if replaced.set_aside else None,
        "restored_from": str(source) if source else None,
        "catch_up": _catch_up_json(replaced.catch_up),
    }


def _catch_up_json(catch_up: CatchUp | None) -> dict[str, Any] | None:
    if catch_up is None:
        return None
    return {
        "done": catch_up.done,
        "problem": catch_up.problem,
        "known_serials": catch_up.known_serials,
        "rows": catch_up.rows,
    }
