"""The register (Sổ theo dõi hồ sơ, BM 06) of a period, as PDF or XLSX.

One line per dossier given a code, numbered on through the year's book
(``db.papers.register_entries``). Once its result was handed over (issue 14), the
line's "received the result" columns come from that status change: the time, how
(at the counter, or by post) and, in the notes, who received it. The register is
not a slip: printing it records nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from app.dossier_status import ReturnMethod, Status
from app.i18n import Message
from app.papers.common import PrintRefused, office_of, procedure_name
from app.settings import Settings
from db.dossier_status import latest_changes
from db.papers import register_entries
from db.records import StatusChangeRecord, StoredDossier
from db.store import Store
from printing.model import Office, RegisterPeriod, RegisterRow

RegisterFormat = Literal["pdf", "xlsx"]

LAST_DAY_FIRST = Message(
    "ngày cuối {last} sớm hơn ngày đầu {first}; ngày cuối phải trùng hoặc sau ngày đầu",
    "the last day {last} is before the first day {first}; it must be the same day or later",
)


def register_rows(
    store: Store, first_day: dt.date, last_day: dt.date, settings: Settings
) -> list[RegisterRow]:
    """One row per dossier accepted (given a code) from ``first_day`` to ``last_day``."""
    if last_day < first_day:
        raise PrintRefused(
            "--to", LAST_DAY_FIRST, last=f"{last_day:%d/%m/%Y}", first=f"{first_day:%d/%m/%Y}"
        )
    start = dt.datetime.combine(first_day, dt.time())
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
    entries = register_entries(store, start, end)
    latest = latest_changes(store, [entry.dossier.id for entry in entries])
    return [
        register_row(
            entry.dossier, entry.serial, settings.agency_name, latest.get(entry.dossier.id)
        )
        for entry in entries
    ]


def register_row(
    dossier: StoredDossier, serial: int, agency: str, latest: StatusChangeRecord | None = None
) -> RegisterRow:
    """The dossier's line; ``latest``, its latest status change, fills the "received the
    result" columns once the result was handed over: when, how (at the counter or by
    post, as it was handed over) and, in the notes, who received it."""
    applicant = json.loads(dossier.applicant_json)
    values: dict[str, Any] = {
        "serial": serial,
        "code": dossier.code or "",
        "procedure_name": procedure_name(dossier),
        "applicant_name": dossier.applicant_name,
        "address": _text(applicant, "residence_address"),
        "phone": _text(applicant, "phone"),
        "handling_agency": agency,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "returned_at": None,
        "result_delivery": dossier.result_delivery,
        "delivery_address": dossier.delivery_address,
        "reappointment_reason": dossier.reappointment.reason if dossier.reappointment else "",
    }
    if latest is None or latest.status != Status.RETURNED:
        return RegisterRow(**values)
    details = json.loads(latest.details_json)
    post = details.get("post")
    if not isinstance(post, dict):
        post = {}
    by_post = details.get("method") == ReturnMethod.POST
    values["returned_at"] = latest.changed_at
    values["result_delivery"] = "post" if by_post else "counter"
    if by_post:
        values["delivery_address"] = str(post.get("address") or dossier.delivery_address)
    return RegisterRow(
        **values,
        returned_to=str(details.get("receiver", "")),
        by_proxy=details.get("method") == ReturnMethod.PROXY,
        postal_item=str(post.get("item_number", "")) if by_post else "",
    )


def _text(stored: dict[str, object], name: str) -> str:
    """A text field of stored JSON; the register prints nothing for an absent one."""
    value = stored.get(name)
    return value if isinstance(value, str) else ""


def render_register(
    store: Store,
    first_day: dt.date,
    last_day: dt.date,
    settings: Settings,
    form: RegisterFormat = "pdf",
) -> bytes:
    office = office_of(settings)
    rows = register_rows(store, first_day, last_day, settings)
    return register_file(rows, office, RegisterPeriod(first_day, last_day), form)


def register_file(
    rows: list[RegisterRow], office: Office, period: RegisterPeriod, form: RegisterFormat
) -> bytes:
    if form == "xlsx":
        from printing.register_xlsx import render_register_xlsx

        return render_register_xlsx(rows, office, period)
    from printing.register_pdf import render_register_pdf

    return render_register_pdf(rows, office, period)
