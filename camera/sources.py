"""Where frames come from, behind one small interface.

- a webcam, through ``cv2.VideoCapture``: 1920×1080 MJPG asked for (a webcam
  sends full HD only compressed over USB 2), its first frames dropped while the
  automatic exposure settles;
- a video file or an image sequence (``frames/%04d.png``), through the very same
  ``cv2.VideoCapture`` path: this is how the tests and demonstrations run;
- one still image from a file: a scanned paper photo, or no camera at all.

A source never names the applicant: its ``name`` is what logs and status lines show.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

import cv2

from camera.images import Image, ImageReadError, as_image, read_image_file


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
        self._capture = capture
        self._failed_reads = 0
        if self.live:
            self._configure_webcam(capture)

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
