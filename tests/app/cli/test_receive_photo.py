"""``motcua receive … --photo IMAGE``: a dossier received with its photo, without the window
(issue 16): the same checks, crop and decision as the window's import, refused before anything
is stored."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image as PILImage

from db.store import STORE_FILE, Store
from tests.accounts import OFFICER, add_officers, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES
from tests.camera.portraits import BLUE, WHITE, compose

AGENCY = "000.17.22.H56"
AT = "2026-11-23 09:10"
BACKGROUND_FAILED = "  ✗ Phông nền: Phông nền phải màu xanh."


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A counter with its agency code and officer accounts."""
    folder = tmp_path / "counter"
    folder.mkdir()
    set_agency = ["settings", "set", "agency_code", AGENCY, "--data-dir", str(folder)]
    assert run_motcua(set_agency).code == 0
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


def _png(path: Path, frame: Any) -> Path:
    ok, data = cv2.imencode(".png", frame)
    assert ok
    path.write_bytes(data.tobytes())
    return path


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test portrait on the exchange's blue backdrop, on white (the background check
    fails), and the backdrop with nobody in front of it."""
    folder = tmp_path_factory.mktemp("photos")
    return {
        "blue": _png(folder / "ảnh xanh.png", compose(BLUE)),
        "white": _png(folder / "white.png", compose(WHITE)),
        "empty": _png(folder / "empty.png", compose(BLUE, poses=())),
    }


def receive(data_dir: Path, request: Path, *options: str) -> Ran:
    return run_motcua(
        [
            "receive",
            str(request),
            *sign_in_args(data_dir, OFFICER),
            "--at",
            AT,
            *options,
            "--data-dir",
            str(data_dir),
        ]
    )


def exchange() -> Path:
    return EXAMPLES / "doi-gtvt.json"


@contextmanager
def stored(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """The counter's store file itself, read as any SQLite client reads it."""
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as connection:
        yield connection


def counts(data_dir: Path) -> tuple[int, int]:
    """Dossiers and photos in the store."""
    with stored(data_dir) as db:
        dossiers = db.execute("select count(*) from dossier").fetchone()[0]
        photos = db.execute("select count(*) from dossier_photo").fetchone()[0]
    return dossiers, photos


def photo_rows(data_dir: Path, dossier_id: str) -> dict[str, tuple[Any, ...]]:
    """The dossier's stored photos by kind: content, sha256, width, height, media type,
    override reason, round."""
    with stored(data_dir) as db:
        rows = db.execute(
            "select kind, content, sha256, width, height, media_type, override_reason, round_id"
            " from dossier_photo where dossier_id = ? order by kind",
            (dossier_id,),
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def test_the_photo_is_stored_with_the_dossier(data_dir: Path, images: dict[str, Path]) -> None:
    ran = receive(data_dir, exchange(), "--photo", str(images["blue"]), "--photo-confirmed")
    assert ran.code == 0, ran.err
    receipt = json.loads(ran.out)
    assert receipt["verdict"] == "accept" and receipt["code"] == f"{AGENCY}-261123-0001"
    photo = receipt["photo"]
    assert (photo["width"], photo["height"], photo["overridden_checks"]) == (354, 472, [])

    rows = photo_rows(data_dir, receipt["dossier_id"])
    assert set(rows) == {"portrait", "original"}
    content, sha256, width, height, media_type, reason, _ = rows["portrait"]
    assert (sha256, hashlib.sha256(content).hexdigest()) == (photo["sha256"], photo["sha256"])
    assert (len(content), width, height, media_type, reason) == (
        photo["bytes"],
        354,
        472,
        "image/jpeg",
        None,
    )
    decoded = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None and decoded.shape == (472, 354, 3)
    # The file as it was given is kept beside the crop, as the window keeps an import.
    original, original_sha256, width, height, media_type, _, _ = rows["original"]
    assert original == images["blue"].read_bytes()
    assert (original_sha256, width, height, media_type) == (
        photo["original"]["sha256"],
        1280,
        720,
        "image/png",
    )
    shown = json.loads(run_motcua(["show", receipt["code"], "--data-dir", str(data_dir)]).out)
    assert {(p["kind"], p["sha256"]) for p in shown["photos"]} == {
        ("portrait", photo["sha256"]),
        ("original", photo["original"]["sha256"]),
    }


def test_no_face_is_refused_naming_the_check(data_dir: Path, images: dict[str, Path]) -> None:
    ran = receive(data_dir, exchange(), "--photo", str(images["empty"]), "--photo-confirmed")
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        f"motcua receive: --photo: {images['empty']}: không cắt được ảnh thẻ từ ảnh này:\n"
        "  ✗ Số người trong ảnh: Không thấy khuôn mặt. Mời nhìn thẳng vào máy ảnh.\n"
    )
    assert counts(data_dir) == (0, 0)


