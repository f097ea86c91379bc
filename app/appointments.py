"""Re-appointing a dossier that cannot be settled on time: once, with a reason, recorded.

The rule (Decree 61/2018 art. 19) is checked by ``app.workdays.reappoint``;
here the decision is stored with the dossier and its due date moved, in one
transaction. The store's unique key on the dossier is the backstop if two
officers try at the same moment.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from app.reception import Timetable
from app.workdays import Reappointment, ReappointmentError, reappoint
from db.dossiers import find_by_code
from db.models import Reappointment as ReappointmentRow
from db.store import Store


def reappoint_dossier(
    store: Store,
    code: str,
    *,
    extra_working_days: int,
    reason: str,
    officer: str,
    decided_at: dt.datetime,
    timetable: Timetable,
) -> Reappointment:
    with store.transaction() as session:
        dossier = find_by_code(session, code)
        if dossier is None or dossier.due_at is None:
            raise ReappointmentError(f"no accepted dossier with code {code}")
        earlier = session.scalar(
            select(ReappointmentRow).where(ReappointmentRow.dossier_id == dossier.id)
        )
        decision = reappoint(
            dossier.due_at,
            extra_working_days,
            reason,
            decided_at,
            timetable.calendar,
            timetable.hours,
            timetable.rule,
            previous_due_at=earlier.new_due_at if earlier else None,
        )
        session.add(
            ReappointmentRow(
                dossier_id=dossier.id,
                previous_due_at=dossier.due_at,
                new_due_at=decision.due.due_at,
                reason=decision.reason,
                decided_at=decided_at,
                officer=officer,
            )
        )
        dossier.due_at = decision.due.due_at
        dossier.due_explanation_json = json.dumps(
            decision.due.explanation.to_dict(), ensure_ascii=False
        )
    return decision
