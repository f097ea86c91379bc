"""``motcua settings`` as the IT person setting up a counter uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.audit import show_trail
from app.cli.main import main
from app.datadir import ENV_VAR
from app.settings import OPTIONS
from db.audit import AuditAction
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, OFFICER, PASSWORDS, add_officers, sign_in_args


@pytest.fixture(autouse=True)
def env_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may touch the real per-user data folder."""
    folder = tmp_path / "env-data"
    monkeypatch.setenv(ENV_VAR, str(folder))
    return folder


def show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["settings", "show", "--json", *args]) == 0
    shown: dict[str, object] = json.loads(capsys.readouterr().out)
    return shown


def test_set_then_show_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "counter")
    assert main(["settings", "set", "agency_code", "000.17.22.H56", "--data-dir", data]) == 0
    assert capsys.readouterr().out == (
        "agency_code = 000.17.22.H56  (có hiệu lực từ lần mở chương trình sau)\n"
    )
    assert main(["settings", "set", "copies_bm01", "2", "--data-dir", data]) == 0
    # Printing reads the settings afresh: nothing to wait for.
    assert capsys.readouterr().out == "copies_bm01 = 2\n"
    assert main(["settings", "set", "--data-dir", data, "counter_number", "3"]) == 0
    assert (
        main(["settings", "set", "office_hours_saturday", "07:30-11:30", "--data-dir", data]) == 0
    )
    capsys.readouterr()
    shown = show_json(capsys, "--data-dir", data)
    assert shown["file"] == str(tmp_path / "counter" / "settings.json")
    assert shown["saved"] is True
    assert shown["settings_version"] == 2
    settings = shown["settings"]
    assert isinstance(settings, dict)
    assert settings["agency_code"] == "000.17.22.H56"
    assert settings["counter_number"] == 3
    assert settings["office_hours_saturday"] == "07:30-11:30"
    assert settings["office_hours_weekday"] == "07:30-11:30,13:00-17:00"


def test_the_camera_source_is_shown_and_set_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path)
    settings = show_json(capsys, "--data-dir", data)["settings"]
    assert isinstance(settings, dict) and settings["camera_source"] == "webcam:1"
    assert main(["settings", "set", "camera_source", "video:clip.avi", "--data-dir", data]) == 2
    assert capsys.readouterr().err.startswith("motcua settings: Nguồn ảnh chụp chân dung: ")
    clip = tmp_path / "applicant.avi"
    assert main(["settings", "set", "camera_source", f"video:{clip}", "--data-dir", data]) == 0
    # The photo panel switches to it when the settings are saved: nothing to wait for.
    assert capsys.readouterr().out == f"camera_source = video:{clip}\n"
    settings = show_json(capsys, "--data-dir", data)["settings"]
    assert isinstance(settings, dict) and settings["camera_source"] == f"video:{clip}"


def test_show_lists_every_setting_with_its_vietnamese_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "show", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    file = tmp_path / "settings.json"
    assert lines[0] == f"Tệp cài đặt: {file} (chưa lưu, đang dùng giá trị mặc định)"
    assert lines[3].split() == ["counter_number", "1", "Số", "quầy"]
    assert "Giờ làm việc thứ Hai – thứ Sáu" in lines[5]
    assert len(lines) == len(OPTIONS) + 1  # the file line, then one line per setting
    # Showing never writes a file.
    assert not file.exists()


def test_show_in_english_when_the_counter_is_set_to_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "language", "en", "--data-dir", str(tmp_path)]) == 0
    assert main(["settings", "show", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Settings file: {tmp_path / 'settings.json'}\n" in out
    assert "Counter number" in out


def test_a_bad_value_is_refused_with_the_rule_and_nothing_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "counter_number", "120", "--data-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # The option's label and rule in the counter's language, never pydantic's text.
    assert captured.err == "motcua settings: Số quầy: một số nguyên từ 1 đến 99 (đã nhập: 120)\n"
    assert not (tmp_path / "settings.json").exists()


def test_a_bad_value_is_refused_in_english_on_an_english_counter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["settings", "set", "language", "en", *data]) == 0
    assert main(["settings", "set", "paper_bm01", "A3", *data]) == 2
    assert capsys.readouterr().err == (
        'motcua settings: Paper size for BM 01: "A5" or "A4" (got "A3")\n'
    )
    assert main(["settings", "set", "counter_number", "20", *data]) == 2
    assert capsys.readouterr().err == (
        "motcua settings: Counter number: counter 20 with blocks of 500 would need serials up "
        "to 10000; a daily serial has 4 digits (at most 9999)\n"
    )


def test_an_empty_value_is_given_as_empty_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["settings", "set", "afternoon_cutoff", "16:00", *data]) == 0
    assert main(["settings", "set", "afternoon_cutoff", "", *data]) == 0
    assert main(["settings", "set", "office_hours_weekday", "", *data]) == 2
    assert capsys.readouterr().err.startswith(
        "motcua settings: Giờ làm việc thứ Hai – thứ Sáu: một đến 3 buổi HH:MM-HH:MM"
    )


