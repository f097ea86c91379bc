"""Offline reserves allocated by the centre: never overlapping each other or a lease, whatever
the counters' settings; a counter numbers offline only from the reserve it registered."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
from pathlib import Path

import psycopg
import pytest

from app.failures import PolicyRefusal
from app.settings import Settings
from app.sync_ops import (
    NoOfflineReserve,
    ReserveSettingRefused,
    check_reserve_settings,
    numbering_refusal,
)
from db.central.points import PointError, release_counter, set_reserve_top
from db.store import Store
from db.sync.connection import connect
from db.sync.leases import top_up
from db.sync.registration import RegistrationRefused
from db.sync.round import CounterIdentity, sync_round
from db.sync.serials import ReserveUnavailable, registered_reserve, withdrawn_blocks
from tests.central.compare import assert_central_matches
from tests.central.conftest import AGENCY, Central, counter_store, register
from tests.central.workload import copy_counter, receive_on, server_day


def _refusal(data_dir: Path, day: dt.date, counter_number: int) -> NoOfflineReserve:
    """The refusal of numbering one more dossier at this counter (and nothing stored)."""
    with pytest.raises((ReserveUnavailable, PolicyRefusal)) as refused:
        receive_on(data_dir, day, counter_number, 1)
    error = refused.value
    # app.reception turns the store's ReserveUnavailable into this (numbering_refusal).
    said = numbering_refusal(error) if isinstance(error, ReserveUnavailable) else error
    assert isinstance(said, NoOfflineReserve)
    return said


def _central_codes(central: Central) -> list[str]:
    with central.admin() as connection:
        rows = connection.execute("SELECT code FROM motcua.dossier WHERE code IS NOT NULL")
        return [code for (code,) in rows.fetchall()]


def test_nineteen_counters_of_500_under_a_reserve_top_of_2000(
    central: Central, tmp_path: Path
) -> None:
    """The issue's case: counter 5's block 2001–2500 would have met the leases above 2000."""
    url = central.add_point("q3")
    day = server_day(url)
    folders = {n: tmp_path / f"counter-{n}" for n in range(1, 20)}
    reserves = {}
    for number, folder in folders.items():
        store = counter_store(folder, url, None)
        try:
            reserve = register(store, CounterIdentity(AGENCY, number, 500))
        except RegistrationRefused as refused:
            assert number >= 5 and "no room for counter" in str(refused)
            assert "motcua central set-reserve-top" in str(refused)
        else:
            reserves[number] = (reserve.first, reserve.last)
        store.close()
    assert reserves == {n: ((n - 1) * 500 + 1, n * 500) for n in range(1, 5)}

    # Counter 1 leases above the reserves; counter 5, with no reserve, may not number offline.
    with connect(url) as connection:
        first = Store.in_data_dir(folders[1])
        lease = top_up(connection, first, AGENCY, day)
        first.close()
    assert lease is not None and (lease.first, lease.last) == (2001, 2100)
    said = _refusal(folders[5], day, 5)
    assert "motcua sync --once" in str(said) and "motcua sync --once" in said.text("en")
    # Online, it takes a lease of its own and numbers from it.
    fifth = Store.in_data_dir(folders[5])
    assert sync_round(fifth, counter=CounterIdentity(AGENCY, 5, 500)).leased is not None
    fifth.close()

    codes = [*receive_on(folders[1], day, 1, 3), *receive_on(folders[5], day, 5, 3)]
    for number in (2, 3, 4):
        codes += receive_on(folders[number], day, number, 2)
    assert [code[-4:] for code in codes] == [
        "2001", "2002", "2003", "2101", "2102", "2103",
        "0501", "0502", "1001", "1002", "1501", "1502",
    ]  # fmt: skip
    for number in (1, 2, 3, 4, 5):
        store = Store.in_data_dir(folders[number])
        assert sync_round(store).pushed.rejected == 0
        store.close()
    assert sorted(_central_codes(central)) == sorted(codes)

    # The zone can neither cover today's leases nor cut a reserve.
    messages = []
    for top in (2500, 1999):
        with pytest.raises(PointError) as moved:
            set_reserve_top(central.admin_url, AGENCY, top)
        messages.append(str(moved.value))
    assert "serial 2001 is leased for" in messages[0] and "at most 2000" in messages[0]
    assert "cannot be lower than 2000" in messages[1]


def test_counters_with_any_settings_never_issue_one_code(central: Central, tmp_path: Path) -> None:
    """Random points, counter numbers, block sizes and reserve zones: every reserve the centre
    allocates lies in its agency's zone, clear of the others and of the leases; codes given
    offline and from leases all reach the centre, none twice."""
    rng = random.Random(12)
    top = rng.choice([0, 700, 2000, 5000])  # the agency's, set with its first point
    day: dt.date | None = None
    folders: list[tuple[Path, int]] = []
    for point in range(4):
        url = central.add_point(f"p{point}", reserve_top=None if point else top)
        day = day or server_day(url)
        for counter in range(3):
            number, size = rng.randint(1, 19), rng.choice([1, 50, 300, 500, 1500])
            folder = tmp_path / f"p{point}-{counter}"
            store = counter_store(folder, url, None)
            # Refused when another PC of the point took the number, or no room: leases only.
            with contextlib.suppress(RegistrationRefused):
                register(store, CounterIdentity(AGENCY, number, size))
            with connect(url) as connection:
                top_up(connection, store, AGENCY, day, size=rng.choice([5, 20]))
            store.close()
            folders.append((folder, number))
    assert day is not None
    for folder, number in folders:
        for _ in range(6):  # until the lease and the reserve are used, or numbering refused
            try:
                receive_on(folder, day, number, 1)
            except (ReserveUnavailable, PolicyRefusal):
                break
    with central.admin() as connection:
        zones = connection.execute(
            "SELECT c.first_serial, c.last_serial, a.reserve_top FROM motcua.counter c "
            "JOIN motcua.agency a ON a.code = c.agency_code"
        ).fetchall()
        leases = connection.execute(
            "SELECT first_serial, last_serial FROM motcua.serial_lease"
        ).fetchall()
    assert all(last <= top for _, last, top in zones)
    blocks = sorted([(first, last) for first, last, _ in zones] + leases)
    for (_, last), (first, _) in itertools.pairwise(blocks):
        assert last < first, "two blocks overlap"
    for folder, _ in folders:
        store = Store.in_data_dir(folder)
        assert sync_round(store).pushed.rejected == 0
        store.close()
    assert_central_matches(central, [folder for folder, _ in folders])
    codes = _central_codes(central)
    assert len(codes) == len(set(codes)) > 20


def test_two_pcs_never_hold_one_counter(central: Central, tmp_path: Path) -> None:
    url = central.add_point("q3")
    day = server_day(url)
    old = counter_store(tmp_path / "old", url, 3)
    with pytest.raises(RegistrationRefused, match="counter 3 of this point is registered to"):
        counter_store(tmp_path / "new", url, 3)
    # The old PC is gone: IT staff release its counter, and the new PC takes it, reserve and all.
    assert release_counter(central.admin_url, "q3", 3) == (1001, 1500)
    new = Store.in_data_dir(tmp_path / "new")
    taken = register(new, CounterIdentity(AGENCY, 3, 500))
    assert (taken.first, taken.last) == (1001, 1500)
    new.close()
    # The old PC, back after all, is refused and forgets its copy: no two PCs on one reserve.
    report = sync_round(old, counter=CounterIdentity(AGENCY, 3, 500))
    assert report.refused and report.reserve is None
    with old.reading() as session:
        assert registered_reserve(session) is None
    old.close()
    # It numbers from the serials it leased in that round, never from 1001–1500 again.
    assert report.leased is not None
    assert receive_on(tmp_path / "old", day, 3, 1)[0].endswith("-2001")
    assert receive_on(tmp_path / "new", day, 3, 1)[0].endswith("-1001")


def test_settings_must_match_the_registered_reserve(central: Central, tmp_path: Path) -> None:
    settings = Settings.defaults().with_value("agency_code", AGENCY)
    # Before registering, anything the settings allow.
    check_reserve_settings(tmp_path, settings.with_values({"counter_number": 7}))
    counter_store(tmp_path, central.add_point("q3"), 2, 400).close()
    check_reserve_settings(
        tmp_path, settings.with_values({"counter_number": 2, "serial_block_size": 400})
    )
    for changes in ({"counter_number": 3, "serial_block_size": 400}, {"counter_number": 2}):
        with pytest.raises(ReserveSettingRefused) as refused:
            check_reserve_settings(tmp_path, settings.with_values(changes))
        assert "0401–0800 (400 serials)" in refused.value.text("en")


def test_after_the_centre_refuses_a_code_the_counter_numbers_no_more_from_its_block(
    central: Central, tmp_path: Path
) -> None:
    """A copy of a counter's store (a restored backup still in use, say) numbers from the same
    reserve: the centre refuses the copy's codes, and the copy stops using that reserve."""
    url = central.add_point("q3")
    day = server_day(url)
    counter_store(tmp_path / "a", url).close()
    copy_counter(tmp_path / "a", tmp_path / "b")  # with its reserve 0001–0500
    assert receive_on(tmp_path / "a", day, 1, 2)[-1].endswith("-0002")
    assert receive_on(tmp_path / "b", day, 1, 3)[-1].endswith("-0003")
    for folder in ("a", "b"):
        store = Store.in_data_dir(tmp_path / folder)
        report = sync_round(store)
        store.close()
    assert report.pushed.rejected == 2  # 0001 and 0002 again; 0003 is the point's to take
    assert report.pushed.withdrawn == [(AGENCY, day, 1, 500)] * 2
    copy = Store.in_data_dir(tmp_path / "b")
    with copy.reading() as session:
        assert withdrawn_blocks(session, AGENCY, day) == [(1, 500)]
    copy.close()
    said = _refusal(tmp_path / "b", day, 1)
    assert "từ chối một mã trong dải số dự phòng" in str(said)
    # Another day, or a lease, and it numbers again: never from the refused block that day.
    assert receive_on(tmp_path / "b", day - dt.timedelta(days=1), 1, 1)[0].endswith("-0001")
    copy = Store.in_data_dir(tmp_path / "b")
    with connect(url) as connection:
        top_up(connection, copy, AGENCY, day, size=5)
    copy.close()
    assert receive_on(tmp_path / "b", day, 1, 1)[0].endswith("-2001")


