"""A dossier's status between the counters and the centre (issue 14): what a counter records
reaches the centre, what the centre sets reaches the counter, and two counters handing the
same dossier back while offline are flagged, never merged."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from app.catalogue.loader import load_catalogue_for
from app.cli.main import main
from app.dossier_status import (
    ALREADY_RETURNED,
    Collector,
    HandOver,
    HandOverRefused,
    ReturnMethod,
    Status,
)
from app.reception import Timetable, receive
from app.settings import Settings, save_settings
from app.status_changes import forward, hand_over, history, result_ready
from app.store_ops import back_up, open_store, restore_store
from app.store_record import RECORD_FILE
from app.sync_ops import fetch_point_dossier, sync_once, sync_status
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.audit import AuditAction, Station, TrailFilter, device_of, identify_station, trail
from db.central.statuses import CENTRE_DEVICE, Problem, StatusesRefused, set_status
from db.models import Dossier, OutboxOperation, Slip
from db.store import STORE_FILE, Store
from db.sync.connection import connect
from db.sync.point_dossiers import Fetched, OtherPoint
from db.sync.pull import PullReport, pull
from db.sync.round import sync_round
from tests.accounts import OFFICER
from tests.central.conftest import AGENCY, Central, counter_store, point_at, pull_past
from tests.central.forge import as_point, claim
from tests.central.workload import copy_counter, counter_day
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY

FORWARDED_AT = DAY + dt.timedelta(hours=1)
READY_AT = DAY + dt.timedelta(days=2)
RETURNED_AT = DAY + dt.timedelta(days=3)


def _codes(store: Store) -> list[str]:
    with store.reading() as session:
        return sorted(code for code in session.scalars(select(Dossier.code)) if code is not None)


def _counter(
    data_dir: Path, central: Central, point: str, dossiers: int = 2, number: int = 1
) -> Store:
    """Counter ``number`` of ``point`` (a new point) with ``dossiers`` received, synced once."""
    counter_day(data_dir, number, dossiers)
    store = counter_store(data_dir, central.add_point(point), number)
    identify_station(store, Station(AGENCY, point, number))
    assert sync_round(store).pushed.rejected == 0
    return store


def _hand_back(store: Store, code: str, at: dt.datetime = RETURNED_AT) -> str:
    """The applicant collects the result of ``code`` in person; the change's id."""
    found = history(store, code).dossier
    given = HandOver(
        ReturnMethod.IN_PERSON,
        Collector(found.applicant_name, found.applicant_id_number),
        result="Giấy phép lái xe",
    )
    return hand_over(store, code, given, OFFICER, at, found.receiving_point).id


def _central_changes(central: Central, code: str) -> list[tuple[str, ...]]:
    with central.admin() as connection:
        rows = connection.execute(
            "SELECT c.status, c.id::text, c.point_role, c.origin_device::text, c.device_id::text "
            "FROM motcua.dossier_status_change c JOIN motcua.dossier d ON d.id = c.dossier_id "
            "WHERE d.code = %s ORDER BY c.changed_at",
            [code],
        ).fetchall()
    return [tuple(row) for row in rows]


def _local_changes(store: Store, code: str) -> list[tuple[str, str, str]]:
    """(status, id, device) of the dossier's changes in the store, oldest first."""
    return [(c.status, c.id, c.device_id) for c in history(store, code).changes]


def _last_logged(central: Central) -> int:
    """The newest transaction in the centre's change log: what a pull must get past."""
    with central.admin() as connection:
        row = connection.execute(
            "SELECT xid::text FROM motcua.change_log ORDER BY xid DESC LIMIT 1"
        ).fetchone()
    assert row is not None
    return int(row[0])


