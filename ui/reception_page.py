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

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import ReceivedDossier, record_print, store_dossier
from app.dossier.checking import parse_request
from app.dossier.evaluation import Verdict
from app.i18n import current_language
from app.idcard import IdCardReading, applicant_fields
from app.papers import RenderedSlip, print_preferences, render_form
from app.reception import Receipt, due_for
from app.reception_draft import Assessment, assess
from app.workdays import DueDate
from camera.capture import AcceptedPhoto
from camera.sources import FrameSource, webcam
from ui.checklist import ChecklistTable
from ui.fields import Field, get
from ui.forms import ApplicantPanel, CasePanel, LicencePanel, Panel
from ui.idcard_input import IdCardInput
from ui.operations import Operations
from ui.photo_panel import PhotoPanel
from ui.print_preview import PrintPreviewDialog
from ui.procedure_picker import ProcedurePicker
from ui.qt import (
    QAction,
    QCheckBox,
    QCloseEvent,
    QComboBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.verdict_panel import VerdictPanel


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
        self.now = now
        self.preview: PrintPreviewDialog | None = None  # the paper just rendered
        self.photo: AcceptedPhoto | None = None  # taken at the counter, stored with the dossier
        self.supplements: str | None = None  # the dossier a returning applicant completes
        self.saved: Receipt | None = None
        self.storing = False  # between the key press and the store's answer
        self.assessment: Assessment | None = None

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
        self.reassess()

    # ------------------------------------------------------------------ layout

    def _build_layout(self) -> None:
        forms = QWidget()
        column = QVBoxLayout(forms)
        column.addWidget(self.idcard)
        for panel in (self.applicant, self.licence, self.case):
            column.addWidget(panel)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(forms)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.checklist.setMinimumHeight(200)  # every row of a checklist in view
        right_column.addWidget(self.checklist, 3)
        right_column.addWidget(self.photo_panel, 3)
        right_column.addWidget(self.verdict, 2)
        right_column.addWidget(self.result)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([430, 670])
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.buttons)

    def _build_actions(self) -> None:
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
            self.buttons.addWidget(button)
            return act

        self.all_in = action(
            self.tr("All handed in"), "Ctrl+D", self.checklist.mark_all_handed_in, "allIn"
        )
        self.accept = action(self.tr("Accept and print BM 01"), "F9", self._accept, "accept")
        self.supplement = action(self.tr("Print BM 02"), "F10", self._supplement, "supplement")
        self.refuse = action(self.tr("Refuse and print BM 03"), "F11", self._refuse, "refuse")
        self.capture = action(self.tr("Take the photo"), "F5", self._capture, "capture")
        self.use_photo = action(self.tr("Photo checked: use it"), "F6", self._use_photo, "usePhoto")
        self.form = action(self.tr("Print the application form"), "F8", self._print_form, "form")
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

    def reassess(self) -> None:
        received_at = self.now().replace(second=0, microsecond=0)
        assessment = assess(self.request_data(), self.catalogue, received_at.date())
        self.assessment = assessment
        self.checklist.show_rows(assessment.checklist)
        errors = assessment.field_errors
        for field in self.applicant.fields + self.case.fields:
            field.show_problem(errors.get(field.path))
        self.licence.show_problems(errors)
        self.verdict.show_assessment(assessment, self._due(assessment, received_at))
        self._enable_actions()

    def _due(self, assessment: Assessment, received_at: dt.datetime) -> DueDate | None:
        evaluation = assessment.evaluation
        if evaluation is None:
            return None
        return due_for(evaluation, self.catalogue, self.session.timetable(), received_at)

    def _enable_actions(self) -> None:
        verdict = self.verdict.verdict
        idle = self.saved is None and not self.storing
        photo_ok = not self._needs_photo() or self.photo is not None
        self.accept.setEnabled(idle and verdict is Verdict.ACCEPT and photo_ok)
        self.supplement.setEnabled(idle and verdict is Verdict.SUPPLEMENT)
        self.refuse.setEnabled(idle and verdict is Verdict.REFUSE)
        self.all_in.setEnabled(self.saved is None and self.picker.procedure is not None)
        self.form.setEnabled(self.saved is not None and self.saved.code is not None)

    def _procedure_chosen(self) -> None:
        procedure = self.picker.procedure
        self.case.show_for(procedure)
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

    def _supplement(self) -> None:
        self._store(Verdict.SUPPLEMENT)

    def _refuse(self) -> None:
        self._store(Verdict.REFUSE)

    def _store(self, verdict: Verdict) -> None:
        self._timer.stop()
        self.reassess()
        if self.verdict.verdict is not verdict or self.saved is not None or self.storing:
            return  # a repeated key press, or the facts changed under the finger
        request = parse_request(self.request_data())
        session, catalogue, supplements, photo = (
            self.session,
            self.catalogue,
            self.supplements,
            self.photo,
        )
        received_at = self.now().replace(second=0, microsecond=0)
        self.storing = True
        self._enable_actions()
        self.operations.change(
            self,
            lambda: store_dossier(
                session, catalogue, request, received_at, supplements=supplements, photo=photo
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

    def _show_paper(self, pdf: bytes, kind: str, slip: RenderedSlip | None) -> None:
        """Preview the paper; printing it (to a printer or a file) records a slip."""
        preferences = print_preferences(self.session.settings, kind.lower())
        self.preview = PrintPreviewDialog(pdf, preferences, kind, self)
        if slip is not None:
            self.preview.printed.connect(lambda: self._record_print(slip))
        self.preview.open()

    def _record_print(self, slip: RenderedSlip) -> None:
        session, printed_at = self.session, self.now()
        self.operations.change(
            self, lambda: record_print(session, slip, printed_at), failure=self._failed
        )

    def _failed(self, error: Exception) -> None:
        # Shown in place, not in a dialog: the officer reads it and fixes the field.
        self.storing = False
        self.result.setStyleSheet("color: #c62828;")
        self.result.setText(self.tr("Not saved: {reason}").format(reason=error))
        self._enable_actions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Closed on its own (not as part of the window): its camera stops with it."""
        self.photo_panel.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------ next, return

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
        if procedure is not None:
            self.picker.choose(procedure.id)

    def clear(self) -> None:
        self.saved, self.supplements, self.photo = None, None, None
        self.photo_panel.retake()
        self.idcard.line.clear()
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
        panels: list[Panel] = [self.applicant, self.case]
        for panel in panels:
            for field in panel.fields:
                field.set_value(get(request, field.path))
        for field in self.licence.licence_fields:
            field.set_value(get(request, f"licences.0.{field.path}"))
        self.licence.requested.set_value(request.get("requested_classes"))
        self.reassess()


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
