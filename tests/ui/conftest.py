from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.counter import CounterSession
from app.settings import Settings, save_settings
from db.store import Store
from ui.print_preview import PrintPreviewDialog
from ui.qt import QMessageBox, QPrinter
from ui.worker import Worker

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)


def print_to_file(preview: PrintPreviewDialog, out: Path) -> str:
    """Print the preview as the officer would, onto a PDF-file printer; the paper's text.

    Qt prints the preview's page images, so the printout has no text layer: the
    text is read from the very PDF the preview shows, and the printout is
    checked to hold its pages.
    """
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    sheets = preview.print_to(printer)
    paper = out.with_suffix(".paper.pdf")
    paper.write_bytes(preview.pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True)
    pages = next(row.split()[-1] for row in info.stdout.splitlines() if row.startswith("Pages:"))
    assert sheets >= 1 and int(pages) == sheets
    command = ["pdftotext", "-layout", str(paper), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


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
    settings = (
        Settings.defaults()
        .with_value("agency_code", "000.17.22.H56")
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
    )
    save_settings(tmp_path, settings)
    store = Store.in_data_dir(tmp_path)
    yield CounterSession(tmp_path, settings, "Nguyễn Thị Hoa", store)
    store.close()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()