def _pull_all(
    store: Store, central: Central, pull_once: Callable[[], PullReport] | None = None
) -> list[str]:
    """Pull until every change the centre logged so far is in the store; the codes that
    became ready. Not "one pull after the commit": the watermark is cluster-wide, and a
    transaction open anywhere on the server holds it back (``pull_past``)."""
    ready: list[str] = []

    def once() -> int:
        report = pull_once() if pull_once is not None else sync_round(store).pulled
        ready.extend(report.became_ready)
        return report.applied

    pull_past(store, _last_logged(central), once)
    return ready


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_forward_and_a_hand_over_at_a_counter_reach_the_centre(
    central: Central, tmp_path: Path
) -> None:
    store = _counter(tmp_path / "a", central, "q3")
    first, second = _codes(store)
    forward(store, [first, second], OFFICER, FORWARDED_AT)
    result_ready(store, first, OFFICER, READY_AT, reference="GPLX 790123")
    returned = _hand_back(store, first)
    report = sync_round(store)
    assert (report.pushed.rejected, report.pulled.became_ready) == (0, [])
    role, device = central.role("q3"), device_of(store)
    held = _central_changes(central, first)
    assert [row[0] for row in held] == ["forwarded", "result-ready", "returned"]
    assert {(row[2], row[3], row[4]) for row in held} == {(role, device, device)}
    assert held[-1][1] == returned
    assert [row[0] for row in _central_changes(central, second)] == ["forwarded"]
    # The details went as recorded: the centre's row is the counter's row.
    with central.admin() as connection:
        details = connection.execute(
            "SELECT details_json, officer, counter_number FROM motcua.dossier_status_change "
            "WHERE id = %s",
            [returned],
        ).fetchone()
    assert details is not None
    assert json.loads(details[0])["method"] == "in-person"
    assert details[1:] == (OFFICER.full_name, 1)
    # Its own rows coming back by the pull change nothing in the store.
    sync_round(store)
    assert [c[0] for c in _local_changes(store, first)] == ["forwarded", "result-ready", "returned"]
    store.close()


