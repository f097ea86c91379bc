"""Realistic papers without a database: for checking a printer, the layout, the settings.

The sample dossiers are ordinary requests evaluated against the shipped
catalogue and dated with the real calendar, so a sample BM 02 lists what the
catalogue really asks for, worded as a real one would be. The people, numbers
and addresses are invented. ``render_sample`` makes any of ``SAMPLE_KINDS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.catalogue.loader import load_catalogue_for
from app.dossier.evaluation import Verdict, evaluate
from app.dossier.request import DossierRequest, IdentityType
from app.i18n import Message
from app.papers.common import PrintRefused, paper_size, settings_office
from app.papers.register import RegisterFormat, register_file
from app.papers.slips import slip_renderer
from app.settings import Settings
from app.verdicts import SLIP_KINDS
from app.workdays import OfficeHours, WorkCalendar, compute_due
from printing.model import (
    Authorisation,
    Collector,
    ForwardedDossier,
    HandoverListData,
    Office,
    OriginalPaper,
    PostalDispatchData,
    RegisterPeriod,
    RegisterPlace,
    RegisterRow,
    ResultPaper,
    ResultReceiptData,
    SlipData,
)

if TYPE_CHECKING:
    from printing.mau04 import ApologyData

NO_SAMPLE = Message(
    "không có mẫu “{kind}”; các mẫu có sẵn: {known}", "no sample '{kind}'; known: {known}"
)

SAMPLE_DAY = dt.date(2026, 11, 23)
SAMPLE_RECEIVED = dt.datetime(2026, 11, 23, 9, 10)
SAMPLE_CODE = "000.17.22.H56-261123-0042"
SAMPLE_DOSSIER_ID = "0196b1f4-3c2e-7a10-8f00-000000000042"
SAMPLE_POINT = "252 Lý Chính Thắng, phường 9, quận 3, Thành phố Hồ Chí Minh"
SAMPLE_OFFICER = "Nguyễn Thị Hoa"

SAMPLE_OFFICE = Office(
    agency_name="Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    place_name="Thành phố Hồ Chí Minh",
    help_website="dichvucong.gov.vn",
    help_officer="Bộ phận tiếp nhận và trả kết quả",
    help_phone="028 3829 0000",
)

_VIETNAMESE_APPLICANT: dict[str, Any] = {
    "full_name": "Nguyễn Văn Đức Thịnh",
    "date_of_birth": "1980-05-04",
    "sex": "male",
    "nationality": "VN",
    "identity_document": {
        "type": "cccd",
        "number": "079080001234",
        "issue_date": "2021-06-15",
        "issued_by": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    },
    "residence_address": "12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
    "phone": "0903 123 456",
    "email": "thinh.nguyen@example.vn",
}

_TRANSPORT_LICENCE: dict[str, Any] = {
    "number": "790123456789",
    "classes": ["B2"],
    "issue_date": "2017-01-10",
    "expiry_date": "2027-01-10",
    "issuing_authority": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    "issuer": "gtvt",
    "material": "pet",
    "verified_in_register": True,
}

_EXCHANGE: dict[str, Any] = {
    "procedure": "doi-gtvt",
    "applicant": _VIETNAMESE_APPLICANT,
    "licences": [_TRANSPORT_LICENCE],
    "requested_classes": ["B2"],
    "presented": {
        "don-de-nghi": {"form": "original"},
        "giay-chung-nhan-suc-khoe": {"form": "original"},
        "giay-phep-lai-xe": {"form": "copy-with-original"},
        "giay-to-tuy-than": {"form": "copy-with-original"},
    },
}

# BM 02: the health certificate is missing and the ID card was only photocopied.
_INCOMPLETE: dict[str, Any] = _EXCHANGE | {
    "presented": {
        "don-de-nghi": {"form": "original"},
        "giay-phep-lai-xe": {"form": "copy-with-original"},
        "giay-to-tuy-than": {"form": "photocopy"},
    }
}

# BM 03: a paper licence that expired cannot be exchanged.
_REFUSED: dict[str, Any] = _EXCHANGE | {
    "licences": [
        _TRANSPORT_LICENCE
        | {"material": "paper", "issue_date": "2010-03-01", "expiry_date": "2020-03-01"}
    ]
}

_FOREIGNER: dict[str, Any] = {
    "procedure": "doi-nuoc-ngoai",
    "applicant": {
        "full_name": "Kim Min-jun",
        "date_of_birth": "1985-07-21",
        "sex": "male",
        "nationality": "KR",
        "identity_document": {
            "type": "passport",
            "number": "M12345678",
            "issue_date": "2022-02-03",
        },
        "residence_address": (
            "208 Nguyễn Hữu Cảnh, phường 22, quận Bình Thạnh, Thành phố Hồ Chí Minh"
        ),
        "residence_permit_months": 24,
    },
    "licences": [
        {
            "number": "11-19-123456-70",
            "classes": ["B"],
            "issue_date": "2019-04-01",
            "expiry_date": "2029-03-31",
            "issuing_authority": "Seoul Metropolitan Police Agency",
            "issuer": "nuoc-ngoai",
            "country": "KR",
            "material": "pet",
        }
    ],
    "requested_classes": ["B2"],
    "presented": {
        "don-de-nghi": {"form": "original"},
        "ban-dich-giay-phep-lai-xe": {"form": "original"},
        "giay-to-tuy-than": {"form": "copy-with-original"},
    },
}

_IDP: dict[str, Any] = {
    "procedure": "idp-cap",
    "applicant": _VIETNAMESE_APPLICANT,
    "licences": [_TRANSPORT_LICENCE],
    "requested_classes": ["B2"],
    "presented": {"don-de-nghi": {"form": "original"}},
}

_INSTRUCTOR: dict[str, Any] = {
    "procedure": "gv-cap",
    "subcase": "A",
    "applicant": {
        "full_name": "Trần Thị Bích Ngọc",
        "date_of_birth": "1988-02-14",
        "sex": "female",
        "nationality": "VN",
        "identity_document": {
            "type": "cccd",
            "number": "079188004321",
            "issue_date": "2021-06-15",
            "issued_by": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        },
        "residence_address": "63 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        "phone": "0912 345 678",
        "qualification": "cao-dang",
    },
    "licences": [
        {
            "number": "790112233445",
            "classes": ["B2", "C"],
            "issue_date": "2018-03-02",
            "expiry_date": "2028-03-02",
            "issuing_authority": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
            "issuer": "gtvt",
            "material": "pet",
            "verified_in_register": True,
        }
    ],
    "requested_classes": ["B2"],
    "presented": {
        "don-de-nghi": {"form": "original"},
        "bang-tot-nghiep": {"form": "certified-copy"},
        "chung-chi-nghiep-vu-su-pham": {"form": "copy-with-original"},
        "anh-3x4": {"form": "original"},
    },
}

# A training institution re-applying for one of its instructors: application and list.
_INSTRUCTOR_REISSUE: dict[str, Any] = _INSTRUCTOR | {
    "procedure": "gv-cap-lai",
    "subcase": "B",
    "instructor_certificate": {"number": "GV-0123/2019", "issue_date": "2019-05-20"},
    "presented": {
        "don-de-nghi": {"form": "original"},
        "anh-3x4": {"form": "original"},
        "danh-sach-giao-vien": {"form": "original"},
    },
}

REQUESTS: dict[str, dict[str, Any]] = {
    "bm01": _EXCHANGE,
    "bm02": _INCOMPLETE,
    "bm03": _REFUSED,
    "doi-gtvt": _EXCHANGE,
    "doi-nuoc-ngoai": _FOREIGNER,
    "idp-cap": _IDP,
    "gv-cap": _INSTRUCTOR,
    "gv-cap-lai": _INSTRUCTOR_REISSUE,
}


def _due(received: dt.datetime, working_days: int) -> dt.datetime:
    """As the counter would compute it: the real calendar (24/11/2026 is a day off)."""
    return compute_due(received, working_days, WorkCalendar.default(), OfficeHours()).due_at


def sample_slip(name: str, *, print_number: int = 1) -> SlipData:
    """The sample dossier ``name`` (a key of REQUESTS), evaluated as the counter would."""
    request = DossierRequest.model_validate(REQUESTS[name] | {"received_on": SAMPLE_DAY})
    evaluation = evaluate(request, load_catalogue_for(SAMPLE_DAY), SAMPLE_DAY)
    accepted = evaluation.verdict is Verdict.ACCEPT
    return SlipData(
        dossier_id=SAMPLE_DOSSIER_ID,
        request=request,
        evaluation=evaluation,
        received_at=SAMPLE_RECEIVED,
        receiving_point=SAMPLE_POINT,
        officer=SAMPLE_OFFICER,
        code=SAMPLE_CODE if accepted else None,
        due_at=_due(SAMPLE_RECEIVED, evaluation.working_days) if accepted else None,
        register_place=RegisterPlace(book=SAMPLE_DAY.year, serial=1042) if accepted else None,
        print_number=print_number,
    )


def sample_register_rows() -> list[RegisterRow]:
    """A few days of a counter's register."""
    people = [
        ("Nguyễn Văn Đức Thịnh", "12 Lý Tự Trọng, phường Bến Nghé, Quận 1", "0903 123 456"),
        ("Trần Thị Bích Ngọc", "63 Lý Tự Trọng, phường Bến Nghé, Quận 1", "0912 345 678"),
        ("Kim Min-jun", "208 Nguyễn Hữu Cảnh, phường 22, quận Bình Thạnh", ""),
        ("Lê Hoàng Phượng", "45 Võ Văn Tần, phường 6, quận 3", "0987 654 321"),
        ("Phạm Quốc Việt", "9 Trần Hưng Đạo, phường Cầu Ông Lãnh, Quận 1", "0938 111 222"),
    ]
    procedures = [
        "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        "Cấp Giấy chứng nhận giáo viên dạy thực hành lái xe",
        "Đổi Giấy phép lái xe hoặc bằng lái xe của nước ngoài cấp",
        "Cấp giấy phép lái xe quốc tế",
        "Đổi Giấy phép lái xe do ngành Công an cấp",
    ]
    rows = []
    for index, ((name, address, phone), procedure) in enumerate(
        zip(people, procedures, strict=True)
    ):
        received = SAMPLE_RECEIVED + dt.timedelta(minutes=37 * index)
        rows.append(
            RegisterRow(
                serial=1042 + index,
                code=f"000.17.22.H56-261123-{42 + index:04d}",
                procedure_name=procedure,
                applicant_name=name,
                address=address,
                phone=phone,
                handling_agency=SAMPLE_OFFICE.agency_name,
                received_at=received,
                due_at=_due(received, 5),
                returned_at=None,
                result_delivery="post" if index == 3 else "counter",
            )
        )
    return rows


