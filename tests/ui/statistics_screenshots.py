"""The statistics tab at 1366×768, and closing the day from it, saved as PNG for
docs/screenshots/ (both languages).

Not collected with the tests (its name does not start with test_); run it on purpose,
with the window's other pictures:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/statistics_screenshots.py \
        -p no:cacheprovider
"""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier_queries import look_up
from tests.app.test_day_close import _print, _receive
from tests.db.conftest import AGENCY
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


@pytest.mark.parametrize("language", ["vi", "en"], indirect=True)
def test_pictures_of_closing_the_day(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    session: CounterSession,
    language: str,  # noqa: F811
) -> None:
    """The close dialog over the day view: a day that stays open (a paper not printed, a
    code missing), then the same day closed once both are put right."""
    store = session.store
    morning = dt.datetime(2026, 11, 23, 8, 0)
    codes = [_receive(store, morning + dt.timedelta(minutes=n)) for n in range(3)]
    unprinted = _receive(store, morning + dt.timedelta(minutes=20), printed=False)
    moved = {"new": f"{AGENCY}-261123-0005", "old": codes[2]}
    with store.engine.begin() as connection:  # the store lost the third code's serial
        connection.execute(
            text("UPDATE dossier SET code_serial = 5, code = :new WHERE code = :old"), moved
        )
    page = window.statistics
    window.resize(*SIZE)
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        window.tabs.setCurrentWidget(page)
    page.views.setCurrentIndex(1)
    page.ask_to_close_day()
    qtbot.waitUntil(lambda: page.close_dialog is not None and page.close_dialog.isVisible())
    dialog = page.close_dialog
    assert dialog is not None
    dialog.confirm.click()
    qtbot.waitUntil(lambda: dialog.reasons.isVisible())
    _save_over(window, dialog, language, "day-close-reasons")
    with store.engine.begin() as connection:  # put right: the serial back, the paper printed
        connection.execute(
            text("UPDATE dossier SET code_serial = 3, code = :old WHERE code = :new"), moved
        )
    stored = look_up(store, unprinted)
    assert stored is not None
    _print(store, stored.id, morning + dt.timedelta(minutes=25))
    dialog.confirm.click()
    qtbot.waitUntil(lambda: dialog.register_button.isVisible())
    _save_over(window, dialog, language, "day-close-done")
    dialog.reject()
