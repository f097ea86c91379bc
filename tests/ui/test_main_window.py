"""The main window through whole dossiers: refuse; supplement, then the return and accept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier_queries import find_dossier
from tests.ui.conftest import MONDAY_0910, it_approval, print_to_file, take_photo
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt
from ui.reception_page import ReceptionPage

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "doi-gtvt.json"


def _fill(page: ReceptionPage, request: dict[str, Any]) -> None:
    """Type the example applicant in, field by field, as the officer would."""
    page.picker.choose(request["procedure"])
    for field in page.applicant.fields + page.case.fields:
        value = _at(request, field.path)
        if value is not None:
            field.set_value(value)
    for field in page.licence.licence_fields:
        value = _at(request["licences"][0], field.path)
        if value is not None:
            field.set_value(value)
    page.licence.requested.set_value(request.get("requested_classes"))


def _at(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, ctrl: bool = False) -> None:
    focus = QApplication.focusWidget() or window
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(focus, key, modifier)


def _verdict(page: ReceptionPage) -> Verdict | None:
    page.reassess()
    return page.verdict.verdict


def test_refuse_prints_bm03_with_the_reasons(
    qtbot: QtBot, window: MainWindow, session: CounterSession, tmp_path: Path
) -> None:
    page = window.reception
    request = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    request["licences"][0]["expiry_date"] = "2026-11-20"  # expired three days ago
    _fill(page, request)
    _press(qtbot, window, Qt.Key.Key_D, ctrl=True)
    assert _verdict(page) is Verdict.REFUSE
    assert "hết thời hạn sử dụng" in page.verdict.details.toPlainText()
    _press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code is None and page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm03.pdf")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in printed
    assert "hết thời hạn sử dụng" in printed
    stored = find_dossier(session.store, page.saved.dossier_id)
    assert stored is not None and stored["status"] == "refused"
    assert [r["condition"] for r in stored["rounds"][0]["refusals"]] == ["doi-truoc-khi-het-han"]


def test_supplement_then_the_applicant_returns(
    qtbot: QtBot, window: MainWindow, session: CounterSession, tmp_path: Path
) -> None:
    page = window.reception
    request = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    _fill(page, request)
    _press(qtbot, window, Qt.Key.Key_D, ctrl=True)
    health = next(
        i for i, row in enumerate(page.checklist.rows) if row.item.id == "giay-chung-nhan-suc-khoe"
    )
    page.checklist._form(health).setCurrentIndex(0)  # the certificate was not brought
    assert _verdict(page) is Verdict.SUPPLEMENT
    _press(qtbot, window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: page.preview is not None)
    first = page.saved
    assert first is not None and first.code is None and page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm02.pdf")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in printed
    assert "Giấy chứng nhận sức khỏe" in printed

    # Later: the applicant is back. Today's dossiers, find by ID number, new round.
    window.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _press(qtbot, window, Qt.Key.Key_2, ctrl=True)
    today = window.today
    assert window.tabs.currentWidget() is today
    qtbot.keyClicks(today.search, "079080001234")
    qtbot.keyClick(today.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.complete.isEnabled())
    qtbot.mouseClick(today.complete, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is page and page.supplements == first.dossier_id
    _press(qtbot, window, Qt.Key.Key_D, ctrl=True)
    assert _verdict(page) is Verdict.ACCEPT
    take_photo(qtbot, page, lambda key: _press(qtbot, window, key))
    _press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.saved is not None and page.preview is not None)
    assert page.saved is not None and page.saved.dossier_id == first.dossier_id
    assert page.saved.code == "000.17.22.H56-261123-0001"
    stored = find_dossier(session.store, page.saved.code)
    assert stored is not None
    assert [(r["number"], r["verdict"]) for r in stored["rounds"]] == [
        (1, "supplement"),
        (2, "accept"),
    ]


def test_leaving_with_unsaved_changes_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.qt import QMessageBox

    asked: list[str] = []

    def answer_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window.reception.picker.choose("idp-cap")
    _press(qtbot, window, Qt.Key.Key_N, ctrl=True)
    assert asked and window.reception.picker.procedure is not None  # still there


def test_the_status_bar_shows_the_sync_state(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    from app.sync_ops import configure_sync

    window.refresh_status()
    qtbot.waitUntil(lambda: window.status.sync.text() == "Central database: not connected")
    # IT staff point the counter at the centre; what was received is waiting to be sent.
    request = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    request["licences"][0]["expiry_date"] = "2026-11-20"
    _fill(window.reception, request)
    _press(qtbot, window, Qt.Key.Key_D, ctrl=True)
    assert _verdict(window.reception) is Verdict.REFUSE
    _press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.reception.saved is not None)
    configure_sync(session.store, url="postgresql://point@127.0.0.1:9/centre")
    window.refresh_status()
    qtbot.waitUntil(lambda: window.status.sync.text().startswith("Sync: "))
    waiting = int(window.status.sync.text().split()[1])
    assert waiting > 0 and "last never" in window.status.sync.text()


def test_settings_are_checked_as_typed_and_saved(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    from app.settings import load_settings
    from ui.qt import QDialogButtonBox, QSpinBox

    dialog = window.show_settings(it_approval(window.session))
    counter = dialog.fields["counter_number"].focus_widget
    assert isinstance(counter, QSpinBox)
    counter.clear()
    qtbot.keyClicks(counter, "20")  # counter 20 × 500 serials: beyond the 4 digits
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert dialog.problem.text().startswith("Số quầy: quầy 20 với khối 500 số")
    counter.clear()
    qtbot.keyClicks(counter, "3")
    assert save.isEnabled() and dialog.problem.text() == ""
    with qtbot.waitSignal(dialog.saved):  # saved on the store worker thread
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert load_settings(session.data_dir).counter_number == 3
    # The counter number applies at the next start; the session keeps the one it began with.
    assert session.settings.counter_number == 1


def test_todays_list_refreshes_itself_when_a_dossier_is_stored(
    qtbot: QtBot, window: MainWindow, session: CounterSession, catalogue: Catalogue
) -> None:
    """No screen tells the list to refresh: it hears what the operation changed."""
    from app.counter_ops import store_dossier
    from app.dossier.checking import parse_request

    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: window.today.detail.toPlainText() != "")
    assert window.today.table.rowCount() == 0
    request = parse_request(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    window.operations.change(
        window, lambda: store_dossier(session, catalogue, request, MONDAY_0910)
    )
    qtbot.waitUntil(lambda: window.today.table.rowCount() == 1)


def test_a_stored_dossier_is_read_only_until_the_next_applicant(
    qtbot: QtBot, window: MainWindow
) -> None:
    from tests.ui.conftest import CARD_QR, type_text

    page = window.reception
    shown = lambda: {act.objectName() for act, b in page.action_buttons.items() if b.isVisible()}  # noqa: E731
    assert page.why.text() == "F9: choose the procedure first (Ctrl+P)"
    request = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    _fill(page, request)
    type_text(page.idcard.line, CARD_QR)
    qtbot.keyClick(page.idcard.line, Qt.Key.Key_Return)
    assert page.idcard.message.text() != ""
    _press(qtbot, window, Qt.Key.Key_D, ctrl=True)
    assert _verdict(page) is Verdict.ACCEPT and not page.accept.isEnabled()
    assert page.why.text() == "F9: the photo is not taken yet (F5, then F6)"  # said beside F9
    assert shown() == {"allIn", "capture", "usePhoto", "accept", "supplement", "refuse", "next"}
    take_photo(qtbot, page, lambda key: _press(qtbot, window, key))
    assert page.accept.isEnabled() and page.why.text() == ""
    _press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.saved is not None and page.preview is not None)
    assert page.preview is not None
    page.preview.reject()

    # Stored: what fed the dossier is locked, and only what still makes sense is offered.
    assert shown() == {"form", "correct", "next"}
    assert page.why.text() == (
        "Stored: the screen is read-only. Ctrl+E: correct its details; Ctrl+N: next applicant."
    )
    locked = [
        page.picker.query,
        page.idcard.line,
        page.applicant.full_name.widget,
        page.licence.licence_fields[0].widget,
        page.checklist.cellWidget(0, 2),
        page.photo_panel.capture_button,
        page.photo_panel.confirm,
    ]
    assert [widget.isEnabled() for widget in locked] == [False] * len(locked)
    assert page.checklist.verticalScrollBar().isEnabled()  # still read, still scrolled

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _press(qtbot, window, Qt.Key.Key_N, ctrl=True)
    # Nothing of the applicant before stays; the procedure does (the queue is for it too).
    assert page.saved is None and page.photo is None and page.preview is None
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-gtvt"
    assert page.idcard.line.text() == "" and page.idcard.message.text() == ""
    assert page.applicant.full_name.value() in (None, "") and page.result.text() == ""
    assert page.photo_panel.captured is None and page.photo_panel.checks.count() == 0
    assert "Photo kept" not in page.photo_panel.status.text()
    assert [widget.isEnabled() for widget in locked] == [True] * len(locked)
    assert shown() == {"allIn", "capture", "usePhoto", "accept", "supplement", "refuse", "next"}
    page.clear()  # nothing to save: closing does not ask


def test_the_camera_words_follow_the_camera(qtbot: QtBot, window: MainWindow) -> None:
    page, status = window.reception, window.status
    button = page.photo_panel.start_button
    assert status.camera.text() == "Camera: off" and button.text().startswith("Start camera")
    page.picker.choose("doi-gtvt")  # an exchange: the camera starts for the photo
    qtbot.waitUntil(lambda: status.camera.text() == "Camera: on")
    assert button.text().startswith("Stop camera")
    page.picker.choose("gv-cap")  # no photo at the counter: the camera stops
    qtbot.waitUntil(lambda: status.camera.text() == "Camera: off")
    assert button.text().startswith("Start camera")
    page.clear()  # nothing to save: closing does not ask
