"""The live verdict: accept, supplement or refuse, with the reasons and the due date."""

from __future__ import annotations

import html

from app.dossier.evaluation import Verdict
from app.dossier.problems import field_label
from app.reception_draft import Assessment
from app.workdays import DueDate
from ui.qt import QLabel, QTextBrowser, QVBoxLayout, QWidget

COLOURS = {Verdict.ACCEPT: "#2e7d32", Verdict.SUPPLEMENT: "#ef6c00", Verdict.REFUSE: "#c62828"}


class VerdictPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setObjectName("verdict")
        self.details = QTextBrowser()
        self.details.setObjectName("verdictDetails")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        self.verdict: Verdict | None = None

    def show_assessment(self, assessment: Assessment, due: DueDate | None) -> None:
        e = html.escape
        evaluation = assessment.evaluation
        self.verdict = evaluation.verdict if evaluation else None
        due_title = self.tr("Result due")
        if evaluation is None:
            # Once per field: what is wrong ("Label: what is expected"), then what is
            # still needed, in plain words.
            self._headline(self.tr("Not complete yet"), "#546e7a")
            lines = [f"<li>{e(sentence)}</li>" for sentence in assessment.field_errors.values()]
            lines += [
                f"<li>{e(field_label(p.field, numbered=False))}: {e(p.text())}</li>"
                for p in assessment.missing_information
                if p.field not in assessment.field_errors
            ]
            self.details.setHtml(f"<ul>{''.join(lines)}</ul>")
            return
        titles = {
            Verdict.ACCEPT: self.tr("Accept — print BM 01"),
            Verdict.SUPPLEMENT: self.tr("Supplement — print BM 02"),
            Verdict.REFUSE: self.tr("Refuse — print BM 03"),
        }
        self._headline(titles[evaluation.verdict], COLOURS[evaluation.verdict])
        parts: list[str] = []
        if evaluation.refusals:
            # The reason as BM 03 prints it: legal text of the catalogue, Vietnamese only.
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{e(r.reason)} <i>({e(r.source)})</i></li>" for r in evaluation.refusals
                )
                + "</ul>"
            )
        if evaluation.not_needed:
            # Fields still empty that cannot change the refusal: said so, in the words of the
            # evaluation ("not needed to decide"), so the officer does not go looking for them.
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{e(field_label(f.field, numbered=False))}: {e(f.reason_in())}</li>"
                    for f in evaluation.not_needed
                )
                + "</ul>"
            )
        if evaluation.missing:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><b>{e(i.name)}</b>: {e(i.reason_in() or '')}</li>"
                    for i in evaluation.missing
                )
                + "</ul>"
            )
        if due is not None:
            parts.append(
                f"<p><b>{e(due_title)}: {due.due_at:%H:%M %d/%m/%Y}</b><br>"
                f"{e(due.explanation.text())}</p>"
            )
        parts.append(f"<p>{e(evaluation.time_and_fee())}</p>")
        # Why the catalogue version may no longer apply to this day, whole (the banner above
        # the forms says it briefly); stored with the dossier as it is shown here.
        day = evaluation.received_on
        parts.extend(
            f'<p style="color: #ef6c00;">{e(reason.sentence(day))}</p>'
            for reason in evaluation.catalogue_not_current
        )
        self.details.setHtml("".join(parts))

    def _headline(self, text: str, colour: str) -> None:
        self.headline.setText(text)
        self.headline.setStyleSheet(f"font-size: 18pt; font-weight: bold; color: {colour};")
