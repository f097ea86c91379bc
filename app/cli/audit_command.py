"""``motcua audit verify`` and ``motcua audit show``: the audit trail (docs/audit.md).

``verify`` checks the hash chain of every device in this store and, when a
central database is configured, this device's chain at the centre and against
this store's; it exits 0 when whole, 7 naming the first record that was edited,
deleted, inserted or reordered (``app.audit.AuditTrailBroken``), 5 when the
centre could not be read (``--local-only`` skips it).

Both are for those who may view the trail (``Permission.VIEW_TRAIL``: supervisors and IT
staff), who sign in with ``--officer``; ``show --actor LOGIN`` lists one officer's
records (``--officer`` is who signs in, in every command).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.options import (
    add_data_dir_option,
    data_dir_from,
    day_option,
    settings_from,
    text_option,
)
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import add_sign_in_options, authorised
from app.i18n import Message

TRAIL_WHOLE = Message(
    "nhật ký thao tác toàn vẹn: {records} bản ghi tại quầy",
    "the audit trail is whole: {records} record(s) at this counter",
)
TRAIL_WHOLE_AT_CENTRE = Message(
    "nhật ký thao tác toàn vẹn: {records} bản ghi tại quầy, {central} bản ghi của máy này tại"
    " cơ sở dữ liệu trung tâm",
    "the audit trail is whole: {records} record(s) at this counter, {central} of this device"
    " at the central database",
)
UNKNOWN_ACTION = Message(
    "--action: phải là một trong {known} (đã nhập '{text}')",
    "--action: must be one of {known} (got '{text}')",
)
DAYS_REVERSED = Message(
    "--from: ngày bắt đầu {start} sau ngày kết thúc --to {end}",
    "--from: the first day {start} is after the last day --to {end}",
)
NO_RECORDS = Message("không có bản ghi nào", "no records")


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help="check or list the audit trail")
    actions = audit.add_subparsers(dest="action_name", metavar="ACTION", required=True)
    verifying = actions.add_parser(
        "verify",
        help="check the hash chain here and at the central database; exit 7 naming the "
        "first record edited, deleted, inserted or reordered",
    )
    verifying.add_argument(
        "--local-only", action="store_true", help="check this counter's store only"
    )
    verifying.add_argument("--json", action="store_true", help="print JSON")
    add_sign_in_options(verifying, required=False, purpose=" (a supervisor or IT staff)")
    add_data_dir_option(verifying)
    verifying.set_defaults(run=run_verify)

    showing = actions.add_parser("show", help="list the audit trail")
    showing.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day")
    showing.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (included)")
    showing.add_argument("--actor", metavar="LOGIN", help="one officer's records")
    showing.add_argument("--action", metavar="KIND", help="one kind of action")
    showing.add_argument("--json", action="store_true", help="print JSON")
    add_sign_in_options(showing, required=False, purpose=" (a supervisor or IT staff)")
    add_data_dir_option(showing)
    showing.set_defaults(run=run_show)


def run_verify(args: argparse.Namespace) -> int:
    from app.audit import central_url_of, verify_trail
    from app.permissions import Permission
    from app.store_ops import open_store

    data_dir = data_dir_from(args)
    store = open_store(data_dir, settings_from(data_dir), daily_backup=False)
    try:
        authorised(args, store, Permission.VIEW_TRAIL)
        url = None if args.local_only else central_url_of(store)
        verified = verify_trail(store, url)
    finally:
        store.close()
    if args.json:
        print_json({"records": verified.records, "central_records": verified.central_records})
    elif verified.central_records is None:
        print(TRAIL_WHOLE(records=verified.records))
    else:
        print(TRAIL_WHOLE_AT_CENTRE(records=verified.records, central=verified.central_records))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from app.audit import row_dict, show_trail
    from app.permissions import Permission
    from app.store_ops import open_store
    from db.audit import AuditAction

    start = day_option(args.start, "--from") if args.start else None
    end = day_option(args.end, "--to") if args.end else None
    if start is not None and end is not None and start > end:
        raise UsageError(DAYS_REVERSED(start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    action = None
    if args.action is not None:
        try:
            action = AuditAction(args.action)
        except ValueError as error:
            known = ", ".join(AuditAction)
            raise UsageError(
                UNKNOWN_ACTION(known=known, text=text_option(args.action, "--action"))
            ) from error
    actor = text_option(args.actor, "--actor") if args.actor is not None else None
    data_dir = data_dir_from(args)
    store = open_store(data_dir, settings_from(data_dir), daily_backup=False)
    try:
        authorised(args, store, Permission.VIEW_TRAIL)
        rows = show_trail(store, start=start, end=end, actor=actor, action=action)
    finally:
        store.close()
    if args.json:
        print_json([row_dict(row) for row in rows])
        return EXIT_OK
    if not rows:
        print(NO_RECORDS)
    for row in rows:
        where = "/".join(str(part) for part in (row.agency, row.counter_number) if part)
        print(
            f"{row.recorded_at:%Y-%m-%d %H:%M:%S}  #{row.seq}  {row.action:<18}  "
            f"{row.actor}  {where}  {row.subject_json}"
        )
    return EXIT_OK
