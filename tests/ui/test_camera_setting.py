"""The camera source chosen in the settings window takes over the photo panel, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.settings import camera_choice, load_settings
from app.settings.camera import camera_of
from camera.sources import FrameSource, ImageFilesSource, VideoCaptureSource, webcam
from tests.camera.portraits import compose
from tests.ui.conftest import MONDAY_0910, Dialogs, it_approval, take_photo
from ui.main_window import MainWindow
from ui.qt import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, Qt, QWidget
from ui.settings_widgets import CameraSourceField


def no_camera(device: int) -> FrameSource:
    """A counter without a webcam: the real webcam path, finding nothing."""
    return webcam(90 + device)


@pytest.fixture
def window(qtbot: QtBot, catalogue: Catalogue, session: CounterSession) -> Iterator[MainWindow]:
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=no_camera)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    focus: QWidget = QApplication.focusWidget() or window
    qtbot.keyClick(focus, key)


def test_a_video_file_chosen_in_the_settings_gives_preview_and_capture(
    qtbot: QtBot,
    window: MainWindow,
    session: CounterSession,
    clip: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    page = window.reception
    panel = page.photo_panel
    page.picker.choose("doi-gtvt")  # a procedure with a photo: the camera starts
    qtbot.waitUntil(lambda: "Không mở được máy ảnh" in panel.status.text())
    assert panel.preview.pixmap().isNull()

    dialog = window.show_settings(it_approval(window.session))
    field = dialog.fields["camera_source"]
    assert isinstance(field, CameraSourceField)
    field.kind.setCurrentIndex(field.kind.findData("video"))
    assert field.targets.currentWidget() is field.path
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # a video kind with no file yet breaks the rule
    assert dialog.problem.text().startswith("Nguồn ảnh chụp chân dung:")
    chosen: list[str] = []

    def pick(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        chosen.append(_filter)
        return str(clip), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    qtbot.mouseClick(field.path.browse_file, Qt.MouseButton.LeftButton)
    assert chosen and "*.avi" in chosen[0]
    assert field.path.edit.text() == str(clip)
    assert save.isEnabled(), dialog.problem.text()
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert load_settings(session.data_dir).camera_source == f"video:{clip}"
    assert session.settings.camera_source == f"video:{clip}"  # applied at once
    # The panel previews the clip and F5 captures from it: no restart.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    take_photo(qtbot, page, lambda key: _press(qtbot, window, key))
    assert not panel.preview.pixmap().isNull()
    assert panel.captured is not None and panel.captured.analysis.passed
    # The window closes at the end of the test with this dossier not stored.
    dialogs.expect("question", "Quit anyway?", QMessageBox.StandardButton.Yes)


def test_each_kind_of_source_is_made_from_the_setting(
    session: CounterSession, clip: Path, tmp_path: Path
) -> None:
    settings = session.settings
    camera = camera_of(settings)
    assert camera_choice(settings).spelling == "webcam:1" and camera.device == 0
    source = camera.make(2)
    assert isinstance(source, VideoCaptureSource) and source.target == 2 and source.live
    named = camera_of(settings.with_text("camera_source", "webcam:/dev/video7")).make(0)
    assert isinstance(named, VideoCaptureSource) and named.target == "/dev/video7"
    video = camera_of(settings.with_text("camera_source", f"video:{clip}")).make(0)
    assert isinstance(video, VideoCaptureSource) and not video.live
    video.open()
    assert video.read() is not None
    video.close()

    # A folder of images: each held a while, in name order, then the folder again.
    folder = tmp_path / "ảnh mẫu"
    folder.mkdir()
    for name, grey in (("b.png", 60), ("a.jpg", 200)):
        ok, data = cv2.imencode(Path(name).suffix, compose((grey, grey, grey)))
        assert ok
        (folder / name).write_bytes(data.tobytes())
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")
    images = camera_of(settings.with_text("camera_source", f"image:{folder}")).make(0)
    assert isinstance(images, ImageFilesSource)
    images = ImageFilesSource(folder, seconds_each=0.2)
    images.open()
    frames = []
    while (frame := images.read()) is not None:
        frames.append(int(frame[0, 0, 0]))
    assert len(frames) == 4 and frames[0] > frames[-1]  # a.jpg (light), then b.png (dark)
    images.close()
    still = ImageFilesSource(folder / "b.png", seconds_each=0.1)
    still.open()
    assert still.read() is not None and still.read() is None
