"""The JSON Schemas of the request and the result, as published in ``docs/schema/``.

Run ``python -m app.dossier.schemas docs/schema`` after changing a model; a test
fails while the published files differ from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.dossier.evaluation import EVALUATION_SCHEMA_VERSION, Evaluation
from app.dossier.request import REQUEST_SCHEMA_VERSION, DossierRequest


def published_schemas() -> dict[str, dict[str, Any]]:
    return {
        f"request-v{REQUEST_SCHEMA_VERSION}.schema.json": DossierRequest.model_json_schema(),
        f"evaluation-v{EVALUATION_SCHEMA_VERSION}.schema.json": Evaluation.model_json_schema(
            mode="serialization"
        ),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    for name, schema in published_schemas().items():
        (folder / name).write_text(render(schema), encoding="utf-8")
