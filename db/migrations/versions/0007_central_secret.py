"""The central database's password out of the store; the host IT staff allowed unverified.

Revision ID: 0007
Revises: 0006

Before issue 13, ``motcua sync --url`` kept the URL as typed, password included, in
``sync_state.central_url``. This upgrade takes the password out of it and writes it to the
data folder's password file (``db.sync.passfile``: created 0600, libpq's format), so that
from the upgrade's commit on, the store holds no password; the program reads it from that
file, and moves it to the platform's credential store where one answers
(``app.central_secret``). A migration cannot reach the credential store (the store is opened
by the sync thread and by tools with no user session): the file is its only safe place.
The old row is overwritten with ``secure_delete`` on, so its bytes do not linger in a free
page. The copy taken before the upgrade (``backups/motcua.before-0006-…``) still holds the
old URL: it is 0600 like the store, and goes with the other backups after the days kept.

- ``sync_state.unverified_host``: the one non-loopback host IT staff allowed without
  ``sslmode=verify-full`` (``motcua sync --allow-unverified-host HOST``).

No synced table changes: the outbox gets no operation from this upgrade.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.central.urls import password_in, without_password
from db.sync.passfile import PASSFILE, write_password

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as table:
        table.add_column(sa.Column("unverified_host", sa.Text(), nullable=True))
    connection = op.get_bind()
    url = connection.execute(sa.text("SELECT central_url FROM sync_state")).scalar()
    if not url or password_in(url) is None:
        return
    folder = _store_folder(connection)
    if folder is not None:  # an in-memory store (a test's) has no folder: the password goes
        write_password(folder / PASSFILE, without_password(url), password_in(url))
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    connection.execute(
        sa.text("UPDATE sync_state SET central_url = :url"), {"url": without_password(url)}
    )


def _store_folder(connection: sa.Connection) -> Path | None:
    for _seq, name, file in connection.exec_driver_sql("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent
    return None


def downgrade() -> None:
    # The password stays where it was moved: a downgraded store syncs after IT staff give
    # the URL again (an old version cannot read the password file).
    with op.batch_alter_table("sync_state") as table:
        table.drop_column("unverified_host")
