"""The counter's settings: declared options, their rules, the file and its upgrades."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.files import FileNotWritten
from app.i18n import choose_language
from app.settings import (
    OPTIONS,
    SETTINGS_VERSION,
    VERSION_KEY,
    Applies,
    SettingError,
    Settings,
    SettingsFileError,
    Upgrade,
    change_setting,
    effective_now,
    load_settings,
    office_hours_and_rule,
    save_settings,
    serial_block,
    settings_path,
)
from app.settings.docs import DOCS_FILE, generate
from app.workdays import AFTERNOON, MORNING, DueRule, OfficeHours, Session


def write_file(folder: Path, content: str | dict[str, Any]) -> Path:
    file = settings_path(folder)
    text = content if isinstance(content, str) else json.dumps(content)
    file.write_text(text, encoding="utf-8")
    return file


# ---------------------------------------------------------------- declarations


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages below are the English ones; the Vietnamese are checked on their own."""
    choose_language("en")
    yield
    choose_language("vi")


def test_every_option_is_a_field_of_settings_in_the_same_order() -> None:
    assert list(Settings.model_fields) == [o.name for o in OPTIONS]
    for option in OPTIONS:
        assert option.label.vi and option.label.en
        rule = option.rule.describe()
        assert rule.vi and rule.en and rule.vi != rule.en
        # The default obeys the option's own rule.
        assert option.check(option.default) == option.default
        assert isinstance(option.default, option.rule.json_type)


def test_defaults_are_the_public_sector_day() -> None:
    settings = Settings.defaults()
    values = settings.as_dict()
    assert set(values) == {declared.name for declared in OPTIONS}
    assert {name: values[name] for name in COUNTER_DEFAULTS} == COUNTER_DEFAULTS
    assert office_hours_and_rule(settings) == (OfficeHours(), DueRule.HOURS)


COUNTER_DEFAULTS = {
    "agency_code": "",
    "receiving_point": "",
    "counter_number": 1,
    "serial_block_size": 500,
    "office_hours_weekday": "07:30-11:30,13:00-17:00",
    "office_hours_saturday": "",
    "morning_cutoff": "11:30",
    "afternoon_cutoff": "",
    "due_rule": "hours",
    "language": "vi",
}


# --------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("agency_code", "000.17.22.H56", "000.17.22.H56"),
        ("agency_code", "H56", "H56"),
        ("agency_code", "", ""),
        (
            "receiving_point",
            "  Sở Xây dựng tỉnh Cà Mau – điểm số 2 ",
            "Sở Xây dựng tỉnh Cà Mau – điểm số 2",
        ),
        ("counter_number", "7", 7),
        ("counter_number", "19", 19),
        ("serial_block_size", "9999", 9999),
        # Any spacing or one-digit hour is stored in one spelling.
        ("office_hours_weekday", "7:00 - 11:00, 13:30-17:30", "07:00-11:00,13:30-17:30"),
        ("office_hours_saturday", "07:30-11:30", "07:30-11:30"),
        ("office_hours_saturday", "", ""),
        ("morning_cutoff", "10:00", "10:00"),
        ("afternoon_cutoff", "16:30", "16:30"),
        ("afternoon_cutoff", "", ""),
        ("due_rule", "end-of-day", "end-of-day"),
        ("language", "en", "en"),
        ("camera_source", "webcam:2", "webcam:2"),
        ("camera_source", "webcam:02", "webcam:2"),
        ("camera_source", "webcam:/dev/video2", "webcam:/dev/video2"),
        (
            "camera_source",
            " video:/srv/training/applicant.avi ",
            "video:/srv/training/applicant.avi",
        ),
        ("camera_source", "image:C:\\Anh mau\\chan dung", "image:C:\\Anh mau\\chan dung"),
    ],
)
def test_accepted_values(name: str, typed: str, stored: str | int) -> None:
    assert Settings.defaults().with_text(name, typed).value(name) == stored


