from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.catalogue.loader import shipped_catalogue_dir


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalogue versions; returns the version folder."""
    root = tmp_path / "catalogues"
    shutil.copytree(shipped_catalogue_dir(), root)
    return root / "qd-4225-2021"
