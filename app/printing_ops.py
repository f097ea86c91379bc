"""Printing a dossier's papers: what the command line and the window call.

A slip (BM 01, BM 02, BM 03) is made only from a committed dossier, and every
print is recorded in the store as a ``Slip`` row with its number: the first
print is 1, a reprint of the same slip for the same round is n + 1 and says
"BẢN IN LẠI (lần in thứ n)" at the top. The number is read and the print
recorded in one transaction (which holds the store's write lock), so two
windows reprinting at once cannot both print "lần in thứ 2".

The window previews first and records only once the page went to a printer:
``render_slip`` makes the PDF with the number it will carry, ``record_slip``
records it (and refuses when another print got that number meanwhile).
``print_slip`` does both for a file, for the command line.

Application forms and the register are not slips: printing them records nothing.
Nothing personal is logged: only dossier ids, kinds and print numbers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.dossier.evaluation import Evaluation
from app.dossier.request import DossierRequest
from app.dossier_code import parse_code
from app.settings import Settings
from db.dossiers import find_by_code, find_by_id
from db.models import Dossier, ReceptionRound, Slip
from db.store import Store
from printing.model import (
    Office,
    PaperSize,
    RegisterPeriod,
    RegisterPlace,
    RegisterRow,
    SlipData,
)

log = logging.getLogger(__name__)

SlipKind = Literal["bm01", "bm02", "bm03"]
SLIP_KINDS: tuple[SlipKind, ...] = ("bm01", "bm02", "bm03")
# The round a slip is about: the one whose verdict the slip announces.
VERDICT_OF_SLIP: dict[SlipKind, str] = {"bm01": "accept", "bm02": "supplement", "bm03": "refuse"}
SLIP_NAMES: dict[SlipKind, str] = {
    "bm01": "BM 01 (receipt and appointment)",
    "bm02": "BM 02 (papers to add)",
    "bm03": "BM 03 (refusal)",
}
# The papers ``print sample`` makes: the slips, one application form per procedure, the register.
SAMPLE_FORMS = ("doi-gtvt", "doi-nuoc-ngoai", "idp-cap", "gv-cap", "gv-cap-lai")
SAMPLE_KINDS = (*SLIP_KINDS, *(f"form-{name}" for name in SAMPLE_FORMS), "register")


class PrintRefused(Exception):
    """A paper cannot be made; ``field`` is what to fix (a setting, the dossier, an option)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


class DossierNotFound(PrintRefused):
    pass


class SlipOutdated(PrintRefused):
    """Another print of this slip was recorded after this one was made: make it again."""


# ------------------------------------------------------------------- settings


@dataclass(frozen=True)
class PrintPreferences:
    """How a kind of paper goes to the printer, from the counter's settings."""

    paper: PaperSize
    copies: int
    printer: str  # "" = the system's default printer
    landscape: bool = False


def print_preferences(settings: Settings, kind: str) -> PrintPreferences:
    """``kind``: bm01, bm02, bm03, form or register."""
    register = kind == "register"
    return PrintPreferences(
        # The register is A4 landscape whatever the settings: it has no paper option.
        paper="A4" if register else _paper(settings, kind),
        copies=int(settings.value(f"copies_{kind}")),
        printer=str(settings.value(f"printer_{kind}")),
        landscape=register,
    )


def office_of(settings: Settings) -> Office:
    """The agency the papers speak for; a paper without its name or place is refused."""
    for name, what in (
        ("agency_name", "the agency's name for the head of the papers"),
        ("place_name", 'the place name before the date ("…, ngày … tháng … năm …")'),
    ):
        if not settings.value(name):
            raise PrintRefused(
                name, f"{what} is not set; IT staff set it with: motcua settings set {name} TEXT"
            )
    return _office(settings)


def sample_office(settings: Settings) -> Office:
    """The counter's own values where set, the sample agency's elsewhere."""
    from printing.samples import SAMPLE_OFFICE

    mine = _office(settings)
    return Office(
        **{
            field.name: getattr(mine, field.name) or getattr(SAMPLE_OFFICE, field.name)
            for field in fields(Office)
        }
    )


