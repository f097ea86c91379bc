"""The catalogue says which procedures make a card (``card``), and a wrong ``card`` key is
refused with its file, place and rule like every other key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.catalogue.loader import CatalogueError, load_catalogue, shipped_catalogue_dir


@pytest.fixture
def version(tmp_path: Path) -> Path:
    root = tmp_path / "catalogues"
    shutil.copytree(shipped_catalogue_dir(), root)
    return root / "qd-4225-2021"


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    return [str(problem) for problem in raised.value.problems]


def test_a_card_of_an_unknown_kind_is_refused(version: Path) -> None:
    file = version / "doi-gtvt.toml"
    _edit(file, 'card = "pet"', 'card = "paper"')
    assert _problems(version) == [f"{file}: card: Input should be 'pet'"]


def test_a_card_needs_the_photo_it_prints(version: Path) -> None:
    file = version / "doi-gtvt.toml"
    text = file.read_text(encoding="utf-8")
    start = text.index("[photo]")
    end = text.index("\n\n", start)
    file.write_text(text[:start] + text[end + 2 :], encoding="utf-8")
    assert _problems(version) == [
        f"{file}: card: a procedure whose result is a card needs its [photo]"
    ]
