"""Voiding a dossier from the "Today" page, by keyboard: a supervisor with a reason, an
officer with a supervisor's approval, a cancel, an empty reason; then shown as voided, and
no paper printed for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.audit import show_trail
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import record_print, store_dossier
from app.dossier.checking import parse_request
from app.dossier_queries import DOSSIER_VOIDED, VOIDED, look_up
from app.voids import ALREADY_VOIDED, REASON_REQUIRED
from db.audit import AuditAction
from tests.accounts import OFFICER, PASSWORDS, SUPERVISOR
from tests.ui.conftest import MONDAY_0910, Dialogs, type_text
from ui.approval import Approvals
from ui.operations import Operations
from ui.qt import QApplication, Qt, QTableWidgetItem
from ui.today_page import TodayPage
from ui.void_dialog import VoidDialog

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
REASON = "Tiếp nhận hai lần do nhầm lẫn"


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def stored(session: CounterSession, catalogue: Catalogue) -> tuple[str, str]:
    """An accepted dossier, its BM 01 printed: its id and code."""
    done = store_dossier(session, catalogue, parse_request(_example("doi-gtvt")), MONDAY_0910)
    record_print(session, done.result.slip, MONDAY_0910)
    code = done.result.receipt.code
    assert code is not None
    return done.result.receipt.dossier_id, code


@pytest.fixture
def page(
    qtbot: QtBot,
    session: CounterSession,
    operations: Operations,
    catalogue: Catalogue,
    stored: tuple[str, str],
) -> Iterator[TodayPage]:
    """The page with the window's approver, shown (the dossier in its list) and active."""
    operations.approver = Approvals(session, operations, lambda: MONDAY_0910)
    shown = TodayPage(
        session,
        operations,
        lambda: MONDAY_0910.date(),
        catalogue=catalogue,
        now=lambda: MONDAY_0910,
    )
    qtbot.addWidget(shown)
    shown.resize(1280, 700)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown


def _open_void_dialog(qtbot: QtBot, page: TodayPage, dossier_id: str) -> VoidDialog:
    """The dossier opened in the list, then Ctrl+Shift+X, as the officer does it."""
    page.activateWindow()  # back from a dialog (offscreen, nobody hands the focus back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.id == dossier_id)
    assert page.void.isEnabled() and page.void.text().endswith("[Ctrl+Shift+X]")
    page.table.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, Qt.Key.Key_X, modifiers)
    dialog = page.void_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as the window manager does it (offscreen, nobody does)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _status(page: TodayPage, row: int = 0) -> QTableWidgetItem:
    item = page.table.item(row, 4)
    assert item is not None
    return item


def _voids(session: CounterSession) -> list[dict[str, Any]]:
    rows = show_trail(session.store, action=AuditAction.VOID)
    return [{"actor": row.actor, **json.loads(row.subject_json)} for row in rows]


def test_a_supervisor_voids_with_a_reason_and_the_list_shows_it_voided(
    qtbot: QtBot,
    page: TodayPage,
    session: CounterSession,
    operations: Operations,
    stored: tuple[str, str],
    dialogs: Dialogs,
) -> None:
    dossier_id, code = stored
    dialog = _open_void_dialog(qtbot, page, dossier_id)
    assert dialog.code.text() == code and dialog.applicant.text() == "Nguyễn Văn An"
    assert QApplication.focusWidget() is dialog.reason
    type_text(dialog.reason, REASON)
    assert dialog.ok.isEnabled() and dialog.problem.text() == ""
    with qtbot.waitSignal(operations.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    # Shown as voided: the status says so, the row is struck through, the detail says why.
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.voided is not None)
    assert _status(page).text() == VOIDED()
    assert _status(page).font().strikeOut()
    assert f"by {SUPERVISOR.full_name}: {REASON}" in page.detail.toPlainText()
    found = look_up(session.store, code)
    assert found is not None and found.voided is not None
    assert (found.voided.reason, found.voided.actor) == (REASON, SUPERVISOR.login)
    assert found.voided.voided_at == MONDAY_0910
    records = _voids(session)
    assert len(records) == 1 and records[0]["actor"] == SUPERVISOR.login
    assert records[0]["dossier_id"] == dossier_id and records[0]["code"] == code
    assert "approved_by" not in records[0]

    # No paper is printed for it: the reprint is refused in words, like other refusals.
    dialogs.expect("warning", DOSSIER_VOIDED(key=code, at="09:10 23/11/2026"))
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialogs.expected == [])
    assert page.preview is None

    # Voided once: a second void is refused in words, and no dialog opens.
    dialogs.expect("warning", ALREADY_VOIDED(key=code, at="09:10 23/11/2026"))
    page.void.click()
    assert dialogs.expected == [] and page.void_dialog is dialog
    assert len(_voids(session)) == 1


