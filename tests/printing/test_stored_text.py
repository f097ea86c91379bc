"""Papers survive any stored text (issue 12, finding 7).

A store written under older rules, or by another program, may hold what the
input rules refuse today: a NUL in a name made the register's workbook fail, a
100,000-character address made BM 01 sixty pages long and the register's PDF
fail. The records here are the ones the store gave back, with such text put in
them directly, and the papers are made from them as ``app.papers`` makes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from io import BytesIO
from typing import Any

import openpyxl
import pytest

from app.dossier.request import TEXT_MAX, stored_request
from app.papers.apology import render_apology
from app.papers.common import dossier_of, office_of
from app.papers.register import RegisterFormat, register_file, register_row
from app.papers.slips import slip_data, slip_renderer
from app.settings import Settings
from db.papers import slip_book
from db.records import ReappointmentRecord, StoredDossier
from db.store import Store
from printing.model import RegisterPeriod, RegisterPlace, RegisterRow
from printing.official_paper import ROW_SHARE_OF_PAGE, clipped_text, page_spec, styles
from printing.printable import ELLIPSIS, printable
from printing.register_xlsx import CELL_MAX
from tests.printing.conftest import MONDAY_0910, Receive, example
from tests.printing.papers import A4, page_sizes, page_texts, text_of

DAY = MONDAY_0910.date()
# Every kind of character that is no text: NUL, escape, a line break, a tab, a
# right-to-left override, a zero-width joiner, a private-use character, a lone surrogate.
NOT_TEXT = "\x00\x1b\n\t\u202e\u200d\ue000\ud800"
NAME = f"Nguyễn{NOT_TEXT}Văn An"
NAME_PRINTED = "Nguyễn  Văn An"  # the line break and the tab are spaces; the rest is gone
LONG_ADDRESS = "12 Lý Tự Trọng, phường Bến Nghé, " * 3031  # 100,023 characters


def _stored(store: Store, received: Receive) -> StoredDossier:
    """The dossier of the doi-gtvt example, accepted and read back from the store."""
    receipt = received(example("doi-gtvt"))
    with slip_book(store) as book:
        return dossier_of(book, str(receipt.code))


def _with(
    dossier: StoredDossier, *, name: str | None = None, address: str | None = None, **columns: Any
) -> StoredDossier:
    """The dossier as a store from before today's rules could hold it: the applicant's
    name and address put straight into the stored JSON and columns."""
    applicant = json.loads(dossier.applicant_json)
    reception = dossier.rounds[-1]
    request = json.loads(reception.record.request_json)
    for changed in (applicant, request["applicant"]):
        if name is not None:
            changed["full_name"] = name
        if address is not None:
            changed["residence_address"] = address
    record = dataclasses.replace(reception.record, request_json=json.dumps(request))
    return dataclasses.replace(
        dossier,
        applicant_name=applicant["full_name"],
        applicant_json=json.dumps(applicant),
        rounds=[*dossier.rounds[:-1], dataclasses.replace(reception, record=record)],
        **columns,
    )


def _bm01(dossier: StoredDossier, settings: Settings) -> bytes:
    """BM 01 of a stored dossier, as ``app.papers.slips`` makes it."""
    slip = slip_data(dossier, dossier.rounds[-1], "bm01", 1, RegisterPlace(DAY.year, 1))
    return slip_renderer("bm01")(slip, office_of(settings), "A5")


def _register(dossier: StoredDossier, settings: Settings, form: RegisterFormat) -> bytes:
    """The register of the dossier's day, as ``app.papers.register`` makes it."""
    row = register_row(dossier, 1, settings.agency_name)
    return register_file([row], office_of(settings), RegisterPeriod(DAY, DAY), form)


def _register_cells(workbook: bytes) -> dict[str, Any]:
    sheet = openpyxl.load_workbook(BytesIO(workbook)).active
    heading, row = list(sheet.iter_rows(values_only=True))[4:6]
    return dict(zip(heading, row, strict=True))


# ------------------------------------------------------------------ control characters


