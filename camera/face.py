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
Box = tuple[int, int, int, int]

# Where the eyes of an average frontal face sit in a Haar face box (fractions of
# its width and height), used to pick the pair and as a fallback.
EXPECTED_EYES = ((0.3, 0.38), (0.7, 0.38))
BOX_PER_EYE_DISTANCE = 1 / (EXPECTED_EYES[1][0] - EXPECTED_EYES[0][0])

# The face cascade's cost grows with the square of the face's size in the image it
# searches (every window over a face passes many of its stages, windows over a
# plain backdrop few), so each search runs at the coarsest scale at which the
# smallest face it must find is still found every time: 30 px, a little over the
# cascade's own 24 px window (at 24 px the four neighbouring detections it is
# asked for are often missing; measured on the test portrait). The box only has
# to be roughly right: the eyes, which place everything else, are refined at
# full resolution.
CASCADE_WINDOW_PX = 24
SMALLEST_FACE_PX = 30
# A search of the whole frame finds faces down to half the eye distance the
# checks accept (90 px, ``checks.MIN_EYE_DISTANCE_PX``): such an applicant is
# told to come closer instead of that no face is seen; anyone smaller is too far
# away to be the applicant at the counter. A 1280×720 frame shrinks to 341×192.
MIN_FOUND_EYE_DISTANCE_PX = 45.0
# A detection less than half as wide as the largest is a person far behind or a
# false hit in a textured background; the background check deals with both.
OTHER_FACE_MIN_RATIO = 0.5
# Once one face was found, the next frame is searched near it: in its box grown
# by half its width on every side, for a face 0.8–1.25 times as wide, at the
# scale where the last face is the 30 px the cascade finds reliably. Between two
# analysed frames (50 ms at 20 hints/s, 0.2 s on a slow machine) a head at the
# counter moves and grows far less, and when it did the whole frame is searched.
# Measured on the test portrait, this costs a sixth of a search of the whole frame.
TRACK_MARGIN = 0.5  # with less, the cascade's neighbouring hits at the edges go missing
TRACK_SIZES = (CASCADE_WINDOW_PX / SMALLEST_FACE_PX, 1.25)  # 0.8–1.25
# Hits the cascade must agree on: four in the whole frame, where a textured
# background can fool it; three near the last face, where only its own size is
# searched and four lost the face in one frame in ten of the test clip (three: 1 %).
NEIGHBOURS = 4
NEIGHBOURS_NEAR = 3
# But someone stepping into view beside the applicant would not be seen there,
# so every so many frames the whole frame is searched again, for faces of at
# least half the tracked one's width: within 0.6 s at 20 hints/s, sooner than the
# officer presses "Capture" after the hints say all is well. A whole-frame search
# costs about seven near ones, so this is also a measure of its share of the time.
FULL_SEARCH_EVERY = 12
# Eyes are searched in the band of the face box where they sit (from 0.15 to 0.55
# of its height, roll up to the face cascade's 20° included), scaled so that an
# eye, about 0.28 of the box's width, is 25 px: just above the eye cascade's
# 20 px window, where it is several times faster than at the 34 px of a 120 px
# width and still finds both eyes on every test pose. The irises, found at full
# resolution, place them exactly.
EYE_BAND = (0.15, 0.55)
EYE_SEARCH_WIDTH = 90
EYE_MAX_PX = 36


@dataclass(frozen=True)
class Face:
    """One face: its box and eye centres in frame pixels.

    ``left_eye`` is the eye on the left of the image (the person's right eye).
    When the eye cascade found no convincing pair, the eyes are where they sit
    in an average face box and ``eyes_found`` is False.
    """

    box: Box
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
    """The faces in a grey frame, largest first, searched in the whole frame."""
    return _faces(grey, _search_everywhere(grey, None))


class FaceFinder:
    """Finds the faces in a stream of frames, searching near the last face when there was one.

    Used by one thread at a time (the live session's worker). Only a single face
    is tracked: with several, every frame is searched whole, so that the count
    the checks report does not depend on which frame was searched how.
    """

    def __init__(self) -> None:
        self._last: Box | None = None
        self._tracked_frames = 0

    def forget(self) -> None:
        """The next frame is searched whole (a new source, another applicant)."""
        self._last = None

    def find(self, grey: Image) -> list[Face]:
        """The faces in a grey frame, largest first."""
        last = self._last
        boxes: list[Box] = []
        if last is not None and self._tracked_frames < FULL_SEARCH_EVERY:
            boxes = _search_near(grey, last)
            self._tracked_frames += 1
            if not boxes:
                last = None  # lost (turned away, stepped back): any face is looked for
        if not boxes:
            boxes = _search_everywhere(grey, last)
            self._tracked_frames = 0
        faces = _faces(grey, boxes)
        self._last = faces[0].box if len(faces) == 1 else None
        return faces


