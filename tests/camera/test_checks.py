"""Each way a photo goes wrong is caught by its own check, and the clean portrait passes."""

from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np
import pytest

from app.catalogue.model import PhotoBackground
from camera import messages as m
from camera.analysis import analyse_photo
from camera.checks import CheckId, Status, sharpness_of
from camera.crop import HEAD_RATIO_MAX, PHOTO_HEIGHT, PHOTO_WIDTH
from camera.face import detect_faces
from camera.images import Image, as_image
from camera.messages import Message
from tests.camera.portraits import (
    BLUE,
    GREY,
    WHITE,
    Pose,
    blurred,
    compose,
    exposed,
    noisy,
    side_shadow,
)

BLUE_WANTED = PhotoBackground.BLUE
WHITE_WANTED = PhotoBackground.WHITE


@pytest.mark.parametrize(
    ("backdrop", "wanted"), [(BLUE, BLUE_WANTED), (WHITE, WHITE_WANTED)], ids=["blue", "white"]
)
def test_the_clean_portrait_passes_every_check(
    backdrop: tuple[int, int, int], wanted: PhotoBackground
) -> None:
    analysis = analyse_photo(compose(backdrop), wanted)
    assert [(c.id, c.status) for c in analysis.checks] == [
        (check, Status.PASS) for check in CheckId
    ]
    assert analysis.passed
    assert analysis.photo is not None and analysis.photo.shape == (PHOTO_HEIGHT, PHOTO_WIDTH, 3)
    assert analysis.hints() == [m.ALL_GOOD]


Degrade = Callable[[], Image]

DEGRADATIONS: dict[str, tuple[Degrade, PhotoBackground, CheckId, tuple[Message, ...]]] = {
    "blur": (lambda: blurred(compose(), 4.0), BLUE_WANTED, CheckId.SHARPNESS, (m.BLURRED,)),
    "noise": (lambda: noisy(compose(), 30.0), BLUE_WANTED, CheckId.NOISE, (m.NOISY,)),
    "under-exposed": (
        lambda: exposed(compose(), 0.35),
        BLUE_WANTED,
        CheckId.EXPOSURE,
        (m.TOO_DARK, m.SHADOWS_CLIPPED),
    ),
    "over-exposed": (
        lambda: exposed(compose(), 1.5),
        BLUE_WANTED,
        CheckId.EXPOSURE,
        (m.TOO_BRIGHT, m.HIGHLIGHTS_CLIPPED),
    ),
    "tilted": (
        lambda: compose(poses=(Pose(tilt=18),)),
        BLUE_WANTED,
        CheckId.ROLL,
        (m.TILTED,),
    ),
    "off-centre": (
        lambda: compose(poses=(Pose(centre=(180, 330)),)),
        BLUE_WANTED,
        CheckId.POSITION,
        (m.NOT_CENTRED,),
    ),
    "head cut by the top": (
        lambda: compose(poses=(Pose(centre=(640, 220)),)),
        BLUE_WANTED,
        CheckId.POSITION,
        (m.TOO_HIGH,),
    ),
    "too small": (
        lambda: compose(poses=(Pose(eye_distance=60),)),
        BLUE_WANTED,
        CheckId.EYE_DISTANCE,
        (m.TOO_FAR,),
    ),
    "too close": (
        lambda: compose(poses=(Pose(centre=(640, 380), eye_distance=155),)),
        BLUE_WANTED,
        CheckId.HEAD_SIZE,
        (m.TOO_CLOSE,),
    ),
    "two faces": (
        lambda: compose(
            poses=(
                Pose(centre=(380, 330), eye_distance=100),
                Pose(centre=(900, 330), eye_distance=100),
            )
        ),
        BLUE_WANTED,
        CheckId.FACE_COUNT,
        (m.SEVERAL_FACES,),
    ),
    "side shadow": (
        lambda: side_shadow(compose()),
        BLUE_WANTED,
        CheckId.LIGHTING,
        (m.UNEVEN_LIGHT,),
    ),
    "grey background, blue wanted": (
        lambda: compose(GREY),
        BLUE_WANTED,
        CheckId.BACKGROUND,
        (m.BACKGROUND_NOT_BLUE,),
    ),
    "grey background, white wanted": (
        lambda: compose(GREY),
        WHITE_WANTED,
        CheckId.BACKGROUND,
        (m.BACKGROUND_NOT_WHITE,),
    ),
    "white background, blue wanted": (
        lambda: compose(WHITE),
        BLUE_WANTED,
        CheckId.BACKGROUND,
        (m.BACKGROUND_NOT_BLUE,),
    ),
}


