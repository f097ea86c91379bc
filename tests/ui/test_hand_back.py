"""Handing results back in the window (issue 14): forward the day's dossiers with the
hand-over list, take the processing unit's results in by scanning, hand a result back
to the applicant (the keys counted), to a proxy, by post; each refusal in place with the
cursor on the field to fix; the results due soon and a re-appointment with Mẫu 04."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import store_dossier
from app.dossier.checking import parse_request
from app.dossier_queries import dossiers_received_on
from app.dossier_status import ReturnMethod, Status
from app.settings import Settings
from app.status_changes import forward, history, result_ready, withdraw
from camera.sources import FrameSource
from db.audit import Station, identify_station
from db.central.statuses import set_status
from db.store import Store
from db.sync.round import sync_round
from tests.accounts import OFFICER, SUPERVISOR
from tests.central.conftest import (  # the central database's fixtures, for the last test
    AGENCY,
    Central,
    central,  # noqa: F401
    counter_store,
    postgres_admin,  # noqa: F401
)
from tests.central.workload import counter_day
from tests.db.workers import DAY
from tests.ui.conftest import CARD_QR, MONDAY_0910, print_to_file, type_text, window_language
from tests.ui.test_keyboard import _tab_stops
from ui.hand_back_page import HandBackPage
from ui.late_results_page import LateResultsPage
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.qt import QApplication, QLineEdit, QPoint, QRect, Qt, QWidget

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
POINT = "Điểm tiếp nhận 252 Lý Chính Thắng"
FORWARDED_AT = dt.datetime(2026, 11, 23, 14, 0)
READY_AT = dt.datetime(2026, 11, 26, 10, 0)
NOW = dt.datetime(2026, 11, 26, 10, 30)  # the officer at the counter, hand-over time
APPLICANT_ID = "079080001234"  # the doi-gtvt example's applicant, as on CARD_QR
MOST_KEYS = 5  # issue 14: a ready dossier handed to the applicant, beyond the scans
KEY_COUNTS: dict[str, int] = {}


def _example(name: str = "doi-gtvt") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def at_point(session: CounterSession) -> CounterSession:
    """The counter of a named receiving point."""
    session.settings = session.settings.with_value("receiving_point", POINT)
    return session


def _received(
    session: CounterSession, catalogue: Catalogue, name: str = "doi-gtvt"
) -> tuple[str, str]:
    """A dossier accepted on Monday 09:10; its id and code."""
    done = store_dossier(session, catalogue, parse_request(_example(name)), MONDAY_0910)
    receipt = done.result.receipt
    assert receipt.code is not None
    return receipt.dossier_id, receipt.code


def _ready(session: CounterSession, catalogue: Catalogue, name: str = "doi-gtvt") -> str:
    """A dossier received, forwarded and back from the processing unit: its code."""
    _id, code = _received(session, catalogue, name)
    forward(session.store, [code], session.officer, FORWARDED_AT)
    result_ready(session.store, code, session.officer, READY_AT)
    return code


def _status(session: CounterSession, code: str) -> Status:
    latest = history(session.store, code).latest
    return Status.RECEIVED if latest is None else Status(latest.status)


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    at_point: CounterSession,
    camera: Callable[[int], FrameSource],
) -> Iterator[MainWindow]:
    shown = MainWindow(catalogue, at_point, now=lambda: NOW, camera=camera)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    _activate(qtbot, shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


class Officer:
    """Presses keys where the focus is, counting them; scans (the scanner's text and its
    Enter) are not counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.keys = 0
        self.log: list[str] = []

    @staticmethod
    def focus() -> QWidget:
        focus = QApplication.focusWidget()
        assert focus is not None
        return focus

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.log.append(f"{key.name}@{self.focus().objectName()}")
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.keys += 1

    def scan(self, text: str) -> None:
        """A handheld scanner reads a code: its text, then Enter."""
        focus = self.focus()
        assert isinstance(focus, QLineEdit), focus
        focus.clear()
        type_text(focus, text)
        self.qtbot.keyClick(focus, Qt.Key.Key_Return)


