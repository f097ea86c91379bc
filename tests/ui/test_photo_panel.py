"""The photo panel (a clip through the camera, no camera, import, override) and the ID box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import PhotoBackground
from app.idcard import IdCardReading
from camera.capture import AcceptedPhoto
from camera.images import decode_image
from camera.sources import FrameSource, video_file, webcam
from tests.camera.cards import PAYLOAD, frame_with_card, qr_image
from tests.camera.portraits import GREY, compose, write_clip
from tests.ui.conftest import type_text
from ui.idcard_input import IdCardInput
from ui.photo_panel import PhotoPanel
from ui.qt import Qt


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_clip(tmp_path_factory.mktemp("clip") / "applicant.avi")


def no_camera(device: int) -> FrameSource:
    """A device number no machine has: the real webcam path, finding nothing."""
    return webcam(90 + device)


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[PhotoPanel]:
    widget = PhotoPanel(PhotoBackground.BLUE, camera=no_camera)
    qtbot.addWidget(widget)
    widget.resize(900, 760)
    widget.show()
    yield widget
    widget.shutdown()


def test_a_clip_runs_through_the_panel_to_an_accepted_photo(
    panel: PhotoPanel, qtbot: QtBot, clip: Path
) -> None:
    panel.start_source(video_file(clip))
    qtbot.waitUntil(lambda: panel.hint.text() == "Tốt. Mời giữ yên.", timeout=10000)
    assert not panel.preview.pixmap().isNull()
    assert panel.checks.count() == 10
    captured = panel.capture()
    assert captured is not None and captured.analysis.passed
    assert decode_image(captured.photo.data).shape == (472, 354, 3)
    assert not panel.photo.pixmap().isNull()
    assert not panel.accept_button.isEnabled()
    panel.confirm.setChecked(True)
    assert panel.accept_button.isEnabled() and not panel.reason.isEnabled()
    with qtbot.waitSignal(panel.accepted) as accepted:
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    photo = accepted.args[0]
    assert isinstance(photo, AcceptedPhoto) and photo.override_reason == ""
    assert photo.record()["photo_sha256"] == captured.photo.sha256
    panel.retake()
    assert panel.captured is None and panel.photo.pixmap().isNull()


def test_with_no_camera_the_panel_says_so_and_import_still_works(
    panel: PhotoPanel, qtbot: QtBot, tmp_path: Path
) -> None:
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Không mở được máy ảnh" in panel.status.text(), timeout=10000)
    path = tmp_path / "ảnh.png"
    ok, data = cv2.imencode(".png", compose(GREY))
    assert ok
    path.write_bytes(data.tobytes())
    captured = panel.import_file(path)
    assert captured is not None and captured.source == "file"
    assert captured.original.data == path.read_bytes()
    assert captured.original.media_type == "image/png"
    failed = [
        panel.checks.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(panel.checks.count())
        if panel.checks.item(i).text().startswith("✗")
    ]
    assert failed == ["background"]
    panel.confirm.setChecked(True)
    assert panel.reason.isEnabled() and not panel.accept_button.isEnabled()
    type_text(panel.reason, "Phông nền hỏng, đã báo quản trị")
    assert panel.accept_button.isEnabled()
    with qtbot.waitSignal(panel.accepted) as accepted:
        panel.accept_button.click()
    assert accepted.args[0].overridden == ("background",)
    panel.stop_camera()


def test_importing_no_face_or_no_image_changes_nothing(panel: PhotoPanel, tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    ok, data = cv2.imencode(".png", compose(poses=()))
    assert ok
    empty.write_bytes(data.tobytes())
    assert panel.import_file(empty) is None
    assert panel.hint.text() == "Không thấy khuôn mặt. Mời nhìn thẳng vào máy ảnh."
    assert panel.import_file(tmp_path / "missing.jpg") is None
    assert "không có tệp này" in panel.status.text()
    assert panel.captured is None and not panel.accept_button.isEnabled()


def test_the_id_card_qr_is_read_from_the_camera(
    panel: PhotoPanel, qtbot: QtBot, tmp_path: Path
) -> None:
    frame = frame_with_card(qr_image(PAYLOAD, 6), 15, 0.0)
    for index in range(15):
        assert cv2.imwrite(str(tmp_path / f"{index:03d}.png"), frame)
    panel.read_qr(True)
    with qtbot.waitSignal(panel.qr_read, timeout=10000) as read:
        panel.start_source(video_file(tmp_path / "%03d.png"))
    assert read.args == [PAYLOAD]
    assert not panel.qr_button.isChecked()


def test_a_scanner_typing_the_payload_and_enter_fills_the_fields(qtbot: QtBot) -> None:
    box = IdCardInput(today=lambda: dt.date(2026, 11, 23))
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.parsed) as parsed:
        type_text(box.line, PAYLOAD)
        qtbot.keyClick(box.line, Qt.Key.Key_Return)
    reading = parsed.args[0]
    assert isinstance(reading, IdCardReading)
    assert reading.card.full_name == "Nguyễn Thị Hồng Nhung"
    assert box.line.selectedText() == PAYLOAD  # the next scan replaces it


def test_a_malformed_scan_is_explained_and_emits_nothing(qtbot: QtBot) -> None:
    box = IdCardInput(today=lambda: dt.date(2026, 11, 23))
    qtbot.addWidget(box)
    with qtbot.assertNotEmitted(box.parsed):
        type_text(box.line, "079190012345|Nguyễn")
        qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert box.message.text().startswith("Không phải mã QR của thẻ căn cước")
    warned = box.submit(PAYLOAD.replace("|Nữ|", "|Nam|"))
    assert warned is not None
    assert box.message.text() == "Giới tính ghi Nam nhưng số định danh ứng với Nữ."