def test_text_typed_in_decomposed_unicode_is_stored_composed() -> None:
    decomposed = "Ca\u0300 Mau"  # "Cà Mau" as some keyboards send it
    assert Settings.defaults().with_text("receiving_point", decomposed).receiving_point == "Cà Mau"


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        (
            "agency_code",
            "000.17.22.h56",
            'Agency code: "" (not configured) or an agency code of the national standard: '
            "groups of digits and capital letters separated by dots, e.g. 000.17.22.H56 "
            '(got "000.17.22.h56")',
        ),
        ("agency_code", "000..22.H56", None),
        ("receiving_point", "two\nlines", None),
        ("counter_number", "0", "Counter number: a whole number from 1 to 99 (got 0)"),
        ("counter_number", "100", "Counter number: a whole number from 1 to 99 (got 100)"),
        ("counter_number", "-1", 'Counter number: a whole number from 1 to 99 (got "-1")'),
        ("counter_number", "three", 'Counter number: a whole number from 1 to 99 (got "three")'),
        ("counter_number", "2.5", None),
        (
            "serial_block_size",
            "0",
            "Dossier serials reserved per counter per day: a whole number from 1 to 9999 (got 0)",
        ),
        ("serial_block_size", "10000", None),
        ("office_hours_weekday", "", None),
        ("office_hours_weekday", "13:00-17:00,07:30-11:30", None),  # out of order
        ("office_hours_weekday", "07:30-12:00,11:30-17:00", None),  # overlapping
        ("office_hours_weekday", "11:30-07:30", None),  # ends before it starts
        ("office_hours_weekday", "07:30-24:00", None),
        ("office_hours_weekday", "07:00-08:00,09:00-10:00,11:00-12:00,13:00-14:00", None),
        ("office_hours_saturday", "morning", None),
        (
            "morning_cutoff",
            "",
            'Morning cut-off (same-day result): a time HH:MM, e.g. 11:30 (got "")',
        ),
        ("morning_cutoff", "11h30", None),
        ("afternoon_cutoff", "25:00", None),
        ("due_rule", "days", 'Due-date rule: "hours" or "end-of-day" (got "days")'),
        ("language", "fr", 'Language: "vi" or "en" (got "fr")'),
        ("copies_bm01", "21", "Copies of BM 01: a whole number from 1 to 20 (got 21)"),
        ("printer_bm02", "HP\tLaser", None),
        ("camera_source", "webcam:0", None),
        ("camera_source", "webcam:11", None),
        ("camera_source", "video:clips/applicant.avi", None),  # relative: to what?
        ("camera_source", "video:", None),
        ("camera_source", "image:C:anh", None),  # a drive without a root
        ("camera_source", "image:/srv/a\nb", None),
        ("camera_source", "/srv/applicant.avi", None),  # no kind
        ("camera_source", "film:/srv/applicant.avi", None),
    ],
)
def test_refused_values_name_the_label_and_the_rule(
    name: str, typed: str, message: str | None
) -> None:
    with pytest.raises(SettingError) as caught:
        Settings.defaults().with_text(name, typed)
    assert caught.value.name == name
    text = str(caught.value)
    declared = next(o for o in OPTIONS if o.name == name)
    # The label and the rule derived from the declaration, never pydantic's text.
    assert text.startswith(f"{declared.label.en}: {declared.rule.describe().en}")
    assert "pydantic" not in text and "validation error" not in text.lower()
    if message is not None:
        assert text == message


def test_a_refused_value_is_told_in_vietnamese_for_a_vietnamese_counter() -> None:
    choose_language("vi")
    with pytest.raises(SettingError) as caught:
        Settings.defaults().with_text("counter_number", "120")
    assert str(caught.value) == "Số quầy: một số nguyên từ 1 đến 99 (đã nhập: 120)"
    assert caught.value.text("en") == "Counter number: a whole number from 1 to 99 (got 120)"


def test_an_unknown_option_is_named_with_the_known_ones() -> None:
    with pytest.raises(SettingError) as caught:
        Settings.defaults().with_text("counter", "2")
    assert str(caught.value) == (
        'no setting "counter"; the settings are: '
        + ", ".join(declared.name for declared in OPTIONS)
    )


def test_settings_built_in_code_are_checked_too() -> None:
    with pytest.raises(SettingError, match=r"^Counter number: "):
        Settings.defaults().with_value("counter_number", 0)
    with pytest.raises(SettingError, match=r"^Counter number: "):
        Settings.defaults().with_value("counter_number", True)
    assert Settings.defaults().with_value("due_rule", DueRule.END_OF_DAY).due_rule == "end-of-day"


