"""The live camera: frames for the preview, and checks on the newest frame, each off the GUI thread.

Two threads: the camera thread (``FrameGrabber``) and one worker running the
analyser. Each carries at most one frame at a time: the preview gets a frame
only when it has finished the last, and the worker gets the newest frame only
when it is idle, so hints keep pace with the applicant however slow the
machine, and nothing queues up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from camera.grabber import FrameGrabber, SourceStatus
from camera.images import Image
from camera.sources import FrameSource

log = logging.getLogger(__name__)

Analyser = Callable[[Image], object]


class LiveSession:
    """Callbacks arrive on the camera and worker threads; the panel turns them into signals."""

    def __init__(
        self,
        on_frame: Callable[[Image], None],
        on_status: Callable[[SourceStatus], None],
        on_result: Callable[[Image, object], None],
    ) -> None:
        self._on_frame = on_frame
        self._on_status = on_status
        self._on_result = on_result
        self._grabber: FrameGrabber | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-checks")
        self._lock = threading.Lock()
        self._analyser: Analyser | None = None
        self._busy = False

    def start(self, source: FrameSource, analyser: Analyser | None, *, loop: bool = False) -> None:
        self.stop()
        self.set_analyser(analyser)
        self._grabber = FrameGrabber(source, self._frame, self._on_status, loop=loop)
        self._grabber.start()

    def set_analyser(self, analyser: Analyser | None) -> None:
        """What runs on the frames from now on (photo checks, QR reading, or nothing)."""
        with self._lock:
            self._analyser = analyser

    def frame_done(self) -> None:
        if self._grabber is not None:
            self._grabber.frame_done()

    @property
    def running(self) -> bool:
        return self._grabber is not None and self._grabber.running

    def stop(self) -> None:
        if self._grabber is not None:
            self._grabber.stop()
            self._grabber = None

    def close(self) -> None:
        self.stop()
        self._worker.shutdown(wait=True, cancel_futures=True)

    def _frame(self, frame: Image) -> None:
        """On the camera thread: show every frame, analyse the newest when the worker is free."""
        with self._lock:
            analyser = self._analyser
            submit = analyser is not None and not self._busy
            if submit:
                self._busy = True
        if submit and analyser is not None:
            future = self._worker.submit(analyser, frame)
            future.add_done_callback(lambda done: self._analysed(frame, done))
        self._on_frame(frame)

    def _analysed(self, frame: Image, done: Future[object]) -> None:
        with self._lock:
            self._busy = False
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            log.error("the frame analysis failed", exc_info=error)
            return
        self._on_result(frame, done.result())