def _office(settings: Settings) -> Office:
    return Office(
        agency_name=settings.agency_name,
        parent_agency=settings.parent_agency,
        place_name=settings.place_name,
        help_website=settings.help_website,
        help_officer=settings.help_officer,
        help_phone=settings.help_phone,
    )


def _paper(settings: Settings, kind: str) -> PaperSize:
    return "A4" if settings.value(f"paper_{kind}") == "A4" else "A5"


# ---------------------------------------------------------------------- slips


@dataclass(frozen=True)
class RenderedSlip:
    """A slip ready for the printer, and what will be recorded when it is printed."""

    dossier_id: str
    round_id: str
    kind: SlipKind
    print_number: int
    pdf: bytes


def render_slip(store: Store, key: str, kind: SlipKind, settings: Settings) -> RenderedSlip:
    """The slip of the dossier with this code or id, numbered as its next print."""
    office = office_of(settings)
    with store.reading() as session:
        return _render_slip(session, key, kind, office, _paper(settings, kind))


def record_slip(
    store: Store, rendered: RenderedSlip, officer: str, printed_at: dt.datetime
) -> None:
    """Record that ``rendered`` went to a printer (or a file)."""
    with store.transaction() as session:
        _record(session, rendered, officer, printed_at)


def print_slip(
    store: Store,
    key: str,
    kind: SlipKind,
    officer: str,
    out: Path,
    *,
    settings: Settings,
    printed_at: dt.datetime | None = None,
) -> Path:
    """Write the slip to ``out`` and record the print, both or neither.

    The file is written (atomically) inside the transaction that records the
    print, after the row is flushed: a failed write leaves no record, and a
    failed commit removes the file.
    """
    office = office_of(settings)
    printed_at = printed_at or _now()
    with contextlib.ExitStack() as undo:
        with store.transaction() as session:
            rendered = _render_slip(session, key, kind, office, _paper(settings, kind))
            _record(session, rendered, officer, printed_at)
            write_paper(out, rendered.pdf)
            undo.callback(out.unlink, missing_ok=True)
        undo.pop_all()
    return out


def _render_slip(
    session: Session, key: str, kind: SlipKind, office: Office, paper: PaperSize
) -> RenderedSlip:
    from printing.bm01 import render_bm01
    from printing.bm02 import render_bm02
    from printing.bm03 import render_bm03

    renderers: dict[SlipKind, Callable[[SlipData, Office, PaperSize], bytes]] = {
        "bm01": render_bm01,
        "bm02": render_bm02,
        "bm03": render_bm03,
    }
    dossier = _dossier(session, key)
    reception = _round_for(dossier, kind, key)
    number = _printed(session, dossier.id, reception.id, kind) + 1
    slip = _slip_data(session, dossier, reception, kind, number)
    return RenderedSlip(
        dossier.id, reception.id, kind, number, renderers[kind](slip, office, paper)
    )


def _record(session: Session, rendered: RenderedSlip, officer: str, at: dt.datetime) -> None:
    printed = _printed(session, rendered.dossier_id, rendered.round_id, rendered.kind)
    if printed + 1 != rendered.print_number:
        raise SlipOutdated(
            rendered.kind,
            f"print {printed} of this slip was recorded meanwhile; make the slip again "
            f"(it will say {printed + 1})",
        )
    session.add(
        Slip(
            dossier_id=rendered.dossier_id,
            round_id=rendered.round_id,
            kind=rendered.kind,
            printed_at=at,
            print_number=rendered.print_number,
            officer=officer,
        )
    )
    session.flush()
    log.info(
        "%s print %d recorded for dossier %s",
        rendered.kind,
        rendered.print_number,
        rendered.dossier_id,
    )


def _printed(session: Session, dossier_id: str, round_id: str, kind: str) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(Slip)
        .where(Slip.dossier_id == dossier_id, Slip.round_id == round_id, Slip.kind == kind)
    )
    return int(count or 0)


