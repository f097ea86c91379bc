"""The applicant, licence and case-specific panels of the receiving screen.

Each panel is a list of fields in reading order (Tab follows it) and knows how
to put its values into the request data.
"""

from __future__ import annotations

from typing import Any

from app.catalogue.model import Procedure
from app.dates import DateKind
from app.dossier.request import LicenceIssuer, Qualification, ServiceEndKind
from app.i18n import current_language
from app.reception_draft import default_issuer, extra_inputs
from ui.fields import (
    CheckField,
    ChoiceField,
    CountryField,
    DateField,
    Field,
    ListField,
    NumberField,
    TextField,
    put,
)
from ui.qt import QFormLayout, QGroupBox, QWidget


class Panel(QGroupBox):
    """A titled group of labelled fields."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.layout_ = QFormLayout(self)
        self.fields: list[Field] = []

    def add(self, label: str, field: Field) -> Field:
        """A row: the label, the input and, under it, the field's problem when it has one."""
        self.fields.append(field)
        self.layout_.addRow(label, field.cell)
        return field

    def collect(self, data: dict[str, Any]) -> None:
        for field in self.fields:
            put(data, field.path, field.value())

    def clear(self) -> None:
        for field in self.fields:
            field.set_value(None)


def _first(errors: dict[str, str], path: str) -> str | None:
    """The problem of the field at ``path`` or of an item of it."""
    return next(
        (
            text
            for key, text in errors.items()
            if key in (path,) or key.startswith((f"{path}[", f"{path}."))
        ),
        None,
    )


def _yes_no(not_checked: str, yes: str, no: str) -> list[tuple[Any, str]]:
    return [(None, not_checked), (True, yes), (False, no)]


