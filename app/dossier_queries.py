"""Finding dossiers and showing them: the lookups behind ``show``, ``list``, ``print``,
``reappoint`` and the window.

``dossier_key`` is the one place that says how a typed or scanned key names a
dossier: a well-formed code (any case, as on BM 01) or else its id. Lookups
return the store's typed records (``StoredDossier``); ``summary_json`` and
``detail_json`` are their JSON form for the command line. No personal data is logged here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from app.dossier.problems import field_label
from app.dossier_code import parse_code
from app.i18n import Message
from app.search import matches
from db.dossier_status import latest_changes, status_history
from db.dossiers import (
    dossier_by_key,
    dossiers_by_reference,
    dossiers_of_id_numbers,
    dossiers_received_between,
)
from db.dossiers import dossiers_of_applicant as applicant_dossiers

# StoredDossier is what the lookups return; the window names it from here, never from db.
from db.records import CorrectionRecord, DossierKey, StatusChangeRecord
from db.records import StoredDossier as StoredDossier
from db.store import Store

NO_SUCH_DOSSIER = Message(
    "không có hồ sơ nào có mã hoặc mã số '{key}'", "no dossier with code or id '{key}'"
)
# A voided dossier is shown, never acted on: no paper, no new round, no correction.
DOSSIER_VOIDED = Message(
    "hồ sơ {key} đã bị hủy lúc {at}; không làm thêm được gì với hồ sơ đã hủy",
    "dossier {key} was voided at {at}; nothing more can be done with a voided dossier",
)
VOIDED = Message("Đã hủy", "Voided")


def voided_values(dossier: StoredDossier) -> dict[str, str]:
    """The values ``DOSSIER_VOIDED`` says of a voided dossier."""
    assert dossier.voided is not None, "asked only of a voided dossier"
    return {
        "key": dossier.code or dossier.id,
        "at": f"{dossier.voided.voided_at:%H:%M %d/%m/%Y}",
    }


def dossier_key(key: str) -> DossierKey:
    """What the officer typed or scanned: a dossier code (BM 01's barcode) or an id."""
    key = key.strip()
    return DossierKey(code=key.upper()) if parse_code(key) else DossierKey(id=key)


def look_up(store: Store, key: str) -> StoredDossier | None:
    """A dossier by its code (typed, or scanned from BM 01) or its id, with its history."""
    return dossier_by_key(store, dossier_key(key))


def dossiers_received_on(store: Store, day: dt.date) -> list[StoredDossier]:
    start = dt.datetime.combine(day, dt.time())
    return dossiers_received_between(store, start, start + dt.timedelta(days=1))


def dossiers_of_applicant(store: Store, id_number: str) -> list[StoredDossier]:
    return applicant_dossiers(store, id_number.strip())


# An identity document number: a citizen ID (12 digits), an old ID (9), a passport
# (letters and digits). A name has no digit; a reference is hex digits and hyphens.
_ID_NUMBER = re.compile(r"[A-Z0-9]{5,20}")
# "Mã tham chiếu hồ sơ" on BM 02 / BM 03: the dossier's id, or at least its last 8 characters.
_REFERENCE = re.compile(r"[0-9a-f-]{8,36}")


def search_dossiers(store: Store, text: str, day: dt.date) -> list[StoredDossier]:
    """What the officer typed or scanned into the search box.

    - a dossier code (BM 01's barcode): that dossier;
    - an identity document number (citizen ID, old ID, passport, any case), or
      the citizen-ID card's QR text: that applicant's dossiers;
    - the reference printed on BM 02 / BM 03 (the dossier's id, whole or its
      end): that dossier;
    — each of any day; otherwise a name, searched in the given day's list with
    or without diacritics.
    """
    text = text.strip()
    if not text:
        return dossiers_received_on(store, day)
    key = dossier_key(text)
    if key.code is not None:
        found = dossier_by_key(store, key)
        return [] if found is None else [found]
    found_by_number: list[StoredDossier] = []
    if "|" in text:  # the card's QR: number|old number|name|…
        numbers = [field.strip() for field in text.split("|")[:2] if field.strip()]
        return dossiers_of_id_numbers(store, numbers)
    compact = text.replace(" ", "")
    if _ID_NUMBER.fullmatch(compact.upper()) and any(c.isdigit() for c in compact):
        found_by_number = dossiers_of_id_numbers(store, [compact.upper()])
    if _REFERENCE.fullmatch(compact.lower()) and any(c.isdigit() for c in compact):
        known = {dossier.id for dossier in found_by_number}
        found_by_number += [
            dossier
            for dossier in dossiers_by_reference(store, compact.lower())
            if dossier.id not in known
        ]
    if found_by_number or any(c.isdigit() for c in text):
        return found_by_number
    return [d for d in dossiers_received_on(store, day) if matches(text, d.applicant_name)]


def last_request(dossier: StoredDossier) -> dict[str, Any] | None:
    """What the officer recorded last: a returning applicant's round starts from it."""
    return json.loads(dossier.rounds[-1].record.request_json) if dossier.rounds else None


def changed_labels(paths: Sequence[str], licences: int) -> list[str]:
    """The request fields a correction changed (``applicant.full_name``,
    ``licences[0].number``) by their labels in the chosen language, once each; which
    licence is said only when the dossier has (or had) more than one."""
    return list(dict.fromkeys(field_label(path, numbered=licences > 1) for path in paths))


def correction_labels(correction: CorrectionRecord) -> list[str]:
    """The labels of the fields a stored correction changed."""
    before, after = json.loads(correction.before_json), json.loads(correction.after_json)
    licences = max(len(before.get("licences") or []), len(after.get("licences") or []))
    return changed_labels(json.loads(correction.fields_json), licences)


# ------------------------------------------------------- the JSON of the command line


def find_dossier(store: Store, key: str) -> dict[str, Any] | None:
    """``motcua show``: the dossier with its whole history and its status changes, as
    JSON-ready data."""
    dossier = look_up(store, key)
    if dossier is None:
        return None
    found = status_history(store, DossierKey(id=dossier.id))
    return detail_json(dossier, () if found is None else found.changes)


def lifecycle_status(dossier: StoredDossier, latest: StatusChangeRecord | None) -> str:
    """Where the dossier stands: the reception's outcome until it is accepted
    (awaiting-supplement, refused), then where its result stands
    (``app.dossier_status.Status``): its latest change, "received" without one."""
    if dossier.code is None or dossier.status != "accepted":
        return dossier.status
    return latest.status if latest is not None else "received"


def where_each_stands(store: Store, dossiers: Sequence[StoredDossier]) -> dict[str, str]:
    """``lifecycle_status`` of each dossier, by id, in one read of their latest changes."""
    latest = latest_changes(store, [dossier.id for dossier in dossiers])
    return {dossier.id: lifecycle_status(dossier, latest.get(dossier.id)) for dossier in dossiers}


def status_history_json(changes: Sequence[StatusChangeRecord]) -> list[dict[str, Any]]:
    return [
        {
            "status": change.status,
            "changed_at": _minute(change.changed_at),
            "officer": change.officer,
            "point": change.point,
            "counter_number": change.counter_number,
            "details": json.loads(change.details_json),
        }
        for change in changes
    ]


def _minute(moment: dt.datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else None


def summary_json(
    dossier: StoredDossier, latest: StatusChangeRecord | None = None
) -> dict[str, Any]:
    """``status``: where the dossier stands (``lifecycle_status``, ``latest`` its latest
    status change); ``verdict``: the reception's outcome (accepted, awaiting-supplement,
    refused)."""
    return {
        "dossier_id": dossier.id,
        "code": dossier.code,
        "status": lifecycle_status(dossier, latest),
        "verdict": dossier.status,
        "procedure": dossier.procedure_id,
        "subcase": dossier.subcase,
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "applicant_id_number": dossier.applicant_id_number,
        "received_at": _minute(dossier.received_at),
        "due_at": _minute(dossier.due_at),
        "officer": dossier.officer,
        "counter_number": dossier.counter_number,
        "voided": None
        if dossier.voided is None
        else {"at": _minute(dossier.voided.voided_at), "reason": dossier.voided.reason},
    }


def _catalogue_json(evaluation: dict[str, Any]) -> dict[str, Any]:
    """The catalogue facts a stored evaluation keeps (an older record lacks them)."""
    return {
        "catalogue_hash": evaluation.get("catalogue_hash", ""),
        "catalogue_not_current": evaluation.get("catalogue_not_current", []),
    }


def detail_json(
    dossier: StoredDossier, changes: Sequence[StatusChangeRecord] = ()
) -> dict[str, Any]:
    """The dossier as ``motcua show`` prints it: ``status`` where it stands and
    ``status_history`` how its result got there (issue 14), oldest first."""
    moved = dossier.reappointment
    evaluations = [json.loads(reception.record.evaluation_json) for reception in dossier.rounds]
    latest = evaluations[-1] if evaluations else {}
    return {
        **summary_json(dossier, changes[-1] if changes else None),
        "status_history": status_history_json(changes),
        "catalogue_version": dossier.catalogue_version,
        # Of the latest round's evaluation: the version's files and why it may no longer have
        # applied on that day (app.catalogue.currency); each round has its own below.
        **_catalogue_json(latest),
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
                "classes": list(licence.classes),
                "issue_date": licence.issue_date.isoformat() if licence.issue_date else None,
                "expiry_date": licence.expiry_date.isoformat() if licence.expiry_date else None,
                "issuer": licence.issuer,
                "country": licence.country,
                "material": licence.material,
            }
            for licence in dossier.licences
        ],
        "request": last_request(dossier),
        "rounds": [
            {
                "number": reception.number,
                "received_at": _minute(reception.record.received_at),
                "verdict": reception.record.verdict,
                "officer": reception.record.officer,
                "items": [
                    {
                        "item": item.item_id,
                        "name": item.item_name,
                        "presented_form": item.presented_form,
                        "presented_count": item.presented_count,
                        "status": item.status,
                        "reason": item.reason,
                    }
                    for item in reception.record.items
                ],
                "refusals": evaluation["refusals"],
                **_catalogue_json(evaluation),
            }
            for reception, evaluation in zip(dossier.rounds, evaluations, strict=True)
        ],
        "reappointment": None
        if moved is None
        else {
            "previous_due_at": _minute(moved.previous_due_at),
            "new_due_at": _minute(moved.new_due_at),
            "reason": moved.reason,
            "decided_at": _minute(moved.decided_at),
            "officer": moved.officer,
        },
        "corrections": [
            {
                "revision": correction.revision,
                "corrected_at": _minute(correction.corrected_at),
                "officer": correction.officer,
                "reason": correction.reason,
                "changed": correction_labels(correction),
                "before": json.loads(correction.before_json),
                "after": json.loads(correction.after_json),
            }
            for correction in dossier.corrections
        ],
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
