"""The two papers of a closed day, for the supervisor to print and sign: the day's page of
the register (Sổ theo dõi hồ sơ, ``app.papers.register``) and the day's counter summary
(``app.statistics.day``, ``printing/day_summary_pdf.py``). The one place both the window and
``motcua day close`` make them.

Both are A4 lists filed with the register: they go to the register's printer, the register
page landscape, the summary portrait.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.papers.common import PrintPreferences, office_of, print_preferences
from app.papers.register import render_register
from app.papers.statistics import day_summary_file
from app.reference_data import reference_data_of
from app.settings import Settings
from app.statistics.day import day_summary
from db.store import Store


def day_register_page(store: Store, day: dt.date, settings: Settings) -> bytes:
    """The register's page of ``day`` (PDF); ``PrintRefused`` without the office's name."""
    return render_register(store, day, day, settings)


def day_summary_paper(store: Store, day: dt.date, settings: Settings) -> bytes:
    """The counter summary of ``day`` at this counter's point (PDF), with the catalogue in
    force that day; ``PrintRefused`` without the office's name."""
    summary = day_summary(store, day, settings, reference_data_of(store).catalogue_for(day))
    return day_summary_file(summary, office_of(settings))


def day_paper_preferences(settings: Settings, paper: str) -> PrintPreferences:
    """How ``paper`` ("register" or "summary") goes to the printer: the register's settings,
    the summary upright."""
    register = print_preferences(settings, "register")
    return register if paper == "register" else dataclasses.replace(register, landscape=False)
