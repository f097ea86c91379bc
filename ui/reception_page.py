"""The receiving screen: one applicant from procedure to printed slip, keyboard first.

Reading order is working order: procedure, ID card, applicant, licence, case
details, checklist, verdict, action. Every change is assessed at once (a short
timer gathers a burst of typing); the verdict's actions are enabled only when
the verdict allows them, and disabled while the store works, so a double press
can never store a dossier twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.catalogue.currency import DayNotice
from app.catalogue.model import Catalogue
from app.corrections import CORRECTABLE, Correction
from app.counter import CounterSession
from app.counter_ops import (
    ReceivedDossier,
    correct_stored_dossier,
    record_print,
    slip_to_reprint,
    store_dossier,
)
from app.dossier.checking import parse_request
from app.dossier.evaluation import Verdict
from app.dossier.problems import RequestError
from app.i18n import current_language
from app.idcard import IdCardReading, applicant_fields
from app.papers import RenderedSlip, print_preferences, render_form
from app.permissions import Authority
from app.reception import Receipt, due_for
from app.reception_draft import Assessment, assess
from app.workdays import DueDate
from camera.capture import AcceptedPhoto
from camera.sources import FrameSource, webcam
from ui.checklist import ChecklistTable
from ui.fields import Field
from ui.forms import ApplicantPanel, CasePanel, LicencePanel, NextField
from ui.idcard_input import WARNING_STYLE, IdCardInput
from ui.operations import Operations
from ui.photo_panel import PhotoPanel
from ui.print_preview import PrintPreviewDialog
from ui.procedure_picker import ProcedurePicker
from ui.qt import (
    QAction,
    QApplication,
    QCheckBox,
    QCloseEvent,
    QComboBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPoint,
    QPushButton,
    QRect,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.verdict_panel import VerdictPanel

REFUSED_STYLE = "color: #c62828;"
# Whether a correction may change the choices of class (the request's ``class_choices``).
CHOICES_CORRECTABLE = "class_choices" in CORRECTABLE


class ReceptionPage(QWidget):
    def __init__(
        self,
        catalogue: Catalogue,
        session: CounterSession,
        operations: Operations,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        camera: Callable[[int], FrameSource] = webcam,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue, self.session, self.operations = catalogue, session, operations
        # A version a sync round brought while a dossier was on screen: used from the next.
        self.next_catalogue: Catalogue | None = None
        self.now = now
        self.preview: PrintPreviewDialog | None = None  # the paper just rendered
        self.photo: AcceptedPhoto | None = None  # taken at the counter, stored with the dossier
        self.supplements: str | None = None  # the dossier a returning applicant completes
        self.saved: Receipt | None = None
        self.stored_request: dict[str, Any] | None = None  # what was stored, to correct from
        self.correcting = False  # a stored dossier's details reopened as its next revision
        self.storing = False  # between the key press and the store's answer
        self.assessment: Assessment | None = None
        # When this applicant's procedure was first picked (a fresh screen, Ctrl+N, a
        # returning applicant): the start of the service time the day summary measures.
        self.started_at: dt.datetime | None = None

        self.picker = ProcedurePicker(catalogue)
        language = current_language()
        self.idcard = IdCardInput(language, lambda: self.now().date())
        self.photo_panel = PhotoPanel(language=language, camera=camera)
        self.photo_panel.setObjectName("photoPanel")
        self.applicant = ApplicantPanel()
        self.licence = LicencePanel()
        self.case = CasePanel()
        self.checklist = ChecklistTable()
        self.verdict = VerdictPanel()
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        # A class the applicant must choose for the card and has not yet: asked before F9.
        self.class_warning = QLabel()
        self.class_warning.setObjectName("classChoiceWarning")
        self.class_warning.setWordWrap(True)
        self.class_warning.setStyleSheet(WARNING_STYLE)
        self.class_warning.setVisible(False)
        # Why the catalogue version in force today may no longer apply (and, when the
        # department's setting refuses such days, that nothing is received): a label only,
        # wrapped, so it takes no Tab stop and fits 1280×720.
        self.catalogue_banner = QLabel()
        self.catalogue_banner.setObjectName("catalogueBanner")
        self.catalogue_banner.setWordWrap(True)
        self.catalogue_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.catalogue_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.catalogue_banner.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.catalogue_banner.setVisible(False)
        self.notice = DayNotice("", None)
        self.reason = QLineEdit()
        self.reason.setObjectName("correctionReason")
        self.reason.setPlaceholderText(self.tr("Reason for the correction (required)"))
        self.reason.setMaxLength(300)
        self._build_layout()
        self._build_actions()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.reassess)
        self.picker.chosen.connect(self._procedure_chosen)
        self.idcard.parsed.connect(self._fill_from_card)
        self.photo_panel.qr_read.connect(self.idcard.submit)
        self.photo_panel.accepted.connect(self._photo_accepted)
        self.checklist.changed.connect(self.schedule)
        for panel in (self.applicant, self.licence, self.case):
            for field in panel.fields:
                _on_change(field, self.schedule)
        self.case.show_for(None)
        self.photo_panel.setVisible(False)  # until a procedure that needs a photo is chosen
        self._fit_forms()
        self.reassess()
        self._tab_order()
        # Enter (a full date, a one-letter choice) goes to the next field still to fill.
        self.next_field = NextField(
            [self.applicant, self.licence, self.case], self.checklist, self._assessed_now, self
        )

    # ------------------------------------------------------------------ layout

    def _build_layout(self) -> None:
        """Fits a 1280×720 screen: the panels scroll or share a splitter; the picker, the
        verdict and the action bar never leave the window, whatever the procedure."""
        self.forms = QWidget()
        column = QVBoxLayout(self.forms)
        column.addWidget(self.idcard)
        for panel in (self.applicant, self.licence, self.case):
            column.addWidget(panel)
        column.addStretch()
        self.forms_scroll = scroll = QScrollArea()
        scroll.setObjectName("formsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.forms)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Whatever moves the focus into the forms (Tab, Enter to the next needed field, a
        # letter choosing in a list, the ID card filling the applicant), the field is shown.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._show_focused_field)
        self.checklist.setMinimumHeight(90)  # a few rows; the table scrolls
        decision = QWidget()
        decision_column = QVBoxLayout(decision)
        decision_column.setContentsMargins(0, 0, 0, 0)
        decision_column.addWidget(self.verdict, 1)
        decision_column.addWidget(self.class_warning)
        decision_column.addWidget(self.result)
        self.verdict.details.setMinimumHeight(48)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("rightSplitter")
        right.setChildrenCollapsible(False)
        # Room goes to the checklist first; the photo panel keeps its compact size.
        for widget, stretch in ((self.checklist, 3), (self.photo_panel, 0), (decision, 1)):
            right.addWidget(widget)
            right.setStretchFactor(right.indexOf(widget), stretch)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 860])
        # The action bar, fixed at the bottom: why an action is grey, then the actions.
        self.why = QLabel()
        self.why.setObjectName("actionsWhy")
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #ef6c00;")
        self.why.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.why, 1)
        self.buttons.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.catalogue_banner)
        layout.addWidget(self.picker)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.buttons)

    def _build_actions(self) -> None:
        self.action_buttons: dict[QAction, QPushButton] = {}

        def action(text: str, key: str, slot: Callable[[], None], name: str) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            button = QPushButton(f"{text}  [{key}]")
            button.setObjectName(f"{name}Button")
            button.clicked.connect(act.trigger)
            act.enabledChanged.connect(button.setEnabled)
            act.visibleChanged.connect(lambda: button.setVisible(act.isVisible()))
            self.buttons.addWidget(button)
            self.action_buttons[act] = button
            return act

        self.all_in = action(
            self.tr("All handed in"), "Ctrl+D", self.checklist.mark_all_handed_in, "allIn"
        )
        self.capture = action(self.tr("Photo"), "F5", self._capture, "capture")
        self.use_photo = action(self.tr("Use the photo"), "F6", self._use_photo, "usePhoto")
        self.accept = action(self.tr("Accept: BM 01"), "F9", self._accept, "accept")
        self.supplement = action(
            self.tr("Supplement: BM 02"), "F10", self._supplement, "supplement"
        )
        self.refuse = action(self.tr("Refuse: BM 03"), "F11", self._refuse, "refuse")
        self.form = action(self.tr("Application form"), "F8", self._print_form, "form")
        self.correct = action(
            self.tr("Correct details"), "Ctrl+E", self._start_correction, "correct"
        )
        self.save_correction = action(
            self.tr("Save the correction"), "Ctrl+S", self._save_correction, "saveCorrection"
        )
        self.cancel_correction = action(
            self.tr("Cancel the correction"), "Esc", self._cancel_correction, "cancelCorrection"
        )
        self.next = action(self.tr("Next applicant"), "Ctrl+N", self.next_applicant, "next")
        focus = QAction(self)
        focus.setShortcut(QKeySequence("Ctrl+P"))
        focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.triggered.connect(self.picker.query.setFocus)
        self.addAction(focus)

    # --------------------------------------------------------------- assessing

    def request_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"schema_version": 1}
        if self.picker.procedure is not None:
            data["procedure"] = self.picker.procedure.id
            if self.picker.subcase.currentData() is not None:
                data["subcase"] = self.picker.subcase.currentData()
            data["channel"] = self.picker.channel.currentData() or "direct"
        for panel in (self.applicant, self.licence, self.case):
            panel.collect(data)
        data["presented"] = self.checklist.presented()
        return data

    def schedule(self, *_args: object) -> None:
        if self.saved is None:
            self._timer.start()

    def _assessed_now(self) -> Assessment:
        """The assessment of what is on screen this moment (typing may not be assessed yet)."""
        self._timer.stop()
        self.reassess()
        assert self.assessment is not None
        return self.assessment

    def reassess(self) -> None:
        received_at = self.now().replace(second=0, microsecond=0)
        # The choices the card needs follow the law of the day of receipt: a stored
        # dossier's own day, else today's.
        received_on = self.saved.received_at.date() if self.saved else received_at.date()
        if self.licence.show_class_choices(received_on):
            self._fit_forms()
        self._warn_of_unmade_choices()
        self._show_catalogue_notice(received_at.date())
        assessment = assess(self.request_data(), self.catalogue, received_at.date())
        self.assessment = assessment
        self.checklist.show_rows(assessment.checklist)
        errors = assessment.field_errors
        for field in self.applicant.fields + self.case.fields:
            field.show_problem(errors.get(field.path))
        self.licence.show_problems(errors)
        self.verdict.show_assessment(assessment, self._due(assessment, received_at))
        self._enable_actions()
        # Problems shown or gone change the rows' heights: the field being filled stays seen.
        self._show_focused_field(None, QApplication.focusWidget())

    def _show_catalogue_notice(self, day: dt.date) -> None:
        """The banner of the day's catalogue version: its words and the refusal from app/."""
        self.notice = self.session.catalogue_notice(self.catalogue, day)
        refused = self.notice.refusal is not None
        self.catalogue_banner.setText(self.notice.text)
        self.catalogue_banner.setStyleSheet(REFUSED_STYLE if refused else WARNING_STYLE)
        self.catalogue_banner.setVisible(bool(self.notice.text))

    def _warn_of_unmade_choices(self) -> None:
        """A choice of class not made does not stop the dossier (the checklist decides
        that), but the card cannot be printed without it: the officer asks now."""
        unmade = self.licence.unmade_choices() if self.saved is None else []
        either = " " + self.tr("or") + " "  # B or C1
        self.class_warning.setText(
            " ".join(
                self.tr("Ask the applicant: class {held} becomes {options}?").format(
                    held=field.choice.held_class, options=either.join(field.choice.options)
                )
                for field in unmade
            )
        )
        self.class_warning.setVisible(bool(unmade))

    def _due(self, assessment: Assessment, received_at: dt.datetime) -> DueDate | None:
        evaluation = assessment.evaluation
        if evaluation is None:
            return None
        return due_for(evaluation, self.catalogue, self.session.timetable(), received_at)

    def _enable_actions(self) -> None:
        """Which actions apply, which are shown, and why F9 (or the rest) cannot be used yet:
        the one place that decides, so the buttons, the keys and the words agree."""
        verdict = self.verdict.verdict
        stored = self.saved is not None
        idle = not stored and not self.storing
        photo = self._needs_photo()
        photo_ok = not photo or self.photo is not None
        # The department refuses dossiers on this day (the banner says why): none is stored.
        receivable = idle and self.notice.refusal is None
        self.accept.setEnabled(receivable and verdict is Verdict.ACCEPT and photo_ok)
        self.supplement.setEnabled(receivable and verdict is Verdict.SUPPLEMENT)
        self.refuse.setEnabled(receivable and verdict is Verdict.REFUSE)
        self.all_in.setEnabled(idle and self.picker.procedure is not None)
        self.capture.setEnabled(idle and photo)
        self.use_photo.setEnabled(idle and photo)
        accepted = self.saved is not None and self.saved.code is not None
        self.form.setEnabled(accepted)
        # Once stored, only what still makes sense: the application form, the next applicant.
        for act in (self.all_in, self.accept, self.supplement, self.refuse):
            act.setVisible(not stored)
        for act in (self.capture, self.use_photo):
            act.setVisible(not stored and photo)
        self.form.setVisible(accepted and not self.correcting)  # (hidden: disabled too)
        # A stored dossier's details are corrected as their own recorded revision.
        self.correct.setVisible(stored and not self.correcting)
        self.correct.setEnabled(stored and not self.correcting and not self.storing)
        for act in (self.save_correction, self.cancel_correction):
            act.setVisible(self.correcting)
            act.setEnabled(self.correcting and not self.storing)
        self.reason.setVisible(self.correcting)
        self.next.setEnabled(not self.storing and not self.correcting)
        self._set_editable(not stored and not self.storing, self.correcting and not self.storing)
        self.why.setText(self._why_not(verdict, photo_ok))

    def _why_not(self, verdict: Verdict | None, photo_ok: bool) -> str:
        if self.storing:
            return self.tr("Saving…")
        if self.correcting:
            return self.tr(
                "Correcting: change the applicant's or the licence's details, "
                "type the reason, Ctrl+S saves"
            )
        if self.saved is not None:
            return self.tr(
                "Stored: the screen is read-only. Ctrl+E: correct its details; "
                "Ctrl+N: next applicant."
            )
        if self.notice.refusal is not None:
            return self.tr(
                "F9, F10, F11: no dossier is received on this day (see the notice above)"
            )
        if self.picker.procedure is None:
            return self.tr("F9: choose the procedure first (Ctrl+P)")
        if verdict is None:
            return self.tr("F9: the dossier is not complete")
        if verdict is Verdict.SUPPLEMENT:
            return self.tr("F9: papers are missing; F10 prints BM 02")
        if verdict is Verdict.REFUSE:
            return self.tr("F9: a condition is not met; F11 prints BM 03")
        if not photo_ok:
            return self.tr("F9: the photo is not taken yet (F5, then F6)")
        return ""

    def _set_editable(self, editable: bool, correcting: bool) -> None:
        """A stored dossier is not edited by accident: everything that feeds it is locked
        (still readable, the lists still scroll) until the next applicant. ``correcting``
        opens only what a correction may change: the applicant's and the licence's details."""
        self.picker.setEnabled(editable)
        self.forms.setEnabled(editable or correcting)
        # A correction changes only what ``app.corrections`` lets it: the choices of class
        # stay as stored (and shown) unless they are among those.
        self.licence.keep_choices(correcting and not CHOICES_CORRECTABLE)
        self.idcard.setEnabled(editable)
        self.case.setEnabled(editable)
        self.checklist.viewport().setEnabled(editable)
        for controls in self.photo_panel.controls:
            controls.setEnabled(editable)
        focus = self.window().focusWidget()
        if not editable and (focus is None or not focus.isEnabled()):
            # The locked field lost the focus: the page keeps it, so its keys still work.
            self.setFocus()

    def _procedure_chosen(self) -> None:
        procedure = self.picker.procedure
        if procedure is not None and self.started_at is None and self.saved is None:
            # The first pick only: a sub-case, channel or procedure changed afterwards is
            # the same applicant. Ctrl+N keeps the procedure: its pick is then the moment.
            self.started_at = self.now().replace(microsecond=0)
        self.case.show_for(procedure, self.picker.subcase.currentData())
        self._fit_forms()
        self.photo_panel.setVisible(self._needs_photo())
        if procedure is not None and procedure.photo is not None:
            self.photo_panel.set_background(procedure.photo.background)
        # The camera runs while the procedure needs a photo; the next applicant is already there.
        running = self.photo_panel.session.running
        if self._needs_photo() and not running:
            self.photo_panel.start_camera()
        elif not self._needs_photo() and running:
            self.photo_panel.stop_camera()
        self.reassess()
        self.idcard.line.setFocus()  # the scanner types the card's QR here

    def _fit_forms(self) -> None:
        """The fields' column as wide as its widest row (it scrolls down, never sideways)."""
        scroll = self.forms_scroll
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(self.forms.minimumSizeHint().width() + bar + 2 * scroll.frameWidth())

    def _needs_photo(self) -> bool:
        procedure = self.picker.procedure
        return bool(procedure and procedure.photo and procedure.photo.at_counter)

    def _fill_from_card(self, reading: object) -> None:
        assert isinstance(reading, IdCardReading)
        fields = {field.path: field for field in self.applicant.fields}
        for path, value in applicant_fields(reading.card).items():
            fields[path].set_value(value)
        self.reassess()
        self.licence.licence_fields[0].widget.setFocus()

    def _capture(self) -> None:
        if self._needs_photo():
            self.photo_panel.capture()

    def _use_photo(self) -> None:
        """The officer has looked (eyes open, no glare…): confirm and use the photo."""
        panel = self.photo_panel
        if panel.captured is not None:
            panel.confirm.setChecked(True)
            if panel.accept_button.isEnabled():
                panel.accept_button.click()

    def _photo_accepted(self, photo: object) -> None:
        assert isinstance(photo, AcceptedPhoto)
        self.photo = photo
        self._enable_actions()

    # ------------------------------------------------------------------ acting

    def _accept(self) -> None:
        self._store(Verdict.ACCEPT)

    def _start_correction(self) -> None:
        if self.saved is None or self.correcting or self.storing:
            return
        self.correcting = True
        self.reason.clear()
        self.result.clear()
        self._enable_actions()
        self.applicant.fields[0].widget.setFocus()

    def _cancel_correction(self) -> None:
        if not self.correcting or self.storing:
            return
        self._end_correction()
        if self.stored_request is not None:
            for panel in (self.applicant, self.licence, self.case):
                panel.load(self.stored_request)
        self.reassess()

    def _end_correction(self) -> None:
        self.correcting = False
        self._enable_actions()
        self.action_buttons[self.next].setFocus()

    def _save_correction(self) -> None:
        if not self.correcting or self.storing or self.saved is None:
            return
        self._timer.stop()
        self.reassess()
        assessment = self.assessment
        if assessment is not None and assessment.field_errors:
            self.why.setText(self.tr("Ctrl+S: a field is not in order (shown in red)"))
            return
        reason = self.reason.text().strip()
        if not reason:
            self.why.setText(self.tr("Ctrl+S: type the reason for the correction first"))
            self.reason.setFocus()
            return
        data = self.request_data()
        try:
            request = parse_request(data)
        except RequestError as error:  # the still-needed facts: the verdict panel lists them
            self.why.setText(self.tr("Ctrl+S: {problem}").format(problem=error.problems[0]))
            return
        session, catalogue, key = self.session, self.catalogue, self.saved.dossier_id
        corrected_at = self.now().replace(second=0, microsecond=0)
        self.storing = True
        self._enable_actions()
        self.operations.change_approved(
            self,
            lambda authority: correct_stored_dossier(
                session, catalogue, key, request, reason, corrected_at, authority=authority
            ),
            lambda correction: self._corrected(correction, data),
            failure=self._correction_failed,
        )

    def _corrected(self, correction: Correction, data: dict[str, Any]) -> None:
        self.storing = False
        self.stored_request = data
        self.result.setStyleSheet("")
        self.result.setText(
            self.tr("Corrected: {code}, revision {revision}: {fields}").format(
                code=correction.code or correction.dossier_id,  # BM 02/03's reference
                revision=correction.revision,
                fields=", ".join(correction.changed),
            )
        )
        self._end_correction()
        # The slip given to the applicant shows the old details: print it again, corrected.
        session, key = self.session, correction.dossier_id
        self.operations.query_approved(
            self,
            lambda authority: (slip_to_reprint(session, key, authority=authority), authority),
            lambda made: self._show_paper(made[0].pdf, made[0].kind.upper(), made[0], made[1]),
            failure=self._failed,
        )

    def _correction_failed(self, error: Exception) -> None:
        self._show_failure(self.tr("Not corrected: {reason}").format(reason=error))

    def _supplement(self) -> None:
        self._store(Verdict.SUPPLEMENT)

    def _refuse(self) -> None:
        self._store(Verdict.REFUSE)

    def _store(self, verdict: Verdict) -> None:
        self._timer.stop()
        self.reassess()
        if self.verdict.verdict is not verdict or self.saved is not None or self.storing:
            return  # a repeated key press, or the facts changed under the finger
        data = self.request_data()
        request = parse_request(data)
        self.stored_request = data
        session, catalogue, supplements, photo, started_at = (
            self.session,
            self.catalogue,
            self.supplements,
            self.photo,
            self.started_at,
        )
        received_at = self.now().replace(second=0, microsecond=0)
        self.storing = True
        self._enable_actions()
        self.operations.change_approved(
            self,
            lambda authority: store_dossier(
                session,
                catalogue,
                request,
                received_at,
                supplements=supplements,
                photo=photo,
                authority=authority,
                started_at=started_at,
            ),
            self._stored,
            failure=self._failed,
        )

    def _stored(self, stored: ReceivedDossier) -> None:
        receipt, slip = stored.receipt, stored.slip
        self.storing = False
        self.saved = receipt
        self.result.setStyleSheet("")
        code = receipt.code or self.tr("(no code: not accepted)")
        due = (
            self.tr(" — result due {moment}").format(moment=f"{receipt.due.due_at:%H:%M %d/%m/%Y}")
            if receipt.due
            else ""
        )
        self.result.setText(self.tr("Saved: {code}").format(code=code) + due)
        self._enable_actions()
        self.action_buttons[self.next].setFocus()  # the fields are locked; Ctrl+N goes on
        self._show_paper(slip.pdf, slip.kind.upper(), slip)

    def _print_form(self) -> None:
        if self.saved is None or self.saved.code is None:
            return
        store, settings, key = self.session.store, self.session.settings, self.saved.dossier_id
        self.operations.query(
            self,
            lambda: render_form(store, key, settings),
            lambda pdf: self._show_paper(pdf, "form", None),
            failure=self._failed,
        )

    def _show_paper(
        self,
        pdf: bytes,
        kind: str,
        slip: RenderedSlip | None,
        authority: Authority | None = None,
    ) -> None:
        """Preview the paper; printing it (to a printer or a file) records a slip (with the
        approval that let it be made, if one was needed)."""
        preferences = print_preferences(self.session.settings, kind.lower())
        self.preview = PrintPreviewDialog(pdf, preferences, kind, self)
        if slip is not None:
            self.preview.printed.connect(lambda: self._record_print(slip, authority))
        self.preview.open()

    def _record_print(self, slip: RenderedSlip, given: Authority | None) -> None:
        session, printed_at = self.session, self.now()
        self.operations.change_approved(
            self,
            lambda authority: record_print(session, slip, printed_at, authority=authority or given),
            failure=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self._show_failure(self.tr("Not saved: {reason}").format(reason=error))

    def _show_failure(self, sentence: str) -> None:
        # Shown in place, not in a dialog: the officer reads it and fixes the field.
        self.storing = False
        self.result.setStyleSheet("color: #c62828;")
        self.result.setText(sentence)
        self._enable_actions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Closed on its own (not as part of the window): its camera stops with it."""
        self.photo_panel.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------ next, return

    def use_catalogue(self, catalogue: Catalogue) -> None:
        """The catalogue version a sync round brought: used from the next dossier on; the
        one on screen keeps the version it was started with."""
        self.next_catalogue = catalogue
        if self.picker.procedure is None and self.saved is None:
            # Nothing on screen: the picker offers the new version now.
            self._take_next_catalogue()
            self.picker.reset()

    def _take_next_catalogue(self) -> None:
        if self.next_catalogue is not None:
            self.catalogue = self.picker.catalogue = self.next_catalogue
            self.next_catalogue = None

    def has_unsaved_changes(self) -> bool:
        return self.saved is None and self.picker.procedure is not None

    def may_discard(self) -> bool:
        """True when nothing unsaved is on screen, or the officer agrees to drop it."""
        if not self.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Discard this dossier?"),
            self.tr("The dossier on screen has not been saved. Discard it?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def next_applicant(self) -> None:
        """A fresh screen for the next applicant; the procedure stays, the queue is often
        several people for the same one (Ctrl+P picks another)."""
        if not self.may_discard():
            return
        procedure = self.picker.procedure
        self.clear()
        if procedure is not None and procedure.id in self.catalogue.procedures:
            self.picker.choose(procedure.id)

    def clear(self) -> None:
        """Nothing of the applicant before stays: fields, checklist, photo, card notice, result."""
        self._take_next_catalogue()
        self.saved, self.supplements, self.photo, self.preview = None, None, None, None
        self.stored_request, self.correcting = None, False
        self.started_at = None
        self.photo_panel.retake()
        self.idcard.line.clear()
        self.idcard.message.clear()
        self.picker.reset()
        for panel in (self.applicant, self.licence, self.case):
            panel.clear()
        self.case.show_for(None)
        self.photo_panel.setVisible(False)
        self.result.clear()
        self.reassess()
        self.picker.query.setFocus()

    def complete_dossier(self, dossier_id: str, request: dict[str, Any]) -> None:
        """The applicant is back with what BM 02 asked for: the same dossier, a new round."""
        self.clear()
        self.supplements = dossier_id
        self.picker.choose(str(request["procedure"]))
        if request.get("subcase"):
            self.picker.subcase.setCurrentIndex(self.picker.subcase.findData(request["subcase"]))
        for panel in (self.applicant, self.licence, self.case):
            panel.load(request)
        self.reassess()

    def _show_focused_field(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.forms.isAncestorOf(new):
            # After the events already posted: rows shown or hidden by this very change
            # resize the column (and the scroll range) only then.
            QTimer.singleShot(0, self, self._show_focus_now)  # not once the page is gone

    def _show_focus_now(self) -> None:
        """The focused field whole, with its problem line under it (Qt's own
        ``ensureWidgetVisible`` only keeps a line edit's text cursor in view)."""
        focus = QApplication.focusWidget()
        if focus is None or not self.forms.isAncestorOf(focus):
            return
        parent = focus.parentWidget()
        cell = parent if parent is not None and parent.objectName() == "fieldCell" else focus
        rect = QRect(cell.mapTo(self.forms, QPoint(0, 0)), cell.size())
        centre = rect.center()
        self.forms_scroll.ensureVisible(centre.x(), centre.y(), 0, rect.height() // 2 + 4)

    def _tab_order(self) -> None:
        """Tab in reading order: picker, ID card, applicant, licence, case, the checklist
        (one stop: arrows and letters inside), the photo panel's controls, the actions."""
        chain: list[QWidget] = [self.picker.query, self.picker.subcase, self.picker.channel]
        chain.append(self.idcard.line)
        for panel in (self.applicant, self.licence, self.case):
            chain.extend(field.widget for field in panel.fields)
        chain.append(self.checklist)
        chain.extend(self.photo_panel.controls_in_order())
        chain.append(self.reason)
        for act in self.actions():
            button = self.findChild(QPushButton, f"{act.objectName()}Button")
            if button is not None and act.objectName():
                chain.append(button)
        for index in range(1, len(chain)):
            QWidget.setTabOrder(chain[index - 1], chain[index])
        for area in self.findChildren(QScrollArea):  # it scrolls to the field Tab reaches
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _on_change(field: Field, slot: Callable[..., None]) -> None:
    widget = field.widget
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