def test_each_option_says_when_it_applies() -> None:
    applies = {o.name: o.applies for o in OPTIONS}
    # The sign-in list, the sync thread and every window take these at start.
    for name in ("agency_code", "counter_number", "serial_block_size", "language"):
        assert applies[name] is Applies.NEXT_START
    # Due dates and papers read the session's settings afresh.
    for name in ("office_hours_weekday", "due_rule", "agency_name", "copies_bm01", "printer_form"):
        assert applies[name] is Applies.AT_ONCE


def test_effective_now_takes_only_what_applies_at_once() -> None:
    running = Settings.defaults().with_value("counter_number", 2)
    saved = running.with_values(
        {"counter_number": 5, "language": "en", "copies_bm01": 3, "due_rule": "end-of-day"}
    )
    now = effective_now(running, saved)
    assert (now.counter_number, now.language) == (2, "vi")
    assert (now.copies_bm01, now.due_rule) == (3, "end-of-day")


# ----------------------------------------------------------- what they drive


def test_office_hours_and_rule_follow_the_settings() -> None:
    settings = (
        Settings.defaults()
        .with_text("office_hours_weekday", "07:00-11:00,13:30-17:30")
        .with_text("office_hours_saturday", "07:30-11:30")
        .with_text("morning_cutoff", "10:30")
        .with_text("afternoon_cutoff", "16:00")
        .with_text("due_rule", "end-of-day")
    )
    hours, rule = office_hours_and_rule(settings)
    assert hours == OfficeHours(
        weekday=(
            Session(dt.time(7, 0), dt.time(11, 0)),
            Session(dt.time(13, 30), dt.time(17, 30)),
        ),
        saturday=(MORNING,),
        morning_cutoff=dt.time(10, 30),
        afternoon_cutoff=dt.time(16, 0),
    )
    assert rule is DueRule.END_OF_DAY
    assert office_hours_and_rule(Settings.defaults())[0].weekday == (MORNING, AFTERNOON)


@pytest.mark.parametrize(
    ("counter", "size", "first", "last"),
    [(1, 500, 1, 500), (2, 500, 501, 1000), (3, 500, 1001, 1500), (9, 1111, 8889, 9999)],
)
def test_each_counter_reserves_its_own_block_of_serials(
    counter: int, size: int, first: int, last: int
) -> None:
    settings = Settings.defaults().with_value("serial_block_size", size)
    block = serial_block(settings.with_value("counter_number", counter))
    assert (block.first, block.last) == (first, last)


def test_the_block_must_fit_the_four_digits_of_a_dossier_serial() -> None:
    # With the default 500 a day, counter 19 takes 9001-9500 and counter 20 would need 10000.
    assert serial_block(Settings.defaults().with_value("counter_number", 19)).last == 9500
    with pytest.raises(SettingError) as caught:
        Settings.defaults().with_text("counter_number", "20")
    assert str(caught.value) == (
        "Counter number: counter 20 with blocks of 500 would need serials up to 10000; "
        "a daily serial has 4 digits (at most 9999)"
    )
    # The option being changed is the one named.
    twelve = Settings.defaults().with_value("counter_number", 12)
    with pytest.raises(SettingError, match=r"^Dossier serials reserved per counter per day: "):
        twelve.with_text("serial_block_size", "1000")
    # Both changed together: checked once, so a valid pair passes whatever the order.
    both = Settings.defaults().with_values({"counter_number": 50, "serial_block_size": 100})
    assert serial_block(both).last == 5000


