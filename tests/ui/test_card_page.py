"""The card-data tab (Ctrl+7), by keyboard, on a real store: which records are ready and
which fail (and why), a batch exported to a folder and checked on disk, the operator's
answers taken in (a rejected record back on the list with the reason), a batch verified,
and an officer's "export again" approved by a supervisor.

The exchanges are received into the session's store with a portrait through the real
capture path (``tests.app.card.conftest``); the folder and the answer file the officer
would pick in a file dialog are put in the page's ``choose_folder`` / ``choose_file``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.audit import show_trail
from app.catalogue.model import Catalogue, PhotoBackground
from app.counter import CounterSession
from app.counter_ops import store_dossier
from app.settings import save_settings
from camera.analysis import analyse_photo
from camera.capture import AcceptedPhoto, accept, capture
from camera.sources import FrameSource
from db.audit import AuditAction
from tests.accounts import OFFICER, PASSWORDS, SUPERVISOR
from tests.app.card.conftest import (  # noqa: F401 (the fixtures)
    exchange_request,
    photo_record,
    receive_exchange,
)
from tests.camera.portraits import compose
from tests.ui.conftest import MONDAY_0910, type_text
from ui.approval import Approvals
from ui.card_page import ACKNOWLEDGED, BATCH, EXPORTED, REASON, STATE, CardPage
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.qt import QApplication, Qt, QWidget

AN_HOUR_LATER = MONDAY_0910 + dt.timedelta(hours=1)
RELEASE_REASON = "Thẻ in sai, in lại"
RECEIVING_POINT = "252 Lý Chính Thắng, phường 9, quận 3"


@pytest.fixture
def codes(
    session: CounterSession,
    catalogue: Catalogue,
    photo_record: dict[str, Any],  # noqa: F811
) -> list[str]:
    """Three exchanges with their photos: B2 → B, B2 → C1, and one whose request does not
    say which (Law 36/2024 art. 89(3) allows both): that one fails its preflight. The
    counter's receiving point is set (a batch is named by it)."""
    session.settings = session.settings.with_value("receiving_point", RECEIVING_POINT)
    save_settings(session.data_dir, session.settings)
    received = []
    for minutes, choice in enumerate(({"B2": "B"}, {"B2": "C1"}, {})):
        done = receive_exchange(
            session.store,
            catalogue,
            session.timetable(),
            photo_record,
            exchange_request(class_choices=choice),
            received_at=MONDAY_0910 + dt.timedelta(minutes=minutes),
        )
        assert done.dossier.code is not None
        received.append(done.dossier.code)
    return received


@pytest.fixture
def page(
    qtbot: QtBot,
    session: CounterSession,
    operations: Operations,
    catalogue: Catalogue,
    codes: list[str],
    tmp_path: Path,
) -> Iterator[CardPage]:
    """The page with the window's approver, shown and active, its records read."""
    operations.approver = Approvals(session, operations, lambda: AN_HOUR_LATER)
    shown = CardPage(session, operations, catalogue, now=lambda: AN_HOUR_LATER)
    out = tmp_path / "batches"
    out.mkdir()
    shown.choose_folder = lambda _parent, _title: out
    qtbot.addWidget(shown)
    shown.resize(1280, 700)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    qtbot.waitUntil(lambda: shown.table.rowCount() == len(codes))
    yield shown


def _press(qtbot: QtBot, page: CardPage, key: Qt.Key, shift: bool = False) -> None:
    """A key of the page, pressed as the officer does it: the focus in its list."""
    page.activateWindow()  # back from a dialog (offscreen, nobody hands the focus back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, key, modifiers)


def _cell(page: CardPage, code: str, column: int) -> str:
    """The text of the row whose code is ``code``, in ``column``, as the table shows it."""
    row = [_text(page, row, 0) for row in range(page.table.rowCount())].index(code)
    return _text(page, row, column)


