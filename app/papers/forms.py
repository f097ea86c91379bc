"""The application forms of a dossier's procedure, pre-filled from its latest round.

Forms are not slips: printing one records nothing.
"""

from __future__ import annotations

from app.i18n import Message
from app.papers.common import PrintRefused, dossier_of, office_of, paper_size
from app.papers.slips import slip_data
from app.settings import Settings
from db.papers import slip_book
from db.store import Store

NO_FORM = Message(
    "thủ tục “{name}” ({procedure}) không có đơn đề nghị để chương trình điền sẵn",
    'the procedure "{name}" ({procedure}) has no application form this program can fill in',
)


def render_form(store: Store, key: str, settings: Settings) -> bytes:
    """The application form(s) of the dossier, pre-filled from its latest round."""
    from printing.application_forms import NoForm, render_application

    office = office_of(settings)
    with slip_book(store) as book:
        dossier = dossier_of(book, key)
    slip = slip_data(dossier, dossier.rounds[-1])
    try:
        return render_application(slip, office, paper_size(settings, "form"))
    except NoForm as error:
        evaluation = slip.evaluation
        raise PrintRefused(
            "DOSSIER", NO_FORM, name=evaluation.procedure_name, procedure=evaluation.procedure
        ) from error
