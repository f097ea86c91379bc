"""The applicant, licence and case-specific panels of the receiving screen.

Each panel is a list of fields in reading order (Tab follows it) and knows how
to put its values into the request data.
"""

from __future__ import annotations

from typing import Any

from app.catalogue.model import Procedure
from app.dossier.request import Qualification, ServiceEndKind
from app.reception_draft import extra_inputs
from ui.fields import (
    CheckField,
    ChoiceField,
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
        self.fields.append(field)
        if isinstance(field, CheckField):
            self.layout_.addRow("", field.widget)
        else:
            self.layout_.addRow(label, field.widget)
        return field

    def collect(self, data: dict[str, Any]) -> None:
        for field in self.fields:
            put(data, field.path, field.value())

    def clear(self) -> None:
        for field in self.fields:
            field.set_value(None)


def _yes_no(tr: Any) -> list[tuple[Any, str]]:
    return [(None, tr("— not checked —")), (True, tr("Yes")), (False, tr("No"))]


class ApplicantPanel(Panel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Applicant"), parent)
        tr = self.tr
        self.full_name = self.add(tr("Full name"), TextField("applicant.full_name"))
        self.add(tr("Date of birth"), DateField("applicant.date_of_birth"))
        self.add(
            tr("Sex"),
            ChoiceField(
                "applicant.sex", [(None, "—"), ("male", tr("Male")), ("female", tr("Female"))]
            ),
        )
        self.nationality = self.add(
            tr("Nationality"), TextField("applicant.nationality", "VN", True)
        )
        self.add(
            tr("Identity document"),
            ChoiceField(
                "applicant.identity_document.type",
                [
                    ("cccd", tr("Citizen ID card")),
                    ("cmnd", tr("Old ID card")),
                    ("passport", tr("Passport")),
                ],
            ),
        )
        self.add(tr("Document number"), TextField("applicant.identity_document.number", upper=True))
        self.add(tr("Issued on"), DateField("applicant.identity_document.issue_date"))
        self.add(tr("Address"), TextField("applicant.residence_address"))
        self.add(tr("Phone"), TextField("applicant.phone"))
        self.add(tr("Email"), TextField("applicant.email"))

    def collect(self, data: dict[str, Any]) -> None:
        super().collect(data)
        data.setdefault("applicant", {}).setdefault("nationality", "VN")


class LicencePanel(Panel):
    """The licence presented (one; the common case) and the classes asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Licence held"), parent)
        tr = self.tr
        self.licence_fields = [
            self.add(tr("Licence number"), TextField("number", upper=True)),
            self.add(tr("Classes"), ListField("classes", "B2 C")),
            self.add(tr("Issued on"), DateField("issue_date")),
            self.add(tr("Expires on"), DateField("expiry_date")),
            # Right after the dates: the officer looks the licence up while the applicant waits.
            self.add(
                tr("Checked in the licence register"),
                ChoiceField(
                    "verified_in_register",
                    [
                        (None, tr("— not checked —")),
                        (True, tr("Valid")),
                        (False, tr("Not found or not matching")),
                    ],
                ),
            ),
            self.add(
                tr("Issued by"),
                ChoiceField(
                    "issuer",
                    [
                        ("gtvt", tr("Transport sector")),
                        ("cong-an", tr("Police")),
                        ("quan-su", tr("Ministry of Defence")),
                        ("nuoc-ngoai", tr("Foreign country")),
                    ],
                ),
            ),
            self.add(
                tr("Material"), ChoiceField("material", [("pet", "PET"), ("paper", tr("Paper"))])
            ),
            self.add("", CheckField("damaged", tr("Damaged"))),
            self.add("", CheckField("tampered", tr("Erased or torn beyond reading"))),
            self.add("", CheckField("identity_differs", tr("Holder does not match the licence"))),
        ]
        self.requested = self.add(tr("Classes requested"), ListField("requested_classes", "B2"))

    def collect(self, data: dict[str, Any]) -> None:
        licence: dict[str, Any] = {}
        for field in self.licence_fields:
            put(licence, field.path, field.value())
        if licence.get("number") or licence.get("classes"):
            data["licences"] = [licence]
        # An exchange asks for the classes held unless the officer types others.
        put(data, "requested_classes", self.requested.value() or licence.get("classes"))

    def show_problems(self, errors: dict[str, str]) -> None:
        for field in self.licence_fields:
            field.show_problem(errors.get(f"licences[0].{field.path}"))
        self.requested.show_problem(
            next(
                (rule for path, rule in errors.items() if path.startswith("requested_classes")),
                None,
            )
        )


class CasePanel(Panel):
    """The facts only some procedures' rules ask for, shown for those procedures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Case details"), parent)
        tr = self.tr
        self.groups: dict[str, list[Field]] = {
            "applicant.permanent_residence_card": [
                self.add(
                    tr("Permanent residence card"),
                    ChoiceField("applicant.permanent_residence_card", _yes_no(tr)),
                )
            ],
            "applicant.residence_permit_months": [
                self.add(
                    tr("Residence permit (months)"),
                    NumberField("applicant.residence_permit_months"),
                )
            ],
            "applicant.months_abroad": [
                self.add(tr("Months lived abroad"), NumberField("applicant.months_abroad"))
            ],
            "applicant.stay_abroad_covers_training": [
                self.add(
                    tr("Stay abroad covers the driver training"),
                    ChoiceField("applicant.stay_abroad_covers_training", _yes_no(tr)),
                )
            ],
            "applicant.qualification": [
                self.add(
                    tr("Highest qualification"),
                    ChoiceField(
                        "applicant.qualification",
                        [(None, "—")] + [(q.value, q.value) for q in Qualification],
                    ),
                )
            ],
            "service_end": [
                self.add(
                    tr("Left the service as"),
                    ChoiceField(
                        "service_end.kind",
                        [(None, "—")] + [(k.value, k.value) for k in ServiceEndKind],
                    ),
                ),
                self.add(tr("Decision signed on"), DateField("service_end.decision_date")),
            ],
            "instructor_certificate": [
                self.add(
                    tr("Instructor certificate number"),
                    TextField("instructor_certificate.number", upper=True),
                ),
                self.add(
                    tr("Certificate issued on"), DateField("instructor_certificate.issue_date")
                ),
            ],
            "separate_time_limited": [
                self.add(
                    "",
                    CheckField(
                        "separate_time_limited", tr("Separate time-limited and unlimited classes")
                    ),
                )
            ],
        }
        self.shown: list[str] = []

    def show_for(self, procedure: Procedure | None) -> None:
        self.shown = extra_inputs(procedure) if procedure else []
        for key, fields in self.groups.items():
            for field in fields:
                self.layout_.setRowVisible(field.widget, key in self.shown)
        self.setVisible(bool(self.shown))

    def collect(self, data: dict[str, Any]) -> None:
        for key in self.shown:
            for field in self.groups[key]:
                put(data, field.path, field.value())