class ApplicantPanel(Panel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Applicant"), parent)
        self.full_name = self.add(self.tr("Full name"), TextField("applicant.full_name"))
        self.add(self.tr("Date of birth"), DateField("applicant.date_of_birth"))
        self.add(
            self.tr("Sex"),
            ChoiceField(
                "applicant.sex",
                [(None, "—"), ("male", self.tr("Male")), ("female", self.tr("Female"))],
            ),
        )
        self.nationality = self.add(
            self.tr("Nationality"), TextField("applicant.nationality", "VN", True)
        )
        self.add(
            self.tr("Identity document"),
            ChoiceField(
                "applicant.identity_document.type",
                [
                    ("cccd", self.tr("Citizen ID card")),
                    ("cmnd", self.tr("Old ID card")),
                    ("passport", self.tr("Passport")),
                ],
            ),
        )
        self.add(
            self.tr("Document number"), TextField("applicant.identity_document.number", upper=True)
        )
        self.add(self.tr("Issued on"), DateField("applicant.identity_document.issue_date"))
        self.add(self.tr("Address"), TextField("applicant.residence_address"))
        self.add(self.tr("Phone"), TextField("applicant.phone"))
        self.add(self.tr("Email"), TextField("applicant.email"))

    def collect(self, data: dict[str, Any]) -> None:
        super().collect(data)
        data.setdefault("applicant", {}).setdefault("nationality", "VN")


class LicencePanel(Panel):
    """The licence presented (one; the common case) and the classes asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Licence held"), parent)
        self.licence_fields = [
            self.add(self.tr("Licence number"), TextField("number", upper=True)),
            self.add(self.tr("Classes"), ListField("classes", "B2 C")),
            self.add(self.tr("Issued on"), DateField("issue_date")),
            self.add(self.tr("Expires on"), DateField("expiry_date", DateKind.NEAR)),
            # Right after the dates: the officer looks the licence up while the applicant waits.
            self.add(
                self.tr("Checked in the licence register"),
                ChoiceField(
                    "verified_in_register",
                    [
                        (None, self.tr("— not checked —")),
                        (True, self.tr("Valid")),
                        (False, self.tr("Not found or not matching")),
                    ],
                ),
            ),
            self.add(
                self.tr("Issued by"),
                ChoiceField(
                    "issuer",
                    [
                        ("gtvt", self.tr("Transport sector")),
                        ("cong-an", self.tr("Police")),
                        ("quan-su", self.tr("Ministry of Defence")),
                        ("nuoc-ngoai", self.tr("Foreign country")),
                    ],
                ),
            ),
            self.add(
                self.tr("Issuing country"),
                CountryField("country", current_language(), self.tr("type a name or code: KR")),
            ),
            self.add(
                self.tr("Material"),
                ChoiceField("material", [("pet", "PET"), ("paper", self.tr("Paper"))]),
            ),
            self.add("", CheckField("damaged", self.tr("Damaged"))),
            self.add("", CheckField("tampered", self.tr("Erased or torn beyond reading"))),
            self.add(
                "", CheckField("identity_differs", self.tr("Holder does not match the licence"))
            ),
        ]
        self.requested = self.add(
            self.tr("Classes requested"), ListField("requested_classes", "B2")
        )
        fields = {field.path: field for field in self.licence_fields}
        issuer, self.country = fields["issuer"], fields["country"]
        assert isinstance(issuer, ChoiceField)
        self.issuer = issuer
        # The issuer follows the procedure until the officer chooses one for this applicant.
        self.issuer_chosen = False
        self.issuer.combo.activated.connect(self._issuer_chosen_by_officer)
        self.issuer.combo.currentIndexChanged.connect(self._show_country)
        self._show_country()

    def follow_procedure(self, procedure: Procedure | None) -> None:
        """A new procedure: the issuer it requires (doi-cong-an: police, doi-du-lich: a
        foreign country), so the first verdict is never a refusal the officer did not cause."""
        if not self.issuer_chosen:
            self.issuer.set_value(str(default_issuer(procedure)))

    def _issuer_chosen_by_officer(self) -> None:
        self.issuer_chosen = True

    def _is_foreign(self) -> bool:
        return bool(self.issuer.value() == LicenceIssuer.FOREIGN)

    def _show_country(self) -> None:
        self.layout_.setRowVisible(self.country.cell, self._is_foreign())

    def clear(self) -> None:
        super().clear()
        self.issuer_chosen = False

    def collect(self, data: dict[str, Any]) -> None:
        licence: dict[str, Any] = {}
        for field in self.licence_fields:
            if field is not self.country or self._is_foreign():
                put(licence, field.path, field.value())
        if licence.get("number") or licence.get("classes"):
            data["licences"] = [licence]
        # An exchange asks for the classes held unless the officer types others.
        put(data, "requested_classes", self.requested.value() or licence.get("classes"))

    def show_problems(self, errors: dict[str, str]) -> None:
        """Each field's problem, one of its items' included ("licences[0].classes[1]")."""
        for field in self.licence_fields:
            field.show_problem(_first(errors, f"licences[0].{field.path}"))
        self.requested.show_problem(_first(errors, "requested_classes"))


class CasePanel(Panel):
    """The facts only some procedures' rules ask for, shown for those procedures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Case details"), parent)
        self.groups: dict[str, list[Field]] = {
            "applicant.permanent_residence_card": [
                self.add(
                    self.tr("Permanent residence card"),
                    ChoiceField(
                        "applicant.permanent_residence_card",
                        _yes_no(self.tr("— not checked —"), self.tr("Yes"), self.tr("No")),
                    ),
                )
            ],
            "applicant.residence_permit_months": [
                self.add(
                    self.tr("Residence permit (months)"),
                    NumberField("applicant.residence_permit_months"),
                )
            ],
            "applicant.months_abroad": [
                self.add(self.tr("Months lived abroad"), NumberField("applicant.months_abroad"))
            ],
            "applicant.stay_abroad_covers_training": [
                self.add(
                    self.tr("Stay abroad covers the driver training"),
                    ChoiceField(
                        "applicant.stay_abroad_covers_training",
                        _yes_no(self.tr("— not checked —"), self.tr("Yes"), self.tr("No")),
                    ),
                )
            ],
            "applicant.qualification": [
                self.add(
                    self.tr("Highest qualification"),
                    ChoiceField(
                        "applicant.qualification",
                        [(None, "—")] + [(q.value, q.value) for q in Qualification],
                    ),
                )
            ],
            "service_end": [
                self.add(
                    self.tr("Left the service as"),
                    ChoiceField(
                        "service_end.kind",
                        [(None, "—")] + [(k.value, k.value) for k in ServiceEndKind],
                    ),
                ),
                self.add(self.tr("Decision signed on"), DateField("service_end.decision_date")),
            ],
            "instructor_certificate": [
                self.add(
                    self.tr("Instructor certificate number"),
                    TextField("instructor_certificate.number", upper=True),
                ),
                self.add(
                    self.tr("Certificate issued on"), DateField("instructor_certificate.issue_date")
                ),
            ],
            "separate_time_limited": [
                self.add(
                    "",
                    CheckField(
                        "separate_time_limited",
                        self.tr("Separate time-limited and unlimited classes"),
                    ),
                )
            ],
        }
        self.shown: list[str] = []

    def show_for(self, procedure: Procedure | None) -> None:
        """The inputs ``procedure``'s rules read; the licence panel beside this one (same
        form) takes the procedure's issuer."""
        self.shown = extra_inputs(procedure) if procedure else []
        for key, fields in self.groups.items():
            for field in fields:
                self.layout_.setRowVisible(field.cell, key in self.shown)
        self.setVisible(bool(self.shown))
        form = self.parentWidget()
        for licence in form.findChildren(LicencePanel) if form is not None else []:
            licence.follow_procedure(procedure)

    def collect(self, data: dict[str, Any]) -> None:
        for key in self.shown:
            for field in self.groups[key]:
                put(data, field.path, field.value())
