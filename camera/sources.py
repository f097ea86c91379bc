"""Where frames come from, behind one small interface.

- a webcam, through ``cv2.VideoCapture``: 1920×1080 MJPG asked for (a webcam
  sends full HD only compressed over USB 2), its first frames dropped while the
  automatic exposure settles;
- a video file or an image sequence (``frames/%04d.png``), through the very same
  ``cv2.VideoCapture`` path: this is how the tests and demonstrations run;
- one still image from a file: a scanned paper photo, or no camera at all;
- a still image or a folder of images standing in for the camera (training, a
  counter without a webcam), each held in front of it for a few seconds.

``camera_for`` makes the photo panel's camera from the ``camera_source`` setting.

A source never names the applicant: its ``name`` is what logs and status lines show.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import cv2

from camera.images import Image, ImageReadError, as_image, check_dimensions, read_image_file

log = logging.getLogger(__name__)


class SourceUnavailable(Exception):
    """The source cannot give frames: unplugged, used by another program, or not a video."""


class FrameSource(Protocol):
    name: str
    live: bool
    """True for a camera (frames come at its pace); False for a file (read as fast as asked)."""

    def open(self) -> None:
        """Raises ``SourceUnavailable``."""

    def read(self) -> Image | None:
        """The next frame; None at the end of a file. Raises ``SourceUnavailable``."""

    def frames_per_second(self) -> float: ...

    def close(self) -> None: ...


WEBCAM_SIZE = (1920, 1080)
WARM_UP_FRAMES = 8  # about a quarter of a second: auto-exposure and white balance settle
# A camera that fails this many reads in a row has been unplugged or taken by
# another program; a single failed read happens on a busy USB bus.
MAX_FAILED_READS = 5
DEFAULT_FPS = 30.0


class VideoCaptureSource:
    """A webcam, a video file or an image sequence, read by OpenCV."""

    def __init__(self, target: int | str, *, live: bool, name: str) -> None:
        self.target = target
        self.live = live
        self.name = name
        self._capture: cv2.VideoCapture | None = None
        self._failed_reads = 0

    def open(self) -> None:
        self.close()
        if isinstance(self.target, int):
            # A missing camera is reported by the status line; OpenCV's own warnings
            # about it, every retry, would only fill the terminal.
            cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
            # DirectShow opens a webcam in a fraction of the time Media Foundation
            # takes on Windows and honours the MJPG request; elsewhere OpenCV chooses.
            api = cv2.CAP_DSHOW if sys.platform == "win32" else cv2.CAP_ANY
            capture = cv2.VideoCapture(self.target, api)
        else:
            capture = cv2.VideoCapture(self.target)
        if not capture.isOpened():
            capture.release()
            raise SourceUnavailable(f"{self.name} cannot be opened (unplugged, or in use?)")
        if not self.live:
            self._check_size(capture)
        self._capture = capture
        self._failed_reads = 0
        if self.live:
            self._configure_webcam(capture)

    def _check_size(self, capture: cv2.VideoCapture) -> None:
        """A file's frames are bounded as a still image is, from the size the container
        declares, before a frame is read (an image sequence's first image OpenCV has
        already decoded to learn it)."""
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if width <= 0 or height <= 0:  # a container that does not say; its frames decide
            return
        try:
            check_dimensions(width, height)
        except ImageReadError as error:
            capture.release()
            raise SourceUnavailable(f"{self.name}: {error}") from error

    def _configure_webcam(self, capture: cv2.VideoCapture) -> None:
        # The format first, then the size: some drivers only list 1080p under MJPG.
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, WEBCAM_SIZE[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, WEBCAM_SIZE[1])
        # A one-frame driver queue: the preview shows now, not a second ago.
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        for _ in range(WARM_UP_FRAMES):
            if self.read() is None:
                break

    def read(self) -> Image | None:
        if self._capture is None:
            raise SourceUnavailable(f"{self.name} is not open")
        while True:
            ok, frame = self._capture.read()
            if ok and frame is not None:
                self._failed_reads = 0
                return as_image(frame)
            if not self.live:
                return None
            self._failed_reads += 1
            if self._failed_reads >= MAX_FAILED_READS:
                raise SourceUnavailable(f"{self.name} stopped sending pictures (unplugged?)")

    def frames_per_second(self) -> float:
        fps = self._capture.get(cv2.CAP_PROP_FPS) if self._capture is not None else 0.0
        return fps if 1.0 <= fps <= 240.0 else DEFAULT_FPS

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def webcam(device: int = 0) -> VideoCaptureSource:
    return VideoCaptureSource(device, live=True, name=f"camera {device}")


def webcam_named(device: str) -> VideoCaptureSource:
    """A webcam by the name the system gives it (``/dev/video2``)."""
    return VideoCaptureSource(device, live=True, name=f"camera {device}")


def video_file(path: Path | str) -> VideoCaptureSource:
    """A video file, or an image sequence given as a printf pattern (``frames/%04d.png``)."""
    return VideoCaptureSource(str(path), live=False, name="video file")


class StillImageSource:
    """One image from a file, given once; its bytes are kept as the original."""

    live = False
    name = "image file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original: bytes = b""
        self._image: Image | None = None

    def open(self) -> None:
        try:
            self.original, self._image = read_image_file(self.path)
        except ImageReadError as error:
            raise SourceUnavailable(str(error)) from error

    def read(self) -> Image | None:
        image, self._image = self._image, None
        return image

    def frames_per_second(self) -> float:
        return DEFAULT_FPS

    def close(self) -> None:
        self._image = None


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"})
SECONDS_PER_IMAGE = 4.0
IMAGE_FPS = 10.0  # enough for the checks; a still picture needs no more


class ImageFilesSource:
    """A still image, or the images of a folder in name order, each shown for a few seconds.

    It ends after the last image; played round (as the photo panel plays a file),
    the folder is listed again, so images added meanwhile come in.
    """

    live = False
    name = "image files"

    def __init__(self, path: Path, seconds_each: float = SECONDS_PER_IMAGE) -> None:
        self.path = path
        self._frames_each = max(1, round(seconds_each * IMAGE_FPS))
        self._files: list[Path] = []
        self._image: Image | None = None
        self._shown = 0

    def open(self) -> None:
        if self.path.is_dir():
            self._files = sorted(
                file
                for file in self.path.iterdir()
                if file.suffix.lower() in IMAGE_SUFFIXES and file.is_file()
            )
        elif self.path.is_file():
            self._files = [self.path]
        else:
            raise SourceUnavailable(f"{self.name}: {self.path} does not exist")
        if not self._files:
            raise SourceUnavailable(f"{self.name}: no image in {self.path}")
        self._image, self._shown = None, 0

    def read(self) -> Image | None:
        while self._image is None or self._shown >= self._frames_each:
            if not self._files:
                return None
            self._image, self._shown = self._next_image(), 0
        self._shown += 1
        # Each frame its own pixels, as a camera's are.
        return self._image.copy()

    def _next_image(self) -> Image | None:
        file = self._files.pop(0)
        try:
            return read_image_file(file)[1]
        except ImageReadError as error:
            log.info("%s", error)  # one bad file does not stop the others
            return None

    def frames_per_second(self) -> float:
        return IMAGE_FPS

    def close(self) -> None:
        self._files, self._image = [], None


def image_files(path: Path | str) -> ImageFilesSource:
    return ImageFilesSource(Path(path))


def camera_for(kind: str, target: str) -> Callable[[int], FrameSource]:
    """The camera the ``camera_source`` setting names, as the photo panel asks for it.

    ``kind`` is ``webcam``, ``video`` or ``image``. The panel passes the device
    number its camera list shows; it counts only for a webcam given by number.
    """
    if kind == "webcam":
        if target.isascii() and target.isdigit():
            return webcam
        return lambda _device: webcam_named(target)
    if kind == "video":
        return lambda _device: video_file(Path(target))
    if kind == "image":
        return lambda _device: image_files(target)
    raise ValueError(f"no camera source of kind {kind!r}")
