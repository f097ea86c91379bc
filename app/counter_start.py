"""What the window's start does with the counter's store before any session exists.

Whether the store's file holds an account is read with SQLite alone (``db.store_file``), so
the everyday start knows to show the sign-in dialog before the store's code is loaded; the
store itself is opened afterwards, on a thread of its own (``ui/store_opening.py``), with
SQLAlchemy, Alembic and the models imported there (issue 19).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from db.store_file import has_accounts_in
from db.store_name import STORE_FILE

if TYPE_CHECKING:
    from app.settings import Settings
    from db.store import Store

# The store as the window's start names it (``ui/`` imports nothing from ``db/``).
CounterStore: TypeAlias = "Store"


def store_has_accounts(data_dir: Path) -> bool:
    """Whether the counter's store holds an officer's account, read from its file without
    opening it; False when there is none yet or it cannot be read (then it is opened first,
    and says what is wrong with it)."""
    return has_accounts_in(data_dir / STORE_FILE)


def open_counter_store(data_dir: Path, settings: Settings) -> Store:
    """The counter's store, checked, migrated and backed up as ``app.store_ops.open_store``
    does; its stack is imported here, on the caller's thread."""
    from app.store_ops import open_store

    return open_store(data_dir, settings)