def test_an_officer_voids_once_a_supervisor_approves(
    qtbot: QtBot, page: TodayPage, session: CounterSession, stored: tuple[str, str]
) -> None:
    session.officer = OFFICER
    dossier_id, code = stored
    dialog = _open_void_dialog(qtbot, page, dossier_id)
    type_text(dialog.reason, REASON)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    approvals = page.operations.approver
    assert isinstance(approvals, Approvals)
    qtbot.waitUntil(lambda: approvals.dialog is not None)
    approval = approvals.dialog
    assert approval is not None
    qtbot.waitExposed(approval)
    assert not dialog.ok.isEnabled()  # waiting for the approval
    type_text(approval.login, SUPERVISOR.login)
    type_text(approval.password, PASSWORDS[SUPERVISOR.login])
    qtbot.keyClick(approval.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: _status(page).text() == VOIDED())
    found = look_up(session.store, code)
    assert found is not None and found.voided is not None
    # The officer voided it (their name, as on the papers), with the supervisor's approval.
    assert (found.voided.officer, found.voided.actor) == (OFFICER.full_name, OFFICER.login)
    (record,) = _voids(session)
    assert record["actor"] == OFFICER.login and record["approved_by"] == SUPERVISOR.login
    assert session.officer == OFFICER  # still the officer's counter


def test_cancel_leaves_the_dossier_as_it_was(
    qtbot: QtBot, page: TodayPage, session: CounterSession, stored: tuple[str, str]
) -> None:
    dossier_id, code = stored
    dialog = _open_void_dialog(qtbot, page, dossier_id)
    type_text(dialog.reason, REASON)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # An officer who asks for the approval, then cancels it: not voided, said in the dialog.
    session.officer = OFFICER
    dialog = _open_void_dialog(qtbot, page, dossier_id)
    type_text(dialog.reason, REASON)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    approvals = page.operations.approver
    assert isinstance(approvals, Approvals)
    qtbot.waitUntil(lambda: approvals.dialog is not None)
    approval = approvals.dialog
    assert approval is not None
    qtbot.waitExposed(approval)
    approval.reject()
    qtbot.waitUntil(lambda: dialog.problem.text() != "")
    assert "giám sát" in dialog.problem.text()  # who may: a supervisor
    assert dialog.isVisible() and dialog.reason.text() == REASON and dialog.ok.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    found = look_up(session.store, code)
    assert found is not None and found.voided is None
    assert _voids(session) == []
    assert _status(page).text() != VOIDED() and not _status(page).font().strikeOut()


def test_an_empty_reason_is_refused_in_the_dialog(
    qtbot: QtBot,
    page: TodayPage,
    session: CounterSession,
    operations: Operations,
    stored: tuple[str, str],
) -> None:
    dossier_id, code = stored
    dialog = _open_void_dialog(qtbot, page, dossier_id)
    assert not dialog.ok.isEnabled() and dialog.problem.text() == REASON_REQUIRED()
    type_text(dialog.reason, "   ")
    assert not dialog.ok.isEnabled() and dialog.problem.text() == REASON_REQUIRED()
    with qtbot.assertNotEmitted(operations.changed, wait=0):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.working
    # A reason of two lines is refused by the rule the store keeps a reason by.
    dialog.reason.setText("hai\tdòng")
    assert not dialog.ok.isEnabled() and dialog.problem.text().startswith("Lý do hủy")
    dialog.reason.clear()
    type_text(dialog.reason, REASON)
    assert dialog.ok.isEnabled() and dialog.problem.text() == ""
    dialog.reject()
    found = look_up(session.store, code)
    assert found is not None and found.voided is None
    assert _voids(session) == []


def test_the_void_dialog_is_kept_out_of_the_way_of_the_other_keys(
    qtbot: QtBot, page: TodayPage, stored: tuple[str, str]
) -> None:
    """Tab reaches the Void button; the shortcut is the page's own (no other action has it)."""
    dossier_id, _ = stored
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.id == dossier_id)
    keys = [act.shortcut().toString() for act in page.actions()]
    assert keys.count("Ctrl+Shift+X") == 1
    page.search.setFocus()
    reached = []
    for _ in range(12):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert page.void in reached
