"""Start-up migrations: a fresh store is created at the newest schema; an older one is
copied before it is upgraded, and the copy holds every dossier."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import db.migrate
from db.migrate import head_revision
from db.store import Store

NEXT_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("slip") as batch:
        batch.add_column(sa.Column("printer", sa.String(100), nullable=True))
"""


def test_a_new_store_is_at_the_newest_schema(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    assert store.backup_taken is None
    store.close()
    with sqlite3.connect(tmp_path / "motcua.sqlite3") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )


def test_an_upgrade_copies_the_store_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    head = head_revision()  # the revision a store is created at today
    Store.in_data_dir(data).close()
    with sqlite3.connect(data / "motcua.sqlite3") as connection:
        connection.execute(
            "INSERT INTO dossier (id, status, procedure_id, channel, catalogue_version, "
            "applicant_name, applicant_id_number, applicant_json, received_at, fee_vnd, "
            "result_delivery, delivery_address, officer, receiving_point, counter_number) "
            "VALUES ('d1', 'accepted', 'doi-gtvt', 'direct', 'qd-4225-2021', 'x', '1', '{}', "
            "'2026-11-23 09:10:00', 135000, 'counter', '', 'o', 'p', 1)"
        )

    migrations = tmp_path / "migrations"
    shutil.copytree(db.migrate.MIGRATIONS, migrations)
    (migrations / "versions" / "9999_next.py").write_text(
        NEXT_REVISION.format(head=head), encoding="utf-8"
    )
    monkeypatch.setattr(db.migrate, "MIGRATIONS", migrations)

    store = Store.in_data_dir(data)
    store.close()
    assert store.backup_taken is not None
    assert store.backup_taken.name.startswith(f"motcua.before-{head}-")
    with sqlite3.connect(store.backup_taken) as backup:
        assert backup.execute("SELECT id FROM dossier").fetchall() == [("d1",)]
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    with sqlite3.connect(data / "motcua.sqlite3") as upgraded:
        assert upgraded.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        columns = [row[1] for row in upgraded.execute("PRAGMA table_info(slip)")]
        assert "printer" in columns
        assert upgraded.execute("SELECT id FROM dossier").fetchall() == [("d1",)]
