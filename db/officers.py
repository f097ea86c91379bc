"""Officer accounts in the store: the SQL of ``app.officers``.

An account row holds the argon2id hash, never a password. Local accounts are
written here by ``motcua officer …`` and the set-up assistant; accounts of the
centre arrive through sync (``apply_central_accounts``, called by ``db.sync.pull``),
and a higher central version replaces what the counter holds, whichever origin it
had: the centre wins on a login both know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.models import AuditRecord, OfficerAccount, OfficerPasswordChange
from db.store import Store

LOCAL, CENTRAL = "local", "central"


@dataclass(frozen=True)
class AccountRow:
    login: str
    full_name: str
    role: str
    password_hash: str
    must_change: bool
    disabled: bool
    origin: str
    central_version: int | None
    changed_at: dt.datetime


def _row(account: OfficerAccount) -> AccountRow:
    return AccountRow(
        account.login,
        account.full_name,
        account.role,
        account.password_hash,
        account.must_change,
        account.disabled,
        account.origin,
        account.central_version,
        account.changed_at,
    )


def find_account(session: Session, login: str) -> AccountRow | None:
    account = session.get(OfficerAccount, login)
    return None if account is None else _row(account)


def account_in(store: Store, login: str) -> AccountRow | None:
    """The account ``login`` as the store holds it now (None: no such account)."""
    with store.reading() as session:
        return find_account(session, login)


def list_accounts(store: Store) -> list[AccountRow]:
    with store.reading() as session:
        rows = session.scalars(select(OfficerAccount).order_by(OfficerAccount.login))
        return [_row(row) for row in rows]


def count_accounts(session: Session) -> int:
    return len(session.scalars(select(OfficerAccount.login)).all())


def put_account(session: Session, row: AccountRow) -> None:
    """Insert or replace the account ``row.login``."""
    session.merge(OfficerAccount(**row.__dict__))
    session.flush()


class AccountExists(Exception):
    """``insert_account``: the login has an account already."""


class NotFirstAccount(Exception):
    """``insert_account(first=True)``: the store has accounts already."""


class AccountMissing(Exception):
    """``update_account``: no account has this login."""


def insert_account(store: Store, row: AccountRow, entry: AuditEntry, *, first: bool) -> None:
    """Add the account and its audit record in one transaction; ``first``: only into a
    store with no account at all (the counter's first IT account)."""
    with store.transaction() as session:
        if first and count_accounts(session):
            raise NotFirstAccount
        if session.get(OfficerAccount, row.login) is not None:
            raise AccountExists
        put_account(session, row)
        record_action(session, entry, station_of(store), at=row.changed_at)


def update_account(
    store: Store,
    login: str,
    change: Callable[[AccountRow], AccountRow],
    entry: AuditEntry,
) -> AccountRow:
    """Change the account as ``change`` says (it sees the stored row inside the transaction
    and may raise to refuse) and record ``entry``; a central account whose password hash
    changed also sends the new hash to the centre (``officer_password_change``)."""
    with store.transaction() as session:
        held = find_account(session, login)
        if held is None:
            raise AccountMissing
        changed = change(held)
        put_account(session, changed)
        if (
            changed.password_hash != held.password_hash
            and held.origin == CENTRAL
            and held.central_version is not None
            and not changed.must_change
        ):
            record_password_change(
                session, login, changed.password_hash, held.central_version, changed.changed_at
            )
        record_action(session, entry, station_of(store), at=changed.changed_at)
        return changed


def record_password_change(
    session: Session, login: str, password_hash: str, based_on_version: int, at: dt.datetime
) -> None:
    """A central account's new password, for the centre (synced through the outbox)."""
    session.add(
        OfficerPasswordChange(
            login=login,
            password_hash=password_hash,
            based_on_version=based_on_version,
            changed_at=at,
        )
    )
    session.flush()


def apply_central_accounts(session: Session, accounts: Iterable[AccountRow]) -> None:
    """Accounts the centre published: each replaces the counter's row unless the counter
    already holds that central version or a newer one."""
    for row in accounts:
        held = session.get(OfficerAccount, row.login)
        if (
            held is not None
            and held.origin == CENTRAL
            and (held.central_version or 0) >= (row.central_version or 0)
        ):
            continue
        put_account(session, row)


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt as the trail recorded it."""

    actor: str
    succeeded: bool
    at: dt.datetime


def recent_attempts(store: Store, since: dt.datetime) -> Sequence[Attempt]:
    with store.reading() as session:
        return attempts_since(session, since)


def attempts_since(session: Session, since: dt.datetime) -> Sequence[Attempt]:
    """Sign-ins and failed sign-ins recorded at this counter since ``since``, oldest first:
    what the throttle counts (``app.officers.throttle``)."""
    rows = session.execute(
        select(AuditRecord.actor, AuditRecord.action, AuditRecord.recorded_at)
        .where(AuditRecord.recorded_at >= since)
        .where(
            or_(
                AuditRecord.action == str(AuditAction.SIGN_IN),
                AuditRecord.action == str(AuditAction.SIGN_IN_FAILED),
            )
        )
        .order_by(AuditRecord.recorded_at, AuditRecord.seq)
    )
    return [Attempt(actor, action == str(AuditAction.SIGN_IN), at) for actor, action, at in rows]
