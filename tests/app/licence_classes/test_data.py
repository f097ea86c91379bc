"""The licence-class data files: they load, say what the law says, and a bad one is refused
with its file, place and rule."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest

from app.licence_classes.loader import (
    ClassDataError,
    load_class_data,
    shipped_class_data,
    shipped_class_dir,
)

OLD = "law-23-2008.toml"
NEW = "law-36-2024.toml"
MAPPING = "law-36-2024-art-89.toml"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder."""
    folder = tmp_path / "classes"
    shutil.copytree(shipped_class_dir(), folder)
    return folder


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ClassDataError) as error:
        load_class_data(folder)
    return [str(problem) for problem in error.value.problems]


def test_the_shipped_files_are_nfc_and_load() -> None:
    for file in sorted(shipped_class_dir().glob("*.toml")):
        assert unicodedata.is_normalized("NFC", file.read_text(encoding="utf-8")), file.name
    data = shipped_class_data()
    assert [system.id for system in data.systems] == ["law-23-2008", "law-36-2024"]
    assert [mapping.id for mapping in data.mappings] == ["law-36-2024-art-89"]


def test_the_two_systems_meet_on_1_january_2025() -> None:
    old, new = shipped_class_data().systems
    assert (old.valid_from, old.valid_until) == (dt.date(2009, 7, 1), dt.date(2024, 12, 31))
    assert (new.valid_from, new.valid_until) == (dt.date(2025, 1, 1), None)
    assert old.replaced_by == "law-36-2024"
    assert "Điều 17" in old.source and "Điều 57" in new.source


def test_the_classes_of_each_law() -> None:
    old, new = shipped_class_data().systems
    assert old.class_keys() == (
        "A1", "A2", "A3", "A4", "B1-automatic", "B1", "B2",
        "C", "D", "E", "FB2", "FC", "FD", "FE",
    )  # fmt: skip
    assert new.class_keys() == (
        "A1", "A", "B1", "B", "C1", "C", "D1", "D2", "D",
        "BE", "C1E", "CE", "D1E", "D2E", "DE",
    )  # fmt: skip
    automatic = old.find("B1-automatic")
    assert automatic is not None and automatic.code == "B1"


def _validity_table(system_index: int) -> dict[str, str]:
    system = shipped_class_data().systems[system_index]
    table: dict[str, str] = {}
    for entry in system.classes:
        rule = entry.validity
        if rule.kind == "unlimited":
            table[entry.key] = "unlimited"
        elif rule.kind == "years":
            table[entry.key] = f"{rule.years} years"
        else:
            assert rule.until_age and rule.over_age
            table[entry.key] = (
                f"until {rule.until_age.female}/{rule.until_age.male}, "
                f"{rule.years} years over {rule.over_age.female}/{rule.over_age.male}"
            )
    return table


def test_the_validity_rules_are_the_laws() -> None:
    b1 = "until 55/60, 10 years over 45/50"
    assert _validity_table(0) == {
        "A1": "unlimited", "A2": "unlimited", "A3": "unlimited", "A4": "10 years",
        "B1-automatic": b1, "B1": b1, "B2": "10 years",
        "C": "5 years", "D": "5 years", "E": "5 years",
        "FB2": "5 years", "FC": "5 years", "FD": "5 years", "FE": "5 years",
    }  # fmt: skip
    assert _validity_table(1) == {
        "A1": "unlimited", "A": "unlimited", "B1": "unlimited",
        "B": "10 years", "C1": "10 years",
        **dict.fromkeys(["C", "D1", "D2", "D", "BE", "C1E", "CE", "D1E", "D2E", "DE"], "5 years"),
    }  # fmt: skip


def test_every_class_quotes_its_law() -> None:
    for system in shipped_class_data().systems:
        for entry in system.classes:
            assert entry.allows_source.startswith("Luật số"), entry.key
            assert entry.validity_source, entry.key
            named = {
                f"hạng {entry.code}",
                f"Hạng {entry.code}",
                f", {entry.code},",
                f", {entry.code} ",
            }
            assert any(words in entry.allows for words in named), entry.key


