"""The photo checks: each measures one thing and says pass, warn or fail, and why.

A check that fails blocks the capture unless the officer overrides it with a
reason; a warning is shown and does not block. Thresholds are module constants
with the reasoning beside them, measured on the test portraits
(``tests/camera``) where no standard gives a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import cv2
import numpy as np
from numpy.typing import NDArray

from app.catalogue.model import PhotoBackground
from camera import messages as m
from camera.crop import HEAD_RATIO_MAX, CropPlan
from camera.face import Face
from camera.geometry import FaceFrame, Region
from camera.images import Image, as_image
from camera.messages import Message


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


class CheckId(StrEnum):
    FACE_COUNT = "face_count"
    EYE_DISTANCE = "eye_distance"
    HEAD_SIZE = "head_size"
    POSITION = "position"
    ROLL = "roll"
    SHARPNESS = "sharpness"
    EXPOSURE = "exposure"
    LIGHTING = "lighting"
    NOISE = "noise"
    BACKGROUND = "background"


TITLES: dict[CheckId, Message] = {
    CheckId.FACE_COUNT: m.TITLE_FACE_COUNT,
    CheckId.EYE_DISTANCE: m.TITLE_EYE_DISTANCE,
    CheckId.HEAD_SIZE: m.TITLE_HEAD_SIZE,
    CheckId.POSITION: m.TITLE_CENTRED,
    CheckId.ROLL: m.TITLE_ROLL,
    CheckId.SHARPNESS: m.TITLE_SHARPNESS,
    CheckId.EXPOSURE: m.TITLE_EXPOSURE,
    CheckId.LIGHTING: m.TITLE_LIGHTING,
    CheckId.NOISE: m.TITLE_NOISE,
    CheckId.BACKGROUND: m.TITLE_BACKGROUND,
}
"""Every check, in the order the list shows them and the hints are given."""


@dataclass(frozen=True)
class CheckResult:
    id: CheckId
    status: Status
    message: Message
    value: float | None = None
    """The measured figure (unit per check, see ``docs/photo.md``), for the record and tuning."""

    @property
    def title(self) -> Message:
        return TITLES[self.id]


def _result(check: CheckId, status: Status, message: Message, value: float | None) -> CheckResult:
    return CheckResult(check, status, message, None if value is None else round(value, 3))


# ----------------------------------------------------------------- geometry


def check_face_count(count: int) -> CheckResult:
    if count == 1:
        return _result(CheckId.FACE_COUNT, Status.PASS, m.ONE_FACE, count)
    message = m.NO_FACE if count == 0 else m.SEVERAL_FACES
    return _result(CheckId.FACE_COUNT, Status.FAIL, message, count)


# ICAO's minimum between the eye centres in the source image; below it the
# printed face is upscaled from too few pixels.
MIN_EYE_DISTANCE_PX = 90.0


def check_eye_distance(face: Face) -> CheckResult:
    d = face.eye_distance
    if d < MIN_EYE_DISTANCE_PX:
        return _result(CheckId.EYE_DISTANCE, Status.FAIL, m.TOO_FAR, d)
    return _result(CheckId.EYE_DISTANCE, Status.PASS, m.DISTANCE_OK, d)


# Up to this roll the crop levels the eyes and nobody notices; beyond it the
# shoulders and the neck show the tilt, so the applicant must straighten up.
ROLL_LEVEL_DEGREES = 2.0
ROLL_MAX_DEGREES = 10.0


def check_roll(face: Face) -> CheckResult:
    if not face.eyes_found:
        return _result(CheckId.ROLL, Status.WARN, m.EYES_NOT_FOUND, None)
    roll = face.roll_degrees
    if abs(roll) > ROLL_MAX_DEGREES:
        return _result(CheckId.ROLL, Status.FAIL, m.TILTED, roll)
    message = m.LEVELLED if abs(roll) > ROLL_LEVEL_DEGREES else m.LEVEL_OK
    return _result(CheckId.ROLL, Status.PASS, message, roll)


# The crop may be pushed by the frame's edge by a few per cent without anyone
# seeing it; more and the face is no longer in the middle of the photo.
MAX_CROP_SHIFT = 0.03
# Off the frame's middle by more than this (of the frame width) still crops
# well but is asked to move: the guide on the screen is in the middle.
WARN_OFF_CENTRE = 0.15


def check_position(plan: CropPlan, frame_size: tuple[int, int]) -> CheckResult:
    shift_x, shift_y = plan.shift
    if abs(shift_x) > MAX_CROP_SHIFT:
        return _result(CheckId.POSITION, Status.FAIL, m.NOT_CENTRED, shift_x)
    if shift_y > MAX_CROP_SHIFT:
        return _result(CheckId.POSITION, Status.FAIL, m.TOO_HIGH, shift_y)
    if shift_y < -MAX_CROP_SHIFT:
        return _result(CheckId.POSITION, Status.FAIL, m.TOO_LOW, shift_y)
    offset = (plan.face.centre[0] - frame_size[0] / 2) / frame_size[0]
    if abs(offset) > WARN_OFF_CENTRE:
        return _result(CheckId.POSITION, Status.WARN, m.NOT_CENTRED, offset)
    return _result(CheckId.POSITION, Status.PASS, m.CENTRED_OK, offset)


def check_head_size(plan: CropPlan) -> CheckResult:
    """The crop aims at 75 %; only a frame too small for that crop makes the head bigger."""
    ratio = plan.head_ratio
    if ratio > HEAD_RATIO_MAX + 1e-6:
        return _result(CheckId.HEAD_SIZE, Status.FAIL, m.TOO_CLOSE, ratio)
    if not plan.crown.found:
        return _result(CheckId.HEAD_SIZE, Status.WARN, m.CROWN_NOT_FOUND, ratio)
    return _result(CheckId.HEAD_SIZE, Status.PASS, m.HEAD_SIZE_OK, ratio)


# ----------------------------------------------------------- the face itself

FACE_PATCH: Region = (-1.0, -0.5, 1.0, 1.5)
FACE_PATCH_PX = 48
"""Pixels per eye distance in the normalised face patch: below the 90 px every
accepted frame has, so the patch is always a reduction, never invented pixels."""


def face_patch(frame: Image, face: FaceFrame) -> Image:
    """The levelled face, eyebrows to chin, at 48 px per eye distance, in grey."""
    patch = face.warp(frame, FACE_PATCH, FACE_PATCH_PX)
    return as_image(cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY))


def _patch_mask(shape: tuple[int, ...], region: Region, ellipse: bool) -> NDArray[np.bool_]:
    """Pixels of the face patch inside ``region`` (face units), or inside its inscribed ellipse."""
    return _mask(shape[:2], region, ellipse)


# The patch has the same size on every frame, so each mask is built once, not per frame.
@lru_cache(maxsize=16)
def _mask(shape: tuple[int, ...], region: Region, ellipse: bool) -> NDArray[np.bool_]:
    rows, columns = shape
    v, u = np.mgrid[0:rows, 0:columns]
    x = FACE_PATCH[0] + (u + 0.5) / FACE_PATCH_PX
    y = FACE_PATCH[1] + (v + 0.5) / FACE_PATCH_PX
    x0, y0, x1, y1 = region
    if not ellipse:
        inside_box: NDArray[np.bool_] = (x >= x0) & (x < x1) & (y >= y0) & (y < y1)
        inside_box.flags.writeable = False  # shared by every later call
        return inside_box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    inside: NDArray[np.bool_] = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
    inside.flags.writeable = False
    return inside


# Blur is judged on the normalised face (the same size whatever the distance,
# so one threshold fits every frame), after a slight Gaussian blur: sensor noise
# is pixel-sized and would otherwise add to the Laplacian's variance as if it
# were detail, letting a blurred but grainy face pass. Dividing by the squared
# mean brightness keeps a sharp but dark face from reading as blurred; the
# exposure check speaks for that.
SHARPNESS_PRE_BLUR_SIGMA = 1.0
MIN_SHARPNESS = 15.0


def sharpness_of(patch: Image) -> float:
    grey = patch.astype(np.float32)
    smooth = cv2.GaussianBlur(grey, (0, 0), SHARPNESS_PRE_BLUR_SIGMA)
    laplacian = cv2.Laplacian(smooth, cv2.CV_32F, ksize=3)
    mean = max(float(grey.mean()), 1.0)
    return float(laplacian.var()) / (mean * mean) * 1000.0


def check_sharpness(patch: Image) -> CheckResult:
    value = sharpness_of(patch)
    if value < MIN_SHARPNESS:
        return _result(CheckId.SHARPNESS, Status.FAIL, m.BLURRED, value)
    return _result(CheckId.SHARPNESS, Status.PASS, m.SHARP, value)


_SKIN: Region = (-0.8, -0.4, 0.8, 1.4)
# Mean grey level of the skin (0–255). Skin prints well between these on every
# complexion; outside them the card shows a black or a chalk-white face.
MIN_FACE_LEVEL = 70.0
MAX_FACE_LEVEL = 210.0
# Share of the skin burnt out (≥ 250) or crushed (≤ 8): glare on a forehead or
# glasses, or a face in deep shadow, loses detail no later correction returns.
MAX_CLIPPED = 0.02


def check_exposure(patch: Image) -> CheckResult:
    skin = patch[_patch_mask(patch.shape, _SKIN, ellipse=True)]
    level = float(skin.mean())
    bright = float((skin >= 250).mean())
    dark = float((skin <= 8).mean())
    if bright > MAX_CLIPPED:
        return _result(CheckId.EXPOSURE, Status.FAIL, m.HIGHLIGHTS_CLIPPED, level)
    if dark > MAX_CLIPPED:
        return _result(CheckId.EXPOSURE, Status.FAIL, m.SHADOWS_CLIPPED, level)
    if level < MIN_FACE_LEVEL:
        return _result(CheckId.EXPOSURE, Status.FAIL, m.TOO_DARK, level)
    if level > MAX_FACE_LEVEL:
        return _result(CheckId.EXPOSURE, Status.FAIL, m.TOO_BRIGHT, level)
    return _result(CheckId.EXPOSURE, Status.PASS, m.EXPOSURE_OK, level)


# The cheeks either side of the nose: the darker over the brighter mean.
_LEFT_CHEEK: Region = (-0.85, -0.1, -0.2, 1.1)
_RIGHT_CHEEK: Region = (0.2, -0.1, 0.85, 1.1)
MIN_LIGHT_BALANCE = 0.65
WARN_LIGHT_BALANCE = 0.8


def check_lighting(patch: Image) -> CheckResult:
    left = float(patch[_patch_mask(patch.shape, _LEFT_CHEEK, ellipse=False)].mean())
    right = float(patch[_patch_mask(patch.shape, _RIGHT_CHEEK, ellipse=False)].mean())
    balance = min(left, right) / max(left, right, 1.0)
    if balance < MIN_LIGHT_BALANCE:
        return _result(CheckId.LIGHTING, Status.FAIL, m.UNEVEN_LIGHT, balance)
    if balance < WARN_LIGHT_BALANCE:
        return _result(CheckId.LIGHTING, Status.WARN, m.UNEVEN_LIGHT, balance)
    return _result(CheckId.LIGHTING, Status.PASS, m.EVEN_LIGHT, balance)


# --------------------------------------------------------- the printed photo

# Noise is judged on the 354×472 photo, as it will print: downscaling already
# averages some of the sensor's grain away. Immerkær's estimator (a Laplacian
# difference mask whose response to a smooth image is zero) is applied to the
# flatter half of the pixels only, so that hair and fabric are not taken for grain.
_IMMERKAER = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)
MAX_NOISE_SIGMA = 3.5


def noise_sigma(photo: Image) -> float:
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(np.float32)
    response = np.abs(cv2.filter2D(grey, cv2.CV_32F, _IMMERKAER))[1:-1, 1:-1]
    smooth = cv2.GaussianBlur(grey, (0, 0), 2.0)
    # The squared gradient ranks the pixels as the gradient does, without a square
    # root per pixel, and its lower middle value, found by one partition, splits them
    # in the same halves as the median: a fifth of this check's time saved, with the
    # same figure to the last digit on the test frames.
    gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0)[1:-1, 1:-1]
    gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1)[1:-1, 1:-1]
    squared = gx * gx + gy * gy
    middle = (squared.size - 1) // 2
    flat = squared <= np.partition(squared.ravel(), middle)[middle]
    return float(math.sqrt(math.pi / 2) * response[flat].mean() / 6)


def check_noise(photo: Image) -> CheckResult:
    sigma = noise_sigma(photo)
    if sigma > MAX_NOISE_SIGMA:
        return _result(CheckId.NOISE, Status.FAIL, m.NOISY, sigma)
    return _result(CheckId.NOISE, Status.PASS, m.NOISE_OK, sigma)


# -------------------------------------------------------------- background

_BACKGROUND_PX = 24  # per eye distance: plenty to judge a colour
_MIN_BACKGROUND_SAMPLES = 150
# HSV as OpenCV scales it (H 0–180, S and V 0–255). Blue: hue 180°–260°, clearly
# coloured and not dark. White: hardly coloured and light; a camera's white
# balance leaves a white backdrop light grey, which still counts.
BLUE_HUE = (90, 130)
BLUE_MIN_SATURATION = 50
BLUE_MIN_VALUE = 70
WHITE_MAX_SATURATION = 40
WHITE_MIN_VALUE = 165
# Plain: at most this share of the backdrop further than ΔE 15 from its median
# colour (a poster, a door frame, a shadow), whatever the sensor's grain.
PLAIN_DELTA_E = 15.0
MAX_NOT_PLAIN = 0.10


def background_pixels(photo: Image, plan: CropPlan) -> Image:
    """The backdrop in the photo: above the eyes and outside an ellipse around the head.

    Below the eyes the sides of the photo hold shoulders and clothes, so they are
    left out. The photo is reduced by area averaging and a 3×3 median first, so
    the sensor's grain is not taken for a pattern behind the applicant.
    """
    x0, y0, x1, y1 = plan.fitted
    size = (max(1, round((x1 - x0) * _BACKGROUND_PX)), max(1, round((y1 - y0) * _BACKGROUND_PX)))
    small = as_image(cv2.medianBlur(cv2.resize(photo, size, interpolation=cv2.INTER_AREA), 3))
    v, u = np.mgrid[0 : size[1], 0 : size[0]]
    x = x0 + (u + 0.5) / _BACKGROUND_PX
    y = y0 + (v + 0.5) / _BACKGROUND_PX
    head = plan.head_height
    centre_y = plan.crown.y + head / 2
    in_head = (x / (0.45 * head)) ** 2 + ((y - centre_y) / (0.55 * head)) ** 2 <= 1
    sample: Image = small[~in_head & (y < 0)]
    return sample


def check_background(photo: Image, plan: CropPlan, wanted: PhotoBackground) -> CheckResult:
    pixels = background_pixels(photo, plan)
    if len(pixels) < _MIN_BACKGROUND_SAMPLES:
        return _result(CheckId.BACKGROUND, Status.WARN, m.BACKGROUND_UNSEEN, None)
    column = pixels.reshape(-1, 1, 3)
    hue, saturation, value = np.median(cv2.cvtColor(column, cv2.COLOR_BGR2HSV)[:, 0], axis=0)
    if wanted is PhotoBackground.BLUE:
        right_colour = (
            BLUE_HUE[0] <= hue <= BLUE_HUE[1]
            and saturation >= BLUE_MIN_SATURATION
            and value >= BLUE_MIN_VALUE
        )
        wrong = m.BACKGROUND_NOT_BLUE
    else:
        right_colour = saturation <= WHITE_MAX_SATURATION and value >= WHITE_MIN_VALUE
        wrong = m.BACKGROUND_NOT_WHITE
    lab = cv2.cvtColor(column, cv2.COLOR_BGR2LAB)[:, 0].astype(np.float32)
    far = np.linalg.norm(lab - np.median(lab, axis=0), axis=1) > PLAIN_DELTA_E
    not_plain = float(far.mean())
    if not right_colour:
        return _result(CheckId.BACKGROUND, Status.FAIL, wrong, not_plain)
    if not_plain > MAX_NOT_PLAIN:
        return _result(CheckId.BACKGROUND, Status.FAIL, m.BACKGROUND_NOT_PLAIN, not_plain)
    return _result(CheckId.BACKGROUND, Status.PASS, m.BACKGROUND_OK, not_plain)
