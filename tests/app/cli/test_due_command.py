"""``motcua due`` as the officer at the counter would check it.

Every expected time was counted by hand from the calendar (asserted first where
a holiday matters) and the default hours 07:30-11:30, 13:00-17:00 (8 h a day).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.datadir import ENV_VAR
from app.workdays import DayKind, WorkCalendar

CALENDAR = WorkCalendar.default()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Default settings in a folder of the test's own; never the real user folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(ENV_VAR, str(folder))
    return folder


def due(capsys: pytest.CaptureFixture[str], received: str, *args: str) -> dict[str, Any]:
    command = ["due", "--procedure", "doi-gtvt", "--received", received, "--json", *args]
    assert main(command) == 0, capsys.readouterr().err
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_24_november_2026_is_vietnamese_culture_day() -> None:
    status = CALENDAR.day_status(dt.date(2026, 11, 24))
    assert status.kind is DayKind.HOLIDAY
    assert status.name == "Ngày Văn hóa Việt Nam"


def test_monday_plus_five_working_days_skips_culture_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Mon 23/11 09:10-17:00 = 6 h 20; Tue 24/11 holiday; Wed-Fri 25-27/11 = 24 h (30 h 20);
    # weekend 28-29/11; Mon 30/11 = 8 h (38 h 20); the last 1 h 40 from 07:30 Tue 1/12.
    result = due(capsys, "2026-11-23 09:10")
    assert result["due_at"] == "2026-12-01T09:10"
    assert result["received_at"] == "2026-11-23T09:10"
    assert result["working_days"] == 5
    assert result["rule"] == "hours"
    assert result["procedure"] == "doi-gtvt"
    assert result["channel"] == "direct"
    assert result["catalogue_version"] == "qd-4225-2021"
    explanation = result["explanation"]
    assert explanation["counted_from"] == "2026-11-23T09:10"
    assert explanation["skipped"] == [
        {
            "date": "2026-11-24",
            "kind": "holiday",
            "name": "Ngày Văn hóa Việt Nam",
            "name_en": "Vietnam Cultural Day",
        },
        {"date": "2026-11-28", "kind": "weekend", "name": None, "name_en": None},
        {"date": "2026-11-29", "kind": "weekend", "name": None, "name_en": None},
    ]
    assert "24/11/2026 (nghỉ lễ, Tết: Ngày Văn hóa Việt Nam)" in explanation["text_vi"]
    assert explanation["text_vi"].endswith("Hẹn trả kết quả: 09:10 thứ Ba 01/12/2026.")
    assert explanation["text_en"].endswith("Due: 09:10 Tue 01/12/2026.")


@pytest.mark.parametrize(
    ("received", "expected", "counted_from"),
    [
        # By the 11:30 cut-off: 16:00 the same day.
        ("2026-11-23 10:00", "2026-11-23T16:00", "2026-11-23T10:00"),
        ("2026-11-17 11:30", "2026-11-17T16:00", "2026-11-17T11:30"),
        # After it: 16:00 the next working day, which after Mon 23/11 is Wed 25/11.
        ("2026-11-17 14:00", "2026-11-18T16:00", "2026-11-18T07:30"),
        ("2026-11-23 14:00", "2026-11-25T16:00", "2026-11-25T07:30"),
        # Friday afternoon: Monday.
        ("2026-11-27 16:30", "2026-11-30T16:00", "2026-11-30T07:30"),
    ],
)
def test_online_same_day_return(
    received: str, expected: str, counted_from: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = due(capsys, received, "--channel", "online")
    assert result["due_at"] == expected
    assert result["rule"] == "same-day"
    assert result["working_days"] == 1
    assert result["explanation"]["counted_from"] == counted_from
    assert result["explanation"]["cutoff"] == "11:30"


def test_online_after_the_cutoff_before_a_holiday_names_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = due(capsys, "2026-11-23 14:00", "--channel", "online")["explanation"]["text_vi"]
    assert "sau giờ chốt 11:30" in text
    assert "Ngày Văn hóa Việt Nam" in text
    assert text.endswith("Hẹn trả kết quả: 16:00 thứ Tư 25/11/2026.")


def test_friday_1630_counts_half_an_hour_then_the_next_week(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Fri 27/11 16:30-17:00 = 0 h 30; Mon-Thu 30/11-3/12 = 32 h; Fri 4/12 needs 7 h 30:
    # 07:30-11:30 (4 h) and 13:00-16:30.
    result = due(capsys, "2026-11-27 16:30")
    assert result["due_at"] == "2026-12-04T16:30"
    assert [day["date"] for day in result["explanation"]["skipped"]] == [
        "2026-11-28",
        "2026-11-29",
    ]


def test_the_end_of_day_rule_and_cutoff_come_from_the_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "set", "due_rule", "end-of-day"]) == 0
    capsys.readouterr()
    # 16:30 is before the 17:00 closing time: the 5th working day after Fri 27/11.
    assert due(capsys, "2026-11-27 16:30")["due_at"] == "2026-12-04T17:00"
    assert main(["settings", "set", "afternoon_cutoff", "16:00"]) == 0
    capsys.readouterr()
    # After a 16:00 cut-off it counts as received Mon 30/11: the 5th working day after.
    result = due(capsys, "2026-11-27 16:30")
    assert result["due_at"] == "2026-12-07T17:00"
    assert result["rule"] == "end-of-day"
    assert result["explanation"]["counted_from"] == "2026-11-30T07:30"


def test_tet_2026_is_not_counted(capsys: pytest.CaptureFixture[str]) -> None:
    # Tết Bính Ngọ: 16-20/02/2026 are holidays, with the weekends 14-15 and 21-22 around them.
    assert all(
        CALENDAR.day_status(dt.date(2026, 2, day)).kind is DayKind.HOLIDAY for day in range(16, 21)
    )
    # Fri 13/2 10:00-17:00 = 5 h 30; Mon-Thu 23-26/2 = 32 h; Fri 27/2 needs 2 h 30: 10:00.
    result = due(capsys, "2026-02-13 10:00")
    assert result["due_at"] == "2026-02-27T10:00"
    skipped = result["explanation"]["skipped"]
    assert [day["date"] for day in skipped] == [f"2026-02-{day}" for day in range(14, 23)]
    text = result["explanation"]["text_vi"]
    assert "16/02/2026–20/02/2026 (nghỉ lễ, Tết: Giao thừa Tết Nguyên Đán, Tết Nguyên Đán" in text
    assert text.endswith("Hẹn trả kết quả: 10:00 thứ Sáu 27/02/2026.")


def test_online_during_tet_is_ready_on_the_first_working_day_after(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = due(capsys, "2026-02-17 09:00", "--channel", "online")
    assert result["due_at"] == "2026-02-23T16:00"
    assert "vào ngày nghỉ" in result["explanation"]["text_vi"]


def test_without_json_the_explanation_is_printed_in_the_counter_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = ["due", "--procedure", "doi-gtvt", "--received", "2026-11-23 09:10"]
    assert main(command) == 0
    assert capsys.readouterr().out.startswith("Tiếp nhận lúc 09:10 thứ Hai 23/11/2026.")
    assert main(["settings", "set", "language", "en"]) == 0
    capsys.readouterr()
    assert main(command) == 0
    assert capsys.readouterr().out.startswith("Received at 09:10 Mon 23/11/2026.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--procedure", "doi-gplx", "--received", "2026-11-23 09:10"],
            "--procedure: danh mục qd-4225-2021 không có thủ tục 'doi-gplx'; các thủ tục: gv-cap,",
        ),
        (
            ["--procedure", "doi-gtvt", "--channel", "fax", "--received", "2026-11-23 09:10"],
            "--channel: phải là một trong direct, online, post (đã nhập 'fax')",
        ),
        (
            ["--procedure", "gv-cap", "--channel", "online", "--received", "2026-11-23 09:10"],
            "--channel: thủ tục gv-cap không nhận hồ sơ theo hình thức 'online';"
            " các hình thức: direct",
        ),
        (
            ["--procedure", "doi-gtvt", "--received", "2026-11-23"],
            '--received: phải là giờ địa phương "YYYY-MM-DD HH:MM", ví dụ "2026-11-23 09:10" '
            "(đã nhập '2026-11-23')",
        ),
        (
            ["--procedure", "doi-gtvt", "--received", "2026-02-30 09:00"],
            "--received: '2026-02-30 09:00' không phải thời điểm có thật",
        ),
    ],
)
def test_bad_input_names_the_option_and_the_rule(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["due", *args]) == 2
    assert capsys.readouterr().err.startswith(f"motcua due: {message}")


def test_corrupt_settings_stop_the_command(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    (data_dir / "settings.json").write_text('{"settings_version": 1, "due_rule": "days"}', "utf-8")
    assert main(["due", "--procedure", "doi-gtvt", "--received", "2026-11-23 09:10"]) == 2
    # The settings' own wording (app/settings) names the file, the option and the value.
    err = capsys.readouterr().err
    assert err.startswith(f"motcua due: {data_dir / 'settings.json'}: due_rule")
    assert '"end-of-day"' in err and '"days"' in err
