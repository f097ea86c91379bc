"""The card-data list's lines: what the window and ``motcua card list`` show of each record.

Kept apart from ``app.card.batches`` so the window can show its card-data tab without
loading the batch's writer, its signing and its checks until an officer uses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.card.preflight import Problem

READY, FAILING = "ready", "failing"


@dataclass(frozen=True)
class CardLine:
    """One dossier on the officer's card-data list."""

    dossier_id: str
    code: str
    applicant: str
    procedure_id: str
    received_at: dt.datetime
    state: str  # ready | failing | exported | acknowledged
    batch: str | None  # the batch it is in (or was rejected from)
    reason: str | None  # the operator's reason for a rejection, or a release's
    problems: tuple[Problem, ...] = ()  # why it is failing
