"""The ``camera_source`` setting made into the photo panel's camera (``camera.sources``).

Kept apart from ``app.settings`` so that reading the settings does not load OpenCV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.settings import Settings, camera_choice
from camera.sources import FrameSource, camera_for


@dataclass(frozen=True)
class Camera:
    """What the photo panel opens, by the device number its list shows."""

    make: Callable[[int], FrameSource]
    device: int | None  # the webcam to list first; None: the setting names the source itself


def camera_of(settings: Settings) -> Camera:
    choice = camera_choice(settings)
    return Camera(camera_for(choice.kind, choice.target), choice.device)
