"""Images are measured before they are decoded (issue 12, findings 6 and 8): a PNG of a few
kilobytes claiming 25000×25000 pixels made ``photo check`` take 3.7 GB, and a 1×60000 one
crashed the face search. Both are refused now, naming the file, from the header alone."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from PIL import Image as PILImage

from app.cli.main import main
from camera.images import (
    MAX_IMAGE_FILE_BYTES,
    ImageReadError,
    check_dimensions,
    check_image_size,
    read_image_file,
)

TOO_LARGE = (
    "ảnh quá lớn (tối đa 12000 điểm ảnh mỗi cạnh và 50 triệu điểm ảnh); hãy thu nhỏ ảnh rồi thử lại"
)


def _png(path: Path, width: int, height: int) -> Path:
    """A PNG as cheap to write as a big one can be: one bit per pixel, all black."""
    PILImage.new("1", (width, height)).save(path)
    return path


@pytest.fixture(scope="module")
def huge_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _png(tmp_path_factory.mktemp("bomb") / "scan.png", 25_000, 25_000)


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any call to OpenCV's decoder fails the test: the refusal must come before it."""

    def decode(*args: object) -> None:
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(cv2, "imdecode", decode)


@pytest.mark.usefixtures("no_decoding")
@pytest.mark.parametrize("command", [["photo", "check"], ["photo", "crop"], ["idcard", "scan"]])
def test_a_25000_by_25000_png_is_refused_without_decoding(
    huge_png: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert huge_png.stat().st_size < 2_000_000  # the size of the one found
    output = ["-o", str(tmp_path / "out.jpg")] if command[1] == "crop" else []
    assert main([*command, str(huge_png), *output]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"motcua {command[0]}: {huge_png}: {TOO_LARGE}\n"
    assert not (tmp_path / "out.jpg").exists()


@pytest.mark.usefixtures("no_decoding")
@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((1, 60_000), TOO_LARGE),
        (
            (1, 8000),
            "ảnh 1×8000 điểm ảnh có hình dạng bất thường (cạnh dài gấp hơn 10 lần cạnh ngắn);"
            " không phải ảnh chụp hay ảnh quét",
        ),
        (
            (3000, 200),
            "ảnh 3000×200 điểm ảnh có hình dạng bất thường (cạnh dài gấp hơn 10 lần cạnh ngắn);"
            " không phải ảnh chụp hay ảnh quét",
        ),
        ((9000, 9000), TOO_LARGE),
    ],
)
def test_a_strip_or_a_giant_is_refused_by_its_header(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    size: tuple[int, int],
    message: str,
) -> None:
    image = _png(tmp_path / "strip.png", *size)
    assert main(["photo", "check", str(image)]) == 2
    assert capsys.readouterr().err == f"motcua photo: {image}: {message}\n"


def test_the_refusal_is_said_in_english_too(huge_png: Path) -> None:
    with pytest.raises(ImageReadError) as refused:
        read_image_file(huge_png)
    assert refused.value.text("en") == (
        f"{huge_png}: the image is too large (at most 12000 pixels a side and 50 megapixels);"
        " make it smaller and try again"
    )


def test_a_50_megapixel_phone_photo_is_within_the_bounds(tmp_path: Path) -> None:
    """8160×6120, the largest a phone takes by default: its header passes."""
    image = _png(tmp_path / "phone.png", 8160, 6120)
    assert check_image_size(image.read_bytes()) == (8160, 6120)


def test_a_file_too_large_for_an_image_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.bmp"
    with big.open("wb") as stream:  # sparse: no disk used
        stream.truncate(MAX_IMAGE_FILE_BYTES + 1)
    with pytest.raises(ImageReadError) as refused:
        read_image_file(big)
    assert str(refused.value) == f"{big}: tệp quá lớn cho một ảnh (tối đa 200 MB)"


@pytest.mark.parametrize("size", [(0, 480), (640, 0), (12_001, 2000), (7000, 7500)])
def test_a_video_files_declared_frame_size_is_held_to_the_same_bounds(
    size: tuple[int, int],
) -> None:
    with pytest.raises(ImageReadError):
        check_dimensions(*size)
    check_dimensions(1280, 720)
