"""``motcua photo check`` and ``motcua photo crop`` as a script author uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from app.cli.main import main
from camera.images import Image
from tests.camera.portraits import GREY, WHITE, compose


def save(path: Path, frame: Image) -> Path:
    ok, data = cv2.imencode(path.suffix, frame)
    assert ok
    path.write_bytes(data.tobytes())
    return path


def test_photo_check_json_passes_the_clean_portrait(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_blue: Image
) -> None:
    image = save(tmp_path / "ảnh.jpg", clean_blue)
    assert main(["photo", "check", str(image), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True
    assert report["background"] == "blue" and report["faces"] == 1
    assert [c["status"] for c in report["checks"]] == ["pass"] * 10
    assert report["hints_vi"] == ["Tốt. Mời giữ yên."]


def test_photo_check_names_the_failed_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = save(tmp_path / "grey.png", compose(GREY))
    assert main(["photo", "check", str(image), "--background", "white", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    (failed,) = [c for c in report["checks"] if c["status"] == "fail"]
    assert failed["id"] == "background"
    assert failed["message_vi"] == "Phông nền phải màu trắng."
    assert main(["photo", "check", str(image)]) == 0
    text = capsys.readouterr().out
    assert "✗ Phông nền: Phông nền phải màu xanh." in text


def test_photo_crop_writes_the_3_by_4_jpeg(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = save(tmp_path / "white.png", compose(WHITE))
    out = tmp_path / "photo.jpg"
    assert main(["photo", "crop", str(image), "-o", str(out), "--background", "white"]) == 0
    assert out.read_bytes()[:3] == b"\xff\xd8\xff"
    photo = cv2.imread(str(out))
    assert photo is not None and photo.shape == (472, 354, 3)
    assert capsys.readouterr().out.startswith(f"{out}: 354×472 JPEG, sha256 ")


def test_photo_crop_warns_about_failed_checks_and_still_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = save(tmp_path / "white.png", compose(WHITE))
    out = tmp_path / "photo.jpg"
    assert main(["photo", "crop", str(image), "-o", str(out)]) == 0
    assert capsys.readouterr().err == "cảnh báo: Phông nền: Phông nền phải màu xanh.\n"
    assert out.is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "không có tệp này"),
        (b"not an image", "không phải ảnh mà chương trình đọc được (JPEG, PNG, BMP hoặc TIFF)"),
    ],
)
def test_photo_check_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    image = tmp_path / "x.jpg"
    if content is not None:
        image.write_bytes(content)
    assert main(["photo", "check", str(image)]) == 2
    assert capsys.readouterr().err == f"motcua photo: {image}: {message}\n"


def test_photo_crop_needs_one_face(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = save(tmp_path / "empty.png", compose(poses=()))
    assert main(["photo", "crop", str(image), "-o", str(tmp_path / "out.jpg")]) == 2
    assert capsys.readouterr().err == (
        f"motcua photo: {image}: ảnh thẻ cần đúng một khuôn mặt; không thấy khuôn mặt nào\n"
    )


def test_help_does_not_load_opencv() -> None:
    code = (
        "import sys; from app.cli.main import build_parser; build_parser();"
        "print('cv2' in sys.modules, 'zxingcpp' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
