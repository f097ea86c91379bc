"""A broken catalogue file stops the program with file, path and rule — never a guess."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from app.catalogue.loader import CatalogueError, load_catalogue, load_catalogue_for
from app.cli.main import main


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    return [str(problem) for problem in raised.value.problems]


def test_the_shipped_catalogue_loads(catalogue_copy: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    assert catalogue.version == "qd-4225-2021"


def test_a_bad_quantity_names_file_path_and_rule(catalogue_copy: Path) -> None:
    file = catalogue_copy / "doi-gtvt.toml"
    _edit(file, "quantity = 1", "quantity = 0")
    assert _problems(catalogue_copy) == [
        f"{file}: items[0].quantity: Input should be greater than or equal to 1"
    ]


def test_an_unknown_fact_is_refused(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", '"applicant.age"', '"applicant.agee"')
    [problem] = _problems(catalogue_copy)
    assert (
        "conditions[3].require.all[2].any[0].all[1].fact: unknown fact 'applicant.agee'" in problem
    )


def test_a_value_of_the_wrong_type_is_refused(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", "at_least = 55", 'at_least = "55"')
    [problem] = _problems(catalogue_copy)
    assert problem.endswith(
        "doi-gtvt.toml: conditions[3].require.all[2].any[0].all[1].at_least: "
        "Input should be a valid integer or Input should be a valid date"
    )


def test_a_date_where_the_fact_is_a_number_is_refused(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", "at_least = 55", "at_least = 1971-01-01")
    [problem] = _problems(catalogue_copy)
    assert problem.endswith(
        "conditions[3].require.all[2].any[0].all[1].at_least: "
        "'applicant.age' is a int fact; the value must be one too"
    )


def test_two_operators_in_one_test_are_refused(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", "at_least = 55", "at_least = 55, at_most = 60")
    [problem] = _problems(catalogue_copy)
    assert "needs exactly one operator" in problem


def test_decomposed_vietnamese_is_refused(catalogue_copy: Path) -> None:
    name = "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"
    _edit(
        catalogue_copy / "doi-gtvt.toml",
        f'name = "{name}"',
        f'name = "{unicodedata.normalize("NFD", name)}"',
    )
    [problem] = _problems(catalogue_copy)
    assert problem.endswith(
        "doi-gtvt.toml: name: text must be Unicode NFC (composed Vietnamese letters)"
    )


def test_a_toml_syntax_error_gives_line_and_column(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", 'id = "doi-gtvt"', 'id = "doi-gtvt')
    [problem] = _problems(catalogue_copy)
    assert "doi-gtvt.toml: not valid TOML:" in problem and "line 2" in problem


def test_a_missing_and_a_stray_file(catalogue_copy: Path) -> None:
    (catalogue_copy / "idp-cap.toml").rename(catalogue_copy / "idp-cap-moi.toml")
    problems = _problems(catalogue_copy)
    assert any("procedures[7]: no file idp-cap.toml for procedure 'idp-cap'" in p for p in problems)
    assert any(
        "idp-cap-moi.toml: not listed in the procedures of catalogue.toml" in p for p in problems
    )


def test_the_file_id_must_match(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", 'id = "doi-gtvt"', 'id = "doi-gtvt-2"')
    [problem] = _problems(catalogue_copy)
    assert problem.endswith("doi-gtvt.toml: id: the id must be 'doi-gtvt', the name of the file")


def test_the_version_in_force_is_chosen_by_date(catalogue_copy: Path) -> None:
    root = catalogue_copy.parent
    assert load_catalogue_for(dt.date(2026, 1, 1), root).version == "qd-4225-2021"
    with pytest.raises(CatalogueError, match="no catalogue version is in force on 01/01/2020"):
        load_catalogue_for(dt.date(2020, 1, 1), root)


def test_the_command_line_stops_with_the_message(
    catalogue_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", "quantity = 1", "quantity = -1")
    code = main(["catalog", "--catalogue-dir", str(catalogue_copy.parent)])
    assert code == 3
    error = capsys.readouterr().err
    assert error.startswith("motcua catalog: the procedure catalogue is invalid:")
    assert "doi-gtvt.toml: items[0].quantity: Input should be greater than or equal to 1" in error
