"""Creating or upgrading the central schema: Alembic, with its own script folder.

``SCHEMA_VERSION`` is what the newest migration writes into
``motcua.schema_info``; counters compare it (and the minimum client protocol
stored beside it) before they push anything (``db.sync.compat``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from db.central.admin import Target, admin_engine
from db.central.roles import Roles

SCHEMA = "motcua"
SCHEMA_VERSION = 8
MIGRATIONS = Path(__file__).with_name("migrations")


class CentralSchemaError(Exception):
    """The central database cannot be initialised as asked; the message says why."""


class CentralDatabaseError(CentralSchemaError):
    """The database refused or failed (cannot connect, no permission, …): its first line."""


@dataclass(frozen=True)
class CentralInfo:
    revision: str
    schema_version: int
    min_client_protocol: int
    role_prefix: str


def _config(roles: Roles) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["roles"] = roles
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config(Roles("motcua"))).get_current_head()
    assert head is not None, "db/central/migrations has no revision"
    return head


def init_central(target: Target, role_prefix: str) -> CentralInfo:
    """Create the schema and roles, or bring them to the newest revision; one transaction.

    ``target``: an administrator's URL, or ``AdminLogin`` with its password apart
    (``db.central.admin``). Raises ``CentralDatabaseError`` with the database's first line
    when it fails."""
    try:
        return _init_central(target, role_prefix)
    except DBAPIError as error:
        raise CentralDatabaseError(first_line(error.orig)) from error


def first_line(error: object) -> str:
    """What the database said, in one line (its name when it said nothing)."""
    message = str(error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def _init_central(target: Target, role_prefix: str) -> CentralInfo:
    roles = Roles(role_prefix)
    engine = admin_engine(target)
    try:
        with engine.begin() as connection:
            # One initialiser at a time: a second waits, then finds the schema up to date.
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('motcua.init'))"))
            existing = _stored_prefix(connection)
            if existing is not None and existing != role_prefix:
                raise CentralSchemaError(
                    f"this central database uses the role prefix {existing!r}, not {role_prefix!r}"
                )
            config = _config(roles)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            row = connection.execute(
                text(
                    "SELECT schema_version, min_client_protocol, role_prefix "
                    f"FROM {SCHEMA}.schema_info"
                )
            ).one()
            revision = MigrationContext.configure(
                connection, opts={"version_table_schema": SCHEMA}
            ).get_current_revision()
    finally:
        engine.dispose()
    assert revision is not None
    return CentralInfo(revision, row[0], row[1], row[2])


def _stored_prefix(connection: Connection) -> str | None:
    found = connection.execute(
        text("SELECT to_regclass(:table)"), {"table": f"{SCHEMA}.schema_info"}
    ).scalar()
    if found is None:
        return None
    prefix: str | None = connection.execute(
        text(f"SELECT role_prefix FROM {SCHEMA}.schema_info")
    ).scalar()
    return prefix
