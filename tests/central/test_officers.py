"""Officers managed at the centre (``motcua central officer …``), brought to every counter by
sync, signing in there offline; their own password changes going back through the centre,
where IT's reset wins; the new synced tables insert-only for points."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import psycopg
import pytest

from app.cli.main import main
from app.officers.accounts import change_own_password
from app.officers.outcomes import SignInRefused
from app.officers.sign_in import sign_in
from db.central.officers import password_changes
from db.store import Store
from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store
from tests.central.forge import as_point, claim, insert_dossier

LOGIN, NAME = "lan.nguyen", "Nguyễn Thị Lan"
SET_BY_IT = "tiếp nhận hồ sơ buổi sáng"
HER_OWN = "my own phrase for the counter"
RESET_BY_IT = "a fresh start from the IT desk"
AT = dt.datetime(2026, 3, 2, 8, 0)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _secret(folder: Path, text: str) -> str:
    path = folder / f"{uuid.uuid4().hex}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _officer(
    capsys: pytest.CaptureFixture[str], central: Central, folder: Path, *args: str
) -> tuple[int, str, str]:
    return _run(capsys, "central", "officer", *args, *central.admin_options(folder))


def _add_lan(capsys: pytest.CaptureFixture[str], central: Central, folder: Path) -> None:
    code, out, _ = _officer(
        capsys,
        central,
        folder,
        "add",
        LOGIN,
        "--name",
        NAME,
        "--role",
        "officer",
        "--password-from",
        _secret(folder, SET_BY_IT),
    )
    assert code == 0, out
    assert json.loads(out)["must_change"] is True


def _counters(central: Central, folder: Path, count: int = 2) -> list[Store]:
    url = central.add_point("q3")
    return [counter_store(folder / f"counter{n}", url, n) for n in range(1, count + 1)]


def _sync(store: Store) -> None:
    report = sync_round(store)
    assert report.pushed.rejected == 0


def test_an_officer_added_at_the_centre_signs_in_at_a_counter_offline(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (store,) = _counters(central, tmp_path, 1)
    _add_lan(capsys, central, tmp_path)
    with pytest.raises(SignInRefused):  # not at this counter before its sync
        sign_in(store, LOGIN, SET_BY_IT, now=AT)
    _sync(store)
    with central.admin() as admin:  # offline from now on: the centre is gone
        admin.execute(f'ALTER ROLE "{central.role("q3")}" NOLOGIN')
    signed = sign_in(store, LOGIN, SET_BY_IT, now=AT)
    assert (signed.officer.login, signed.officer.full_name, signed.must_change) == (
        LOGIN,
        NAME,
        True,
    )
    store.close()


def test_disabled_at_the_centre_an_officer_still_signs_in_until_the_counter_syncs(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced, offline = _counters(central, tmp_path)
    _add_lan(capsys, central, tmp_path)
    for store in (synced, offline):
        _sync(store)
    code, out, _ = _officer(capsys, central, tmp_path, "disable", LOGIN)
    assert code == 0 and json.loads(out)["disabled"] is True
    _sync(synced)
    with pytest.raises(SignInRefused):
        sign_in(synced, LOGIN, SET_BY_IT, now=AT)
    # The other counter has not synced since: it still lets her in (docs/central-database.md).
    assert sign_in(offline, LOGIN, SET_BY_IT, now=AT).officer.login == LOGIN
    _sync(offline)
    with pytest.raises(SignInRefused):
        sign_in(offline, LOGIN, SET_BY_IT, now=AT + dt.timedelta(minutes=1))
    # Enabled again: back at the counters after their next sync.
    assert _officer(capsys, central, tmp_path, "enable", LOGIN)[0] == 0
    _sync(synced)
    assert sign_in(synced, LOGIN, SET_BY_IT, now=AT + dt.timedelta(minutes=2)).must_change
    for store in (synced, offline):
        store.close()


def test_a_password_changed_at_one_counter_works_at_another_after_sync(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _counters(central, tmp_path)
    _add_lan(capsys, central, tmp_path)
    for store in (first, second):
        _sync(store)
    lan = sign_in(first, LOGIN, SET_BY_IT, now=AT)
    assert lan.must_change
    change_own_password(first, lan.officer, "a first choice of mine", minimum_length=12, now=AT)
    # Changed again before any sync: both changes are hers, the later one wins.
    change_own_password(first, lan.officer, HER_OWN, minimum_length=12, now=AT)
    _sync(first)
    _sync(second)
    signed = sign_in(second, LOGIN, HER_OWN, now=AT)
    assert signed.must_change is False
    with pytest.raises(SignInRefused):
        sign_in(second, LOGIN, SET_BY_IT, now=AT)
    assert [change.applied_version for change in password_changes(central.admin_url, LOGIN)] == [
        2,
        3,
    ]
    for store in (first, second):
        store.close()


def test_a_reset_by_it_wins_over_a_change_made_at_a_counter_meanwhile(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counter, other = _counters(central, tmp_path)
    _add_lan(capsys, central, tmp_path)
    _sync(counter)
    lan = sign_in(counter, LOGIN, SET_BY_IT, now=AT)
    change_own_password(counter, lan.officer, HER_OWN, minimum_length=12, now=AT)
    assert sign_in(counter, LOGIN, HER_OWN, now=AT).must_change is False  # at once, here
    # IT resets the account before the counter's change reached the centre.
    code, out, _ = _officer(
        capsys, central, tmp_path, "reset", LOGIN, "--password-from", _secret(tmp_path, RESET_BY_IT)
    )
    assert code == 0 and json.loads(out)["must_change"] is True
    _sync(counter)  # the change arrives (kept, not applied), the reset comes back
    (change,) = password_changes(central.admin_url, LOGIN)
    assert (change.based_on_version, change.applied_version) == (1, None)
    for store in (counter, other):
        _sync(store)
        with pytest.raises(SignInRefused):
            sign_in(store, LOGIN, HER_OWN, now=AT)
        assert sign_in(store, LOGIN, RESET_BY_IT, now=AT).must_change is True
        store.close()


def test_the_officer_list_never_shows_a_hash(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_lan(capsys, central, tmp_path)
    code, out, _ = _officer(capsys, central, tmp_path, "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "login": LOGIN,
            "full_name": NAME,
            "role": "officer",
            "must_change": True,
            "disabled": False,
            "version": 1,
            "changed_at": json.loads(out)[0]["changed_at"],
        }
    ]
    code, text, _ = _officer(capsys, central, tmp_path, "list")
    assert code == 0 and LOGIN in text and NAME in text
    for shown in (out, text):
        assert "argon2" not in shown and SET_BY_IT not in shown
    with central.admin() as admin:  # while the centre holds the hash
        (payload,) = admin.execute("SELECT payload FROM motcua.reference_item").fetchone() or ()
    assert payload["password_hash"].startswith("$argon2id$")


def test_officer_commands_check_what_they_are_given(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_lan(capsys, central, tmp_path)
    weak = _secret(tmp_path, "1qaz2wsx3edc")
    add = ["add", "hoa", "--name", "Lê Thị Hoa", "--role", "supervisor", "--password-from"]
    code, _, err = _officer(capsys, central, tmp_path, *add, weak)
    assert code == 2 and "phổ biến" in err
    code, _, err = _officer(
        capsys, central, tmp_path, "add", LOGIN, *add[2:], _secret(tmp_path, HER_OWN)
    )
    assert code == 2 and LOGIN in err
    code, _, err = _officer(capsys, central, tmp_path, "disable", "nobody")
    assert code == 4 and "nobody" in err
    code, _, err = _officer(capsys, central, tmp_path, "add", "Bad Login", *add[2:], weak)
    assert code == 2


def _void_at_the_centre(central: Central) -> None:
    """A dossier and its void, written by the point as a push writes them."""
    with as_point(central, "q3") as point:
        dossier_id = insert_dossier(point, "000.17.22.H56", dt.date.today(), 1, seq=10)
        void_id = str(uuid.uuid4())
        with point.transaction():
            claim(point, "dossier_void", void_id, 11)
            point.execute(
                "INSERT INTO motcua.dossier_void (id, dossier_id, voided_at, officer, actor, "
                "reason, origin_device, origin_seq) VALUES (%s, %s, now(), 'o', 'hoa', 'x', "
                "%s, 11)",
                [void_id, dossier_id, str(uuid.uuid4())],
            )


@pytest.mark.parametrize("table", ["officer_password_change", "dossier_void"])
@pytest.mark.parametrize("statement", ["UPDATE motcua.{} SET version = 9", "DELETE FROM motcua.{}"])
def test_a_point_cannot_change_or_remove_the_new_rows(
    central: Central,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    statement: str,
) -> None:
    (store,) = _counters(central, tmp_path, 1)
    if table == "dossier_void":
        _void_at_the_centre(central)
    else:
        _add_lan(capsys, central, tmp_path)
        _sync(store)
        lan = sign_in(store, LOGIN, SET_BY_IT, now=AT)
        change_own_password(store, lan.officer, HER_OWN, minimum_length=12, now=AT)
        _sync(store)
    store.close()
    with as_point(central, "q3") as point, pytest.raises(psycopg.errors.InsufficientPrivilege):
        point.execute(statement.format(table))
    # Not by grants only: the centre refuses even a role that holds every grant.
    with central.admin() as admin, pytest.raises(psycopg.errors.InsufficientPrivilege):
        admin.execute(statement.format(table))
    with central.admin() as admin:
        assert admin.execute(f"SELECT count(*) FROM motcua.{table}").fetchone() == (1,)
