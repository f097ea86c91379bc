"""The card record of one dossier: what the card-printing system needs to print its licence.

The fields are those of the domain notes' batch design (card-data.md §7 "Record"): the
dossier (code, procedure and its national code, time of receipt, catalogue version), the
holder, the licence to print (number if known, issuing authority, each class with its
dates and restrictions, the law they follow), the old licence and the photo.

Where the values come from:

- the request of the dossier's latest round, as stored (``stored_request``; a correction
  replaces that request, so the record follows the corrected data);
- the time of receipt of that round: the round that accepted the dossier, which dated its
  code and its due date. Its day decides the law of the classes (``class_system_on``);
- the classes: each held licence's classes, read in the law of its issue date and mapped
  to the law of the day of receipt (``classes_for_card``), with the applicant's choices
  (``DossierRequest.class_choices``) and the automatic-only B1 (``HeldLicence.automatic_only``);
- the photo: the portrait stored with the dossier (bytes, SHA-256 as stored, time, officer);
- the issuing authority: the ``agency_name`` setting, the agency whose name the counter's
  papers print (no setting of its own: the agency that receives is the one that issues).

**The issue date is planned, not known.** The card is issued after the counter, on a day
the counter cannot know. The record takes the dossier's due date (the day the result is
promised, BM 01) as the *planned* issue date and counts each class's validity from it
(``expiry_of``); the fields say so (``planned_issue_date``, ``planned_expiry_date``). The
issuing system sets the real dates when it prints.

The licence number is not known either: the issuing system gives it (step B4 of the
decision: "sinh số"). It is None until the format agreed with the operator says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.catalogue.model import CardKind, Procedure
from app.dossier.request import DossierRequest, HeldLicence, stored_request
from app.dossier.sex import Sex
from app.i18n import Message
from app.licence_classes.exchange import (
    CHOICE_FOR_CLASS_NOT_HELD,
    CardClass,
    ClassProblem,
    classes_for_card,
)
from app.licence_classes.loader import ClassData, shipped_class_data
from app.licence_classes.model import ClassSystem, Restriction
from app.licence_classes.systems import NoClassSystemInForce, class_system_on
from app.licence_classes.validity import expiry_of
from app.settings.options import Settings
from db.records import StoredDossier
from printing.card_batch import RecordValue, photo_file

# The key of the automatic-only B1 in the class data (law-23-2008.toml).
AUTOMATIC_B1 = "B1-automatic"
MANUAL_B1 = "B1"

NO_LICENCE_HELD = Message(
    "hồ sơ không ghi giấy phép lái xe nào để đổi",
    "the request records no licence to exchange",
)
AUTOMATIC_WITHOUT_B1 = Message(
    "giấy phép {number} được ghi là hạng B1 số tự động nhưng không có hạng B1",
    "licence {number} is marked as B1 for automatic cars but has no class B1",
)
EXPIRY_NEEDS_SEX = Message(
    "thời hạn của hạng {code} tùy theo giới tính người lái xe; hồ sơ chưa ghi giới tính",
    "the validity of class {code} depends on the holder's sex, which the request does not give",
)


@dataclass(frozen=True)
class StoredPortrait:
    """The 354×472 portrait stored with the dossier (its ``dossier_photo`` row of kind
    "portrait"): the bytes, the SHA-256 stored beside them, when and by whom it was taken."""

    content: bytes
    sha256: str
    taken_at: dt.datetime
    officer: str


@dataclass(frozen=True)
class ProcedureOnRecord:
    id: str
    national_code: str | None  # the national database's code; None: the catalogue has none


@dataclass(frozen=True)
class IdentityOnRecord:
    type: str  # as the request writes it: cccd, cmnd, passport
    number: str


@dataclass(frozen=True)
class Holder:
    full_name: str
    date_of_birth: dt.date
    sex: str | None  # male, female; None: not recorded (the preflight asks for it)
    nationality: str  # ISO 3166-1 alpha-2, as the request writes it
    residence: str
    identity_document: IdentityOnRecord


@dataclass(frozen=True)
class RestrictionOnRecord:
    text: str  # the law's words
    code: str | None  # the code the card prints; None until the circular listing them is known


@dataclass(frozen=True)
class ClassOnRecord:
    code: str  # as printed: A, B, C1E …
    planned_issue_date: dt.date | None  # None: the dossier has no due date
    planned_expiry_date: dt.date | None  # None: no time limit (or no issue date to count from)
    restrictions: tuple[RestrictionOnRecord, ...] = ()


@dataclass(frozen=True)
class LicenceToPrint:
    number: str | None
    issuing_authority: str
    law: str  # the class system's id (law-36-2024): the law the classes and dates follow
    classes: tuple[ClassOnRecord, ...]


@dataclass(frozen=True)
class OldLicence:
    number: str
    classes: tuple[str, ...]  # as printed on it
    issuer: str  # the issuing authority as recorded


@dataclass(frozen=True)
class PhotoOnRecord:
    file: str  # inside the batch's data/ (printing.card_batch.photo_file)
    sha256: str  # as stored with the dossier
    captured_at: dt.datetime
    officer: str


@dataclass(frozen=True)
class CardRecord:
    """One dossier's record (card-data.md §7). ``class_problems`` is not part of what the
    batch holds: it says why classes are missing from ``licence.classes`` (an A4 held, a
    choice not made), for the preflight to name."""

    dossier_code: str | None  # None: the dossier was not accepted (no code)
    procedure: ProcedureOnRecord
    received_at: dt.datetime
    catalogue_version: str
    holder: Holder
    licence: LicenceToPrint
    old_licences: tuple[OldLicence, ...]
    photo: PhotoOnRecord | None  # None: no portrait stored
    class_problems: tuple[ClassProblem, ...] = ()


def issuing_authority_of(settings: Settings) -> str:
    """The card's issuing authority: the agency whose name the counter's papers print
    (``agency_name``). No setting of its own: the agency that receives the exchange is the
    one that issues the licence (Decision 4225, step B6: "Lãnh đạo Sở … ký duyệt")."""
    return settings.agency_name


def makes_card(procedure: Procedure) -> bool:
    """Whether the procedure's result is a PET card (its catalogue file says ``card``)."""
    return procedure.card is CardKind.PET


