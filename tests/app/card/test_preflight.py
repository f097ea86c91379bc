"""The preflight: a record that may not enter a batch says why, each field by its label."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image, ImageCms

from app.card.limits import CardLimitsError, load_limits, shipped_limits_file
from app.card.preflight import preflight
from app.card.record import CardRecord, card_record
from app.catalogue.model import Catalogue
from app.dossier.request import DossierRequest, stored_request
from app.i18n import Language
from app.reception import Timetable
from db.store import Store
from tests.app.card.conftest import AGENCY_NAME, exchange_request, receive_exchange
from tests.db.conftest import EXAMPLES


@dataclasses.dataclass(frozen=True)
class Good:
    record: CardRecord
    photo: bytes


@pytest.fixture
def good(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> Good:
    """A record that passes: B2 exchanged for C1 in 2026, its portrait as stored."""
    request = exchange_request(class_choices={"B2": "C1"})
    received = receive_exchange(store, catalogue, timetable, photo_record, request)
    assert received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert preflight(record, received.portrait.content) == []
    return Good(record, received.portrait.content)


def _sentences(record: CardRecord, photo: bytes | None, language: Language = "vi") -> list[str]:
    return [problem.text(language) for problem in preflight(record, photo)]


def _with_holder(record: CardRecord, **changes: Any) -> CardRecord:
    return dataclasses.replace(record, holder=dataclasses.replace(record.holder, **changes))


def _jpeg(image: Image.Image, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def _with_photo(good: Good, photo: bytes) -> tuple[CardRecord, bytes]:
    """The record of another photo, its hash as stored: only the photo itself is wrong."""
    assert good.record.photo is not None
    entry = dataclasses.replace(good.record.photo, sha256=hashlib.sha256(photo).hexdigest())
    return dataclasses.replace(good.record, photo=entry), photo


def test_missing_fields_are_named(good: Good) -> None:
    record = _with_holder(good.record, residence="", sex=None)
    assert _sentences(record, good.photo) == [
        "Giới tính: bắt buộc, chưa có",
        "Nơi cư trú: bắt buộc, chưa có",
    ]
    assert _sentences(record, good.photo, "en") == [
        "Sex: required, missing",
        "Residence: required, missing",
    ]


def test_a_missing_photo_and_a_missing_issuing_authority(good: Good) -> None:
    record = dataclasses.replace(
        good.record,
        photo=None,
        licence=dataclasses.replace(good.record.licence, issuing_authority=""),
    )
    assert _sentences(record, None, "en") == [
        "Issuing authority: required, missing",
        "Portrait photo: required, missing",
    ]


def test_decomposed_text(good: Good) -> None:
    record = _with_holder(good.record, full_name=unicodedata.normalize("NFD", "Nguyễn Văn An"))
    assert _sentences(record, good.photo) == [
        "Họ và tên: chữ không ở dạng chuẩn Unicode NFC (chữ tổ hợp); nhập lại"
    ]


def test_a_control_character(good: Good) -> None:
    record = _with_holder(good.record, residence="12 Lý Tự Trọng\tQuận 1")
    assert _sentences(record, good.photo, "en") == [
        "Residence: holds a control character (a line break, a tab …); type it again on one line"
    ]


def test_text_longer_than_the_card_takes(good: Good) -> None:
    record = _with_holder(good.record, full_name="Nguyễn " * 8 + "An")  # 58 characters
    assert _sentences(record, good.photo) == ["Họ và tên: dài 58 ký tự; thẻ nhận tối đa 50 ký tự"]


def test_a_photo_of_the_wrong_size(good: Good) -> None:
    decoded = cv2.imdecode(np.frombuffer(good.photo, np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None
    smaller = cv2.resize(decoded, (300, 400))
    record, photo = _with_photo(good, cv2.imencode(".jpg", smaller)[1].tobytes())
    assert _sentences(record, photo, "en") == [
        "Portrait photo: must be 354×472 pixels; the image is 300×400"
    ]


def test_a_png_instead_of_a_jpeg(good: Good) -> None:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(good.photo)).save(buffer, "PNG")
    record, photo = _with_photo(good, buffer.getvalue())
    assert _sentences(record, photo) == ["Ảnh chân dung: là tệp PNG, không phải JPEG"]


def test_exif_and_other_metadata(good: Good) -> None:
    image = Image.open(io.BytesIO(good.photo))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    record, photo = _with_photo(good, _jpeg(image, exif=exif.tobytes(), comment=b"note"))
    assert _sentences(record, photo, "en") == [
        "Portrait photo: carries EXIF metadata; the photo must carry no metadata",
        "Portrait photo: carries a comment (COM segment); the photo must carry no metadata",
    ]


def test_a_progressive_jpeg_is_not_baseline(good: Good) -> None:
    image = Image.open(io.BytesIO(good.photo))
    record, photo = _with_photo(good, _jpeg(image, progressive=True))
    assert _sentences(record, photo, "en") == [
        "Portrait photo: must be a baseline JPEG (the file is progressive or of another kind)"
    ]


def test_a_photo_that_is_not_the_one_stored(good: Good) -> None:
    image = Image.open(io.BytesIO(good.photo))
    other = _jpeg(image)  # a good photo, but not the bytes whose hash was stored
    assert _sentences(good.record, other) == [
        "Ảnh chân dung: không khớp mã SHA-256 lưu cùng hồ sơ; ảnh đã bị thay đổi sau khi lưu"
    ]


def test_an_a4_licence_has_no_class_on_the_card(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    request = exchange_request(
        licence={"classes": ["A4"]}, requested_classes=["A4"], class_choices={}
    )
    received = receive_exchange(store, catalogue, timetable, photo_record, request)
    assert received.dossier.status == "accepted" and received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert _sentences(record, received.portrait.content, "en") == [
        "Classes to print: class A4 is no longer a licence class under Law 36/2024: it becomes"
        " a certificate, not printed on the licence"
    ]


def test_a_b2_without_the_applicants_choice(
    store: Store, catalogue: Catalogue, timetable: Timetable, photo_record: dict[str, Any]
) -> None:
    request = exchange_request()  # B2, received in 2026: B or C1, and no choice recorded
    received = receive_exchange(store, catalogue, timetable, photo_record, request)
    assert received.portrait is not None
    record = card_record(received.dossier, received.portrait, issuing_authority=AGENCY_NAME)
    assert _sentences(record, received.portrait.content) == [
        "Hạng giấy phép cấp mới: hạng B2 được đổi sang hạng B hoặc C1 theo lựa chọn của"
        " người đề nghị; hồ sơ chưa ghi hạng đã chọn"
    ]


def test_a_request_stored_before_the_card_fields_still_reads() -> None:
    """Requests stored before ``class_choices`` and ``automatic_only`` existed read as
    before: no choice made, no B1 limited to automatic cars."""
    old = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    assert "class_choices" not in old and "automatic_only" not in old["licences"][0]
    for request in (stored_request(json.dumps(old)), DossierRequest.model_validate(old)):
        assert request.class_choices == {}
        assert request.licences[0].automatic_only is False


def test_the_limits_file_must_cover_every_text_field(tmp_path: Path) -> None:
    text = shipped_limits_file().read_text(encoding="utf-8")
    broken = tmp_path / "limits.toml"
    broken.write_text(
        text.replace('"holder.residence" = 120', '"holder.address" = 120'), encoding="utf-8"
    )
    with pytest.raises(CardLimitsError) as refused:
        load_limits(broken)
    assert [str(problem).split(": ", 1)[1] for problem in refused.value.problems] == [
        "max_characters.holder.address: the record has no such text field",
        "max_characters: no limit for the text field holder.residence",
    ]


def test_an_srgb_profile_is_allowed_and_another_is_not(good: Good) -> None:
    image = Image.open(io.BytesIO(good.photo))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    record, photo = _with_photo(good, _jpeg(image, icc_profile=srgb))
    assert _sentences(record, photo) == []
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    record, photo = _with_photo(good, _jpeg(image, icc_profile=lab))
    assert _sentences(record, photo, "en") == [
        "Portrait photo: carries an ICC colour profile that is not sRGB (Lab)"
    ]


def test_a_cut_photo_is_damaged(good: Good) -> None:
    record, photo = _with_photo(good, good.photo[: len(good.photo) // 2])
    assert _sentences(record, photo, "en") == [
        "Portrait photo: is a damaged JPEG that cannot be read"
        " (the image data has no end-of-image marker)"
    ]
