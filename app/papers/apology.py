"""Mẫu 04 of Circular 01/2018/TT-VPCP: the apology and new appointment of a re-appointed dossier.

Made from the store like the slips (``app.papers.slips``), numbered and
recorded as kind ``mau04``: the dossier's accepted round, the due date its
BM 01 promised, and the re-appointment's reason, new date and officer.
"""

from __future__ import annotations

from app.i18n import Message
from app.papers.common import PrintRefused
from db.records import StoredDossier
from printing.model import Office, PaperSize, SlipData

APOLOGY_NAME = Message(
    "Mẫu 04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả)", "Form 04 (apology and new appointment)"
)
NOT_REAPPOINTED = Message(
    "hồ sơ {key} chưa được hẹn lại ngày trả kết quả; {paper} chỉ được in sau khi hẹn lại",
    "dossier {key} has not been given a new due date; {paper} is printed only after one",
)


def render_apology(
    dossier: StoredDossier, slip: SlipData, key: str, office: Office, paper: PaperSize
) -> bytes:
    """Mẫu 04 of ``dossier``; ``slip`` is its accepted round, with this print's number."""
    moved = dossier.reappointment
    if moved is None:
        raise PrintRefused("DOSSIER", NOT_REAPPOINTED, key=key.strip(), paper=APOLOGY_NAME)
    from printing.mau04 import ApologyData, render_mau04  # reportlab only when a paper is made

    apology = ApologyData(
        slip=slip,
        original_due_at=moved.previous_due_at,
        new_due_at=moved.new_due_at,
        reason=moved.reason,
        decided_at=moved.decided_at,
        officer=moved.officer,
    )
    return render_mau04(apology, office, paper)
