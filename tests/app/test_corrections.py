"""Correcting a stored dossier: its own recorded revision, the old values kept, the papers
printed afresh from the store; refused, with nothing written, when the rules say no."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.audit import show_trail
from app.catalogue.model import Catalogue
from app.changes import DOSSIER_STORED
from app.corrections import (
    CHECKLIST_CHANGES,
    NOTHING_CHANGED,
    ONLY_APPLICANT_AND_LICENCES,
    OTHER_CATALOGUE,
    REASON_REQUIRED,
    VERDICT_CHANGES,
    CorrectionRefused,
    correct_dossier,
)
from app.counter import CounterSession
from app.counter_ops import correct_stored_dossier
from app.dossier.problems import RequestError
from app.dossier.request import DossierRequest
from app.dossier_queries import NO_SUCH_DOSSIER, find_dossier, look_up
from app.i18n import choose_language
from app.officers.identity import Officer, Role
from app.papers.slips import render_current_slip
from app.reception import Receipt, Timetable, receive
from app.settings import Settings
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.audit import AuditAction
from db.store import Store
from tests.db.conftest import AGENCY, EXAMPLES, counter
from tests.printing.papers import text_of

RECEIVED_AT = dt.datetime(2026, 11, 23, 9, 10)
LATER = dt.datetime(2026, 11, 24, 14, 30)
SUPERVISING = Officer("binh.tv", "Trần Văn Bình", Role.SUPERVISOR)
OFFICER = SUPERVISING.full_name  # the name kept with a revision


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def settings() -> Settings:
    chosen = Settings.defaults()
    for name, value in {
        "agency_code": AGENCY,
        "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
        "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
        "place_name": "Thành phố Hồ Chí Minh",
    }.items():
        chosen = chosen.with_value(name, value)
    return chosen


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    choose_language("vi")
    yield
    choose_language("vi")


def _example(name: str = "doi-gtvt") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _receive(store: Store, catalogue: Catalogue, data: dict[str, Any]) -> Receipt:
    return receive(
        DossierRequest.model_validate(data),
        catalogue=catalogue,
        timetable=Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS),
        counter=counter(),
        store=store,
        received_at=RECEIVED_AT,
    )


def _corrected(data: dict[str, Any], **applicant: Any) -> DossierRequest:
    changed = json.loads(json.dumps(data))
    changed["applicant"].update(applicant)
    return DossierRequest.model_validate(changed)


def _correct(
    store: Store,
    catalogue: Catalogue,
    key: str,
    corrected: DossierRequest,
    reason: str = "Gõ sai khi tiếp nhận",
) -> Any:
    return correct_dossier(store, catalogue, key, corrected, reason, SUPERVISING, LATER)


def test_a_correction_is_its_own_revision_keeping_the_old_values(
    store: Store, catalogue: Catalogue
) -> None:
    data = _example()
    receipt = _receive(store, catalogue, data)
    assert receipt.code is not None
    first = _correct(store, catalogue, receipt.code, _corrected(data, full_name="Nguyễn Văn Ân"))
    assert (first.dossier_id, first.code, first.revision) == (receipt.dossier_id, receipt.code, 1)
    assert first.changed == ["Họ và tên"]

    again = json.loads(json.dumps(data))
    again["applicant"]["full_name"] = "Nguyễn Văn Ân"
    again["applicant"]["identity_document"]["number"] = "079080001235"
    again["licences"][0]["number"] = "790123456788"
    second = _correct(
        store,
        catalogue,
        receipt.dossier_id,  # by its id as well as by its code
        DossierRequest.model_validate(again),
        "Số giấy tờ và số giấy phép ghi nhầm",
    )
    assert second.revision == 2
    assert second.changed == ["Số giấy tờ tùy thân", "Số giấy phép lái xe"]

    dossier = look_up(store, receipt.code)
    assert dossier is not None
    assert (dossier.applicant_name, dossier.applicant_id_number) == (
        "Nguyễn Văn Ân",
        "079080001235",
    )
    assert [licence.number for licence in dossier.licences] == ["790123456788"]
    # The dossier's outcome is as it was: verdict, code, due date, checklist.
    assert dossier.status == "accepted" and dossier.due_at == receipt.due.due_at  # type: ignore[union-attr]
    assert [r.record.verdict for r in dossier.rounds] == ["accept"]
    request = json.loads(dossier.rounds[-1].record.request_json)
    assert request["applicant"]["full_name"] == "Nguyễn Văn Ân"
    assert request["received_on"] == "2026-11-23"
    [one, two] = dossier.corrections
    assert (one.revision, one.officer, one.reason, one.corrected_at) == (
        1,
        OFFICER,
        "Gõ sai khi tiếp nhận",
        LATER,
    )
    assert json.loads(one.before_json)["applicant"]["full_name"] == "Nguyễn Văn An"
    assert json.loads(one.after_json)["applicant"]["full_name"] == "Nguyễn Văn Ân"
    assert json.loads(one.fields_json) == ["applicant.full_name"]
    assert json.loads(two.before_json)["licences"][0]["number"] == "790123456789"
    assert json.loads(two.after_json)["licences"][0]["number"] == "790123456788"
    assert json.loads(two.fields_json) == [
        "applicant.identity_document.number",
        "licences[0].number",
    ]

    shown = find_dossier(store, receipt.code)
    assert shown is not None
    assert [
        (c["revision"], c["officer"], c["reason"], c["corrected_at"], c["changed"])
        for c in shown["corrections"]
    ] == [
        (1, OFFICER, "Gõ sai khi tiếp nhận", "2026-11-24T14:30", ["Họ và tên"]),
        (
            2,
            OFFICER,
            "Số giấy tờ và số giấy phép ghi nhầm",
            "2026-11-24T14:30",
            ["Số giấy tờ tùy thân", "Số giấy phép lái xe"],
        ),
    ]
    assert [lic["number"] for lic in shown["licences"]] == ["790123456788"]


def test_the_reprinted_bm01_shows_the_corrected_data(
    store: Store, catalogue: Catalogue, settings: Settings
) -> None:
    data = _example()
    receipt = _receive(store, catalogue, data)
    assert receipt.code is not None
    before = text_of(render_current_slip(store, receipt.code, settings).pdf)
    assert "Nguyễn Văn An" in before
    _correct(store, catalogue, receipt.code, _corrected(data, full_name="Nguyễn Văn Ân"))
    slip = render_current_slip(store, receipt.code, settings)
    after = text_of(slip.pdf)
    assert slip.kind == "bm01"
    assert "Nguyễn Văn Ân" in after and "Nguyễn Văn An " not in after
    assert receipt.code in after


def test_the_counter_session_records_its_officer(
    tmp_path: Path, store: Store, catalogue: Catalogue, settings: Settings
) -> None:
    data = _example()
    receipt = _receive(store, catalogue, data)
    mai = Officer("mai.lt", "Lê Thị Mai", Role.SUPERVISOR)
    session = CounterSession(tmp_path, settings, mai, store)
    done = correct_stored_dossier(
        session,
        catalogue,
        receipt.dossier_id,
        _corrected(data, phone="0903 123 457"),
        "Số điện thoại ghi nhầm",
        LATER,
    )
    assert done.changes == DOSSIER_STORED
    assert (done.result.revision, done.result.changed) == (1, ["Số điện thoại"])
    dossier = look_up(store, receipt.dossier_id)
    assert dossier is not None and dossier.corrections[0].officer == "Lê Thị Mai"
    # The audit trail names the login, never the name.
    assert show_trail(store, action=AuditAction.CORRECTION)[-1].actor == "mai.lt"


def _refused(
    store: Store, catalogue: Catalogue, key: str, corrected: DossierRequest, **kw: Any
) -> CorrectionRefused:
    with pytest.raises(CorrectionRefused) as refused:
        _correct(store, catalogue, key, corrected, **kw)
    return refused.value


def test_what_cannot_be_corrected_is_refused_and_nothing_is_written(
    store: Store, catalogue: Catalogue
) -> None:
    data = _example()
    receipt = _receive(store, catalogue, data)
    code = receipt.code
    assert code is not None
    fixed_name = _corrected(data, full_name="Nguyễn Văn Ân")

    missing = _refused(store, catalogue, "000.17.22.H56-261123-0099", fixed_name)
    assert missing.message is NO_SUCH_DOSSIER
    assert str(missing) == "không có hồ sơ nào có mã hoặc mã số '000.17.22.H56-261123-0099'"

    blank = _refused(store, catalogue, code, fixed_name, reason="  ")
    assert blank.message is REASON_REQUIRED
    assert blank.text("en") == "Reason: the reason for the correction is required"

    same = _refused(store, catalogue, code, DossierRequest.model_validate(data))
    assert same.message is NOTHING_CHANGED
    assert (
        str(same) == f"hồ sơ {code}: thông tin sửa giống hệt thông tin đã lưu, không có gì để sửa"
    )

    other = json.loads(json.dumps(data))
    other["applicant"]["full_name"] = "Nguyễn Văn Ân"
    other["requested_classes"] = ["B1"]
    other["presented"]["giay-to-tuy-than"] = {"form": "certified-copy"}
    other["received_on"] = "2026-11-24"  # not read: the day of receipt is the store's
    fixed = _refused(store, catalogue, code, DossierRequest.model_validate(other))
    assert fixed.message is ONLY_APPLICANT_AND_LICENCES
    assert str(fixed) == (
        f"hồ sơ {code}: chỉ sửa được thông tin người nộp hồ sơ, giấy phép lái xe và hạng chọn khi"
        " đổi; không sửa được: Hạng đề nghị, Giấy tờ đã nộp. Hồ sơ cần thay đổi những mục này"
        " thì tiếp nhận lại"
    )
    assert fixed.text("en") == (
        f"dossier {code}: only the applicant's details, the licences and the classes chosen for"
        " the exchange can be corrected, not: Classes requested, Papers handed in. A dossier"
        " that needs these changed is received again"
    )

    expired = json.loads(json.dumps(data))
    expired["licences"][0]["expiry_date"] = "2026-01-10"
    verdict = _refused(store, catalogue, code, DossierRequest.model_validate(expired))
    assert verdict.message is VERDICT_CHANGES
    assert str(verdict) == (
        f"hồ sơ {code}: nội dung sửa làm thay đổi kết quả xét hồ sơ từ “Tiếp nhận” thành"
        " “Từ chối”; hồ sơ như vậy không sửa mà tiếp nhận lại"
    )
    assert verdict.text("en") == (
        f"dossier {code}: the correction changes the verdict from “Accept” to “Refuse”;"
        " such a dossier is not corrected but received again"
    )

    manifest = catalogue.manifest.model_copy(update={"id": "qd-9999-2027"})
    newer = catalogue.model_copy(update={"manifest": manifest})
    version = _refused(store, catalogue=newer, key=code, corrected=fixed_name)
    assert version.message is OTHER_CATALOGUE
    assert version.text("en") == (
        f"dossier {code} was checked under catalogue qd-4225-2021; it is not checked again"
        " under qd-9999-2027"
    )

    dossier = look_up(store, code)
    assert dossier is not None
    assert dossier.corrections == () and dossier.applicant_name == "Nguyễn Văn An"
    assert json.loads(dossier.rounds[-1].record.request_json)["applicant"]["full_name"] == (
        "Nguyễn Văn An"
    )


def test_a_correction_that_changes_the_checklist_is_refused(
    store: Store, catalogue: Catalogue
) -> None:
    """An A1 licence needs no health certificate; with B2 on it, it does: the dossier keeps
    its verdict but not its checklist, so it is received again rather than corrected."""
    data = _example()
    data["licences"][0]["classes"] = ["A1"]
    data["requested_classes"] = ["A1"]
    receipt = _receive(store, catalogue, data)
    assert receipt.code is not None
    changed = json.loads(json.dumps(data))
    changed["licences"][0]["classes"] = ["A1", "B2"]
    refused = _refused(store, catalogue, receipt.code, DossierRequest.model_validate(changed))
    assert refused.message is CHECKLIST_CHANGES


@pytest.mark.parametrize(
    ("reason", "rule"),
    [
        ("Gõ sai\x00", "Lý do sửa: có ký tự không in được"),
        ("Gõ sai " * 100, "Lý do sửa: dài tối đa 300 ký tự"),
    ],
)
def test_a_reason_that_cannot_be_printed_or_stored_is_refused(
    store: Store, catalogue: Catalogue, reason: str, rule: str
) -> None:
    data = _example()
    receipt = _receive(store, catalogue, data)
    assert receipt.code is not None
    corrected = _corrected(data, full_name="Nguyễn Văn Ân")
    with pytest.raises(CorrectionRefused) as refused:
        _correct(store, catalogue, receipt.code, corrected, reason)
    assert refused.value.text("vi").startswith(rule)
    assert refused.value.text("en").startswith("Reason: ")
    dossier = look_up(store, receipt.code)
    assert dossier is not None and not dossier.corrections


def test_a_correction_is_checked_on_the_stored_day_of_receipt(
    store: Store, catalogue: Catalogue
) -> None:
    """The corrected file is read on the day it is given (today); the ID card it names
    must still have been issued by the dossier's own day of receipt."""
    data = _example()
    receipt = _receive(store, catalogue, data)
    assert receipt.code is not None
    later = json.loads(json.dumps(data))
    later.pop("received_on")
    later["applicant"]["identity_document"]["issue_date"] = "2026-11-24"
    with pytest.raises(RequestError) as refused:
        _correct(store, catalogue, receipt.code, DossierRequest.model_validate(later))
    (problem,) = refused.value.problems
    assert problem.sentence("en") == (
        "Identity document issue date: cannot be after the day of receipt"
    )
