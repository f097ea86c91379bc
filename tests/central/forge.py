"""What a point can send by hand with its own login, bypassing the program: the writes the
trust tests show the centre refusing (or recording)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from app.dossier_code import format_code
from tests.central.conftest import Central

Connection = psycopg.Connection[tuple[Any, ...]]


def as_point(central: Central, point: str) -> Connection:
    """A session of the point's own login role."""
    return psycopg.connect(central.point_url(central.role(point)), autocommit=True)


def claim(connection: Connection, table: str, row_id: str, seq: int) -> str:
    """Claim an operation of the point's own making for ``row_id`` (as the push does)."""
    op_id = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO motcua.applied_operation (op_id, table_name, row_id, origin_seq) "
        "VALUES (%s, %s, %s, %s)",
        [op_id, table, row_id, seq],
    )
    return op_id


def insert_dossier(
    connection: Connection,
    agency: str,
    day: dt.date,
    serial: int,
    *,
    code: str | None = None,
    seq: int = 1,
) -> str:
    """A dossier numbered ``agency``-``day``-``serial``, written under a claimed operation
    in one transaction, the way the push writes one; its id."""
    dossier_id = str(uuid.uuid4())
    with connection.transaction():
        claim(connection, "dossier", dossier_id, seq)
        connection.execute(
            "INSERT INTO motcua.dossier (id, code, code_agency, code_day, code_serial, status, "
            "procedure_id, channel, catalogue_version, applicant_name, applicant_id_number, "
            "applicant_json, received_at, fee_vnd, result_delivery, delivery_address, officer, "
            "receiving_point, counter_number, origin_device, origin_seq) VALUES (%s, %s, %s, "
            "%s, %s, 'accepted', 'doi-gtvt', 'direct', 'qd-4225-2021', 'x', '1', '{}', now(), "
            "0, 'counter', '', 'o', 'p', 1, %s, %s)",
            [
                dossier_id,
                code if code is not None else format_code(agency, day, serial),
                agency,
                day,
                serial,
                str(uuid.uuid4()),
                seq,
            ],
        )
    return dossier_id


@dataclass(frozen=True)
class Refusal:
    """What the centre's error tells the point: all of it, to compare two refusals."""

    sqlstate: str | None
    constraint: str | None
    message: str | None
    detail: str | None


def refusal(error: psycopg.Error) -> Refusal:
    diag = error.diag
    return Refusal(error.sqlstate, diag.constraint_name, diag.message_primary, diag.message_detail)