def _faces(grey: Image, boxes: list[Box]) -> list[Face]:
    """The faces of these boxes, without those far smaller than the largest, largest first.

    The eyes are looked for only when there is a single face: with several the
    face count fails and no other check runs, so their eyes would go unused.
    """
    if not boxes:
        return []
    boxes = sorted(boxes, key=lambda box: -box[2])
    largest = boxes[0][2]
    boxes = [box for box in boxes if box[2] >= OTHER_FACE_MIN_RATIO * largest]
    if len(boxes) == 1:
        return [_with_eyes(grey, boxes[0])]
    return [_without_eyes(box) for box in boxes]


def _search_everywhere(grey: Image, tracked: Box | None) -> list[Box]:
    """Faces in the whole frame, down to the smallest one worth telling to come closer,
    or, beside a tracked face, to the smallest one that would count as a second face."""
    smallest = MIN_FOUND_EYE_DISTANCE_PX * BOX_PER_EYE_DISTANCE
    if tracked is not None:
        smallest = max(smallest, OTHER_FACE_MIN_RATIO * tracked[2])
    height, width = grey.shape[:2]
    return _search(grey, (0, 0, width, height), SMALLEST_FACE_PX / smallest, None, NEIGHBOURS)


def _search_near(grey: Image, last: Box) -> list[Box]:
    """Faces of about the last face's size in the region around it."""
    x, y, w, h = last
    margin = round(TRACK_MARGIN * w)
    height, width = grey.shape[:2]
    x0, y0 = max(0, x - margin), max(0, y - margin)
    x1, y1 = min(width, x + w + margin), min(height, y + h + margin)
    # The last face shrunk to 30 px: 0.8 of it then fills the cascade's 24 px window.
    scale = SMALLEST_FACE_PX / w
    return _search(grey, (x0, y0, x1 - x0, y1 - y0), scale, TRACK_SIZES[1] * w, NEIGHBOURS_NEAR)


def _search(
    grey: Image, region: Box, scale: float, largest: float | None, neighbours: int
) -> list[Box]:
    """Face boxes (frame pixels) in a region of the frame shrunk by ``scale``, up to
    ``largest`` wide; the smallest found fill the cascade's window in the shrunk copy."""
    x0, y0, w, h = region
    scale = min(1.0, scale)
    part = grey[y0 : y0 + h, x0 : x0 + w]
    # Checked before shrinking: a region too small for the cascade's window holds no face,
    # and a shrink to under a pixel is refused by OpenCV (a 1×1 image imported).
    if min(part.shape[:2]) * scale < CASCADE_WINDOW_PX:
        return []
    if scale < 1.0:
        part = as_image(cv2.resize(part, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    if min(part.shape[:2]) < CASCADE_WINDOW_PX:
        return []
    limit = 0 if largest is None else max(CASCADE_WINDOW_PX, round(largest * scale))
    found = _cascades.face.detectMultiScale(
        part,
        scaleFactor=1.15,
        minNeighbors=neighbours,
        minSize=(CASCADE_WINDOW_PX, CASCADE_WINDOW_PX),
        maxSize=(limit, limit),
    )
    return [
        (x0 + round(fx / scale), y0 + round(fy / scale), round(fw / scale), round(fh / scale))
        for fx, fy, fw, fh in found
    ]


def _without_eyes(box: Box) -> Face:
    x, y, w, h = box
    left, right = ((x + fx * w, y + fy * h) for fx, fy in EXPECTED_EYES)
    return Face(box, left, right, eyes_found=False)


def _with_eyes(grey: Image, box: Box) -> Face:
    x, y, w, h = box
    top = y + round(h * EYE_BAND[0])
    roi = grey[max(top, 0) : y + round(h * EYE_BAND[1]), max(x, 0) : x + w]
    k = EYE_SEARCH_WIDTH / max(w, 1)
    roi = as_image(cv2.resize(roi, None, fx=k, fy=k, interpolation=cv2.INTER_AREA))
    candidates = [
        (max(x, 0) + (ex + ew / 2) / k, max(top, 0) + (ey + eh / 2) / k)
        for ex, ey, ew, eh in _cascades.eye.detectMultiScale(
            roi, scaleFactor=1.15, minNeighbors=3, maxSize=(EYE_MAX_PX, EYE_MAX_PX)
        )
    ]
    expected = [(x + fx * w, y + fy * h) for fx, fy in EXPECTED_EYES]
    pair = _best_pair(candidates, expected, w)
    if pair is None:
        return _without_eyes(box)
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
