from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Evaluation, evaluate
from app.dossier.request import DossierRequest

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
# The stable ids of the domain README, in the decision's order.
PROCEDURE_IDS = [
    "gv-cap",
    "gv-cap-lai",
    "doi-gtvt",
    "doi-cong-an",
    "doi-quan-su",
    "doi-nuoc-ngoai",
    "doi-du-lich",
    "idp-cap",
    "idp-cap-lai",
]
TODAY = dt.date(2026, 11, 23)

Evaluate = Callable[..., Evaluation]


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


class _Null:
    """Sets a field to JSON ``null`` (None removes it)."""


NULL: Any = _Null()


def changed(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A deep copy with dotted paths set ("licences.0.expiry_date"), removed (None) or set
    to null (``NULL``)."""
    result = copy.deepcopy(data)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node: Any = result
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        if isinstance(node, list):
            node[int(last)] = None if value is NULL else value
        elif value is None:
            node.pop(last, None)
        else:
            node[last] = None if value is NULL else value
    return result


@pytest.fixture
def check(catalogue: Catalogue) -> Evaluate:
    """Evaluate an example request with some fields changed (dotted paths, None removes)."""

    def run(name: str, **changes: Any) -> Evaluation:
        data = changed(example(name), changes)
        return evaluate(DossierRequest.model_validate(data), catalogue, TODAY)

    return run
