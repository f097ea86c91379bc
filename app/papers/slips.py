"""The slips of a stored dossier (BM 01, BM 02, BM 03, and Mẫu 04 once it was
re-appointed), every print recorded.

A slip is made only from a committed dossier, and every print is recorded in
the store with its number: the first print is 1, a reprint of the same slip
for the same round is n + 1 and says "BẢN IN LẠI (lần in thứ n)" at the top.
The number is read and the print recorded in one transaction (which holds the
store's write lock), so two windows reprinting at once cannot both print
"lần in thứ 2".

The window previews first and records only once the page went to a printer:
``render_slip`` makes the PDF with the number it will carry, ``record_slip``
records it (and refuses when another print got that number meanwhile).
``print_slip`` does both for a file, for the command line. ``current_slip``
names the slip a reprint means: the one the dossier's latest round called for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.dossier.evaluation import Evaluation, Verdict
from app.dossier.request import stored_request
from app.dossier.statuses import STATUS_LABELS
from app.files import write_atomically
from app.i18n import Message
from app.officers.identity import Officer
from app.papers.apology import APOLOGY_NAME, NOT_REAPPOINTED, render_apology
from app.papers.common import PrintRefused, dossier_of, office_of, paper_size
from app.permissions import Authority, Permission, require
from app.reception import acting_officer, audit_actor
from app.settings import Settings
from app.verdicts import SLIP_KINDS, SlipKind, slip_for, verdict_of_slip
from db.papers import SlipBook, slip_book
from db.records import SlipRecord, StoredDossier, StoredRound, record_from
from db.store import Store
from printing.model import Office, PaperSize, RegisterPlace, SlipData

__all__ = ["SLIP_KINDS", "SlipKind"]  # re-exported: the kinds the command line offers

# The papers of a dossier that are numbered and recorded when printed: the slips of the
# verdicts, and Mẫu 04 (Circular 01/2018), the apology with the new date of a re-appointment.
PaperKind = SlipKind | Literal["mau04"]
PAPER_KINDS: tuple[PaperKind, ...] = (*SLIP_KINDS, "mau04")

log = logging.getLogger(__name__)

SLIP_NAMES: dict[PaperKind, Message] = {
    "bm01": Message(
        "BM 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", "BM 01 (receipt and appointment)"
    ),
    "bm02": Message("BM 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)", "BM 02 (papers to add)"),
    "bm03": Message("BM 03 (Phiếu từ chối tiếp nhận giải quyết hồ sơ)", "BM 03 (refusal)"),
    "mau04": APOLOGY_NAME,
}
NO_ROUND = Message(
    "hồ sơ {key} chưa có lượt tiếp nhận nào: không có giấy nào để in lại",
    "dossier {key} has no round yet: there is no slip to reprint",
)
_WHEN: dict[SlipKind, Message] = {
    "bm01": Message("đã được tiếp nhận và cấp mã hồ sơ", "that was accepted and given a code"),
    "bm02": Message("được yêu cầu bổ sung, hoàn thiện", "sent back for papers to add"),
    "bm03": Message("bị từ chối tiếp nhận", "that was refused"),
}
SLIP_NOT_FOR_STATUS = Message(
    "hồ sơ {key} đang ở trạng thái “{status}”; {slip} chỉ được in cho hồ sơ {when}",
    'dossier {key} has the status "{status}"; {slip} is printed only for a dossier {when}',
)
PRINTED_MEANWHILE = Message(
    "trong lúc chờ in, lần in thứ {printed} của giấy này đã được ghi nhận; hãy tạo lại giấy "
    "(giấy mới sẽ ghi “lần in thứ {next}”)",
    "print {printed} of this slip was recorded meanwhile; make the slip again (it will say {next})",
)


class SlipOutdated(PrintRefused):
    """Another print of this slip was recorded after this one was made: make it again."""


@dataclass(frozen=True)
class RenderedSlip:
    """A slip ready for the printer, and what will be recorded when it is printed."""

    dossier_id: str
    round_id: str
    kind: PaperKind
    print_number: int
    pdf: bytes


def print_permission(print_number: int) -> Permission:
    """What printing a paper for the ``print_number``-th time needs: the first print
    PRINT, the first reprint REPRINT, any later reprint REPRINT_AGAIN (a supervisor's)."""
    if print_number <= 1:
        return Permission.PRINT
    return Permission.REPRINT if print_number == 2 else Permission.REPRINT_AGAIN


def check_print(who: Officer | Authority, rendered: RenderedSlip) -> Authority:
    """``who`` as an authority that may print ``rendered`` (``RoleRefused`` otherwise)."""
    return require(who, print_permission(rendered.print_number))


def render_slip(store: Store, key: str, kind: PaperKind, settings: Settings) -> RenderedSlip:
    """The slip of the dossier with this code or id, numbered as its next print."""
    office = office_of(settings)
    with slip_book(store) as book:
        return _render_slip(book, key, kind, office, paper_size(settings, kind))


def render_current_slip(store: Store, key: str, settings: Settings) -> RenderedSlip:
    """A reprint of the slip the dossier's latest round called for (BM 01, BM 02 or BM 03)."""
    office = office_of(settings)
    with slip_book(store) as book:
        kind = current_slip(dossier_of(book, key), key)
        return _render_slip(book, key, kind, office, paper_size(settings, kind))


def current_slip(dossier: StoredDossier, key: str = "") -> SlipKind:
    """The slip of the latest round's verdict: BM 01 for an accepted dossier, else BM 02/03."""
    if not dossier.rounds:
        raise PrintRefused("DOSSIER", NO_ROUND, key=(key or dossier.code or dossier.id).strip())
    return slip_for(Verdict(dossier.rounds[-1].record.verdict))


def record_slip(
    store: Store, rendered: RenderedSlip, who: Officer | Authority, printed_at: dt.datetime
) -> None:
    """Record that ``rendered`` went to a printer (or a file); ``RoleRefused`` before
    anything is written when ``who`` may not print it that time (``print_permission``)."""
    check_print(who, rendered)
    with slip_book(store, writing=True) as book:
        _record(book, rendered, who, printed_at)


def print_slip(
    store: Store,
    key: str,
    kind: PaperKind,
    who: Officer | Authority,
    out: Path,
    *,
    settings: Settings,
    printed_at: dt.datetime | None = None,
) -> Path:
    """Write the slip to ``out`` and record the print, both or neither.

    The file is written (atomically) inside the transaction that records the
    print, after the row is flushed: a failed write leaves no record, and a
    failed commit removes the file. ``who`` prints: a reprint after the first needs
    a supervisor (``RoleRefused``, nothing written).
    """
    require(who, Permission.PRINT)
    office = office_of(settings)
    printed_at = printed_at or dt.datetime.now().replace(second=0, microsecond=0)
    with contextlib.ExitStack() as undo:
        with slip_book(store, writing=True) as book:
            rendered = _render_slip(book, key, kind, office, paper_size(settings, kind))
            _record(book, rendered, who, printed_at)
            write_atomically(out, rendered.pdf)
            undo.callback(out.unlink, missing_ok=True)
        undo.pop_all()
    return out


def slip_renderer(kind: SlipKind) -> Callable[[SlipData, Office, PaperSize], bytes]:
    """What draws a slip of ``kind`` (reportlab is loaded only when a paper is made)."""
    from printing.bm01 import render_bm01
    from printing.bm02 import render_bm02
    from printing.bm03 import render_bm03

    renderers: dict[SlipKind, Callable[[SlipData, Office, PaperSize], bytes]] = {
        "bm01": render_bm01,
        "bm02": render_bm02,
        "bm03": render_bm03,
    }
    return renderers[kind]


def _render_slip(
    book: SlipBook, key: str, kind: PaperKind, office: Office, paper: PaperSize
) -> RenderedSlip:
    dossier = dossier_of(book, key)
    if kind == "mau04":
        if dossier.reappointment is None:
            raise PrintRefused("DOSSIER", NOT_REAPPOINTED, key=key.strip(), paper=APOLOGY_NAME)
        # The apology is of the accepted round, the one whose BM 01 promised the first date.
        reception = _round_for(dossier, "bm01", key)
        number = book.printed(dossier.id, reception.id, kind) + 1
        slip = slip_data(dossier, reception, "bm01", number)
        pdf = render_apology(dossier, slip, key, office, paper)
        return RenderedSlip(dossier.id, reception.id, kind, number, pdf)
    reception = _round_for(dossier, kind, key)
    number = book.printed(dossier.id, reception.id, kind) + 1
    place = None
    if verdict_of_slip(kind) is Verdict.ACCEPT:
        place = RegisterPlace(dossier.received_at.year, book.register_serial(dossier))
    slip = slip_data(dossier, reception, kind, number, place)
    return RenderedSlip(
        dossier.id, reception.id, kind, number, slip_renderer(kind)(slip, office, paper)
    )


def _record(
    book: SlipBook, rendered: RenderedSlip, who: Officer | Authority, at: dt.datetime
) -> None:
    printed = book.printed(rendered.dossier_id, rendered.round_id, rendered.kind)
    if printed + 1 != rendered.print_number:
        raise SlipOutdated(rendered.kind, PRINTED_MEANWHILE, printed=printed, next=printed + 1)
    # Checked by the number the print gets, inside the transaction that records it.
    authority = check_print(who, rendered)
    name = acting_officer(authority).full_name
    book.record(
        record_from(SlipRecord, rendered, printed_at=at, officer=name), audit_actor(authority)
    )
    log.info(
        "%s print %d recorded for dossier %s",
        rendered.kind,
        rendered.print_number,
        rendered.dossier_id,
    )


def _round_for(dossier: StoredDossier, kind: SlipKind, key: str) -> StoredRound:
    """The latest round with the slip's verdict; its absence is explained in the officer's terms."""
    verdict = verdict_of_slip(kind)
    rounds = [reception for reception in dossier.rounds if reception.record.verdict == verdict]
    if verdict is Verdict.ACCEPT and dossier.code is None:
        rounds = []
    if not rounds:
        raise PrintRefused(
            "DOSSIER",
            SLIP_NOT_FOR_STATUS,
            key=key.strip(),
            status=STATUS_LABELS.get(dossier.status, dossier.status),
            slip=SLIP_NAMES[kind],
            when=_WHEN[kind],
        )
    return rounds[-1]


def slip_data(
    dossier: StoredDossier,
    reception: StoredRound,
    kind: SlipKind | None = None,
    number: int = 1,
    register_place: RegisterPlace | None = None,
) -> SlipData:
    """A round of a dossier as its papers show it; ``kind`` None for an application form.

    BM 01 counts from the complete dossier, with its code, due date and line in
    the register (``register_place``, given only for BM 01); BM 02, BM 03 and
    the forms are of their round.
    """
    accepted = kind is not None and verdict_of_slip(kind) is Verdict.ACCEPT
    record = reception.record
    return SlipData(
        dossier_id=dossier.id,
        # As stored: a dossier stored under older rules still prints (``printing.printable``
        # cleans and bounds every text of it).
        request=stored_request(record.request_json),
        evaluation=Evaluation.model_validate_json(record.evaluation_json),
        received_at=dossier.received_at if accepted else record.received_at,
        receiving_point=dossier.receiving_point,
        officer=record.officer,
        code=dossier.code if accepted else None,
        due_at=dossier.due_at if accepted else None,
        result_delivery=dossier.result_delivery if kind else "counter",
        delivery_address=dossier.delivery_address if kind else "",
        register_place=register_place,
        print_number=number,
    )
