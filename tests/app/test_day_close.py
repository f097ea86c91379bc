"""Closing a counter's day without a central database: the day's book must be whole (every
dossier complete, no unexplained gap in its codes); the close is recorded with its audit
record; from then on the store refuses what would change the closed day, and a
supervisor's correction still goes through. With the centre: tests/central/test_day_close.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

import db.day_close  # noqa: F401  (its table is part of the store's metadata)
from app.appointments import reappoint_dossier
from app.audit import show_trail
from app.catalogue.loader import load_catalogue_for
from app.corrections import correct_dossier
from app.day_close import (
    CODE_GAP,
    INCOMPLETE,
    DayClosed,
    DayNotClosable,
    DayToCome,
    check_day_open,
    close_day,
    refused_for_closed_day,
)
from app.i18n import choose_language
from app.officers.identity import Officer
from app.permissions import RoleRefused
from app.reception import Timetable, receive
from app.settings import Settings
from app.voids import void_dossier
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.dossiers import dossier_by_key
from db.papers import slip_book
from db.records import Actor, DossierKey, SlipRecord
from db.store import Store
from tests.accounts import OFFICER, SUPERVISOR, add_officers, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES
from tests.db.conftest import AGENCY, counter, example_request
from tests.db.workers import incomplete_request
from tests.printing.papers import text_of

DAY = dt.date(2026, 11, 23)
MORNING = dt.datetime(2026, 11, 23, 9, 0)
EVENING = dt.datetime(2026, 11, 23, 17, 30)
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    choose_language("vi")
    yield
    choose_language("vi")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def settings() -> Settings:
    chosen = Settings.defaults()
    values: dict[str, str | int] = {
        "agency_code": AGENCY,
        "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
        "counter_number": 1,
        "serial_block_size": 500,
    }
    for name, value in values.items():
        chosen = chosen.with_value(name, value)
    return chosen


def _receive(store: Store, at: dt.datetime, *, complete: bool = True, printed: bool = True) -> str:
    """A dossier received at counter 1 at ``at`` (with its paper printed); its code or id."""
    receipt = receive(
        example_request() if complete else incomplete_request(),
        catalogue=load_catalogue_for(at.date()),
        timetable=TIMETABLE,
        counter=counter(1, 500),
        store=store,
        received_at=at,
    )
    if printed:
        _print(store, receipt.dossier_id, at)
    return receipt.code or receipt.dossier_id


def _print(store: Store, dossier_id: str, at: dt.datetime) -> None:
    """The first print of the latest round's paper, as ``motcua print`` records it."""
    stored = dossier_by_key(store, DossierKey(id=dossier_id))
    assert stored is not None
    latest = stored.rounds[-1]
    kind = {"accepted": "bm01", "awaiting-supplement": "bm02", "refused": "bm03"}[stored.status]
    with slip_book(store, writing=True) as book:
        book.record(
            SlipRecord(dossier_id, latest.id, kind, at, 1, "Nguyễn Thị Hoa"), Actor("hoa.nt")
        )


