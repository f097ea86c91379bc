"""The facts the catalogue's rules may test, computed from a dossier request.

Each fact declares its kind (checked against the operators a catalogue file
uses, when it loads) and the request fields it reads: when a rule needs a fact
whose field was left empty, the officer is told which field to fill rather
than getting a guess. A fact that has no value for this applicant (the
earliest expiry of licences that never expire) is ``None``, and every test of
it is false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from app.catalogue.rules import FactValue

# The facts read a request; the catalogue's loader, which only checks that the rules name
# known facts, need not load the request's models (issue 19).
if TYPE_CHECKING:
    from app.dossier.request import DossierRequest, HeldLicence

T = TypeVar("T")
FactKind = Literal["bool", "int", "text", "date", "text-set"]


class MissingInformation(Exception):
    """A rule needs a request field that was not filled in."""

    def __init__(self, field: str, fact: str) -> None:
        super().__init__(field)
        self.field = field
        self.fact = fact


@dataclass(frozen=True)
class Context:
    request: DossierRequest
    received_on: dt.date


@dataclass(frozen=True)
class Fact:
    name: str
    kind: FactKind
    description: str
    compute: Callable[[Context], FactValue | None]


def _required(value: T | None, field: str, fact: str) -> T:
    if value is None:
        raise MissingInformation(field, fact)
    return value


def _licences(context: Context, fact: str) -> list[HeldLicence]:
    if not context.request.licences:
        raise MissingInformation("licences", fact)
    return context.request.licences


def _materials(context: Context) -> frozenset[str]:
    """What the licences are made of; one whose material was not recorded is asked."""
    licences = _licences(context, "licence.materials")
    for index, licence in enumerate(licences):
        if licence.material is None:
            raise MissingInformation(f"licences[{index}].material", "licence.materials")
    return frozenset(str(licence.material) for licence in licences)


def _licence_count(context: Context) -> int:
    """How many licences; a request that says nothing of them (no ``licences`` at all,
    as the window's draft before the officer types one) is asked, not counted as none."""
    request = context.request
    if not request.licences and "licences" not in request.model_fields_set:
        raise MissingInformation("licences", "licence.count")
    return len(request.licences)


def _instructor_certificate_held(context: Context) -> bool:
    """Whether a certificate was issued before; left out (not ``null``) it is asked."""
    request = context.request
    if request.instructor_certificate is None:
        if "instructor_certificate" not in request.model_fields_set:
            raise MissingInformation("instructor_certificate", "instructor_certificate.held")
        return False
    return True


def _age_on(born: dt.date, day: dt.date) -> int:
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


def _earliest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [day for day in dates if day is not None]
    return min(known) if known else None


def _details_differ(context: Context) -> bool:
    applicant = context.request.applicant
    for licence in context.request.licences:
        name = licence.name_on_licence
        if name is not None and name.casefold() != applicant.full_name.casefold():
            return True
        year = licence.birth_year_on_licence
        if year is not None and year != applicant.date_of_birth.year:
            return True
    return False


def _all_verified(context: Context) -> bool:
    for index, licence in enumerate(_licences(context, "licence.verified_in_register")):
        field = f"licences[{index}].verified_in_register"
        if not _required(licence.verified_in_register, field, "licence.verified_in_register"):
            return False
    return True


_FACTS = [
    Fact(
        "dossier.subcase",
        "text",
        "Sub-case letter chosen (A, B, C), '' when none",
        lambda c: c.request.subcase or "",
    ),
    Fact(
        "dossier.channel",
        "text",
        "How the dossier arrived: direct, online or post",
        lambda c: str(c.request.channel),
    ),
    Fact("receipt.date", "date", "Day the dossier is received", lambda c: c.received_on),
    Fact(
        "applicant.age",
        "int",
        "Age in whole years on the day of receipt",
        lambda c: _age_on(c.request.applicant.date_of_birth, c.received_on),
    ),
    Fact(
        "applicant.sex",
        "text",
        "male or female",
        lambda c: str(_required(c.request.applicant.sex, "applicant.sex", "applicant.sex")),
    ),
    Fact(
        "applicant.nationality",
        "text",
        "ISO 3166 code of the nationality",
        lambda c: c.request.applicant.nationality,
    ),
    Fact(
        "applicant.is_vietnamese",
        "bool",
        "Nationality is Vietnamese",
        lambda c: c.request.applicant.nationality == "VN",
    ),
    Fact(
        "applicant.permanent_residence_card",
        "bool",
        "A foreigner holds a Vietnamese permanent residence card (thẻ thường trú)",
        lambda c: _required(
            c.request.applicant.permanent_residence_card,
            "applicant.permanent_residence_card",
            "applicant.permanent_residence_card",
        ),
    ),
    Fact(
        "applicant.residence_permit_months",
        "int",
        "Months of residence a foreigner's card or permit allows in Viet Nam",
        lambda c: _required(
            c.request.applicant.residence_permit_months,
            "applicant.residence_permit_months",
            "applicant.residence_permit_months",
        ),
    ),
    Fact(
        "applicant.months_abroad",
        "int",
        "Months a Vietnamese applicant lived abroad where the foreign licence was issued",
        lambda c: _required(
            c.request.applicant.months_abroad, "applicant.months_abroad", "applicant.months_abroad"
        ),
    ),
    Fact(
        "applicant.stay_abroad_covers_training",
        "bool",
        "The stay abroad was long enough for the issuing country's driver training",
        lambda c: _required(
            c.request.applicant.stay_abroad_covers_training,
            "applicant.stay_abroad_covers_training",
            "applicant.stay_abroad_covers_training",
        ),
    ),
    Fact(
        "applicant.qualification",
        "text",
        "Highest training level (instructor certificate)",
        lambda c: str(
            _required(
                c.request.applicant.qualification,
                "applicant.qualification",
                "applicant.qualification",
            )
        ),
    ),
    Fact("licence.count", "int", "Number of licences presented", _licence_count),
    Fact(
        "licence.classes",
        "text-set",
        "Every class of the licences presented",
        lambda c: frozenset(k for lic in _licences(c, "licence.classes") for k in lic.classes),
    ),
    Fact(
        "licence.issuers",
        "text-set",
        "Who issued the licences: gtvt, cong-an (the police's own), quan-su, nuoc-ngoai,"
        " bo-cong-an (the national licence, from 1/3/2025)",
        lambda c: frozenset(str(lic.issuer) for lic in _licences(c, "licence.issuers")),
    ),
    Fact(
        "licence.materials",
        "text-set",
        "What the licences are made of: pet, paper",
        _materials,
    ),
    Fact(
        "licence.valid_on_receipt",
        "bool",
        "Every licence presented is still valid on the day of receipt",
        lambda c: all(
            lic.expiry_date is None or lic.expiry_date >= c.received_on
            for lic in _licences(c, "licence.valid_on_receipt")
        ),
    ),
    Fact(
        "licence.time_limited",
        "bool",
        "At least one licence presented has an expiry date",
        lambda c: any(lic.expiry_date is not None for lic in _licences(c, "licence.time_limited")),
    ),
    Fact(
        "licence.earliest_expiry",
        "date",
        "Earliest expiry date among the licences; none if unlimited",
        lambda c: _earliest(lic.expiry_date for lic in _licences(c, "licence.earliest_expiry")),
    ),
    Fact(
        "licence.earliest_issue",
        "date",
        "Earliest issue date among the licences",
        lambda c: _required(
            _earliest(lic.issue_date for lic in _licences(c, "licence.earliest_issue")),
            "licences[0].issue_date",
            "licence.earliest_issue",
        ),
    ),
    Fact(
        "licence.damaged",
        "bool",
        "A licence is damaged (bị hỏng)",
        lambda c: any(lic.damaged for lic in _licences(c, "licence.damaged")),
    ),
    Fact(
        "licence.tampered",
        "bool",
        "A licence is erased or torn so that needed details are gone (tẩy xóa, rách nát)",
        lambda c: any(lic.tampered for lic in _licences(c, "licence.tampered")),
    ),
    Fact(
        "licence.identity_differs",
        "bool",
        "The holder does not look like the licence (khác biệt về nhận dạng)",
        lambda c: any(lic.identity_differs for lic in _licences(c, "licence.identity_differs")),
    ),
    Fact(
        "licence.details_differ_from_id",
        "bool",
        "Name or birth year on a licence differ from the identity document",
        _details_differ,
    ),
    Fact(
        "licence.verified_in_register",
        "bool",
        "Every licence matches the issuing authority's records (số phôi, ngày cấp, hạn)",
        _all_verified,
    ),
    Fact(
        "request.separate_time_limited",
        "bool",
        "The applicant asks to separate time-limited and unlimited classes",
        lambda c: c.request.separate_time_limited,
    ),
    Fact(
        "requested.classes",
        "text-set",
        "Classes the applicant asks for",
        lambda c: frozenset(c.request.requested_classes),
    ),
    Fact(
        "requested.classes_not_held",
        "text-set",
        "Classes asked for that no licence presented carries",
        lambda c: (
            frozenset(c.request.requested_classes)
            - frozenset(k for lic in c.request.licences for k in lic.classes)
        ),
    ),
    Fact(
        "service_end.kind",
        "text",
        "Why the applicant left the issuing service",
        lambda c: str(_required(c.request.service_end, "service_end", "service_end.kind").kind),
    ),
    Fact(
        "service_end.decision_date",
        "date",
        "Date the leaving or termination decision was signed",
        lambda c: (
            _required(
                c.request.service_end, "service_end", "service_end.decision_date"
            ).decision_date
        ),
    ),
    Fact(
        "instructor_certificate.held",
        "bool",
        "The applicant was issued an instructor certificate before",
        _instructor_certificate_held,
    ),
]

FACTS: dict[str, Fact] = {fact.name: fact for fact in _FACTS}
