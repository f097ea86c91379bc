"""Correcting a stored dossier: the applicant's details and the licences, as a new revision.

After F9/F10/F11 the receiving screen is read-only; a typing mistake found later
(a name, a document or licence number) is corrected as its own recorded action.
The dossier keeps its verdict, code, due date, checklist and slips; the
correction keeps the old values (``before_json``), says why and who made it,
and is numbered 1, 2, … per dossier. The corrected request replaces the request
of the dossier's latest round, so its papers (BM 01/02/03, the application form)
print the corrected data from then on.

Only the applicant and the licences may change, and only so that the dossier,
checked again with the catalogue on its round's day of receipt, keeps the same
verdict and checklist: a dossier whose outcome would change is not corrected
but received again. Everything is written in one transaction
(``db.corrections.store_correction``), with its outbox operations for the centre.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.catalogue.model import Catalogue
from app.dossier.checking import as_received_on
from app.dossier.evaluation import VERDICT_LABELS, Evaluation, Verdict, evaluate
from app.dossier.problems import field_label
from app.dossier.request import DossierRequest, TextRefused, checked_text, stored_request
from app.dossier_queries import (
    DOSSIER_VOIDED,
    NO_SUCH_DOSSIER,
    changed_labels,
    dossier_key,
    voided_values,
)
from app.i18n import Message, Refusal
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.reception import acting_officer, audit_actor, licence_record
from db.corrections import store_correction
from db.dossiers import DossierMissing
from db.records import CorrectionWrite, RoundRecord, StoredDossier
from db.store import Store

# The parts of a request a correction may change; the rest decided the dossier's outcome.
# The applicant's details, the licences held, and the class the applicant chose where the law
# leaves the choice (art. 89: asked after receiving; the card record reads it).
CORRECTABLE = ("applicant", "licences", "class_choices")

REASON = Message("Lý do sửa", "Reason")
REASON_REQUIRED = Message(
    "Lý do sửa: cần ghi lý do sửa hồ sơ", "Reason: the reason for the correction is required"
)
NOTHING_CHANGED = Message(
    "hồ sơ {key}: thông tin sửa giống hệt thông tin đã lưu, không có gì để sửa",
    "dossier {key}: the corrected data is the same as the stored data; there is nothing to correct",
)
ONLY_APPLICANT_AND_LICENCES = Message(
    "hồ sơ {key}: chỉ sửa được thông tin người nộp hồ sơ, giấy phép lái xe và hạng chọn khi"
    " đổi; không sửa được:"
    " {fields}. Hồ sơ cần thay đổi những mục này thì tiếp nhận lại",
    "dossier {key}: only the applicant's details, the licences and the classes chosen for the"
    " exchange can be corrected, not:"
    " {fields}. A dossier that needs these changed is received again",
)
VERDICT_CHANGES = Message(
    "hồ sơ {key}: nội dung sửa làm thay đổi kết quả xét hồ sơ từ “{before}” thành “{after}”;"
    " hồ sơ như vậy không sửa mà tiếp nhận lại",
    "dossier {key}: the correction changes the verdict from “{before}” to “{after}”;"
    " such a dossier is not corrected but received again",
)
CHECKLIST_CHANGES = Message(
    "hồ sơ {key}: nội dung sửa làm thay đổi giấy tờ phải nộp hoặc điều kiện không đáp ứng;"
    " hồ sơ như vậy không sửa mà tiếp nhận lại",
    "dossier {key}: the correction changes the papers the dossier needs or the conditions it"
    " fails; such a dossier is not corrected but received again",
)
OTHER_CATALOGUE = Message(
    "hồ sơ {key} được xét theo danh mục {stored}; không xét lại theo danh mục {given}",
    "dossier {key} was checked under catalogue {stored}; it is not checked again under {given}",
)


class CorrectionRefused(Refusal):
    """A correction the rules do not allow; nothing was written."""


@dataclass(frozen=True)
class Correction:
    """A correction stored: the dossier, the revision it got, and the fields it changed
    (their labels in the chosen language)."""

    dossier_id: str
    code: str | None
    revision: int
    changed: list[str]


def correct_dossier(
    store: Store,
    catalogue: Catalogue,
    key: str,
    corrected: DossierRequest,
    reason: str,
    who: Officer | Authority,
    corrected_at: dt.datetime,
) -> Correction:
    """Correct the applicant's details and the licences of the dossier with this code or id
    (as ``dossier_key`` reads it), as its next revision.

    ``corrected`` is the whole request as it should have been recorded; its
    ``received_on`` is not read (the day of receipt is the stored one). It is checked
    again with ``catalogue``, the version the dossier was checked under, on its latest
    round's day of receipt.
    ``who`` corrects: a supervisor, or an officer with a supervisor's approval
    (``RoleRefused`` otherwise, before anything is read); the revision keeps the
    officer's name, the audit record their login (and the approver's).
    Raises ``CorrectionRefused`` (nothing written) when the rules do not allow the
    correction, and ``RequestError`` when the corrected request cannot be checked.
    """
    authority = require(who, Permission.CORRECT)
    reason = _reason(reason)
    changed: list[str] = []

    def decide(dossier: StoredDossier) -> CorrectionWrite:
        name = dossier.code or dossier.id
        if not reason:
            raise CorrectionRefused(REASON_REQUIRED)
        if dossier.voided is not None:
            raise CorrectionRefused(DOSSIER_VOIDED, **voided_values(dossier))
        assert dossier.rounds, "a dossier is stored with its first round"
        latest = dossier.rounds[-1]
        # As stored: a dossier stored under older rules can still be corrected into today's.
        before = stored_request(latest.record.request_json)
        # The day of receipt is the store's, as when receiving (a file's own is not read);
        # the request is checked again on that day (an issue date after it is refused).
        after = as_received_on(corrected, before.received_on)
        paths = _differences(before.model_dump(mode="json"), after.model_dump(mode="json"))
        if not paths:
            raise CorrectionRefused(NOTHING_CHANGED, key=name)
        fixed = list(dict.fromkeys(_top(path) for path in paths if _top(path) not in CORRECTABLE))
        if fixed:
            # The fields' labels in both languages: the refusal is said in either.
            vi, en = (
                ", ".join(field_label(f, language) for f in fixed) for language in ("vi", "en")
            )
            fields = Message(vi, en)
            raise CorrectionRefused(ONLY_APPLICANT_AND_LICENCES, key=name, fields=fields)
        _check_outcome(name, latest.record, after, catalogue)
        changed.extend(changed_labels(paths, max(len(before.licences), len(after.licences))))
        applicant = after.applicant
        licences_changed = any(_top(path) == "licences" for path in paths)
        return CorrectionWrite(
            round_id=latest.id,
            corrected_at=corrected_at,
            officer=acting_officer(authority).full_name,
            actor=audit_actor(authority),
            reason=reason,
            fields_json=json.dumps(paths),
            before_json=_correctable_part(before),
            after_json=_correctable_part(after),
            applicant_name=applicant.full_name,
            applicant_id_number=applicant.identity_document.number,
            applicant_json=applicant.model_dump_json(),
            request_json=after.model_dump_json(),
            licences=[licence_record(licence) for licence in after.licences]
            if licences_changed
            else None,
        )

    try:
        stored = store_correction(store, dossier_key(key), decide)
    except DossierMissing as error:
        raise CorrectionRefused(NO_SUCH_DOSSIER, key=key.strip()) from error
    return Correction(stored.dossier_id, stored.code, stored.revision, changed)


def _reason(reason: str) -> str:
    """The reason is stored with the revision: one line of printable text, bounded as
    the request's own text is."""
    try:
        return checked_text(reason, REASON)
    except TextRefused as error:
        raise CorrectionRefused(error.message, **error.values) from error


