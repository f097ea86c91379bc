"""Today's dossiers by keyboard: find by passport and BM 02 reference, open, reprint, re-appoint."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import record_print, store_dossier
from app.dossier.checking import parse_request
from app.dossier.statuses import status_label
from app.dossier_queries import find_dossier
from app.papers import render_slip
from app.workdays.reappointment import ALREADY_REAPPOINTED
from tests.printing.papers import text_of
from tests.ui.conftest import MONDAY_0910, Dialogs, print_to_file, type_text
from ui.operations import Operations
from ui.qt import QApplication, Qt, QTableWidgetItem, QWidget
from ui.today_page import TodayPage

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _store(session: CounterSession, catalogue: Catalogue, data: dict[str, Any]) -> tuple[str, str]:
    """Receive a dossier as the receiving screen does; its id and code ("" when none)."""
    done = store_dossier(session, catalogue, parse_request(data), MONDAY_0910)
    receipt = done.result.receipt
    return receipt.dossier_id, receipt.code or ""


@pytest.fixture
def page(
    qtbot: QtBot, session: CounterSession, operations: Operations, catalogue: Catalogue
) -> Iterator[TodayPage]:
    shown = TodayPage(
        session,
        operations,
        lambda: MONDAY_0910.date(),
        catalogue=catalogue,
        now=lambda: MONDAY_0910,
    )
    qtbot.addWidget(shown)
    shown.resize(1280, 700)
    yield shown


def _show(qtbot: QtBot, page: TodayPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    _activate(qtbot, page)


def _activate(qtbot: QtBot, page: TodayPage) -> None:
    page.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier or Qt.KeyboardModifier.NoModifier)


def _search(qtbot: QtBot, page: TodayPage, text: str) -> None:
    """Type into the search box, as the officer or a scanner does, then Enter."""
    page.search.setFocus()
    page.search.clear()
    type_text(page.search, text)
    _key(qtbot, Qt.Key.Key_Return)


def _opened(qtbot: QtBot, page: TodayPage, dossier_id: str) -> None:
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.id == dossier_id)


def _item(page: TodayPage, row: int, column: int) -> QTableWidgetItem:
    item = page.table.item(row, column)
    assert item is not None
    return item


def _cells(page: TodayPage, row: int) -> list[str]:
    return [_item(page, row, column).text() for column in range(page.table.columnCount())]


def test_a_passport_number_finds_the_dossier_in_words(
    qtbot: QtBot, page: TodayPage, session: CounterSession, catalogue: Catalogue
) -> None:
    _store(session, catalogue, _example("doi-gtvt"))
    foreigner, code = _store(session, catalogue, _example("doi-nuoc-ngoai"))
    _show(qtbot, page)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    _search(qtbot, page, "m12345678")  # typed in lower case
    qtbot.waitUntil(lambda: [row.id for row in page.rows] == [foreigner])
    _opened(qtbot, page, foreigner)
    name = catalogue.procedure("doi-nuoc-ngoai").name
    accepted = status_label("accepted")
    assert _cells(page, 0) == ["09:10 23/11/2026", code, "Kim Min-jun", name, accepted]
    # The code is shown whole: its column is as wide as the code.
    assert page.table.columnWidth(1) >= page.table.fontMetrics().horizontalAdvance(code)
    assert _item(page, 0, 3).toolTip() == name
    assert name in page.detail.toPlainText()


def test_the_reference_on_bm02_finds_the_dossier(
    qtbot: QtBot, page: TodayPage, session: CounterSession, catalogue: Catalogue
) -> None:
    data = _example("doi-gtvt")
    del data["presented"]["giay-chung-nhan-suc-khoe"]
    sent_back, _ = _store(session, catalogue, data)
    bm02 = text_of(render_slip(session.store, sent_back, "bm02", session.settings).pdf)
    match = re.search(r"Mã tham chiếu hồ sơ: (\S+)", bm02)
    assert match is not None
    reference = match[1]
    _show(qtbot, page)
    for typed in (reference, reference.upper(), reference[-12:]):
        page.rows = []
        _search(qtbot, page, typed)
        qtbot.waitUntil(lambda: [row.id for row in page.rows] == [sent_back])
    _opened(qtbot, page, sent_back)
    assert page.complete.isEnabled()
    procedure = catalogue.procedure("doi-gtvt").name
    waiting = status_label("awaiting-supplement")
    assert _cells(page, 0)[1:] == ["—", "Nguyễn Văn An", procedure, waiting]


def test_enter_in_the_table_opens_the_dossier_and_tab_reaches_every_action(
    qtbot: QtBot, page: TodayPage, session: CounterSession, catalogue: Catalogue
) -> None:
    _store(session, catalogue, _example("doi-gtvt"))
    second, _ = _store(session, catalogue, _example("doi-nuoc-ngoai"))
    _show(qtbot, page)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2 and page.opened is not None)
    page.table.setFocus()
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    _opened(qtbot, page, second)
    assert QApplication.focusWidget() is page.detail
    # Every action's key is on its button, and Tab reaches every enabled one.
    for button, key in (
        (page.complete, "Ctrl+R"),
        (page.reprint, "Ctrl+P"),
        (page.reappoint, "Ctrl+H"),
        (page.apology, "Ctrl+Shift+H"),
    ):
        assert button.text().endswith(f"[{key}]"), button.text()
    reached: list[QWidget] = []
    page.search.setFocus()
    for _ in range(10):
        _key(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        reached.append(focus)
    assert page.table in reached and page.detail in reached
    assert page.reprint in reached and page.reappoint in reached


def test_reprint_from_a_scanned_code_records_a_second_print(
    qtbot: QtBot,
    page: TodayPage,
    session: CounterSession,
    catalogue: Catalogue,
    operations: Operations,
    tmp_path: Path,
) -> None:
    done = store_dossier(session, catalogue, parse_request(_example("doi-gtvt")), MONDAY_0910)
    code = done.result.receipt.code
    assert code is not None
    record_print(session, done.result.slip, MONDAY_0910)  # BM 01 printed at the counter
    _show(qtbot, page)
    qtbot.waitUntil(lambda: page.opened is not None)
    page.table.setFocus()  # the scanner types wherever the focus is: the search takes it
    for character in code:
        focus = QApplication.focusWidget()
        assert focus is not None
        type_text(focus, character)
    assert page.search.hasFocus() and page.search.text() == code
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [row.code for row in page.rows] == [code])
    qtbot.waitUntil(lambda: page.reprint.isEnabled())
    _key(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    with qtbot.waitSignal(operations.changed):  # the print is recorded on the worker
        printed = print_to_file(page.preview, tmp_path / "bm01.pdf")
    assert "BẢN IN LẠI (lần in thứ 2)" in printed
    assert f"Mã hồ sơ: {code}" in printed
    stored = find_dossier(session.store, code)
    assert stored is not None
    assert [(slip["kind"], slip["print_number"]) for slip in stored["slips"]] == [
        ("bm01", 1),
        ("bm01", 2),
    ]


def test_reappointment_once_then_refused_in_words(
    qtbot: QtBot,
    page: TodayPage,
    session: CounterSession,
    catalogue: Catalogue,
    operations: Operations,
    dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    dossier_id, code = _store(session, catalogue, _example("doi-gtvt"))
    _show(qtbot, page)
    _opened(qtbot, page, dossier_id)
    assert not page.apology.isEnabled()
    _key(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = page.reappoint_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.ok.isEnabled()  # the reason is required, and the dialog says so
    assert dialog.problem.text().startswith("Reason: required")
    qtbot.keyClicks(dialog.date, "04/12/2026")  # or a number of working days
    assert dialog.days.value() == 3 and dialog.new_due.text() == "09:10 04/12/2026"
    reason = "Chưa xác minh được giấy phép lái xe"
    type_text(dialog.reason, reason)
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(operations.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    with qtbot.waitSignal(operations.changed):
        printed = print_to_file(page.preview, tmp_path / "mau04.pdf")
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in printed
    assert "Thời gian hẹn trả kết quả mới: 09 giờ 10 phút, ngày 04 tháng 12 năm 2026" in printed
    stored = find_dossier(session.store, code)
    assert stored is not None and stored["reappointment"] is not None
    assert stored["reappointment"]["reason"] == reason
    assert stored["due_at"] == "2026-12-04T09:10"
    assert [(slip["kind"], slip["print_number"]) for slip in stored["slips"]] == [("mau04", 1)]

    # The second time: refused in words, and nothing asked or stored.
    _activate(qtbot, page)
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.reappointment is not None)
    assert page.apology.isEnabled()
    dialogs.expect("warning", ALREADY_REAPPOINTED(due="09:10 04/12/2026"))
    page.setFocus()
    _key(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.expected == [] and page.reappoint_dialog is dialog
    assert find_dossier(session.store, code) == stored
