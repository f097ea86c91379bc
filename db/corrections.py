"""Correcting a stored dossier: the store's side, in one transaction.

A correction is its own action, recorded as the dossier's next revision (1, 2, …):
the ``dossier_correction`` row with the reason and the applicant and licences
before and after, the dossier's applicant columns, the corrected round's request
and, when the licences changed, the current licence rows marked replaced (never
deleted, here or at the centre) and the corrected ones added. Every one of these
writes has its outbox operation in the same transaction (``db.sync.capture``), so
a crash keeps the whole correction or none of it.

What may be corrected is the caller's to decide: ``decide`` sees the dossier as
stored, inside the transaction (which holds the store's write lock), and says
what to write or raises (``app.corrections``).
"""

from __future__ import annotations

from collections.abc import Callable

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.dossiers import DossierMissing, add_licences, find_by_key, stored
from db.models import DossierCorrection
from db.records import Corrected, CorrectionWrite, DossierKey, StoredDossier, columns_of
from db.store import Store

# The columns of a correction write that are not the correction row's own.
_ELSEWHERE = (
    "applicant_name",
    "applicant_id_number",
    "applicant_json",
    "request_json",
    "licences",
    "actor",
)


def store_correction(
    store: Store, key: DossierKey, decide: Callable[[StoredDossier], CorrectionWrite]
) -> Corrected:
    """Store the correction ``decide`` makes of the dossier with this code or id, as its
    next revision; ``DossierMissing`` when there is no such dossier."""
    with store.transaction() as session:
        dossier = find_by_key(session, key, with_history=True)
        if dossier is None:
            raise DossierMissing(key.code or key.id or "")
        write = decide(stored(dossier, with_history=True))
        reception = next((r for r in dossier.rounds if r.id == write.round_id), None)
        assert reception is not None, "a correction corrects a round of its own dossier"
        revision = max((c.revision for c in dossier.corrections), default=0) + 1
        session.add(
            DossierCorrection(
                dossier_id=dossier.id, revision=revision, **columns_of(write, *_ELSEWHERE)
            )
        )
        dossier.applicant_name = write.applicant_name
        dossier.applicant_id_number = write.applicant_id_number
        dossier.applicant_json = write.applicant_json
        reception.request_json = write.request_json
        if write.licences is not None:
            for licence in dossier.licences:
                if licence.replaced_in is None:
                    licence.replaced_in = revision
            add_licences(session, dossier, write.licences)
        session.flush()
        subject: dict[str, str | int] = {"dossier_id": dossier.id, "revision": revision}
        if dossier.code is not None:
            subject["code"] = dossier.code
        subject.update(write.actor.subject())
        record_action(
            session,
            AuditEntry(AuditAction.CORRECTION, write.actor.login, subject),
            station_of(store),
        )
        return Corrected(dossier.id, dossier.code, revision)
