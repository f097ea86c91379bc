"""Operations: typed results, every screen hears what changed, failures reach the officer."""

from __future__ import annotations

import errno
import threading

import pytest
from pytestqt.qtbot import QtBot

from app.changes import DOSSIER_STORED, NOTHING, Changes, Done
from app.i18n import OfficerError
from ui.operations import Operations, officer_message
from ui.qt import QMessageBox, QWidget


@pytest.fixture
def screen(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_change_hands_back_its_result_then_tells_every_screen(
    qtbot: QtBot, operations: Operations, screen: QWidget
) -> None:
    order: list[object] = []
    operations.changed.connect(order.append)
    with qtbot.waitSignal(operations.changed):
        operations.change(screen, lambda: Done(41 + 1, DOSSIER_STORED), order.append)
    assert order == [42, DOSSIER_STORED]


def test_a_change_that_changed_nothing_refreshes_nothing(
    qtbot: QtBot, operations: Operations, screen: QWidget
) -> None:
    heard: list[Changes] = []
    results: list[str] = []
    operations.changed.connect(heard.append)
    operations.change(screen, lambda: Done("same", NOTHING), results.append)
    qtbot.waitUntil(lambda: results == ["same"])
    # A query queued after it comes back after it: the change's signal, had there
    # been one, was emitted before.
    operations.query(screen, lambda: "after", results.append)
    qtbot.waitUntil(lambda: results == ["same", "after"])
    assert heard == []


def test_a_failure_is_shown_to_the_officer_in_their_words(
    qtbot: QtBot, operations: Operations, screen: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)

    def refuse() -> Done[None]:
        raise OfficerError("Mã cơ quan chưa được đặt: bộ phận CNTT cần đặt trong Cài đặt.")

    operations.change(screen, refuse)
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown == ["Mã cơ quan chưa được đặt: bộ phận CNTT cần đặt trong Cài đặt."]


def test_a_fault_is_named_by_its_kind_never_by_its_text() -> None:
    # A library's message may carry personal data or mean nothing to the officer.
    fault = KeyError("079080001234 Nguyễn Văn An")
    message = officer_message(fault)
    assert "KeyError" in message and "079080001234" not in message
    assert "disk is full" in officer_message(OSError(errno.ENOSPC, "No space left on device"))


def test_a_screen_may_show_the_failure_in_place(
    qtbot: QtBot, operations: Operations, screen: QWidget
) -> None:
    seen: list[Exception] = []

    def fail() -> str:
        raise ValueError("bad")

    operations.query(screen, fail, lambda _result: None, failure=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert isinstance(seen[0], ValueError)


def test_long_work_shows_its_progress_until_it_ends(
    qtbot: QtBot, operations: Operations, screen: QWidget
) -> None:
    from ui.qt import QProgressDialog

    release = threading.Event()
    results: list[str] = []

    def long_work() -> str:
        release.wait()
        return "report"

    screen.show()
    operations.query(screen, long_work, results.append, progress="Đang lập báo cáo…")
    box = screen.findChild(QProgressDialog)
    assert box is not None and box.labelText() == "Đang lập báo cáo…"
    qtbot.waitUntil(box.isVisible)  # shown once the work has lasted half a second
    release.set()
    qtbot.waitUntil(lambda: results == ["report"])
    assert not box.isVisible()
