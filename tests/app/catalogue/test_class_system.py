"""A catalogue version names the licence classes its rules are written in: a class system of
app/licence_classes, whose classes are the ones an applicant may request."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalogue.diff import ChangeKind, FieldChange, diff_catalogues
from app.catalogue.loader import CatalogueError, load_catalogue, shipped_catalogue_dir
from app.dossier.held_classes import requestable_classes
from app.licence_classes.loader import shipped_class_data

SHIPPED = shipped_catalogue_dir() / "qd-4225-2021"


def test_the_shipped_version_follows_law_23_2008(catalogue_copy: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    assert catalogue.manifest.class_system == "law-23-2008"
    law = shipped_class_data().system("law-23-2008")
    # One class list, the class system's: each printed code once (B1 automatic prints B1).
    assert requestable_classes(catalogue) == tuple(dict.fromkeys(c.code for c in law.classes))
    assert requestable_classes(catalogue) == (
        "A1", "A2", "A3", "A4", "B1", "B2", "C", "D", "E", "FB2", "FC", "FD", "FE",
    )  # fmt: skip


def test_an_unknown_class_system_is_refused_with_the_known_ones(catalogue_copy: Path) -> None:
    manifest = catalogue_copy / "catalogue.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('class_system = "law-23-2008"', 'class_system = "law-99-2030"'),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{manifest}: class_system: Value error, no class system 'law-99-2030';"
        " the class systems: law-23-2008, law-36-2024"
    ]


def test_a_version_without_a_class_system_is_refused(catalogue_copy: Path) -> None:
    manifest = catalogue_copy / "catalogue.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('class_system = "law-23-2008"\n', ""), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue_copy)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{manifest}: class_system: Field required"
    ]


def test_a_new_class_system_is_a_change_of_the_version_itself(catalogue_copy: Path) -> None:
    manifest = catalogue_copy / "catalogue.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('class_system = "law-23-2008"', 'class_system = "law-36-2024"'),
        encoding="utf-8",
    )
    difference = diff_catalogues(load_catalogue(SHIPPED), load_catalogue(catalogue_copy))
    assert difference.manifest == [
        FieldChange("class_system", ChangeKind.CHANGED, "", "law-23-2008", "law-36-2024")
    ]
