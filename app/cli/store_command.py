"""``motcua backup``, ``motcua restore FILE``, ``motcua store check|new``: the counter's store,
for IT staff (docs/store.md).

A store that must not be used exits with 6 and the sentence naming the file and
what to do; a backup of another counter is refused with 7; a backup file that is
not there, with 4 (``app.failures``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.settings_command import add_data_dir_option, data_dir_from, settings_from
from app.i18n import Message

if TYPE_CHECKING:  # the store's modules load SQLAlchemy: only when a command runs
    from app.store_ops import CatchUp, Replaced

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
    add_data_dir_option(backing_up)
    backing_up.set_defaults(run=run_backup)

    restoring = subparsers.add_parser(
        "restore",
        help="put a backup of this counter's store in place of the store (kept aside); "
        "it then catches up with the central database",
    )
    restoring.add_argument("backup", type=Path, metavar="FILE", help="a backup of this counter")
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
    add_data_dir_option(starting)
    starting.set_defaults(run=run_new)


def run_backup(args: argparse.Namespace) -> int:
    from app.store_ops import back_up

    data_dir = data_dir_from(args)
    print(back_up(data_dir, settings_from(data_dir)))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from app.store_ops import restore_store

    data_dir = data_dir_from(args)
    restored = restore_store(data_dir, settings_from(data_dir), args.backup.absolute())
    print_json(_replaced_json(restored))
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
    print_json(_replaced_json(new_store(data_dir, settings_from(data_dir))))
    return EXIT_OK


def _replaced_json(replaced: Replaced) -> dict[str, Any]:
    return {
        "store": str(replaced.store),
        "identity": replaced.identity,
        "set_aside": str(replaced.set_aside) if replaced.set_aside else None,
        "restored_from": str(replaced.restored_from) if replaced.restored_from else None,
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
