"""Starting the window on the counter's store: it is opened before anyone signs in; one fit
for use is opened, one emptied, replaced or damaged is one dialog naming the file and what
to do, and exit 6, before any sign-in is asked for."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.application
from app.counter import CounterSession
from app.failures import EXIT_STORE
from app.officers.identity import Officer
from app.settings import Settings
from app.store_ops import open_store
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, PASSWORDS
from tests.counters import counter_with_an_account, set_up_counter
from tests.ui.conftest import Dialogs
from ui.qt import QApplication, QPaintEvent
from ui.sign_in import SignInDialog
from ui.store_opening import StoreOpening


@pytest.fixture
def counter_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A counter set up, its data folder the one ``MOTCUA_DATA_DIR`` names."""
    set_up_counter(tmp_path)
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


def test_the_sign_in_dialog_is_painted_before_the_store_opens(
    qtbot: QtBot, counter_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The everyday start (issue 19): the dialog is on screen first; the store opens behind it
    and the officer who signs in gets the window on that store."""
    counter_with_an_account(counter_folder)
    app = QApplication.instance()
    monkeypatch.setattr(ui.application, "create_application", lambda argv, language: app)
    happened: list[str] = []
    start = StoreOpening.start

    def started(self: StoreOpening[Store]) -> None:
        happened.append("store opening")
        start(self)

    monkeypatch.setattr(StoreOpening, "start", started)
    paint = SignInDialog.paintEvent

    def painting(dialog: SignInDialog, event: QPaintEvent) -> None:
        happened.append("dialog painted")
        paint(dialog, event)

    monkeypatch.setattr(SignInDialog, "paintEvent", painting)
    exec_dialog = SignInDialog.exec

    def sign_in_when_painted(dialog: SignInDialog) -> int:
        def sign_in() -> None:
            dialog.form.login.setText(IT_ADMIN.login)
            dialog.form.password.setText(PASSWORDS[IT_ADMIN.login])
            dialog.form.attempt()

        dialog.first_painted.connect(sign_in)
        return exec_dialog(dialog)

    monkeypatch.setattr(SignInDialog, "exec", sign_in_when_painted)
    windows: list[tuple[Officer, Path]] = []

    def window(app: QApplication, session: CounterSession) -> int:
        windows.append((session.officer, session.store.path))
        return 0

    monkeypatch.setattr(ui.application, "_run_window", window)
    assert ui.application.run_counter_window() == 0
    assert happened[0] == "dialog painted", happened
    assert "store opening" in happened
    assert windows == [(IT_ADMIN, counter_folder / STORE_FILE)]


def test_a_replaced_store_closes_the_sign_in_dialog_with_one_dialog_and_exit_6(
    qtbot: QtBot,
    counter_folder: Path,
    tmp_path_factory: pytest.TempPathFactory,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another counter's store copied over this one, accounts and all: the dialog shows while
    the store opens, then closes before anyone signs in, with the store's one dialog."""
    counter_with_an_account(counter_folder)
    other = tmp_path_factory.mktemp("other-counter")
    counter_with_an_account(other)
    shutil.copyfile(other / STORE_FILE, counter_folder / STORE_FILE)
    app = QApplication.instance()
    monkeypatch.setattr(ui.application, "create_application", lambda argv, language: app)

    def never(*args: object) -> int:
        raise AssertionError("a window was opened on a replaced store")

    monkeypatch.setattr(ui.application, "_run_window", never)
    dialogs.expect("critical", f"{counter_folder / STORE_FILE}: đây là kho hồ sơ")
    assert ui.application.run_counter_window() == EXIT_STORE
