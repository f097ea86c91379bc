"""Row-level security and column privileges: a point reaches its own rows, and only
the columns that are a point's to write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store
from tests.central.workload import counter_day

Connection = psycopg.Connection[tuple[Any, ...]]


@dataclass
class TwoPoints:
    a: Connection
    b_dossier: str
    b_round: str
    a_dossier: str
    central: Central


@pytest.fixture
def points(central: Central, tmp_path: Path) -> Iterator[TwoPoints]:
    ids: dict[str, tuple[str, str]] = {}
    for point, number in (("a", 1), ("b", 2)):
        counter_day(tmp_path / point, number, 1)
        store = counter_store(tmp_path / point, central.add_point(point), number)
        sync_round(store)
        store.close()
    with central.admin() as connection:
        for point in "ab":
            row = connection.execute(
                "SELECT d.id::text, r.id::text FROM motcua.dossier d "
                "JOIN motcua.reception_round r ON r.dossier_id = d.id "
                "WHERE d.point_role = %s LIMIT 1",
                [central.role(point)],
            ).fetchone()
            assert row is not None
            ids[point] = (row[0], row[1])
    with psycopg.connect(central.point_url(central.role("a")), autocommit=True) as a:
        yield TwoPoints(a, ids["b"][0], ids["b"][1], ids["a"][0], central)


def _denied(points: TwoPoints, statement: str, *params: object) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as caught:
        points.a.execute(statement, list(params))
    error = caught.value
    assert error.sqlstate in ("42501", "23503"), error
    return error


def test_a_point_cannot_read_another_points_rows(points: TwoPoints) -> None:
    # Row-level security filters reads: B's rows are simply not there for A.
    for table in ("dossier", "reception_round", "presented_item", "dossier_licence", "slip"):
        owners = points.a.execute(f"SELECT DISTINCT point_role FROM motcua.{table}").fetchall()
        assert owners == [(points.central.role("a"),)], table
    by_id = points.a.execute("SELECT * FROM motcua.dossier WHERE id = %s", [points.b_dossier])
    assert by_id.fetchall() == []
    assert points.a.execute(
        "SELECT count(*) FROM motcua.applied_operation WHERE point_role <> session_user"
    ).fetchone() == (0,)


def test_a_point_cannot_insert_rows_as_another_point(points: TwoPoints) -> None:
    error = _denied(
        points,
        "INSERT INTO motcua.dossier (id, point_role, status, procedure_id, channel, "
        "catalogue_version, applicant_name, applicant_id_number, applicant_json, received_at, "
        "fee_vnd, result_delivery, delivery_address, officer, receiving_point, counter_number, "
        "origin_device, origin_seq) VALUES (%s, %s, 'accepted', 'doi-gtvt', 'direct', 'v', 'x', "
        "'1', '{}', now(), 0, 'counter', '', 'o', 'p', 1, %s, 1)",
        str(uuid.uuid4()),
        points.central.role("b"),
        str(uuid.uuid4()),
    )
    assert error.sqlstate == "42501"  # point_role is not a point's column to write
    # Nor hang a row under B's dossier: children carry their owner in the foreign key.
    error = _denied(
        points,
        "INSERT INTO motcua.slip (id, dossier_id, kind, printed_at, print_number, officer, "
        "origin_device, origin_seq) VALUES (%s, %s, 'BM01', now(), 1, 'o', %s, 1)",
        str(uuid.uuid4()),
        points.b_dossier,
        str(uuid.uuid4()),
    )
    assert error.sqlstate == "23503"
    _denied(
        points,
        "INSERT INTO motcua.presented_item (id, round_id, item_id, item_name, quantity, "
        "presented_form, presented_count, status, origin_device, origin_seq) "
        "VALUES (%s, %s, 'x', 'x', 1, 'original', 1, 'ok', %s, 1)",
        str(uuid.uuid4()),
        points.b_round,
        str(uuid.uuid4()),
    )


def test_a_point_cannot_change_another_points_rows(points: TwoPoints) -> None:
    # The push path (an upsert) over B's row is refused outright.
    error = _denied(
        points,
        "INSERT INTO motcua.dossier (id, status, procedure_id, channel, catalogue_version, "
        "applicant_name, applicant_id_number, applicant_json, received_at, fee_vnd, "
        "result_delivery, delivery_address, officer, receiving_point, counter_number, "
        "origin_device, origin_seq) VALUES (%s, 'refused', 'doi-gtvt', 'direct', 'v', 'x', '1', "
        "'{}', now(), 0, 'counter', '', 'o', 'p', 1, %s, 99) "
        "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status",
        points.b_dossier,
        str(uuid.uuid4()),
    )
    assert error.sqlstate == "42501"
    # A plain UPDATE or DELETE cannot even see B's row: nothing changes.
    changed = points.a.execute(
        "UPDATE motcua.dossier SET status = 'refused' WHERE id = %s", [points.b_dossier]
    )
    assert changed.rowcount == 0
    _denied(points, "DELETE FROM motcua.dossier WHERE id = %s", points.b_dossier)
    with points.central.admin() as admin:
        assert admin.execute(
            "SELECT status FROM motcua.dossier WHERE id = %s", [points.b_dossier]
        ).fetchone() == ("accepted",)


CENTRAL_COLUMNS = [
    "UPDATE motcua.dossier SET central_status = 'result-ready' WHERE id = %s",
    "UPDATE motcua.dossier SET central_note = 'x' WHERE id = %s",
    "UPDATE motcua.dossier SET version = 100 WHERE id = %s",
    "UPDATE motcua.dossier SET updated_at = now() WHERE id = %s",
    "UPDATE motcua.dossier SET point_role = 'postgres' WHERE id = %s",
]
CENTRE_TABLES = [
    "INSERT INTO motcua.reference_item (kind, key, payload) VALUES ('fee', 'x', '1')",
    "INSERT INTO motcua.change_log (entity, entity_key, version, payload) "
    "VALUES ('reference', 'fee/x', 1, '{}')",
    "INSERT INTO motcua.serial_lease (agency_code, day, first_serial, last_serial, "
    "point_role) VALUES ('000.17.22.H56', current_date, 1, 10, session_user)",
    "UPDATE motcua.schema_info SET min_client_protocol = 0",
    "UPDATE motcua.change_log_horizon SET below = '0'",
    "SELECT motcua.prune_change_log('0')",
]


def test_a_point_cannot_write_a_central_column(points: TwoPoints) -> None:
    for statement in CENTRAL_COLUMNS:
        assert _denied(points, statement, points.a_dossier).sqlstate == "42501", statement


def test_a_point_cannot_write_what_the_centre_owns(points: TwoPoints) -> None:
    for statement in CENTRE_TABLES:
        assert _denied(points, statement).sqlstate == "42501", statement


def test_the_centre_writes_statuses_but_not_what_a_point_recorded(
    central: Central, points: TwoPoints
) -> None:
    with psycopg.connect(central.add_centre_login(), autocommit=True) as office:
        changed = office.execute(
            "UPDATE motcua.dossier SET central_status = 'result-ready' WHERE id = %s",
            [points.b_dossier],
        )
        assert changed.rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            office.execute(
                "UPDATE motcua.dossier SET applicant_name = 'x' WHERE id = %s", [points.b_dossier]
            )
    # B's status change is B's: A's counter never sees it in the change log.
    assert points.a.execute("SELECT count(*) FROM motcua.change_log").fetchone() == (0,)