# ------------------------------------------------------------------------ file


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    settings = (
        Settings.defaults()
        .with_text("agency_code", "000.17.22.H56")
        .with_text("receiving_point", "Bộ phận một cửa – Sở Xây dựng")
        .with_text("counter_number", "4")
    )
    file = save_settings(tmp_path, settings)
    assert file == tmp_path / "settings.json"
    assert load_settings(tmp_path) == settings
    stored = json.loads(file.read_text(encoding="utf-8"))
    # Every option is written, so the file shows the whole configuration.
    assert stored == {VERSION_KEY: SETTINGS_VERSION, **settings.as_dict()}
    # Vietnamese stays readable in the file.
    assert "Bộ phận một cửa" in file.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_no_file_means_the_defaults_and_nothing_is_written(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings.defaults()
    assert list(tmp_path.iterdir()) == []


def test_change_setting_keeps_the_other_values(tmp_path: Path) -> None:
    change_setting(tmp_path, "counter_number", "3")
    change_setting(tmp_path, "language", "en")
    assert load_settings(tmp_path) == Settings.defaults().with_value(
        "counter_number", 3
    ).with_value("language", "en")


def test_an_option_missing_from_a_hand_written_file_takes_its_default(tmp_path: Path) -> None:
    write_file(tmp_path, {VERSION_KEY: 1, "counter_number": 2})
    assert load_settings(tmp_path) == Settings.defaults().with_value("counter_number", 2)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "the file is empty"),
        ('{"settings_version": 1, "counter_number": 2', "not valid JSON: Expecting ',' delimiter"),
        ("[1, 2]", 'not a JSON object {"settings_version": ..., ...}'),
        ({"counter_number": 2}, '"settings_version" must be a whole number'),
        ({VERSION_KEY: "1"}, '"settings_version" must be a whole number'),
        ({VERSION_KEY: True}, '"settings_version" must be a whole number'),
        (
            {VERSION_KEY: 3},
            '"settings_version" is 3: written by a newer motcua; this one reads up to version 2',
        ),
        (
            {VERSION_KEY: 1, "counter_number": 0},
            "counter_number — Counter number: a whole number from 1 to 99",
        ),
        (
            {VERSION_KEY: 1, "counter_number": "2"},
            "counter_number — Counter number: a whole number from 1 to 99",
        ),
        (
            {VERSION_KEY: 1, "counter_number": True},
            "counter_number — Counter number: a whole number from 1 to 99",
        ),
        ({VERSION_KEY: 1, "language": None}, 'language — Language: "vi" or "en"'),
        ({VERSION_KEY: 1, "counter_numbr": 2}, 'no setting "counter_numbr"; the settings are: '),
        (
            {VERSION_KEY: 1, "counter_number": 30},
            "counter_number — Counter number: counter 30 with blocks of 500 would need serials "
            "up to 15000",
        ),
    ],
)
def test_a_corrupt_file_is_refused_naming_the_file_and_the_problem(
    tmp_path: Path, content: str | dict[str, Any], problem: str
) -> None:
    file = write_file(tmp_path, content)
    before = file.read_bytes()
    with pytest.raises(SettingsFileError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).startswith(f"{file}: {problem}")
    # Never silently reset: changing a setting refuses too and leaves the file alone.
    with pytest.raises(SettingsFileError):
        change_setting(tmp_path, "counter_number", "5")
    assert file.read_bytes() == before


def test_every_problem_of_a_file_is_listed(tmp_path: Path) -> None:
    file = write_file(tmp_path, {VERSION_KEY: 1, "counter_number": 0, "language": "fr"})
    with pytest.raises(SettingsFileError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).splitlines() == [
        f"{file}:",
        "  counter_number — Counter number: a whole number from 1 to 99 (got 0)",
        '  language — Language: "vi" or "en" (got "fr")',
    ]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    file = settings_path(tmp_path)
    file.write_bytes(b'{"settings_version": 1, "receiving_point": "C\xe0 Mau"}')
    with pytest.raises(SettingsFileError, match="not UTF-8 text"):
        load_settings(tmp_path)


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(tmp_path, Settings.defaults().with_value("counter_number", 2))
    before = settings_path(tmp_path).read_bytes()

    def power_cut(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)
    # A disk that fails is the data folder's problem (exit 6), named with the file.
    with pytest.raises(FileNotWritten, match=r"settings\.json: cannot be written"):
        save_settings(tmp_path, Settings.defaults().with_value("counter_number", 3))
    monkeypatch.undo()
    assert settings_path(tmp_path).read_bytes() == before
    # The temporary file is cleaned up, not left beside the settings.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


# -------------------------------------------------------------------- upgrades


def _rename_counter(data: dict[str, Any]) -> dict[str, Any]:
    """A fake v0 -> v1 step: version 0 called the counter number "counter"."""
    data["counter_number"] = data.pop("counter")
    return data


def _at_noon() -> dt.datetime:
    return dt.datetime(2026, 11, 23, 12, 0, 5)


