"""``motcua central officer add|disable|enable|reset|list``: officers managed at the centre
by IT staff, brought to every counter by sync (``db.central.officers``).

The counters receive the argon2id hash only; a password IT staff set (a new account, a
reset) must be changed at the officer's first sign-in, and the change reaches the centre
by sync unless IT changed the account meanwhile (IT's change wins). A disabled officer
can still sign in at a counter that has not synced since (offline), never after.

Passwords are never on the command line: ``--password-from FILE`` (default ``-``: a prompt
at a console, asked twice, else the next line of standard input), read after the
administrator's own (``--admin-password-from``) when both come from standard input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.central_command import CENTRAL_FAILED, add_admin_options, admin_login
from app.cli.inputs import STDIN
from app.cli.options import bounded_int
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.secrets import SecretReader
from app.failures import CentralFailure, NotFound
from app.i18n import Message
from app.officers.accounts import LOGIN_TAKEN, check_full_name, check_login
from app.officers.identity import Role
from app.officers.passwords import MAX_LENGTH, check_new_password, check_repeated, hash_password
from app.settings import option

if TYPE_CHECKING:
    from db.central.admin import AdminLogin
    from db.central.officers import CentralOfficer

OFFICER_PASSWORD_PROMPT = Message(
    "Mật khẩu mới của {login} (không hiện khi gõ): ", "New password of {login} (not shown): "
)
REPEAT_PROMPT = Message(
    "Nhập lại mật khẩu mới của {login}: ", "Repeat the new password of {login}: "
)
NO_CENTRAL_OFFICER = Message(
    "Trung tâm không có cán bộ {login}", "The centre has no officer {login}"
)
OFFICER_SAVED = Message(
    "đã lưu tài khoản {login} ở trung tâm (phiên bản {version}); các quầy nhận được ở lần"
    " đồng bộ tiếp theo",
    "the account {login} is saved at the centre (version {version}); the counters get it at"
    " their next sync",
)
MUST_CHANGE_NOTE = Message("phải đổi mật khẩu", "must change the password")
DISABLED_NOTE = Message("đã khóa", "disabled")


def register_officer(actions: Any) -> None:
    officer = actions.add_parser("officer", help="officers of every counter (IT staff)")
    commands = officer.add_subparsers(dest="officer_action", metavar="ACTION", required=True)

    add = commands.add_parser("add", help="a new officer; the password must be changed at once")
    _login_argument(add)
    add.add_argument("--name", required=True, help="the full name printed on the papers")
    add.add_argument("--role", required=True, choices=[str(role) for role in Role])
    _password_options(add)
    add.set_defaults(run=run_add)

    for name, disabled, text in (
        ("disable", True, "the officer can no longer sign in, at each counter from its next sync"),
        ("enable", False, "the officer can sign in again"),
    ):
        action = commands.add_parser(name, help=text)
        _login_argument(action)
        add_admin_options(action)
        action.set_defaults(run=run_disable, disabled=disabled)

    reset = commands.add_parser(
        "reset", help="a new password set by IT staff, to be changed at the next sign-in"
    )
    _login_argument(reset)
    _password_options(reset)
    reset.set_defaults(run=run_reset)

    listing = commands.add_parser("list", help="the officers of the centre (never the hashes)")
    listing.add_argument("--json", action="store_true", help="as JSON")
    add_admin_options(listing)
    listing.set_defaults(run=run_list)


def _login_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("login", metavar="LOGIN", help="the officer's login, e.g. lan.nguyen")


def _password_options(parser: argparse.ArgumentParser) -> None:
    add_admin_options(parser)
    parser.add_argument(
        "--password-from",
        type=Path,
        metavar="FILE",
        default=Path(STDIN),
        help="the officer's new password from FILE (default '-': typed twice at a prompt, or"
        " the next line of standard input)",
    )
    rule = option("password_min_length")
    parser.add_argument(
        "--min-length",
        type=bounded_int(8, MAX_LENGTH),
        default=rule.default,
        metavar="N",
        help=f"the shortest password allowed (default {rule.default}, as the counters')",
    )


def _new_password(args: argparse.Namespace, secrets: SecretReader, login: str) -> str:
    """The officer's new password, checked (``PasswordRefused``: exit 2)."""
    source: Path = args.password_from
    prompt = Message(
        OFFICER_PASSWORD_PROMPT.vi.format(login=login),
        OFFICER_PASSWORD_PROMPT.en.format(login=login),
    )
    password = secrets.read(source, prompt, "--password-from")
    check_new_password(password, login, args.min_length)
    if str(source) == STDIN and sys.stdin is not None and sys.stdin.isatty():
        repeat = Message(REPEAT_PROMPT.vi.format(login=login), REPEAT_PROMPT.en.format(login=login))
        check_repeated(password, secrets.read(source, repeat, "--password-from"))
    return password


def run_add(args: argparse.Namespace) -> int:
    from db.central.officers import OfficerError, OfficerExists, add_officer

    login = check_login(args.login)
    full_name = check_full_name(args.name)
    secrets = SecretReader()
    admin = admin_login(args, secrets)
    password_hash = hash_password(_new_password(args, secrets, login))
    try:
        added = add_officer(admin, login, full_name, args.role, password_hash)
    except OfficerExists as error:
        raise UsageError(LOGIN_TAKEN(login=login)) from error
    except OfficerError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    return _saved(added)


def run_disable(args: argparse.Namespace) -> int:
    from db.central.officers import set_disabled

    login = check_login(args.login)
    admin = admin_login(args, SecretReader())
    return _saved(_changing(login, lambda: set_disabled(admin, login, args.disabled)))


def run_reset(args: argparse.Namespace) -> int:
    from db.central.officers import reset_password

    login = check_login(args.login)
    secrets = SecretReader()
    admin = admin_login(args, secrets)
    password_hash = hash_password(_new_password(args, secrets, login))
    return _saved(_changing(login, lambda: reset_password(admin, login, password_hash)))


def run_list(args: argparse.Namespace) -> int:
    from db.central.officers import OfficerError, list_officers

    admin: AdminLogin = admin_login(args, SecretReader())
    try:
        officers = list_officers(admin)
    except OfficerError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    if args.json:
        print_json([_public(officer) for officer in officers])
        return EXIT_OK
    for officer in officers:
        notes = [
            note()
            for note, shown in (
                (DISABLED_NOTE, officer.disabled),
                (MUST_CHANGE_NOTE, officer.must_change),
            )
            if shown
        ]
        extra = f"  ({', '.join(notes)})" if notes else ""
        print(f"{officer.login}\t{officer.role}\t{officer.full_name}{extra}")
    return EXIT_OK


def _changing(login: str, change: Callable[[], CentralOfficer]) -> CentralOfficer:
    from db.central.officers import NoOfficer, OfficerError

    try:
        changed = change()
    except NoOfficer as error:
        raise NotFound(NO_CENTRAL_OFFICER, login=login) from error
    except OfficerError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    return changed


def _saved(officer: CentralOfficer) -> int:
    print(OFFICER_SAVED(login=officer.login, version=officer.version), file=sys.stderr)
    print_json(_public(officer))
    return EXIT_OK


def _public(officer: CentralOfficer) -> dict[str, Any]:
    """What may be shown of an officer: never the hash."""
    return {
        "login": officer.login,
        "full_name": officer.full_name,
        "role": officer.role,
        "must_change": officer.must_change,
        "disabled": officer.disabled,
        "version": officer.version,
        "changed_at": officer.changed_at.isoformat(),
    }
