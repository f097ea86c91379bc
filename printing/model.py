"""What the papers are made from: plain data, filled by ``app.papers`` or its samples.

The papers never read the store or the settings themselves: the same data
gives the same PDF, whether it came from a dossier, a sample or a test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from app.dossier.evaluation import Evaluation
from app.dossier.request import DossierRequest

PaperSize = Literal["A5", "A4"]


@dataclass(frozen=True)
class Office:
    """The agency the papers speak for, from the counter's settings."""

    agency_name: str
    parent_agency: str = ""
    place_name: str = ""
    help_website: str = ""
    help_officer: str = ""
    help_phone: str = ""


@dataclass(frozen=True)
class RegisterPlace:
    """Where BM 01 says the dossier is entered: the year's book and its line."""

    book: int
    serial: int


@dataclass(frozen=True)
class SlipData:
    """One round of a dossier, as BM 01, BM 02, BM 03 and the application forms show it."""

    dossier_id: str
    request: DossierRequest
    evaluation: Evaluation
    # When this slip's round was received (BM 01: when the complete dossier was).
    received_at: dt.datetime
    receiving_point: str
    officer: str
    code: str | None = None
    due_at: dt.datetime | None = None
    result_delivery: str = "counter"  # counter | post
    delivery_address: str = ""
    register_place: RegisterPlace | None = None
    # 1 for the first print; a higher number is a reprint, marked "BẢN IN LẠI".
    print_number: int = 1


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register (Sổ theo dõi hồ sơ)."""

    serial: int
    code: str
    procedure_name: str
    applicant_name: str
    address: str
    phone: str
    handling_agency: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    returned_at: dt.datetime | None
    result_delivery: str  # counter | post
    notes: str = ""


@dataclass(frozen=True)
class RegisterPeriod:
    first_day: dt.date
    last_day: dt.date
