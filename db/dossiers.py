"""Writing and finding dossiers. Callers pass plain values; this module owns the SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from db.models import Dossier, DossierLicence, PresentedItemRow, ReceptionRound


class SerialsExhausted(Exception):
    """Every serial of the counter's block for the day is used; never reuse one."""

    def __init__(self, agency: str, day: dt.date, first: int, last: int) -> None:
        super().__init__(
            f"all dossier numbers {first:04d}–{last:04d} reserved for this counter on "
            f"{day:%d/%m/%Y} are used (agency {agency}); no dossier can be given a code "
            "until IT staff assign this counter another block"
        )
        self.agency, self.day, self.first, self.last = agency, day, first, last


def next_serial(
    session: Session, agency: str, day: dt.date, blocks: Sequence[tuple[int, int]]
) -> int:
    """The lowest serial after those this counter used today, in the first block with room.

    ``blocks`` are (first, last) ranges in the order to use them: the blocks
    leased from the centre for the day, then the counter's offline reserve,
    which is named when every block is full. Runs inside the receiving
    transaction, which holds SQLite's write lock (BEGIN IMMEDIATE), so no other
    process can take the same serial meanwhile; the unique key on (agency, day,
    serial) is the last line of defence.
    """
    for first, last in blocks:
        used = last_used_serial(session, agency, day, first, last)
        serial = first if used is None else used + 1
        if serial <= last:
            return serial
    first, last = blocks[-1]
    raise SerialsExhausted(agency, day, first, last)


def last_used_serial(
    session: Session, agency: str, day: dt.date, first: int, last: int
) -> int | None:
    """The highest serial of ``first``..``last`` this store gave on ``day``, if any."""
    return session.scalar(
        select(func.max(Dossier.code_serial)).where(
            Dossier.code_agency == agency,
            Dossier.code_day == day,
            Dossier.code_serial.between(first, last),
        )
    )


@dataclass(frozen=True)
class LicenceRecord:
    number: str
    classes: Sequence[str]
    issue_date: dt.date | None
    expiry_date: dt.date | None
    issuing_authority: str
    issuer: str
    material: str


@dataclass(frozen=True)
class ItemRecord:
    item_id: str
    item_name: str
    quantity: int
    presented_form: str
    presented_count: int
    status: str
    reason: str | None


@dataclass(frozen=True)
class RoundRecord:
    received_at: dt.datetime
    verdict: str
    request_json: str
    evaluation_json: str
    officer: str
    items: Sequence[ItemRecord]


def add_round(session: Session, dossier: Dossier, record: RoundRecord) -> ReceptionRound:
    reception = ReceptionRound(
        dossier=dossier,
        number=len(dossier.rounds) + 1,
        received_at=record.received_at,
        verdict=record.verdict,
        request_json=record.request_json,
        evaluation_json=record.evaluation_json,
        officer=record.officer,
    )
    session.add(reception)
    session.add_all(
        PresentedItemRow(
            round=reception,
            item_id=item.item_id,
            item_name=item.item_name,
            quantity=item.quantity,
            presented_form=item.presented_form,
            presented_count=item.presented_count,
            status=item.status,
            reason=item.reason,
        )
        for item in record.items
    )
    return reception


def add_licences(session: Session, dossier: Dossier, licences: Sequence[LicenceRecord]) -> None:
    session.add_all(
        DossierLicence(
            dossier=dossier,
            number=licence.number,
            classes=" ".join(licence.classes),
            issue_date=licence.issue_date,
            expiry_date=licence.expiry_date,
            issuing_authority=licence.issuing_authority,
            issuer=licence.issuer,
            material=licence.material,
        )
        for licence in licences
    )


def find_by_code(session: Session, code: str, *, with_history: bool = False) -> Dossier | None:
    """The dossier with this code; its rounds, licences and slips only when asked for."""
    return session.scalar(_query(Dossier.code == code, with_history))


def find_by_id(session: Session, dossier_id: str, *, with_history: bool = False) -> Dossier | None:
    return session.scalar(_query(Dossier.id == dossier_id, with_history))


def find_by_id_number(session: Session, id_number: str) -> list[Dossier]:
    query = select(Dossier).where(Dossier.applicant_id_number == id_number)
    return list(session.scalars(query.order_by(Dossier.received_at)))


def received_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[Dossier]:
    query = select(Dossier).where(Dossier.received_at >= start, Dossier.received_at < end)
    return list(session.scalars(query.order_by(Dossier.received_at)))


def _query(where: ColumnElement[bool], with_history: bool) -> Select[Dossier]:
    query = select(Dossier).where(where)
    if not with_history:
        return query
    return query.options(
        selectinload(Dossier.rounds).selectinload(ReceptionRound.items),
        selectinload(Dossier.licences),
        selectinload(Dossier.slips),
        selectinload(Dossier.reappointment),
        selectinload(Dossier.photos),
    )
