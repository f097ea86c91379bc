from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.counter import CounterSession
from app.settings import Settings, save_settings
from db.store import Store
from ui.qt import QMessageBox
from ui.worker import Worker

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box offscreen waits for a click that never comes: answer "Yes", record it.

    Tests that care about the answer replace ``QMessageBox.question`` themselves.
    """
    shown: list[str] = []

    def answer(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[1]) if len(args) > 1 else "")
        return QMessageBox.StandardButton.Yes

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, answer)
    return shown


@pytest.fixture
def session(tmp_path: Path) -> Iterator[CounterSession]:
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    save_settings(tmp_path, settings)
    store = Store.in_data_dir(tmp_path)
    yield CounterSession(tmp_path, settings, "Nguyễn Thị Hoa", store)
    store.close()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()
