"""``motcua sync``: the counter's sync with the central database, headless.

``--once`` runs one round and exits: 0 when all went through, 7 (refused by
policy) when the centre rejected operations or refused to register this counter
(the report says which; IT staff must act), 5 when the round failed. Without it,
rounds run until interrupted, as the window's background sync does.
``--status`` reads only the local store.

The central password never travels on the command line or in the URL: ``--url`` with one
is refused (exit 2), and ``--password-from FILE`` (``-``: a prompt at a console, else
standard input) stores it apart (``app.central_secret``). A centre on another machine needs
``sslmode=verify-full`` in its URL, or ``--allow-unverified-host HOST`` from IT staff.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.central_command import URL_NEEDED
from app.cli.inputs import STDIN, read_text
from app.cli.options import bounded_int
from app.cli.output import EXIT_OK, UsageError, fail, print_json
from app.cli.settings_command import add_data_dir_option, data_dir_from, settings_from
from app.failures import EXIT_CENTRAL, EXIT_REFUSED
from app.i18n import Message

if TYPE_CHECKING:
    from app.settings import Settings
    from app.sync_ops import SyncStatus
    from db.store import Store

BACK_IN_QUEUE = Message(
    "{count} thao tác đã được đưa lại vào hàng đợi", "{count} operation(s) back in the queue"
)
NOT_CONFIGURED = Message(
    "chưa đặt cơ sở dữ liệu trung tâm; đặt bằng lệnh: motcua sync --url URL",
    "no central database configured; set it with: motcua sync --url URL",
)
# The reason is the sync's own line, as the status screen and the log keep it.
SYNC_FAILED = Message("đồng bộ không thành công: {reason}", "sync failed: {reason}")
SYNC_REFUSED = Message(
    "trung tâm từ chối {rejected} thao tác{registration}; xem: motcua sync --status",
    "the centre rejected {rejected} operation(s){registration}; see: motcua sync --status",
)
REGISTRATION_REFUSED = Message(
    " và không đăng ký quầy này ({reason})", " and refused to register this counter ({reason})"
)
PASSWORD_PROMPT = Message(
    "Mật khẩu cơ sở dữ liệu trung tâm (không hiện khi gõ): ",
    "Central database password (not shown): ",
)
PASSWORD_EMPTY = Message(
    "--password-from {source}: không có mật khẩu (tệp trống hoặc chỉ có dòng trống)",
    "--password-from {source}: no password given (empty, or a blank line only)",
)
PASSWORD_STORED = Message(
    "đã lưu mật khẩu cơ sở dữ liệu trung tâm vào {where}",
    "the central database password is stored in {where}",
)
ROUND = Message(
    "chờ gửi {pending}, bị trung tâm từ chối {rejected}, lỗi gần nhất: {error}",
    "pending {pending}, rejected {rejected}, last error: {error}",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sync", help="sync this counter with the central database")
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--status", action="store_true", help="print the sync status only")
    parser.add_argument(
        "--url", help="set the central database (postgresql:// URL, without its password)"
    )
    parser.add_argument(
        "--password-from",
        type=Path,
        metavar="FILE",
        help="store the central database password read from FILE ('-': typed at a prompt,"
        " or standard input)",
    )
    parser.add_argument(
        "--allow-unverified-host",
        metavar="HOST",
        help="IT staff only: allow this host to be reached without sslmode=verify-full",
    )
    parser.add_argument(
        "--offline-warning-minutes",
        type=_offline_minutes,
        metavar="MINUTES",
        help="warn when the counter has not synced for this long (default 1440, at most 30 days)",
    )
    parser.add_argument(
        "--retry-rejected",
        action="store_true",
        help="put the operations the centre rejected back in the queue",
    )
    parser.add_argument("--interval", type=float, default=60.0, help=argparse.SUPPRESS)
    add_data_dir_option(parser)
    parser.set_defaults(run=run_sync)


def _offline_minutes(text: str) -> int:
    """1 minute to 30 days (the rule is ``app.sync_ops``', loaded only when the option is
    given: it brings the database drivers)."""
    from app.sync_ops import MAX_OFFLINE_WARNING_MINUTES

    return bounded_int(1, MAX_OFFLINE_WARNING_MINUTES)(text)


def run_sync(args: argparse.Namespace) -> int:
    from app.store_ops import open_store
    from app.sync_ops import (
        PASSWORD_IN_URL,
        SyncSettingRefused,
        configure_sync,
        retry_rejected,
        sync_status,
    )
    from db.central.urls import UrlError, check_url, password_in

    minutes = args.offline_warning_minutes
    try:
        url = None if args.url is None else check_url(args.url)  # before the store is opened
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
    if url is not None and password_in(url) is not None:
        raise UsageError(PASSWORD_IN_URL())
    password = None if args.password_from is None else _read_password(args.password_from)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = open_store(data_dir, settings)  # checked: a restored store catches up first
    try:
        try:
            kept_in = configure_sync(
                store,
                url=url,
                offline_warning_minutes=minutes,
                password=password,
                allow_unverified_host=args.allow_unverified_host,
            )
        except SyncSettingRefused as error:
            raise UsageError(str(error)) from error
        _record_configuration(store, args, password is not None)
        if kept_in is not None:
            print(PASSWORD_STORED(where=kept_in), file=sys.stderr)
        if args.retry_rejected:
            print(BACK_IN_QUEUE(count=retry_rejected(store)), file=sys.stderr)
        if not args.status and not sync_status(store).configured:
            raise UsageError(NOT_CONFIGURED())
        if args.once:
            return _once(store, settings)
        if not args.status:
            _until_interrupted(store, settings, args.interval)
        print_json(_status_json(sync_status(store)))
        return EXIT_OK
    finally:
        store.close()


def _read_password(source: Path) -> str:
    """The password from a file, standard input, or a prompt when that is a console: never
    from an argument's value, which every user of the PC can read in the process list."""
    if str(source) == STDIN and sys.stdin is not None and sys.stdin.isatty():
        text = getpass.getpass(PASSWORD_PROMPT())
    else:
        text = read_text(source, 4096)
    # The file's or the prompt's line end is not part of it; other spaces may be.
    password = text.splitlines()[0] if text.splitlines() else ""
    if not password:
        raise UsageError(PASSWORD_EMPTY(source=source))
    return password