def _type(line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.clear()
    type_text(line, text)


def _scan_dossier(qtbot: QtBot, page: HandBackPage, text: str) -> None:
    page.search.setFocus()
    page.search.clear()
    type_text(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.loaded is not None or bool(page.message.text()))


def _press_f9(qtbot: QtBot) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_F9)


def _hand_back_tab(qtbot: QtBot, window: MainWindow, officer: Officer) -> HandBackPage:
    officer.press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.hand_back
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
    return page


def test_a_ready_result_handed_to_the_applicant_in_five_keys_or_fewer(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    code = _ready(at_point, catalogue)
    officer = Officer(qtbot)
    page = _hand_back_tab(qtbot, window, officer)
    officer.scan(code)  # BM 01's barcode
    qtbot.waitUntil(lambda: page.loaded is not None)
    detail = page.detail.toPlainText()
    assert code in detail and "Nguyễn Văn An" in detail
    assert "Giấy phép lái xe (vật liệu PET)" in detail  # the result to hand back
    assert page.originals.count() == 1  # the old licence, handed back unless unticked
    assert "(bản chính)" in page.originals.item(0).text()
    assert "có kết quả" in detail and page.hand_over_action.isEnabled()
    assert officer.focus() is page.id_number  # ready: straight to the collector's card
    officer.scan(CARD_QR)
    assert page.id_number.text() == APPLICANT_ID
    assert "the applicant" in page.card_note.text()
    officer.press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "receipt.pdf")
    officer.keys += 1  # Enter on the preview's Print button
    assert "PHIẾU GIAO NHẬN KẾT QUẢ" in printed.upper()
    assert code in printed and "Nguyễn Văn An" in printed
    assert _status(at_point, code) is Status.RETURNED
    latest = history(at_point.store, code).latest
    assert latest is not None
    details = json.loads(latest.details_json)
    assert details["method"] == ReturnMethod.IN_PERSON
    assert details["collector"]["id_number"] == APPLICANT_ID
    assert details["collector"]["read_by"] == "qr"
    assert details["bm01"]["presented"] is True
    KEY_COUNTS["applicant"] = officer.keys
    print(
        f"\nkeys beyond the scans, a ready result to the applicant: {officer.keys}: {officer.log}"
    )
    assert officer.keys <= MOST_KEYS, officer.log
    # The screen is ready for the next applicant.
    assert page.loaded is None and code in page.message.text()


