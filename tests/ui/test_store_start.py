"""Starting the window on the counter's store: a store fit for use opens the session; one
emptied, replaced or damaged is one dialog naming the file and what to do, and exit 6."""

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
from ui.qt import QApplication, QDialog
from ui.sign_in import SignInDialog

OFFICER = "Nguyễn Thị Hoa"


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
            "officers": OFFICER,
        }
    )
    save_settings(tmp_path, settings)
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(tmp_path))
    return tmp_path


def test_the_session_opens_on_a_store_fit_for_use(qtbot: QtBot, counter_folder: Path) -> None:
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    session = ui.application.open_session_with_progress(counter_folder, settings, OFFICER)
    try:
        assert session.store.path == counter_folder / STORE_FILE
        assert (counter_folder / "store-record.json").is_file()
    finally:
        session.close()


def test_an_emptied_store_is_one_dialog_and_exit_6(
    qtbot: QtBot, counter_folder: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    open_store(counter_folder, settings).close()
    os.truncate(counter_folder / STORE_FILE, 0)
    # The application the test runs in; the officer signs in.
    app = QApplication.instance()
    monkeypatch.setattr(ui.application, "create_application", lambda argv, language: app)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(SignInDialog, "chosen_officer", lambda self: OFFICER)
    dialogs.expect("critical", f"{counter_folder / STORE_FILE}: kho hồ sơ rỗng (0 byte)")
    assert ui.application.run_counter_window() == EXIT_STORE
    assert (counter_folder / STORE_FILE).stat().st_size == 0