def _dossier(session: Session, key: str) -> Dossier:
    key = key.strip()
    found = (
        find_by_code(session, key.upper(), with_history=True)
        if parse_code(key)
        else find_by_id(session, key, with_history=True)
    )
    if found is None:
        raise DossierNotFound("DOSSIER", f"no dossier with code or id '{key}'")
    return found


def _round_for(dossier: Dossier, kind: SlipKind, key: str) -> ReceptionRound:
    """The latest round with the slip's verdict; its absence is explained in the officer's terms."""
    verdict = VERDICT_OF_SLIP[kind]
    rounds = [reception for reception in dossier.rounds if reception.verdict == verdict]
    if kind == "bm01" and dossier.code is None:
        rounds = []
    if not rounds:
        raise PrintRefused(
            "DOSSIER",
            f"dossier {key.strip()} is {dossier.status}; {SLIP_NAMES[kind]} is printed only for "
            f"a dossier {_WHEN[kind]}",
        )
    return rounds[-1]


_WHEN: dict[SlipKind, str] = {
    "bm01": "that was accepted and given a code",
    "bm02": "sent back for papers to add",
    "bm03": "that was refused",
}


def _slip_data(
    session: Session, dossier: Dossier, reception: ReceptionRound, kind: SlipKind, number: int
) -> SlipData:
    accepted = kind == "bm01"
    return SlipData(
        dossier_id=dossier.id,
        request=DossierRequest.model_validate_json(reception.request_json),
        evaluation=Evaluation.model_validate_json(reception.evaluation_json),
        # BM 01 counts from the complete dossier; BM 02 and BM 03 are of their round.
        received_at=dossier.received_at if accepted else reception.received_at,
        receiving_point=dossier.receiving_point,
        officer=reception.officer,
        code=dossier.code if accepted else None,
        due_at=dossier.due_at if accepted else None,
        result_delivery=dossier.result_delivery,
        delivery_address=dossier.delivery_address,
        register_place=_register_place(session, dossier) if accepted else None,
        print_number=number,
    )


# ----------------------------------------------------------------- the register


def _register_place(session: Session, dossier: Dossier) -> RegisterPlace:
    """The dossier's line in the year's book: the accepted dossiers before it, plus one.

    One book a year, numbered on without gaps in the order the dossiers were
    received (the code breaks ties between dossiers of the same minute).
    """
    year = dossier.received_at.year
    earlier = session.scalar(
        select(func.count())
        .select_from(Dossier)
        .where(
            Dossier.code.is_not(None),
            Dossier.received_at >= dt.datetime(year, 1, 1),
            or_(
                Dossier.received_at < dossier.received_at,
                and_(Dossier.received_at == dossier.received_at, Dossier.code < dossier.code),
            ),
        )
    )
    return RegisterPlace(book=year, serial=int(earlier or 0) + 1)


def register_rows(
    store: Store, first_day: dt.date, last_day: dt.date, settings: Settings
) -> list[RegisterRow]:
    """One row per dossier accepted (given a code) from ``first_day`` to ``last_day``."""
    if last_day < first_day:
        raise PrintRefused("--to", f"the last day {last_day:%d/%m/%Y} is before the first")
    start = dt.datetime.combine(first_day, dt.time())
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
    with store.reading() as session:
        dossiers = session.scalars(
            select(Dossier)
            .where(
                Dossier.code.is_not(None), Dossier.received_at >= start, Dossier.received_at < end
            )
            .order_by(Dossier.received_at, Dossier.code)
            .options(selectinload(Dossier.rounds), selectinload(Dossier.reappointment))
        ).all()
        serials: dict[int, int] = {}
        rows = []
        for dossier in dossiers:
            year = dossier.received_at.year
            if year not in serials:
                serials[year] = _register_place(session, dossier).serial - 1
            serials[year] += 1
            rows.append(_register_row(dossier, serials[year], settings.agency_name))
    return rows


