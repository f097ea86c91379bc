"""First start: the set-up assistant asks for what the counter is missing, then sign-in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.settings import (
    STEPS,
    Settings,
    SetupStep,
    load_settings,
    missing_steps,
    save_settings,
    settings_path,
)
from tests.ui.conftest import type_text
from ui.operations import Operations
from ui.qt import QLabel, QLineEdit, QSpinBox, Qt, QWizard
from ui.settings_widgets import NumberField, TextField
from ui.setup_assistant import SetupAssistant
from ui.sign_in import SignInDialog

AGENCY = "000.17.22.H56"
POINT = "Sở Xây dựng tỉnh Cà Mau – điểm số 2"
OFFICERS = "Nguyễn Thị Hoa, Trần Văn Bình"
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
        ("officers",),
    ]
    # The counter number has a default, but nobody has chosen it until the file holds it.
    settings = Settings.defaults().with_values(
        {"agency_code": AGENCY, "receiving_point": POINT, "officers": OFFICERS, **PAPERS}
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
        "Step 1 of 3: Điểm tiếp nhận",
        "Step 2 of 3: Tên trên giấy tờ",
        "Step 3 of 3: Cán bộ tiếp nhận",
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


def test_after_finishing_the_file_has_the_values_and_sign_in_lists_the_officers(
    qtbot: QtBot, fresh: SetupAssistant, tmp_path: Path
) -> None:
    type_text(_text_edit(fresh, "agency_code"), AGENCY)
    type_text(_text_edit(fresh, "receiving_point"), POINT)
    spin = fresh.step_pages[0].fields["counter_number"].focus_widget
    assert isinstance(spin, QSpinBox)
    spin.setValue(3)
    qtbot.mouseClick(fresh.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert fresh.currentPage() is fresh.step_pages[1]
    assert not _button_enabled(fresh, _next(fresh))  # no receipt without the agency's name
    type_text(_text_edit(fresh, "agency_name"), AGENCY_NAME)
    type_text(_text_edit(fresh, "place_name"), PLACE)
    qtbot.mouseClick(fresh.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert fresh.currentPage() is fresh.step_pages[2]
    finish = fresh.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    type_text(_text_edit(fresh, "officers"), "Nguyễn Thị  Hoa ,Trần Văn Bình")
    assert finish.isEnabled()
    assert not settings_path(tmp_path).exists()  # nothing written before Finish
    with qtbot.waitSignal(fresh.accepted):  # saved on the store worker thread
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    stored = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert {name: stored[name] for name in ("agency_code", "receiving_point", "counter_number")}
    assert stored["agency_code"] == AGENCY
    assert stored["receiving_point"] == POINT
    assert stored["counter_number"] == 3
    assert stored["officers"] == OFFICERS
    assert (stored["agency_name"], stored["place_name"]) == (AGENCY_NAME, PLACE)
    assert fresh.settings == load_settings(tmp_path)
    assert missing_steps(tmp_path, fresh.settings) == []

    sign_in = SignInDialog(fresh.settings)
    qtbot.addWidget(sign_in)
    assert [sign_in.officer.itemText(i) for i in range(sign_in.officer.count())] == [
        "Nguyễn Thị Hoa",
        "Trần Văn Bình",
    ]
    assert POINT in sign_in.where.text() and "3" in sign_in.where.text()
    assert sign_in.buttons.button(sign_in.buttons.StandardButton.Ok).isEnabled()
    assert sign_in.no_officer.isHidden() and sign_in.set_up_button.isHidden()


def test_only_what_is_missing_is_asked(
    qtbot: QtBot, tmp_path: Path, operations: Operations
) -> None:
    save_settings(
        tmp_path,
        Settings.defaults().with_values(
            {"agency_code": AGENCY, "receiving_point": POINT, **PAPERS}
        ),
    )
    assistant = _open(qtbot, tmp_path, operations)
    assert [list(page.fields) for page in assistant.step_pages] == [["officers"]]
    type_text(_text_edit(assistant, "officers"), "Lê Văn Cường")
    with qtbot.waitSignal(assistant.accepted):
        qtbot.mouseClick(
            assistant.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    saved = load_settings(tmp_path)
    assert (saved.agency_code, saved.officers) == (AGENCY, "Lê Văn Cường")


def test_sign_in_without_officers_leads_to_the_assistant(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.defaults().with_value("agency_code", AGENCY)
    asked: list[Settings] = []

    def set_up(shown: Settings) -> Settings:
        asked.append(shown)
        return shown.with_value("officers", OFFICERS)

    sign_in = SignInDialog(settings, set_up=set_up)
    qtbot.addWidget(sign_in)
    sign_in.show()
    ok = sign_in.buttons.button(sign_in.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and sign_in.set_up_button.isVisible()
    assert "motcua settings" not in sign_in.no_officer.text()  # no command line at the counter
    qtbot.mouseClick(sign_in.set_up_button, Qt.MouseButton.LeftButton)
    assert asked == [settings]
    assert sign_in.officer.count() == 2 and ok.isEnabled()
    assert not sign_in.set_up_button.isVisible()