SAMPLE_DELAY_REASON = (
    "Cơ sở dữ liệu giấy phép lái xe quốc gia đang bảo trì, chưa xác minh được giấy phép lái xe "
    "của ông/bà"
)


def sample_apology() -> ApologyData:
    """Mẫu 04 of the sample BM 01's dossier, re-appointed the day before it was due."""
    from printing.mau04 import ApologyData

    slip = sample_slip("bm01")
    assert slip.due_at is not None  # the sample BM 01 is accepted
    decided_at = dt.datetime.combine(slip.due_at.date() - dt.timedelta(days=1), dt.time(14, 30))
    return ApologyData(
        slip=slip,
        original_due_at=slip.due_at,
        new_due_at=_due(max(slip.due_at, decided_at), 3),
        reason=SAMPLE_DELAY_REASON,
        decided_at=decided_at,
        officer=SAMPLE_OFFICER,
    )


SAMPLE_PROCESSING_UNIT = "Phòng Quản lý phương tiện và người lái"
SAMPLE_POSTAL_SERVICE = "Bưu điện Thành phố Hồ Chí Minh (Tổng công ty Bưu điện Việt Nam)"
SAMPLE_POSTAL_ITEM = "EB123456789VN"


def sample_handover_list() -> HandoverListData:
    """The sample register's dossiers handed to the processing unit the afternoon they came."""
    rows = sample_register_rows()
    return HandoverListData(
        dossiers=tuple(
            ForwardedDossier(
                code=row.code,
                applicant_name=row.applicant_name,
                procedure_name=row.procedure_name,
                received_at=row.received_at,
                due_at=row.due_at,
            )
            for row in rows
        ),
        processing_unit=SAMPLE_PROCESSING_UNIT,
        handed_over_at=dt.datetime.combine(SAMPLE_DAY, dt.time(14, 45)),
        officer=SAMPLE_OFFICER,
    )