def test_a_status_set_at_the_centre_reaches_the_counter(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _counter(tmp_path / "a", central, "q3", dossiers=3)
    ready, refused, other = _codes(store)
    forward(store, [ready, refused, other], OFFICER, FORWARDED_AT)
    sync_round(store)
    set_status(central.admin_url, [ready], "result-ready")
    # The processing unit's own login (the centre's group) may set one too, from the
    # command line as IT staff run it.
    office = central.add_centre_login("phong_cm")
    made = set_status(office, [refused], "not-granted", note="CV 123/SGTVT", officer="P. QLVT")
    assert [(m.code, m.status, m.point_role) for m in made] == [
        (refused, "not-granted", central.role("q3"))
    ]
    assert sorted(_pull_all(store, central)) == sorted([ready, refused])
    changes = history(store, refused).changes
    assert [(c.status, c.device_id, c.officer) for c in changes[1:]] == [
        ("not-granted", CENTRE_DEVICE, "P. QLVT")
    ]
    assert json.loads(changes[-1].details_json) == {"note": "CV 123/SGTVT"}
    assert history(store, other).latest is not None
    assert history(store, other).latest.status == Status.FORWARDED  # type: ignore[union-attr]
    # Pulled rows are the centre's: nothing goes back.
    with store.reading() as session:
        assert not session.scalars(
            select(OutboxOperation).where(OutboxOperation.state == "pending")
        ).all()
    # A ready result is handed over as one marked at the counter (after the centre's time).
    _hand_back(store, ready, dt.datetime.now())
    assert sync_round(store).pushed.rejected == 0
    assert [row[0] for row in _central_changes(central, ready)] == [
        "forwarded",
        "result-ready",
        "returned",
    ]
    # What the centre refuses: nothing is written, and the exit code says why.
    with pytest.raises(StatusesRefused) as caught:
        set_status(central.admin_url, [ready, other, "000.17.22.H56-991231-0001"], "result-ready")
    assert [(r.code, r.problem) for r in caught.value.refused] == [
        (ready, Problem.RETURNED),
        ("000.17.22.H56-991231-0001", Problem.UNKNOWN),
    ]
    assert [row[0] for row in _central_changes(central, other)] == ["forwarded"]
    admin = central.admin_options(tmp_path)
    code, _, err = _run(capsys, "central", "set-status", ready, "--status", "result-ready", *admin)
    assert code == 7 and ready in err
    code, _, err = _run(
        capsys, "central", "set-status", "000.17.22.H56-991231-0001", "--status", "not-granted",
        *admin,
    )  # fmt: skip
    assert code == 4 and "000.17.22.H56-991231-0001" in err
    code, out, _ = _run(capsys, "central", "set-status", other, "--status", "result-ready", *admin)
    assert code == 0 and json.loads(out)[0]["code"] == other
    store.close()


def test_two_counters_handing_back_one_dossier_offline_are_flagged_not_merged(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _counter(tmp_path / "a", central, "q3", dossiers=1)
    (code,) = _codes(first)
    forward(first, [code], OFFICER, FORWARDED_AT)
    result_ready(first, code, OFFICER, READY_AT)
    sync_round(first)
    first.close()
    # The second counter of the point holds the same dossier (a copy of the store, with a
    # device of its own), then both hand it back while offline.
    copy_counter(tmp_path / "a", tmp_path / "b")
    first = Store.in_data_dir(tmp_path / "a")
    second = Store.in_data_dir(tmp_path / "b")
    point_at(first, central.point_url(central.role("q3")))
    point_at(second, central.point_url(central.role("q3")))
    identify_station(first, Station(AGENCY, "q3", 1))
    identify_station(second, Station(AGENCY, "q3", 2))
    theirs = _hand_back(first, code, RETURNED_AT)
    ours = _hand_back(second, code, RETURNED_AT + dt.timedelta(minutes=5))
    assert sync_round(first).pushed.rejected == 0

    # The second meets the first's row as it pulls: flagged, its own row kept.
    with connect(central.point_url(central.role("q3"))) as connection:
        assert _pull_all(second, central, lambda: pull(connection, second)) == []
    [clash] = sync_status(second, with_clashes=True).clashes
    assert (clash.code, clash.status, clash.found_by) == (code, "returned", "pull")
    assert (clash.kept_change, clash.kept_counter) == (ours, 2)
    assert (clash.other_change, clash.other_counter) == (theirs, 1)
    # Its push is refused in the officer's words; the pair is flagged once.
    report = sync_round(second)
    assert report.pushed.rejected == 1
    [rejected] = sync_status(second).rejected
    assert rejected.table_name == "dossier_status_change" and rejected.row_id == ours
    assert "already handed over at counter 1" in rejected.reason
    assert "đã được trả tại quầy 1" in rejected.reason
    assert len(sync_status(second, with_clashes=True).clashes) == 1
    assert sync_status(second, with_clashes=True).to_dict()["clashes"][0]["other_change"] == theirs
    records = trail(second, TrailFilter(action=str(AuditAction.HAND_OVER_CLASH)))
    assert len(records) == 1
    subject = json.loads(records[0].subject_json)
    assert subject == {
        "dossier_id": clash.dossier_id,
        "code": code,
        "status": "returned",
        "status_change_id": ours,
        "other_status_change_id": theirs,
        "counter_number": 2,
        "other_counter_number": 1,
        "found_by": "pull",
    }
    assert records[0].actor == "sync"
    # Nothing merged: each store keeps its own hand-over; the centre holds the first's.
    assert _local_changes(second, code)[-1][:2] == ("returned", ours)
    assert _local_changes(first, code)[-1][:2] == ("returned", theirs)
    assert [row[1] for row in _central_changes(central, code) if row[0] == "returned"] == [theirs]
    # The clash record itself reaches the centre's trail, for the supervisor there.
    with central.admin() as connection:
        found = connection.execute(
            "SELECT count(*) FROM motcua.audit_record WHERE action = 'hand-over-clash'"
        ).fetchone()
    assert found == (1,)
    first.close()
    second.close()
    # The supervisor's command line lists it.
    exit_code, out, _ = _run(capsys, "sync", "--status", "--data-dir", str(tmp_path / "b"))
    assert exit_code == 0
    [listed] = json.loads(out)["clashes"]
    assert (listed["code"], listed["kept_change"], listed["other_change"]) == (code, ours, theirs)


def test_a_clash_met_at_the_push_is_recorded_with_the_reason(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _counter(tmp_path / "a", central, "q3", dossiers=1)
    (code,) = _codes(first)
    forward(first, [code], OFFICER, FORWARDED_AT)
    result_ready(first, code, OFFICER, READY_AT)
    sync_round(first)
    first.close()
    copy_counter(tmp_path / "a", tmp_path / "b")
    first, second = Store.in_data_dir(tmp_path / "a"), Store.in_data_dir(tmp_path / "b")
    for store, number in ((first, 1), (second, 2)):
        point_at(store, central.point_url(central.role("q3")))
        identify_station(store, Station(AGENCY, "q3", number))
    theirs = _hand_back(first, code)
    ours = _hand_back(second, code)
    with second.transaction() as session:  # a later row of the dossier at the second
        dossier_id = session.scalars(select(Dossier.id)).one()
        session.add(
            Slip(dossier_id=dossier_id, kind="BM01", printed_at=RETURNED_AT, print_number=2,
                 officer=OFFICER.full_name)
        )  # fmt: skip
        session.flush()
        slip = session.scalars(select(Slip.id).where(Slip.print_number == 2)).one()
    sync_round(first)
    first.close()
    second.close()
    # The second syncs from the command line: refused (7), and told so.
    exit_code, out, err = _run(capsys, "sync", "--once", "--data-dir", str(tmp_path / "b"))
    assert exit_code == 7
    assert (json.loads(out)["rejected"], json.loads(out)["clashes"]) == (1, 1)
    assert "đã được trả (hoặc đánh dấu) tại quầy khác" in err
    second = Store.in_data_dir(tmp_path / "b")
    [clash] = sync_status(second, with_clashes=True).clashes
    assert (clash.found_by, clash.kept_change, clash.other_change) == ("push", ours, theirs)
    # The clash holds nothing back: the dossier's later row reached the centre.
    assert sync_status(second).pending == sync_status(second).held == 0
    with central.admin() as connection:
        assert connection.execute(
            "SELECT count(*) FROM motcua.slip WHERE id = %s", [slip]
        ).fetchone() == (1,)
    second.close()


@pytest.fixture
def two_points(central: Central, tmp_path: Path) -> dict[str, str]:
    """A dossier of each of points a and b at the centre: their ids."""
    ids = {}
    for point, number in (("a", 1), ("b", 2)):
        store = _counter(tmp_path / point, central, point, dossiers=1, number=number)
        with store.reading() as session:
            ids[point] = session.scalars(select(Dossier.id)).one()
        store.close()
    return ids


def _status_row(dossier_id: str, device: str, **extra: str) -> tuple[str, list[object]]:
    names = ["id", "dossier_id", "status", "changed_at", "officer", "actor", "device_id"]
    names += ["details_json", "origin_device", "origin_seq", *extra]
    values: list[object] = [str(uuid.uuid4()), dossier_id, "returned", DAY, "o", "o", device]
    values += ["{}", device, 99, *extra.values()]
    marks = ", ".join(["%s"] * len(values))
    return f"INSERT INTO motcua.dossier_status_change ({', '.join(names)}) VALUES ({marks})", values


def test_a_point_cannot_record_a_status_for_another_points_dossier(
    central: Central, two_points: dict[str, str]
) -> None:
    device = str(uuid.uuid4())
    with as_point(central, "a") as a:
        statement, values = _status_row(two_points["b"], device)
        with pytest.raises(psycopg.Error) as caught, a.transaction():
            claim(a, "dossier_status_change", str(values[0]), 99)
            a.execute(statement, values)
        assert caught.value.sqlstate == "23503"
        assert caught.value.diag.constraint_name == "dossier_status_change_dossier_id_own"
        # Nor name the other point, nor write for another device.
        statement, values = _status_row(two_points["a"], device, point_role=central.role("b"))
        with pytest.raises(psycopg.Error) as caught, a.transaction():
            claim(a, "dossier_status_change", str(values[0]), 99)
            a.execute(statement, values)
        assert caught.value.sqlstate == "42501"
        statement, values = _status_row(two_points["a"], device)
        values[6] = str(uuid.uuid4())  # device_id: not the pushing device
        with pytest.raises(psycopg.Error) as caught, a.transaction():
            claim(a, "dossier_status_change", str(values[0]), 99)
            a.execute(statement, values)
        assert caught.value.diag.constraint_name == "dossier_status_change_own_device"
        # Its own dossier, through a claimed operation: accepted.
        statement, values = _status_row(two_points["a"], device)
        with a.transaction():
            claim(a, "dossier_status_change", str(values[0]), 99)
            a.execute(statement, values)
        # Point a never sees b's changes.
        rows = a.execute("SELECT DISTINCT point_role FROM motcua.dossier_status_change")
        assert rows.fetchall() == [(central.role("a"),)]


def test_status_rows_are_never_updated_or_deleted_at_the_centre(
    central: Central, tmp_path: Path, two_points: dict[str, str]
) -> None:
    set_status(central.admin_url, [_code_of(central, two_points["a"])], "result-ready")
    attempts = (
        "UPDATE motcua.dossier_status_change SET status = 'not-granted'",
        "DELETE FROM motcua.dossier_status_change",
        "TRUNCATE motcua.dossier_status_change",
    )
    with central.admin() as admin:  # even the administrator
        for statement in attempts:
            with pytest.raises(psycopg.Error) as caught:
                admin.execute(statement)
            assert caught.value.sqlstate == "42501"
            assert "only ever added" in str(caught.value)
    with as_point(central, "a") as a:
        for statement in attempts:
            with pytest.raises(psycopg.Error) as caught:
                a.execute(statement)
            assert caught.value.sqlstate == "42501"  # no UPDATE, DELETE, TRUNCATE granted
    office = central.add_centre_login()
    with psycopg.connect(office, autocommit=True) as centre:
        with pytest.raises(psycopg.Error) as caught:
            centre.execute(attempts[0])
        assert caught.value.sqlstate == "42501"
        # The centre sets a result only: not a hand-over.
        statement = (
            "INSERT INTO motcua.dossier_status_change (dossier_id, status, changed_at, officer, "
            "actor) VALUES (%s, 'returned', now(), 'o', 'o')"
        )
        with pytest.raises(psycopg.Error) as caught:
            centre.execute(statement, [two_points["b"]])
        assert caught.value.diag.constraint_name == "dossier_status_change_centre_status"
    with central.admin() as admin:
        count = admin.execute("SELECT count(*) FROM motcua.dossier_status_change").fetchone()
    assert count == (1,)


def _code_of(central: Central, dossier_id: str) -> str:
    with central.admin() as connection:
        row = connection.execute(
            "SELECT code FROM motcua.dossier WHERE id = %s", [dossier_id]
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_a_counter_fetches_a_dossier_another_counter_of_its_point_received(
    central: Central, tmp_path: Path
) -> None:
    first = _counter(tmp_path / "a", central, "q3", dossiers=1)
    (code,) = _codes(first)
    forward(first, [code], OFFICER, FORWARDED_AT)
    sync_round(first)
    set_status(central.admin_url, [code], "result-ready")
    other = _counter(tmp_path / "c", central, "q5", dossiers=1, number=2)
    (other_code,) = _codes(other)
    other_point = history(other, other_code).dossier.receiving_point
    other.close()
    second = counter_store(tmp_path / "b", central.point_url(central.role("q3")), 2)
    identify_station(second, Station(AGENCY, "q3", 2))
    sync_round(second)
    assert _codes(second) == []

    fetched = fetch_point_dossier(second, code)
    assert isinstance(fetched, Fetched)
    assert fetched.rows["dossier"] == 1 and fetched.rows["dossier_status_change"] == 2
    assert [c[0] for c in _local_changes(second, code)] == ["forwarded", "result-ready"]
    with second.reading() as session:
        # Nothing of the dossier goes back to the centre (the first sync's records only).
        assert set(session.scalars(select(OutboxOperation.table_name))) <= {"audit_record"}
    # Another point's code: only where it was received; an unknown one: nothing.
    assert fetch_point_dossier(second, other_code) == OtherPoint(other_point)
    assert fetch_point_dossier(second, "000.17.22.H56-991231-0001") is None

    # Handed back at the second counter; the first learns it at its next sync.
    returned = _hand_back(second, code, dt.datetime.now())
    assert sync_round(second).pushed.rejected == 0
    held = _central_changes(central, code)
    assert held[-1][:2] == ("returned", returned)
    assert held[-1][3] == device_of(second)
    _pull_all(first, central)
    assert _local_changes(first, code)[-1][:2] == ("returned", returned)
    with pytest.raises(HandOverRefused) as refused:
        _hand_back(first, code, dt.datetime.now())
    assert refused.value.message == ALREADY_RETURNED
    assert "counter 2" in refused.value.text("en")
    first.close()
    second.close()


def test_a_restored_store_gets_its_status_changes_back_from_the_centre(
    central: Central, tmp_path: Path
) -> None:
    folder = tmp_path / "counter"
    folder.mkdir()
    settings = Settings.defaults().with_value("agency_code", AGENCY)
    save_settings(folder, settings)
    counter_store(folder, central.add_point("q3")).close()
    at = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=30)
    store = open_store(folder, settings)
    receipt = receive(
        example_request(),
        catalogue=load_catalogue_for(at.date()),
        timetable=Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS),
        counter=counter(),
        store=store,
        received_at=at,
    )
    assert receipt.code is not None
    sync_once(store, settings)
    store.close()
    backup = back_up(folder, settings)
    store = open_store(folder, settings)
    forward(store, [receipt.code], OFFICER, at + dt.timedelta(minutes=1))
    result_ready(store, receipt.code, OFFICER, at + dt.timedelta(minutes=2))
    returned = _hand_back(store, receipt.code, at + dt.timedelta(minutes=3))
    assert sync_once(store, settings).pushed.rejected == 0
    store.close()

    # The store is lost: the backup comes back, and the centre gives the changes back.
    os.truncate(folder / STORE_FILE, 0)
    (folder / RECORD_FILE).unlink()
    caught = restore_store(folder, settings, backup).catch_up
    assert caught is not None and caught.done
    assert caught.rows["dossier_status_change"] == 3
    store = open_store(folder, settings)
    assert [c[:2] for c in _local_changes(store, receipt.code)][-1] == ("returned", returned)
    assert sync_status(store).pending == 0  # not queued to be sent again
    store.close()
