"""What every test shares: Qt runs offscreen, and one loaded catalogue."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from app.catalogue.loader import load_catalogue_for
from app.catalogue.model import Catalogue

# Before any Qt import: the tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped catalogue version in force on the tests' usual day of receipt."""
    return load_catalogue_for(dt.date(2026, 11, 23))
