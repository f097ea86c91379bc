"""One frame, every check: what the live hints, the capture and ``motcua photo check`` use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2

from app.catalogue.model import PhotoBackground
from camera import messages as m
from camera.checks import (
    TITLES,
    CheckId,
    CheckResult,
    Status,
    check_background,
    check_exposure,
    check_eye_distance,
    check_face_count,
    check_head_size,
    check_lighting,
    check_noise,
    check_position,
    check_roll,
    check_sharpness,
    face_patch,
)
from camera.crop import CropPlan, cut_photo, find_crown, plan_crop
from camera.face import Face, FaceFinder, detect_faces
from camera.geometry import FaceFrame
from camera.images import Image, as_image
from camera.messages import Message

_ORDER = list(TITLES)


@dataclass(frozen=True)
class PhotoAnalysis:
    frame_size: tuple[int, int]
    background: PhotoBackground
    faces: tuple[Face, ...]
    checks: tuple[CheckResult, ...]
    """In the order of ``TITLES``; only the face count when there is not exactly one face."""
    plan: CropPlan | None
    photo: Image | None
    """The 354×472 crop, when there is exactly one face."""
    sharpness: float

    @property
    def passed(self) -> bool:
        """No check failed: the frame may be captured without an override."""
        return self.photo is not None and all(c.status is not Status.FAIL for c in self.checks)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAIL)

    def check(self, check: CheckId) -> CheckResult | None:
        return next((c for c in self.checks if c.id is check), None)

    def hints(self, limit: int = 2) -> list[Message]:
        """What to say now: the first failures, else the first warnings, else "hold still"."""
        for status in (Status.FAIL, Status.WARN):
            found = [c.message for c in self.checks if c.status is status]
            if found:
                return found[:limit]
        return [m.ALL_GOOD]

    def as_dict(self) -> dict[str, Any]:
        """For ``motcua photo check --json`` and the record of the checks."""
        face = self.faces[0] if len(self.faces) == 1 else None
        return {
            "width": self.frame_size[0],
            "height": self.frame_size[1],
            "background": str(self.background),
            "passed": self.passed,
            "faces": len(self.faces),
            "eye_distance_px": None if face is None else round(face.eye_distance, 1),
            "roll_degrees": None if face is None else round(face.roll_degrees, 2),
            "head_ratio": None if self.plan is None else round(self.plan.head_ratio, 3),
            "checks": [
                {
                    "id": str(c.id),
                    "status": str(c.status),
                    "title_vi": c.title.vi,
                    "title_en": c.title.en,
                    "message_vi": c.message.vi,
                    "message_en": c.message.en,
                    "value": c.value,
                }
                for c in self.checks
            ],
            "hints_vi": [hint.vi for hint in self.hints()],
            "hints_en": [hint.en for hint in self.hints()],
        }


def analyse_photo(
    frame: Image, background: PhotoBackground, finder: FaceFinder | None = None
) -> PhotoAnalysis:
    """Every check on one frame; ``finder``: the live stream's, to search near the last face."""
    height, width = frame.shape[:2]
    size = (width, height)
    grey = as_image(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    faces = tuple(detect_faces(grey) if finder is None else finder.find(grey))
    count = check_face_count(len(faces))
    if len(faces) != 1:
        return PhotoAnalysis(size, background, faces, (count,), None, None, 0.0)
    face = faces[0]
    frame_of_face = FaceFrame.of(face)
    plan = plan_crop(size, frame_of_face, find_crown(frame, frame_of_face))
    photo = cut_photo(frame, plan)
    patch = face_patch(frame, frame_of_face)
    checks = {
        CheckId.FACE_COUNT: count,
        CheckId.EYE_DISTANCE: check_eye_distance(face),
        CheckId.HEAD_SIZE: check_head_size(plan),
        CheckId.POSITION: check_position(plan, size),
        CheckId.ROLL: check_roll(face),
        CheckId.SHARPNESS: check_sharpness(patch),
        CheckId.EXPOSURE: check_exposure(patch),
        CheckId.LIGHTING: check_lighting(patch),
        CheckId.NOISE: check_noise(photo),
        CheckId.BACKGROUND: check_background(photo, plan, background),
    }
    ordered = tuple(checks[check] for check in _ORDER)
    sharpness = checks[CheckId.SHARPNESS].value or 0.0
    return PhotoAnalysis(size, background, faces, ordered, plan, photo, sharpness)