def card_record(
    dossier: StoredDossier,
    portrait: StoredPortrait | None,
    *,
    issuing_authority: str,
    class_data: ClassData | None = None,
) -> CardRecord:
    """The record of a stored dossier (read with its history) and its portrait.

    ``issuing_authority`` is ``issuing_authority_of(settings)``. Nothing is checked here that
    the preflight checks: a missing value stays missing (None or empty) for the preflight
    to name.
    """
    if not dossier.rounds:
        raise ValueError("a dossier read without its rounds has no request to make a card of")
    latest = dossier.rounds[-1].record
    request = stored_request(latest.request_json)
    data = class_data or shipped_class_data()
    planned_issue = None if dossier.due_at is None else dossier.due_at.date()
    licence, problems = _licence_to_print(
        request, latest.received_at.date(), planned_issue, issuing_authority, data
    )
    return CardRecord(
        dossier_code=dossier.code,
        # The catalogue gives no national code (mã thủ tục) yet: None until a version does.
        procedure=ProcedureOnRecord(dossier.procedure_id, None),
        received_at=latest.received_at,
        catalogue_version=dossier.catalogue_version,
        holder=_holder(request),
        licence=licence,
        old_licences=tuple(_old_licence(held) for held in request.licences),
        photo=_photo(dossier.code, portrait),
        class_problems=problems,
    )


def _holder(request: DossierRequest) -> Holder:
    applicant = request.applicant
    document = applicant.identity_document
    return Holder(
        full_name=applicant.full_name,
        date_of_birth=applicant.date_of_birth,
        sex=None if applicant.sex is None else str(applicant.sex),
        nationality=applicant.nationality,
        residence=applicant.residence_address,
        identity_document=IdentityOnRecord(str(document.type), document.number),
    )


