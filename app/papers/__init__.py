"""Making a dossier's papers: what the command line and the window call.

- ``common``: the refusals, the counter's print settings and the agency the papers speak for;
- ``slips``: BM 01, BM 02, BM 03 and Mẫu 04 of a stored dossier, each print recorded;
- ``apology``: Mẫu 04, the apology and new appointment of a re-appointed dossier;
- ``forms``: the application forms, pre-filled from a dossier;
- ``register``: the register (BM 06) of a period, as PDF or XLSX;
- ``returns``: the papers of a result's return (hand-over list, hand-over receipt, Phiếu gửi
  hồ sơ), made from the store;
- ``samples``: realistic papers without a database.

The papers themselves are drawn by ``printing`` from plain data
(``printing.model``); the store is read through ``db.papers`` and
``db.dossiers``; files are written with ``app.files.write_atomically``.
Nothing personal is logged: only dossier ids, kinds and print numbers.
"""

from app.papers.common import (
    DossierNotFound,
    DossierVoided,
    PrintPreferences,
    PrintRefused,
    office_of,
    print_preferences,
)
from app.papers.forms import render_form
from app.papers.register import RegisterFormat, register_rows, render_register
from app.papers.samples import SAMPLE_KINDS, render_sample
from app.papers.slips import (
    PAPER_KINDS,
    SLIP_KINDS,
    SLIP_NAMES,
    PaperKind,
    RenderedSlip,
    SlipKind,
    SlipOutdated,
    check_print,
    current_slip,
    print_permission,
    print_slip,
    record_slip,
    render_current_slip,
    render_slip,
)

__all__ = [
    "PAPER_KINDS",
    "SAMPLE_KINDS",
    "SLIP_KINDS",
    "SLIP_NAMES",
    "DossierNotFound",
    "DossierVoided",
    "PaperKind",
    "PrintPreferences",
    "PrintRefused",
    "RegisterFormat",
    "RenderedSlip",
    "SlipKind",
    "SlipOutdated",
    "check_print",
    "current_slip",
    "office_of",
    "print_permission",
    "print_preferences",
    "print_slip",
    "record_slip",
    "register_rows",
    "render_current_slip",
    "render_form",
    "render_register",
    "render_sample",
    "render_slip",
]