def test_forward_then_scan_the_results_in(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    _id, first = _received(at_point, catalogue)
    _id, second = _received(at_point, catalogue, "idp-cap")
    officer = Officer(qtbot)
    officer.press(
        Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.forward_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.rows) == 2)
    codes = {dialog.table.item(row, 0).text() for row in range(2)}  # type: ignore[union-attr]
    assert codes == {first, second}
    assert "2" in dialog.summary.text()
    qtbot.waitUntil(dialog.mark.isEnabled)
    _activate(qtbot, dialog)
    officer.press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.preview is not None
    printed = print_to_file(dialog.preview, tmp_path / "handover-list.pdf")
    assert "DANH SÁCH BÀN GIAO HỒ SƠ" in printed.upper()
    assert first in printed and second in printed
    assert _status(at_point, first) is _status(at_point, second) is Status.FORWARDED
    qtbot.waitUntil(lambda: dialog.rows == [])  # nothing left to forward
    dialog.reject()

    # The applicant is early: the hand-back screen says the result is not ready yet.
    _activate(qtbot, window)
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, first)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert "chưa có kết quả" in page.message.text()
    assert not page.hand_over_action.isEnabled()

    # The processing unit brings the first result back; a stranger's code is among the cards.
    _id, third = _received(at_point, catalogue, "gv-cap")  # received, never forwarded
    officer.press(
        Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    results = window.results_in_dialog
    assert results is not None
    qtbot.waitExposed(results)
    _activate(qtbot, results)
    assert officer.focus() is results.scan
    stranger = first[:-4] + "9999"
    for scanned in (first.lower(), stranger, third):
        officer.scan(scanned)
    qtbot.waitUntil(lambda: len(results.codes) + len(results.refused) == 3)
    assert results.codes == [first]
    assert results.refused == [stranger, third]
    problems = [results.problems.item(i).text() for i in range(results.problems.count())]
    assert stranger in problems[0] and "không phải mã hồ sơ của điểm tiếp nhận này" in problems[0]
    assert third in problems[1] and "đã tiếp nhận" in problems[1]
    assert "1" in results.count.text() and "2" in results.count.text()
    assert _status(at_point, first) is Status.RESULT_READY
    assert _status(at_point, third) is Status.RECEIVED
    results.reject()
    # The screen behind read the dossier again: it can be handed over now.
    qtbot.waitUntil(page.hand_over_action.isEnabled)
    assert page.loaded is not None and page.loaded.status is Status.RESULT_READY


def test_refusals_are_said_in_place_with_the_cursor_on_the_field_to_fix(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    # Not ready yet: the due date is shown at once, nothing to hand over.
    _id, waiting = _received(at_point, catalogue, "idp-cap")
    forward(at_point.store, [waiting], at_point.officer, FORWARDED_AT)
    _scan_dossier(qtbot, page, waiting)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert "chưa có kết quả" in page.message.text() and "hẹn trả lúc" in page.message.text()
    assert not page.hand_over_action.isEnabled()
    assert QApplication.focusWidget() is page.search

    # Ready, but the card read is not the applicant's and no proxy is recorded.
    code = _ready(at_point, catalogue)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None and page.hand_over_action.isEnabled())
    _type(page.id_number, "079099009999")
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "không phải của người nộp" in page.message.text())
    assert QApplication.focusWidget() is page.id_number
    assert _status(at_point, code) is Status.RESULT_READY

    # Then it is a proxy: without the authorisation, refused, the cursor on it.
    page.method.setCurrentIndex(page.method.findData(str(ReturnMethod.PROXY)))
    _type(page.proxy_name, "Trần Thị Bình")
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "cần họ tên" in page.message.text())
    assert QApplication.focusWidget() is page.authorisation
    _type(page.authorisation, "UQ-15/2026")
    _type(page.authorisation_date, "20/11/2026")
    page.certified.setChecked(True)
    # The old licence is kept (unticked with Space): the reason is asked for.
    assert page.kept_reason.isHidden()
    page.originals.setFocus()
    page.originals.setCurrentRow(0)
    qtbot.keyClick(page.originals, Qt.Key.Key_Space)
    assert page.kept_reason.isVisible()
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "Originals kept" in page.message.text())
    assert QApplication.focusWidget() is page.kept_reason
    _type(page.kept_reason, "Giữ lại để đối chiếu với hồ sơ gốc")
    # BM 01 lost: the reason is asked for first.
    page.bm01.setChecked(False)
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "BM 01" in page.message.text() and "lý do" in page.message.text())
    assert QApplication.focusWidget() is page.lost_reason
    _type(page.lost_reason, "Mất giấy tiếp nhận")
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "proxy.pdf")
    assert "Trần Thị Bình" in printed and "UQ-15/2026" in printed
    details = json.loads(history(at_point.store, code).changes[-1].details_json)
    assert details["proxy"] == {"reference": "UQ-15/2026", "dated": "2026-11-20", "certified": True}
    assert details["bm01"] == {"presented": False, "lost_reason": "Mất giấy tiếp nhận"}
    [kept] = details["originals"]
    assert kept["handed_back"] is False
    assert kept["kept_reason"] == "Giữ lại để đối chiếu với hồ sơ gốc"
    assert "Lưu tại cơ quan: Giữ lại để" in printed  # the reason, in its column
    page.preview.reject()

    # Handed over already: when, to whom, where.
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None)
    message = page.message.text()
    assert "đã được trả lúc 10:30 26/11/2026 cho Trần Thị Bình" in message and POINT in message
    assert not page.hand_over_action.isEnabled()

    # Withdrawn by the applicant.
    _id, gone = _received(at_point, catalogue, "gv-cap")
    withdraw(at_point.store, gone, at_point.officer, FORWARDED_AT)
    _scan_dossier(qtbot, page, gone)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert "đã được người nộp rút lúc 14:00 23/11/2026" in page.message.text()

    # Another receiving point's dossier: said which.
    other = _ready(at_point, catalogue, "idp-cap-lai")
    at_point.settings = at_point.settings.with_value("receiving_point", "Điểm tiếp nhận số 2")
    _scan_dossier(qtbot, page, other)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert f"được tiếp nhận tại {POINT}" in page.message.text()
    assert not page.hand_over_action.isEnabled()


