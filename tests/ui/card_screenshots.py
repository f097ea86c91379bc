"""The card-data tab (Ctrl+7) at 1366×768, saved as PNG for docs/screenshots/ (both
languages): a morning's exchanges, one acknowledged, one rejected by the operator and ready
again with the reason, one exported and waiting for the operator's answer, one failing its
preflight (selected: its reasons under the list) and two ready, after the operator's answer
file was taken in.

Not collected with the tests (its name does not start with test_); run it on purpose,
with the window's other pictures:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/card_screenshots.py \
        -p no:cacheprovider
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.card.batches import export_batch
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.settings import save_settings
from camera.sources import FrameSource
from tests.accounts import SUPERVISOR
from tests.app.card.conftest import (  # noqa: F401 (a fixture)
    exchange_request,
    photo_record,
    receive_exchange,
)
from tests.db.conftest import EXAMPLES
from tests.ui.conftest import window_language
from tests.ui.screenshots import SIZE, _save
from ui.main_window import MainWindow
from ui.qt import Qt

MORNING = dt.datetime(2026, 11, 23, 8, 5)
NOON = dt.datetime(2026, 11, 23, 11, 30)
# The applicants of the morning: name, date of birth, citizen-ID number, class chosen.
APPLICANTS = (
    ("Nguyễn Văn An", "1980-05-04", "079080001234", "B"),
    ("Trần Thị Bích Ngọc", "1985-09-12", "079185004321", "C1"),
    ("Lê Hoàng Minh", "1979-02-28", "079079002468", "B"),
    ("Phạm Thu Hà", "1992-11-03", "079192007531", None),
    ("Võ Quốc Bảo", "1988-07-21", "079088003579", "C1"),
    ("Đặng Mỹ Linh", "1990-01-15", "079190008642", "B"),
)


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(request.param)) as chosen:
        yield chosen


def _request(name: str, born: str, number: str, chosen: str | None) -> Any:
    example = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    applicant = example["applicant"]
    applicant.update(full_name=name, date_of_birth=born)
    applicant["identity_document"]["number"] = number
    return exchange_request(
        applicant=applicant, class_choices={"B2": chosen} if chosen is not None else {}
    )


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    photo_record: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    language: str,
) -> Iterator[MainWindow]:
    """The counter at noon: the morning's batches made and the first answered."""
    session.settings = session.settings.with_value(
        "receiving_point", "252 Lý Chính Thắng, phường 9, quận 3"
    )
    save_settings(session.data_dir, session.settings)
    store, timetable = session.store, session.timetable()
    out = tmp_path / "batches"
    out.mkdir()
    codes = []
    for index, applicant in enumerate(APPLICANTS):
        at = MORNING + dt.timedelta(minutes=25 * index)
        received = receive_exchange(
            store, catalogue, timetable, photo_record, _request(*applicant), received_at=at
        )
        codes.append(received.dossier.code)
        if index == 1:  # the first batch: the first two
            export_batch(store, session.data_dir, session.settings, catalogue, SUPERVISOR, out, at)
        if index == 2:  # the second: the third, not answered yet
            export_batch(store, session.data_dir, session.settings, catalogue, SUPERVISOR, out, at)
    answers = tmp_path / "tra-loi-lo-1.csv"
    answers.write_text(
        f'{codes[0]},acknowledged,\n{codes[1]},rejected,"Ảnh chân dung bị mờ, cần chụp lại"\n',
        encoding="utf-8",
    )
    shown = MainWindow(catalogue, session, now=lambda: NOON, camera=camera)
    shown.card_data.choose_file = lambda _parent, _title, _filter: answers
    qtbot.addWidget(shown)
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def test_pictures_of_the_tab(qtbot: QtBot, window: MainWindow, language: str) -> None:
    page = window.card_data
    window.resize(*SIZE)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.table.rowCount() == len(APPLICANTS))
    # The operator's answer to the first batch, taken in with Ctrl+I.
    page.table.setFocus()
    with qtbot.waitSignal(window.operations.changed):
        qtbot.keyClick(page.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "acknowledged" in {line.state for line in page.rows})
    page.table.setCurrentCell([line.state for line in page.rows].index("failing"), 0)
    _save(window, language, "card-data")
