"""``motcua catalog validate DIR`` and ``motcua catalog diff OLD NEW``: the tools of the people
who write a decision into data, as they run them (Vietnamese, the counter's default)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.catalogue.loader import shipped_catalogue_dir
from tests.app.cli.running import run_motcua

SHIPPED = shipped_catalogue_dir() / "qd-4225-2021"
OLD_NAME = "Đơn đề nghị đổi Giấy phép lái xe (theo mẫu)"
NEW_NAME = "Đơn đề nghị cấp đổi giấy phép lái xe (theo mẫu)"


@pytest.fixture
def version(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalogue version."""
    copy = tmp_path / "qd-moi"
    shutil.copytree(SHIPPED, copy)
    return copy


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_version_is_valid() -> None:
    ran = run_motcua(["catalog", "validate", str(SHIPPED)])
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == f"{SHIPPED}: hợp lệ — phiên bản qd-4225-2021, 9 thủ tục\n"


def test_three_problems_in_two_files_are_all_listed(version: Path) -> None:
    exchange, instructor = version / "doi-gtvt.toml", version / "gv-cap.toml"
    _edit(exchange, "quantity = 1", "quantity = 0")
    _edit(exchange, f'name = "{OLD_NAME}"', 'name = ""')
    _edit(instructor, "fee_vnd = 0", "fee_vnd = -1")
    ran = run_motcua(["catalog", "validate", str(version)])
    assert ran.code == 3
    # In the order of the manifest's procedures (gv-cap comes first), then of each file.
    assert ran.out.splitlines() == [
        f"{instructor}: channels[0].fee_vnd: Input should be greater than or equal to 0",
        f"{exchange}: items[0].name: String should have at least 1 character",
        f"{exchange}: items[0].quantity: Input should be greater than or equal to 1",
    ]
    assert ran.err == (
        f"motcua catalog: {version}: phiên bản danh mục không dùng được — 3 lỗi trong 2 tệp\n"
    )


def test_a_broken_manifest_does_not_hide_the_procedure_files(version: Path) -> None:
    _edit(version / "catalogue.toml", "valid_from = 2021-12-17", 'valid_from = "sớm"')
    _edit(version / "gv-cap.toml", "fee_vnd = 0", "fee_vnd = -1")
    ran = run_motcua(["catalog", "validate", "--json", str(version)])
    assert ran.code == 3
    problems = json.loads(ran.out)["problems"]
    assert [(Path(p["file"]).name, p["path"]) for p in problems] == [
        ("catalogue.toml", "valid_from"),
        ("gv-cap.toml", "channels[0].fee_vnd"),
    ]


def test_a_folder_without_a_version_is_said_so(tmp_path: Path) -> None:
    ran = run_motcua(["catalog", "validate", str(tmp_path)])
    assert ran.code == 3
    assert ran.out == f"{tmp_path / 'catalogue.toml'}: (cả tệp): file not found\n"


def test_diff_names_exactly_the_item_changed(version: Path) -> None:
    _edit(version / "doi-gtvt.toml", f'name = "{OLD_NAME}"', f'name = "{NEW_NAME}"')
    ran = run_motcua(["catalog", "diff", str(SHIPPED), str(version)])
    assert (ran.code, ran.err) == (0, "")
    assert ran.out.splitlines() == [
        "So sánh qd-4225-2021 → qd-4225-2021",
        "Thủ tục sửa đổi: doi-gtvt — Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        f'  sửa items[don-de-nghi].name «01. {NEW_NAME}»: "{OLD_NAME}" → "{NEW_NAME}"',
    ]


def test_diff_in_json_for_machines(version: Path) -> None:
    _edit(version / "catalogue.toml", '    "idp-cap-lai",\n', "")
    (version / "idp-cap-lai.toml").unlink()
    ran = run_motcua(["catalog", "diff", "--json", str(SHIPPED), str(version)])
    assert ran.code == 0
    data = json.loads(ran.out)
    assert data["procedures_removed"] == [
        {"id": "idp-cap-lai", "name": "Cấp lại giấy phép lái xe quốc tế"}
    ]
    assert (data["procedures_added"], data["procedures_changed"], data["manifest"]) == ([], [], [])


def test_diff_of_equal_versions_says_no_difference(version: Path) -> None:
    ran = run_motcua(["catalog", "diff", str(SHIPPED), str(version)])
    assert (ran.code, ran.out) == (0, "So sánh qd-4225-2021 → qd-4225-2021\nkhông có khác biệt\n")


def test_diff_refuses_a_version_that_cannot_be_used(version: Path) -> None:
    _edit(version / "gv-cap.toml", "fee_vnd = 0", "fee_vnd = -1")
    ran = run_motcua(["catalog", "diff", str(SHIPPED), str(version)])
    assert (ran.code, ran.out) == (3, "")
    assert f"{version / 'gv-cap.toml'}: channels[0].fee_vnd:" in ran.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["catalog", "validate"],
            "catalog validate: cần 1 thư mục phiên bản danh mục (validate DIR); đã cho 0",
        ),
        (
            ["catalog", "diff", "a"],
            "catalog diff: cần 2 thư mục phiên bản danh mục (diff OLD NEW); đã cho 1",
        ),
        (
            ["catalog", "diff", "a", "b", "--on", "2026-01-01"],
            "--on: không dùng với catalog diff, lệnh này đọc đúng thư mục được chỉ",
        ),
        (["catalog", "doi-gtvt", "x"], "x: thừa; catalog PROCEDURE_ID chỉ nhận một mã thủ tục"),
    ],
)
def test_wrong_arguments_are_bad_input(argv: list[str], message: str) -> None:
    ran = run_motcua(argv)
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == f"motcua catalog: {message}\n"
