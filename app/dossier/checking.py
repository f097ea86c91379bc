"""From request text to evaluation: the use case behind ``motcua check``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.catalogue.loader import NoCatalogueInForce, load_catalogue_for
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


def parse_request_text(text: str) -> DossierRequest:
    """A request from its JSON text, or ``RequestError`` naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise RequestError([RequestProblem("", f"not valid JSON: {where}: {error.msg}")]) from error
    return parse_request(data)


def check_request_text(
    text: str,
    today: dt.date,
    catalogue_root: Path | None = None,
    catalogue_day: dt.date | None = None,
) -> Evaluation:
    request = parse_request_text(text)
    day = catalogue_day or request.received_on or today
    try:
        catalogue = load_catalogue_for(day, catalogue_root)
    except NoCatalogueInForce as error:
        if catalogue_day is not None or request.received_on is None:
            raise
        rule = f"no procedure catalogue is in force on {error.day:%d/%m/%Y}"
        raise RequestError([RequestProblem("received_on", rule)]) from error
    return evaluate(request, catalogue, today)