def test_an_old_file_is_copied_then_upgraded_and_written_back(tmp_path: Path) -> None:
    # A version-1 file of a counter; the next version (injected here: version 2
    # renamed "counter" to "counter_number") must bring it up to date.
    old = {VERSION_KEY: 1, "counter": 4, "language": "en", "agency_code": "000.17.22.H56"}
    file = write_file(tmp_path, old)
    before = file.read_bytes()
    settings = load_settings(tmp_path, upgrades={2: _rename_counter}, version=2, now=_at_noon)
    assert settings == Settings.defaults().with_values(
        {"counter_number": 4, "language": "en", "agency_code": "000.17.22.H56"}
    )
    # The file as it was is kept, byte for byte, named by its version and the time.
    copy = tmp_path / "settings.before-v1-20261123-120005.json"
    assert copy.read_bytes() == before
    # The upgraded settings are written back in the new version: the step runs once.
    assert json.loads(file.read_text(encoding="utf-8")) == {VERSION_KEY: 2, **settings.as_dict()}
    assert load_settings(tmp_path, upgrades={}, version=2) == settings
    assert sorted(p.name for p in tmp_path.iterdir()) == [copy.name, "settings.json"]


def test_a_failed_upgrade_keeps_the_file_and_writes_no_copy(tmp_path: Path) -> None:
    file = write_file(tmp_path, {VERSION_KEY: 1, "language": "en"})
    before = file.read_bytes()
    with pytest.raises(SettingsFileError, match=r"upgrade from version 1 to 2 failed: KeyError"):
        load_settings(tmp_path, upgrades={2: _rename_counter}, version=2)
    assert file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_upgrades_run_in_order_from_the_file_version(tmp_path: Path) -> None:
    ran: list[int] = []

    def step(target: int) -> Upgrade:
        def upgrade(data: dict[str, Any]) -> dict[str, Any]:
            # Each step sees the version the previous one produced.
            assert data[VERSION_KEY] == target - 1
            ran.append(target)
            return data

        return upgrade

    steps = {n: step(n) for n in (1, 2, 3)}
    write_file(tmp_path, {VERSION_KEY: 1})
    assert load_settings(tmp_path, upgrades=steps, version=3, now=_at_noon) == Settings.defaults()
    assert ran == [2, 3]
    # One copy, of the file as it was before the first step.
    assert (tmp_path / "settings.before-v1-20261123-120005.json").is_file()


def test_a_missing_or_failing_upgrade_is_reported(tmp_path: Path) -> None:
    file = write_file(tmp_path, {VERSION_KEY: 0, "language": "en"})
    # The shipped program has no step from version 0: there never was one.
    with pytest.raises(SettingsFileError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == (
        f'{file}: "settings_version" 0 cannot be upgraded: no step to version 1'
    )
    assert caught.value.text("vi") == (
        f'{file}: "settings_version" 0 không nâng cấp được: không có bước lên phiên bản 1'
    )
    with pytest.raises(SettingsFileError, match=r"upgrade from version 0 to 1 failed: KeyError"):
        load_settings(tmp_path, upgrades={1: _rename_counter})


def test_docs_settings_md_is_generated_from_the_declarations() -> None:
    text = DOCS_FILE.read_text(encoding="utf-8")
    assert text == generate(), "docs/settings.md is out of date: run python -m app.settings.docs"
    for option in OPTIONS:
        assert f"| `{option.name}` |" in text


def test_a_version_1_file_with_the_officers_names_is_upgraded_to_version_2(tmp_path: Path) -> None:
    """The names list gave way to accounts (docs/officers.md): the upgrade drops it, keeps
    the rest, and keeps the old file beside the new one."""
    file = tmp_path / "settings.json"
    old = {VERSION_KEY: 1, "agency_code": "000.17.22.H56", "officers": "Nguyễn Thị Lan, Lê Hoa"}
    file.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    settings = load_settings(tmp_path, now=_at_noon)
    assert settings.agency_code == "000.17.22.H56"
    written = json.loads(file.read_text(encoding="utf-8"))
    assert written[VERSION_KEY] == 2 and "officers" not in written
    kept = tmp_path / "settings.before-v1-20261123-120005.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == old
