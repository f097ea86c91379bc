"""The card record of a dossier received into a real store, with its portrait, under the law
of its day of receipt."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from app.card.preflight import preflight
from app.card.record import card_record, issuing_authority_of, makes_card, record_fields
from app.catalogue.model import Catalogue
from app.dossier.request import HeldLicence
from app.reception import Timetable
from app.settings.options import Settings
from db.store import Store
from printing.card_batch import (
    BatchInfo,
    CardRecordFile,
    new_signing_key,
    public_key_from_hex,
    public_key_hex,
    write_batch,
)
from printing.card_batch_verify import verify_batch
from tests.app.card.conftest import (
    AFTER_2025,
    AGENCY_NAME,
    BEFORE_2025,
    Received,
    exchange_request,
    receive_exchange,
)
from tests.db.conftest import AGENCY

B_SO_TU_DONG = "chỉ được điều khiển xe ô tô số tự động"


def _received(
    store: Store,
    catalogue: Catalogue,
    timetable: Timetable,
    photo: dict[str, Any],
    received_at: dt.datetime = AFTER_2025,
    **changes: Any,
) -> Received:
    request = exchange_request(**changes)
    return receive_exchange(store, catalogue, timetable, photo, request, received_at)


def test_the_exchanges_make_a_card_and_the_idps_and_certificates_do_not(
    catalogue: Catalogue,
) -> None:
    cards = sorted(pid for pid, procedure in catalogue.procedures.items() if makes_card(procedure))
    assert cards == ["doi-cong-an", "doi-du-lich", "doi-gtvt", "doi-nuoc-ngoai", "doi-quan-su"]


def test_an_exchange_after_2025_prints_the_class_chosen_under_law_36(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    received = _received(store, catalogue, timetable, photo_record, class_choices={"B2": "C1"})
    assert received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    code = f"{AGENCY}-261123-0001"
    # Due Tuesday 1/12/2026 (five working days, 24/11 a holiday): the planned issue date;
    # class C1 of Law 36/2024 is valid 10 years from it.
    assert record_fields(record) == {
        "dossier_code": code,
        "procedure": {"id": "doi-gtvt", "national_code": None},
        "received_at": AFTER_2025,
        "catalogue_version": "qd-4225-2021",
        "holder": {
            "full_name": "Nguyễn Văn An",
            "date_of_birth": dt.date(1980, 5, 4),
            "sex": "male",
            "nationality": "VN",
            "residence": "12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "identity_document": {"type": "cccd", "number": "079080001234"},
        },
        "licence": {
            "number": None,
            "issuing_authority": AGENCY_NAME,
            "law": "law-36-2024",
            "classes": [
                {
                    "class": "C1",
                    "planned_issue_date": dt.date(2026, 12, 1),
                    "planned_expiry_date": dt.date(2036, 12, 1),
                    "restrictions": [],
                }
            ],
        },
        "old_licences": [
            {
                "number": "790123456789",
                "classes": ["B2"],
                "issuer": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
            }
        ],
        "photo": {
            "file": f"photos/{code}.jpg",
            "sha256": hashlib.sha256(received.portrait.content).hexdigest(),
            "captured_at": received.portrait.taken_at,
            "officer": "Nguyễn Thị Hoa",
        },
    }
    assert record.class_problems == ()
    assert preflight(record, received.portrait.content) == []


def test_an_exchange_before_2025_keeps_the_class_under_law_23(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    received = _received(store, catalogue, timetable, photo_record, BEFORE_2025)
    assert received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    fields = record_fields(record)
    # Due Monday 23/12/2024; B2 of Law 23/2008 is valid 10 years from issue.
    assert fields["received_at"] == BEFORE_2025
    assert fields["licence"] == {
        "number": None,
        "issuing_authority": AGENCY_NAME,
        "law": "law-23-2008",
        "classes": [
            {
                "class": "B2",
                "planned_issue_date": dt.date(2024, 12, 23),
                "planned_expiry_date": dt.date(2034, 12, 23),
                "restrictions": [],
            }
        ],
    }
    assert preflight(record, received.portrait.content) == []


def test_an_automatic_b1_becomes_b_restricted_to_automatic_cars(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    licence = {"classes": ["B1"], "automatic_only": True, "expiry_date": "2040-05-04"}
    received = _received(
        store, catalogue, timetable, photo_record, licence=licence, requested_classes=["B1"]
    )
    assert received.dossier.status == "accepted" and received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    (only,) = record.licence.classes
    assert only.code == "B"
    assert [r.text for r in only.restrictions] == [B_SO_TU_DONG]
    # The code the card prints for it is not published yet: the record says so (None).
    assert [r.code for r in only.restrictions] == [None]
    assert only.planned_expiry_date == dt.date(2036, 12, 1)
    assert preflight(record, received.portrait.content) == []


def test_a_record_goes_into_a_batch_that_verifies(
    store: Store,
    catalogue: Catalogue,
    timetable: Timetable,
    photo_record: dict[str, Any],
    tmp_path: Path,
) -> None:
    received = _received(store, catalogue, timetable, photo_record, class_choices={"B2": "B"})
    assert received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    key = new_signing_key()
    info = BatchInfo("000.17.22.H56", "252 Lý Chính Thắng", AFTER_2025.date(), 1, 1, "hoa.nt", None)
    batch = write_batch(
        tmp_path, info, [CardRecordFile(record_fields(record), received.portrait.content)], key
    )
    public = public_key_from_hex(public_key_hex(key.public_key()))
    assert verify_batch(batch.folder, public, None) == []
    (written,) = json.loads((batch.folder / "data" / "records.json").read_text("utf-8"))
    assert written["licence"]["classes"][0] == {
        "class": "B",
        "planned_issue_date": "2026-12-01",
        "planned_expiry_date": "2036-12-01",
        "restrictions": [],
    }
    photo = batch.folder / "data" / "photos" / f"{record.dossier_code}.jpg"
    assert photo.read_bytes() == received.portrait.content


def test_two_licences_make_one_card_under_the_law_of_receipt(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    motorcycle = {
        "number": "790111222333",
        "classes": ["A1"],
        "issue_date": "2012-03-01",
        "issuing_authority": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
        "issuer": "gtvt",
        "material": "pet",
        "verified_in_register": True,
    }
    request = exchange_request(class_choices={"B2": "B"}, requested_classes=["A1", "B2"])
    request = request.model_copy(
        update={"licences": [*request.licences, HeldLicence.model_validate(motorcycle)]}
    )
    received = receive_exchange(store, catalogue, timetable, photo_record, request)
    assert received.dossier.status == "accepted" and received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert [(c.code, c.planned_expiry_date) for c in record.licence.classes] == [
        ("B", dt.date(2036, 12, 1)),
        ("A", None),  # no time limit
    ]
    assert [r.text[:50] for r in record.licence.classes[1].restrictions] == [
        "chỉ được điều khiển xe mô tô hai bánh có dung tích"
    ]
    assert [old.number for old in record.old_licences] == ["790123456789", "790111222333"]
    assert preflight(record, received.portrait.content) == []


def test_class_problems_the_request_can_cause(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    """A choice for a class no licence holds, an automatic-only mark on a licence without
    B1, and a B1 before 2025 whose validity depends on a sex not recorded."""
    applicant = exchange_request().applicant.model_dump() | {"sex": None}
    request = exchange_request(
        licence={"classes": ["B1", "A1"], "expiry_date": "2040-05-04"},
        requested_classes=["B1"],
        class_choices={"FB2": "BE"},
        applicant=applicant,
    )
    received = receive_exchange(store, catalogue, timetable, photo_record, request, BEFORE_2025)
    assert received.dossier.status == "accepted"
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert [problem.text("en") for problem in record.class_problems] == [
        "class BE was chosen for class FB2, but the licence has no class FB2",
        "the validity of class B1 depends on the holder's sex, which the request does not give",
    ]
    automatic = exchange_request(licence={"automatic_only": True})
    received = receive_exchange(store, catalogue, timetable, photo_record, automatic)
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert [problem.text("en") for problem in record.class_problems][:1] == [
        "licence 790123456789 is marked as B1 for automatic cars but has no class B1"
    ]


def test_the_issuing_authority_is_the_agency_the_papers_name() -> None:
    settings = Settings(agency_name=AGENCY_NAME)
    assert issuing_authority_of(settings) == AGENCY_NAME