def _returned_papers() -> tuple[ResultPaper, tuple[OriginalPaper, ...]]:
    """The sample BM 01's exchange: the new licence, and the old one shown as the original."""
    licence = _TRANSPORT_LICENCE
    result = ResultPaper(f"Giấy phép lái xe số {licence['number']}, hạng B2 (vật liệu PET)")
    old = OriginalPaper(f"Giấy phép lái xe số {licence['number']} (bản chính, đã đối chiếu)")
    return result, (old,)


def sample_result_receipt(*, proxy: bool = True) -> ResultReceiptData:
    """The sample BM 01's result collected on its due date, by a proxy unless ``proxy`` is off."""
    slip = sample_slip("bm01")
    assert slip.code is not None and slip.due_at is not None  # the sample BM 01 is accepted
    applicant = slip.request.applicant
    result, originals = _returned_papers()
    collector = Collector(
        applicant.full_name, applicant.identity_document.type, applicant.identity_document.number
    )
    if proxy:
        collector = Collector("Trần Văn Minh Khôi", IdentityType.CITIZEN_ID, "079095006789")
    return ResultReceiptData(
        code=slip.code,
        applicant_name=applicant.full_name,
        procedure_name=slip.evaluation.procedure_name,
        received_at=slip.received_at,
        due_at=slip.due_at,
        results=(result,),
        originals=originals,
        collector=collector,
        authorisation=(
            Authorisation("125/2026/UQ", signed_on=dt.date(2026, 11, 26), certified=True)
            if proxy
            else None
        ),
        returned_at=dt.datetime.combine(slip.due_at.date(), dt.time(10, 25)),
        officer=SAMPLE_OFFICER,
    )


