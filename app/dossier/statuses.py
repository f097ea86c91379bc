"""What a stored dossier's status is called on the screen and in the command line.

The store keeps the status strings of ``app.verdicts`` ("accepted", …); the
officer reads these labels, in the language chosen for the process.
"""

from __future__ import annotations

from app.i18n import Language, Message, current_language

STATUS_LABELS: dict[str, Message] = {
    "accepted": Message("Đã tiếp nhận", "Accepted"),
    "awaiting-supplement": Message("Chờ bổ sung", "Awaiting papers"),
    "refused": Message("Từ chối", "Refused"),
    # After the counter (``app.dossier_status``): where an accepted dossier's result stands.
    "received": Message("Đã tiếp nhận", "Received"),
    "forwarded": Message("Đã chuyển xử lý", "Forwarded"),
    "result-ready": Message("Có kết quả", "Result ready"),
    "not-granted": Message("Không được giải quyết", "Not granted"),
    "returned": Message("Đã trả kết quả", "Returned"),
    "withdrawn": Message("Đã rút hồ sơ", "Withdrawn"),
}


def status_label(status: str, language: Language | None = None) -> str:
    """The status as the officer knows it; an unknown one (a newer version's) as stored."""
    label = STATUS_LABELS.get(status)
    return label.text(language or current_language()) if label else status
