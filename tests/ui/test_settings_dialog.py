"""The settings window as IT staff use it: a typed widget per option, refused values explained."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.counter import CounterSession
from app.settings import OPTIONS, Applies, Settings, load_settings, settings_path
from db.store import Store
from tests.accounts import IT_ADMIN, add_officers
from tests.ui.conftest import type_text
from ui.operations import Operations
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    Qt,
    QTime,
    QTimeEdit,
)
from ui.settings_dialog import SettingsDialog, with_mnemonic
from ui.settings_widgets import (
    ChoiceField,
    ClockField,
    NumberField,
    PrinterField,
    SessionsField,
    TextField,
)


@pytest.fixture
def it_session(tmp_path: Path) -> Iterator[CounterSession]:
    """IT staff signed in at a counter with the default settings."""
    store = Store.in_data_dir(tmp_path)
    add_officers(store, IT_ADMIN)
    yield CounterSession(tmp_path, Settings.defaults(), IT_ADMIN, store)
    store.close()


@pytest.fixture
def dialog(qtbot: QtBot, it_session: CounterSession, operations: Operations) -> SettingsDialog:
    opened = SettingsDialog(it_session, "vi", operations)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def save_button(dialog: SettingsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_each_option_has_the_widget_of_its_kind(dialog: SettingsDialog) -> None:
    fields = dialog.fields
    assert set(fields) == {o.name for o in OPTIONS}
    counter = fields["counter_number"]
    assert isinstance(counter, NumberField) and isinstance(counter.spin, QSpinBox)
    assert (counter.spin.minimum(), counter.spin.maximum()) == (1, 99)
    for name in ("language", "due_rule", "paper_bm01"):
        assert isinstance(fields[name], ChoiceField)
    language = fields["language"]
    assert isinstance(language, ChoiceField)
    assert [language.combo.itemText(i) for i in range(2)] == ["Tiếng Việt", "English"]
    assert isinstance(fields["morning_cutoff"], ClockField)
    weekday = fields["office_hours_weekday"]
    assert isinstance(weekday, SessionsField)
    assert [(box.isChecked(), start.time(), end.time()) for box, start, end in weekday.rows][
        :2
    ] == [
        (True, QTime(7, 30), QTime(11, 30)),
        (True, QTime(13, 0), QTime(17, 0)),
    ]
    assert isinstance(fields["printer_bm01"], PrinterField)
    agency = fields["agency_code"]
    assert isinstance(agency, TextField)
    # The agency code's rule is shown under it, in the counter's language.
    rule = agency.findChild(QLabel, "agency_code_rule")
    assert rule is not None and "mã định danh theo chuẩn quốc gia" in rule.text()
    # No option falls back to free text where a typed widget fits.
    free = sorted(name for name, field in fields.items() if isinstance(field, TextField))
    assert free == [
        "agency_code",
        "agency_name",
        "help_officer",
        "help_phone",
        "help_website",
        "parent_agency",
        "place_name",
        "processing_unit",
        "receiving_point",
    ]


def test_every_control_has_a_label_with_its_buddy_and_takes_the_tab_key(
    dialog: SettingsDialog,
) -> None:
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for field in dialog.fields.values():
        assert field.focus_widget in buddies
    for kind in (QLineEdit, QSpinBox, QComboBox, QTimeEdit, QCheckBox):
        for control in dialog.findChildren(kind):
            assert control.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert with_mnemonic("Số quầy", {"s"}) == "Số &quầy"
    assert with_mnemonic("A & B", set()) == "&A && B"


def test_options_applied_at_the_next_start_are_marked(dialog: SettingsDialog) -> None:
    texts = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    for declared in OPTIONS:
        marked = texts[dialog.fields[declared.name].focus_widget].endswith(" *")
        assert marked == (declared.applies is Applies.NEXT_START)


def test_the_window_fits_a_1366_by_768_screen(dialog: SettingsDialog) -> None:
    assert dialog.width() <= 1366 and dialog.height() <= 740


def test_a_wrong_agency_code_is_refused_with_its_label_and_rule(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    agency = dialog.fields["agency_code"]
    assert isinstance(agency, TextField)
    type_text(agency.edit, "000.17.22.h56")
    assert not save_button(dialog).isEnabled()
    assert dialog.problem.text() == (
        'Mã định danh cơ quan: "" (chưa đặt) hoặc mã định danh theo chuẩn quốc gia: các nhóm '
        "chữ số và chữ in hoa cách nhau bằng dấu chấm, ví dụ 000.17.22.H56 "
        '(đã nhập: "000.17.22.h56")'
    )
    assert agency.edit.styleSheet() != ""
    agency.edit.clear()
    type_text(agency.edit, "000.17.22.H56")
    assert save_button(dialog).isEnabled()
    assert dialog.problem.text() == "" and agency.edit.styleSheet() == ""


def test_a_rule_across_options_names_the_one_changed(
    qtbot: QtBot, it_session: CounterSession, operations: Operations
) -> None:
    dialog = SettingsDialog(it_session, "en", operations)
    qtbot.addWidget(dialog)
    counter = dialog.fields["counter_number"]
    assert isinstance(counter, NumberField)
    counter.spin.setValue(20)
    assert not save_button(dialog).isEnabled()
    assert dialog.problem.text() == (
        "Counter number: counter 20 with blocks of 500 would need serials up to 10000; "
        "a daily serial has 4 digits (at most 9999)"
    )
    block = dialog.fields["serial_block_size"]
    assert isinstance(block, NumberField)
    block.spin.setValue(400)
    assert save_button(dialog).isEnabled()


def test_office_hours_are_edited_with_times(qtbot: QtBot, dialog: SettingsDialog) -> None:
    saturday = dialog.fields["office_hours_saturday"]
    assert isinstance(saturday, SessionsField)
    assert saturday.value() == ""
    box, start, end = saturday.rows[0]
    box.setChecked(True)
    start.setTime(QTime(7, 30))
    end.setTime(QTime(7, 0))  # ends before it starts
    assert not save_button(dialog).isEnabled()
    assert dialog.problem.text().startswith("Giờ tiếp nhận thứ Bảy (trống: không tiếp nhận): ")
    end.setTime(QTime(11, 30))
    assert save_button(dialog).isEnabled()
    cutoff = dialog.fields["afternoon_cutoff"]
    assert isinstance(cutoff, ClockField) and cutoff.empty is not None
    assert cutoff.value() == "" and not cutoff.time.isEnabled()
    cutoff.empty.setChecked(False)
    cutoff.time.setTime(QTime(16, 30))
    assert dialog.edited().afternoon_cutoff == "16:30"
    assert dialog.edited().office_hours_saturday == "07:30-11:30"


def test_saving_writes_the_file_and_emits_the_new_settings(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    copies = dialog.fields["copies_bm01"]
    language = dialog.fields["language"]
    assert isinstance(copies, NumberField) and isinstance(language, ChoiceField)
    copies.spin.setValue(2)
    language.combo.setCurrentIndex(language.combo.findData("en"))
    with qtbot.waitSignal(dialog.saved) as emitted:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = emitted.args[0]
    assert isinstance(saved, Settings)
    assert (saved.copies_bm01, saved.language) == (2, "en")
    assert load_settings(tmp_path) == saved
    assert json.loads(settings_path(tmp_path).read_text("utf-8"))["copies_bm01"] == 2


def test_the_window_speaks_english_on_an_english_counter(
    qtbot: QtBot, it_session: CounterSession, operations: Operations
) -> None:
    it_session.settings = Settings.defaults().with_value("language", "en")
    dialog = SettingsDialog(it_session, "en", operations)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Counter",
        "Office hours",
        "Papers",
        "Printing",
        "Signing in",
    ]
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert "Counter number *" in labels and "Copies of BM 01" in labels
