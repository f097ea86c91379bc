"""Who runs a command: the officer signs in for it, as at the window.

A command that acts on the counter's behalf takes ``--officer LOGIN`` and reads that
officer's password from ``--officer-password-from FILE`` (``-``, the default: a prompt
at a console, else a line of standard input; ``app.cli.secrets``). The password is
checked, throttled and recorded like a sign-in at the window (``app.officers.sign_in``,
``via: command``); the command then asks the permission table (``app.permissions``)
for what it does. A password IT set must be changed first (``motcua officer password``).

IT staff's commands (``authorised``) run without signing in only while the counter's
store has no account at all: setting a new counter up, before its first IT account
(``motcua officer add``) exists. From then on each of them signs in (docs/officers.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.cli.inputs import STDIN
from app.cli.output import UsageError
from app.cli.secrets import SecretReader
from app.failures import PolicyRefusal
from app.i18n import Message
from app.officers.identity import NOBODY_SIGNED_IN, ROLE_NAMES, Officer
from app.permissions import PERMISSION_NAMES, Permission, require, roles_that_may
from db.store import Store

# The actor an IT command records while the store has no account yet (not a login: a
# login starts with a letter or a digit, so no account can ever be taken for it).

OFFICER_PROMPT = Message(
    "Mật khẩu của {login} (không hiện khi gõ): ", "Password of {login} (not shown): "
)
MUST_CHANGE = Message(
    "{login} cần đổi mật khẩu do cán bộ IT đặt trước khi làm việc: motcua officer password"
    " --officer {login}",
    "{login} must first change the password IT staff set: motcua officer password"
    " --officer {login}",
)
SIGN_IN_NEEDED = Message(
    "--officer: cần đăng nhập để {action} (chỉ {roles}): thêm --officer TÊN_ĐĂNG_NHẬP",
    "--officer: signing in is needed to {action} (only {roles}): add --officer LOGIN",
)
OR = Message(" hoặc ", " or ")


class PasswordMustChange(PolicyRefusal):
    """Signed in with a password IT set: nothing else until it is changed (exit 7)."""


def add_sign_in_options(
    parser: argparse.ArgumentParser, *, required: bool = True, purpose: str = ""
) -> None:
    """``--officer`` and ``--officer-password-from``; ``required=False`` for a command that
    signs in only for some of its options (``purpose`` says which, in the help)."""
    parser.add_argument(
        "--officer",
        metavar="LOGIN",
        required=required,
        help=f"the login of the officer who acts{purpose}",
    )
    parser.add_argument(
        "--officer-password-from",
        type=Path,
        metavar="FILE",
        default=Path(STDIN),
        help="that officer's password from FILE (default '-': typed at a prompt, or the next"
        " line of standard input)",
    )


def signed_in(
    args: argparse.Namespace,
    store: Store,
    secrets: SecretReader | None = None,
    *,
    now: dt.datetime | None = None,
    allow_must_change: bool = False,
) -> Officer:
    """The officer of ``--officer`` once their password is right (``SignInRefused``,
    ``SignInWait`` otherwise: exit 7)."""
    from app.officers.sign_in import Via, sign_in

    login = str(args.officer).strip().lower()
    password = (secrets or SecretReader()).read(
        args.officer_password_from,
        Message(OFFICER_PROMPT.vi.format(login=login), OFFICER_PROMPT.en.format(login=login)),
        "--officer-password-from",
    )
    done = sign_in(store, login, password, now=now or dt.datetime.now(), via=Via.COMMAND)
    if done.must_change and not allow_must_change:
        raise PasswordMustChange(MUST_CHANGE, login=done.officer.login)
    return done.officer


def authorised(
    args: argparse.Namespace,
    store: Store,
    permissions: Permission | tuple[Permission, ...],
    secrets: SecretReader | None = None,
    *,
    now: dt.datetime | None = None,
) -> Officer | None:
    """The signed-in officer, once the table lets their role do every one of
    ``permissions`` (``RoleRefused``, exit 7, naming the roles that may); None only while
    the store has no account at all (nobody could sign in: the counter is being set up)."""
    from app.officers.accounts import has_accounts

    wanted = permissions if isinstance(permissions, tuple) else (permissions,)
    if args.officer is None:
        if not has_accounts(store):
            return None
        raise UsageError(sign_in_needed(wanted[0]))
    officer = signed_in(args, store, secrets, now=now)
    for permission in wanted:
        require(officer, permission)
    return officer


def actor_of(officer: Officer | None) -> str:
    """The login the trail records for an IT command (``NOBODY_SIGNED_IN`` before any)."""
    return NOBODY_SIGNED_IN if officer is None else officer.login


def sign_in_needed(permission: Permission) -> str:
    roles = [ROLE_NAMES[role] for role in roles_that_may(permission)]
    either = Message(OR.vi.join(r.vi for r in roles), OR.en.join(r.en for r in roles))
    return SIGN_IN_NEEDED(action=PERMISSION_NAMES[permission], roles=either)
