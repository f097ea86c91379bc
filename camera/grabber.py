"""The camera thread: reads a source, hands on at most one frame at a time, reconnects.

The consumer (the photo panel, through a Qt signal) gets a frame and says when
it is done with it; frames read meanwhile are dropped, never queued, so a slow
screen shows the newest picture rather than falling behind. A webcam is read
all the time anyway: its driver would otherwise serve stale frames.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from camera.images import Image
from camera.messages import Message
from camera.sources import FrameSource, SourceUnavailable

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0


class SourceState(StrEnum):
    RUNNING = "running"
    UNAVAILABLE = "unavailable"  # cannot open or lost: retrying
    ENDED = "ended"  # a file came to its end
    STOPPED = "stopped"


_STATE_MESSAGES = {
    SourceState.RUNNING: Message("Máy ảnh đang chạy.", "The camera is running."),
    SourceState.UNAVAILABLE: Message(
        "Không mở được máy ảnh (chưa cắm, hoặc chương trình khác đang dùng). Đang thử lại…",
        "The camera cannot be opened (unplugged, or used by another program). Retrying…",
    ),
    SourceState.ENDED: Message("Đã hết đoạn phim.", "The video has ended."),
    SourceState.STOPPED: Message("Máy ảnh đã tắt.", "The camera is off."),
}


@dataclass(frozen=True)
class SourceStatus:
    state: SourceState
    source: str

    @property
    def message(self) -> Message:
        return _STATE_MESSAGES[self.state]


class FrameGrabber:
    def __init__(
        self,
        source: FrameSource,
        on_frame: Callable[[Image], None],
        on_status: Callable[[SourceStatus], None],
        *,
        retry_seconds: float = RETRY_SECONDS,
        loop: bool = False,
    ) -> None:
        self.source = source
        self._on_frame = on_frame
        self._on_status = on_status
        self._retry_seconds = retry_seconds
        self._loop = loop
        self._stopping = threading.Event()
        self._in_flight = threading.Event()
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self.delivered = 0
        self.dropped = 0

    def start(self) -> None:
        self._thread.start()

    def frame_done(self) -> None:
        """The consumer has shown the last frame: the next one may come."""
        self._in_flight.clear()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _status(self, state: SourceState) -> None:
        self._on_status(SourceStatus(state, self.source.name))

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    self.source.open()
                except SourceUnavailable as error:
                    log.info("%s", error)
                    self._status(SourceState.UNAVAILABLE)
                    self._stopping.wait(self._retry_seconds)
                    continue
                self._status(SourceState.RUNNING)
                try:
                    ended = self._read_until_end()
                except SourceUnavailable as error:
                    log.warning("%s", error)
                    self._status(SourceState.UNAVAILABLE)
                    self._stopping.wait(self._retry_seconds)
                    continue
                finally:
                    self.source.close()
                if ended and not self._loop:
                    self._status(SourceState.ENDED)
                    return
            self._status(SourceState.STOPPED)
        except Exception:  # a thread that dies silently leaves a frozen preview
            log.exception("the camera thread failed")
            self._status(SourceState.UNAVAILABLE)

    def _read_until_end(self) -> bool:
        """Frames until the source ends (True) or the grabber is stopped (False)."""
        # A file is read at its own frame rate, as if a camera were filming it.
        interval = 0.0 if self.source.live else 1.0 / self.source.frames_per_second()
        next_due = time.monotonic()
        while not self._stopping.is_set():
            frame = self.source.read()
            if frame is None:
                return True
            if self._in_flight.is_set():
                self.dropped += 1
            else:
                self._in_flight.set()
                self.delivered += 1
                self._on_frame(frame)
            if interval:
                next_due += interval
                self._stopping.wait(max(0.0, next_due - time.monotonic()))
        return False
