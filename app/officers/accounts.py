"""Officer accounts at this counter: adding, disabling, resetting, listing, and an
officer changing their own password.

IT staff manage the local accounts (``motcua officer …``, ``Permission.MANAGE_OFFICERS``);
accounts of the centre are managed there (``motcua central officer …``) and refused
here. A password IT sets (a new account, a reset) must be changed at the next sign-in.
Every change is recorded in the audit trail in the same transaction (``officer-change``:
the login and what changed, never the name or a hash).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from app.failures import NotFound, PolicyRefusal
from app.i18n import Message, Refusal
from app.officers.identity import Officer, Role, is_login
from app.officers.passwords import check_new_password, hash_password
from app.permissions import Authority, Permission, require
from db.audit import AuditAction, AuditEntry
from db.officers import (
    CENTRAL,
    LOCAL,
    AccountExists,
    AccountMissing,
    AccountRow,
    NotFirstAccount,
    insert_account,
    list_accounts,
    update_account,
)
from db.store import Store

BAD_LOGIN = Message(
    "Tên đăng nhập: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới,"
    " tối đa 40 ký tự, bắt đầu bằng chữ hoặc số (ví dụ: lan.nguyen)",
    "Login: lower-case letters without accents, digits, dot, dash or underscore, at most 40"
    " characters, starting with a letter or digit (for example: lan.nguyen)",
)
BAD_NAME = Message(
    "Họ và tên: cần một dòng, từ 1 đến 100 ký tự", "Full name: one line of 1 to 100 characters"
)
LOGIN_TAKEN = Message(
    "Tên đăng nhập {login} đã có tài khoản", "The login {login} already has an account"
)
NO_ACCOUNT = Message(
    "Không có tài khoản {login} tại quầy này", "There is no account {login} at this counter"
)
MANAGED_CENTRALLY = Message(
    "Tài khoản {login} do trung tâm quản lý; cán bộ IT dùng lệnh: motcua central officer …",
    "The account {login} is managed at the centre; IT staff use: motcua central officer …",
)
FIRST_ACCOUNT_IT = Message(
    "Tài khoản đầu tiên của quầy phải là tài khoản cán bộ IT (vai trò it)",
    "The counter's first account must be an IT staff account (role it)",
)
NOT_FIRST = Message(
    "Quầy đã có tài khoản; cán bộ IT đăng nhập để thêm tài khoản",
    "The counter already has accounts; IT staff sign in to add one",
)


class AccountRefused(Refusal):
    """The account cannot be added or changed as asked; the message names the field."""


def officer_of(row: AccountRow) -> Officer:
    return Officer(row.login, row.full_name, Role(row.role))


def accounts(store: Store) -> list[AccountRow]:
    return list_accounts(store)


def has_accounts(store: Store) -> bool:
    return bool(list_accounts(store))


def check_login(login: str) -> str:
    if not is_login(login):
        raise AccountRefused(BAD_LOGIN)
    return login


def check_full_name(name: str) -> str:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 100 or not name.isprintable():
        raise AccountRefused(BAD_NAME)
    return name


def add_account(
    store: Store,
    who: Officer | Authority | None,
    login: str,
    full_name: str,
    role: Role,
    password: str,
    *,
    minimum_length: int,
    now: dt.datetime,
) -> Officer:
    """A local account whose password must be changed at its first sign-in.

    ``who`` is None only for the first account of a store that has none (IT staff
    setting the counter up): that account must be IT's, its record names itself, and
    its password (chosen by that person) need not be changed."""
    if who is None and role is not Role.IT:
        raise AccountRefused(FIRST_ACCOUNT_IT)
    if who is not None:
        require(who, Permission.MANAGE_OFFICERS)
    check_login(login)
    full_name = check_full_name(full_name)
    check_new_password(password, login, minimum_length)
    # A password IT sets for someone else must be changed at its first use; the first IT
    # account's password was just chosen by the person who will use it.
    must_change = who is not None
    row = AccountRow(
        login, full_name, str(role), hash_password(password), must_change, False, LOCAL, None, now
    )
    actor = login if who is None else _actor(who)
    try:
        insert_account(store, row, _entry(actor, login, "added", role=str(role)), first=who is None)
    except NotFirstAccount:
        raise PolicyRefusal(NOT_FIRST) from None
    except AccountExists:
        raise AccountRefused(LOGIN_TAKEN, login=login) from None
    return officer_of(row)


def disable_account(store: Store, who: Officer | Authority, login: str, now: dt.datetime) -> None:
    """The account can no longer sign in at this counter (its records stay)."""
    _change_local(
        store, who, login, "disabled", lambda row: replace(row, disabled=True, changed_at=now)
    )


def enable_account(store: Store, who: Officer | Authority, login: str, now: dt.datetime) -> None:
    _change_local(
        store, who, login, "enabled", lambda row: replace(row, disabled=False, changed_at=now)
    )


def reset_password(
    store: Store,
    who: Officer | Authority,
    login: str,
    password: str,
    *,
    minimum_length: int,
    now: dt.datetime,
) -> None:
    """IT staff set a new password, to be changed at the next sign-in."""
    check_new_password(password, login, minimum_length)
    password_hash = hash_password(password)
    _change_local(
        store,
        who,
        login,
        "password-reset",
        lambda row: replace(row, password_hash=password_hash, must_change=True, changed_at=now),
    )


def change_own_password(
    store: Store, officer: Officer, new_password: str, *, minimum_length: int, now: dt.datetime
) -> None:
    """The signed-in officer chose a new password (after signing in with the old one).

    An account of the centre works here with it at once and sends the new hash to the
    centre, which takes it unless IT reset the account meanwhile."""
    check_new_password(new_password, officer.login, minimum_length)
    password_hash = hash_password(new_password)
    try:
        update_account(
            store,
            officer.login,
            lambda row: replace(
                row, password_hash=password_hash, must_change=False, changed_at=now
            ),
            _entry(officer.login, officer.login, "password-changed"),
        )
    except AccountMissing:
        raise NotFound(NO_ACCOUNT, login=officer.login) from None


def _change_local(
    store: Store,
    who: Officer | Authority,
    login: str,
    what: str,
    change: Callable[[AccountRow], AccountRow],
) -> None:
    require(who, Permission.MANAGE_OFFICERS)

    def local_only(row: AccountRow) -> AccountRow:
        if row.origin == CENTRAL:
            raise PolicyRefusal(MANAGED_CENTRALLY, login=login)
        return change(row)

    try:
        update_account(store, login, local_only, _entry(_actor(who), login, what))
    except AccountMissing:
        raise NotFound(NO_ACCOUNT, login=login) from None


def _actor(who: Officer | Authority) -> str:
    return who.actor.login if isinstance(who, Authority) else who.login


def _entry(actor: str, login: str, change: str, **more: str) -> AuditEntry:
    return AuditEntry(AuditAction.OFFICER_CHANGE, actor, {"login": login, "change": change, **more})
