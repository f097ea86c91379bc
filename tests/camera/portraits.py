"""Test frames: the astronaut portrait composited on a backdrop, and the ways a photo goes wrong.

The portrait (``tests/fixtures/photos/astronaut-portrait.png``, see the README
there) has an alpha mask, so each test builds the frame it needs: the backdrop
colour, the frame size, the eye distance, where the face is and how it is
tilted. Degradations are applied to a built frame, as a camera would produce them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from camera.images import Image, as_image

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "photos"
PORTRAIT = FIXTURES / "astronaut-portrait.png"
# The pupils in the portrait's pixels, read off an 8× enlargement.
PORTRAIT_EYES = ((133.75, 100.6), (176.25, 102.5))

BLUE = (220, 160, 60)  # BGR: a studio's light-blue backdrop
WHITE = (245, 245, 245)
GREY = (128, 128, 128)
FRAME_SIZE = (1280, 720)


def portrait_rgba() -> Image:
    image = cv2.imread(str(PORTRAIT), cv2.IMREAD_UNCHANGED)
    assert image is not None and image.shape[2] == 4, PORTRAIT
    return as_image(image)


@dataclass(frozen=True)
class Pose:
    """Where the eyes' midpoint lands, how far apart the eyes are, the head's tilt (degrees,
    counter-clockwise as seen)."""

    centre: tuple[float, float] = (640.0, 330.0)
    eye_distance: float = 120.0
    tilt: float = 0.0


def compose(
    backdrop: tuple[int, int, int] = BLUE,
    poses: tuple[Pose, ...] = (Pose(),),
    size: tuple[int, int] = FRAME_SIZE,
    portrait: Image | None = None,
) -> Image:
    """A frame with one person per pose in front of a plain backdrop."""
    rgba = portrait_rgba() if portrait is None else portrait
    (lx, ly), (rx, ry) = PORTRAIT_EYES
    mid = ((lx + rx) / 2, (ly + ry) / 2)
    width, height = size
    frame = np.empty((height, width, 3), np.uint8)
    frame[:] = backdrop
    for pose in poses:
        matrix = cv2.getRotationMatrix2D(
            mid, pose.tilt, pose.eye_distance / math.dist((lx, ly), (rx, ry))
        )
        matrix[:, 2] += np.array(pose.centre) - np.array(mid)
        # Only the part of the frame the person covers is warped and blended.
        rows, columns = rgba.shape[:2]
        corners = (
            np.array([[0, 0, 1], [columns, 0, 1], [0, rows, 1], [columns, rows, 1]]) @ matrix.T
        )
        x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int), 0)
        x1, y1 = np.minimum(np.ceil(corners.max(axis=0)).astype(int), (width, height))
        if x1 <= x0 or y1 <= y0:
            continue
        matrix[:, 2] -= (x0, y0)
        person = cv2.warpAffine(
            rgba,
            matrix,
            (int(x1 - x0), int(y1 - y0)),
            flags=cv2.INTER_CUBIC,
            borderValue=(0, 0, 0, 0),
        ).astype(np.float32)
        alpha = person[:, :, 3:] / 255.0
        region = frame[y0:y1, x0:x1].astype(np.float32)
        frame[y0:y1, x0:x1] = _clip(person[:, :, :3] * alpha + region * (1 - alpha))
    return frame


def _float(frame: Image) -> NDArray[np.float32]:
    return frame.astype(np.float32)


def _clip(values: NDArray[np.float32] | NDArray[np.float64]) -> Image:
    return np.clip(values, 0, 255).astype(np.uint8)


def blurred(frame: Image, sigma: float = 4.0) -> Image:
    return as_image(cv2.GaussianBlur(frame, (0, 0), sigma))


def noisy(frame: Image, sigma: float = 30.0, seed: int = 5) -> Image:
    rng = np.random.default_rng(seed)
    return _clip(_float(frame) + rng.normal(0, sigma, frame.shape))


def exposed(frame: Image, gain: float) -> Image:
    return _clip(_float(frame) * gain)


def side_shadow(frame: Image, centre_x: float = 640.0, width: float = 260.0) -> Image:
    """A lamp on one side only: the light falls off across the face, darkest on the left."""
    columns = np.arange(frame.shape[1], dtype=np.float32)
    ramp = np.clip((columns - (centre_x - width / 2)) / width, 0, 1)
    gain = 0.25 + 0.75 * ramp
    return _clip(_float(frame) * gain[None, :, None])


def write_clip(
    path: Path,
    frames: int = 45,
    fps: float = 30.0,
    size: tuple[int, int] = FRAME_SIZE,
    backdrop: tuple[int, int, int] = BLUE,
) -> Path:
    """An MJPG .avi of the applicant swaying a little, as a webcam would film her."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, size)
    assert writer.isOpened(), f"OpenCV cannot write {path}"
    rgba = portrait_rgba()
    try:
        for index in range(frames):
            phase = 2 * math.pi * index / frames
            pose = Pose(
                centre=(640 + 8 * math.sin(phase), 330 + 4 * math.sin(2 * phase)),
                eye_distance=120 + 3 * math.sin(phase),
                tilt=1.5 * math.sin(phase),
            )
            writer.write(compose(backdrop, (pose,), size, rgba))
    finally:
        writer.release()
    return path
