"""Schema migrations at start-up, with a copy of the database taken first.

The copy is a backup like the daily ones (``db.backup``: SQLite's online
backup, verified, in the backups folder), named after the revision it was
taken at, so IT staff can restore it if an upgrade ever goes wrong
(``motcua restore FILE``). No upgrade starts without it.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

from db.backup import before_upgrade, take_backup
from db.store_failure import Fault, StoreFailure

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "db/migrations has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revision(revision: str) -> bool:
    """Whether this program has the migration ``revision`` (a newer program's store has not)."""
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def migrate(engine: Engine, path: Path, backups: Path) -> Path | None:
    """Bring the store to the newest schema; returns the backup taken first, if any."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    if current is not None:
        if not known_revision(current):
            raise StoreFailure(Fault.NEWER, path, f"schema {current}")
        backup = take_backup(path, backups, before_upgrade(current), dt.datetime.now())
        log.info("store backed up to %s before migrating from %s", backup.name, current)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
