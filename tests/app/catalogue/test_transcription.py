"""The shipped catalogue against the decision it transcribes (Decision 4225/QĐ-UBND, 2021).

What a reviewer with the decision in hand would check: the nine procedures,
the number of items of each procedure and sub-case, every text copied to the
letter, and every condition of the decision present as a rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue, shipped_catalogue_dir
from app.catalogue.model import Catalogue, ChannelId, Procedure

DECISION = Path(__file__).resolve().parents[3] / "docs" / "sources" / "qd-4225-2021.txt"

# Counted by hand in section I of each procedure of the decision.
ITEMS_PER_CASE: dict[str, dict[str | None, int]] = {
    "gv-cap": {"A": 4, "B": 5},
    "gv-cap-lai": {"A": 2, "B": 3},
    "doi-gtvt": {None: 4},
    "doi-cong-an": {"A": 4, "B": 5, "C": 6},
    "doi-quan-su": {None: 5},
    "doi-nuoc-ngoai": {None: 3},
    "doi-du-lich": {None: 4},
    "idp-cap": {None: 1},
    "idp-cap-lai": {None: 1},
}
PROCEDURES_WITH_A_CONDITIONS_CELL = [
    "doi-gtvt",
    "doi-cong-an",
    "doi-quan-su",
    "doi-nuoc-ngoai",
    "idp-cap",
    "idp-cap-lai",
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(shipped_catalogue_dir() / "qd-4225-2021")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture(scope="module")
def decision_text() -> str:
    return _flat(DECISION.read_text(encoding="utf-8").replace(" |\n", "\n"))


def test_the_nine_procedures_in_the_decisions_order(catalogue: Catalogue) -> None:
    assert list(catalogue.procedures) == list(ITEMS_PER_CASE)
    assert catalogue.manifest.valid_from.isoformat() == "2021-12-17"


@pytest.mark.parametrize("procedure_id", list(ITEMS_PER_CASE))
def test_item_count_per_subcase_matches_the_decision(
    catalogue: Catalogue, procedure_id: str
) -> None:
    procedure = catalogue.procedure(procedure_id)
    counted = {case: len(procedure.items_for(case)) for case in ITEMS_PER_CASE[procedure_id]}
    assert counted == ITEMS_PER_CASE[procedure_id]
    for case in counted:
        numbers = [item.number for item in procedure.items_for(case)]
        assert numbers == [f"{i:02d}" for i in range(1, len(numbers) + 1)]


def _verbatim_texts(procedure: Procedure) -> Iterator[tuple[str, str]]:
    yield "legal_name", procedure.legal_name
    for case in procedure.subcases or []:
        yield f"subcase {case.id}", case.name
    for item in procedure.all_items():
        yield f"item {item.id} name", item.name
        yield f"item {item.id} form_text", item.form_text
        if item.condition_text:
            yield f"item {item.id} condition_text", item.condition_text
    for condition in procedure.conditions:
        yield f"condition {condition.id} source", condition.source
    for key in ("conditions_text", "return_methods", "items_note"):
        if getattr(procedure, key):
            yield key, getattr(procedure, key)
    if procedure.photo and procedure.photo.note:
        yield "photo note", procedure.photo.note
    for channel in procedure.channels:
        yield f"{channel.id} processing_text", channel.processing_text
        yield f"{channel.id} fee_text", channel.fee_text
        for point in channel.receiving_points:
            yield f"{channel.id} receiving point", point
        for step in channel.steps:
            for key in ("name", "responsible", "time", "documents", "description"):
                if getattr(step, key):
                    yield f"{channel.id} step {step.id} {key}", getattr(step, key)
    for form in [*procedure.forms, *procedure.records_kept]:
        yield f"form {form.code}", form.name
    for law in procedure.legal_basis:
        yield "legal basis", law


@pytest.mark.parametrize("procedure_id", list(ITEMS_PER_CASE))
def test_every_text_is_copied_to_the_letter(
    catalogue: Catalogue, decision_text: str, procedure_id: str
) -> None:
    not_found = [
        f"{where}: {text[:80]}"
        for where, text in _verbatim_texts(catalogue.procedure(procedure_id))
        if _flat(text) not in decision_text
    ]
    assert not_found == []


@pytest.mark.parametrize("procedure_id", PROCEDURES_WITH_A_CONDITIONS_CELL)
def test_every_condition_of_the_decision_is_a_rule(catalogue: Catalogue, procedure_id: str) -> None:
    procedure = catalogue.procedure(procedure_id)
    assert procedure.conditions_text, "the decision has a conditions cell for this procedure"
    sentences = [s.strip() for s in re.split(r"(?:^|\s)- ", procedure.conditions_text) if s.strip()]
    sources = " ".join(_flat(condition.source) for condition in procedure.conditions)
    uncovered = [sentence for sentence in sentences if _flat(sentence) not in sources]
    assert uncovered == []


def test_procedures_that_photograph_at_the_counter(catalogue: Catalogue) -> None:
    at_counter = [p.id for p in catalogue.procedures.values() if p.photo and p.photo.at_counter]
    assert at_counter == ["doi-gtvt", "doi-cong-an", "doi-quan-su", "doi-nuoc-ngoai"]


def test_fees_and_times_of_the_domain_table(catalogue: Catalogue) -> None:
    table = {
        p.id: [(str(c.id), c.working_days, c.fee_vnd) for c in p.channels]
        for p in catalogue.procedures.values()
    }
    assert table["gv-cap"] == [("direct", 8, 0)]
    assert table["gv-cap-lai"] == [("direct", 3, 0)]
    assert table["doi-gtvt"] == [("direct", 5, 135000), ("online", 1, 135000)]
    for exchange in ("doi-cong-an", "doi-quan-su", "doi-nuoc-ngoai", "idp-cap", "idp-cap-lai"):
        assert table[exchange][0] == ("direct", 5, 135000)
    online = catalogue.procedure("doi-gtvt").channel(ChannelId.ONLINE)
    assert online.same_day_return_at is not None and online.same_day_return_at.hour == 16
