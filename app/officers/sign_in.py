"""Signing in at this counter, locking and unlocking, and a supervisor's approval.

The window and the commands both sign in here. Each attempt is checked against
the throttle first (``app.officers.throttle``: a wait is refused before any
password is hashed), then the account's argon2id hash; the outcome is recorded in
the audit trail (``sign-in`` or ``sign-in-failed``, with how: the window, a
command, an unlock or an approval), and those records are what the throttle
counts. The refusal never tells whether the login or the password was wrong.

Sign-in works offline: the accounts are in the store (local ones, and those the
centre published at the last sync). An account disabled at the centre can still
sign in here until this counter's next sync brings the change (docs/officers.md).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache

from app.audit import record
from app.i18n import Message
from app.officers.accounts import officer_of
from app.officers.identity import Officer, is_login
from app.officers.outcomes import SignedIn, SignInRefused, SignInWait
from app.officers.passwords import hash_password, verify_password
from app.officers.throttle import WINDOW, Throttle, throttle_for
from app.permissions import Authority, Permission, require
from db.audit import AuditAction
from db.officers import AccountRow, account_in, recent_attempts
from db.store import Store

UNKNOWN_ACTOR = "?"  # what the trail records when the typed login is not a login at all

WRONG = Message("Tên đăng nhập hoặc mật khẩu không đúng", "The login or the password is not right")
DISABLED = Message(
    "Tài khoản {login} đã bị khóa; hãy liên hệ cán bộ IT",
    "The account {login} is disabled; ask IT staff",
)


class Via(StrEnum):
    """How the attempt was made (recorded with it)."""

    WINDOW = "window"
    COMMAND = "command"
    UNLOCK = "unlock"
    APPROVAL = "approval"


@cache
def _no_account_hash() -> str:
    """Checked against when the login has no account, so a wrong login takes as long as a
    wrong password and the time does not tell which logins exist (made once, when first
    needed: hashing takes a fifth of a second)."""
    return hash_password("no account has this password")


def throttle(store: Store, login: str, now: dt.datetime) -> Throttle:
    """The wait before ``login`` may try again at this counter (zero: at once)."""
    return throttle_for(recent_attempts(store, now - WINDOW), login, now)


def sign_in(
    store: Store, login: str, password: str, *, now: dt.datetime, via: Via = Via.WINDOW
) -> SignedIn:
    """The officer ``login`` once the password is right; recorded either way."""
    row = _checked(store, login, password, now, via)
    record(store, AuditAction.SIGN_IN, row.login, {"via": str(via)}, now)
    return SignedIn(officer_of(row), row.must_change)


def unlock(store: Store, officer: Officer, password: str, *, now: dt.datetime) -> None:
    """The locked window opens again for the same officer only."""
    row = _checked(store, officer.login, password, now, Via.UNLOCK)
    record(store, AuditAction.UNLOCK, row.login, {}, now)


def approve(
    store: Store,
    actor: Officer,
    login: str,
    password: str,
    permission: Permission,
    *,
    now: dt.datetime,
) -> Authority:
    """A supervisor signs in at ``actor``'s counter for one action only: the authority to
    do it, or ``RoleRefused`` when the one who signed in may not approve it either."""
    row = _checked(store, login, password, now, Via.APPROVAL)
    approver = officer_of(row)
    authority = require(Authority(actor, approver), permission)
    record(
        store,
        AuditAction.SIGN_IN,
        approver.login,
        {"via": str(Via.APPROVAL), "for": str(permission), "at_counter_of": actor.login},
        now,
    )
    return authority


def lock(store: Store, officer: Officer, *, now: dt.datetime, idle: bool) -> None:
    record(store, AuditAction.LOCK, officer.login, {"idle": int(idle)}, now)


def sign_out(store: Store, officer: Officer, *, now: dt.datetime) -> None:
    record(store, AuditAction.SIGN_OUT, officer.login, {}, now)


def _checked(store: Store, login: str, password: str, now: dt.datetime, via: Via) -> AccountRow:
    login = login.strip().lower()
    waiting = throttle(store, login, now)
    if waiting.waiting:
        raise SignInWait(waiting)
    if not is_login(login):
        # Not even the form of a login (public, docs/officers.md): no account can match, and
        # hashing would only spend the counter's time.
        _failed(store, login, via, "unknown-login", now)
        raise SignInRefused(WRONG)
    row = account_in(store, login)
    right = verify_password(row.password_hash if row else _no_account_hash(), password)
    if row is None or not right:
        _failed(store, login, via, "unknown-login" if row is None else "password", now)
        raise SignInRefused(WRONG)
    if row.disabled:
        _failed(store, login, via, "disabled", now)
        raise SignInRefused(DISABLED, login=login)
    return row


def _failed(store: Store, login: str, via: Via, reason: str, now: dt.datetime) -> None:
    actor = login if is_login(login) else UNKNOWN_ACTOR
    record(store, AuditAction.SIGN_IN_FAILED, actor, {"via": str(via), "reason": reason}, now)