def _old_licence(held: HeldLicence) -> OldLicence:
    return OldLicence(held.number, tuple(held.classes), held.issuing_authority)


def _photo(code: str | None, portrait: StoredPortrait | None) -> PhotoOnRecord | None:
    if portrait is None:
        return None
    file = "" if code is None else photo_file(code)
    return PhotoOnRecord(file, portrait.sha256, portrait.taken_at, portrait.officer)


# ------------------------------------------------------------------------ the classes


def _licence_to_print(
    request: DossierRequest,
    received_on: dt.date,
    planned_issue: dt.date | None,
    issuing_authority: str,
    data: ClassData,
) -> tuple[LicenceToPrint, tuple[ClassProblem, ...]]:
    """The classes the card carries under the law of ``received_on``, and what stops any."""
    try:
        system = class_system_on(received_on, data)
    except NoClassSystemInForce as refusal:
        no_law = ClassProblem("", refusal.message, refusal.values)
        return LicenceToPrint(None, issuing_authority, "", ()), (no_law,)
    card_classes, problems = held_classes_on_card(request, received_on, data)
    on_record: list[ClassOnRecord] = []
    for card_class in card_classes:
        expiry, problem = _planned_expiry(card_class, system, planned_issue, request)
        if problem is not None:
            problems.append(problem)
        restrictions = tuple(_restriction(r) for r in card_class.restrictions)
        on_record.append(ClassOnRecord(card_class.code, planned_issue, expiry, restrictions))
    licence = LicenceToPrint(None, issuing_authority, system.id, tuple(on_record))
    return licence, tuple(problems)


def held_class_keys(held: HeldLicence) -> list[str]:
    """The held licence's classes as keys of the class data: B1 of an automatic-only
    licence is ``B1-automatic``."""
    return [
        AUTOMATIC_B1 if held.automatic_only and code == MANUAL_B1 else code for code in held.classes
    ]


def held_classes_on_card(
    request: DossierRequest, received_on: dt.date, data: ClassData
) -> tuple[list[CardClass], list[ClassProblem]]:
    """The card classes of every held licence, one line per class code, and the problems.

    Each licence is read in the law of its own issue date; the applicant's choices go to
    the licence holding the class chosen for (a choice for a class no licence holds is a
    problem of its own).
    """
    if not request.licences:
        return [], [ClassProblem("", NO_LICENCE_HELD)]
    classes: list[CardClass] = []
    problems: list[ClassProblem] = []
    for index, held in enumerate(request.licences):
        if held.automatic_only and MANUAL_B1 not in held.classes:
            number = held.number or str(index + 1)
            problems.append(ClassProblem("", AUTOMATIC_WITHOUT_B1, {"number": number}))
        found = classes_for_card(
            held_class_keys(held),
            received_on,
            _choices_for(held, request.class_choices),
            held_issued_on=held.issue_date,
            data=data,
        )
        classes.extend(found.classes)
        problems.extend(found.problems)
    held_anywhere = {code for held in request.licences for code in held.classes}
    problems.extend(
        ClassProblem(code, CHOICE_FOR_CLASS_NOT_HELD, {"choice": choice, "code": code})
        for code, choice in request.class_choices.items()
        if code not in held_anywhere
    )
    return _one_line_per_code(classes), problems


def _choices_for(held: HeldLicence, choices: Mapping[str, str]) -> dict[str, str]:
    """The choices made for this licence's classes, keyed as its classes are."""
    keys = dict(zip(held.classes, held_class_keys(held), strict=True))
    return {keys[code]: choice for code, choice in choices.items() if code in keys}


