"""The override table: the shipped file, bad files and entries from elsewhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.workdays import (
    DayKind,
    OverrideEntry,
    OverrideError,
    OverrideKind,
    WorkCalendar,
    check_entries,
    load_overrides,
    load_shipped_overrides,
    parse_overrides,
)

GOOD_ENTRY = """
[[override]]
date = 2027-02-03
kind = "day-off"
name = "Nghỉ thêm"
source = "Thông báo thử"
"""


def write(tmp_path: Path, body: str, header: str = 'format = 1\nversion = "t"\n') -> Path:
    file = tmp_path / "overrides.toml"
    file.write_text(header + body, encoding="utf-8")
    return file


def problems(file: Path) -> str:
    with pytest.raises(OverrideError) as caught:
        load_overrides(file)
    return str(caught.value)


def test_shipped_table_loads_and_holds_only_what_holidays_lacks() -> None:
    table = load_shipped_overrides()
    assert table.version
    by_date = {entry.date: entry for entry in table.entries}
    assert set(by_date) == {dt.date(2026, 1, 2), dt.date(2026, 1, 10)}
    assert by_date[dt.date(2026, 1, 2)].kind is OverrideKind.DAY_OFF
    assert "12729/VPCP-KGVX" in by_date[dt.date(2026, 1, 2)].source
    bare = WorkCalendar()
    for entry in table.entries:
        # Each entry changes what the package alone says.
        assert bare.is_working_day(entry.date) is (entry.kind is OverrideKind.DAY_OFF)


def test_good_file(tmp_path: Path) -> None:
    table = load_overrides(write(tmp_path, GOOD_ENTRY))
    assert table.entries == (
        OverrideEntry(dt.date(2027, 2, 3), OverrideKind.DAY_OFF, "Nghỉ thêm", "Thông báo thử"),
    )


@pytest.mark.parametrize(
    ("body", "entry", "rule"),
    [
        (
            GOOD_ENTRY.replace('kind = "day-off"\n', ""),
            "override[0] (2027-02-03)",
            "'kind' is missing",
        ),
        (
            GOOD_ENTRY.replace('"day-off"', '"holiday"'),
            "override[0] (2027-02-03)",
            "'kind' must be one of day-off, working-day",
        ),
        (
            GOOD_ENTRY.replace("date = 2027-02-03", 'date = "2027-02-03"'),
            "override[0]",
            "'date' must be a TOML date",
        ),
        (
            GOOD_ENTRY.replace("date = 2027-02-03", "date = 2027-02-03T08:00:00"),
            "override[0]",
            "'date' must be a TOML date",
        ),
        (GOOD_ENTRY.replace('"Nghỉ thêm"', '"  "'), "(2027-02-03)", "'name' must be a non-empty"),
        (
            GOOD_ENTRY.replace('"Nghỉ thêm"', '"Nghi\u0302\u0300 thêm"'),
            "(2027-02-03)",
            "'name' must be Unicode NFC",
        ),
        (GOOD_ENTRY + "note = 1\n", "(2027-02-03)", "unknown key 'note'"),
        (GOOD_ENTRY + GOOD_ENTRY, "override[1] (2027-02-03)", "a second entry for the same date"),
        (
            GOOD_ENTRY + "swap_with = 2027-02-06\n",
            "override[0] (2027-02-03)",
            "'swap_with' = 2027-02-06 has no entry of its own",
        ),
        (
            GOOD_ENTRY.replace("2027-02-03", "2027-02-06").replace("day-off", "working-day"),
            "override[0] (2027-02-06)",
            "a working weekend day needs 'swap_with'",
        ),
        (
            GOOD_ENTRY
            + "swap_with = 2027-02-06\n"
            + GOOD_ENTRY.replace("2027-02-03", "2027-02-06")
            + "swap_with = 2027-02-03\n",
            "override[0] (2027-02-03)",
            "must be of the other kind",
        ),
    ],
)
def test_bad_entry_names_file_entry_and_rule(
    tmp_path: Path, body: str, entry: str, rule: str
) -> None:
    file = write(tmp_path, body)
    message = problems(file)
    line = next(line for line in message.splitlines() if rule in line)
    assert str(file) in line
    assert entry in line


def test_bad_file_level_problems(tmp_path: Path) -> None:
    assert "not valid TOML" in problems(write(tmp_path, "[[override]\n"))
    assert "'format' must be 1" in problems(write(tmp_path, GOOD_ENTRY, header='version = "t"\n'))
    assert "'version' must be a non-empty string" in problems(
        write(tmp_path, GOOD_ENTRY, header="format = 1\n")
    )
    assert "unknown key 'overrides'" in problems(write(tmp_path, "[overrides]\n"))
    missing = tmp_path / "absent.toml"
    assert f"{missing}: file not found" in problems(missing)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    body = GOOD_ENTRY.replace('"day-off"', '"x"') + GOOD_ENTRY.replace(
        "2027-02-03", "2027-02-04"
    ).replace('source = "Thông báo thử"\n', "")
    with pytest.raises(OverrideError) as caught:
        load_overrides(write(tmp_path, body))
    assert len(caught.value.problems) == 2


def test_entries_from_the_central_database() -> None:
    table = parse_overrides('format = 1\nversion = "db-7"\n' + GOOD_ENTRY, "central database")
    calendar = WorkCalendar.default(extra=table.entries)
    assert calendar.day_status(dt.date(2027, 2, 3)).kind is DayKind.EXTRA_DAY_OFF
    assert calendar.day_status(dt.date(2027, 2, 3)).name == "Nghỉ thêm"
    # The shipped entries are still there.
    assert not calendar.is_working_day(dt.date(2026, 1, 2))


def test_a_later_entry_can_correct_the_package() -> None:
    # E.g. if Tết 2027 were announced differently from the package's rule.
    correction = OverrideEntry(dt.date(2027, 2, 4), OverrideKind.WORKING_DAY, "Đi làm", "Thử")
    calendar = WorkCalendar.default().with_overrides([correction])
    assert calendar.is_working_day(dt.date(2027, 2, 4))
    assert not WorkCalendar.default().is_working_day(dt.date(2027, 2, 4))


def test_entries_built_in_code_obey_the_same_rules() -> None:
    half_swap = OverrideEntry(
        dt.date(2027, 2, 6), OverrideKind.WORKING_DAY, "Làm bù", "Thử", dt.date(2027, 2, 3)
    )
    with pytest.raises(OverrideError, match=r"central database: override\[0\] \(2027-02-06\)"):
        check_entries([half_swap], "central database")
