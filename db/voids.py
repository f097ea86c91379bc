"""Voiding a stored dossier: the store's side, in one transaction.

A void is a row of its own (``dossier_void``, synced, insert-only): the dossier and
its history stay as they were, here and at the centre. The row and its audit record
are written in the same transaction; the unique key on the dossier is the backstop if
two counters void it at once. Whether a void is allowed is the caller's to decide
(``app.voids``).
"""

from __future__ import annotations

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.dossiers import DossierMissing, find_by_key, void_of
from db.models import DossierVoid
from db.records import DossierKey, Voided, VoidRecord, VoidWrite
from db.store import Store


class AlreadyVoided(Exception):
    """The dossier was voided before; nothing was written."""

    def __init__(self, code: str | None, dossier_id: str, void: VoidRecord) -> None:
        super().__init__(f"dossier {code or dossier_id} is already voided")
        self.code, self.dossier_id, self.void = code, dossier_id, void


def store_void(store: Store, key: DossierKey, write: VoidWrite) -> Voided:
    """Void the dossier with this code or id; ``DossierMissing`` when there is none,
    ``AlreadyVoided`` when it was voided before."""
    with store.transaction() as session:
        dossier = find_by_key(session, key)
        if dossier is None:
            raise DossierMissing(key.code or key.id or "")
        earlier = void_of(session, dossier.id)
        if earlier is not None:
            raise AlreadyVoided(dossier.code, dossier.id, earlier)
        row = DossierVoid(
            dossier_id=dossier.id,
            voided_at=write.voided_at,
            officer=write.officer,
            actor=write.actor.login,
            reason=write.reason,
        )
        session.add(row)
        session.flush()
        subject: dict[str, str | int] = {"dossier_id": dossier.id, "void_id": row.id}
        if dossier.code is not None:
            subject["code"] = dossier.code
        subject.update(write.actor.subject())
        record_action(
            session, AuditEntry(AuditAction.VOID, write.actor.login, subject), station_of(store)
        )
        return Voided(dossier.id, dossier.code, row.id)
