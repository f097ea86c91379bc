"""The receiving screen asks what the PET card needs of the held classes: the class the
applicant chooses where Law 36/2024 art. 89(3) offers two (B1, B2 -> B or C1), and whether
a B1 is "B1 số tự động". Driven by keyboard, stored in the real store and read back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier_queries import find_dossier
from camera.sources import FrameSource
from tests.ui.conftest import CARD_QR, MONDAY_0910, take_photo, type_text, window_language
from ui.class_choice import ClassChoiceField
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.photo_panel import KEYS as PHOTO_KEYS
from ui.qt import QApplication, QKeySequence, QLabel, Qt, QWidget
from ui.reception_page import ReceptionPage
from ui.worker import Worker

# A Monday before Law 36/2024's classes take effect (1/1/2025).
MONDAY_BEFORE_THE_NEW_CLASSES = dt.datetime(2024, 12, 23, 9, 10)


@pytest.fixture
def make_page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> Callable[[dt.datetime], ReceptionPage]:
    def made(now: dt.datetime) -> ReceptionPage:
        page = ReceptionPage(catalogue, session, Operations(worker), now=lambda: now, camera=camera)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        return page

    return made


def _focus() -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    qtbot.keyClick(_focus(), key, modifier or Qt.KeyboardModifier.NoModifier)


def _mnemonic(qtbot: QtBot, text: str) -> None:
    """Alt and the letter underlined in ``text`` (a label's or a box's own)."""
    sequence = QKeySequence.mnemonic(text)
    assert not sequence.isEmpty(), text
    qtbot.keySequence(_focus(), sequence)


def _exchange(qtbot: QtBot, page: ReceptionPage, procedure: str, classes: str) -> None:
    """The procedure picked, the card scanned and the licence typed, as the officer does."""
    page.picker.choose(procedure)
    assert page.picker.procedure is not None and page.picker.procedure.id == procedure
    type_text(page.idcard.line, CARD_QR)
    qtbot.keyClick(page.idcard.line, Qt.Key.Key_Return)
    qtbot.keyClicks(_focus(), "790123456789")
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(_focus(), classes)
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(_focus(), "10/01/2017")  # issued under Law 23/2008
    qtbot.keyClicks(_focus(), "10/01/2027")
    page.reassess()


def _shown_choices(page: ReceptionPage) -> dict[str, list[str]]:
    """Held class -> the entries of its choice, for each choice on screen."""
    return {
        field.choice.held_class: [field.combo.itemText(i) for i in range(field.combo.count())]
        for field in page.licence.class_choices
        if field.widget.isVisible()
    }


def _choice(page: ReceptionPage, held: str) -> ClassChoiceField:
    return next(field for field in page.licence.class_choices if field.choice.held_class == held)


def _label(page: ReceptionPage, field: ClassChoiceField) -> QLabel:
    label = page.licence.layout_.labelForField(field.cell)
    assert isinstance(label, QLabel)
    return label


def _accept(qtbot: QtBot, page: ReceptionPage) -> dict[str, Any]:
    """Register checked, all papers in, the photo, F9: the request as stored, read back."""
    page.licence.register.widget.setFocus()
    _press(qtbot, Qt.Key.Key_Down)  # Hợp lệ / Valid
    _press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    page.reassess()
    assert page.verdict.verdict is Verdict.ACCEPT
    take_photo(qtbot, page, lambda key: _press(qtbot, key))
    _press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.saved is not None and page.preview is not None)
    assert page.preview is not None
    page.preview.reject()
    page.activateWindow()  # back from the preview: the page's keys work again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert page.saved is not None and page.saved.code is not None
    stored = find_dossier(page.session.store, page.saved.code)
    assert stored is not None
    request = stored["request"]
    assert isinstance(request, dict)
    return request


def test_a_b2_exchange_after_the_change_asks_b_or_c1_and_stores_the_choice(
    qtbot: QtBot, make_page: Callable[[dt.datetime], ReceptionPage]
) -> None:
    page = make_page(MONDAY_0910)
    _exchange(qtbot, page, "doi-gtvt", "B2")
    not_chosen = page.licence.tr("— ask the applicant —")
    assert _shown_choices(page) == {"B2": [not_chosen, "B", "C1"]}  # none chosen at first
    field = _choice(page, "B2")
    assert field.value() is None
    label = _label(page, field).text().replace("&", "")
    assert "B2" in label and ("Luật 36/2024" in label or "Law 36/2024" in label)
    assert "Điều 89" in field.combo.toolTip()  # the law's own words, to read out
    # Not made: the dossier is not stopped, but the officer is told to ask.
    assert page.class_warning.isVisible() and "B2" in page.class_warning.text()
    assert "C1" in page.class_warning.text()

    # By keyboard: the label's mnemonic goes to the choice, "C" chooses C1.
    _mnemonic(qtbot, _label(page, field).text())
    assert _focus() is field.combo
    _press(qtbot, Qt.Key.Key_C)
    assert field.value() == "C1"
    page.reassess()
    assert not page.class_warning.isVisible()

    request = _accept(qtbot, page)
    assert request["class_choices"] == {"B2": "C1"}
    assert request["licences"][0].get("automatic_only", False) is False  # no B1: not asked

    # Ctrl+E: the stored dossier's details reopened show the choice made; the applicant
    # changed their mind before the card was made: a correction may change it.
    _press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.correcting and field.widget.isVisible() and field.value() == "C1"
    assert field.widget.isEnabled()
    field.combo.setFocus()
    _press(qtbot, Qt.Key.Key_B)
    assert field.value() == "B"
    phone = next(f for f in page.applicant.fields if f.path == "applicant.phone")
    phone.widget.setFocus()
    qtbot.keyClicks(phone.widget, "0912345678")
    type_text(page.reason, "Bổ sung số điện thoại")
    first_print = page.preview
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.correcting and page.preview is not first_print)
    assert page.saved is not None and page.saved.code is not None
    corrected = find_dossier(page.session.store, page.saved.code)
    assert corrected is not None and len(corrected["corrections"]) == 1
    assert corrected["request"]["class_choices"] == {"B2": "B"}  # corrected, with its reason
    # And the request read back from the store, on a fresh form, shows the same.
    page.licence.clear()
    page.licence.load(request)
    page.reassess()
    assert field.value() == "C1" and field.widget.isVisible()


def test_before_the_change_no_choice_is_asked(
    qtbot: QtBot, make_page: Callable[[dt.datetime], ReceptionPage]
) -> None:
    page = make_page(MONDAY_BEFORE_THE_NEW_CLASSES)
    _exchange(qtbot, page, "doi-gtvt", "B2")
    assert _shown_choices(page) == {}
    assert not page.class_warning.isVisible()
    assert "class_choices" not in page.request_data()


def test_b1_automatic_is_asked_for_a_b1_only_and_stored(
    qtbot: QtBot, make_page: Callable[[dt.datetime], ReceptionPage]
) -> None:
    page = make_page(MONDAY_0910)
    _exchange(qtbot, page, "doi-gtvt", "B2")
    automatic = page.licence.automatic
    assert not automatic.widget.isVisible()  # no B1: nothing to ask
    page.licence.classes.set_value(["B1"])
    page.reassess()
    assert automatic.widget.isVisible() and automatic.widget.isEnabled()
    assert _shown_choices(page) == {"B1": [page.licence.tr("— ask the applicant —"), "B", "C1"]}

    # Ticked by its mnemonic: a B1 for automatic cars becomes B (restricted), no choice.
    page.licence.classes.widget.setFocus()
    _mnemonic(qtbot, automatic.box.text())
    qtbot.waitUntil(lambda: automatic.value() is True)  # a mnemonic clicks as a key would
    page.reassess()
    assert _shown_choices(page) == {}
    assert not page.class_warning.isVisible()

    request = _accept(qtbot, page)
    assert request["licences"][0]["automatic_only"] is True
    assert not request.get("class_choices")
    page.licence.clear()
    page.licence.load(request)
    assert automatic.value() is True and automatic.widget.isVisible()


def test_an_international_permit_asks_no_choice(
    qtbot: QtBot, make_page: Callable[[dt.datetime], ReceptionPage]
) -> None:
    page = make_page(MONDAY_0910)
    _exchange(qtbot, page, "idp-cap", "B2")
    assert _shown_choices(page) == {}
    assert not page.class_warning.isVisible()
    assert "class_choices" not in page.request_data()


def test_every_choice_is_a_tab_stop_after_the_classes_requested(
    qtbot: QtBot, make_page: Callable[[dt.datetime], ReceptionPage]
) -> None:
    page = make_page(MONDAY_0910)
    _exchange(qtbot, page, "doi-gtvt", "B2")
    page.licence.requested.widget.setFocus()
    _press(qtbot, Qt.Key.Key_Tab)
    assert _focus() is _choice(page, "B2").combo


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_new_keys_clash_with_no_other_key_of_the_window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
) -> None:
    """Alt and the underlined letter of "B1 automatic only" and of each choice of class
    reach them, in both languages, and no tab or photo control answers the same key."""
    with window_language(language):
        window = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
        qtbot.addWidget(window)
        try:
            page = window.reception
            ours = {QKeySequence.mnemonic(page.licence.automatic.box.text()).toString()}
            ours |= {
                QKeySequence.mnemonic(_label(page, field).text()).toString()
                for field in page.licence.class_choices
            }
            tabs = {
                QKeySequence.mnemonic(window.tabs.tabText(index)).toString()
                for index in range(window.tabs.count())
            }
            others = (tabs | set(PHOTO_KEYS.values())) - {""}
            assert "" not in ours and not ours & others, (ours, others)
        finally:
            window.reception.photo_panel.shutdown()
            window.worker.stop()