def _once(store: Store, settings: Settings) -> int:
    from app.sync_ops import sync_once, sync_status
    from db.sync.errors import describe

    try:
        report = sync_once(store, settings)
    except Exception as error:  # recorded in the store; said here in one line
        fail("sync", SYNC_FAILED(reason=describe(error)), EXIT_CENTRAL)
        print_json(_status_json(sync_status(store)))
        return EXIT_CENTRAL
    print_json(
        {
            "sent": report.pushed.sent,
            "rejected": report.pushed.rejected,
            "pulled": report.pulled.applied,
            "registration_problem": report.registration_problem,
            "lease_problem": report.lease_problem,
            "status": _status_json(sync_status(store)),
        }
    )
    if report.refused:  # the report is printed; the code tells scripts IT staff must act
        problem = report.registration_problem
        registration = "" if problem is None else REGISTRATION_REFUSED(reason=problem)
        refused = SYNC_REFUSED(rejected=report.pushed.rejected, registration=registration)
        return fail("sync", refused, EXIT_REFUSED)
    return EXIT_OK


def _until_interrupted(store: Store, settings: Settings, interval: float) -> None:
    """Rounds as the window runs them, one status line each (for a service's log)."""
    from app.sync_ops import BackgroundSync, sync_status

    def print_round() -> None:
        status = sync_status(store)
        rejected, error = len(status.rejected), status.last_error or "-"
        print(ROUND(pending=status.pending, rejected=rejected, error=error), flush=True)

    background = BackgroundSync(store, settings, interval=interval, on_round=print_round)
    background.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        background.stop()


def _status_json(status: SyncStatus) -> dict[str, Any]:
    return status.to_dict()


def _record_configuration(store: Store, args: argparse.Namespace, password: bool) -> None:
    """The audit trail names what IT staff set (never the address or the password)."""
    from app.audit import record_sync_configuration

    given = {
        "url": args.url is not None,
        "password": password,
        "offline_warning_minutes": args.offline_warning_minutes is not None,
        "allow_unverified_host": args.allow_unverified_host is not None,
    }
    changed = [name for name, set_now in given.items() if set_now]
    if changed:
        record_sync_configuration(store, getpass.getuser(), changed)
