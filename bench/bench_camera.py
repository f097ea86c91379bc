"""Live photo checks against decoding the camera's frames, in the same run.

A 1280×720 MJPG clip of the test portrait (what a webcam sends) is written
first; then, per frame:

- photo checks: the live analyser (faces, eyes, crop, every check) on the
  clip's frames in order, as the camera sends them, so that each frame is
  searched near the face of the one before as in the counter's preview; and
  ``analyse_photo`` on a frame alone (no face known: the whole frame searched,
  what the first frame and an imported file cost). Both against decoding the
  frame from the clip — the ratio is how many frame times one round of hints
  costs; the goal is 11 ms, a third of a frame at 30 frames/s;
- QR reading: ``read_qr_codes`` on the same frames (no QR in them: the cost of
  looking), against the same decoding;
- live: the clip played at 30 frames/s through ``LiveSession`` with a preview
  consumer, counting hints and shown frames per second — the goal is hints at
  20/s or more while the preview keeps the camera's rate.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import cv2
from harness import emit, median_seconds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test portrait and its compositing live in tests/

from app.catalogue.model import PhotoBackground  # noqa: E402
from camera.analysis import analyse_photo  # noqa: E402
from camera.capture import PhotoAnalyser  # noqa: E402
from camera.grabber import SourceState, SourceStatus  # noqa: E402
from camera.images import Image, as_image  # noqa: E402
from camera.live import LiveSession  # noqa: E402
from camera.qr import read_qr_codes  # noqa: E402
from camera.sources import video_file  # noqa: E402
from tests.camera.portraits import write_clip  # noqa: E402

FRAMES = 30
LIVE_SECONDS = 4.0
HINTS_GOAL = 20.0
CHECKS_GOAL_MS = 11.0


def decode_all(clip: Path) -> list[Image]:
    capture = cv2.VideoCapture(str(clip))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(as_image(frame))
    capture.release()
    return frames


def live_rates(clip: Path) -> tuple[float, float]:
    """Hints and preview frames per second while the clip plays in a loop at its frame rate."""
    hints = 0
    shown = 0
    stopped = threading.Event()
    session: LiveSession

    def on_frame(frame: Image) -> None:
        nonlocal shown
        cv2.resize(frame, (480, 270), interpolation=cv2.INTER_AREA)  # what the preview does
        shown += 1
        session.frame_done()

    def on_result(_frame: Image, _result: object) -> None:
        nonlocal hints
        hints += 1

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.STOPPED:
            stopped.set()

    session = LiveSession(on_frame, on_status, on_result)
    session.start(video_file(clip), PhotoAnalyser(PhotoBackground.BLUE), loop=True)
    time.sleep(1.0)  # the first analysis loads the cascades
    hints = shown = 0
    time.sleep(LIVE_SECONDS)
    counted_hints, counted_frames = hints, shown
    session.close()
    stopped.wait(5)
    return counted_hints / LIVE_SECONDS, counted_frames / LIVE_SECONDS


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clip = write_clip(Path(folder) / "applicant.avi", frames=FRAMES)
        frames = decode_all(clip)
        decode = median_seconds(lambda: decode_all(clip), repeat=5) / len(frames)

        live_analyser = PhotoAnalyser(PhotoBackground.BLUE)

        def check_all() -> None:
            for frame in frames:
                live_analyser(frame)

        def check_alone() -> None:
            for frame in frames:
                analyse_photo(frame, PhotoBackground.BLUE)

        def scan_all() -> None:
            for frame in frames:
                read_qr_codes(frame)

        check = median_seconds(check_all, repeat=3) / len(frames)
        alone = median_seconds(check_alone, repeat=3) / len(frames)
        scan = median_seconds(scan_all, repeat=3) / len(frames)
        emit("photo checks per 1280x720 frame", check * 1000, "ms", decode * 1000)
        emit("photo checks, frame alone (no face known)", alone * 1000, "ms", decode * 1000)
        emit("QR look per 1280x720 frame", scan * 1000, "ms", decode * 1000)
        hints, shown = live_rates(clip)
        emit("live hints (clip at 30 fps)", hints, "per s", HINTS_GOAL)
        emit("live preview frames", shown, "per s", 30.0)
        verdict = "reached" if hints >= HINTS_GOAL else "NOT reached"
        print(f"hints at {hints:.1f}/s with the preview at {shown:.1f} frames/s: goal {verdict}")
        verdict = "reached" if check * 1000 <= CHECKS_GOAL_MS else "NOT reached"
        print(f"photo checks at {check * 1000:.1f} ms per frame: goal {verdict}")


if __name__ == "__main__":
    main()
