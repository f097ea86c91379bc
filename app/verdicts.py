"""The one place that says what a verdict at the counter leads to: its slip and its status.

Step B1 of every procedure: complete and valid → BM 01 and the dossier is
received; incomplete → BM 02 and the dossier waits for the missing papers;
refused → BM 03. Receiving, printing, the window and the statistics all ask
here rather than keeping their own copy of the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.dossier.evaluation import Verdict

SlipKind = Literal["bm01", "bm02", "bm03"]
DossierStatus = Literal["accepted", "awaiting-supplement", "refused"]


@dataclass(frozen=True)
class Outcome:
    slip: SlipKind
    status: DossierStatus


OUTCOMES: dict[Verdict, Outcome] = {
    Verdict.ACCEPT: Outcome("bm01", "accepted"),
    Verdict.SUPPLEMENT: Outcome("bm02", "awaiting-supplement"),
    Verdict.REFUSE: Outcome("bm03", "refused"),
}


def slip_for(verdict: Verdict) -> SlipKind:
    return OUTCOMES[verdict].slip


def status_for(verdict: Verdict) -> DossierStatus:
    return OUTCOMES[verdict].status


def verdict_of_slip(kind: SlipKind) -> Verdict:
    return next(verdict for verdict, outcome in OUTCOMES.items() if outcome.slip == kind)


SLIP_KINDS: tuple[SlipKind, ...] = tuple(outcome.slip for outcome in OUTCOMES.values())


def awaits_supplement(status: str) -> bool:
    """A dossier with this status can take a new round: the applicant back with the papers."""
    return status == status_for(Verdict.SUPPLEMENT)