def sample_postal_dispatch() -> PostalDispatchData:
    """The sample BM 01's result sent to the applicant by post on its due date."""
    slip = sample_slip("bm01")
    assert slip.code is not None and slip.due_at is not None  # the sample BM 01 is accepted
    applicant = slip.request.applicant
    result, originals = _returned_papers()
    return PostalDispatchData(
        code=slip.code,
        applicant_name=applicant.full_name,
        procedure_name=slip.evaluation.procedure_name,
        recipient_name=applicant.full_name,
        address=applicant.residence_address or "",
        phone=applicant.phone or "",
        postal_service=SAMPLE_POSTAL_SERVICE,
        item_number=SAMPLE_POSTAL_ITEM,
        results=(result,),
        originals=tuple(ResultPaper(paper.name, paper.quantity) for paper in originals),
        sender_address=SAMPLE_POINT,
        sent_at=dt.datetime.combine(slip.due_at.date(), dt.time(8, 30)),
        officer=SAMPLE_OFFICER,
    )


# The papers ``print sample`` makes: the slips, Mẫu 04, one application form per procedure,
# the register, and the papers of the results' return.
SAMPLE_FORMS = ("doi-gtvt", "doi-nuoc-ngoai", "idp-cap", "gv-cap", "gv-cap-lai")
RETURN_KINDS = ("handover-list", "result-receipt", "postal-slip")
SAMPLE_KINDS = (
    *SLIP_KINDS,
    "mau04",
    *(f"form-{name}" for name in SAMPLE_FORMS),
    "register",
    *RETURN_KINDS,
)


def sample_office(settings: Settings) -> Office:
    """The counter's own values where set, the sample agency's elsewhere."""
    return settings_office(settings, fallback=SAMPLE_OFFICE)


def render_sample(kind: str, settings: Settings, form: RegisterFormat = "pdf") -> bytes:
    """A realistic paper of ``kind`` (one of SAMPLE_KINDS) without a database."""
    from printing.application_forms import render_application

    office = sample_office(settings)
    if kind == "register":
        period = RegisterPeriod(SAMPLE_DAY, SAMPLE_DAY + dt.timedelta(days=6))
        rows = [replace(row, handling_agency=office.agency_name) for row in sample_register_rows()]
        return register_file(rows, office, period, form)
    if kind == "mau04":
        from printing.mau04 import render_mau04

        return render_mau04(sample_apology(), office, paper_size(settings, kind))
    if kind in RETURN_KINDS:
        return _render_return_paper(kind, office)
    for slip in SLIP_KINDS:
        if kind == slip:
            return slip_renderer(slip)(sample_slip(kind), office, paper_size(settings, kind))
    name = kind.removeprefix("form-")
    if kind.startswith("form-") and name in SAMPLE_FORMS:
        return render_application(sample_slip(name), office, paper_size(settings, "form"))
    raise PrintRefused("KIND", NO_SAMPLE, kind=kind, known=", ".join(SAMPLE_KINDS))


def _render_return_paper(kind: str, office: Office) -> bytes:
    """The hand-over list (A4), the hand-over receipt and the Phiếu gửi (A5): these kinds
    have no paper setting of their own yet."""
    if kind == "handover-list":
        from printing.handover_list import render_handover_list

        return render_handover_list(sample_handover_list(), office)
    if kind == "result-receipt":
        from printing.result_receipt import render_result_receipt

        return render_result_receipt(sample_result_receipt(), office)
    from printing.postal_slip import render_postal_slip

    return render_postal_slip(sample_postal_dispatch(), office)
