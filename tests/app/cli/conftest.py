"""Each command chooses the language of the counter's settings; no test leaks its choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.i18n import DEFAULT_LANGUAGE, choose_language


@pytest.fixture(autouse=True)
def counter_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Commands without ``--data-dir`` read a fresh data folder (Vietnamese, the default),
    never the settings of the machine running the tests."""
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(tmp_path / "counter"))
    yield
    choose_language(DEFAULT_LANGUAGE)