def test_every_row_quotes_its_point() -> None:
    mapping = shipped_class_data().mappings[0]
    for row in mapping.rows:
        named = "B1 số tự động" if row.from_class == "B1-automatic" else row.from_class
        assert f"hạng {named}" in row.text or f"hạng B1, {named}" in row.text, row.from_class
        for code in row.to:
            assert f"hạng {code}" in row.text, (row.from_class, code)
        for certificate in row.certificates:
            assert certificate in row.text, row.from_class


def test_decomposed_vietnamese_is_refused(data_copy: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Hạng A2")
    _edit(data_copy / OLD, 'allows = "Hạng A2', f'allows = "{decomposed}')
    assert _problems(data_copy) == [
        f"{data_copy / OLD}: class[1].allows:"
        " text must be Unicode NFC (composed Vietnamese letters)"
    ]


def test_a_class_without_a_row_is_refused(data_copy: Path) -> None:
    _edit(data_copy / MAPPING, 'from = "FE"', 'from = "FX"')
    problems = _problems(data_copy)
    assert f"{data_copy / MAPPING}: row: class 'FE' of 'law-23-2008' has no row" in problems
    assert any("row[13].from: no class 'FX' in 'law-23-2008'" in p for p in problems)


def test_a_row_to_an_unknown_class_is_refused(data_copy: Path) -> None:
    _edit(data_copy / MAPPING, 'to = ["D2E"]', 'to = ["D3E"]')
    assert any("row[12].to[0]: no class 'D3E' in 'law-36-2024'" in p for p in _problems(data_copy))


def test_an_unknown_restriction_is_refused(data_copy: Path) -> None:
    _edit(data_copy / MAPPING, 'restrictions = ["b-so-tu-dong"]', 'restrictions = ["b-tu-dong"]')
    assert _problems(data_copy) == [
        f"{data_copy / MAPPING}: row[4].restrictions[0]: no restriction 'b-tu-dong' in this file"
    ]


def test_a_row_with_no_class_must_name_what_it_becomes(data_copy: Path) -> None:
    text = (data_copy / MAPPING).read_text(encoding="utf-8")
    start = text.index("certificates = [\n")
    end = text.index("]\n", start) + 2
    (data_copy / MAPPING).write_text(text[:start] + text[end:], encoding="utf-8")
    assert _problems(data_copy) == [
        f"{data_copy / MAPPING}: row[3]: Value error, a row with no new class must name the"
        " certificates it becomes"
    ]


def test_a_gap_between_the_periods_is_refused(data_copy: Path) -> None:
    _edit(data_copy / OLD, "valid_until = 2024-12-31", "valid_until = 2024-12-30")
    assert _problems(data_copy) == [
        f"{data_copy / OLD}: valid_until: must be the day before 'law-36-2024' takes effect"
        " (2025-01-01)"
    ]


def test_a_number_written_as_text_is_refused(data_copy: Path) -> None:
    _edit(data_copy / NEW, 'kind = "years", years = 10', 'kind = "years", years = "10"')
    assert _problems(data_copy) == [
        f"{data_copy / NEW}: class[3].validity.years: Input should be a valid integer"
    ]


def test_a_validity_with_the_keys_of_another_kind_is_refused(data_copy: Path) -> None:
    _edit(data_copy / NEW, 'kind = "unlimited"', 'kind = "unlimited", years = 10')
    assert _problems(data_copy) == [
        f"{data_copy / NEW}: class[0].validity: Value error, a 'unlimited' validity takes"
        " no other key"
    ]


def test_a_file_of_an_unknown_kind_is_refused(data_copy: Path) -> None:
    (data_copy / "notes.toml").write_text('kind = "notes"\n', encoding="utf-8")
    assert _problems(data_copy) == [
        f"{data_copy / 'notes.toml'}: kind: must be one of: class-system, class-mapping"
    ]


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path) == [f"{tmp_path}: holds no licence-class file"]