def _register_row(dossier: Dossier, serial: int, agency: str) -> RegisterRow:
    applicant = json.loads(dossier.applicant_json)
    accepted = [reception for reception in dossier.rounds if reception.verdict == "accept"]
    evaluation = json.loads(accepted[-1].evaluation_json) if accepted else {}
    notes = []
    if dossier.result_delivery == "post" and dossier.delivery_address:
        notes.append(f"Địa chỉ nhận kết quả: {dossier.delivery_address}")
    if dossier.reappointment is not None:
        notes.append(f"Hẹn lại: {dossier.reappointment.reason}")
    return RegisterRow(
        serial=serial,
        code=dossier.code or "",
        procedure_name=evaluation.get("procedure_name", dossier.procedure_id),
        applicant_name=dossier.applicant_name,
        address=applicant.get("residence_address", ""),
        phone=applicant.get("phone", ""),
        handling_agency=agency,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        returned_at=None,  # results are not handed back through the program yet
        result_delivery=dossier.result_delivery,
        notes="; ".join(notes),
    )


RegisterFormat = Literal["pdf", "xlsx"]


def render_register(
    store: Store,
    first_day: dt.date,
    last_day: dt.date,
    settings: Settings,
    form: RegisterFormat = "pdf",
) -> bytes:
    office = office_of(settings)
    rows = register_rows(store, first_day, last_day, settings)
    return _register_file(rows, office, RegisterPeriod(first_day, last_day), form)


def _register_file(
    rows: list[RegisterRow], office: Office, period: RegisterPeriod, form: RegisterFormat
) -> bytes:
    if form == "xlsx":
        from printing.register_xlsx import render_register_xlsx

        return render_register_xlsx(rows, office, period)
    from printing.register_pdf import render_register_pdf

    return render_register_pdf(rows, office, period)


# ---------------------------------------------------------------------- forms


def render_form(store: Store, key: str, settings: Settings) -> bytes:
    """The application form(s) of the dossier, pre-filled from its latest round."""
    from printing.application_forms import NoForm, render_application

    office = office_of(settings)
    with store.reading() as session:
        dossier = _dossier(session, key)
        latest = dossier.rounds[-1]
        slip = SlipData(
            dossier_id=dossier.id,
            request=DossierRequest.model_validate_json(latest.request_json),
            evaluation=Evaluation.model_validate_json(latest.evaluation_json),
            received_at=latest.received_at,
            receiving_point=dossier.receiving_point,
            officer=latest.officer,
        )
    try:
        return render_application(slip, office, _paper(settings, "form"))
    except NoForm as error:
        raise PrintRefused("DOSSIER", str(error)) from error


# -------------------------------------------------------------------- samples


def render_sample(kind: str, settings: Settings, form: RegisterFormat = "pdf") -> bytes:
    """A realistic paper of ``kind`` (one of SAMPLE_KINDS) without a database."""
    from printing import samples
    from printing.application_forms import render_application
    from printing.bm01 import render_bm01
    from printing.bm02 import render_bm02
    from printing.bm03 import render_bm03

    office = sample_office(settings)
    if kind == "register":
        period = RegisterPeriod(samples.SAMPLE_DAY, samples.SAMPLE_DAY + dt.timedelta(days=6))
        rows = [
            replace(row, handling_agency=office.agency_name)
            for row in samples.sample_register_rows()
        ]
        return _register_file(rows, office, period, form)
    slips = {"bm01": render_bm01, "bm02": render_bm02, "bm03": render_bm03}
    if kind in slips:
        return slips[kind](samples.sample_slip(kind), office, _paper(settings, kind))
    name = kind.removeprefix("form-")
    if kind.startswith("form-") and name in SAMPLE_FORMS:
        return render_application(samples.sample_slip(name), office, _paper(settings, "form"))
    raise PrintRefused("KIND", f"no sample '{kind}'; known: {', '.join(SAMPLE_KINDS)}")


# ---------------------------------------------------------------------- files


def write_paper(out: Path, data: bytes) -> Path:
    """Replace ``out`` with ``data`` so that a crash leaves the old file or the new one."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out


def _now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)
