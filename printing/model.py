"""What the papers are made from: plain data, filled by ``app.papers`` or its samples.

The papers never read the store or the settings themselves: the same data
gives the same PDF, whether it came from a dossier, a sample or a test. Every
text in it is printable and bounded once it is made (``printing.printable``):
whatever the store holds, one field never makes a paper longer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from app.dossier.evaluation import Evaluation
from app.dossier.request import PHONE_MAX, DossierRequest
from printing.printable import AS_IS, NAME, PaperData, bound

PaperSize = Literal["A5", "A4"]


@dataclass(frozen=True)
class Office(PaperData):
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
class SlipData(PaperData):
    """One round of a dossier, as BM 01, BM 02, BM 03 and the application forms show it."""

    dossier_id: str
    request: DossierRequest  # each text at the length the request model declares
    evaluation: Evaluation = field(metadata=bound(AS_IS))  # the catalogue's own words
    # When this slip's round was received (BM 01: when the complete dossier was).
    received_at: dt.datetime
    receiving_point: str
    officer: str = field(metadata=bound(NAME))
    code: str | None = field(default=None, metadata=bound(AS_IS))
    due_at: dt.datetime | None = None
    result_delivery: str = "counter"  # counter | post
    delivery_address: str = ""
    register_place: RegisterPlace | None = None
    # 1 for the first print; a higher number is a reprint, marked "BẢN IN LẠI".
    print_number: int = 1


@dataclass(frozen=True)
class RegisterRow(PaperData):
    """One line of the register (Sổ theo dõi hồ sơ)."""

    serial: int
    code: str = field(metadata=bound(AS_IS))
    procedure_name: str
    applicant_name: str = field(metadata=bound(NAME))
    address: str
    phone: str = field(metadata=bound(PHONE_MAX))
    handling_agency: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    returned_at: dt.datetime | None
    result_delivery: str  # counter | post
    # The notes column: where the result is posted to, and why it was re-appointed.
    delivery_address: str = ""
    reappointment_reason: str = ""


@dataclass(frozen=True)
class RegisterPeriod:
    first_day: dt.date
    last_day: dt.date
