"""The central database against the counters' stores: equal, row for row, and nothing twice."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db.models import Base, OutboxOperation
from db.store import Store
from db.sync.tables import PHOTO, SYNCED_TABLES
from tests.central.conftest import Central

Rows = dict[str, dict[str, tuple[Any, ...]]]


def _normal(value: object) -> object:
    return str(value) if isinstance(value, uuid.UUID) else value


def local_rows(data_dirs: Sequence[Path]) -> tuple[Rows, int]:
    """Every synced row of the stores by table and id, and how many operations they sent."""
    rows: Rows = {}
    operations = 0
    for data_dir in data_dirs:
        store = Store.in_data_dir(data_dir)
        with store.reading() as session:
            for name in SYNCED_TABLES:
                if name == PHOTO:
                    continue
                table = Base.metadata.tables[name]
                for row in session.execute(select(table)):
                    rows.setdefault(name, {})[str(row[0])] = tuple(row)
            operations += session.scalar(select(func.count()).select_from(OutboxOperation)) or 0
        store.close()
    return rows, operations


def assert_central_matches(central: Central, data_dirs: Sequence[Path]) -> int:
    """The central rows are exactly the stores' rows; returns how many rows that is."""
    expected, operations = local_rows(data_dirs)
    with central.admin() as connection:
        for name in SYNCED_TABLES:
            if name == PHOTO:
                continue
            columns = [column.name for column in Base.metadata.tables[name].columns]
            found = connection.execute(
                f"SELECT {', '.join(columns)} FROM motcua.{name}"  # names from our own models
            ).fetchall()
            actual = {str(row[0]): tuple(_normal(v) for v in row) for row in found}
            assert len(actual) == len(found)
            want = expected.get(name, {})
            missing = want.keys() - actual.keys()
            extra = actual.keys() - want.keys()
            assert not missing and not extra, f"{name}: {len(missing)} missing, {len(extra)} extra"
            different = [key for key in want if want[key] != actual[key]]
            assert not different, f"{name}: {len(different)} rows differ, e.g. {different[0]}"
        applied = connection.execute("SELECT count(*) FROM motcua.applied_operation").fetchone()
    assert applied == (operations,), "every operation applied exactly once"
    return sum(len(rows) for rows in expected.values())


def outbox_states(data_dir: Path) -> dict[str, int]:
    store = Store.in_data_dir(data_dir)
    with store.reading() as session:
        found = session.execute(
            select(OutboxOperation.state, func.count()).group_by(OutboxOperation.state)
        )
        states: dict[str, int] = dict(found.all())
    store.close()
    return states