def test_an_unknown_setting_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "colour", "blue", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(
        "motcua settings: không có cài đặt “colour”; các cài đặt là: agency_code, receiving_point, "
    )


def test_a_corrupt_file_is_reported_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "settings.json"
    file.write_text('{"settings_version": 1,\n "counter_number": }\n', encoding="utf-8")
    expected = (
        f"motcua settings: {file}: không phải JSON hợp lệ: Expecting value ở dòng 2, cột 20\n"
    )
    assert main(["settings", "show", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == expected
    assert main(["settings", "set", "counter_number", "2", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == expected
    assert file.read_text(encoding="utf-8") == '{"settings_version": 1,\n "counter_number": }\n'


def test_the_environment_variable_chooses_the_folder_unless_the_option_is_given(
    tmp_path: Path, env_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "counter_number", "5"]) == 0
    assert json.loads((env_data_dir / "settings.json").read_text("utf-8"))["counter_number"] == 5
    other = tmp_path / "other"
    capsys.readouterr()
    shown = show_json(capsys, "--data-dir", str(other))
    assert shown["saved"] is False
    assert shown["file"] == str(other / "settings.json")


def test_a_data_folder_that_is_a_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("", encoding="utf-8")
    assert main(["settings", "show", "--data-dir", str(blocker)]) == 2
    assert capsys.readouterr().err == (
        f"motcua settings: thư mục dữ liệu: {blocker} (lấy từ --data-dir): đường dẫn này là "
        "một tệp chứ không phải thư mục; hãy chỉ định thư mục khác hoặc chuyển tệp đó đi\n"
    )


# ----------------------------------------------------------------- signing in


@pytest.fixture
def counter(tmp_path: Path) -> Path:
    """A counter with its store and its officers' accounts."""
    folder = tmp_path / "counter"
    assert main(["settings", "set", "agency_code", "000.17.22.H56", "--data-dir", str(folder)]) == 0
    assert main(["officer", "list", "--data-dir", str(folder)]) == 0  # creates the store
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


def test_an_officer_cannot_change_settings_and_is_told_it_staff_may(
    counter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = main(
        ["settings", "set", "counter_number", "4", *sign_in_args(tmp_path, OFFICER),
         "--data-dir", str(counter)]
    )  # fmt: skip
    assert code == 7
    assert capsys.readouterr().err == (
        "motcua settings: chỉ cán bộ IT được thay đổi cài đặt; lan đang đăng nhập với vai trò"
        " cán bộ tiếp nhận\n"
    )
    shown = show_json(capsys, "--data-dir", str(counter))["settings"]
    assert isinstance(shown, dict) and shown["counter_number"] == 1


def test_it_staff_change_a_setting_recorded_with_their_login_and_no_value(
    counter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["settings", "set", "agency_name", "Sở GTVT Hà Nội", *sign_in_args(tmp_path, IT_ADMIN),
         "--data-dir", str(counter)]
    )  # fmt: skip
    assert code == 0
    store = Store.in_data_dir(counter)
    try:
        changes = show_trail(store, action=AuditAction.SETTINGS_CHANGE)
        signed = show_trail(store, action=AuditAction.SIGN_IN)
    finally:
        store.close()
    assert [(row.actor, json.loads(row.subject_json)) for row in changes][-1] == (
        "it.admin",
        {"options": "agency_name"},
    )
    assert signed[-1].actor == "it.admin"
    assert json.loads(signed[-1].subject_json) == {"via": "command"}
    assert all("GTVT" not in row.subject_json for row in changes)


def test_without_signing_in_a_counter_with_accounts_refuses_the_change(
    counter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["settings", "set", "counter_number", "4", "--data-dir", str(counter)]) == 2
    assert "--officer" in capsys.readouterr().err


def test_a_wrong_password_is_refused_and_recorded_as_a_failed_sign_in(
    counter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.password"
    wrong.write_text("not the password\n", encoding="utf-8")
    code = main(
        ["settings", "set", "counter_number", "4", "--officer", "it.admin",
         "--officer-password-from", str(wrong), "--data-dir", str(counter)]
    )  # fmt: skip
    assert code == 7
    assert "mật khẩu không đúng" in capsys.readouterr().err
    store = Store.in_data_dir(counter)
    try:
        failed = show_trail(store, actor="it.admin", action=AuditAction.SIGN_IN_FAILED)
    finally:
        store.close()
    assert len(failed) == 1


def test_neither_the_store_nor_the_settings_file_holds_a_password(
    counter: Path, tmp_path: Path
) -> None:
    import sqlite3

    assert main(
        ["settings", "set", "counter_number", "2", *sign_in_args(tmp_path, IT_ADMIN),
         "--data-dir", str(counter)]
    ) == 0  # fmt: skip
    with sqlite3.connect(counter / STORE_FILE) as connection:
        dump = "\n".join(connection.iterdump())
    settings = (counter / "settings.json").read_text(encoding="utf-8")
    for password in PASSWORDS.values():
        assert password not in dump
        assert password not in settings
    assert "$argon2id$" in dump  # what is kept: the hashes
