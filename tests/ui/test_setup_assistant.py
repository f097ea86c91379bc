"""First start: the set-up assistant asks for what the counter is missing, and for the first
IT staff account of a store without accounts; then sign-in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.officers.accounts import add_account
from app.officers.identity import Officer, Role
from app.settings import (
    STEPS,
    Settings,
    SetupStep,
    load_settings,
    missing_steps,
    save_settings,
    settings_path,
)
from db.store import Store
from tests.ui.conftest import MONDAY_0910, type_text
from ui.operations import Operations
from ui.qt import QLabel, QLineEdit, QSpinBox, Qt, QWizard
from ui.settings_widgets import NumberField, TextField
from ui.setup_assistant import SetupAssistant
from ui.sign_in import Gate, SignInDialog, session_gate

AGENCY = "000.17.22.H56"
POINT = "Sở Xây dựng tỉnh Cà Mau – điểm số 2"
AGENCY_NAME, PLACE = "Sở Xây dựng tỉnh Cà Mau", "Cà Mau"
PAPERS = {"agency_name": AGENCY_NAME, "place_name": PLACE}


def _open(qtbot: QtBot, data_dir: Path, operations: Operations) -> SetupAssistant:
    settings = load_settings(data_dir)
    assistant = SetupAssistant(
        data_dir, settings, missing_steps(data_dir, settings), "vi", operations
    )
    qtbot.addWidget(assistant)
    assistant.show()
    return assistant


@pytest.fixture
def fresh(qtbot: QtBot, tmp_path: Path, operations: Operations) -> Iterator[SetupAssistant]:
    yield _open(qtbot, tmp_path, operations)


def _next(assistant: SetupAssistant) -> QWizard.WizardButton:
    return QWizard.WizardButton.NextButton


def _button_enabled(assistant: SetupAssistant, which: QWizard.WizardButton) -> bool:
    return assistant.button(which).isEnabled()


def _text_edit(assistant: SetupAssistant, name: str) -> QLineEdit:
    page = assistant.currentPage()
    field = page.findChild(TextField, name)
    assert isinstance(field, TextField), name
    return field.edit


def test_a_fresh_data_folder_needs_every_step(tmp_path: Path) -> None:
    steps = missing_steps(tmp_path, load_settings(tmp_path))
    assert [step.names for step in steps] == [
        ("agency_code", "receiving_point", "counter_number"),
        ("agency_name", "place_name"),
    ]
    # The counter number has a default, but nobody has chosen it until the file holds it.
    settings = Settings.defaults().with_values(
        {"agency_code": AGENCY, "receiving_point": POINT, **PAPERS}
    )
    save_settings(tmp_path, settings)
    assert missing_steps(tmp_path, settings) == []
    # A file written by hand without the counter number: asked for again, alone.
    file = settings_path(tmp_path)
    data = json.loads(file.read_text(encoding="utf-8"))
    del data["counter_number"]
    file.write_text(json.dumps(data), encoding="utf-8")
    assert [step.names for step in missing_steps(tmp_path, load_settings(tmp_path))] == [
        ("counter_number",)
    ]
    # The steps are a declaration: a later one (passwords, the centre) is one more entry.
    assert all(isinstance(step, SetupStep) for step in STEPS)


def test_the_assistant_shows_the_missing_options_with_their_labels(
    fresh: SetupAssistant,
) -> None:
    assert [page.title() for page in fresh.step_pages] == [  # tr() untranslated in tests
        "Step 1 of 2: Điểm tiếp nhận",
        "Step 2 of 2: Tên trên giấy tờ",
    ]
    first = fresh.step_pages[0]
    assert list(first.fields) == ["agency_code", "receiving_point", "counter_number"]
    labels = {
        label.text().replace("&", "") for label in first.findChildren(QLabel) if label.buddy()
    }
    assert labels == {"Mã định danh cơ quan", "Điểm tiếp nhận", "Số quầy"}
    assert isinstance(first.fields["counter_number"], NumberField)
    # Nothing typed yet: not done, but nothing shown in red either.
    assert not _button_enabled(fresh, _next(fresh))
    assert first.problem.text() == ""


def test_a_wrong_agency_code_is_refused_with_the_label_and_rule(fresh: SetupAssistant) -> None:
    page = fresh.step_pages[0]
    agency = _text_edit(fresh, "agency_code")
    type_text(_text_edit(fresh, "receiving_point"), POINT)
    type_text(agency, "000.17.22.h56")
    assert not _button_enabled(fresh, _next(fresh))
    assert page.problem.text().startswith("Mã định danh cơ quan: mã định danh theo chuẩn quốc gia")
    assert page.problem.text().endswith('(đã nhập: "000.17.22.h56")')
    assert agency.styleSheet() != ""
    agency.clear()
    type_text(agency, AGENCY)
    assert page.problem.text() == "" and agency.styleSheet() == ""
    assert _button_enabled(fresh, _next(fresh))
    # Emptied again: the counter needs it.
    agency.clear()
    type_text(agency, " ")
    assert page.problem.text() == (
        "Mã định danh cơ quan: needed before the first dossier"  # tr() untranslated in tests
    )
    assert not _button_enabled(fresh, _next(fresh))


def test_a_counter_number_beyond_the_serials_is_refused(fresh: SetupAssistant) -> None:
    page = fresh.step_pages[0]
    type_text(_text_edit(fresh, "agency_code"), AGENCY)
    type_text(_text_edit(fresh, "receiving_point"), POINT)
    spin = page.fields["counter_number"].focus_widget
    assert isinstance(spin, QSpinBox)
    spin.setValue(20)  # 20 × 500 serials: beyond the 4 digits of a dossier code
    assert page.problem.text().startswith("Số quầy: quầy 20 với khối 500 số")
    assert not _button_enabled(fresh, _next(fresh))
    spin.setValue(3)
    assert _button_enabled(fresh, _next(fresh))


def _nowhere() -> Gate:
    """A sign-in that is only looked at."""

    def refuse(*_args: object) -> None:
        raise AssertionError("nobody signs in here")

    return Gate(sign_in=refuse, change_password=refuse, unlock=refuse)  # type: ignore[arg-type]


def test_after_finishing_the_file_has_the_values_and_sign_in_names_the_counter(
    qtbot: QtBot, fresh: SetupAssistant, tmp_path: Path, operations: Operations
) -> None:
    type_text(_text_edit(fresh, "agency_code"), AGENCY)
    type_text(_text_edit(fresh, "receiving_point"), POINT)
    spin = fresh.step_pages[0].fields["counter_number"].focus_widget
    assert isinstance(spin, QSpinBox)
    spin.setValue(3)
    qtbot.mouseClick(fresh.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert fresh.currentPage() is fresh.step_pages[1]
    finish = fresh.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # no receipt without the agency's name
    type_text(_text_edit(fresh, "agency_name"), AGENCY_NAME)
    type_text(_text_edit(fresh, "place_name"), PLACE)
    assert finish.isEnabled()
    assert not settings_path(tmp_path).exists()  # nothing written before Finish
    with qtbot.waitSignal(fresh.accepted):  # saved on the store worker thread
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    stored = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert stored["agency_code"] == AGENCY
    assert stored["receiving_point"] == POINT
    assert stored["counter_number"] == 3
    assert (stored["agency_name"], stored["place_name"]) == (AGENCY_NAME, PLACE)
    assert fresh.settings == load_settings(tmp_path)
    assert missing_steps(tmp_path, fresh.settings) == []

    sign_in = SignInDialog(_nowhere(), fresh.settings, operations)
    qtbot.addWidget(sign_in)
    where = sign_in.form.where.text()
    assert POINT in where and "3" in where


def test_only_what_is_missing_is_asked(
    qtbot: QtBot, tmp_path: Path, operations: Operations
) -> None:
    settings = Settings.defaults().with_values(
        {"agency_code": AGENCY, "receiving_point": POINT, **PAPERS}
    )
    file = settings_path(tmp_path)
    save_settings(tmp_path, settings)
    data = json.loads(file.read_text(encoding="utf-8"))
    del data["counter_number"]
    file.write_text(json.dumps(data), encoding="utf-8")
    assistant = _open(qtbot, tmp_path, operations)
    assert [list(page.fields) for page in assistant.step_pages] == [["counter_number"]]
    spin = assistant.step_pages[0].fields["counter_number"].focus_widget
    assert isinstance(spin, QSpinBox)
    spin.setValue(4)
    with qtbot.waitSignal(assistant.accepted):
        qtbot.mouseClick(
            assistant.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    saved = load_settings(tmp_path)
    assert (saved.agency_code, saved.counter_number) == (AGENCY, 4)


def test_a_store_without_accounts_gets_its_first_it_account_then_it_signs_in(
    qtbot: QtBot, tmp_path: Path, operations: Operations
) -> None:
    settings = Settings.defaults().with_values({"agency_code": AGENCY, "receiving_point": POINT})
    store = Store.in_data_dir(tmp_path)
    try:

        def first(login: str, name: str, password: str, at: object) -> Officer:
            return add_account(
                store, None, login, name, Role.IT, password, minimum_length=12, now=MONDAY_0910
            )

        assistant = SetupAssistant(tmp_path, settings, [], "vi", operations, first_account=first)
        qtbot.addWidget(assistant)
        assistant.show()
        page = assistant.account_page
        assert page is not None and assistant.currentPage() is page
        finish = assistant.button(QWizard.WizardButton.FinishButton)
        type_text(page.login, "Tuấn IT")
        assert page.problem.text().startswith("Tên đăng nhập")  # the login's rule
        page.login.setText("tuan.it")
        type_text(page.full_name, "Trần Quốc Tuấn")
        type_text(page.pair.first, "short")
        assert "12" in page.pair.problem.text() and not finish.isEnabled()
        page.pair.first.setText("the counter opens at half past seven")
        type_text(page.pair.second, "the counter opens at half past")
        assert page.pair.problem.text() != "" and not finish.isEnabled()
        page.pair.second.setText("the counter opens at half past seven")
        assert page.pair.problem.text() == "" and finish.isEnabled()
        with qtbot.waitSignal(assistant.accepted):
            qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        assert assistant.officer == Officer("tuan.it", "Trần Quốc Tuấn", Role.IT)

        # The new account signs in at once: its password was chosen by the one who uses it.
        from app.counter import CounterSession

        gate = session_gate(CounterSession(tmp_path, settings, assistant.officer, store))
        sign_in = SignInDialog(gate, settings, operations, now=lambda: MONDAY_0910)
        qtbot.addWidget(sign_in)
        sign_in.show()
        type_text(sign_in.form.login, "tuan.it")
        type_text(sign_in.form.password, "the counter opens at half past seven")
        with qtbot.waitSignal(sign_in.accepted):
            qtbot.mouseClick(sign_in.form.button, Qt.MouseButton.LeftButton)
        assert sign_in.change_password is None
        assert sign_in.officer == assistant.officer
    finally:
        store.close()
