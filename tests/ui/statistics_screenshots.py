"""The statistics tab at 1366×768, saved as PNG for docs/screenshots/ (both languages).

Not collected with the tests (its name does not start with test_); run it on purpose,
with the window's other pictures:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/statistics_screenshots.py \
        -p no:cacheprovider
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from tests.ui.screenshots import SIZE, _save, _save_over
from tests.ui.test_statistics_page import (  # noqa: F401 (the fixtures)
    _busy_report,
    _on_numbers,
    _summary,
    language,
    window,
)
from ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["vi", "en"], indirect=True)
def test_pictures_of_the_tab(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 (the fixture imported above)
    catalogue: Catalogue,
    language: str,  # noqa: F811
) -> None:
    page = window.statistics
    page.report_source = lambda first, last, point: _busy_report(catalogue)
    page.day_source = lambda day, point: _summary(catalogue)
    window.resize(*SIZE)
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        window.tabs.setCurrentWidget(page)
    name = "statistics"
    _save(window, language, f"{name}-report")
    page.table.setFocus()
    page.table.setCurrentCell(2, 7)
    dialog = page.open_cell(2, 7)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _save_over(window, dialog, language, f"{name}-dossiers")
    dialog.reject()
    page.views.setCurrentIndex(1)
    _save(window, language, f"{name}-day")
    page.views.setCurrentIndex(2)
    _save(window, language, f"{name}-charts")
