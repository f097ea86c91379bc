"""Receiving dossiers into the local store, as the counter does all day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Verdict
from app.reception import CodesExhausted, Receipt, Timetable, receive
from db.dossiers import SerialsExhausted, find_by_code, find_by_id_number, received_between
from db.models import Dossier, PresentedItemRow, ReceptionRound
from db.store import Store
from tests.db.conftest import AGENCY, counter, example_request

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)


def _receive(store: Store, catalogue: Catalogue, timetable: Timetable, **kwargs: object) -> Receipt:
    request = kwargs.pop("request", None) or example_request()
    return receive(
        request,  # type: ignore[arg-type]
        catalogue=catalogue,
        timetable=timetable,
        counter=kwargs.pop("counter", None) or counter(),  # type: ignore[arg-type]
        store=store,
        received_at=kwargs.pop("received_at", MONDAY_0910),  # type: ignore[arg-type]
    )


def test_an_accepted_dossier_gets_a_code_and_a_due_date(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    receipt = _receive(store, catalogue, timetable)
    assert receipt.evaluation.verdict is Verdict.ACCEPT
    assert receipt.code == f"{AGENCY}-261123-0001"
    # Five working days from Monday 09:10, skipping Tuesday 24/11 (Ngày Văn hóa Việt Nam).
    assert receipt.due is not None and receipt.due.due_at == dt.datetime(2026, 12, 1, 9, 10)
    with store.reading() as session:
        dossier = find_by_code(session, receipt.code, with_history=True)
        assert dossier is not None
        assert (dossier.status, dossier.procedure_id, dossier.catalogue_version) == (
            "accepted",
            "doi-gtvt",
            "qd-4225-2021",
        )
        assert dossier.applicant_name == "Nguyễn Văn An"
        assert dossier.officer == "Nguyễn Thị Hoa" and dossier.counter_number == 1
        assert [r.verdict for r in dossier.rounds] == ["accept"]
        assert [i.item_id for i in dossier.rounds[0].items] == [
            "don-de-nghi",
            "giay-chung-nhan-suc-khoe",
            "giay-phep-lai-xe",
            "giay-to-tuy-than",
        ]
        assert [lic.classes for lic in dossier.licences] == ["B2"]
        assert "24/11/2026" in (dossier.due_explanation_json or "")


def test_serials_follow_each_other_and_restart_each_day(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    codes = [_receive(store, catalogue, timetable).code for _ in range(3)]
    tomorrow = _receive(store, catalogue, timetable, received_at=dt.datetime(2026, 11, 25, 8, 0))
    assert codes == [f"{AGENCY}-261123-000{n}" for n in (1, 2, 3)]
    assert tomorrow.code == f"{AGENCY}-261125-0001"


def test_counter_two_numbers_from_its_own_block(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    receipt = _receive(store, catalogue, timetable, counter=counter(number=2))
    assert receipt.code == f"{AGENCY}-261123-0501"


def test_an_incomplete_dossier_is_kept_without_a_code(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    request = example_request()
    request = request.model_copy(
        update={"presented": {k: v for k, v in request.presented.items() if k != "don-de-nghi"}}
    )
    receipt = _receive(store, catalogue, timetable, request=request)
    assert receipt.evaluation.verdict is Verdict.SUPPLEMENT and receipt.code is None
    with store.reading() as session:
        [dossier] = find_by_id_number(session, "079080001234")
        assert dossier.status == "awaiting-supplement" and dossier.due_at is None
        missing = [i for i in dossier.rounds[0].items if i.status != "ok"]
        assert [(i.item_id, i.reason) for i in missing] == [
            ("don-de-nghi", "Chưa nộp; cần 01 bản chính.")
        ]


def test_an_exhausted_block_is_refused_and_nothing_is_written(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    small = counter(number=3, block_size=2)
    assert [_receive(store, catalogue, timetable, counter=small).code for _ in range(2)] == [
        f"{AGENCY}-261123-0005",
        f"{AGENCY}-261123-0006",
    ]
    # The store's refusal, said to the officer by receiving (in the chosen language).
    with pytest.raises(
        CodesExhausted, match="0005–0006 dành cho quầy này ngày 23/11/2026"
    ) as refused:
        _receive(store, catalogue, timetable, counter=small)
    assert isinstance(refused.value.__cause__, SerialsExhausted)
    with store.reading() as session:
        counts = [
            session.scalar(select(func.count()).select_from(t))
            for t in (Dossier, ReceptionRound, PresentedItemRow)
        ]
    assert counts == [2, 2, 8]


def test_listing_by_day(store: Store, catalogue: Catalogue, timetable: Timetable) -> None:
    _receive(store, catalogue, timetable)
    _receive(store, catalogue, timetable, received_at=dt.datetime(2026, 11, 25, 8, 0))
    with store.reading() as session:
        day = received_between(session, dt.datetime(2026, 11, 23), dt.datetime(2026, 11, 24))
    assert [d.code for d in day] == [f"{AGENCY}-261123-0001"]


def test_the_store_is_safe_by_construction(store: Store) -> None:
    with store.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys")
        }
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    assert store.integrity_check() == "ok"
