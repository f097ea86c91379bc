"""A recorded slip's preview, and the re-appointment that ends in Mẫu 04: shared by today's
dossiers and the results due soon, which both offer them on a dossier's row.

Printing a previewed slip (to a printer or a file) records the print, with the
approval that let it be made when one was needed; the re-appointment is asked in
``ReappointDialog``, stored by ``app.counter_ops.reappoint`` on the worker, and its
Mẫu 04 handed to ``made`` to preview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.appointments import check_reappointable
from app.changes import Done
from app.counter import CounterSession
from app.counter_ops import Reappointed, reappoint, record_print
from app.dossier_queries import StoredDossier
from app.i18n import OfficerError
from app.papers import SLIP_NAMES, RenderedSlip, print_preferences
from app.permissions import Authority
from ui.operations import Operations, show_error
from ui.print_preview import PrintPreviewDialog
from ui.qt import QWidget
from ui.reappoint_dialog import ReappointDialog

Clock = Callable[[], dt.datetime]


def preview_slip(
    owner: QWidget,
    session: CounterSession,
    operations: Operations,
    now: Clock,
    slip: RenderedSlip,
    authority: Authority | None = None,
) -> PrintPreviewDialog:
    """Open the slip's print preview; printing it records the print."""
    preferences = print_preferences(session.settings, slip.kind)
    preview = PrintPreviewDialog(slip.pdf, preferences, SLIP_NAMES[slip.kind](), owner)

    def record() -> None:
        printed_at = now()
        operations.change_approved(
            owner,
            lambda given: record_print(session, slip, printed_at, authority=given or authority),
        )

    preview.printed.connect(record)
    preview.open()
    return preview


def ask_reappointment(
    owner: QWidget,
    session: CounterSession,
    operations: Operations,
    now: Clock,
    dossier: StoredDossier,
    made: Callable[[RenderedSlip, Authority | None], None],
) -> ReappointDialog | None:
    """Ask for the new due date and its reason (None, and the reason said, when the
    dossier may not be re-appointed); once stored, ``made`` gets its Mẫu 04."""
    try:
        check_reappointable(dossier)
    except OfficerError as error:
        show_error(owner, error)
        return None
    assert dossier.code is not None and dossier.due_at is not None  # checked above
    dialog = ReappointDialog(dossier.code, dossier.due_at, session.timetable(), now(), owner)
    key = dossier.id

    def store(days: int, reason: str) -> None:
        decided_at = now()

        def run(authority: Authority | None) -> Done[tuple[Reappointed, Authority | None]]:
            done = reappoint(session, key, days, reason, decided_at, authority=authority)
            return Done((done.result, authority), done.changes)

        operations.change_approved(owner, run, lambda stored: made(stored[0].apology, stored[1]))

    dialog.decided.connect(store)
    dialog.open()
    return dialog
