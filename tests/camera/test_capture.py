"""Frames through the real capture path: sources, the camera thread, the checks, the photo."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.catalogue.model import PhotoBackground
from camera.analysis import analyse_photo
from camera.capture import (
    NOT_CONFIRMED,
    REASON_NEEDED,
    PhotoAnalyser,
    PhotoNotAccepted,
    accept,
    capture,
)
from camera.grabber import FrameGrabber, SourceState, SourceStatus
from camera.images import EncodedImage, Image, ImageReadError, decode_image, read_image_file
from camera.live import LiveSession
from camera.qr import QrScan, read_qr_codes
from camera.sources import FrameSource, SourceUnavailable, StillImageSource, video_file
from tests.camera.portraits import GREY, Pose, blurred, compose
from tests.faults import HANG_GUARD_S

BLUE = PhotoBackground.BLUE


def wait_for(condition: threading.Event) -> None:
    """Until the event: the bound is only the hang guard, never a verdict."""
    assert condition.wait(HANG_GUARD_S), "hang guard: the event never came"


def run_session(source_path: Path, analyser: PhotoAnalyser) -> list[object]:
    """Play a file through a live session to its end, the consumer done with each frame at once."""
    results: list[object] = []
    ended = threading.Event()
    session: LiveSession

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.ENDED:
            ended.set()

    session = LiveSession(
        lambda _frame: session.frame_done(), on_status, lambda _f, r: results.append(r)
    )
    try:
        session.start(video_file(source_path), analyser)
        wait_for(ended)
    finally:
        session.close()
    return results


def test_a_clip_through_the_capture_path_gives_a_354_by_472_jpeg(clip: Path) -> None:
    analyser = PhotoAnalyser(BLUE)
    results = run_session(clip, analyser)
    # How many frames the checks keep up with depends on the machine's speed (the newest
    # frame is checked when the worker is free); the first one always is.
    assert results
    best = analyser.best()
    assert best is not None and best.analysis.passed
    photo = capture(best.frame, best.analysis)
    assert decode_image(photo.photo.data).shape == (472, 354, 3)
    assert photo.photo.data[:3] == b"\xff\xd8\xff"
    assert photo.photo.sha256 == hashlib.sha256(photo.photo.data).hexdigest()
    assert decode_image(photo.original.data).shape == (720, 1280, 3)
    assert photo.original.sha256 == hashlib.sha256(photo.original.data).hexdigest()
    assert photo.source == "camera"


def test_an_image_sequence_takes_the_same_path(tmp_path: Path) -> None:
    for index in range(3):
        frame = compose(poses=(Pose(centre=(640 + 4 * index, 330)),))
        assert cv2.imwrite(str(tmp_path / f"{index:03d}.png"), frame)
    analyser = PhotoAnalyser(BLUE)
    results = run_session(tmp_path / "%03d.png", analyser)
    assert results and analyser.best() is not None


def test_the_sharpest_passing_frame_is_captured(clean_blue: Image) -> None:
    analyser = PhotoAnalyser(BLUE)
    soft = blurred(clean_blue, 1.2)
    for frame in (soft, clean_blue, soft):
        analyser(frame)
    best = analyser.best()
    assert best is not None and best.frame is clean_blue


def test_with_no_passing_frame_the_newest_face_is_offered_for_override() -> None:
    analyser = PhotoAnalyser(BLUE)
    grey = compose(GREY)
    analyser(grey)
    analyser(np.zeros((720, 1280, 3), np.uint8))  # nobody in front of the camera
    best = analyser.best()
    assert best is not None and best.frame is grey and not best.analysis.passed


class ReadCounting:
    """A source that calls ``on_read`` after each frame it reads, before handing it on."""

    def __init__(self, inner: FrameSource, on_read: Callable[[], None]) -> None:
        self.inner, self.on_read = inner, on_read
        self.name, self.live = inner.name, inner.live

    def open(self) -> None:
        self.inner.open()

    def read(self) -> Image | None:
        frame = self.inner.read()
        if frame is not None:
            self.on_read()
        return frame

    def frames_per_second(self) -> float:
        return self.inner.frames_per_second()

    def close(self) -> None:
        self.inner.close()


def test_at_most_one_frame_is_in_flight(clip: Path) -> None:
    """A slow screen: it is done with a frame only after the camera read two more.

    Counted in frames read, not in time, so how many are shown and how many dropped is
    the same on any machine: a frame read while one is in flight is dropped.
    """
    in_flight = 0
    most = 0
    reads = 0
    done_at: int | None = None  # the read at which the screen is done with its frame
    ended = threading.Event()
    lock = threading.Lock()
    grabber: FrameGrabber

    def on_frame(_frame: Image) -> None:
        nonlocal in_flight, most, done_at
        with lock:
            in_flight += 1
            most = max(most, in_flight)
            done_at = reads + 3

    def finish() -> None:
        nonlocal in_flight
        with lock:
            in_flight -= 1
        grabber.frame_done()

    def on_read() -> None:
        nonlocal reads
        reads += 1
        if reads == done_at:  # the screen, on its own thread, is done before this frame
            screen = threading.Thread(target=finish)
            screen.start()
            screen.join(HANG_GUARD_S)

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.ENDED:
            ended.set()

    grabber = FrameGrabber(ReadCounting(video_file(clip), on_read), on_frame, on_status)
    grabber.start()
    wait_for(ended)
    grabber.stop(timeout=HANG_GUARD_S)
    assert not grabber.running
    assert most == 1
    assert grabber.delivered + grabber.dropped == reads >= 13
    assert grabber.delivered == (reads + 2) // 3  # reads 1, 4, 7, ...
    assert grabber.dropped > 0


class FlakyCamera:
    """A camera that is busy at first, then unplugged after two frames, then back."""

    live = True
    name = "camera 0"

    def __init__(self) -> None:
        self.opens = 0
        self.frames = 0
        self.frame = compose()

    def open(self) -> None:
        self.opens += 1
        if self.opens == 1:
            raise SourceUnavailable("camera 0 is in use")

    def read(self) -> Image | None:
        self.frames += 1
        if self.opens == 2 and self.frames > 2:
            raise SourceUnavailable("camera 0 stopped sending pictures")
        # Pacing only, like a camera's frame interval: what happens is decided by the
        # counts of opens and reads above, never by how many reads fit in some time.
        time.sleep(0.01)
        return self.frame

    def frames_per_second(self) -> float:
        return 30.0

    def close(self) -> None:
        pass


def test_a_busy_or_unplugged_camera_is_reported_and_reconnected() -> None:
    states: list[SourceState] = []
    back = threading.Event()
    camera = FlakyCamera()
    grabber: FrameGrabber

    def on_status(status: SourceStatus) -> None:
        states.append(status.state)
        if states.count(SourceState.RUNNING) == 2:
            back.set()

    grabber = FrameGrabber(camera, lambda _f: grabber.frame_done(), on_status, retry_seconds=0.01)
    grabber.start()
    wait_for(back)  # set by the second RUNNING: the first four states are final
    grabber.stop(timeout=HANG_GUARD_S)
    assert not grabber.running  # so STOPPED, its last report, is in
    assert states[:4] == [
        SourceState.UNAVAILABLE,
        SourceState.RUNNING,
        SourceState.UNAVAILABLE,
        SourceState.RUNNING,
    ]
    assert states[-1] is SourceState.STOPPED
    status = SourceStatus(SourceState.UNAVAILABLE, camera.name)
    assert "Đang thử lại" in status.message.vi


def test_a_file_that_is_no_video_is_unavailable_not_a_crash(tmp_path: Path) -> None:
    not_video = tmp_path / "notes.avi"
    not_video.write_text("not a video", encoding="utf-8")
    seen = threading.Event()

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.UNAVAILABLE:
            seen.set()

    grabber = FrameGrabber(video_file(not_video), lambda _f: None, on_status, retry_seconds=0.05)
    grabber.start()
    wait_for(seen)
    grabber.stop(timeout=HANG_GUARD_S)
    assert not grabber.running


def test_a_still_image_is_one_frame_with_its_bytes_kept(tmp_path: Path, clean_blue: Image) -> None:
    path = tmp_path / "ảnh chân dung.jpg"  # Vietnamese folder and file names are common
    ok, encoded = cv2.imencode(".jpg", clean_blue)
    assert ok
    path.write_bytes(encoded.tobytes())
    source = StillImageSource(path)
    source.open()
    frame = source.read()
    assert frame is not None and frame.shape == clean_blue.shape
    assert source.read() is None
    assert source.original == path.read_bytes()
    missing = StillImageSource(tmp_path / "missing.jpg")
    with pytest.raises(SourceUnavailable, match="không có tệp này"):
        missing.open()


def test_accepting_needs_the_confirmation_and_a_reason_for_a_failure(clean_blue: Image) -> None:
    good = capture(clean_blue, analyse_photo(clean_blue, BLUE))
    with pytest.raises(PhotoNotAccepted) as refusal:
        accept(good, officer_confirmed=False)
    assert refusal.value.message == NOT_CONFIRMED
    kept = accept(good, officer_confirmed=True, reason="ignored when nothing failed")
    assert kept.override_reason == "" and kept.overridden == ()

    grey = compose(GREY)
    failing = capture(grey, analyse_photo(grey, BLUE))
    with pytest.raises(PhotoNotAccepted) as refusal:
        accept(failing, officer_confirmed=True, reason="   ")
    assert refusal.value.message == REASON_NEEDED
    overridden = accept(failing, officer_confirmed=True, reason="Phông  xanh bị hỏng, đã báo")
    record = overridden.record()
    assert record["overridden_checks"] == ["background"]
    assert record["override_reason"] == "Phông xanh bị hỏng, đã báo"
    assert record["photo_sha256"] == hashlib.sha256(record["photo_jpeg"]).hexdigest()
    assert record["original_sha256"] == hashlib.sha256(record["original"]).hexdigest()
    assert {c["id"] for c in record["checks"]} >= {"background", "sharpness"}


def test_an_imported_file_is_kept_as_it_was(clean_blue: Image) -> None:
    ok, png = cv2.imencode(".png", clean_blue)
    assert ok
    original = EncodedImage.of(png.tobytes(), 1280, 720, "image/png")
    photo = capture(clean_blue, analyse_photo(clean_blue, BLUE), original=original)
    assert photo.original is original and photo.source == "file"


def test_the_analyser_can_be_swapped_for_the_qr_reader(clip: Path) -> None:
    results: list[object] = []
    ended = threading.Event()
    session: LiveSession

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.ENDED:
            ended.set()

    session = LiveSession(
        lambda _f: session.frame_done(), on_status, lambda _f, r: results.append(r)
    )
    try:
        session.start(video_file(clip), read_qr_codes)
        wait_for(ended)
    finally:
        session.close()
    assert results and all(isinstance(r, QrScan) and r.texts == () for r in results)


def test_an_unreadable_image_is_refused_in_the_officers_words(tmp_path: Path) -> None:
    not_an_image = tmp_path / "scan.jpg"
    not_an_image.write_bytes(b"not an image")
    with pytest.raises(ImageReadError) as refused:
        read_image_file(not_an_image)
    assert str(refused.value) == (
        f"{not_an_image}: không phải ảnh mà chương trình đọc được (JPEG, PNG, BMP hoặc TIFF)"
    )
    assert refused.value.text("en") == (
        f"{not_an_image}: not an image this program can read (JPEG, PNG, BMP or TIFF)"
    )
    with pytest.raises(ImageReadError, match=r"^không phải ảnh"):
        decode_image(b"")
