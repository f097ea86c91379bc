"""Finding dossiers and showing them: the lookups behind ``show``, ``list`` and the window.

Results are plain JSON-ready data, so the command line prints them as they are
and the window can show them without touching the database session. No
personal data is logged here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.dossier_code import parse_code
from app.search import matches
from db.dossiers import find_by_code, find_by_id, find_by_id_number, received_between
from db.models import Dossier
from db.store import Store


def find_dossier(store: Store, key: str) -> dict[str, Any] | None:
    """A dossier by its code (typed, or scanned from BM 01) or its id, with its history."""
    key = key.strip()
    with store.reading() as session:
        parsed = parse_code(key)
        dossier = (
            find_by_code(session, key.upper(), with_history=True)
            if parsed
            else find_by_id(session, key, with_history=True)
        )
        return None if dossier is None else _detail(dossier)


def dossiers_of_applicant(store: Store, id_number: str) -> list[dict[str, Any]]:
    with store.reading() as session:
        return [_summary(d) for d in find_by_id_number(session, id_number.strip())]


def search_dossiers(store: Store, text: str, day: dt.date) -> list[dict[str, Any]]:
    """What the officer typed or scanned into the search box: a code, an ID number, or a name.

    A code (BM 01's barcode) or an ID number finds dossiers of any day; a name
    searches the given day's list, with or without diacritics.
    """
    text = text.strip()
    if not text:
        return dossiers_received_on(store, day)
    if parse_code(text):
        found = find_dossier(store, text)
        return [] if found is None else [found]
    if text.isdigit():
        return dossiers_of_applicant(store, text)
    return [row for row in dossiers_received_on(store, day) if matches(text, row["applicant_name"])]


def dossiers_received_on(store: Store, day: dt.date) -> list[dict[str, Any]]:
    start = dt.datetime.combine(day, dt.time())
    with store.reading() as session:
        found = received_between(session, start, start + dt.timedelta(days=1))
        return [_summary(d) for d in found]


def _minute(moment: dt.datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else None


def _summary(dossier: Dossier) -> dict[str, Any]:
    return {
        "dossier_id": dossier.id,
        "code": dossier.code,
        "status": dossier.status,
        "procedure": dossier.procedure_id,
        "subcase": dossier.subcase,
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "applicant_id_number": dossier.applicant_id_number,
        "received_at": _minute(dossier.received_at),
        "due_at": _minute(dossier.due_at),
        "officer": dossier.officer,
        "counter_number": dossier.counter_number,
    }


def _detail(dossier: Dossier) -> dict[str, Any]:
    return {
        **_summary(dossier),
        "catalogue_version": dossier.catalogue_version,
        "receiving_point": dossier.receiving_point,
        "fee_vnd": dossier.fee_vnd,
        "result_delivery": dossier.result_delivery,
        "delivery_address": dossier.delivery_address,
        "applicant": json.loads(dossier.applicant_json),
        "due_explanation": json.loads(dossier.due_explanation_json)
        if dossier.due_explanation_json
        else None,
        "licences": [
            {
                "number": licence.number,
                "classes": licence.classes.split(),
                "issue_date": licence.issue_date.isoformat() if licence.issue_date else None,
                "expiry_date": licence.expiry_date.isoformat() if licence.expiry_date else None,
                "issuer": licence.issuer,
                "material": licence.material,
            }
            for licence in dossier.licences
        ],
        # What the officer recorded last: a returning applicant's round starts from it.
        "request": json.loads(dossier.rounds[-1].request_json) if dossier.rounds else None,
        "rounds": [
            {
                "number": reception.number,
                "received_at": _minute(reception.received_at),
                "verdict": reception.verdict,
                "officer": reception.officer,
                "items": [
                    {
                        "item": item.item_id,
                        "name": item.item_name,
                        "presented_form": item.presented_form,
                        "presented_count": item.presented_count,
                        "status": item.status,
                        "reason": item.reason,
                    }
                    for item in reception.items
                ],
                "refusals": json.loads(reception.evaluation_json)["refusals"],
            }
            for reception in dossier.rounds
        ],
        "reappointment": None
        if dossier.reappointment is None
        else {
            "previous_due_at": _minute(dossier.reappointment.previous_due_at),
            "new_due_at": _minute(dossier.reappointment.new_due_at),
            "reason": dossier.reappointment.reason,
            "decided_at": _minute(dossier.reappointment.decided_at),
            "officer": dossier.reappointment.officer,
        },
        "photos": [
            {
                "kind": photo.kind,
                "sha256": photo.sha256,
                "width": photo.width,
                "height": photo.height,
                "taken_at": _minute(photo.taken_at),
            }
            for photo in dossier.photos
        ],
        "slips": [
            {
                "kind": slip.kind,
                "printed_at": _minute(slip.printed_at),
                "print_number": slip.print_number,
            }
            for slip in dossier.slips
        ],
    }
