"""Whatever a catalogue file contains, loading ends in a catalogue or in clear problems."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalogue.loader import (
    CatalogueError,
    CatalogueProblem,
    load_catalogue,
    shipped_catalogue_dir,
    validate_procedure_data,
)

SOURCE = shipped_catalogue_dir() / "qd-4225-2021" / "doi-gtvt.toml"
ORIGINAL: dict[str, Any] = tomllib.loads(SOURCE.read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


PATHS = _paths(ORIGINAL)


def _mutated(path: tuple[Any, ...], new: Any, delete: bool) -> dict[str, Any]:
    data = copy.deepcopy(ORIGINAL)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = new
    return data


def _assert_clear(problems: list[CatalogueProblem]) -> None:
    for problem in problems:
        assert problem.file and problem.rule
        assert "Traceback" not in problem.rule


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(PATHS), new=json_values, delete=st.booleans())
def test_any_change_to_any_field_is_accepted_or_explained(
    path: tuple[Any, ...], new: Any, delete: bool
) -> None:
    procedure, problems = validate_procedure_data(
        _mutated(path, new, delete), "doi-gtvt.toml", "doi-gtvt"
    )
    _assert_clear(problems)
    assert (procedure is None) <= bool(problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(SOURCE.read_text(encoding="utf-8"))),
    junk=st.text(max_size=12),
)
def test_damaged_file_text_is_explained(catalogue_copy: Path, cut: int, junk: str) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    (catalogue_copy / "doi-gtvt.toml").write_text(text[:cut] + junk + text[cut + 5 :], "utf-8")
    try:
        load_catalogue(catalogue_copy)
    except CatalogueError as error:
        _assert_clear(error.problems)
        assert all("doi-gtvt.toml" in problem.file for problem in error.problems)


def test_a_file_of_random_bytes_is_explained(catalogue_copy: Path) -> None:
    (catalogue_copy / "idp-cap.toml").write_bytes(b"\xff\xfe\x00garbage")
    try:
        load_catalogue(catalogue_copy)
    except CatalogueError as error:
        [problem] = error.problems
        assert problem.rule.startswith("not UTF-8 text")
