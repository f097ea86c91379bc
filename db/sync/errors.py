"""What went wrong talking to the centre, told apart by what to do about it.

- a *rejection* is about one operation's data (a duplicate dossier code, a row
  that is not this point's): that operation is kept, shown with the reason, and
  the others go on;
- anything else (network, server restarting, a terminated backend) leaves every
  operation pending, to be retried with back-off.

Messages keep to the server's primary message and constraint name: PostgreSQL's
"detail" can quote a whole row, personal data included, so it is never kept.
"""

from __future__ import annotations

import psycopg

# SQLSTATE classes about the data sent: 22 data exception, 23 integrity constraint;
# 42501: privileges and row-level security; P0001: raised by a trigger or function.
_REJECTING_CLASSES = ("22", "23")
_REJECTING_STATES = ("42501", "P0001")
MAX_REASON = 300

# Worded for the supervisor who sees the list of rejected operations.
EXPLANATIONS = {
    "dossier_serial_key": (
        "another dossier at the centre has this dossier code: two counters of the agency "
        "numbered from the same block (check counter_number and serial_block_size)"
    ),
    "dossier_code_key": "another dossier at the centre has this dossier code",
    "reappointment_once_key": "the centre already holds a re-appointment of this dossier",
    "reception_round_number_key": "the centre already holds a round with this number",
    "dossier_correction_revision_key": (
        "the centre already holds a correction of this dossier with this revision"
    ),
    "photo_digest_check": "the photo arrived damaged (its SHA-256 does not match)",
}


class SyncError(Exception):
    """Syncing cannot go on now; the message is safe to show and to store."""


class Incompatible(SyncError):
    """This program and the central database's schema do not fit; nothing is pushed."""


class Rejection(Exception):
    """The centre refuses one operation (raised inside a batch, turned into a rejection)."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason


def is_rejection(error: psycopg.Error) -> bool:
    state = error.sqlstate or ""
    return state[:2] in _REJECTING_CLASSES or state in _REJECTING_STATES


def reason_of(error: psycopg.Error) -> str:
    diag = error.diag
    constraint = diag.constraint_name
    text = EXPLANATIONS.get(constraint or "") or diag.message_primary or type(error).__name__
    where = f"{error.sqlstate}, {constraint}" if constraint else str(error.sqlstate)
    return f"{text[:MAX_REASON]} [{where}]"


def describe(error: BaseException) -> str:
    """One line for the status screen and the log: what failed, no data values."""
    if isinstance(error, SyncError):
        return str(error)
    if isinstance(error, psycopg.Error):
        if error.sqlstate:
            primary = error.diag.message_primary or ""
            return f"central database error {error.sqlstate}: {primary[:MAX_REASON]}"
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"cannot reach the central database: {first[:MAX_REASON]}"
    if isinstance(error, OSError):
        return f"network error: {error.strerror or type(error).__name__}"
    return f"unexpected error: {type(error).__name__}"
