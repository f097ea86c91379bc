"""The citizen-ID QR text: parsed, checked against the number's hints, or refused clearly."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli.main import main
from app.dossier.request import Applicant, IdentityDocument, IdentityType
from app.dossier.sex import Sex
from app.i18n import current_language
from app.idcard import (
    PayloadError,
    applicant_fields,
    applicant_from_card,
    number_hints,
    parse_payload,
)

TODAY = dt.date(2026, 11, 23)
SEVEN = (
    "079190012345|025123456|Nguyễn Thị Hồng Nhung|15081990|Nữ|"
    "123 Nguyễn Trãi, Phường 2, Quận 5, TP Hồ Chí Minh|01062021"
)
SIX = "001203004567|Trần Văn Đức|02032003|Nam|Số 5 ngõ 12 Đội Cấn, Ba Đình, Hà Nội|20042021"


def test_seven_fields() -> None:
    reading = parse_payload(SEVEN, TODAY)
    card = reading.card
    assert reading.field_count == 7 and reading.warnings == []
    assert card.id_number == "079190012345" and card.old_id_number == "025123456"
    assert card.full_name == "Nguyễn Thị Hồng Nhung"
    assert card.date_of_birth == dt.date(1990, 8, 15)
    assert card.sex is Sex.FEMALE
    assert card.residence_address == "123 Nguyễn Trãi, Phường 2, Quận 5, TP Hồ Chí Minh"
    assert card.issue_date == dt.date(2021, 6, 1)


def test_six_fields_without_the_old_id() -> None:
    reading = parse_payload(SIX, TODAY)
    assert reading.field_count == 6 and reading.warnings == []
    assert reading.card.old_id_number is None
    assert reading.card.full_name == "Trần Văn Đức"
    assert reading.card.sex is Sex.MALE and reading.card.date_of_birth == dt.date(2003, 3, 2)


def test_an_empty_old_id_field_is_none() -> None:
    payload = SEVEN.replace("|025123456|", "||")
    assert parse_payload(payload, TODAY).card.old_id_number is None


def test_decomposed_vietnamese_is_composed() -> None:
    """Some scanners send "ễ" as e + combining marks; the form and the store want NFC."""
    decomposed = unicodedata.normalize("NFD", SEVEN)
    assert decomposed != SEVEN
    card = parse_payload(decomposed, TODAY).card
    assert card.full_name == "Nguyễn Thị Hồng Nhung"
    assert unicodedata.is_normalized("NFC", card.residence_address)


@pytest.mark.parametrize(
    "payload",
    [SEVEN + "\r\n", "\ufeff" + SEVEN, SEVEN + "|", SEVEN.replace("|Nữ|", "|NỮ|")],
    ids=["line end", "byte order mark", "trailing separator", "upper case sex"],
)
def test_what_scanners_add_is_tolerated(payload: str) -> None:
    assert parse_payload(payload, TODAY).card == parse_payload(SEVEN, TODAY).card


def test_number_hints() -> None:
    assert number_hints("079190012345").sex is Sex.FEMALE
    assert number_hints("079190012345").birth_year == 1990
    assert number_hints("001203004567").birth_year == 2003
    assert number_hints("001203004567").province_code == "001"
    assert number_hints("048399000001").sex is Sex.FEMALE
    assert number_hints("048399000001").birth_year == 2099


def test_sex_that_disagrees_with_the_number_is_a_warning() -> None:
    reading = parse_payload(SEVEN.replace("|Nữ|", "|Nam|"), TODAY)
    (warning,) = reading.warnings
    assert warning.field == "sex" and warning.code == "sex-differs-from-number"
    assert warning.message_vi == "Giới tính ghi Nam nhưng số định danh ứng với Nữ."
    assert reading.card.sex is Sex.MALE  # the card's word is kept; the officer decides


def test_birth_year_that_disagrees_with_the_number_is_a_warning() -> None:
    reading = parse_payload(SEVEN.replace("15081990", "15081991"), TODAY)
    (warning,) = reading.warnings
    assert warning.field == "date_of_birth"
    assert warning.message_en == "The birth year 1991 differs from the year in the number (1990)."


BAD = {
    "empty": ("  \n", "payload", "is empty"),
    "five fields": ("079190012345|Nguyễn|15081990|Nữ|01062021", "payload", "this one has 5"),
    "eight fields": (SEVEN + "|x", "payload", "this one has 8"),
    "a URL": ("https://dichvucong.gov.vn", "payload", "this one has 1"),
    "11 digits": (SEVEN.replace("079190012345", "07919001234"), "id_number", "12 digits"),
    "letters in the number": (SEVEN.replace("079190012345", "0791900123AB"), "id_number", "12"),
    "old id of 8 digits": (SEVEN.replace("025123456", "02512345"), "old_id_number", "9 or 12"),
    "no real date": (SEVEN.replace("15081990", "31021990"), "date_of_birth", "not a real date"),
    "born tomorrow": (SEVEN.replace("15081990", "24112026"), "date_of_birth", "today"),
    "date with slashes": (SEVEN.replace("01062021", "01/06/2021"), "issue_date", "8 digits"),
    "issued before birth": (SEVEN.replace("01062021", "01061980"), "issue_date", "before"),
    "sex in English": (SEVEN.replace("|Nữ|", "|F|"), "sex", '"Nam" or "Nữ"'),
    "digits in the name": (SEVEN.replace("Nguyễn Thị", "Nguyễn 7"), "full_name", "no digits"),
    # Digits of other scripts: str.isdigit and "\d" take them, a card never has them.
    "Arabic-Indic digits": (SEVEN.replace("079190012345", "٠٧٩١٩٠٠١٢٣٤٥"), "id_number", "12"),
    "full-width digits": (
        SEVEN.replace("079190012345", "０７９１９０００１２３４５"),
        "id_number",
        "12",
    ),
    "old id in full-width": (
        SEVEN.replace("025123456", "０２５１２３４５６"),
        "old_id_number",
        "9",
    ),
    "birth in Arabic-Indic": (SEVEN.replace("15081990", "١٥٠٨١٩٩٠"), "date_of_birth", "field"),
    "issue in full-width": (
        SEVEN.replace("01062021", "０１０６２０２１"),
        "issue_date",
        "8 digits",
    ),
    "issued in 9999": (SEVEN.replace("01062021", "31129999"), "issue_date", "today"),
    "a NUL in the name": (SEVEN.replace("Hồng", "Hồ\x00ng"), "full_name", "letters"),
    "a NUL in the address": (SEVEN.replace("Quận 5", "Quận\x005"), "residence_address", "printed"),
    "an address of 100,000": (
        SEVEN.replace("Quận 5", "Quận 5" * 20_000),
        "residence_address",
        "longer than 300",
    ),
    "fields out of order": (
        "079190012345|Nguyễn Thị Hồng Nhung|Nữ|15081990|123 Nguyễn Trãi|01062021",
        "date_of_birth",
        "field 3 must be the date of birth",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_malformed_payload_names_the_field_and_the_rule(case: str) -> None:
    payload, field, rule = BAD[case]
    with pytest.raises(PayloadError) as error:
        parse_payload(payload, TODAY)
    assert error.value.field == field
    assert rule in error.value.rule
    # The officer reads a sentence in the chosen language, never "field: rule".
    assert str(error.value) == error.value.text(current_language())
    assert not str(error.value).startswith(f"{field}: ")
    assert error.value.message_vi and error.value.message_vi != error.value.rule
    # The message never repeats the number or the name: it may reach a log.
    assert "079190012345" not in str(error.value) and "Nhung" not in str(error.value)


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_with_a_payload_error(text: str) -> None:
    with contextlib.suppress(PayloadError):
        parse_payload(text, TODAY)


@given(
    st.text(alphabet=st.characters(categories=("L", "Zs")), min_size=1, max_size=40).filter(
        lambda name: any(c.isalpha() for c in name) and "|" not in name
    )
)
def test_any_name_of_letters_round_trips(name: str) -> None:
    payload = f"079190012345||{name}|15081990|Nữ|Hà Nội|01062021"
    card = parse_payload(payload, TODAY).card
    assert card.full_name == " ".join(unicodedata.normalize("NFC", name).split())


def test_the_card_fills_the_applicant_and_keeps_the_rest() -> None:
    card = parse_payload(SEVEN, TODAY).card
    fresh = applicant_from_card(card)
    assert fresh.full_name == "Nguyễn Thị Hồng Nhung" and fresh.sex is Sex.FEMALE
    assert fresh.identity_document == IdentityDocument(
        type=IdentityType.CITIZEN_ID, number="079190012345", issue_date=dt.date(2021, 6, 1)
    )
    typed = Applicant(
        full_name="Nguyen Thi Nhung",
        date_of_birth=dt.date(1990, 8, 15),
        identity_document=IdentityDocument(
            type=IdentityType.CITIZEN_ID, number="079190012345", issued_by="Cục CSQLHC về TTXH"
        ),
        phone="0909 123 456",
    )
    filled = applicant_from_card(card, typed)
    assert filled.full_name == "Nguyễn Thị Hồng Nhung"
    assert filled.phone == "0909 123 456"
    assert filled.identity_document.issued_by == "Cục CSQLHC về TTXH"
    other = applicant_from_card(parse_payload(SIX, TODAY).card, typed)
    assert other.identity_document.issued_by is None


def test_the_card_under_the_form_field_paths() -> None:
    fields = applicant_fields(parse_payload(SIX, TODAY).card)
    assert fields["applicant.identity_document.number"] == "001203004567"
    assert fields["applicant.sex"] == "male"
    assert fields["applicant.date_of_birth"] == dt.date(2003, 3, 2)


def test_idcard_parse_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["idcard", "parse", SIX, "--json"]) == 0
    reading = json.loads(capsys.readouterr().out)
    assert reading["card"]["full_name"] == "Trần Văn Đức"
    assert reading["field_count"] == 6 and reading["warnings"] == []
    assert reading["applicant"]["identity_document"] == {
        "type": "cccd",
        "number": "001203004567",
        "issue_date": "2021-04-20",
    }


def test_idcard_parse_reads_stdin_and_prints_the_card(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(SEVEN.replace("|Nữ|", "|Nam|") + "\n"))
    assert main(["idcard", "parse", "-"]) == 0
    out = capsys.readouterr().out
    assert "Họ và tên: Nguyễn Thị Hồng Nhung" in out
    assert "Cảnh báo: Giới tính ghi Nam nhưng số định danh ứng với Nữ." in out


def test_idcard_parse_malformed_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["idcard", "parse", SEVEN.replace("15081990", "31021990"), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "motcua idcard: PAYLOAD: Ngày sinh: 31/02/1990 không phải ngày có thật.\n"
    )
