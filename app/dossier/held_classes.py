"""The classes of a held national licence, read against the catalogue version's class system.

A catalogue version's rules name the classes of one law (its manifest's ``class_system``:
Decision 4225/2021 writes those of Law 23/2008). A licence issued from 1/1/2025 carries
the classes of Law 36/2024 (art. 57), some with the same codes and other meanings (A1, B1,
C, D), others new (B, C1, D1, D2, BE, C1E, D1E, D2E). Read against the old rules, such a
licence would be refused for a reason about another class (class E, when B was asked
for), so each class of another law is named as such: "hạng B theo Luật 36/2024; quy trình
này áp dụng hạng của Luật 23/2008".

Which law a licence's classes follow is read from its issue date when it is known
(``system_of_licence``): issued from 1/1/2025, its A1, C or D is Law 36/2024's. A class
only another law has is that law's whatever the date. A class the licence's law lacks
and the version's law has (B2 on a licence dated 2025) is read as the version's: the
version's rules can judge it, and a wrong date is not this check's to guess.

Only where the procedure's rules read the held classes (``HELD_CLASS_FACTS``): an IDP is
issued for whatever classes the national licence carries, so a police-issued licence of
class B is an IDP applicant's like any other, and naming its class would only stop a
dossier no rule of the version judges by it.

Only the national licence (issued by the transport sector, or by the Ministry of Public
Security since 1/3/2025) prints these classes: the police's own, military and foreign
licences have classes of their own (the police's "A" before 1995, the army's Fx), which
their procedures' rules name.
"""

from __future__ import annotations

from app.catalogue.model import Catalogue, Procedure
from app.catalogue.rules import fact_tests
from app.dossier.problems import RequestProblem
from app.dossier.request import DossierRequest, HeldLicence, LicenceIssuer
from app.i18n import Message
from app.licence_classes.loader import ClassData, shipped_class_data
from app.licence_classes.model import ClassSystem
from app.licence_classes.systems import NoClassSystemInForce, system_of_licence

NATIONAL_ISSUERS = frozenset({LicenceIssuer.TRANSPORT, LicenceIssuer.NATIONAL_POLICE})
# The facts (app.dossier.facts) computed from the classes of the licences held.
HELD_CLASS_FACTS = frozenset({"licence.classes", "requested.classes_not_held"})

CLASS_OF_ANOTHER_LAW = Message(
    "hạng {codes} theo {law}; quy trình này áp dụng hạng của {system}",
    "class {codes} under {law}; this procedure applies the classes of {system}",
)
CLASSES_OF_ANOTHER_LAW = Message(
    "hạng {codes} theo {law}; quy trình này áp dụng hạng của {system}",
    "classes {codes} under {law}; this procedure applies the classes of {system}",
)
CLASS_OF_NO_LAW = Message(
    "hạng {codes} không có trong {system} hay luật nào khác đã biết",
    "class {codes} is not a class of {system} nor of any other known law",
)
CLASSES_OF_NO_LAW = Message(
    "hạng {codes} không có trong {system} hay luật nào khác đã biết",
    "classes {codes} are not classes of {system} nor of any other known law",
)


def version_system(catalogue: Catalogue, data: ClassData | None = None) -> ClassSystem:
    """The class system the catalogue version's rules are written in."""
    return (data or shipped_class_data()).system(catalogue.manifest.class_system)


def requestable_classes(catalogue: Catalogue, data: ClassData | None = None) -> tuple[str, ...]:
    """The classes an applicant may ask for under ``catalogue``: its class system's codes,
    each once (B1 and the automatic-only B1 print the same code)."""
    system = version_system(catalogue, data)
    return tuple(dict.fromkeys(entry.code for entry in system.classes))


def held_class_problems(
    request: DossierRequest, catalogue: Catalogue, data: ClassData | None = None
) -> list[RequestProblem]:
    """A problem at ``licences[i].classes`` for each law, other than the version's, whose
    classes a held national licence carries (and one for classes of no known law).

    A request problem rather than a refusal: the version's rules cannot judge the
    licence at all, so no verdict they give would be true; the officer checks the classes
    and issue date typed, or the dossier belongs to a version written in the new classes.
    """
    procedure = catalogue.procedures.get(request.procedure)
    if procedure is None or not reads_held_classes(procedure):
        return []
    data = data or shipped_class_data()
    own = version_system(catalogue, data)
    problems: list[RequestProblem] = []
    for index, licence in enumerate(request.licences):
        if licence.issuer not in NATIONAL_ISSUERS:
            continue
        by_law: dict[str, list[str]] = {}
        unknown: list[str] = []
        for code in dict.fromkeys(licence.classes):
            law = _law_of(code, licence, own, data)
            if law is None:
                unknown.append(code)
            elif law.id != own.id:
                by_law.setdefault(law.id, []).append(code)
        field = f"licences[{index}].classes"
        for law_id, codes in by_law.items():
            values = {
                "codes": ", ".join(codes),
                "law": data.system(law_id).name.message(),
                "system": own.name.message(),
            }
            message = CLASS_OF_ANOTHER_LAW if len(codes) == 1 else CLASSES_OF_ANOTHER_LAW
            problems.append(RequestProblem(field, message, values))
        if unknown:
            values = {"codes": ", ".join(unknown), "system": own.name.message()}
            message = CLASS_OF_NO_LAW if len(unknown) == 1 else CLASSES_OF_NO_LAW
            problems.append(RequestProblem(field, message, values))
    return problems


def reads_held_classes(procedure: Procedure) -> bool:
    """Whether any condition or item of ``procedure`` depends on the classes held."""
    predicates = [
        predicate
        for condition in procedure.conditions
        for predicate in (condition.applies_when, condition.require)
        if predicate is not None
    ]
    predicates += [item.required_when for item in procedure.all_items() if item.required_when]
    return any(
        test.fact in HELD_CLASS_FACTS
        for predicate in predicates
        for _, test in fact_tests(predicate, "")
    )


def _codes(system: ClassSystem) -> set[str]:
    return {entry.code for entry in system.classes}


def _law_of(
    code: str, licence: HeldLicence, own: ClassSystem, data: ClassData
) -> ClassSystem | None:
    """The law whose class ``code`` the licence carries; None when no law has it."""
    issued_under = _system_of_issue(licence, data)
    if issued_under is not None and code in _codes(issued_under):
        return issued_under
    if code in _codes(own):
        return own
    return next((system for system in data.systems if code in _codes(system)), None)


def _system_of_issue(licence: HeldLicence, data: ClassData) -> ClassSystem | None:
    """The law in force when the licence was issued, when its issue date says."""
    if licence.issue_date is None:
        return None
    try:
        return system_of_licence(licence.issue_date, data)
    except NoClassSystemInForce:
        return None
