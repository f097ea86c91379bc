"""The formats published in docs/ are the ones the program reads and writes."""

from __future__ import annotations

from pathlib import Path

from app.dossier.facts import FACTS
from app.dossier.schemas import published_schemas, render
from tests.app.dossier.conftest import PROCEDURE_IDS

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_published_json_schemas_match_the_models() -> None:
    for name, schema in published_schemas().items():
        published = (DOCS / "schema" / name).read_text(encoding="utf-8")
        assert published == render(schema), (
            f"run: python -m app.dossier.schemas docs/schema ({name})"
        )


def test_every_fact_is_documented_for_catalogue_reviewers() -> None:
    text = (DOCS / "catalogue.md").read_text(encoding="utf-8")
    assert [name for name in FACTS if f"| `{name}` |" not in text] == []


def test_there_is_one_example_request_per_procedure() -> None:
    examples = sorted(path.stem for path in (DOCS / "examples").glob("*.json"))
    assert examples == sorted(PROCEDURE_IDS)
