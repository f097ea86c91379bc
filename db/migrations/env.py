"""Alembic environment: migrations run on the connection the store opened."""

from __future__ import annotations

from alembic import context

from db.models import Base

connection = context.config.attributes["connection"]
# render_as_batch: SQLite changes most columns by rebuilding the table.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
