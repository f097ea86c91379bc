"""``motcua officer add|disable|enable|reset|list|password``: the officers' accounts of
this counter, for IT staff (docs/officers.md).

IT staff sign in (``--officer``, ``Permission.MANAGE_OFFICERS``) for every change but
one: the counter's first account, an IT account added to a store that has none. A
password IT staff set (a new account, a reset) is read from ``--password-from`` (``-``,
the default: typed twice at a prompt, or the next line of standard input) and must be
changed by its owner at the first sign-in (``motcua officer password``). Accounts of the
centre are managed there (``motcua central officer …``) and refused here. ``list``
never prints a hash.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.inputs import STDIN
from app.cli.options import add_data_dir_option, data_dir_from, settings_from, text_option
from app.cli.output import EXIT_OK, print_json
from app.cli.secrets import SecretReader
from app.cli.signing import add_sign_in_options, signed_in
from app.i18n import Message
from app.officers.identity import ROLE_NAMES, Officer, Role

if TYPE_CHECKING:
    from db.store import Store

NEW_PASSWORD_OF = Message(
    "Mật khẩu mới của {login} (không hiện khi gõ): ",
    "New password of {login} (not shown): ",
)
ADDED = Message(
    "đã thêm tài khoản {login} ({role}); lần đăng nhập đầu tiên phải đổi mật khẩu",
    "account {login} added ({role}); its first sign-in must change the password",
)
FIRST_ADDED = Message(
    "đã thêm tài khoản đầu tiên của quầy, {login} ({role}); từ nay cán bộ IT đăng nhập"
    " (--officer {login}) để thêm các tài khoản khác",
    "the counter's first account, {login} ({role}), is added; from now on IT staff sign in"
    " (--officer {login}) to add the others",
)
DISABLED = Message("đã khóa tài khoản {login}", "account {login} disabled")
ENABLED = Message("đã mở lại tài khoản {login}", "account {login} enabled")
RESET = Message(
    "đã đặt lại mật khẩu của {login}; lần đăng nhập tới phải đổi mật khẩu",
    "the password of {login} is reset; the next sign-in must change it",
)
CHANGED = Message("đã đổi mật khẩu của {login}", "the password of {login} is changed")
NO_ACCOUNTS = Message(
    "quầy chưa có tài khoản nào; thêm tài khoản IT đầu tiên: motcua officer add"
    ' TÊN_ĐĂNG_NHẬP --name "HỌ TÊN" --role it',
    "the counter has no account yet; add the first IT account: motcua officer add"
    ' LOGIN --name "FULL NAME" --role it',
)
YES = Message("có", "yes")
NO = Message("không", "no")
LIST_HEADING = Message(
    "tên đăng nhập, họ tên, vai trò, nguồn, đã khóa, phải đổi mật khẩu",
    "login, name, role, origin, disabled, must change the password",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "officer", help="the officers' accounts of this counter (IT staff)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    adding = actions.add_parser(
        "add",
        help="add a local account; without --officer only the first account, an IT one",
    )
    adding.add_argument("login", metavar="LOGIN")
    adding.add_argument("--name", required=True, metavar="FULL_NAME", help="as papers print it")
    adding.add_argument("--role", required=True, choices=[str(role) for role in Role])
    _add_password_option(adding)
    add_sign_in_options(adding, required=False, purpose=" (IT staff; not for the first account)")
    add_data_dir_option(adding)
    adding.set_defaults(run=run_add)

    for name, helped, run in (
        ("disable", "the account can no longer sign in at this counter", run_disable),
        ("enable", "the account can sign in again", run_enable),
    ):
        changing = actions.add_parser(name, help=helped)
        changing.add_argument("login", metavar="LOGIN")
        add_sign_in_options(changing, purpose=" (IT staff)")
        add_data_dir_option(changing)
        changing.set_defaults(run=run)

    resetting = actions.add_parser(
        "reset", help="set a new password, to be changed at the next sign-in"
    )
    resetting.add_argument("login", metavar="LOGIN")
    _add_password_option(resetting)
    add_sign_in_options(resetting, purpose=" (IT staff)")
    add_data_dir_option(resetting)
    resetting.set_defaults(run=run_reset)

    listing = actions.add_parser("list", help="the accounts (never their password hashes)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_data_dir_option(listing)
    listing.set_defaults(run=run_list)

    own = actions.add_parser(
        "password", help="an officer changes their own password (signs in with the old one)"
    )
    add_sign_in_options(own, purpose=" (whose password changes)")
    own.add_argument(
        "--new-password-from",
        type=Path,
        metavar="FILE",
        default=Path(STDIN),
        help="the new password from FILE (default '-': typed twice at a prompt, or the next"
        " line of standard input)",
    )
    add_data_dir_option(own)
    own.set_defaults(run=run_password)


def _add_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-from",
        type=Path,
        metavar="FILE",
        default=Path(STDIN),
        help="the password IT staff set, from FILE (default '-': typed twice at a prompt,"
        " or the next line of standard input, after the signing-in officer's)",
    )


def _login(text: str) -> str:
    return text_option(text, "LOGIN").strip().lower()


def _new_password(secrets: SecretReader, source: Path, login: str, option: str) -> str:
    return secrets.read_new(
        source,
        Message(NEW_PASSWORD_OF.vi.format(login=login), NEW_PASSWORD_OF.en.format(login=login)),
        option,
    )


def run_add(args: argparse.Namespace) -> int:
    from app.officers.accounts import add_account

    login = _login(args.login)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    secrets = SecretReader()
    with _store(data_dir) as store:
        now = dt.datetime.now()
        # Signed in first: the IT officer's password is the first line of standard input.
        who = None if args.officer is None else signed_in(args, store, secrets, now=now)
        password = _new_password(secrets, args.password_from, login, "--password-from")
        added = add_account(
            store,
            who,
            login,
            text_option(args.name, "--name"),
            Role(args.role),
            password,
            minimum_length=settings.password_min_length,
            now=now,
        )
    said = ADDED if who is not None else FIRST_ADDED
    print(said(login=added.login, role=ROLE_NAMES[added.role]))
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    from app.officers.accounts import disable_account

    return _set_account(args, disable_account, DISABLED)


def run_enable(args: argparse.Namespace) -> int:
    from app.officers.accounts import enable_account

    return _set_account(args, enable_account, ENABLED)


def _set_account(
    args: argparse.Namespace,
    change: Callable[[Store, Officer, str, dt.datetime], None],
    said: Message,
) -> int:
    """Disable or enable ``args.login``, signed in as IT staff."""
    login = _login(args.login)
    with _store(data_dir_from(args)) as store:
        now = dt.datetime.now()
        change(store, signed_in(args, store, now=now), login, now)
    print(said(login=login))
    return EXIT_OK


def run_reset(args: argparse.Namespace) -> int:
    from app.officers.accounts import reset_password

    login = _login(args.login)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    secrets = SecretReader()
    with _store(data_dir) as store:
        now = dt.datetime.now()
        who = signed_in(args, store, secrets, now=now)
        password = _new_password(secrets, args.password_from, login, "--password-from")
        reset_password(
            store,
            who,
            login,
            password,
            minimum_length=settings.password_min_length,
            now=now,
        )
    print(RESET(login=login))
    return EXIT_OK


def run_password(args: argparse.Namespace) -> int:
    from app.officers.accounts import change_own_password

    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    secrets = SecretReader()
    with _store(data_dir) as store:
        now = dt.datetime.now()
        officer = signed_in(args, store, secrets, now=now, allow_must_change=True)
        password = _new_password(
            secrets, args.new_password_from, officer.login, "--new-password-from"
        )
        change_own_password(
            store, officer, password, minimum_length=settings.password_min_length, now=now
        )
    print(CHANGED(login=officer.login))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from app.officers.accounts import accounts

    with _store(data_dir_from(args), writes=False) as store:
        rows = accounts(store)
    listed = [
        {
            "login": row.login,
            "name": row.full_name,
            "role": row.role,
            "origin": row.origin,
            "disabled": row.disabled,
            "must_change": row.must_change,
        }
        for row in rows
    ]
    if args.json:
        print_json(listed)
        return EXIT_OK
    if not listed:
        print(NO_ACCOUNTS())
        return EXIT_OK
    print(f"# {LIST_HEADING()}")
    for each in listed:
        flags = [YES() if each[name] else NO() for name in ("disabled", "must_change")]
        role = ROLE_NAMES[Role(str(each["role"]))]()
        print(f"{each['login']}  {each['name']}  {role}  {each['origin']}  {'  '.join(flags)}")
    return EXIT_OK


@contextmanager
def _store(data_dir: Path, *, writes: bool = True) -> Iterator[Store]:
    """The counter's store, opened checked (``app.store_ops.open_store``), closed after."""
    from app.store_ops import open_store

    store = open_store(data_dir, settings_from(data_dir), daily_backup=writes)
    try:
        yield store
    finally:
        store.close()
