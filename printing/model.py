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
from app.dossier.request import (
    ID_NUMBER_MAX,
    NUMBER_MAX,
    PHONE_MAX,
    DossierRequest,
    IdentityType,
)
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
    # Once handed over (issue 14): who received the result, a proxy or not, the postal item.
    returned_to: str = field(default="", metadata=bound(NAME))
    by_proxy: bool = False
    postal_item: str = ""


@dataclass(frozen=True)
class RegisterPeriod:
    first_day: dt.date
    last_day: dt.date


# ------------------------------------------------------------- after the counter
# The papers of issue 14: the day's hand-over to the processing unit, and the
# result handed back (to the applicant, to a proxy, or to the post).


@dataclass(frozen=True)
class ForwardedDossier(PaperData):
    """One line of the hand-over list (Danh sách bàn giao hồ sơ)."""

    code: str = field(metadata=bound(AS_IS))
    applicant_name: str = field(metadata=bound(NAME))
    procedure_name: str
    received_at: dt.datetime
    due_at: dt.datetime | None


@dataclass(frozen=True)
class HandoverListData(PaperData):
    """The dossiers a counter hands to the processing unit in one go (Decree 61/2018 art. 18)."""

    dossiers: tuple[ForwardedDossier, ...]
    processing_unit: str  # who receives them: "Phòng Quản lý phương tiện và người lái"
    handed_over_at: dt.datetime
    officer: str = field(metadata=bound(NAME))
    receiver: str = field(default="", metadata=bound(NAME))  # blank: written in by hand
    print_number: int = 1


@dataclass(frozen=True)
class ResultPaper(PaperData):
    """A paper handed back: the result (the licence, the refusal letter) or an original."""

    name: str  # "Giấy phép lái xe số 790123456789, hạng B"
    quantity: int = 1


@dataclass(frozen=True)
class OriginalPaper(PaperData):
    """An original taken in with the dossier (Decree 61/2018 art. 20(2)): handed back, or
    kept by the agency with the reason."""

    name: str
    quantity: int = 1
    kept_reason: str = ""  # blank: handed back


@dataclass(frozen=True)
class Collector(PaperData):
    """Who collected the result, as their identity document was checked."""

    full_name: str = field(metadata=bound(NAME))
    id_type: IdentityType
    id_number: str = field(metadata=bound(ID_NUMBER_MAX))


@dataclass(frozen=True)
class Authorisation(PaperData):
    """The applicant's written authorisation of a proxy (Decree 61/2018 art. 6(2)(b))."""

    reference: str = field(metadata=bound(NUMBER_MAX))
    signed_on: dt.date | None = None
    certified: bool = False


@dataclass(frozen=True)
class ResultReceiptData(PaperData):
    """A result handed back at the counter, to the applicant or to their proxy."""

    code: str = field(metadata=bound(AS_IS))
    applicant_name: str = field(metadata=bound(NAME))
    procedure_name: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    results: tuple[ResultPaper, ...]
    originals: tuple[OriginalPaper, ...]
    collector: Collector
    authorisation: Authorisation | None  # a proxy's; None: the applicant in person
    returned_at: dt.datetime
    officer: str = field(metadata=bound(NAME))
    bm01_presented: bool = True
    bm01_missing_reason: str = ""
    print_number: int = 1


@dataclass(frozen=True)
class PostalDispatchData(PaperData):
    """A result given to the public postal service (Decision 45/2016/QĐ-TTg art. 9)."""

    code: str = field(metadata=bound(AS_IS))
    applicant_name: str = field(metadata=bound(NAME))
    procedure_name: str
    recipient_name: str = field(metadata=bound(NAME))
    address: str
    phone: str = field(metadata=bound(PHONE_MAX))
    postal_service: str
    item_number: str = field(metadata=bound(NUMBER_MAX))  # the Phiếu gửi / postal item number
    results: tuple[ResultPaper, ...]
    originals: tuple[ResultPaper, ...]  # sent back with the result (art. 8(3))
    sender_address: str  # the receiving point's address, as the sender's
    sent_at: dt.datetime
    officer: str = field(metadata=bound(NAME))
    postal_worker: str = field(default="", metadata=bound(NAME))  # blank: written in by hand
    print_number: int = 1
