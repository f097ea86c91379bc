"""Starting the window on the counter's store: it is opened before anyone signs in; one fit
for use is opened, one emptied, replaced or damaged is one dialog naming the file and what
to do, and exit 6, before any sign-in is asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.application
from app.failures import EXIT_STORE
from app.settings import Settings, save_settings
from app.store_ops import open_store
from db.store import STORE_FILE
from tests.ui.conftest import Dialogs
from ui.qt import QApplication
from ui.sign_in import SignInDialog


@pytest.fixture
def counter_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A counter set up, its data folder the one ``MOTCUA_DATA_DIR`` names."""
    settings = Settings.defaults().with_values(
        {
            "agency_code": "000.17.22.H56",
            "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
            "counter_number": 1,
            "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
            "place_name": "Thành phố Hồ Chí Minh",
        }
    )
    save_settings(tmp_path, settings)
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(tmp_path))
    return tmp_path


def test_the_store_opens_when_fit_for_use(qtbot: QtBot, counter_folder: Path) -> None:
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    store = ui.application.with_progress(
        "Opening the dossier store…", lambda: open_store(counter_folder, settings)
    )
    try:
        assert store.path == counter_folder / STORE_FILE
        assert (counter_folder / "store-record.json").is_file()
    finally:
        store.close()


def test_an_emptied_store_is_one_dialog_and_exit_6(
    qtbot: QtBot, counter_folder: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    open_store(counter_folder, settings).close()
    os.truncate(counter_folder / STORE_FILE, 0)
    # The application the test runs in; nobody is asked to sign in at an unusable store.
    app = QApplication.instance()
    monkeypatch.setattr(ui.application, "create_application", lambda argv, language: app)

    def never(self: SignInDialog) -> int:
        raise AssertionError("the sign-in came before the store was checked")

    monkeypatch.setattr(SignInDialog, "exec", never)
    dialogs.expect("critical", f"{counter_folder / STORE_FILE}: kho hồ sơ rỗng (0 byte)")
    assert ui.application.run_counter_window() == EXIT_STORE
    assert (counter_folder / STORE_FILE).stat().st_size == 0
