"""The statistics' papers, as the command line and the window write them: the official
report (Biểu số 06/VPCP/KSTT) as the PDF to sign or the workbook, and the day's summary.

``printing`` draws them from ``app.statistics.model`` data; reportlab and openpyxl are
loaded only when a paper is made.
"""

from __future__ import annotations

from typing import Literal

from app.statistics.model import DaySummary, OfficialReport
from printing.model import Office

ReportForm = Literal["pdf", "xlsx"]


def report_file(report: OfficialReport, office: Office, form: ReportForm) -> bytes:
    """The report as the PDF to sign (A4 landscape) or the workbook."""
    if form == "xlsx":
        from printing.report06_xlsx import render_report06_xlsx

        return render_report06_xlsx(report, office)
    from printing.report06_pdf import render_report06_pdf

    return render_report06_pdf(report, office)


def day_summary_file(summary: DaySummary, office: Office) -> bytes:
    """The day's counter summary (A4 portrait)."""
    from printing.day_summary_pdf import render_day_summary_pdf

    return render_day_summary_pdf(summary, office)
