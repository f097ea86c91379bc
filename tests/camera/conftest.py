"""Frames shared by the camera tests: built once, since compositing takes a while."""

from __future__ import annotations

from pathlib import Path

import pytest

from camera.images import Image
from tests.camera.portraits import BLUE, WHITE, compose, write_clip


@pytest.fixture(scope="session")
def clean_blue() -> Image:
    return compose(BLUE)


@pytest.fixture(scope="session")
def clean_white() -> Image:
    return compose(WHITE)


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1.5 s MJPG clip at 1280×720: what a webcam would send."""
    return write_clip(tmp_path_factory.mktemp("clip") / "applicant.avi")
