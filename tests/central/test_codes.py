"""A point's codes, leases and photos are its own: what it may not write with its own login,
and refusals that tell it nothing about other points."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import psycopg
import pytest

from db.store import Store
from db.sync.connection import connect
from db.sync.errors import SyncError
from db.sync.leases import lease_block
from db.sync.round import CounterIdentity, sync_round
from tests.central.conftest import AGENCY, Central, counter_store
from tests.central.forge import as_point, claim, insert_dossier, refusal
from tests.central.workload import receive_on, server_day

OTHER_AGENCY = "000.17.22.H57"


def _refused(write: object) -> psycopg.Error:
    assert callable(write)
    with pytest.raises(psycopg.Error) as refused:
        write()
    return refused.value


def test_a_point_cannot_take_another_agencys_codes_nor_serials_it_was_not_given(
    central: Central, tmp_path: Path
) -> None:
    url = central.add_point("a")
    day = server_day(url)
    others = {"b": OTHER_AGENCY, "c": AGENCY}  # b: another agency; c: A's agency
    for point, agency in others.items():
        point_url = central.add_point(point, agency=agency)
        counter_store(tmp_path / point, point_url, 1, agency=agency).close()
        receive_on(tmp_path / point, day, 1, 1, agency)  # their first codes: 0001
        store = Store.in_data_dir(tmp_path / point)
        assert sync_round(store).pushed.rejected == 0
        store.close()
    with as_point(central, "a") as a:
        # B's next code, in B's agency: refused before any key is looked at.
        error = _refused(lambda: insert_dossier(a, OTHER_AGENCY, day, 2))
        assert (error.sqlstate, error.diag.constraint_name) == ("23514", "dossier_code_own")
        # A's agency, but a code that does not say so, or says another serial.
        bad = f"{AGENCY}-{day:%y%m%d}-0009"
        error = _refused(lambda: insert_dossier(a, AGENCY, day, 1, code=bad))
        assert error.diag.constraint_name == "dossier_code_own"
        # A serial of the agency it was not given: C's 0001 (taken) and C's 0002 (free) are
        # refused alike, so the refusal says nothing about C's codes.
        # (A registered no counter: its counters' reserves hold nothing.)
        taken = refusal(_refused(lambda: insert_dossier(a, AGENCY, day, 1)))
        free = refusal(_refused(lambda: insert_dossier(a, AGENCY, day, 2)))
        assert taken.constraint == free.constraint == "dossier_serial_own"
        assert (taken.sqlstate, taken.detail) == (free.sqlstate, free.detail) == ("23514", None)
        assert taken.message == free.message.replace("serial 2 ", "serial 1 ")  # type: ignore[union-attr]
        # A leases, and numbers from its lease only.
        lease = lease_block(a, AGENCY, day, 10)
        assert lease is not None
        insert_dossier(a, AGENCY, day, lease.first)
        error = _refused(lambda: insert_dossier(a, AGENCY, day, lease.last + 1))
        assert error.diag.constraint_name == "dossier_serial_own"
    # B and C go on: nothing of theirs was taken or held back.
    for point, agency in others.items():
        receive_on(tmp_path / point, day, 1, 2, agency)
        store = Store.in_data_dir(tmp_path / point)
        report = sync_round(store, counter=CounterIdentity(agency, 1, 500))
        store.close()
        assert report.pushed.rejected == 0 and report.pushed.sent > 0


def test_a_code_never_changes_once_given(central: Central, tmp_path: Path) -> None:
    url = central.add_point("a")
    day = server_day(url)
    counter_store(tmp_path, url).close()
    with as_point(central, "a") as a:
        dossier = insert_dossier(a, AGENCY, day, 1)
        with pytest.raises(psycopg.errors.CheckViolation) as refused, a.transaction():
            claim(a, "dossier", dossier, 2)
            a.execute(
                "UPDATE motcua.dossier SET code = %s, code_serial = 2, origin_seq = 2 "
                "WHERE id = %s",
                [f"{AGENCY}-{day:%y%m%d}-0002", dossier],
            )
    assert refused.value.diag.constraint_name == "dossier_code_fixed"


def test_leases_are_bounded_per_call_per_day_and_to_today_and_tomorrow(central: Central) -> None:
    url = central.add_point("a")
    with connect(url) as connection:
        today = connection.execute("SELECT motcua.today()").fetchone()[0]  # type: ignore[index]

        def lease(day: dt.date, size: int) -> tuple[int, int] | None:
            row = connection.execute(
                "SELECT first_serial, last_serial FROM motcua.lease_serials(%s, %s)", [day, size]
            ).fetchone()
            return None if row is None else (row[0], row[1])

        refusals = {
            "a lease holds 1 to 500 serials": [(today, 9999), (today, 501), (today, 0)],
            "leased only for the centre's today": [
                (dt.date(2099, 1, 1), 10),
                (today + dt.timedelta(days=2), 10),
                (today - dt.timedelta(days=1), 10),
            ],
        }
        for said, calls in refusals.items():
            for day, size in calls:
                with pytest.raises(psycopg.errors.InvalidParameterValue, match=said):
                    lease(day, size)
        assert lease(today + dt.timedelta(days=1), 10) == (2001, 2010)  # tomorrow: yes
        # 3,000 serials a day per point: six leases of 500 less 100, then what is left.
        for n in range(5):
            assert lease(today, 500) == (2001 + 500 * n, 2500 + 500 * n)
        assert lease(today, 400) == (4501, 4900)
        assert lease(today, 500) == (4901, 5000)  # 100 left of the day's 3,000
        with pytest.raises(psycopg.errors.ProgramLimitExceeded, match="3000 serials"):
            lease(today, 1)
        # The counter says so in the round's problem, and numbers from its reserve.
        with pytest.raises(SyncError, match="no serials leased: this point has leased"):
            lease_block(connection, AGENCY, today, 100)
    # Another point of the agency has a day's bound of its own.
    with connect(central.add_point("b")) as connection:
        assert lease_block(connection, AGENCY, today, 500) is not None


def test_a_photo_belongs_to_one_of_the_points_dossiers(central: Central, tmp_path: Path) -> None:
    url = central.add_point("a")
    central.add_point("b")
    day = server_day(url)
    counter_store(tmp_path, url).close()
    with as_point(central, "b") as b:
        counter_store(tmp_path / "b", central.point_url(central.role("b")), 2).close()
        b_dossier = insert_dossier(b, AGENCY, day, 501)

    def photo(connection: psycopg.Connection[tuple[object, ...]], dossier: str | None) -> None:
        photo_id = str(uuid.uuid4())
        with connection.transaction():
            claim(connection, "photo", photo_id, 1)
            connection.execute(
                "INSERT INTO motcua.photo (id, dossier_id, kind, taken_at, sha256, byte_size, "
                "content, origin_device, origin_seq) "
                "VALUES (%s, %s, 'portrait', now(), sha256('x'), 1, 'x', %s, 1)",
                [photo_id, dossier, str(uuid.uuid4())],
            )

    with as_point(central, "a") as a:
        error = _refused(lambda: photo(a, None))
        assert (error.sqlstate, error.diag.constraint_name) == ("23514", "photo_dossier_needed")
        # B's dossier and no dossier at all are refused alike.
        theirs = refusal(_refused(lambda: photo(a, b_dossier)))
        nobody = refusal(_refused(lambda: photo(a, str(uuid.uuid4()))))
        assert theirs == nobody and theirs.sqlstate == "23503"
        photo(a, insert_dossier(a, AGENCY, day, 1))


def test_a_child_row_under_another_points_dossier_reveals_nothing(
    central: Central, tmp_path: Path
) -> None:
    """Unique keys that include the parent (a round's number, one re-appointment) would tell
    whether another point's dossier exists; the owner is checked first."""
    url = central.add_point("a")
    central.add_point("b")
    day = server_day(url)
    counter_store(tmp_path / "b", central.point_url(central.role("b")), 2).close()
    with as_point(central, "b") as b:
        b_dossier = insert_dossier(b, AGENCY, day, 501)
        with b.transaction():
            round_id = str(uuid.uuid4())
            claim(b, "reappointment", round_id, 2)
            b.execute(
                "INSERT INTO motcua.reappointment (id, dossier_id, previous_due_at, new_due_at, "
                "reason, decided_at, officer, origin_device, origin_seq) "
                "VALUES (%s, %s, now(), now(), 'r', now(), 'o', %s, 2)",
                [round_id, b_dossier, str(uuid.uuid4())],
            )

    def reappoint(connection: psycopg.Connection[tuple[object, ...]], dossier: str) -> None:
        row_id = str(uuid.uuid4())
        with connection.transaction():
            claim(connection, "reappointment", row_id, 1)
            connection.execute(
                "INSERT INTO motcua.reappointment (id, dossier_id, previous_due_at, "
                "new_due_at, reason, decided_at, officer, origin_device, origin_seq) "
                "VALUES (%s, %s, now(), now(), 'r', now(), 'o', %s, 1)",
                [row_id, dossier, str(uuid.uuid4())],
            )

    with as_point(central, "a") as a:
        theirs = refusal(_refused(lambda: reappoint(a, b_dossier)))
        nobody = refusal(_refused(lambda: reappoint(a, str(uuid.uuid4()))))
    assert theirs == nobody and theirs.sqlstate == "23503"  # never reappointment_once_key