def _text(page: CardPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    return item.text() if item is not None else ""


def _select(page: CardPage, code: str) -> None:
    row = [line.code for line in page.rows].index(code)
    page.table.setCurrentCell(row, 0)


def _export(qtbot: QtBot, page: CardPage, operations: Operations) -> Path:
    """Ctrl+E: the ready records as one batch in the folder chosen; the batch's folder."""
    _press(qtbot, page, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: page.said.isVisible())
    assert page.said.styleSheet() == "", page.said.text()  # not a refusal
    out = page.choose_folder(page, "")
    assert out is not None
    (batch,) = out.iterdir()
    return batch


def test_the_list_shows_ready_and_failing_records_with_the_reasons(
    qtbot: QtBot, page: CardPage, codes: list[str], catalogue: Catalogue
) -> None:
    first, second, no_choice = codes
    assert _cell(page, first, STATE) == page.state_name("ready")
    assert _cell(page, second, STATE) == page.state_name("ready")
    assert _cell(page, first, 2) == catalogue.procedures["doi-gtvt"].name
    assert _cell(page, first, 3) == "09:10 23/11/2026"
    # The failing one says why on its row, in its tooltip, and whole under the list.
    assert _cell(page, no_choice, STATE) == page.state_name("failing")
    reason = _cell(page, no_choice, REASON)
    assert "B2" in reason and "C1" in reason
    row = [line.code for line in page.rows].index(no_choice)
    item = page.table.item(row, REASON)
    assert item is not None and "C1" in item.toolTip()
    assert item.foreground().color().name() == "#c62828"
    _select(page, no_choice)
    assert no_choice in page.details.text() and "C1" in page.details.text()
    assert "3" in page.summary.text()
    # The filter: the failing one alone, then the ready ones.
    page.filter.setCurrentIndex(page.filter.findData("failing"))
    assert [line.code for line in page.rows] == [no_choice]
    page.filter.setCurrentIndex(page.filter.findData("ready"))
    assert [line.code for line in page.rows] == [first, second]
    # The day typed, read with Enter: another day has none of them; a wrong one is said.
    page.filter.setCurrentIndex(0)
    page.day.setFocus()
    type_text(page.day, "24.11.26")
    qtbot.keyClick(page.day, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    page.day.clear()
    type_text(page.day, "31/11/2026")
    qtbot.keyClick(page.day, Qt.Key.Key_Return)
    assert "31/11/2026" in page.said.text() and page.said.isVisible()
    page.day.clear()
    type_text(page.day, "23/11/2026")
    qtbot.keyClick(page.day, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == len(codes))
    assert not page.said.isVisible()  # the refusal answered


def test_a_batch_is_exported_by_keyboard_then_verified(
    qtbot: QtBot, page: CardPage, operations: Operations, codes: list[str]
) -> None:
    first, second, no_choice = codes
    batch = _export(qtbot, page, operations)
    # On disk: the batch folder with the two ready records and their photos.
    assert batch.name.startswith("GPLX_000.17.22.H56_20261123_")
    records = json.loads((batch / "data" / "records.json").read_text(encoding="utf-8"))
    assert [record["dossier_code"] for record in records] == [first, second]
    photos = {photo.name for photo in (batch / "data" / "photos").iterdir()}
    assert photos == {f"{first}.jpg", f"{second}.jpg"}
    assert (batch / "tagmanifest-sha256.txt.sig").is_file()
    # Said: the batch, its count, and what was left out and why.
    said = page.said.text()
    assert batch.name in said and "2" in said and no_choice in said and "C1" in said
    # The list reads afresh: the two are exported in the batch, the third still fails.
    exported = page.state_name(EXPORTED)
    qtbot.waitUntil(lambda: _cell(page, first, STATE) == exported)
    assert _cell(page, second, STATE) == exported
    assert _cell(page, first, BATCH) == batch.name
    assert _cell(page, no_choice, STATE) == page.state_name("failing")

    # Nothing ready is left: Ctrl+E says so and asks for no folder.
    asked: list[str] = []

    def no_folder(_parent: QWidget, title: str) -> Path | None:
        asked.append(title)
        return None

    page.choose_folder = no_folder
    _press(qtbot, page, Qt.Key.Key_E)
    assert asked == [] and page.said.text() != said

    # Verified by keyboard (Ctrl+Shift+V): whole; then a photo byte changed is named.
    page.choose_folder = lambda _parent, _title: batch
    nothing_ready = page.said.text()
    _press(qtbot, page, Qt.Key.Key_V, shift=True)
    qtbot.waitUntil(lambda: page.said.text() != nothing_ready)
    assert batch.name in page.said.text() and page.said.styleSheet() == ""
    whole = page.said.text()
    photo = batch / "data" / "photos" / f"{first}.jpg"
    content = bytearray(photo.read_bytes())
    content[len(content) // 2] ^= 0x01
    photo.write_bytes(bytes(content))
    _press(qtbot, page, Qt.Key.Key_V, shift=True)
    qtbot.waitUntil(lambda: page.said.text() != whole)
    assert photo.name in page.said.text()


def test_the_operators_answers_acknowledge_one_and_send_one_back(
    qtbot: QtBot,
    page: CardPage,
    operations: Operations,
    codes: list[str],
    tmp_path: Path,
) -> None:
    first, second, _no_choice = codes
    batch = _export(qtbot, page, operations)
    answers = tmp_path / "tra-loi.csv"
    answers.write_text(
        f"code,result,reason\n{first},acknowledged,\n{second},rejected,Ảnh bị mờ\n",
        encoding="utf-8-sig",
    )
    page.choose_file = lambda _parent, _title, _filter: answers
    with qtbot.waitSignal(operations.changed):
        _press(qtbot, page, Qt.Key.Key_I)
    said = page.said.text()
    assert batch.name in said and second in said
    qtbot.waitUntil(lambda: _cell(page, first, STATE) == page.state_name(ACKNOWLEDGED))
    # The rejected one is back on the list, ready, with the operator's reason.
    assert _cell(page, second, STATE) == page.state_name("ready")
    assert _cell(page, second, REASON) == "Ảnh bị mờ"
    _select(page, second)
    assert "Ảnh bị mờ" in page.details.text() and batch.name in page.details.text()
    # A file that is not an answer file is refused, naming the line; nothing recorded.
    answers.write_text(f"{first}\n", encoding="utf-8")
    before = said
    _press(qtbot, page, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: page.said.text() != before)
    assert "tra-loi.csv" in page.said.text()
    assert _cell(page, first, STATE) == page.state_name(ACKNOWLEDGED)


def test_an_officer_exports_a_record_again_once_a_supervisor_approves(
    qtbot: QtBot,
    page: CardPage,
    operations: Operations,
    session: CounterSession,
    codes: list[str],
) -> None:
    first = codes[0]
    _export(qtbot, page, operations)
    qtbot.waitUntil(lambda: _cell(page, first, STATE) == page.state_name(EXPORTED))
    session.officer = OFFICER
    _select(page, first)
    assert page.again_button.isEnabled()
    _press(qtbot, page, Qt.Key.Key_E, shift=True)
    dialog = page.release_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as the window manager does it (offscreen, nobody does)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not dialog.ok.isEnabled()  # a reason is required
    type_text(dialog.reason, RELEASE_REASON)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    approvals = operations.approver
    assert isinstance(approvals, Approvals)
    qtbot.waitUntil(lambda: approvals.dialog is not None)
    approval = approvals.dialog
    assert approval is not None
    qtbot.waitExposed(approval)
    type_text(approval.login, SUPERVISOR.login)
    type_text(approval.password, PASSWORDS[SUPERVISOR.login])
    with qtbot.waitSignal(operations.changed):
        qtbot.keyClick(approval.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: _cell(page, first, STATE) == page.state_name("ready"))
    assert _cell(page, first, REASON) == RELEASE_REASON
    assert first in page.said.text()
    # Recorded as the officer's, with the supervisor's approval.
    records = [
        json.loads(row.subject_json) | {"actor": row.actor}
        for row in show_trail(session.store, action=AuditAction.CARD_RELEASE)
    ]
    assert len(records) == 1
    assert records[0]["actor"] == OFFICER.login and records[0]["approved_by"] == SUPERVISOR.login


def test_enter_on_a_row_opens_the_dossiers_details(
    qtbot: QtBot, page: CardPage, codes: list[str], catalogue: Catalogue
) -> None:
    _select(page, codes[1])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.list_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    name = catalogue.procedures["doi-gtvt"].name
    qtbot.waitUntil(lambda: name in dialog.detail.toPlainText())
    assert codes[1] in dialog.detail.toPlainText()
    dialog.reject()


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    codes: list[str],
) -> Iterator[MainWindow]:
    shown = MainWindow(catalogue, session, now=lambda: AN_HOUR_LATER, camera=camera)
    qtbot.addWidget(shown)
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def test_ctrl_7_shows_the_tab_and_a_new_exchange_appears_on_it(
    qtbot: QtBot,
    window: MainWindow,
    session: CounterSession,
    catalogue: Catalogue,
    codes: list[str],
) -> None:
    page = window.card_data
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.table.rowCount() == len(codes))
    # An exchange accepted at the counter (with its photo) is on the list once stored.
    frame = compose()
    photo: AcceptedPhoto = accept(
        capture(frame, analyse_photo(frame, PhotoBackground.BLUE)), officer_confirmed=True
    )
    request = exchange_request(class_choices={"B2": "B"})
    at = MONDAY_0910 + dt.timedelta(minutes=30)
    with qtbot.waitSignal(window.operations.changed):
        window.operations.change(
            window, lambda: store_dossier(session, catalogue, request, at, photo=photo)
        )
    qtbot.waitUntil(lambda: page.table.rowCount() == len(codes) + 1)
    assert page.rows[-1].state == "ready"
