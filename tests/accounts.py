"""Officer accounts for tests: an IT admin, an officer and a supervisor, ready to sign in.

The hashes are made once per test run (argon2id takes a fifth of a second each) and
written as accounts whose first password change is done, so a test signs in at once.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher

from app.officers.identity import Officer, Role
from app.officers.passwords import hash_password
from db.officers import LOCAL, AccountRow, put_account
from db.store import Store

IT_ADMIN = Officer("it.admin", "Trần Quốc Tuấn", Role.IT)
OFFICER = Officer("lan", "Nguyễn Thị Lan", Role.OFFICER)
SUPERVISOR = Officer("hoa", "Lê Thị Hoa", Role.SUPERVISOR)
EVERYONE = (IT_ADMIN, OFFICER, SUPERVISOR)
PASSWORDS = {
    IT_ADMIN.login: "it keeps the counters running",
    OFFICER.login: "lan receives dossiers all day",
    SUPERVISOR.login: "hoa signs what matters",
}
SET_UP_AT = dt.datetime(2026, 1, 5, 8, 0)


@cache
def password_hash(login: str) -> str:
    return hash_password(PASSWORDS[login])


@cache
def quick_password_hash(login: str) -> str:
    """An argon2id hash with the smallest parameters: the program verifies it as any other
    (the parameters are in the hash), in a millisecond. For tests that sign in thousands
    of times to check something else (``tests/app/cli/test_no_traceback.py``)."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORDS[login])


def add_officers(store: Store, *officers: Officer, quick: bool = False) -> None:
    """The accounts (all three when none is named), as local accounts already in use;
    ``quick``: with hashes that are fast to verify (``quick_password_hash``)."""
    hashed = quick_password_hash if quick else password_hash
    with store.transaction() as session:
        for officer in officers or EVERYONE:
            put_account(
                session,
                AccountRow(
                    officer.login,
                    officer.full_name,
                    str(officer.role),
                    hashed(officer.login),
                    False,
                    False,
                    LOCAL,
                    None,
                    SET_UP_AT,
                ),
            )


def password_file(folder: Path, officer: Officer) -> Path:
    """The officer's password in a file of ``folder``, for ``--officer-password-from``."""
    path = folder / f"{officer.login}.password"
    path.write_text(PASSWORDS[officer.login] + "\n", encoding="utf-8")
    return path


def sign_in_args(folder: Path, officer: Officer) -> list[str]:
    """``--officer LOGIN --officer-password-from FILE`` for a command run as ``officer``."""
    return [
        "--officer",
        officer.login,
        "--officer-password-from",
        str(password_file(folder, officer)),
    ]
