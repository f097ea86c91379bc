"""The papers of a result's return (issue 14), made from the store.

- ``hand_back_items``: what the officer hands back for a dossier: the result (the
  licence or certificate, or the refusal letter of a dossier not granted) and the
  originals taken in with it (handed back, or kept with the reason);
- ``handover_list_pdf``: the day's "Danh sách bàn giao hồ sơ" of the dossiers just
  forwarded to the processing unit (``app.status_changes.forward``);
- ``return_paper_pdf``: the paper of a stored hand-over: the "Phiếu giao nhận kết
  quả" (in person, to a proxy) or the "Phiếu gửi hồ sơ" (by post), drawn from what
  the change recorded (``HandOver.details``), so a reprint says the same;
- ``receipt_wanted``: whether a hand-over at the counter prints its receipt (the
  ``print_result_receipt`` setting; the Phiếu gửi is always printed).

None of these papers is numbered or recorded as a slip: the hand-over itself is the
record (``dossier_status_change`` and its audit entry).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from app.dossier.request import IdentityType
from app.dossier_queries import NO_SUCH_DOSSIER
from app.dossier_status import STATUS_NAMES, Original, ReturnMethod, Status
from app.i18n import Message
from app.papers.common import (
    DossierNotFound,
    PrintRefused,
    office_of,
    print_preferences,
    procedure_name,
)
from app.settings import Settings
from db.dossiers import dossier_by_key
from db.records import DossierKey, StatusChangeRecord, StoredDossier
from db.store import Store
from printing.model import (
    Authorisation,
    Collector,
    ForwardedDossier,
    HandoverListData,
    OriginalPaper,
    PostalDispatchData,
    ResultPaper,
    ResultReceiptData,
)

ReturnPaperKind = Literal["result-receipt", "postal-slip"]
RETURN_PAPER_NAMES: Mapping[str, Message] = {
    "handover-list": Message("Danh sách bàn giao hồ sơ", "hand-over list"),
    "result-receipt": Message("Phiếu giao nhận kết quả", "hand-over receipt"),
    "postal-slip": Message("Phiếu gửi hồ sơ", "postal dispatch slip"),
}

NOT_RETURNED = Message(
    "thay đổi trạng thái này là «{status}», không phải việc trả kết quả: không có phiếu để in",
    "this status change is {status}, not a hand-over: there is no paper to print",
)
NOTHING_FORWARDED = Message(
    "không có hồ sơ nào được chuyển: không có danh sách bàn giao để in",
    "no dossier was forwarded: there is no hand-over list to print",
)
NOT_FORWARDED = Message(
    "thay đổi trạng thái này là «{status}», không phải việc chuyển hồ sơ cho phòng chuyên môn",
    "this status change is {status}, not a forwarding to the processing unit",
)

# The result of each procedure, by its catalogue id (``STORED`` below for the others).
_LICENCE_EXCHANGE = "Giấy phép lái xe (vật liệu PET)"
_RESULTS: Mapping[str, str] = {
    "idp-cap": "Giấy phép lái xe quốc tế",
    "idp-cap-lai": "Giấy phép lái xe quốc tế (cấp lại)",
    "gv-cap": "Giấy chứng nhận giáo viên dạy thực hành lái xe",
    "gv-cap-lai": "Giấy chứng nhận giáo viên dạy thực hành lái xe (cấp lại)",
}
REFUSAL_LETTER = "Văn bản trả lời không giải quyết hồ sơ"


@dataclass(frozen=True)
class HandBackItems:
    """What is handed back for a dossier: the result, and the originals taken in."""

    result: str  # "Giấy phép lái xe (vật liệu PET) hạng B2, đổi từ giấy phép số …" / the refusal
    originals: tuple[Original, ...]


def hand_back_items(
    dossier: StoredDossier, changes: Sequence[StatusChangeRecord] = ()
) -> HandBackItems:
    """What the officer hands back for ``dossier`` (loaded with its history, as
    ``app.dossier_queries.look_up`` gives it). ``changes``: its status changes
    (``app.status_changes.history``); a dossier "not granted" hands back the refusal
    letter (its number, when the change recorded one) instead of the licence.

    The originals are the licences taken in with an exchange (the old licence, shown
    in the original and kept with the dossier until the new one is handed over):
    handed back by default; the officer may record one as kept, with the reason.
    """
    refusal = next((c for c in changes if c.status == Status.NOT_GRANTED), None)
    if refusal is not None:
        note = str(json.loads(refusal.details_json).get("note", "")).strip()
        code = dossier.code or dossier.id
        result = f"{REFUSAL_LETTER} {code}" + (f" (số {note})" if note else "")
        return HandBackItems(result, _originals(dossier))
    return HandBackItems(_result(dossier), _originals(dossier))


def _result(dossier: StoredDossier) -> str:
    if dossier.procedure_id in _RESULTS:
        return _RESULTS[dossier.procedure_id]
    if dossier.procedure_id.startswith("doi-"):
        wanted = _requested_classes(dossier)
        classes = f" hạng {', '.join(wanted)}" if wanted else ""
        numbers = [licence.number for licence in dossier.licences if licence.number]
        since = f", đổi từ giấy phép số {', '.join(numbers)}" if numbers else ""
        return f"{_LICENCE_EXCHANGE}{classes}{since}"
    return f"Kết quả giải quyết thủ tục {procedure_name(dossier)}"


def _requested_classes(dossier: StoredDossier) -> list[str]:
    """The classes of the new licence: those asked for, else those held."""
    request = json.loads(dossier.rounds[-1].record.request_json) if dossier.rounds else {}
    asked = [str(c) for c in request.get("requested_classes") or []]
    if asked:
        return asked
    held: list[str] = []
    for licence in dossier.licences:
        held += [c for c in licence.classes if c not in held]
    return held


def _originals(dossier: StoredDossier) -> tuple[Original, ...]:
    if not dossier.procedure_id.startswith("doi-"):
        return ()
    return tuple(
        Original(f"Giấy phép lái xe số {licence.number} (bản chính)", handed_back=True)
        for licence in dossier.licences
        if licence.number
    )


def receipt_wanted(settings: Settings) -> bool:
    """Whether a hand-over at the counter prints its receipt (the Phiếu gửi of a
    hand-over by post is printed whatever this says)."""
    return settings.value("print_result_receipt") == "yes"


def handover_list_pdf(
    store: Store, changes: Sequence[StatusChangeRecord], settings: Settings
) -> bytes:
    """The hand-over list of the dossiers these ``forwarded`` changes marked (one
    forwarding: the time and officer are the first change's)."""
    if not changes:
        raise PrintRefused("DOSSIER", NOTHING_FORWARDED)
    for change in changes:
        if change.status != Status.FORWARDED:
            raise PrintRefused("DOSSIER", NOT_FORWARDED, status=STATUS_NAMES[Status(change.status)])
    office = office_of(settings)
    lines = []
    for change in changes:
        dossier = _dossier(store, change.dossier_id)
        lines.append(
            ForwardedDossier(
                code=dossier.code or dossier.id,
                applicant_name=dossier.applicant_name,
                procedure_name=procedure_name(dossier),
                received_at=dossier.received_at,
                due_at=dossier.due_at,
            )
        )
    first = changes[0]
    handover = HandoverListData(
        dossiers=tuple(lines),
        processing_unit=str(settings.value("processing_unit")),
        handed_over_at=first.changed_at,
        officer=first.officer,
    )
    from printing.handover_list import render_handover_list  # reportlab only when printed

    return render_handover_list(
        handover, office, print_preferences(settings, "handover-list").paper
    )


def return_paper_pdf(
    store: Store, change: StatusChangeRecord, settings: Settings
) -> tuple[ReturnPaperKind, bytes]:
    """The paper of a stored hand-over: ("result-receipt", PDF) in person or to a
    proxy, ("postal-slip", PDF) by post; drawn from what the change recorded."""
    if change.status != Status.RETURNED:
        raise PrintRefused("DOSSIER", NOT_RETURNED, status=STATUS_NAMES[Status(change.status)])
    office = office_of(settings)
    dossier = _dossier(store, change.dossier_id)
    details: dict[str, Any] = json.loads(change.details_json)
    result = str(details.get("result") or "") or hand_back_items(dossier).result
    originals = [
        o for o in details.get("originals") or [] if isinstance(o, dict) and o.get("document")
    ]
    code = dossier.code or dossier.id
    if details.get("method") == ReturnMethod.POST:
        post = details.get("post") or {}
        dispatch = PostalDispatchData(
            code=code,
            applicant_name=dossier.applicant_name,
            procedure_name=procedure_name(dossier),
            recipient_name=str(post.get("recipient", "")),
            address=str(post.get("address", "")),
            phone=str(post.get("phone", "")),
            postal_service=str(post.get("service", "")),
            item_number=str(post.get("item_number", "")),
            results=(ResultPaper(result),),
            # Art. 8(3): the originals go back with the result, each on a line of its own.
            originals=tuple(
                ResultPaper(str(o["document"])) for o in originals if o.get("handed_back", True)
            ),
            sender_address=change.point or dossier.receiving_point,
            sent_at=change.changed_at,
            officer=change.officer,
        )
        from printing.postal_slip import render_postal_slip

        paper = print_preferences(settings, "postal-slip").paper
        return "postal-slip", render_postal_slip(dispatch, office, paper)
    collector = details.get("collector") or {}
    proxy = details.get("proxy")
    bm01 = details.get("bm01") or {}
    receipt = ResultReceiptData(
        code=code,
        applicant_name=dossier.applicant_name,
        procedure_name=procedure_name(dossier),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        results=(ResultPaper(result),),
        originals=tuple(
            OriginalPaper(
                str(o["document"]),
                kept_reason="" if o.get("handed_back", True) else str(o.get("kept_reason", "")),
            )
            for o in originals
        ),
        collector=Collector(
            str(collector.get("name", "")),
            _id_type(str(collector.get("id_type", ""))),
            str(collector.get("id_number", "")),
        ),
        authorisation=None
        if not isinstance(proxy, dict)
        else Authorisation(
            str(proxy.get("reference", "")),
            signed_on=_date(proxy.get("dated")),
            certified=bool(proxy.get("certified", False)),
        ),
        returned_at=change.changed_at,
        officer=change.officer,
        bm01_presented=bool(bm01.get("presented", True)),
        bm01_missing_reason=str(bm01.get("lost_reason", "")),
    )
    from printing.result_receipt import render_result_receipt

    paper = print_preferences(settings, "result-receipt").paper
    return "result-receipt", render_result_receipt(receipt, office, paper)


def _dossier(store: Store, dossier_id: str) -> StoredDossier:
    """The dossier a stored change is of, with its history (a change is of a dossier
    of this store: its paper is printed even if the dossier was voided since)."""
    found = dossier_by_key(store, DossierKey(id=dossier_id))
    if found is None:
        raise DossierNotFound("DOSSIER", NO_SUCH_DOSSIER, key=dossier_id)
    return found


def _id_type(text: str) -> IdentityType:
    try:
        return IdentityType(text)
    except ValueError:
        return IdentityType.CITIZEN_ID


def _date(text: object) -> dt.date | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