def _one_line_per_code(classes: Sequence[CardClass]) -> list[CardClass]:
    """Two licences giving the same class make one line; a restriction stays only if both
    carry it (the holder may drive what either allows), as ``classes_for_card`` merges
    within one licence."""
    by_code: dict[str, CardClass] = {}
    for card_class in classes:
        earlier = by_code.get(card_class.code)
        by_code[card_class.code] = (
            card_class
            if earlier is None
            else CardClass(
                card_class.code,
                tuple(r for r in earlier.restrictions if r in card_class.restrictions),
                earlier.from_classes + card_class.from_classes,
                tuple(dict.fromkeys(earlier.sources + card_class.sources)),
            )
        )
    return list(by_code.values())


def _class_key(card_class: CardClass, system: ClassSystem) -> str:
    """The class's key in the card's system: a class kept as held keeps its variant
    (``B1-automatic`` under Law 23/2008), a mapped one is its code."""
    if len(card_class.from_classes) == 1:
        kept = system.find(card_class.from_classes[0])
        if kept is not None and kept.code == card_class.code:
            return kept.key
    return card_class.code


def _planned_expiry(
    card_class: CardClass,
    system: ClassSystem,
    planned_issue: dt.date | None,
    request: DossierRequest,
) -> tuple[dt.date | None, ClassProblem | None]:
    """The class's expiry counted from the planned issue date, or the problem that stops it."""
    if planned_issue is None:
        return None, None  # the preflight names the missing issue date
    key = _class_key(card_class, system)
    birth, sex = request.applicant.date_of_birth, request.applicant.sex
    if sex is not None:
        return expiry_of(key, planned_issue, birth, sex, system), None
    as_woman = expiry_of(key, planned_issue, birth, Sex.FEMALE, system)
    as_man = expiry_of(key, planned_issue, birth, Sex.MALE, system)
    if as_woman == as_man:
        return as_woman, None
    return None, ClassProblem(key, EXPIRY_NEEDS_SEX, {"code": card_class.code})


def _restriction(restriction: Restriction) -> RestrictionOnRecord:
    return RestrictionOnRecord(restriction.text, restriction.code)


# ------------------------------------------------------------------- the batch's fields


def record_fields(record: CardRecord) -> dict[str, RecordValue]:
    """The record as ``printing.card_batch`` writes it (``CardRecordFile.fields``): nested
    as card-data.md §7 lists it, dates as ``date``/``datetime``, absent values None."""
    holder, licence = record.holder, record.licence
    return {
        "dossier_code": record.dossier_code,
        "procedure": {"id": record.procedure.id, "national_code": record.procedure.national_code},
        "received_at": record.received_at,
        "catalogue_version": record.catalogue_version,
        "holder": {
            "full_name": holder.full_name,
            "date_of_birth": holder.date_of_birth,
            "sex": holder.sex,
            "nationality": holder.nationality,
            "residence": holder.residence,
            "identity_document": {
                "type": holder.identity_document.type,
                "number": holder.identity_document.number,
            },
        },
        "licence": {
            "number": licence.number,
            "issuing_authority": licence.issuing_authority,
            "law": licence.law,
            "classes": [_class_fields(card_class) for card_class in licence.classes],
        },
        "old_licences": [
            {"number": old.number, "classes": list(old.classes), "issuer": old.issuer}
            for old in record.old_licences
        ],
        "photo": None if record.photo is None else _photo_fields(record.photo),
    }


def _class_fields(card_class: ClassOnRecord) -> dict[str, RecordValue]:
    return {
        "class": card_class.code,
        "planned_issue_date": card_class.planned_issue_date,
        "planned_expiry_date": card_class.planned_expiry_date,
        "restrictions": [
            {"code": restriction.code, "text": restriction.text}
            for restriction in card_class.restrictions
        ],
    }


def _photo_fields(photo: PhotoOnRecord) -> dict[str, RecordValue]:
    return {
        "file": photo.file,
        "sha256": photo.sha256,
        "captured_at": photo.captured_at,
        "officer": photo.officer,
    }
