"""``motcua sync``: the counter's sync with the central database, headless.

``--once`` runs one round and exits: 0 when all went through, 7 (refused by
policy) when the centre rejected operations or refused to register this counter
(the report says which; IT staff must act), 5 when the round failed. Without it,
rounds run until interrupted, as the window's background sync does. Its report names
the dossiers whose result became ready by the pull (``became_ready``), and counts the
hand-overs another counter made first (``clashes``: rejected, flagged, never merged).
``--status`` reads only the local store; its ``clashes`` lists every such clash.

The central password never travels on the command line or in the URL: ``--url`` with one
is refused (exit 2), and ``--password-from FILE`` (``-``: a prompt at a console, else
standard input) stores it apart (``app.central_secret``). A centre on another machine needs
``sslmode=verify-full`` in its URL, or ``--allow-unverified-host HOST`` from IT staff.

Plain ``sync``, ``--once`` and ``--status`` run unattended (a service runs them). Setting
the connection up (``--url``, ``--password-from``, ``--offline-warning-minutes``,
``--allow-unverified-host``) is IT staff's (``Permission.CONFIGURE_SYNC``) and putting
rejected operations back (``--retry-rejected``) a supervisor's
(``Permission.REVIEW_REFUSED_SYNC``): those sign in with ``--officer``, whose password is
read before the central one (two lines of standard input: the officer's, then the
centre's). The trail records the officer's login.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.central_command import URL_NEEDED
from app.cli.options import add_data_dir_option, bounded_int, data_dir_from, settings_from
from app.cli.output import EXIT_OK, UsageError, fail, print_json
from app.cli.secrets import SecretReader
from app.cli.signing import actor_of, add_sign_in_options, authorised
from app.failures import EXIT_CENTRAL, EXIT_REFUSED
from app.i18n import Message

if TYPE_CHECKING:
    from app.officers.identity import Officer
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
CARD_KEY_REFUSED = Message(
    " và không đăng ký khóa ký dữ liệu in thẻ ({reason})",
    " and refused the card data signing key ({reason})",
)
CENTRE_TOO_OLD = Message(" ({reason})", " ({reason})")
PASSWORD_PROMPT = Message(
    "Mật khẩu cơ sở dữ liệu trung tâm (không hiện khi gõ): ",
    "Central database password (not shown): ",
)
PASSWORD_STORED = Message(
    "đã lưu mật khẩu cơ sở dữ liệu trung tâm vào {where}",
    "the central database password is stored in {where}",
)
CLASHES = Message(
    "{count} hồ sơ đã được trả (hoặc đánh dấu) tại quầy khác trong lúc mất kết nối: bản ghi của"
    " quầy này được giữ lại, không gộp, và đã báo cho cán bộ giám sát; xem: motcua sync --status",
    "{count} dossier(s) were handed back (or marked) at another counter too while offline: this"
    " counter's records are kept, not merged, and flagged to the supervisor; see: motcua sync"
    " --status",
)
BECAME_READY = Message(
    "{count} hồ sơ của quầy này đã có kết quả: {codes}",
    "{count} dossier(s) of this counter have their result: {codes}",
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
    add_sign_in_options(
        parser,
        required=False,
        purpose=" (for --url, --password-from, --offline-warning-minutes,"
        " --allow-unverified-host: IT staff; for --retry-rejected: a supervisor)",
    )
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
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = open_store(data_dir, settings)  # checked: a restored store catches up first
    try:
        secrets = SecretReader()  # the officer's password first, then the centre's
        officer = _signed_in_for(args, store, secrets)
        password = None
        if args.password_from is not None:
            password = secrets.read(args.password_from, PASSWORD_PROMPT, "--password-from")
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
        _record_configuration(store, args, password is not None, actor_of(officer))
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
        print_json(_status_json(sync_status(store, with_clashes=True), store))
        return EXIT_OK
    finally:
        store.close()


def _configuring(args: argparse.Namespace) -> bool:
    given = (args.url, args.password_from, args.offline_warning_minutes)
    return any(value is not None for value in (*given, args.allow_unverified_host))


def _signed_in_for(args: argparse.Namespace, store: Store, secrets: SecretReader) -> Officer | None:
    """The officer who configures or retries (None: an unattended round, or a store that has
    no account yet)."""
    from app.permissions import Permission

    wanted = []
    if _configuring(args):
        wanted.append(Permission.CONFIGURE_SYNC)
    if args.retry_rejected:
        wanted.append(Permission.REVIEW_REFUSED_SYNC)
    if not wanted:
        return None
    return authorised(args, store, tuple(wanted), secrets)


def _once(store: Store, settings: Settings) -> int:
    from app.sync_ops import sync_once, sync_status
    from db.sync.errors import describe

    try:
        report = sync_once(store, settings)
    except Exception as error:  # recorded in the store; said here in one line
        fail("sync", SYNC_FAILED(reason=describe(error)), EXIT_CENTRAL)
        print_json(_status_json(sync_status(store, with_clashes=True), store))
        return EXIT_CENTRAL
    print_json(
        {
            "sent": report.pushed.sent,
            "rejected": report.pushed.rejected,
            "pulled": report.pulled.applied,
            "became_ready": report.pulled.became_ready,
            "clashes": report.pushed.clashes,
            "registration_problem": report.registration_problem,
            "lease_problem": report.lease_problem,
            "card_key_problem": report.card_key_problem,
            "upgrade_needed": report.upgrade_needed,
            "status": _status_json(sync_status(store, with_clashes=True), store),
        }
    )
    ready = report.pulled.became_ready
    if ready:
        print(BECAME_READY(count=len(ready), codes=", ".join(ready)), file=sys.stderr)
    if report.pushed.clashes:
        print(CLASHES(count=report.pushed.clashes), file=sys.stderr)
    if report.refused:  # the report is printed; the code tells scripts IT staff must act
        said = [
            wording(reason=problem)
            for wording, problem in (
                (REGISTRATION_REFUSED, report.registration_problem),
                (CARD_KEY_REFUSED, report.card_key_problem),
                (CENTRE_TOO_OLD, report.upgrade_needed),
            )
            if problem is not None
        ]
        refused = SYNC_REFUSED(rejected=report.pushed.rejected, registration="".join(said))
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


def _status_json(status: SyncStatus, store: Store) -> dict[str, Any]:
    """The sync state, and the catalogue and days-off table in use today (``reference``); a
    publication of the centre this program cannot use is said on stderr too."""
    from app.reference_data import reference_data_of

    reference = reference_data_of(store)
    for unusable in reference.unusable:
        print(unusable.sentence(), file=sys.stderr)
    return status.to_dict() | {"reference": reference.as_dict(dt.date.today())}


def _record_configuration(
    store: Store, args: argparse.Namespace, password: bool, actor: str
) -> None:
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
        record_sync_configuration(store, actor, changed)
