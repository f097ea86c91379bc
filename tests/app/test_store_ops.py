"""Opening the counter's store safely (issue 12, findings 1 and 2): a store lost, emptied,
replaced, put back by hand or damaged is refused, never recreated; a restored backup or a
new store never issues a code twice; a full disk loses nothing committed."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue_for
from app.counter import CounterSession
from app.failures import NotFound, PolicyRefusal, StoreUnusable
from app.files import FileNotWritten, write_atomically
from app.i18n import LANGUAGES, choose_language
from app.reception import Timetable, receive
from app.settings import Settings, save_settings
from app.store_messages import (
    BACKUP_OTHER_COUNTER,
    BACKUP_UNUSABLE,
    RESERVE_HELD,
    STORE_BEHIND,
    STORE_DAMAGED,
    STORE_EMPTY,
    STORE_FULL,
    STORE_MISSING,
    STORE_REPLACED,
    STORE_UNWRITABLE,
)
from app.store_ops import back_up, check_store, new_store, open_store, restore_store, store_unusable
from app.store_record import RECORD_FILE, read_record
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.backup import backups_in
from db.dossiers import dossier_by_key
from db.records import DossierKey
from db.store import STORE_FILE, Store
from db.store_failure import Fault, StoreFailure
from db.store_file import examine
from db.store_safety import safety_of
from tests.accounts import OFFICER
from tests.db.conftest import AGENCY, counter, example_request
from tests.db.store_faults import damage, full_store, read_only_store

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings.defaults().with_value("agency_code", AGENCY)
    save_settings(tmp_path, chosen)
    return chosen


def receive_one(
    data_dir: Path, settings: Settings, at: dt.datetime = MONDAY_0910, minute: int = 0
) -> str:
    """Receive an accepted dossier as a command does: open the store, receive, close."""
    store = open_store(data_dir, settings)
    try:
        receipt = receive(
            example_request(),
            catalogue=load_catalogue_for(at.date()),
            timetable=TIMETABLE,
            counter=counter(),
            store=store,
            received_at=at + dt.timedelta(minutes=minute),
        )
    finally:
        store.close()
    assert receipt.code is not None
    return receipt.code


def test_a_first_start_creates_the_store_records_it_and_backs_it_up(
    tmp_path: Path, settings: Settings
) -> None:
    morning, noon = dt.datetime(2026, 12, 2, 7, 30), dt.datetime(2026, 12, 2, 12, 0)
    store = open_store(tmp_path, settings, clock=lambda: morning)
    store.close()
    record = read_record(tmp_path, store.path)
    assert record is not None and record.identity == examine(store.path).identity
    assert record.last is None
    assert [backup.kind for backup in backups_in(tmp_path / "backups")] == ["daily"]
    # Once a day only.
    open_store(tmp_path, settings, clock=lambda: noon).close()
    assert len(backups_in(tmp_path / "backups")) == 1


def test_each_numbered_dossier_is_recorded_as_the_last_serial(
    tmp_path: Path, settings: Settings
) -> None:
    codes = [receive_one(tmp_path, settings, minute=n) for n in range(3)]
    assert codes[-1] == f"{AGENCY}-261123-0003"
    data = json.loads((tmp_path / RECORD_FILE).read_text(encoding="utf-8"))
    assert data["last_serials"] == {"agency": AGENCY, "day": "2026-11-23", "serials": [3]}
    # The window's session records the same way.
    session = CounterSession.open(tmp_path, settings, OFFICER)
    try:
        receive(
            example_request(),
            catalogue=load_catalogue_for(MONDAY_0910.date()),
            timetable=TIMETABLE,
            counter=session.counter(),
            store=session.store,
            received_at=MONDAY_0910 + dt.timedelta(minutes=5),
        )
    finally:
        session.close()
    record = read_record(tmp_path, tmp_path / STORE_FILE)
    assert record is not None and record.last is not None and record.last.serials == (4,)


def test_an_emptied_store_is_refused_and_not_recreated(tmp_path: Path, settings: Settings) -> None:
    """Finding 1: after ``truncate -s 0 motcua.sqlite3`` the next dossier got …-0001 again."""
    receive_one(tmp_path, settings)
    newest = backups_in(tmp_path / "backups")[-1].path
    store_file = tmp_path / STORE_FILE
    os.truncate(store_file, 0)
    with pytest.raises(StoreUnusable) as refused:
        receive_one(tmp_path, settings, minute=1)
    assert refused.value.message is STORE_EMPTY
    text = str(refused.value)
    assert text.startswith(f"{store_file}: kho hồ sơ rỗng (0 byte)")
    assert f"motcua restore {newest}" in text and "motcua store new --confirm" in text
    assert store_file.stat().st_size == 0  # left as found, for IT staff


def test_a_missing_store_is_refused_and_not_recreated(tmp_path: Path, settings: Settings) -> None:
    receive_one(tmp_path, settings)
    (tmp_path / STORE_FILE).unlink()
    with pytest.raises(StoreUnusable) as refused:
        open_store(tmp_path, settings)
    assert refused.value.message is STORE_MISSING
    assert not (tmp_path / STORE_FILE).exists()


def test_another_counters_store_put_in_its_place_is_refused(
    tmp_path: Path, settings: Settings
) -> None:
    receive_one(tmp_path, settings)
    other = tmp_path / "other"
    other.mkdir()
    Store.in_data_dir(other).close()
    shutil.copyfile(other / STORE_FILE, tmp_path / STORE_FILE)
    with pytest.raises(StoreUnusable) as refused:
        open_store(tmp_path, settings)
    assert refused.value.message is STORE_REPLACED


def test_an_older_copy_put_back_by_hand_is_refused_then_restored_without_reissuing(
    tmp_path: Path, settings: Settings
) -> None:
    """Issue, back up, issue again, put the backup back: the next code is a new one."""
    issued = [receive_one(tmp_path, settings)]
    backup = back_up(tmp_path, settings)
    issued += [receive_one(tmp_path, settings, minute=n) for n in (1, 2)]
    shutil.copyfile(backup, tmp_path / STORE_FILE)  # by hand: the WAL is gone with the store
    with pytest.raises(StoreUnusable) as refused:
        open_store(tmp_path, settings)
    assert refused.value.message is STORE_BEHIND
    assert f"{AGENCY}-261123-0003" in str(refused.value)

    restored = restore_store(tmp_path, settings, backup)
    assert restored.set_aside is not None and restored.set_aside.exists()
    assert restored.catch_up is None  # no central database here
    code = receive_one(tmp_path, settings, minute=3)
    assert code not in issued
    assert code == f"{AGENCY}-261123-0004"


def test_a_backup_of_another_counter_is_refused_and_the_store_kept(
    tmp_path: Path, settings: Settings
) -> None:
    receive_one(tmp_path, settings)
    other = tmp_path / "other"
    other.mkdir()
    save_settings(other, settings)
    foreign = back_up(other, settings)
    before = (tmp_path / STORE_FILE).read_bytes()
    with pytest.raises(PolicyRefusal) as refused:
        restore_store(tmp_path, settings, foreign)
    assert refused.value.message is BACKUP_OTHER_COUNTER
    assert (tmp_path / STORE_FILE).read_bytes() == before
    assert not list(tmp_path.glob("motcua.set-aside-*"))


def test_a_damaged_or_missing_backup_is_refused(tmp_path: Path, settings: Settings) -> None:
    receive_one(tmp_path, settings)
    backup = back_up(tmp_path, settings)
    damage(backup)
    with pytest.raises(StoreUnusable) as refused:
        restore_store(tmp_path, settings, backup)
    assert refused.value.message is BACKUP_UNUSABLE
    with pytest.raises(NotFound):
        restore_store(tmp_path, settings, tmp_path / "none.sqlite3")
    open_store(tmp_path, settings).close()  # the store is as it was


def test_a_damaged_store_says_so_and_names_the_newest_backup(
    tmp_path: Path, settings: Settings
) -> None:
    """Finding 2: "database disk image is malformed" was a traceback on every command."""
    receive_one(tmp_path, settings)
    newest = back_up(tmp_path, settings)
    damage(tmp_path / STORE_FILE)
    with pytest.raises(StoreUnusable) as malformed:
        open_store(tmp_path, settings)
    assert malformed.value.message is STORE_DAMAGED
    assert f"motcua restore {newest}" in str(malformed.value)
    damage(tmp_path / STORE_FILE, header=True)
    with pytest.raises(StoreUnusable) as not_a_database:
        open_store(tmp_path, settings)
    assert not_a_database.value.message is STORE_DAMAGED
    choose_language("en")
    try:
        assert str(not_a_database.value).startswith(
            f"{tmp_path / STORE_FILE}: the dossier store is damaged and cannot be read"
        )
    finally:
        choose_language("vi")
    restore_store(tmp_path, settings, newest)
    assert receive_one(tmp_path, settings, minute=1) == f"{AGENCY}-261123-0002"


def test_a_full_disk_while_receiving_is_one_message_and_the_earlier_dossiers_stay(
    tmp_path: Path, settings: Settings
) -> None:
    codes = [receive_one(tmp_path, settings, minute=n) for n in range(2)]
    with full_store(), pytest.raises(StoreUnusable) as full:
        receive_one(tmp_path, settings, minute=2)
    assert full.value.message is STORE_FULL
    assert str(full.value).startswith(f"{tmp_path / STORE_FILE}: ổ đĩa đã đầy")
    store = open_store(tmp_path, settings)
    try:
        assert store.integrity_check() == "ok"
        for code in codes:
            assert dossier_by_key(store, DossierKey(code=code)) is not None
    finally:
        store.close()
    assert receive_one(tmp_path, settings, minute=3) == f"{AGENCY}-261123-0003"


def test_a_file_on_a_full_disk_is_one_message_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paper = tmp_path / "bm01.pdf"
    paper.write_bytes(b"old")

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FileNotWritten) as full:
        write_atomically(paper, b"new")
    assert isinstance(full.value, StoreUnusable) and full.value.errno == errno.ENOSPC
    assert str(full.value).startswith(f"{paper}: không ghi được vì ổ đĩa đã đầy")
    assert paper.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bm01.pdf"]


def test_a_new_store_knows_the_recorded_serials(tmp_path: Path, settings: Settings) -> None:
    issued = [receive_one(tmp_path, settings, minute=n) for n in range(2)]
    old = read_record(tmp_path, tmp_path / STORE_FILE)
    damage(tmp_path / STORE_FILE, header=True)
    started = new_store(tmp_path, settings)
    assert started.set_aside is not None and started.set_aside.exists()
    assert old is not None and started.identity != old.identity
    record = read_record(tmp_path, tmp_path / STORE_FILE)
    assert record is not None and record.identity == started.identity
    code = receive_one(tmp_path, settings, minute=2)
    assert code not in issued and code == f"{AGENCY}-261123-0003"


def test_a_new_store_without_the_record_holds_its_reserve(
    tmp_path: Path, settings: Settings
) -> None:
    receive_one(tmp_path, settings)
    (tmp_path / RECORD_FILE).unlink()  # the record lost with the store
    new_store(tmp_path, settings)
    with pytest.raises(StoreUnusable) as held:
        receive_one(tmp_path, settings, minute=1)
    assert held.value.message is RESERVE_HELD
    report = check_store(tmp_path, settings)
    assert report.safety is not None and report.safety.reserve_held


def test_a_store_from_before_the_record_is_adopted_with_its_last_serials(
    tmp_path: Path, settings: Settings
) -> None:
    receive_one(tmp_path, settings)
    (tmp_path / RECORD_FILE).unlink()
    open_store(tmp_path, settings).close()
    record = read_record(tmp_path, tmp_path / STORE_FILE)
    assert record is not None and record.last is not None
    assert (record.last.day, record.last.serials) == (MONDAY_0910.date(), (1,))


def test_an_unreadable_record_is_refused_not_ignored(tmp_path: Path, settings: Settings) -> None:
    receive_one(tmp_path, settings)
    (tmp_path / RECORD_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(StoreUnusable, match=r"store-record\.json"):
        open_store(tmp_path, settings)


def test_the_check_reports_the_store_and_its_backups(tmp_path: Path, settings: Settings) -> None:
    nothing = check_store(tmp_path, settings)
    assert not nothing.exists and not (tmp_path / STORE_FILE).exists()  # never created here
    receive_one(tmp_path, settings)
    report = check_store(tmp_path, settings)
    assert report.identity == report.recorded_identity is not None
    assert report.last_serials == [f"{AGENCY}-261123-0001"]
    assert report.backups == 1 and report.newest_backup is not None
    store = open_store(tmp_path, settings)
    try:
        assert not safety_of(store).reserve_held
    finally:
        store.close()


def test_backups_go_where_the_settings_say_and_old_ones_go(
    tmp_path: Path, settings: Settings
) -> None:
    elsewhere = tmp_path / "second-disk"
    chosen = settings.with_values({"backup_folder": str(elsewhere), "backup_keep_days": 2})
    days = [dt.datetime(2026, 12, day, 7, 30) for day in (1, 2, 3, 4, 5)]
    for day in days:
        open_store(tmp_path, chosen, clock=lambda day=day: day).close()  # type: ignore[misc]
    kept = [backup.taken_at for backup in backups_in(elsewhere)]
    assert kept == days[2:]  # 2 days before the 5th, and newer
    assert not (tmp_path / "backups").exists()


def test_a_store_that_cannot_be_written_is_one_message(tmp_path: Path, settings: Settings) -> None:
    receive_one(tmp_path, settings)
    with read_only_store(), pytest.raises(StoreUnusable) as refused:
        receive_one(tmp_path, settings, minute=1)
    assert refused.value.message is STORE_UNWRITABLE
    assert str(refused.value).startswith(
        f"{tmp_path / STORE_FILE}: không mở hoặc không ghi được kho hồ sơ vì thư mục {tmp_path}"
    )


@pytest.mark.parametrize("fault", list(Fault))
def test_every_fault_of_the_file_is_one_sentence_naming_it(fault: Fault, tmp_path: Path) -> None:
    store = tmp_path / STORE_FILE
    told = store_unusable(StoreFailure(fault, store), tmp_path / "backups")
    for language in LANGUAGES:
        text = told.text(language)
        assert str(store) in text and "{" not in text and "Traceback" not in text