def test_a_stored_name_with_control_characters_prints_in_the_workbook_and_the_pdf(
    store: Store, received: Receive, settings: Settings
) -> None:
    dossier = _with(_stored(store, received), name=NAME)
    cells = _register_cells(_register(dossier, settings, "xlsx"))
    assert cells["Tên cá nhân, tổ chức"] == NAME_PRINTED
    assert NAME_PRINTED.split() == ["Nguyễn", "Văn", "An"]
    assert "Nguyễn Văn An" in text_of(_register(dossier, settings, "pdf"))
    first, second = page_texts(_bm01(dossier, settings))
    assert "Tiếp nhận hồ sơ của: Nguyễn Văn An" in first
    assert "Tiếp nhận hồ sơ của: Nguyễn Văn An" in second


def test_control_characters_in_every_stored_text_of_the_register_are_left_out(
    store: Store, received: Receive, settings: Settings
) -> None:
    dossier = _with(
        _stored(store, received),
        address=f"5 Nguyễn Huệ{NOT_TEXT}",
        result_delivery="post",
        delivery_address=f"12 Lê Lợi{NOT_TEXT}",
        reappointment=ReappointmentRecord(
            previous_due_at=MONDAY_0910,
            new_due_at=MONDAY_0910 + dt.timedelta(days=7),
            reason=f"Chờ xác minh{NOT_TEXT}",
            decided_at=MONDAY_0910,
            officer=f"Trần{NOT_TEXT}Bình",
        ),
    )
    agency = settings.with_value("agency_name", "Sở Giao thông vận tải")
    cells = _register_cells(_register(dossier, agency, "xlsx"))
    for value in cells.values():
        assert not isinstance(value, str) or printable(value) == value, value
    assert cells["Ghi chú"] == "Địa chỉ nhận kết quả: 12 Lê Lợi; Hẹn lại: Chờ xác minh"
    assert "Hẹn lại: Chờ xác minh" in text_of(_register(dossier, agency, "pdf"))
    slip = slip_data(dossier, dossier.rounds[-1], "bm01", 1)
    apology = text_of(render_apology(dossier, slip, "KEY", office_of(settings), "A5"))
    assert "Lý do chậm trễ: Chờ xác minh." in apology and "Trần Bình" in apology


def test_printable_composes_and_leaves_out_what_is_no_text() -> None:
    assert printable("Nguye\u0302\u0303n") == "Nguyễn"
    assert printable(f"A{NOT_TEXT}B") == "A  B"
    assert printable("12 Lý Tự Trọng\u2028Quận 1") == "12 Lý Tự Trọng Quận 1"
    assert printable("Ngọc\u00a0Ánh") == "Ngọc\u00a0Ánh"  # a no-break space is text


# ------------------------------------------------------------------------------ lengths


def test_a_stored_100000_character_address_prints_bm01_on_its_two_pages(
    store: Store, received: Receive, settings: Settings
) -> None:
    dossier = _with(_stored(store, received), address=LONG_ADDRESS)
    assert len(LONG_ADDRESS) > 100_000
    pdf = _bm01(dossier, settings)
    assert len(page_sizes(pdf)) == 2
    first, _ = page_texts(pdf)
    printed = first.split("Địa chỉ: ")[1].split(" Số điện thoại:")[0]
    assert printed.startswith("12 Lý Tự Trọng, phường Bến Nghé, 12 Lý Tự Trọng")
    assert printed.endswith(ELLIPSIS) and len(printed) <= TEXT_MAX


def test_a_stored_100000_character_address_prints_the_register(
    store: Store, received: Receive, settings: Settings
) -> None:
    dossier = _with(_stored(store, received), address=LONG_ADDRESS)
    pdf = _register(dossier, settings, "pdf")
    assert page_sizes(pdf) == [(A4[1], A4[0])]
    assert dossier.code is not None and dossier.code in text_of(pdf)
    contact = _register_cells(_register(dossier, settings, "xlsx"))["Địa chỉ, số điện thoại"]
    address, phone = contact.split("; ")
    assert len(address) <= TEXT_MAX and address.endswith(ELLIPSIS) and phone == "0903 123 456"