@pytest.mark.parametrize("name", list(DEGRADATIONS))
def test_each_degradation_fails_its_own_check(name: str) -> None:
    degrade, wanted, check, messages = DEGRADATIONS[name]
    analysis = analyse_photo(degrade(), wanted)
    result = analysis.check(check)
    assert result is not None, f"{check} did not run: {analysis.checks}"
    assert result.status is Status.FAIL, result
    assert result.message in messages
    assert not analysis.passed
    assert result.message in analysis.hints(limit=len(analysis.checks))


def test_a_background_with_something_behind_is_not_plain() -> None:
    frame = compose()
    # A poster on the wall, beside the head and above the shoulders.
    cv2.rectangle(frame, (820, 60), (900, 230), (40, 40, 200), -1)
    result = analyse_photo(frame, BLUE_WANTED).check(CheckId.BACKGROUND)
    assert result is not None and result.message == m.BACKGROUND_NOT_PLAIN


def test_a_slight_tilt_is_levelled_in_the_photo() -> None:
    analysis = analyse_photo(compose(poses=(Pose(tilt=6),)), BLUE_WANTED)
    roll = analysis.check(CheckId.ROLL)
    assert roll is not None and roll.status is Status.PASS and roll.message == m.LEVELLED
    assert analysis.photo is not None
    (face,) = detect_faces(as_image(cv2.cvtColor(analysis.photo, cv2.COLOR_BGR2GRAY)))
    assert abs(face.roll_degrees) < 1.5


def test_the_eyes_are_measured_where_they_were_put() -> None:
    tilt, distance = 8.0, 110.0
    analysis = analyse_photo(
        compose(poses=(Pose(centre=(600, 340), eye_distance=distance, tilt=tilt),)), BLUE_WANTED
    )
    (face,) = analysis.faces
    assert face.eyes_found
    assert face.eye_distance == pytest.approx(distance, rel=0.05)
    assert math.dist(face.eye_midpoint, (600, 340)) < 5
    # The portrait's own eye line slopes by 2.6°; the pose turns it by -8° (counter-clockwise).
    assert face.roll_degrees == pytest.approx(2.56 - tilt, abs=1.0)


def test_the_head_fills_three_quarters_of_the_photo(clean_blue: Image) -> None:
    analysis = analyse_photo(clean_blue, BLUE_WANTED)
    assert analysis.plan is not None and analysis.plan.crown.found
    assert 0.70 <= analysis.plan.head_ratio <= HEAD_RATIO_MAX
    assert analysis.plan.shift == (0.0, 0.0)


def test_sharpness_ignores_grain_that_a_plain_laplacian_takes_for_detail(
    clean_blue: Image,
) -> None:
    """Noise on a blurred face: the plain Laplacian variance soars, the check still says blurred."""
    grainy_blur = noisy(blurred(clean_blue, 4.0), 20.0)

    def plain_laplacian(frame: Image) -> float:
        face = cv2.cvtColor(frame[200:500, 520:760], cv2.COLOR_BGR2GRAY)
        return float(cv2.Laplacian(face, cv2.CV_64F).var())

    assert plain_laplacian(grainy_blur) > 10 * plain_laplacian(clean_blue)
    result = analyse_photo(grainy_blur, BLUE_WANTED).check(CheckId.SHARPNESS)
    assert result is not None and result.status is Status.FAIL


def test_sharpness_does_not_depend_on_the_distance_to_the_camera() -> None:
    near = analyse_photo(compose(poses=(Pose(eye_distance=130),)), BLUE_WANTED)
    far = analyse_photo(compose(poses=(Pose(eye_distance=95),)), BLUE_WANTED)
    assert near.sharpness == pytest.approx(far.sharpness, rel=0.25)


def test_a_dark_but_sharp_face_is_dark_not_blurred(clean_blue: Image) -> None:
    analysis = analyse_photo(exposed(clean_blue, 0.35), BLUE_WANTED)
    sharpness = analysis.check(CheckId.SHARPNESS)
    assert sharpness is not None and sharpness.status is Status.PASS


def test_no_face_says_so_and_runs_nothing_else() -> None:
    frame = np.full((720, 1280, 3), BLUE, np.uint8)
    analysis = analyse_photo(frame, BLUE_WANTED)
    assert [(c.id, c.message) for c in analysis.checks] == [(CheckId.FACE_COUNT, m.NO_FACE)]
    assert analysis.photo is None and not analysis.passed
    assert sharpness_of(np.zeros((10, 10), np.uint8)) == 0.0
