"""The receiving screen driven from the keyboard, as the officer works."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier_queries import find_dossier
from tests.ui.conftest import MONDAY_0910, print_to_file
from ui.qt import QApplication, Qt
from ui.reception_page import ReceptionPage
from ui.worker import Worker


def _page(
    qtbot: QtBot, catalogue: Catalogue, session: CounterSession, worker: Worker
) -> ReceptionPage:
    page = ReceptionPage(catalogue, session, worker, now=lambda: MONDAY_0910)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def _slips(session: CounterSession, code: str) -> list[str]:
    """The papers recorded as printed for a dossier."""
    stored = find_dossier(session.store, code)
    return [] if stored is None else [slip["kind"] for slip in stored["slips"]]


def _verdict(page: ReceptionPage) -> Verdict | None:
    """Read afresh: the page changes it between two looks."""
    return page.verdict.verdict


def test_a_complete_exchange_by_keyboard(
    qtbot: QtBot, catalogue: Catalogue, session: CounterSession, worker: Worker, tmp_path: Path
) -> None:
    page = _page(qtbot, catalogue, session, worker)
    page.picker.query.setFocus()
    qtbot.keyClicks(page.picker.query, "doi gtvt")
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-gtvt"

    fields = {field.path: field for field in page.applicant.fields}
    fields["applicant.full_name"].set_value("Nguyễn Văn An")
    fields["applicant.date_of_birth"].set_value("1980-05-04")
    fields["applicant.identity_document.number"].set_value("079080001234")
    licence = {field.path: field for field in page.licence.licence_fields}
    licence["number"].set_value("790123456789")
    licence["classes"].set_value(["B2"])
    licence["issue_date"].set_value("2017-01-10")
    licence["expiry_date"].set_value("2027-01-10")
    licence["verified_in_register"].set_value(True)
    page.licence.requested.set_value(["B2"])
    page.reassess()
    assert _verdict(page) is Verdict.SUPPLEMENT  # nothing ticked in the checklist yet

    qtbot.keyClick(page.picker.query, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    page.reassess()
    assert _verdict(page) is Verdict.ACCEPT
    assert "01/12/2026" in page.verdict.details.toPlainText()  # 24/11 is a holiday

    qtbot.keyClick(page.picker.query, Qt.Key.Key_F9)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_F9)  # a second press stores nothing
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code == "000.17.22.H56-261123-0001"
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm01.pdf")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in printed
    assert "000.17.22.H56-261123-0001" in printed and "Nguyễn Văn An" in printed
    qtbot.waitUntil(lambda: _slips(session, "000.17.22.H56-261123-0001") == ["bm01"])
    assert not page.accept.isEnabled()
    stored = find_dossier(session.store, page.saved.code)
    assert stored is not None and stored["officer"] == "Nguyễn Thị Hoa"
    assert stored["due_at"] == "2026-12-01T09:10"