def _lines(store: Store) -> list[str]:
    """The day's lines as the test reads them from the store on its own."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT d.code, d.id, CASE WHEN v.id IS NULL THEN d.status ELSE 'voided' END "
                "FROM dossier d LEFT JOIN dossier_void v ON v.dossier_id = d.id"
            )
        ).all()
    return [f"{code or ''}\t{dossier_id}\t{status}" for code, dossier_id, status in rows]


def test_a_whole_day_closes_once_with_its_count_digest_and_audit_record(
    store: Store, settings: Settings
) -> None:
    codes = [_receive(store, MORNING + dt.timedelta(minutes=10 * n)) for n in range(3)]
    waiting = _receive(store, MORNING + dt.timedelta(hours=1), complete=False)
    done = close_day(store, DAY, settings, SUPERVISOR, EVENING)
    expected = hashlib.sha256("\n".join(sorted(_lines(store))).encode()).hexdigest()
    assert (done.closed.dossier_count, done.closed.digest) == (4, expected)
    assert (done.closed.day, done.closed.actor, done.already) == (DAY, "hoa", False)
    assert done.closed.central_id is None  # no central database: closed at the counter only
    assert codes == [f"{AGENCY}-261123-{serial:04d}" for serial in (1, 2, 3)]
    assert len(waiting) == 36  # awaiting papers: no code, named by its id
    records = [row for row in show_trail(store) if row.action == "day-close"]
    assert len(records) == 1
    subject = json.loads(records[0].subject_json)
    assert subject["day"] == "2026-11-23" and subject["digest"] == expected
    assert subject["dossier_count"] == 4 and records[0].actor == "hoa"
    # Closing again changes nothing and says it was closed before.
    again = close_day(store, DAY, settings, SUPERVISOR, EVENING + dt.timedelta(minutes=5))
    assert again.already and again.closed == done.closed
    assert len([row for row in show_trail(store) if row.action == "day-close"]) == 1


def test_a_dossier_whose_paper_was_not_printed_keeps_the_day_open(
    store: Store, settings: Settings
) -> None:
    _receive(store, MORNING)
    unprinted = _receive(store, MORNING + dt.timedelta(minutes=5), printed=False)
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert refused.value.kinds == [INCOMPLETE]
    assert str(refused.value) == (
        "ngày 23/11/2026: chưa chốt được ngày làm việc: "
        f"1 hồ sơ chưa đủ: {unprinted} (chưa in phiếu)"
    )
    assert not [row for row in show_trail(store) if row.action == "day-close"]
    check_day_open(store, DAY, 1)  # nothing was closed


def test_a_missing_code_is_a_gap_and_a_voided_dossier_is_an_explained_one(
    store: Store, settings: Settings
) -> None:
    codes = [_receive(store, MORNING + dt.timedelta(minutes=n)) for n in range(4)]
    void_dossier(store, codes[1], "Tiếp nhận trùng", SUPERVISOR, MORNING + dt.timedelta(hours=2))
    # The store lost the third dossier's serial: the fourth now stands where a fifth would.
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE dossier SET code_serial = 5, code = :new WHERE code = :old"),
            {"new": f"{AGENCY}-261123-0005", "old": codes[3]},
        )
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert refused.value.kinds == [CODE_GAP]
    assert refused.value.text("en") == (
        "day 23/11/2026: the working day cannot be closed: dossier codes missing with no void "
        f"or refusal by the centre to explain them: {codes[3]}"
    )
    with store.engine.begin() as connection:  # put back: only the void is left
        connection.execute(
            text("UPDATE dossier SET code_serial = 4, code = :old WHERE code = :new"),
            {"new": f"{AGENCY}-261123-0005", "old": codes[3]},
        )
    done = close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert done.explained_gaps == ((codes[1], "voided"),)
    assert done.closed.dossier_count == 4


def test_only_a_supervisor_closes_and_only_a_day_that_has_come(
    store: Store, settings: Settings
) -> None:
    _receive(store, MORNING)
    with pytest.raises(RoleRefused):
        close_day(store, DAY, settings, OFFICER, EVENING)
    with pytest.raises(DayToCome):
        close_day(store, DAY + dt.timedelta(days=1), settings, SUPERVISOR, EVENING)


def test_a_closed_day_refuses_a_receipt_a_return_a_reappointment_and_a_void_dated_on_it(
    store: Store, settings: Settings
) -> None:
    accepted = _receive(store, MORNING)
    waiting = _receive(store, MORNING + dt.timedelta(minutes=5), complete=False)
    close_day(store, DAY, settings, SUPERVISOR, EVENING)
    with pytest.raises(DayClosed) as closed:
        check_day_open(store, DAY, 1)
    assert str(closed.value) == (
        "ngày 23/11/2026 đã được chốt lúc 17:30 23/11/2026 (hoa); hồ sơ của ngày đã chốt chỉ "
        "thay đổi qua đính chính có ghi nhận của lãnh đạo"
    )
    before = _lines(store)
    late = EVENING + dt.timedelta(minutes=10)
    attempts: dict[str, Callable[[], object]] = {
        "receipt": lambda: _receive(store, late, printed=False),
        "return": lambda: receive(
            example_request(),
            catalogue=load_catalogue_for(DAY),
            timetable=TIMETABLE,
            counter=counter(1, 500),
            store=store,
            received_at=late,
            supplements=waiting,
        ),
        "reappointment": lambda: reappoint_dossier(
            store,
            accepted,
            extra_working_days=2,
            reason="Chờ xác minh",
            officer=SUPERVISOR,
            decided_at=late,
            timetable=TIMETABLE,
        ),
        "void": lambda: void_dossier(store, accepted, "Tiếp nhận trùng", SUPERVISOR, late),
    }
    for name, attempt in attempts.items():
        # Refused by the operation first (check_day_open), else by the store itself (0011).
        with pytest.raises((DayClosed, IntegrityError)) as refused:
            attempt()
        assert isinstance(refused.value, DayClosed) or refused_for_closed_day(refused.value), name
    assert _lines(store) == before  # nothing written
    # A supervisor's recorded correction still goes through.
    request = example_request()
    corrected = request.model_copy(
        update={"applicant": request.applicant.model_copy(update={"phone": "0903 123 457"})}
    )
    correct_dossier(
        store,
        load_catalogue_for(DAY),
        accepted,
        corrected,
        "Số điện thoại ghi nhầm",
        SUPERVISOR,
        late,
    )
    # The next day is open: the applicant back with the papers, a new dossier.
    next_day = MORNING + dt.timedelta(days=1)
    receive(
        example_request(),
        catalogue=load_catalogue_for(next_day.date()),
        timetable=TIMETABLE,
        counter=counter(1, 500),
        store=store,
        received_at=next_day,
        supplements=waiting,
    )
    assert _receive(store, next_day + dt.timedelta(minutes=1)) == f"{AGENCY}-261124-0002"


def test_the_command_closes_the_day_or_says_each_reason(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    for name, value in (
        ("agency_code", AGENCY),
        ("agency_name", "Sở Giao thông vận tải"),
        ("place_name", "Hà Nội"),
    ):
        assert run_motcua(["settings", "set", name, value, "--data-dir", str(folder)]).code == 0
    opened = Store.in_data_dir(folder)
    add_officers(opened)
    opened.close()

    def motcua(*args: str, who: Officer = SUPERVISOR) -> Ran:
        return run_motcua([*args, *sign_in_args(tmp_path, who), "--data-dir", str(folder)])

    received = motcua("receive", str(EXAMPLES / "doi-gtvt.json"), "--at", "2026-11-23 09:10")
    assert received.code == 0, received.err
    code = json.loads(received.out)["code"]
    closing = ("day", "close", "--date", "2026-11-23")
    as_officer = motcua(*closing, who=OFFICER)
    assert (as_officer.code, as_officer.out) == (7, "")
    assert as_officer.err.startswith("motcua day: chỉ cán bộ giám sát được chốt ngày; ")
    unprinted = motcua(*closing)
    assert (unprinted.code, unprinted.out) == (7, "")
    assert unprinted.err == (
        "motcua day: ngày 23/11/2026: chưa chốt được ngày làm việc: "
        f"1 hồ sơ chưa đủ: {code} (chưa in phiếu)\n"
    )
    printed = motcua("print", "bm01", code, "-o", str(tmp_path / "bm01.pdf"))
    assert printed.code == 0, printed.err
    bad_paper = motcua(*closing, "--register", str(tmp_path / "page.txt"))
    assert (bad_paper.code, bad_paper.out) == (2, "")
    assert bad_paper.err.startswith("motcua day: --register: tên tệp phải có đuôi .pdf")
    page, summary = tmp_path / "page.pdf", tmp_path / "summary.pdf"
    closed = motcua(*closing, "--register", str(page), "--summary", str(summary))
    assert closed.code == 0, closed.err
    shown = json.loads(closed.out)
    assert shown["written"] == {"register": str(page), "summary": str(summary)}
    assert code in text_of(page.read_bytes())
    assert "Ngày 23/11/2026" in text_of(summary.read_bytes())
    assert (shown["day"], shown["dossier_count"], shown["officer"]) == ("2026-11-23", 1, "hoa")
    assert (shown["already"], shown["central_id"], shown["explained_gaps"]) == (False, None, [])
    again = motcua(*closing)
    assert (again.code, json.loads(again.out)["already"]) == (0, True)
    bad = motcua("day", "close", "--date", "23/11/2026")
    assert bad.code == 2 and bad.err.startswith("motcua day: --date: ")
