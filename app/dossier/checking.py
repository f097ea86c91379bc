"""From request text to evaluation: the use case behind ``motcua check``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.catalogue.loader import load_catalogue_for
from app.dossier.evaluation import Evaluation, evaluate
from app.dossier.problems import RequestError, RequestProblem, problems_from_validation
from app.dossier.request import DossierRequest


def parse_request(data: Any) -> DossierRequest:
    """A validated request, or ``RequestError`` naming every bad field."""
    if not isinstance(data, dict):
        raise RequestError([RequestProblem("", "the request must be a JSON object")])
    try:
        return DossierRequest.model_validate(data)
    except ValidationError as error:
        raise RequestError(problems_from_validation(error)) from error


def check_request_text(
    text: str,
    today: dt.date,
    catalogue_root: Path | None = None,
    catalogue_day: dt.date | None = None,
) -> Evaluation:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RequestError(
            [
                RequestProblem(
                    "", f"not valid JSON: line {error.lineno} column {error.colno}: {error.msg}"
                )
            ]
        ) from error
    request = parse_request(data)
    day = catalogue_day or request.received_on or today
    catalogue = load_catalogue_for(day, catalogue_root)
    return evaluate(request, catalogue, today)