def test_every_slip_keeps_its_page_count_whatever_one_stored_field_holds(
    store: Store, received: Receive, settings: Settings
) -> None:
    """Each text of the request, and the slip's own, at 100,000 characters in turn."""
    dossier = _stored(store, received)
    request = json.loads(dossier.rounds[-1].record.request_json)
    huge = "Nguyễn Thị Ngọc Ánh " * 5000
    paths: list[tuple[str | int, ...]] = [
        ("applicant", name) for name in ("full_name", "residence_address", "phone", "email")
    ]
    paths += [
        ("applicant", "identity_document", "number"),
        ("applicant", "identity_document", "issued_by"),
        ("licences", 0, "number"),
        ("licences", 0, "issuing_authority"),
    ]
    for path in paths:
        changed = json.loads(json.dumps(request))
        node = changed
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = huge
        record = dataclasses.replace(dossier.rounds[-1].record, request_json=json.dumps(changed))
        stored = dataclasses.replace(
            dossier, rounds=[dataclasses.replace(dossier.rounds[-1], record=record)]
        )
        assert len(page_sizes(_bm01(stored, settings))) == 2, path
    by_post = dataclasses.replace(dossier, result_delivery="post", delivery_address=huge)
    assert len(page_sizes(_bm01(by_post, settings))) == 2
    elsewhere = dataclasses.replace(dossier, receiving_point=huge)
    assert len(page_sizes(_bm01(elsewhere, settings))) == 2


def test_a_request_stored_under_older_rules_is_read_as_stored() -> None:
    """The input rules are not applied again to a stored request: it prints as it is."""
    data = example("doi-gtvt")
    data["applicant"] |= {"full_name": "Nguyễn Văn 3", "phone": "0903.123-456"}
    data["applicant"]["identity_document"] |= {"number": "٠٧٩", "issue_date": "9999-12-31"}
    request = stored_request(json.dumps(data))
    assert request.applicant.full_name == "Nguyễn Văn 3"
    assert request.applicant.phone == "0903.123-456"
    assert request.applicant.identity_document.issue_date == dt.date(9999, 12, 31)


# ---------------------------------------------------------------------- register rows


def test_a_register_row_is_never_taller_than_half_a_page() -> None:
    """Each text of a row is bounded; the narrow notes column still wraps to more than a
    page, so its cell is clipped after wrapping."""
    longest = "Nguyễn Huệ " * 10_000
    row = RegisterRow(
        serial=1,
        code="000.17.22.H56-261123-0001",
        procedure_name=longest,
        applicant_name=longest,
        address=longest,
        phone="0" * 10_000,
        handling_agency=longest,
        received_at=MONDAY_0910,
        due_at=None,
        returned_at=None,
        result_delivery="post",
        delivery_address=longest,
        reappointment_reason=longest,
    )
    assert len(row.address) == TEXT_MAX and len(row.applicant_name) < TEXT_MAX
    office = office_of(
        Settings.defaults().with_value("agency_name", "Sở").with_value("place_name", "Hà Nội")
    )
    period = RegisterPeriod(DAY, DAY)
    pdf = register_file([row] * 4, office, period, "pdf")
    assert len(page_sizes(pdf)) <= 4  # two rows to a page at most, once past the head
    assert "Địa chỉ nhận kết quả" in text_of(pdf) and ELLIPSIS in text_of(pdf)
    cells = _register_cells(register_file([row], office, period, "xlsx"))
    assert all(len(value) <= CELL_MAX for value in cells.values() if isinstance(value, str))


@pytest.mark.parametrize("length", [10, 1_000, 100_000])
def test_a_cell_is_wrapped_then_clipped_to_its_height(length: int) -> None:
    spec = page_spec("A4", wide=True)
    style = styles(spec.font_size).cell
    height = spec.text_height * ROW_SHARE_OF_PAGE
    cell = clipped_text("Nguyễn Huệ " * length, style, 40, height)
    _, needed = cell.wrap(40, height)
    assert needed <= height
    assert cell.text.endswith(ELLIPSIS) == (length > 10)
