"""The register (Sổ theo dõi hồ sơ, BM 06) of a period, as PDF or XLSX.

One line per dossier given a code, numbered on through the year's book
(``db.papers.register_entries``). The register is not a slip: printing it
records nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from app.dossier.evaluation import Verdict
from app.i18n import Message
from app.papers.common import PrintRefused, office_of
from app.settings import Settings
from db.papers import register_entries
from db.records import StoredDossier
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
    return [
        register_row(entry.dossier, entry.serial, settings.agency_name)
        for entry in register_entries(store, start, end)
    ]


def register_row(dossier: StoredDossier, serial: int, agency: str) -> RegisterRow:
    applicant = json.loads(dossier.applicant_json)
    accepted = [r.record for r in dossier.rounds if r.record.verdict == Verdict.ACCEPT]
    evaluation = json.loads(accepted[-1].evaluation_json) if accepted else {}
    return RegisterRow(
        serial=serial,
        code=dossier.code or "",
        procedure_name=evaluation.get("procedure_name", dossier.procedure_id),
        applicant_name=dossier.applicant_name,
        address=_text(applicant, "residence_address"),
        phone=_text(applicant, "phone"),
        handling_agency=agency,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        returned_at=None,  # results are not handed back through the program yet
        result_delivery=dossier.result_delivery,
        delivery_address=dossier.delivery_address,
        reappointment_reason=dossier.reappointment.reason if dossier.reappointment else "",
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
