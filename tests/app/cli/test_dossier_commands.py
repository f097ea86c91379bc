"""``motcua receive``, ``show`` and ``list`` as IT scripts and supervisors use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, SUPERVISOR, add_officers, sign_in_args
from tests.app.dossier.conftest import EXAMPLES

AGENCY = "000.17.22.H56"


def with_officers(folder: Path) -> None:
    """The counter's officer accounts, in its store."""
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["settings", "set", "agency_code", AGENCY, "--data-dir", str(tmp_path)]) == 0
    with_officers(tmp_path)
    capsys.readouterr()
    return tmp_path


def officer(data_dir: Path) -> list[str]:
    return sign_in_args(data_dir, OFFICER)


def supervisor(data_dir: Path) -> list[str]:
    return sign_in_args(data_dir, SUPERVISOR)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _receive(capsys: pytest.CaptureFixture[str], data_dir: Path, example: str, at: str) -> dict:  # type: ignore[type-arg]
    code, out, err = _run(
        capsys,
        "receive",
        str(EXAMPLES / f"{example}.json"),
        *officer(data_dir),
        "--at",
        at,
        "--data-dir",
        str(data_dir),
    )
    assert code == 0, err
    result: dict = json.loads(out)  # type: ignore[type-arg]
    return result


def test_receive_numbers_and_dates_an_accepted_dossier(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    first = _receive(capsys, data_dir, "doi-gtvt", "2026-11-23 09:10")
    second = _receive(capsys, data_dir, "idp-cap", "2026-11-23 09:20")
    assert (first["code"], second["code"]) == (f"{AGENCY}-261123-0001", f"{AGENCY}-261123-0002")
    assert first["verdict"] == "accept" and first["due_at"] == "2026-12-01T09:10"
    skipped = first["due_explanation"]["skipped"]
    assert [(day["date"], day["name"]) for day in skipped if day["kind"] == "holiday"] == [
        ("2026-11-24", "Ngày Văn hóa Việt Nam")
    ]


def test_show_and_list_find_it_again(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    receipt = _receive(capsys, data_dir, "doi-gtvt", "2026-11-23 09:10")
    code, out, _ = _run(capsys, "show", receipt["code"].lower(), "--data-dir", str(data_dir))
    shown = json.loads(out)
    assert code == 0 and shown["dossier_id"] == receipt["dossier_id"]
    assert [r["verdict"] for r in shown["rounds"]] == ["accept"]
    assert shown["applicant"]["full_name"] == "Nguyễn Văn An"
    code, out, _ = _run(
        capsys, "list", "--date", "2026-11-23", "--json", "--data-dir", str(data_dir)
    )
    assert [row["code"] for row in json.loads(out)] == [receipt["code"]]
    code, out, _ = _run(
        capsys, "list", "--id-number", "079080001234", "--json", "--data-dir", str(data_dir)
    )
    assert [row["code"] for row in json.loads(out)] == [receipt["code"]]


def test_a_supplement_is_stored_without_a_code(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    del request["presented"]["giay-chung-nhan-suc-khoe"]
    file = tmp_path / "incomplete.json"
    file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(
        capsys,
        "receive",
        str(file),
        *officer(data_dir),
        "--at",
        "2026-11-23 10:00",
        "--data-dir",
        str(data_dir),
    )
    result = json.loads(out)
    assert (code, result["verdict"], result["code"], result["due_at"]) == (
        0,
        "supplement",
        None,
        None,
    )
    assert result["missing"][0]["reason"] == "Chưa nộp; cần 01 bản chính."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--at", "2026-11-31 09:00"],
            "motcua receive: --at: '2026-11-31 09:00' không phải thời điểm có thật",
        ),
        (
            ["--delivery", "post"],
            "motcua receive: --address: cần địa chỉ bưu chính khi chọn --delivery post",
        ),
    ],
)
def test_bad_options_are_named(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    code, out, err = _run(
        capsys,
        "receive",
        str(EXAMPLES / "doi-gtvt.json"),
        *officer(data_dir),
        *args,
        "--data-dir",
        str(data_dir),
    )
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_a_wrong_password_or_an_unknown_login_receives_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong.password"
    wrong.write_text("not lan's password at all\n", encoding="utf-8")
    for login in (OFFICER.login, "nobody"):
        code, out, _ = _run(
            capsys,
            "receive",
            str(EXAMPLES / "doi-gtvt.json"),
            "--officer",
            login,
            "--officer-password-from",
            str(wrong),
            "--at",
            "2026-11-23 09:10",
            "--data-dir",
            str(data_dir),
        )
        assert (code, out) == (7, "")
    _, out, _ = _run(capsys, "list", "--date", "2026-11-23", "--json", "--data-dir", str(data_dir))
    assert json.loads(out) == []


def test_nothing_is_received_before_the_agency_code_is_set(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(
        capsys,
        "receive",
        str(EXAMPLES / "doi-gtvt.json"),
        *sign_in_args(tmp_path, OFFICER),
        "--data-dir",
        str(tmp_path),
    )
    assert code == 2 and "agency_code: mã cơ quan của điểm tiếp nhận chưa được đặt" in err
    assert "motcua settings set agency_code" in err
    code, out, _ = _run(capsys, "list", "--json", "--data-dir", str(tmp_path))
    assert json.loads(out) == []


def test_an_unknown_code_is_reported(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = _run(capsys, "show", f"{AGENCY}-261123-0099", "--data-dir", str(data_dir))
    assert (code, out) == (4, "")
    assert err == f"motcua show: không có hồ sơ nào có mã hoặc mã số '{AGENCY}-261123-0099'\n"


def test_the_applicant_returns_with_the_missing_paper(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    complete = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    incomplete = json.loads(json.dumps(complete))
    del incomplete["presented"]["giay-chung-nhan-suc-khoe"]
    for name, request in (("first.json", incomplete), ("return.json", complete)):
        (tmp_path / name).write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    _, out, _ = _run(
        capsys,
        "receive",
        str(tmp_path / "first.json"),
        *officer(data_dir),
        "--at",
        "2026-11-23 10:00",
        "--data-dir",
        str(data_dir),
    )
    first = json.loads(out)
    code, out, err = _run(
        capsys,
        "receive",
        str(tmp_path / "return.json"),
        *supervisor(data_dir),
        "--at",
        "2026-11-25 08:00",
        "--supplements",
        first["dossier_id"],
        "--data-dir",
        str(data_dir),
    )
    back = json.loads(out)
    assert code == 0, err
    assert (back["dossier_id"], back["verdict"], back["code"]) == (
        first["dossier_id"],
        "accept",
        f"{AGENCY}-261125-0001",
    )
    assert back["due_at"] == "2026-12-02T08:00"  # five working days from the complete dossier
    _, out, _ = _run(capsys, "show", back["code"], "--data-dir", str(data_dir))
    rounds = json.loads(out)["rounds"]
    assert [(r["number"], r["verdict"], r["officer"]) for r in rounds] == [
        (1, "supplement", OFFICER.full_name),
        (2, "accept", SUPERVISOR.full_name),
    ]
    assert [i["status"] for i in rounds[0]["items"] if i["item"] == "giay-chung-nhan-suc-khoe"] == [
        "missing"
    ]
    code, _, err = _run(
        capsys,
        "receive",
        str(tmp_path / "return.json"),
        *officer(data_dir),
        "--supplements",
        first["dossier_id"],
        "--data-dir",
        str(data_dir),
    )
    assert code == 2
    assert (
        f"--supplements: hồ sơ {back['code']} đang ở trạng thái “Đã tiếp nhận”,"
        " không phải hồ sơ chờ bổ sung giấy tờ"
    ) in err


def test_one_reappointment_only(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    receipt = _receive(capsys, data_dir, "doi-gtvt", "2026-11-23 09:10")
    reason = "Chờ xác minh thông tin giấy phép lái xe với cơ quan cấp"
    code, out, err = _run(
        capsys,
        "reappoint",
        receipt["code"],
        "--days",
        "3",
        "--reason",
        reason,
        *supervisor(data_dir),
        "--data-dir",
        str(data_dir),
    )
    assert code == 0, err
    moved = json.loads(out)
    assert moved["previous_due_at"] == "2026-12-01T09:10"
    assert moved["due_at"] > moved["previous_due_at"]
    _, out, _ = _run(capsys, "show", receipt["code"], "--data-dir", str(data_dir))
    shown = json.loads(out)
    assert shown["due_at"] == moved["due_at"]
    assert shown["reappointment"]["reason"] == reason
    code, out, err = _run(
        capsys,
        "reappoint",
        receipt["code"],
        "--days",
        "1",
        "--reason",
        "x",
        *supervisor(data_dir),
        "--data-dir",
        str(data_dir),
    )
    assert (code, out) == (2, "")
    assert err.startswith(f"motcua reappoint: {receipt['code']}: hồ sơ này đã được hẹn lại một lần")
    assert "Nghị định 61/2018 điều 19" in err
    # The counter set to English: the same refusal in English.
    english = ["settings", "set", "language", "en", *sign_in_args(data_dir, IT_ADMIN)]
    assert _run(capsys, *english, "--data-dir", str(data_dir))[0] == 0
    code, _, err = _run(
        capsys,
        "reappoint",
        receipt["code"],
        "--days",
        "1",
        "--reason",
        "x",
        *supervisor(data_dir),
        "--data-dir",
        str(data_dir),
    )
    assert code == 2
    assert "already re-appointed once" in err and "Decree 61/2018 art. 19" in err


def test_a_stored_dossier_is_corrected_as_a_recorded_revision(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    receipt = _receive(capsys, data_dir, "doi-gtvt", "2026-11-23 09:10")
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    # The file received, corrected: its own day (another than the dossier's) is not read.
    request["received_on"] = "2026-11-30"
    request["applicant"]["full_name"] = "Nguyễn Văn Ân"
    request["licences"][0]["number"] = "790123456788"
    file = tmp_path / "corrected.json"
    file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    reason = "Gõ sai dấu tên và số giấy phép"

    def correct(*args: str) -> tuple[int, str, str]:
        signed = [] if "--officer" in args else supervisor(data_dir)
        return _run(capsys, "correct", *args, *signed, "--data-dir", str(data_dir))

    code, out, err = correct(
        receipt["code"], "--file", str(file), "--reason", reason, *supervisor(data_dir)
    )
    assert code == 0, err
    assert json.loads(out) == {
        "dossier_id": receipt["dossier_id"],
        "code": receipt["code"],
        "revision": 1,
        "changed": ["Họ và tên", "Số giấy phép lái xe"],
    }
    _, out, _ = _run(capsys, "show", receipt["code"], "--data-dir", str(data_dir))
    shown = json.loads(out)
    assert shown["applicant_name"] == "Nguyễn Văn Ân"
    assert [lic["number"] for lic in shown["licences"]] == ["790123456788"]
    [correction] = shown["corrections"]
    assert (correction["revision"], correction["officer"], correction["reason"]) == (
        1,
        SUPERVISOR.full_name,
        reason,
    )
    assert correction["changed"] == ["Họ và tên", "Số giấy phép lái xe"]
    assert correction["before"]["applicant"]["full_name"] == "Nguyễn Văn An"

    # The same file again: nothing to correct (2); an unknown dossier (4); no reason (2).
    code, out, err = correct(receipt["code"], "--file", str(file), "--reason", reason)
    assert (code, out) == (2, "")
    assert err == (
        f"motcua correct: hồ sơ {receipt['code']}: thông tin sửa giống hệt thông tin đã lưu,"
        " không có gì để sửa\n"
    )
    code, out, err = correct(f"{AGENCY}-261123-0099", "--file", str(file), "--reason", reason)
    assert (code, out) == (4, "")
    assert err == f"motcua correct: không có hồ sơ nào có mã hoặc mã số '{AGENCY}-261123-0099'\n"
    code, _, err = correct(receipt["code"], "--file", str(file), "--reason", " ")
    assert (code, err) == (2, "motcua correct: --reason: cần ghi lý do sửa hồ sơ\n")
    # A correction that would change the verdict is refused: received again instead.
    request["licences"][0]["expiry_date"] = "2026-01-10"
    file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    code, _, err = correct(receipt["code"], "--file", str(file), "--reason", reason)
    assert code == 2 and "từ “Tiếp nhận” thành “Từ chối”" in err
    # A file that is no valid request: each problem by its field's label.
    request["applicant"]["date_of_birth"] = "31/02/1980"
    file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    code, _, err = correct(receipt["code"], "--file", str(file), "--reason", reason)
    assert code == 2 and "Ngày sinh: nhập ngày/tháng/năm" in err
