"""Qt's own standard buttons speak the window's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ui.qt import QApplication, QDialogButtonBox, QMessageBox
from ui.translation import install_language, remove_language

BUTTONS = QMessageBox.StandardButton


@pytest.fixture
def vietnamese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_language(app, "vi")
    assert translator is not None
    yield
    remove_language(app, translator)


def _texts(box: QMessageBox) -> list[str]:
    return [box.button(b).text() for b in (BUTTONS.Yes, BUTTONS.No, BUTTONS.Cancel)]


def test_a_question_in_the_vietnamese_window_has_vietnamese_buttons(
    qtbot: QtBot, vietnamese: None
) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question, "Hỏi", "Bỏ hồ sơ đang nhập?", BUTTONS.Yes | BUTTONS.No
    )
    box.addButton(BUTTONS.Cancel)
    qtbot.addWidget(box)
    assert _texts(box) == ["&Có", "&Không", "Hủy"]


def test_every_standard_button_of_a_dialog_is_vietnamese(qtbot: QtBot, vietnamese: None) -> None:
    wanted = {
        QDialogButtonBox.StandardButton.Ok: "Đồng ý",
        QDialogButtonBox.StandardButton.Cancel: "Hủy",
        QDialogButtonBox.StandardButton.Save: "Lưu",
        QDialogButtonBox.StandardButton.Close: "Đóng",
        QDialogButtonBox.StandardButton.Apply: "Áp dụng",
        QDialogButtonBox.StandardButton.Discard: "Không lưu",
        QDialogButtonBox.StandardButton.Reset: "Đặt lại",
    }
    shown = {}
    for button in wanted:
        box = QDialogButtonBox(button)
        qtbot.addWidget(box)
        shown[button] = box.button(button).text().replace("&", "")
    assert shown == {button: text.replace("&", "") for button, text in wanted.items()}


def test_the_english_window_keeps_qt_english_buttons(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_language(app, "en") is None
    box = QMessageBox(QMessageBox.Icon.Question, "Q", "Discard?", BUTTONS.Yes | BUTTONS.No)
    box.addButton(BUTTONS.Cancel)
    qtbot.addWidget(box)
    assert _texts(box) == ["&Yes", "&No", "Cancel"]
