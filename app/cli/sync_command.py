"""``motcua sync``: the counter's sync with the central database, headless.

``--once`` runs one round and exits (5 when it failed); without it, rounds run
until interrupted, as the window's background sync does. ``--status`` reads
only the local store.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from app.cli.central_command import URL_NEEDED
from app.cli.output import EXIT_OK, UsageError, fail, print_json
from app.cli.settings_command import add_data_dir_option, data_dir_from, settings_from
from app.i18n import Message

if TYPE_CHECKING:
    from app.settings import Settings
    from app.sync_ops import SyncStatus
    from db.store import Store

EXIT_SYNC_FAILED = 5

OFFLINE_WARNING_RULE = Message(
    "--offline-warning-minutes: phải từ 1 phút trở lên (đã nhập {value})",
    "--offline-warning-minutes: must be 1 minute or more (got {value})",
)
BACK_IN_QUEUE = Message(
    "{count} thao tác đã được đưa lại vào hàng đợi", "{count} operation(s) back in the queue"
)
NOT_CONFIGURED = Message(
    "chưa đặt cơ sở dữ liệu trung tâm; đặt bằng lệnh: motcua sync --url URL",
    "no central database configured; set it with: motcua sync --url URL",
)
# The reason is the sync's own line, as the status screen and the log keep it.
SYNC_FAILED = Message("đồng bộ không thành công: {reason}", "sync failed: {reason}")
ROUND = Message(
    "chờ gửi {pending}, bị trung tâm từ chối {rejected}, lỗi gần nhất: {error}",
    "pending {pending}, rejected {rejected}, last error: {error}",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sync", help="sync this counter with the central database")
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--status", action="store_true", help="print the sync status only")
    parser.add_argument("--url", help="set the central database (postgresql:// URL)")
    parser.add_argument(
        "--offline-warning-minutes",
        type=int,
        help="warn when the counter has not synced for this long (default 1440)",
    )
    parser.add_argument(
        "--retry-rejected",
        action="store_true",
        help="put the operations the centre rejected back in the queue",
    )
    parser.add_argument("--interval", type=float, default=60.0, help=argparse.SUPPRESS)
    add_data_dir_option(parser)
    parser.set_defaults(run=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    from app.sync_ops import configure_sync, retry_rejected, sync_status
    from db.central.urls import UrlError
    from db.store import Store

    minutes = args.offline_warning_minutes
    if minutes is not None and minutes < 1:
        raise UsageError(OFFLINE_WARNING_RULE(value=minutes))
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = Store.in_data_dir(data_dir)
    try:
        try:
            configure_sync(store, url=args.url, offline_warning_minutes=minutes)
        except UrlError as error:
            raise UsageError(URL_NEEDED()) from error
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


def _once(store: Store, settings: Settings) -> int:
    from app.sync_ops import sync_once, sync_status
    from db.sync.errors import describe

    try:
        report = sync_once(store, settings)
    except Exception as error:  # recorded in the store; said here in one line
        fail("sync", SYNC_FAILED(reason=describe(error)), EXIT_SYNC_FAILED)
        print_json(_status_json(sync_status(store)))
        return EXIT_SYNC_FAILED
    print_json(
        {
            "sent": report.pushed.sent,
            "rejected": report.pushed.rejected,
            "pulled": report.pulled.applied,
            "status": _status_json(sync_status(store)),
        }
    )
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
