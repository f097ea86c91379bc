"""A stored dossier's details corrected from the receiving screen, by keyboard: its own
revision with the reason, the old values kept, BM 01 printed again with the new ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier_queries import find_dossier
from tests.ui.conftest import print_to_file, type_text
from tests.ui.test_whole_dossiers import (
    WatchedOfficer,
    _accept,
    _applicant,
    _example,
    _photo_if_needed,
    window,  # noqa: F401 (the fixture)
)
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt

SIZE = (1366, 768)


@pytest.fixture
def size() -> tuple[int, int]:
    """The window fixture's counter screen: the common one."""
    return SIZE


MISSPELT, RIGHT = "Nguyễn Văn An", "Nguyễn Văn Ân"


def _stored(officer: WatchedOfficer, catalogue: Catalogue, tmp_path: Path) -> str:
    _applicant(officer, catalogue, "doi-gtvt", _example("doi-gtvt"))
    _photo_if_needed(officer, catalogue, "doi-gtvt")
    return _accept(officer, SIZE, tmp_path / "bm01.pdf")


def test_a_misspelt_name_is_corrected_as_a_revision_and_bm01_printed_again(
    window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    tmp_path: Path,
) -> None:
    page = window.reception
    officer = WatchedOfficer(qtbot, window)
    code = _stored(officer, catalogue, tmp_path)
    name = page.applicant.full_name
    assert name.value() == MISSPELT
    assert not name.widget.isEnabled()  # stored: read-only
    assert page.correct.isEnabled() and not page.save_correction.isVisible()

    officer.ctrl(Qt.Key.Key_E)
    assert page.correcting and name.widget.isEnabled()
    assert not page.picker.isEnabled() and not page.case.isEnabled()
    assert officer.focus() is name.widget
    name.set_value(None)
    type_text(name.widget, RIGHT)  # the applicant's data, not the officer's keys
    officer.ctrl(Qt.Key.Key_S)  # no reason yet: asked for, nothing stored
    assert officer.focus() is page.reason
    assert page.why.text() == "Ctrl+S: type the reason for the correction first"
    assert find_dossier(session.store, code)["corrections"] == []  # type: ignore[index]
    type_text(page.reason, "Sai dấu trong họ tên")
    first_print = page.preview
    officer.ctrl(Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not page.correcting and page.preview is not first_print)
    stored = find_dossier(session.store, code)
    assert stored is not None
    [correction] = stored["corrections"]
    assert correction["revision"] == 1 and correction["reason"] == "Sai dấu trong họ tên"
    assert stored["applicant"]["full_name"] == RIGHT
    assert not name.widget.isEnabled()  # read-only again
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm01-corrected.pdf")
    assert RIGHT.upper() in printed.upper() and "BẢN IN LẠI" in printed
    officer.back_to_window()
    officer.all_seen()


def test_cancelling_a_correction_puts_the_stored_values_back(
    window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    tmp_path: Path,
) -> None:
    page = window.reception
    officer = WatchedOfficer(qtbot, window)
    code = _stored(officer, catalogue, tmp_path)
    officer.ctrl(Qt.Key.Key_E)
    page.applicant.full_name.set_value(None)
    officer.type_data("Someone Else")
    officer.press(Qt.Key.Key_Escape)
    assert not page.correcting
    assert page.applicant.full_name.value() == MISSPELT
    assert find_dossier(session.store, code)["corrections"] == []  # type: ignore[index]
    assert QApplication.focusWidget() is page.action_buttons[page.next]
