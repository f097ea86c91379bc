"""About motcua (F1): what support asks first, the same facts ``motcua --version`` prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.about import program_version
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from db.migrate import head_revision
from db.store import STORE_FILE
from ui.about_dialog import AboutDialog
from ui.main_window import MainWindow
from ui.qt import QApplication, QGuiApplication, Qt


def test_f1_shows_the_version_catalogue_store_revision_and_data_folder(
    qtbot: QtBot, window: MainWindow, session: CounterSession, catalogue: Catalogue
) -> None:
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible())
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    shown = [label.text() for label in dialog.fact_labels]
    store = session.data_dir / STORE_FILE
    assert shown == [
        f"motcua {program_version()}",
        f"Danh mục thủ tục đang áp dụng: {catalogue.version} (mã nội dung {catalogue.short_hash})",
        f"Kho hồ sơ: {store}, phiên bản lược đồ {head_revision()}",
        f"Thư mục dữ liệu: {session.data_dir}",
    ]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "\n".join(shown)
    dialog.reject()
    assert not dialog.isVisible()


def test_the_command_line_prints_the_same_facts(session: CounterSession) -> None:
    """``motcua --version`` for the same data folder: the store's revision read, not migrated."""
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"MOTCUA_DATA_DIR": str(session.data_dir), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"motcua {program_version()}"
    assert lines[1].startswith("Danh mục thủ tục đang áp dụng: qd-4225-2021 (mã nội dung ")
    assert lines[2:] == [
        f"Kho hồ sơ: {session.data_dir / STORE_FILE}, phiên bản lược đồ {head_revision()}",
        f"Thư mục dữ liệu: {session.data_dir}",
    ]


def test_a_folder_without_a_store_yet(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"MOTCUA_DATA_DIR": str(folder), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Kho hồ sơ: chưa có (tạo khi chương trình mở lần đầu)" in done.stdout
    assert not folder.exists()  # asking creates nothing
