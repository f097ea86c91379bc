"""Corrections of stored dossiers at the centre (schema 2): pushed like every other change,
the replaced licences kept and marked, each point's corrections its own."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.corrections import correct_dossier
from app.dossier.request import DossierRequest
from app.reception import Receipt, receive
from db.central.roles import Roles
from db.central.schema import SCHEMA_VERSION, _config, init_central
from db.central.urls import sqlalchemy_url
from db.store import Store
from db.sync.errors import Incompatible
from db.sync.round import CounterIdentity, sync_round
from tests.accounts import SUPERVISOR
from tests.central.compare import assert_central_matches
from tests.central.conftest import AGENCY, Central, counter_store
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, corrected_request, prepared

LATER = DAY + dt.timedelta(hours=2)


def _receive(store: Store, request: DossierRequest, number: int = 1) -> Receipt:
    catalogue, timetable = prepared()
    return receive(
        request,
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(number),
        store=store,
        received_at=DAY,
    )


def _correct(store: Store, key: str, request: DossierRequest, reason: str) -> int:
    catalogue, _ = prepared()
    return correct_dossier(store, catalogue, key, request, reason, SUPERVISOR, LATER).revision


def _foreign(country: str) -> DossierRequest:
    """A foreign licence whose material was not recorded (no rule of doi-nuoc-ngoai reads it)."""
    request = example_request("doi-nuoc-ngoai")
    licence = request.licences[0].model_copy(update={"material": None, "country": country})
    return request.model_copy(update={"licences": [licence]})


def test_a_correction_reaches_the_centre(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    local = _receive(store, example_request())
    foreign = _receive(store, _foreign("KR"))
    assert sync_round(store).pushed.rejected == 0
    # One correction after the dossier reached the centre, two before the next round.
    assert _correct(store, local.dossier_id, corrected_request(), "Gõ sai") == 1
    assert _correct(store, foreign.dossier_id, _foreign("JP"), "Nhầm nước cấp") == 1
    again = corrected_request()
    applicant = again.applicant.model_copy(update={"phone": "0903 123 457"})
    assert (
        _correct(
            store,
            local.dossier_id,
            again.model_copy(update={"applicant": applicant}),
            "Số điện thoại",
        )
        == 2
    )
    report = sync_round(store)
    store.close()
    assert report.pushed.rejected == 0
    assert_central_matches(central, [tmp_path])
    with central.admin() as connection:
        dossier = connection.execute(
            "SELECT applicant_name, (SELECT request_json FROM motcua.reception_round r "
            "WHERE r.dossier_id = d.id) FROM motcua.dossier d WHERE id = %s",
            [local.dossier_id],
        ).fetchone()
        corrections = connection.execute(
            "SELECT revision, reason, officer, fields_json FROM motcua.dossier_correction "
            "WHERE dossier_id = %s ORDER BY revision",
            [local.dossier_id],
        ).fetchall()
        licences = connection.execute(
            "SELECT dossier_id::text, number, material, country, replaced_in "
            "FROM motcua.dossier_licence ORDER BY dossier_id, replaced_in NULLS LAST"
        ).fetchall()
    assert dossier is not None and dossier[0] == "Nguyễn Văn Ân" and "Nguyễn Văn Ân" in dossier[1]
    assert corrections == [
        (1, "Gõ sai", SUPERVISOR.full_name, '["applicant.full_name", "licences[0].number"]'),
        (2, "Số điện thoại", SUPERVISOR.full_name, '["applicant.phone"]'),
    ]
    # Nothing deleted: the replaced licences stay, marked with the revision that replaced them.
    assert sorted(licences, key=lambda row: (row[0] != local.dossier_id, row[4] or 99)) == [
        (local.dossier_id, "790123456789", "pet", None, 1),
        (local.dossier_id, "790123456788", "pet", None, None),
        (foreign.dossier_id, "11-19-123456-70", None, "KR", 1),
        (foreign.dossier_id, "11-19-123456-70", None, "JP", None),
    ]


def test_a_counter_does_not_push_to_a_centre_of_schema_1(central: Central, tmp_path: Path) -> None:
    """It may push a licence without its material, a country, a correction (schema 2), and
    claims each operation with its row (schema 3), sends its audit trail (schema 4), its
    officers' password changes and voids (schema 5), status changes (schema 6): schema 6
    only."""
    store = counter_store(tmp_path, central.add_point("q3"))  # registered at schema 3
    engine = create_engine(sqlalchemy_url(central.admin_url), poolclass=NullPool)
    with engine.begin() as connection:
        config = _config(Roles(central.prefix))
        config.attributes["connection"] = connection
        command.downgrade(config, "c0001")  # a centre not yet upgraded
    engine.dispose()
    _receive(store, _foreign("KR"))
    with pytest.raises(Incompatible, match="has schema 1; this program needs 6 or newer"):
        sync_round(store)
    assert init_central(central.admin_url, central.prefix).schema_version == SCHEMA_VERSION
    # The upgraded centre holds no reserve yet: the round registers the counter again.
    report = sync_round(store, counter=CounterIdentity(AGENCY, 1, 500))
    assert report.reserve is not None and (report.reserve.first, report.reserve.last) == (1, 500)
    assert report.pushed.rejected == 0
    store.close()
    assert_central_matches(central, [tmp_path])


Connection = psycopg.Connection[tuple[Any, ...]]


def _denied(connection: Connection, statement: str, *params: object) -> str:
    with pytest.raises(psycopg.Error) as caught:
        connection.execute(statement, list(params))
    return caught.value.sqlstate or ""


def test_a_point_reaches_only_its_own_corrections(central: Central, tmp_path: Path) -> None:
    stores = {}
    for point, number in (("a", 1), ("b", 2)):
        store = counter_store(tmp_path / point, central.add_point(point), number)
        receipt = _receive(store, example_request(), number)
        _correct(store, receipt.dossier_id, corrected_request(), f"Gõ sai ở {point}")
        assert sync_round(store).pushed.rejected == 0
        store.close()
        stores[point] = receipt
    b_dossier = stores["b"].dossier_id
    with central.admin() as admin:
        b_round = admin.execute(
            "SELECT id::text FROM motcua.reception_round WHERE dossier_id = %s", [b_dossier]
        ).fetchone()
    assert b_round is not None
    with psycopg.connect(central.point_url(central.role("a")), autocommit=True) as a:
        # Row-level security: B's correction is not there for A, nor can A change it.
        assert a.execute("SELECT reason FROM motcua.dossier_correction").fetchall() == [
            ("Gõ sai ở a",)
        ]
        changed = a.execute(
            "UPDATE motcua.dossier_correction SET reason = 'x' WHERE dossier_id = %s", [b_dossier]
        )
        assert changed.rowcount == 0
        insert = (
            "INSERT INTO motcua.dossier_correction (id, dossier_id, round_id, revision, "
            "corrected_at, officer, reason, fields_json, before_json, after_json, "
            "origin_device, origin_seq{extra}) VALUES (%s, %s, %s, 2, now(), 'o', 'r', '[]', "
            "'{{}}', '{{}}', %s, 1{value})"
        )
        # A correction under B's dossier: the foreign key includes the owner.
        assert (
            _denied(
                a,
                insert.format(extra="", value=""),
                str(uuid.uuid4()),
                b_dossier,
                b_round[0],
                str(uuid.uuid4()),
            )
            == "23503"
        )
        # Nor as B: point_role is not a point's column to write.
        assert (
            _denied(
                a,
                insert.format(extra=", point_role", value=", %s"),
                str(uuid.uuid4()),
                b_dossier,
                b_round[0],
                str(uuid.uuid4()),
                central.role("b"),
            )
            == "42501"
        )
        # Nor a centre-owned column of its own correction.
        assert (
            _denied(
                a,
                "UPDATE motcua.dossier_correction SET version = 9 WHERE dossier_id = %s",
                stores["a"].dossier_id,
            )
            == "42501"
        )
    with central.admin() as admin:
        assert admin.execute(
            "SELECT reason FROM motcua.dossier_correction WHERE dossier_id = %s", [b_dossier]
        ).fetchall() == [("Gõ sai ở b",)]