def test_by_post_prints_the_phieu_gui_with_the_originals(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    code = _ready(at_point, catalogue)
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None and page.hand_over_action.isEnabled())
    page.method.setCurrentIndex(page.method.findData(str(ReturnMethod.POST)))
    assert page.recipient.text() == "Nguyễn Văn An"  # the applicant, to change if another
    _type(page.address, "12 Lý Tự Trọng, phường Bến Nghé, Thành phố Hồ Chí Minh")
    _type(page.service, "VNPost")
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "bưu chính" in page.message.text())
    assert QApplication.focusWidget() is page.item_number  # the one still missing
    _type(page.item_number, "EB123456789VN")
    _type(page.phone, "0903123456")
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "post.pdf")
    assert "PHIẾU GỬI HỒ SƠ" in printed.upper()
    assert "EB123456789VN" in printed and "VNPost" in printed
    assert "(bản chính)" in printed  # the old licence, listed on its own line
    assert _status(at_point, code) is Status.RETURNED


def test_a_receipt_that_cannot_be_made_leaves_the_hand_over_stored(
    qtbot: QtBot, window: MainWindow, at_point: CounterSession, catalogue: Catalogue
) -> None:
    code = _ready(at_point, catalogue)
    at_point.settings = at_point.settings.with_value("agency_name", "")  # no paper without it
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None and page.hand_over_action.isEnabled())
    type_text(page.id_number, APPLICANT_ID)
    _press_f9(qtbot)
    qtbot.waitUntil(lambda: "could not be made" in page.message.text())
    assert "agency_name" in page.message.text() and page.preview is None
    assert _status(at_point, code) is Status.RETURNED


def test_results_set_ready_at_the_centre_are_told_on_the_hand_back_screen(
    qtbot: QtBot, window: MainWindow, at_point: CounterSession, catalogue: Catalogue
) -> None:
    """A sync round pulled results the processing unit set at the centre (here stored as
    the pull stores them): the window names them, and the dossier on screen is ready."""
    _id, code = _received(at_point, catalogue)
    forward(at_point.store, [code], at_point.officer, FORWARDED_AT)
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert not page.hand_over_action.isEnabled()
    result_ready(at_point.store, code, at_point.officer, READY_AT)
    window.tell_became_ready((code,))
    assert page.ready_note.isVisible() and code in page.ready_note.text()
    qtbot.waitUntil(page.hand_over_action.isEnabled)


def test_signing_out_leaves_no_applicant_on_the_hand_back_screen(
    qtbot: QtBot, window: MainWindow, at_point: CounterSession, catalogue: Catalogue
) -> None:
    code = _ready(at_point, catalogue)
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None)
    type_text(page.id_number, CARD_QR)
    window.sign_out()
    assert page.loaded is None and page.search.text() == "" and page.id_number.text() == ""
    assert "Nguyễn Văn An" not in page.detail.toPlainText()


