"""Start-up migrations: a fresh store is created at the newest schema; an older one is
copied before it is upgraded, and the copy holds every dossier."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

import db.migrate
from app.catalogue.model import Catalogue
from app.reception import Timetable, receive
from db.dossiers import dossier_by_key
from db.migrate import _config, head_revision
from db.records import DossierKey
from db.store import Store
from tests.db.conftest import counter, example_request

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


def test_a_store_from_before_corrections_keeps_its_dossiers(
    tmp_path: Path, catalogue: Catalogue, timetable: Timetable
) -> None:
    """0004: a licence's material may be unrecorded and its country is kept; corrections get
    their table. A store at 0003 keeps every row, and the upgrade sends nothing to the centre."""
    store = Store.in_data_dir(tmp_path)
    receipt = receive(
        example_request("doi-nuoc-ngoai"),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=dt.datetime(2026, 11, 23, 9, 10),
    )
    config = _config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")  # a counter installed before this revision
    store.close()
    file = tmp_path / "motcua.sqlite3"
    with sqlite3.connect(file) as old:
        columns = [row[1] for row in old.execute("PRAGMA table_info(dossier_licence)")]
        assert "country" not in columns
        licences = old.execute("SELECT id, number, material FROM dossier_licence").fetchall()
        operations = old.execute("SELECT count(*) FROM sync_outbox").fetchone()
    old.close()

    store = Store.in_data_dir(tmp_path)
    assert store.backup_taken is not None
    assert store.backup_taken.name.startswith("motcua.before-0003-")
    found = dossier_by_key(store, DossierKey(id=receipt.dossier_id))
    store.close()
    assert found is not None and found.applicant_name == "Kim Min-jun"
    assert [(lic.number, lic.material, lic.country) for lic in found.licences] == [
        ("11-19-123456-70", "pet", None)  # the country was not kept before
    ]
    with sqlite3.connect(file) as upgraded:
        assert (
            upgraded.execute(
                "SELECT id, number, material FROM dossier_licence WHERE replaced_in IS NULL"
            ).fetchall()
            == licences
        )
        assert upgraded.execute("SELECT count(*) FROM sync_outbox").fetchone() == operations
        assert upgraded.execute("SELECT count(*) FROM dossier_correction").fetchone() == (0,)
        # A licence whose material was not recorded can be stored now.
        upgraded.execute(
            "INSERT INTO dossier_licence (id, dossier_id, number, classes, issuing_authority, "
            "issuer, material, country) VALUES ('l2', ?, '1', 'B', '', 'nuoc-ngoai', NULL, 'KR')",
            [receipt.dossier_id],
        )
    upgraded.close()
