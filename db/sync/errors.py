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
    # Only the point's own dossiers can hold a code it may give (dossier_serial_own).
    "dossier_serial_key": (
        "another dossier of this point at the centre has this dossier code: two PCs numbered "
        "from the same serials (a store copied or restored?); this counter no longer numbers "
        "from that block that day"
    ),
    "dossier_code_key": "another dossier of this point at the centre has this dossier code",
    "dossier_code_own": (
        "the dossier code is not this point's agency code, day and serial at the centre "
        "(check agency_code)"
    ),
    "dossier_serial_own": (
        "the centre neither leased this serial to the point nor allocated it to one of its "
        "counters' reserves; this counter no longer numbers from that block that day "
        "(IT staff: motcua sync --once registers the counter's reserve)"
    ),
    "dossier_code_fixed": "a dossier's code never changes at the centre once given",
    "photo_dossier_needed": "a photo must belong to one of this point's dossiers",
    "reappointment_once_key": "the centre already holds a re-appointment of this dossier",
    "reception_round_number_key": "the centre already holds a round with this number",
    "dossier_correction_revision_key": (
        "the centre already holds a correction of this dossier with this revision"
    ),
    "photo_digest_check": "the photo arrived damaged (its SHA-256 does not match)",
    "dossier_status_change_status_key": (
        "the centre already holds this status of the dossier from another counter: its result "
        "was already handed over (or marked) there; this counter's record is kept, not merged"
    ),
    "dossier_status_change_dossier_id_own": (
        "a status change must belong to one of this point's dossiers"
    ),
    "dossier_status_change_own_device": (
        "a status change reaches the centre from the counter that made it only"
    ),
}


# Refusals of a dossier's code: the counter withdraws the block the serial came from.
CODE_REFUSALS = frozenset(
    {"dossier_serial_key", "dossier_code_key", "dossier_code_own", "dossier_serial_own"}
)


# The centre's one row per dossier and status (c0006): two counters changed the same
# dossier's status offline (db.sync.clashes).
STATUS_CLASH = "dossier_status_change_status_key"
# What each status is, in the officer's words (the rejection reason of a clash).
_DONE = {
    "returned": ("đã được trả", "was already handed over"),
    "result-ready": ("đã được đánh dấu có kết quả", "was already marked ready"),
    "not-granted": ("đã được đánh dấu không được giải quyết", "was already marked not granted"),
    "forwarded": ("đã được đánh dấu chuyển xử lý", "was already marked forwarded"),
    "withdrawn": ("đã được đánh dấu rút hồ sơ", "was already marked withdrawn"),
}


def clash_reason(status: str, counter: int | None) -> str:
    """The rejection of a status change the centre holds from elsewhere, in Vietnamese and
    English; ``counter``: the counter that made the other change (None: the centre)."""
    vi_done, en_done = _DONE.get(status, ("đã được ghi nhận", "was already recorded"))
    vi_where = "tại trung tâm" if counter is None else f"tại quầy {counter}"
    en_where = "at the centre" if counter is None else f"at counter {counter}"
    return (
        f"Kết quả hồ sơ này {vi_done} {vi_where}; bản ghi của quầy này được giữ lại, không gộp,"
        " và đã báo cho cán bộ giám sát (motcua sync --status) / The result of this dossier"
        f" {en_done} {en_where}; this counter's record is kept, not merged, and flagged to"
        f" the supervisor (motcua sync --status) [23505, {STATUS_CLASH}]"
    )


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


# What talking to the centre can fail with (anything else is a fault of the program).
CENTRAL_ERRORS: tuple[type[Exception], ...] = (psycopg.Error, SyncError, OSError)


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
