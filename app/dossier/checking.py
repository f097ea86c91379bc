"""From request text to evaluation: the use case behind ``motcua check``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.catalogue.loader import NoCatalogueInForce, load_catalogue_for
from app.dossier.evaluation import Evaluation, evaluate
from app.dossier.problems import (
    NOT_AN_OBJECT,
    NOT_JSON,
    RequestError,
    RequestProblem,
    problems_from_validation,
)
from app.dossier.request import DossierRequest
from app.i18n import Message
from app.reference_data import ReferenceData

NO_CATALOGUE_ON = Message(
    "không có danh mục thủ tục nào có hiệu lực ngày {day}",
    "no procedure catalogue is in force on {day}",
)


def parse_request(data: Any) -> DossierRequest:
    """A validated request, or ``RequestError`` naming every bad field."""
    if not isinstance(data, dict):
        raise RequestError([RequestProblem("", NOT_AN_OBJECT)])
    try:
        return DossierRequest.model_validate(data)
    except ValidationError as error:
        raise RequestError(problems_from_validation(error)) from error


def as_received_on(request: DossierRequest, day: dt.date | None) -> DossierRequest:
    """``request`` as received on ``day``, checked again on that day (an issue date after
    it is refused): ``model_copy`` would not check it. ``RequestError`` names what is wrong."""
    return parse_request(request.model_dump() | {"received_on": day})


def parse_request_text(text: str) -> DossierRequest:
    """A request from its JSON text, or ``RequestError`` naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        raise RequestError([RequestProblem("", NOT_JSON, where)]) from error
    return parse_request(data)


def check_request_text(
    text: str,
    today: dt.date,
    catalogue_root: Path | None = None,
    catalogue_day: dt.date | None = None,
    reference: ReferenceData | None = None,
) -> Evaluation:
    """``reference``: the counter's catalogue versions (the centre's with the shipped ones);
    without it, or with ``catalogue_root``, the versions of that folder."""
    request = parse_request_text(text)
    day = catalogue_day or request.received_on or today
    try:
        if reference is not None and catalogue_root is None:
            catalogue = reference.catalogue_for(day)
        else:
            catalogue = load_catalogue_for(day, catalogue_root)
    except NoCatalogueInForce as error:
        if catalogue_day is not None or request.received_on is None:
            raise
        on = {"day": f"{error.day:%d/%m/%Y}"}
        raise RequestError([RequestProblem("received_on", NO_CATALOGUE_ON, on)]) from error
    return evaluate(request, catalogue, today)