def test_a_failed_check_needs_a_reason(data_dir: Path, images: dict[str, Path]) -> None:
    white = str(images["white"])
    ran = receive(data_dir, exchange(), "--photo", white, "--photo-confirmed")
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        f"motcua receive: --photo-reason: {white}: Ảnh chưa đạt; ghi lý do nếu vẫn dùng ảnh"
        f" này.\n{BACKGROUND_FAILED}\n"
    )
    assert counts(data_dir) == (0, 0)

    reason = "Người nộp mặc áo xanh, phông trắng của quầy đang sửa"
    ran = receive(
        data_dir, exchange(), "--photo", white, "--photo-confirmed", "--photo-reason", reason
    )
    assert ran.code == 0, ran.err
    receipt = json.loads(ran.out)
    assert receipt["photo"]["overridden_checks"] == ["background"]
    rows = photo_rows(data_dir, receipt["dossier_id"])
    assert rows["portrait"][1] == receipt["photo"]["sha256"]
    assert rows["portrait"][5] == rows["original"][5] == reason


def test_the_officer_confirms_what_the_program_cannot_see(
    data_dir: Path, images: dict[str, Path]
) -> None:
    ran = receive(data_dir, exchange(), "--photo", str(images["blue"]))
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        "motcua receive: --photo-confirmed: Cán bộ cần xác nhận những điểm máy không tự kiểm tra"
        " được. (Đã xem: mắt mở, nét mặt tự nhiên, không lóa, không đội mũ hay khăn.)\n"
    )
    assert counts(data_dir) == (0, 0)


def _oversized(folder: Path) -> Path:
    """9000×9000: 81 megapixels, past the bound; one bit a pixel keeps the file small."""
    path = folder / "scan.png"
    PILImage.new("1", (9000, 9000)).save(path)
    return path


TOO_LARGE = (
    "ảnh quá lớn (tối đa 12000 điểm ảnh mỗi cạnh và 50 triệu điểm ảnh); hãy thu nhỏ ảnh rồi thử lại"
)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: folder / "missing.jpg", "không có tệp này"),
        (
            lambda folder: folder / "notes.jpg",
            "không phải ảnh mà chương trình đọc được (JPEG, PNG, BMP hoặc TIFF)",
        ),
        (_oversized, TOO_LARGE),
    ],
    ids=["missing", "not-an-image", "oversized"],
)
def test_an_unusable_file_is_refused_naming_photo(
    data_dir: Path, tmp_path: Path, make: Any, problem: str
) -> None:
    image: Path = make(tmp_path)
    if image.name == "notes.jpg":
        image.write_text("không phải ảnh", encoding="utf-8")
    ran = receive(data_dir, exchange(), "--photo", str(image), "--photo-confirmed")
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == f"motcua receive: --photo: {image}: {problem}\n"
    assert counts(data_dir) == (0, 0)


def test_a_procedure_whose_photo_is_handed_in_takes_none(
    data_dir: Path, images: dict[str, Path]
) -> None:
    """The IDP's photo is a paper in its checklist: the window shows no camera for it."""
    idp = EXAMPLES / "idp-cap.json"
    ran = receive(data_dir, idp, "--photo", str(images["blue"]), "--photo-confirmed")
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        "motcua receive: --photo: thủ tục idp-cap không chụp ảnh tại quầy: ảnh thẻ là giấy tờ"
        " người nộp mang đến, đánh dấu trong danh mục hồ sơ\n"
    )
    assert counts(data_dir) == (0, 0)
    ran = receive(data_dir, idp)
    assert ran.code == 0 and json.loads(ran.out)["photo"] is None


def test_a_supplement_keeps_the_photo_of_its_round(
    data_dir: Path, images: dict[str, Path], tmp_path: Path
) -> None:
    """As in the window, a photo taken for a dossier that gets BM 02 is kept with that round;
    the applicant back with the papers is photographed again for the new round."""
    request = json.loads(exchange().read_text(encoding="utf-8"))
    del request["presented"]["giay-chung-nhan-suc-khoe"]
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    blue = str(images["blue"])
    first = receive(data_dir, incomplete, "--photo", blue, "--photo-confirmed")
    assert first.code == 0, first.err
    supplement = json.loads(first.out)
    assert (supplement["verdict"], supplement["code"]) == ("supplement", None)

    second = receive(
        data_dir,
        exchange(),
        "--supplements",
        supplement["dossier_id"],
        "--photo",
        blue,
        "--photo-confirmed",
    )
    assert second.code == 0, second.err
    accepted = json.loads(second.out)
    assert accepted["dossier_id"] == supplement["dossier_id"] and accepted["code"]
    with stored(data_dir) as db:
        rounds = db.execute(
            "select count(distinct round_id), count(*) from dossier_photo"
            " where dossier_id = ? and kind = 'portrait'",
            (accepted["dossier_id"],),
        ).fetchone()
    assert tuple(rounds) == (2, 2)


@pytest.mark.parametrize("option", [["--photo-confirmed"], ["--photo-reason", "vì sao"]])
def test_photo_options_need_a_photo(data_dir: Path, option: list[str]) -> None:
    ran = receive(data_dir, exchange(), *option)
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == f"motcua receive: {option[0]}: chỉ dùng cùng --photo ẢNH\n"
    assert counts(data_dir) == (0, 0)