def test_an_id_number_lists_the_applicants_dossiers_to_choose_from(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
) -> None:
    older = _ready(at_point, catalogue)
    _id, newer = _received(at_point, catalogue)
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    page.search.setFocus()
    type_text(page.search, APPLICANT_ID)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.choices.count() == 2)
    assert QApplication.focusWidget() is page.choices
    lines = [page.choices.item(row).text() for row in range(2)]
    assert {newer, older} == {line.split()[0] for line in lines}
    assert any(older in line and "có kết quả" in line for line in lines)
    if older not in lines[0]:
        qtbot.keyClick(page.choices, Qt.Key.Key_Down)
    qtbot.keyClick(page.choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.loaded is not None)
    assert page.loaded is not None and page.loaded.dossier.code == older
    assert page.choices.isHidden() and page.hand_over_action.isEnabled()


def test_results_due_soon_and_a_reappointment_with_mau_04(
    qtbot: QtBot,
    at_point: CounterSession,
    operations: Operations,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    _id, code = _received(at_point, catalogue)
    forward(at_point.store, [code], at_point.officer, FORWARDED_AT)
    dossier = history(at_point.store, code).dossier
    assert dossier.due_at is not None
    day_before = dossier.due_at - dt.timedelta(days=1)
    page = LateResultsPage(at_point, operations, catalogue, lambda: day_before)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    qtbot.waitExposed(page)
    _activate(qtbot, page)
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.table.item(0, 1).text() == code  # type: ignore[union-attr]
    assert "đã chuyển xử lý" in page.table.item(0, 4).text()  # type: ignore[union-attr]
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.reappoint_dialog is not None)
    dialog = page.reappoint_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_text(dialog.reason, "Chờ xác minh giấy phép với cơ quan cấp")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "mau04.pdf")
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in printed.upper()
    assert "Chờ xác minh giấy phép với cơ quan cấp" in printed
    qtbot.waitUntil(lambda: page.rows == [] or page.rows[0].dossier.reappointment is not None)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("method", list(ReturnMethod))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_hand_back_screen_fits_the_counter_screen(
    qtbot: QtBot,
    catalogue: Catalogue,
    at_point: CounterSession,
    camera: Callable[[int], FrameSource],
    method: ReturnMethod,
    width: int,
    height: int,
    language: str,
) -> None:
    """At 1366×768 and 1280×720 (also 1920×1080 at 150 %: run with QT_SCALE_FACTOR=1.5),
    in both languages, each way of handing back has every control inside the window."""
    with window_language(language):
        shown = MainWindow(catalogue, at_point, now=lambda: NOW, camera=camera)
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitExposed(shown)
        try:
            _fits(qtbot, shown, at_point, catalogue, method, width, height)
        finally:
            shown.reception.photo_panel.shutdown()
            shown.worker.stop()


def _fits(
    qtbot: QtBot,
    window: MainWindow,
    at_point: CounterSession,
    catalogue: Catalogue,
    method: ReturnMethod,
    width: int,
    height: int,
) -> None:
    code = _ready(at_point, catalogue)
    page = window.hand_back
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.tabs.setCurrentWidget(page)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None)
    page.method.setCurrentIndex(page.method.findData(str(method)))
    page.bm01.setChecked(False)
    page.originals.item(0).setCheckState(Qt.CheckState.Unchecked)
    window.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()
    least = window.minimumSizeHint()
    assert least.width() <= width and least.height() <= height, least
    needed: list[QWidget] = [
        page.search,
        page.results_in,
        page.forward,
        page.method,
        page.bm01,
        page.lost_reason,
        page.originals,
        page.kept_reason,
        page.hand_over_button,
        page.detail,
    ]
    if method is ReturnMethod.POST:
        needed += [page.recipient, page.address, page.phone, page.service, page.item_number]
    else:
        needed += [page.id_number]
    if method is ReturnMethod.PROXY:
        needed += [page.proxy_name, page.authorisation, page.authorisation_date, page.certified]
    bad = []
    for widget in needed:
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        clipped = widget.visibleRegion().boundingRect() != widget.rect()
        squeezed = widget.height() < (widget.minimumHeight() or widget.minimumSizeHint().height())
        if not widget.isVisible() or not window.rect().contains(where) or clipped or squeezed:
            bad.append(widget.objectName())
    assert bad == []
    # Every control is reached by Tab from the search box (the detail is read, not typed in).
    stops = _tab_stops(page.search, backwards=False)
    assert [w.objectName() for w in needed[1:] if w is not page.detail and w not in stops] == []