def _check_outcome(
    name: str, record: RoundRecord, request: DossierRequest, catalogue: Catalogue
) -> None:
    """The corrected request, checked again as on the round's day of receipt, must lead to
    the same verdict and the same checklist as the round stored."""
    stored = Evaluation.model_validate_json(record.evaluation_json)
    if catalogue.version != stored.catalogue_version:
        raise CorrectionRefused(
            OTHER_CATALOGUE, key=name, stored=stored.catalogue_version, given=catalogue.version
        )
    again = evaluate(request, catalogue, record.received_at.date())
    verdict = Verdict(record.verdict)
    if again.verdict is not verdict:
        raise CorrectionRefused(
            VERDICT_CHANGES,
            key=name,
            before=VERDICT_LABELS[str(verdict)],
            after=VERDICT_LABELS[str(again.verdict)],
        )
    if _checklist(again) != _checklist(stored):
        raise CorrectionRefused(CHECKLIST_CHANGES, key=name)


def _checklist(evaluation: Evaluation) -> tuple[object, ...]:
    """What the round recorded of an evaluation: each item's status, each failed condition."""
    return (
        [(item.item, item.status) for item in evaluation.items],
        [refusal.condition for refusal in evaluation.refusals],
    )


def _correctable_part(request: DossierRequest) -> str:
    """The correctable part of a request, as JSON (a correction's before and after)."""
    return request.model_dump_json(include=set(CORRECTABLE))


def _differences(before: object, after: object, path: str = "") -> list[str]:
    """The request paths (``applicant.full_name``, ``licences[1]``) whose values differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[str] = []
        for name in dict.fromkeys([*before, *after]):
            inner = f"{path}.{name}" if path else str(name)
            found += _differences(before.get(name), after.get(name), inner)
        return found
    if path == "licences" and isinstance(before, list) and isinstance(after, list):
        found = []
        for index in range(max(len(before), len(after))):
            if index >= len(before) or index >= len(after):
                found.append(f"{path}[{index}]")  # a licence added or taken away
            else:
                found += _differences(before[index], after[index], f"{path}[{index}]")
        return found
    return [] if before == after else [path]


def _top(path: str) -> str:
    """The request's own field a path is in: ``licences[0].number`` -> ``licences``."""
    return path.split(".")[0].split("[")[0]
