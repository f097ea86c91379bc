"""The applicant, licence and case-specific panels of the receiving screen.

Each panel is a list of fields in reading order (Tab follows it) and knows how
to put its values into the request data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.card.record import AUTOMATIC_B1, MANUAL_B1, makes_card
from app.catalogue.model import Procedure
from app.dates import DateKind
from app.dossier.request import LicenceIssuer
from app.dossier.wording import QUALIFICATION_WORDS, SERVICE_END_WORDS
from app.i18n import current_language
from app.reception_draft import (
    LICENCE_INPUTS,
    Assessment,
    default_issuer,
    default_service_end,
    extra_inputs,
    licence_inputs,
    still_wanted,
)
from ui.class_choice import (
    ChoiceRow,
    ClassChoiceField,
    choice_law_name,
    choices_asked,
    rows_with_a_choice,
)
from ui.fields import (
    CheckField,
    ChoiceField,
    CountryField,
    DateField,
    Field,
    ListField,
    NumberField,
    TextField,
    get,
    put,
)
from ui.qt import QEvent, QFormLayout, QGroupBox, QKeyEvent, QLabel, QObject, Qt, QWidget


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

    def load(self, request: dict[str, Any]) -> None:
        """The values of a stored request, back on screen."""
        for field in self.fields:
            field.set_value(get(request, field.path))

    def request_path(self, field: Field) -> str:
        """Where ``field``'s value goes in the request, as the assessment names it."""
        return field.path

    def asks_for(self, field: Field) -> bool:
        """Whether Enter stops at ``field`` while it is empty, even when no rule needs it:
        data the officer copies from a paper. Otherwise only a field with a problem, or one
        the rules need, is a stop."""
        return False


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
        # Only where a rule asks whether there is a licence at all (the instructor's
        # certificate): checked, the applicant holds none and the licence's rows are locked.
        self.none_held = CheckField("none_held", self.tr("Holds no driving licence"))
        self.add("", self.none_held)
        self.licence_fields = [
            self.add(self.tr("Licence number"), TextField("number", upper=True)),
            self.add(self.tr("Classes"), ListField("classes", "B2 C")),
            # Right under the classes, shown only when they list B1 ("B1 số tự động").
            self.add("", CheckField("automatic_only", self.tr("B1 automatic o&nly"))),
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
                        (
                            "bo-cong-an",
                            self.tr(
                                "Ministry of Public Security (national licence, from 01/03/2025)"
                            ),
                        ),
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
        self.class_choices = [self._add_class_choice(choice) for choice in rows_with_a_choice()]
        # A card procedure, or not (the choice is only asked for a card to print).
        self.makes_card = False
        # The choices as stored, while a correction may not change them (``keep_choices``).
        self.kept_choices: dict[str, str] | None = None
        fields = {field.path: field for field in self.licence_fields}
        issuer, self.country = fields["issuer"], fields["country"]
        self.register = fields["verified_in_register"]
        # The inputs only some procedures' rules read, shown for those alone.
        fields["none_held"] = self.none_held
        self.optional = {path: fields[path] for path in LICENCE_INPUTS}
        self.read: set[str] = set()
        self.none_held.box.toggled.connect(self._hold_none)
        self.copied = [fields[path] for path in ("number", "classes", "issue_date", "expiry_date")]
        automatic, classes, issued = (
            fields["automatic_only"],
            fields["classes"],
            fields["issue_date"],
        )
        assert isinstance(automatic, CheckField) and isinstance(classes, ListField)
        assert isinstance(issued, DateField)
        self.automatic, self.classes, self.issued = automatic, classes, issued
        self.classes.edit.textChanged.connect(self._show_automatic)
        self._show_automatic()
        assert isinstance(issuer, ChoiceField)
        self.issuer = issuer
        # The issuer follows the procedure until the officer chooses one for this applicant.
        self.issuer_chosen = False
        self.issuer.combo.activated.connect(self._issuer_chosen_by_officer)
        self.issuer.combo.currentIndexChanged.connect(self._show_country)
        self._show_country()

    def _add_class_choice(self, choice: ChoiceRow) -> ClassChoiceField:
        """A row asking which class ``choice``'s held class becomes; hidden until asked. Its
        label's mnemonic focuses the choice itself (the form's label would focus the cell)."""
        field = ClassChoiceField(choice, self.tr("— ask the applicant —"))
        law = choice_law_name(choice)
        self.add(
            self.tr("Class {held} b&ecomes under {law}").format(held=choice.held_class, law=law),
            field,
        )
        label = self.layout_.labelForField(field.cell)
        if isinstance(label, QLabel):
            label.setBuddy(field.combo)
            label.setToolTip(choice.law_words)
        self.layout_.setRowVisible(field.cell, False)
        return field

    def _show_automatic(self) -> None:
        """The question "B1 automatic only?" is about a B1 held: asked only when B1 is listed."""
        listed = MANUAL_B1 in (self.classes.value() or [])
        self.layout_.setRowVisible(self.automatic.cell, listed)
        self.automatic.widget.setEnabled(listed and not self.none_held.value())

    def held_class_keys(self) -> list[str]:
        """The classes typed, as keys of the class data (B1 of an automatic-only licence:
        ``B1-automatic``)."""
        automatic = self.automatic.value() and self.automatic.widget.isEnabled()
        return [
            AUTOMATIC_B1 if automatic and code == MANUAL_B1 else code
            for code in self.classes.value() or []
        ]

    def show_class_choices(self, received_on: dt.date) -> bool:
        """Show the class choices a card for a dossier received on ``received_on`` needs
        (none for a procedure without a card, nor for a licence kept in its own law);
        True when a row came or went (the column's width may change)."""
        issued = self.issued.value()
        asked: set[tuple[str, str]] = set()
        if self.makes_card and not self.none_held.value() and issued is not None:
            try:
                issued_on: dt.date | None = dt.date.fromisoformat(issued)
            except ValueError:
                issued_on = None  # not a date yet: its own rule says what to type
            asked = choices_asked(self.held_class_keys(), issued_on, received_on)
        changed = False
        for field in self.class_choices:
            shown = field.choice.key in asked
            if self.layout_.isRowVisible(field.cell) != shown:
                self.layout_.setRowVisible(field.cell, shown)
                changed = True
        return changed

    def unmade_choices(self) -> list[ClassChoiceField]:
        """The choices asked for and not made yet: the officer asks before printing BM 01."""
        return [
            field
            for field in self.class_choices
            if self.layout_.isRowVisible(field.cell) and field.value() is None
        ]

    def keep_choices(self, kept: bool) -> None:
        """While a correction may not change the choices (``app.corrections.CORRECTABLE``),
        they are shown as stored, locked, and go back into the request as they were."""
        if kept and self.kept_choices is None:
            self.kept_choices = self._choices_on_screen()
        elif not kept:
            self.kept_choices = None
        for field in self.class_choices:
            field.widget.setEnabled(not kept and not self.none_held.value())

    def _choices_on_screen(self) -> dict[str, str]:
        return {
            field.choice.held_class: field.value()
            for field in self.class_choices
            if self.layout_.isRowVisible(field.cell) and field.value() is not None
        }

    def follow_procedure(self, procedure: Procedure | None, subcase: str | None) -> None:
        """A new procedure or case: the issuer it requires (doi-cong-an: police, doi-du-lich:
        a foreign country), so the first verdict is never a refusal the officer did not cause,
        and the optional inputs its rules read (the register look-up for doi-gtvt, idp-cap…;
        the material where a paper licence matters)."""
        if not self.issuer_chosen:
            self.issuer.set_value(str(default_issuer(procedure)))
        self.read = licence_inputs(procedure, subcase)
        self.makes_card = procedure is not None and makes_card(procedure)
        for path, field in self.optional.items():
            self.layout_.setRowVisible(field.cell, path in self.read)
        if "none_held" not in self.read:
            self.none_held.set_value(False)

    def _asks_register(self) -> bool:
        return "verified_in_register" in self.read

    def _hold_none(self, none: bool) -> None:
        for field in [*self.licence_fields, self.requested, *self.class_choices]:
            field.widget.setEnabled(not none)
        self._show_automatic()

    def request_path(self, field: Field) -> str:
        if field is self.requested or field in self.class_choices:
            return field.path
        return f"licences[0].{field.path}"

    def asks_for(self, field: Field) -> bool:
        """The licence's own data, the register's answer where the law needs it, and for a
        foreign licence its country and the Vietnamese classes asked for (its classes do not
        carry over)."""
        return (
            field in self.copied
            or (field is self.register and self._asks_register())
            or ((field is self.requested or field is self.country) and self._is_foreign())
        )

    def _issuer_chosen_by_officer(self) -> None:
        self.issuer_chosen = True

    def _is_foreign(self) -> bool:
        return bool(self.issuer.value() == LicenceIssuer.FOREIGN)

    def _show_country(self) -> None:
        self.layout_.setRowVisible(self.country.cell, self._is_foreign())

    def clear(self) -> None:
        super().clear()
        self.issuer_chosen = False
        self.kept_choices = None

    def load(self, request: dict[str, Any]) -> None:
        self.none_held.set_value(request.get("licences") == [])
        for field in self.licence_fields:
            field.set_value(get(request, f"licences.0.{field.path}"))
        self.requested.set_value(request.get("requested_classes"))
        for choice in self.class_choices:
            choice.set_value(get(request, choice.path))
        self.kept_choices = None

    def collect(self, data: dict[str, Any]) -> None:
        if self.none_held.value():
            data["licences"] = []  # said, not left out: the rules refuse rather than ask
            return
        licence: dict[str, Any] = {}
        skipped = [] if self._is_foreign() else [self.country]
        skipped += [field for path, field in self.optional.items() if path not in self.read]
        # Unticked or not asked (no B1): left out, the request's default (not automatic-only).
        if not self.automatic.widget.isEnabled() or not self.automatic.value():
            skipped.append(self.automatic)
        for field in self.licence_fields:
            if field not in skipped:
                put(licence, field.path, field.value())
        if licence.get("number") or licence.get("classes"):
            data["licences"] = [licence]
        # An exchange asks for the classes held unless the officer types others.
        put(data, "requested_classes", self.requested.value() or licence.get("classes"))
        choices = self._choices_on_screen() if self.kept_choices is None else self.kept_choices
        if choices:
            data["class_choices"] = dict(choices)

    def show_problems(self, errors: dict[str, str]) -> None:
        """Each field's problem, one of its items' included ("licences[0].classes[1]")."""
        for field in self.licence_fields:
            field.show_problem(_first(errors, f"licences[0].{field.path}"))
        self.requested.show_problem(_first(errors, "requested_classes"))
        for choice in self.class_choices:
            choice.show_problem(_first(errors, choice.path))


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
                        [(None, "—")] + [(q.value, w()) for q, w in QUALIFICATION_WORDS.items()],
                    ),
                )
            ],
            "service_end": [
                self.add(
                    self.tr("Left the service as"),
                    ChoiceField(
                        "service_end.kind",
                        [(None, "—")] + [(k.value, w()) for k, w in SERVICE_END_WORDS.items()],
                    ),
                ),
                self.add(self.tr("Decision signed on"), DateField("service_end.decision_date")),
            ],
            "instructor_certificate": [
                self.add(
                    "",
                    CheckField(
                        "instructor_certificate.none",
                        self.tr("Never issued an instructor certificate"),
                    ),
                ),
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
        fields = {field.path: field for field in self.fields}
        self.service_end = fields["service_end.kind"]
        # Like the licence's issuer: the case's own until the officer chooses another.
        self.service_end_chosen = False
        assert isinstance(self.service_end, ChoiceField)
        self.service_end.combo.activated.connect(self._service_end_chosen_by_officer)
        no_certificate = fields["instructor_certificate.none"]
        assert isinstance(no_certificate, CheckField)
        self.no_certificate = no_certificate
        self.certificate = [fields[f"instructor_certificate.{k}"] for k in ("number", "issue_date")]
        self.no_certificate.box.toggled.connect(self._no_certificate)

    def show_for(self, procedure: Procedure | None, subcase: str | None = None) -> None:
        """The inputs ``procedure``'s rules read in this case, with the case's own answer
        where its condition gives one (doi-cong-an B: left the police); the licence panel
        beside this one (same form) takes the procedure's issuer."""
        self.shown = extra_inputs(procedure, subcase) if procedure else []
        for key, fields in self.groups.items():
            for field in fields:
                self.layout_.setRowVisible(field.cell, key in self.shown)
        self.setVisible(bool(self.shown))
        if not self.service_end_chosen:
            kind = default_service_end(procedure, subcase)
            self.service_end.set_value(None if kind is None else str(kind))
        form = self.parentWidget()
        for licence in form.findChildren(LicencePanel) if form is not None else []:
            licence.follow_procedure(procedure, subcase)

    def _service_end_chosen_by_officer(self) -> None:
        self.service_end_chosen = True

    def _no_certificate(self, none: bool) -> None:
        for field in self.certificate:
            field.widget.setEnabled(not none)

    def clear(self) -> None:
        super().clear()
        self.service_end_chosen = False

    def load(self, request: dict[str, Any]) -> None:
        super().load(request)
        never = "instructor_certificate" in request and request["instructor_certificate"] is None
        self.no_certificate.set_value(never)
        self.service_end_chosen = True  # the stored answer is the officer's

    def collect(self, data: dict[str, Any]) -> None:
        for key in self.shown:
            for field in self.groups[key]:
                if field is not self.no_certificate:
                    put(data, field.path, field.value())
        if "instructor_certificate" in self.shown and self.no_certificate.value():
            data["instructor_certificate"] = None  # said, not left out: the rules refuse

    def asks_for(self, field: Field) -> bool:
        """The rest of a group once one of its fields is filled in (the kind of service end,
        then its decision's date); otherwise a fact here is asked for when the rules need it
        (a residence permit only of a foreigner)."""
        group = next(fields for fields in self.groups.values() if field in fields)
        return any(other is not field and other.value() is not None for other in group)


class NextField(QObject):
    """Enter in a field moves to the next field still to fill, in reading order: one with a
    problem, one the rules still need, or one a panel asks for while it is empty (the
    licence's data). Fields with a good value and fields no rule needs are passed by. A date
    typed in full moves on by itself, and so does a choice made by a letter only one entry
    starts with ("H" Hợp lệ); a letter several entries start with goes to the next of them.
    After the last field to fill: ``after`` (the checklist). ``assessment`` gives the
    assessment of what is on screen now."""

    def __init__(
        self,
        panels: list[Panel],
        after: QWidget,
        assessment: Callable[[], Assessment],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panels, self.after, self.assessment = panels, after, assessment
        self.order = [(panel, field) for panel in panels for field in panel.fields]
        self._by_widget = {field.widget: field for _panel, field in self.order}
        for _panel, field in self.order:
            field.widget.installEventFilter(self)
            field.on_complete = self.advance

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        field = self._by_widget.get(watched)  # type: ignore[call-overload]
        if field is None or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance(field)
            return True
        if isinstance(field, ChoiceField) and event.text().isalpha():
            chosen = field.by_initial(event.text())
            if chosen is not None:
                index, only = chosen
                field.combo.setCurrentIndex(index)
                if only:
                    self.advance(field)
                return True
        return False

    def next_stop(self, field: Field) -> QWidget:
        """Where Enter in ``field`` goes."""
        assessment = self.assessment()
        fields = [f for _panel, f in self.order]
        for panel, candidate in self.order[fields.index(field) + 1 :]:
            widget = candidate.widget
            if not (widget.isVisible() and widget.isEnabled()):
                continue
            empty = candidate.value() is None
            if (empty and panel.asks_for(candidate)) or still_wanted(
                assessment, panel.request_path(candidate), empty
            ):
                return widget
        return self.after

    def advance(self, field: Field) -> None:
        self.next_stop(field).setFocus(Qt.FocusReason.TabFocusReason)
