"""A day at the counter does not pile up windows: 50 dossiers received with their photos in the
real window, each BM 01 printed from its preview, and after each the window has as many
top-level widgets as after the first (a closed preview, with its page images, is freed).

The dossiers are driven as tests/ui/test_whole_dossiers.py drives them (keyboard, the card's
QR, the photo with F5 and F6, F9, Print), at one counter screen size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Verdict
from tests.ui.test_whole_dossiers import (
    WatchedOfficer,
    _accept,
    _applicant,
    _example,
    _photo_if_needed,
    _verdict,
    window,  # noqa: F401 (the fixture, at this module's ``size``)
)
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt

RECEPTIONS = 50  # a busy counter's day
PROCEDURE = "doi-gtvt"  # its photo is taken at the counter
SCREEN = (1366, 768)  # one counter screen is enough: the sizes are test_whole_dossiers' concern


@pytest.fixture
def size() -> tuple[int, int]:
    return SCREEN


def _top_level_widgets() -> list[str]:
    """The live top-level widgets, by class (a deleted window is no longer among them)."""
    return sorted(type(widget).__name__ for widget in QApplication.topLevelWidgets())


def receive_one(officer: WatchedOfficer, catalogue: Catalogue, out: Path) -> None:
    """One applicant received with the photo, BM 01 printed from its preview, then Ctrl+N
    (bench/bench_memory.py drives the same reception to measure the memory it keeps)."""
    page = officer.page
    _applicant(officer, catalogue, PROCEDURE, _example(PROCEDURE))
    assert _verdict(officer) is Verdict.ACCEPT, page.verdict.details.toPlainText()
    _photo_if_needed(officer, catalogue, PROCEDURE)
    assert page.photo is not None
    _accept(officer, SCREEN, out)
    officer.ctrl(Qt.Key.Key_N)  # the next applicant


def test_fifty_receptions_with_photos_leave_no_window_behind(
    window: MainWindow,  # noqa: F811 (the fixture imported above)
    qtbot: QtBot,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    officer = WatchedOfficer(qtbot, window)
    receive_one(officer, catalogue, tmp_path / "bm01-1.pdf")
    # Counted after the first dossier: what it made once for the whole day stays.
    qtbot.waitUntil(lambda: "PrintPreviewDialog" not in _top_level_widgets())
    after_first = _top_level_widgets()
    for number in range(2, RECEPTIONS + 1):
        receive_one(officer, catalogue, tmp_path / f"bm01-{number}.pdf")
        qtbot.waitUntil(lambda: _top_level_widgets() == after_first)
