"""Where the 3×4 photo is cut from the frame, and cutting it.

The photo is 354×472 px (3×4 cm at 300 dpi). The head, chin to crown, fills
75 % of its height (ICAO asks 70–80 %) with a tenth of the height above the
crown, and the eyes are level: small tilts are taken out by the same warp that
cuts the photo, so levelling costs no extra resampling.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from camera.geometry import FaceFrame, Region
from camera.images import Image, as_image

PHOTO_WIDTH = 354
PHOTO_HEIGHT = 472
HEAD_RATIO = 0.75
HEAD_RATIO_MAX = 0.80
TOP_MARGIN = 0.10
# Anthropometric averages for adults, in eye distances (pupil to pupil ≈ 63 mm,
# pupils to chin ≈ 115 mm, pupils to the top of the skull ≈ 120 mm). The chin
# cannot be seen against the neck, so it is placed from the eyes; the crown is
# found against the background and this is only its fallback. A "crown" lower
# than 1.6 is the hairline of a head cut off by the frame's top edge.
CHIN_BELOW_EYES = 1.8
CROWN_ABOVE_EYES = 1.9
CROWN_PLAUSIBLE = (1.6, 2.9)

_STRIP: Region = (-0.5, -3.4, 0.5, -0.6)
_STRIP_PX = 24  # per eye distance: the crown to a twenty-fourth of an eye distance
_REFERENCE_ROWS = 7
_HAIR_DELTA_E = 20.0  # OpenCV 8-bit Lab units; backdrop noise stays well under it
_HAIR_FRACTION = 0.4
_HAIR_RUN = 3


@dataclass(frozen=True)
class Crown:
    y: float
    """Eye distances above (negative) the eye line."""
    found: bool


def find_crown(frame: Image, face: FaceFrame) -> Crown:
    """The top of the head: the first rows above the face that differ from the backdrop.

    A narrow levelled strip above the eyes is scanned downwards from its top,
    which shows the backdrop whenever the crop can have its top margin at all.
    """
    height, width = frame.shape[:2]
    strip = cv2.cvtColor(face.warp(frame, _STRIP, _STRIP_PX), cv2.COLOR_BGR2LAB).astype(np.float32)
    valid = face.valid((width, height), _STRIP, _STRIP_PX) > 0
    rows = np.flatnonzero(valid.mean(axis=1) > 0.5)
    fallback = Crown(-CROWN_ABOVE_EYES, found=False)
    if rows.size < _REFERENCE_ROWS + _HAIR_RUN:
        return fallback
    first = int(rows[0])
    reference = np.median(strip[first : first + _REFERENCE_ROWS].reshape(-1, 3), axis=0)
    distance = np.linalg.norm(strip - reference, axis=2)
    differs = ((distance > _HAIR_DELTA_E) & valid).sum(axis=1) / np.maximum(valid.sum(axis=1), 1)
    head_rows = differs >= _HAIR_FRACTION
    for row in range(first + _REFERENCE_ROWS, len(head_rows) - _HAIR_RUN + 1):
        if head_rows[row : row + _HAIR_RUN].all():
            y = _STRIP[1] + row / _STRIP_PX
            low, high = CROWN_PLAUSIBLE
            return Crown(y, found=True) if low <= -y <= high else fallback
    return fallback


@dataclass(frozen=True)
class CropPlan:
    """The photo's rectangle in face coordinates: as wanted, and as the frame allows."""

    face: FaceFrame
    crown: Crown
    head_height: float
    ideal: Region
    fitted: Region
    shift: tuple[float, float]
    """How far the frame's edges pushed the crop, as fractions of its width and height
    (positive: to the right, downwards)."""

    @property
    def head_ratio(self) -> float:
        return self.head_height / (self.fitted[3] - self.fitted[1])


def plan_crop(frame_size: tuple[int, int], face: FaceFrame, crown: Crown) -> CropPlan:
    """The ideal crop for this head, then shrunk and moved until it lies inside the frame."""
    head = CHIN_BELOW_EYES - crown.y
    crop_height = head / HEAD_RATIO
    crop_width = crop_height * PHOTO_WIDTH / PHOTO_HEIGHT
    top = crown.y - TOP_MARGIN * crop_height
    ideal = (-crop_width / 2, top, crop_width / 2, top + crop_height)

    # Fit the crop's bounding box in frame pixels; tilts here are small, so the
    # bounding box is a close and safe stand-in for the rotated rectangle.
    width, height = frame_size
    xs, ys = zip(*face.corners(ideal), strict=True)
    box_w, box_h = max(xs) - min(xs), max(ys) - min(ys)
    scale = min(1.0, width / box_w, height / box_h)
    cx, cy = (ideal[0] + ideal[2]) / 2, (ideal[1] + ideal[3]) / 2
    half_w, half_h = crop_width * scale / 2, crop_height * scale / 2
    shrunk = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
    xs, ys = zip(*face.corners(shrunk), strict=True)
    dx = max(0.0, -min(xs)) - max(0.0, max(xs) - width)
    dy = max(0.0, -min(ys)) - max(0.0, max(ys) - height)
    # Back from frame pixels to face units: undo the roll, divide by the eye distance.
    a = np.radians(face.roll_degrees)
    ux = (dx * np.cos(a) + dy * np.sin(a)) / face.eye_distance
    uy = (-dx * np.sin(a) + dy * np.cos(a)) / face.eye_distance
    fitted = (shrunk[0] + ux, shrunk[1] + uy, shrunk[2] + ux, shrunk[3] + uy)
    shift = (float(ux) / (2 * half_w), float(uy) / (2 * half_h))
    return CropPlan(face, crown, head, ideal, fitted, shift)


def cut_photo(frame: Image, plan: CropPlan) -> Image:
    """The levelled 354×472 photo.

    Warped at the frame's own resolution first and then reduced with area
    averaging: a single warp straight to 354×472 would skip pixels and alias.
    """
    native = plan.face.warp(frame, plan.fitted, plan.face.eye_distance)
    shrinking = native.shape[1] > PHOTO_WIDTH
    photo = cv2.resize(
        native,
        (PHOTO_WIDTH, PHOTO_HEIGHT),
        interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC,
    )
    return as_image(photo)
