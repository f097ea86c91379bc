"""Citizen-ID QR codes, generated and shown to the camera at several sizes, angles and blurs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import cv2
import pytest

from app.cli.main import main
from app.idcard import parse_payload
from camera.images import Image
from camera.qr import read_qr_codes
from tests.camera.cards import PAYLOAD, frame_with_card, qr_image

CASES = [
    (module_px, angle, blur)
    for module_px in (3, 5, 8)
    for angle in (0, 30, 45, 90, 180)
    for blur in (0.0, 1.0)
] + [(module_px, angle, 1.5) for module_px in (5, 8) for angle in (0, 45, 180)]


@pytest.mark.parametrize(
    ("module_px", "angle", "blur"), CASES, ids=[f"{m}px-{a}deg-blur{b}" for m, a, b in CASES]
)
def test_the_card_qr_decodes_from_a_frame(module_px: int, angle: float, blur: float) -> None:
    frame = frame_with_card(qr_image(PAYLOAD, module_px), angle, blur)
    assert read_qr_codes(frame).texts == (PAYLOAD,)


def test_a_small_qr_far_from_the_camera_is_read_enlarged() -> None:
    frame = frame_with_card(qr_image(PAYLOAD, 2), 0, 0.0)
    assert read_qr_codes(frame).texts == (PAYLOAD,)


def test_the_decoded_text_parses_with_its_diacritics() -> None:
    (text,) = read_qr_codes(frame_with_card(qr_image(PAYLOAD, 5), 20, 1.0)).texts
    card = parse_payload(text, dt.date(2026, 11, 23)).card
    assert card.full_name == "Nguyễn Thị Hồng Nhung"
    assert card.residence_address.endswith("Thành phố Hồ Chí Minh")


def test_a_frame_without_a_qr_gives_nothing(clean_blue: Image) -> None:
    assert read_qr_codes(clean_blue).texts == ()


def test_idcard_scan_reads_an_image_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "cccd.png"
    assert cv2.imwrite(str(image), frame_with_card(qr_image(PAYLOAD, 4), 10, 0.0))
    assert main(["idcard", "scan", str(image), "--json"]) == 0
    reading = json.loads(capsys.readouterr().out)
    assert reading["card"]["id_number"] == "079190012345"
    assert reading["applicant"]["identity_document"]["number"] == "079190012345"


def test_idcard_scan_without_a_card_qr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_blue: Image
) -> None:
    nothing = tmp_path / "nothing.png"
    assert cv2.imwrite(str(nothing), clean_blue)
    assert main(["idcard", "scan", str(nothing)]) == 2
    assert capsys.readouterr().err == f"motcua idcard: {nothing}: không thấy mã QR nào\n"
    other = tmp_path / "other.png"
    assert cv2.imwrite(str(other), frame_with_card(qr_image("https://example.org", 5), 0, 0.0))
    assert main(["idcard", "scan", str(other)]) == 2
    assert (
        "không có mã QR của thẻ căn cước: Không phải mã QR của thẻ căn cước: có 1 trường"
        in capsys.readouterr().err
    )