def test_the_forward_and_results_dialogs_fit_a_1280x720_screen(
    qtbot: QtBot, window: MainWindow, at_point: CounterSession, catalogue: Catalogue
) -> None:
    for _ in range(12):
        _received(at_point, catalogue)
    window.forward_action.trigger()
    window.results_in_action.trigger()
    forwarding, results = window.forward_dialog, window.results_in_dialog
    assert forwarding is not None and results is not None
    qtbot.waitUntil(lambda: len(forwarding.rows) == 12)
    for dialog in (forwarding, results):
        qtbot.waitExposed(dialog)
        least, size = dialog.minimumSizeHint(), dialog.size()
        # With room for a title bar and a task bar on a 1280×720 screen.
        assert least.width() <= 1240 and least.height() <= 660, (dialog, least)
        assert size.width() <= 1240 and size.height() <= 660, (dialog, size)
        dialog.reject()


def test_a_code_another_counter_of_the_point_received_is_fetched_from_the_centre(
    qtbot: QtBot,
    central: Central,  # noqa: F811 (the fixture)
    operations: Operations,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    """The applicant comes back to counter 2 with a BM 01 counter 1 printed: the dossier is
    read from the centre and handed back; another point's code says where it was received."""
    first = _central_counter(tmp_path / "a", central, "q3")
    (code,) = _central_codes(first)
    forward(first, [code], OFFICER, FORWARDED_AT)
    sync_round(first)
    set_status(central.admin_url, [code], "result-ready")
    point = history(first, code).dossier.receiving_point
    first.close()
    other = _central_counter(tmp_path / "c", central, "q5", number=2)
    (other_code,) = _central_codes(other)
    other.close()
    store = counter_store(tmp_path / "b", central.point_url(central.role("q3")), 2)
    identify_station(store, Station(AGENCY, "q3", 2))
    settings = (
        Settings.defaults()
        .with_value("agency_code", AGENCY)
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
        .with_value("receiving_point", point)
        .with_value("counter_number", 2)
    )
    second = CounterSession(tmp_path / "b", settings, SUPERVISOR, store)
    page = HandBackPage(second, operations, catalogue, dt.datetime.now)
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    qtbot.waitExposed(page)
    _activate(qtbot, page)
    try:
        _scan_dossier(qtbot, page, code)
        qtbot.waitUntil(lambda: page.loaded is not None)
        assert page.loaded is not None and page.loaded.status is Status.RESULT_READY
        assert page.hand_over_action.isEnabled(), page.message.text()
        type_text(page.id_number, page.loaded.dossier.applicant_id_number)
        _press_f9(qtbot)
        qtbot.waitUntil(lambda: page.handed is not None)
        assert _status(second, code) is Status.RETURNED
        if page.preview is not None:
            page.preview.reject()

        _scan_dossier(qtbot, page, other_code)
        qtbot.waitUntil(lambda: "được tiếp nhận tại" in page.message.text())
        assert other_code in page.message.text() and page.loaded is None
        _scan_dossier(qtbot, page, "000.17.22.H56-991231-0001")
        qtbot.waitUntil(lambda: "No dossier found" in page.message.text())
    finally:
        store.close()


def _central_counter(data_dir: Path, centre: Central, point: str, number: int = 1) -> Store:
    """Counter ``number`` of ``point`` (a new point) with a dossier received, synced once."""
    counter_day(data_dir, number, 1)
    store = counter_store(data_dir, centre.add_point(point), number)
    identify_station(store, Station(AGENCY, point, number))
    assert sync_round(store).pushed.rejected == 0
    return store


def _central_codes(store: Store) -> list[str]:
    return sorted(d.code for d in dossiers_received_on(store, DAY.date()) if d.code is not None)