def test_a_counter_with_a_centre_but_no_reserve_yet_numbers_only_from_leases(
    central: Central, tmp_path: Path
) -> None:
    url = central.add_point("q3")
    day = server_day(url)
    store = counter_store(tmp_path, url, None)
    store.close()
    said = _refusal(tmp_path, day, 1)
    assert said.text("en").startswith("Dossier code: the central database has not allocated")
    store = Store.in_data_dir(tmp_path)
    report = sync_round(store, counter=CounterIdentity(AGENCY, 1, 500))
    store.close()
    assert report.reserve is not None and report.leased is not None
    codes = receive_on(tmp_path, day, 1, 101)
    assert codes[0].endswith("-2001") and codes[99].endswith("-2100")
    assert codes[100].endswith("-0001")  # the leases used up, then the registered reserve


def test_the_reserve_zone_is_checked_at_the_centre_whoever_writes_it(central: Central) -> None:
    central.add_point("q3", reserve_top=1000)
    with central.admin() as admin:
        point = central.role("q3")
        statements = {
            "counter_reserve_zone": (1, 900, 1100),
            "counter_reserve_overlap": (2, 400, 600),
        }
        admin.execute(
            "INSERT INTO motcua.counter (point_role, counter_number, agency_code, first_serial, "
            "last_serial) VALUES (%s, 1, %s, 1, 500)",
            [point, AGENCY],
        )
        for constraint, (number, first, last) in statements.items():
            with pytest.raises(psycopg.errors.CheckViolation) as refused:
                admin.execute(
                    "INSERT INTO motcua.counter (point_role, counter_number, agency_code, "
                    "first_serial, last_serial) VALUES (%s, %s, %s, %s, %s)",
                    [point, number, AGENCY, first, last],
                )
            assert refused.value.diag.constraint_name == constraint
