"""The command line as a script author uses it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.app.dossier.conftest import EXAMPLES, PROCEDURE_IDS


def test_catalog_json_lists_the_nine_procedures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--json", "--on", "2026-11-23"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in listing["procedures"]] == PROCEDURE_IDS
    assert listing["catalogue_version"] == "qd-4225-2021"
    cong_an = listing["procedures"][3]
    assert cong_an["subcases"] == ["A", "B", "C"]


def test_catalog_shows_one_procedure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "doi-gtvt"]) == 0
    text = capsys.readouterr().out
    assert "01. Đơn đề nghị đổi Giấy phép lái xe (theo mẫu) — 01 Bản chính" in text
    assert main(["catalog", "doi-gtvt", "--json"]) == 0
    procedure = json.loads(capsys.readouterr().out)
    assert procedure["items"][0]["id"] == "don-de-nghi"
    assert procedure["channels"][1]["same_day_return_at"] == "16:00:00"


def test_catalog_unknown_procedure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "doi-gplx"]) == 2
    assert capsys.readouterr().err.startswith(
        "motcua catalog: PROCEDURE_ID: không có thủ tục 'doi-gplx'; các thủ tục: "
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_documented_example_is_accepted(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(example)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"] == "accept"
    assert result["procedure"] == example.stem


def test_check_names_each_bad_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    request["applicant"]["identity_document"]["number"] = "07908000123"
    request["licences"][0]["expiry_date"] = "2027-02-30"
    request["presented"]["giay-kham"] = {"form": "original"}
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    assert main(["check", str(file)]) == 2
    err = capsys.readouterr().err
    # The field by its label and the rule in words: no path, no pydantic text.
    assert err.splitlines() == [
        f"motcua check: {file}: hồ sơ không hợp lệ:",
        "  Số giấy tờ tùy thân: số căn cước công dân có 12 chữ số",
        "  Ngày hết hạn giấy phép lái xe (giấy phép thứ 1): nhập ngày/tháng/năm, ví dụ 15/03/1985",
    ]
    # A counter set to English says the same in English.
    assert main(["settings", "set", "language", "en"]) == 0
    capsys.readouterr()
    assert main(["check", str(file)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"motcua check: {file}: the request is invalid:",
        "  Identity document number: a citizen ID number has 12 digits",
        "  Licence expiry date (licence 1): enter day/month/year, e.g. 15/03/1985",
    ]


def test_check_names_an_unknown_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    request["presented"]["giay-kham"] = {"form": "original"}
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    assert main(["check", str(file)]) == 2
    assert (
        "  Giấy tờ đã nộp (giay-kham): thủ tục doi-gtvt không có giấy tờ này;"
        " các giấy tờ: don-de-nghi, " in capsys.readouterr().err
    )


def test_the_installed_motcua_command(tmp_path: Path) -> None:
    """The console script a clerk or an IT script runs, in its own process."""
    command = shutil.which("motcua", path=str(Path(sys.executable).parent)) or shutil.which(
        "motcua"
    )
    assert command, "the motcua entry point is installed with the project"
    done = subprocess.run(
        [command, "check", str(EXAMPLES / "idp-cap.json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "accept"
    missing = subprocess.run(
        [command, "check", str(tmp_path / "none.json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"motcua check: {tmp_path / 'none.json'}: không có tệp này\n"


def test_a_day_before_any_catalogue_is_a_request_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    request["received_on"] = "2020-01-01"
    request["applicant"]["identity_document"]["issue_date"] = "2019-06-15"  # issued before it
    file = tmp_path / "old.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    assert main(["check", str(file)]) == 2
    assert "  Ngày tiếp nhận: không có danh mục thủ tục nào có hiệu lực ngày 01/01/2020" in (
        capsys.readouterr().err
    )
