"""The catalogue page, and the interface languages."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.loader import load_catalogue_for
from app.counter import CounterSession
from app.i18n import LANGUAGES
from ui.catalogue_page import CataloguePage
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt
from ui.translation import install_language, remove_language


@pytest.fixture
def window(qtbot: QtBot) -> CataloguePage:
    window = CataloguePage(load_catalogue_for(dt.date(2026, 11, 23)))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_page_lists_the_nine_procedures(window: CataloguePage) -> None:
    names = [window.procedure_list.item(i).text() for i in range(window.procedure_list.count())]
    assert len(names) == 9
    assert names[2] == "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"


def test_choosing_a_procedure_shows_its_checklist(window: CataloguePage, qtbot: QtBot) -> None:
    window.procedure_list.setFocus()
    qtbot.keyClick(window.procedure_list, Qt.Key.Key_Down)
    qtbot.keyClick(window.procedure_list, Qt.Key.Key_Down)
    text = window.details.toPlainText()
    assert "Đơn đề nghị đổi Giấy phép lái xe (theo mẫu)" in text
    assert "135.000 đồng/lần cấp." in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_shipped_language_loads(qtbot: QtBot, session: CounterSession, language: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_language(app, language)
    try:
        window = MainWindow(load_catalogue_for(dt.date(2026, 11, 23)), session)
        qtbot.addWidget(window)
        expected = {
            "vi": "motcua — Bộ phận tiếp nhận và trả kết quả",
            "en": "motcua — One-stop counter",
        }
        assert window.windowTitle() == expected[language]
    finally:
        remove_language(app, translator)


def test_every_interface_string_has_its_vietnamese_translation() -> None:
    import xml.etree.ElementTree as ET

    from ui.translation import I18N_DIR

    tree = ET.parse(I18N_DIR / "motcua_vi.ts")
    # A tr() that lupdate cannot tie to its class lands in an empty context, and the
    # window, asking with the class name, never finds its translation.
    assert all(context.findtext("name") for context in tree.iter("context"))
    unfinished = [
        message.findtext("source")
        for message in tree.iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []
