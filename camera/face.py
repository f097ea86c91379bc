"""Faces and eyes in a frame, with OpenCV's Haar cascades.

The cascades ship inside the opencv-python-headless 4.x wheels (``cv2.data``);
5.x dropped them, hence the ``<5`` pin. Haar cascades find upright frontal faces
only, which is what a licence photo must show anyway: a face turned or tilted
by more than about 20° is reported as "no face", with the advice to look
straight at the camera.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import cv2.data

from camera.images import Image, as_image

Point = tuple[float, float]

# Faces are searched in a copy whose longer side is at most this many pixels:
# a 1280×720 frame shrinks by 4, a 1920×1080 one by 6, and detection takes a few
# milliseconds. The box only has to be roughly right: the eyes, which place
# everything else, are refined at full resolution. The smallest face found is the
# cascade's own 24 px there (an eye distance of about 60 px in a full-HD frame):
# anyone smaller is told to come closer long before the photo could print well.
DETECTION_MAX_SIDE = 320
MIN_FACE_PX = 24
# A detection less than half as wide as the largest is a person far behind or a
# false hit in a textured background; the background check deals with both.
OTHER_FACE_MIN_RATIO = 0.5
# Eyes are searched in the top 60 % of the face box scaled to this width, where
# an eye is 15–40 px: the eye cascade is fast and reliable at that size.
EYE_SEARCH_WIDTH = 120
# Where the eyes of an average frontal face sit in a Haar face box (fractions of
# its width and height), used to pick the pair and as a fallback.
EXPECTED_EYES = ((0.3, 0.38), (0.7, 0.38))


@dataclass(frozen=True)
class Face:
    """One face: its box and eye centres in frame pixels.

    ``left_eye`` is the eye on the left of the image (the person's right eye).
    When the eye cascade found no convincing pair, the eyes are where they sit
    in an average face box and ``eyes_found`` is False.
    """

    box: tuple[int, int, int, int]
    left_eye: Point
    right_eye: Point
    eyes_found: bool

    @property
    def eye_distance(self) -> float:
        return math.dist(self.left_eye, self.right_eye)

    @property
    def eye_midpoint(self) -> Point:
        return (
            (self.left_eye[0] + self.right_eye[0]) / 2,
            (self.left_eye[1] + self.right_eye[1]) / 2,
        )

    @property
    def roll_degrees(self) -> float:
        """Angle of the eye line; positive when it runs down to the right of the image."""
        dx = self.right_eye[0] - self.left_eye[0]
        dy = self.right_eye[1] - self.left_eye[1]
        return math.degrees(math.atan2(dy, dx))


class _Cascades(threading.local):
    """One pair of classifiers per thread: ``detectMultiScale`` is not documented thread-safe."""

    def __init__(self) -> None:
        folder = Path(cv2.data.haarcascades)
        self.face = cv2.CascadeClassifier(str(folder / "haarcascade_frontalface_default.xml"))
        self.eye = cv2.CascadeClassifier(str(folder / "haarcascade_eye.xml"))
        if self.face.empty() or self.eye.empty():
            raise RuntimeError(f"the Haar cascades are missing from {folder}")


_cascades = _Cascades()


def detect_faces(grey: Image) -> list[Face]:
    """The faces in a grey frame, largest first."""
    height, width = grey.shape[:2]
    scale = min(1.0, DETECTION_MAX_SIDE / max(height, width))
    small = (
        grey
        if scale == 1.0
        else as_image(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    )
    found = _cascades.face.detectMultiScale(
        small, scaleFactor=1.15, minNeighbors=4, minSize=(MIN_FACE_PX, MIN_FACE_PX)
    )
    boxes = sorted(
        (tuple(round(v / scale) for v in box) for box in found),
        key=lambda box: -box[2],
    )
    if not boxes:
        return []
    largest = boxes[0][2]
    return [
        _with_eyes(grey, (x, y, w, h))
        for x, y, w, h in boxes
        if w >= OTHER_FACE_MIN_RATIO * largest
    ]


def _with_eyes(grey: Image, box: tuple[int, int, int, int]) -> Face:
    x, y, w, h = box
    roi = grey[max(y, 0) : y + round(h * 0.6), max(x, 0) : x + w]
    k = EYE_SEARCH_WIDTH / max(w, 1)
    roi = as_image(cv2.resize(roi, None, fx=k, fy=k, interpolation=cv2.INTER_AREA))
    candidates = [
        (x + (ex + ew / 2) / k, y + (ey + eh / 2) / k)
        for ex, ey, ew, eh in _cascades.eye.detectMultiScale(
            roi, scaleFactor=1.15, minNeighbors=3, minSize=(14, 14), maxSize=(48, 48)
        )
    ]
    expected = [(x + fx * w, y + fy * h) for fx, fy in EXPECTED_EYES]
    pair = _best_pair(candidates, expected, w)
    if pair is None:
        return Face(box, expected[0], expected[1], eyes_found=False)
    return _refined(grey, Face(box, pair[0], pair[1], eyes_found=True))


def _refined(grey: Image, face: Face) -> Face:
    """The eyes moved from the centres of their Haar boxes to the irises.

    A box centre lands a few pixels off the pupil, enough for 2° of roll between
    the two eyes. The iris is the darkest iris-sized blob near the box centre:
    the minimum after a blur about the iris's radius, which eyelashes and
    eyebrow hairs, being thin, do not survive. A result that disagrees with the
    boxes (another dark spot won) is dropped.
    """
    d = face.eye_distance
    left = _iris(grey, face.left_eye, d)
    right = _iris(grey, face.right_eye, d)
    if left is None or right is None:
        return face
    refined = Face(face.box, left, right, eyes_found=True)
    if (
        not 0.85 <= refined.eye_distance / d <= 1.15
        or abs(refined.roll_degrees - face.roll_degrees) > 6
    ):
        return face
    return refined


def _iris(grey: Image, eye: Point, eye_distance: float) -> Point | None:
    half_w, half_h = 0.25 * eye_distance, 0.15 * eye_distance
    x0, y0 = max(0, round(eye[0] - half_w)), max(0, round(eye[1] - half_h))
    x1, y1 = round(eye[0] + half_w), round(eye[1] + half_h)
    window = grey[y0:y1, x0:x1]
    if window.shape[0] < 3 or window.shape[1] < 3:
        return None
    smooth = cv2.GaussianBlur(window.astype("float32"), (0, 0), 0.06 * eye_distance)
    _, _, darkest, _ = cv2.minMaxLoc(smooth)
    return (x0 + darkest[0], y0 + darkest[1])


def _best_pair(
    candidates: list[Point], expected: list[Point], width: int
) -> tuple[Point, Point] | None:
    """The two detections closest to where eyes sit, one each side, roughly level.

    The eye cascade also fires on eyebrows, nostrils and glasses frames; the
    expected positions rank the candidates, and a pair must be plausible: about
    a third of the face width apart and no steeper than 30°.
    """
    best: tuple[float, tuple[Point, Point]] | None = None
    for left in candidates:
        for right in candidates:
            dx, dy = right[0] - left[0], right[1] - left[1]
            if not 0.25 * width <= dx <= 0.65 * width or abs(dy) > 0.6 * dx:
                continue
            score = math.dist(left, expected[0]) + math.dist(right, expected[1])
            if best is None or score < best[0]:
                best = (score, (left, right))
    return None if best is None else best[1]
