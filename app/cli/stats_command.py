"""``motcua stats``: the official report of a period and the day's counter summary (issue 15).

    motcua stats report --from YYYY-MM-DD --to YYYY-MM-DD [--point ID]
                        [--centre | --url URL [--admin-password-from FILE]]
                        -o FILE.pdf|.xlsx|.json
    motcua stats day [--date YYYY-MM-DD] [--point ID] [--json] [-o FILE.pdf]

Both only read the store (no sign-in, no daily backup, like ``overdue``); the numbers come
from the dossiers' facts (``app.statistics``), never from kept counters. ``report`` writes
Biểu số 06/VPCP/KSTT for the days ``--from`` to ``--to`` (both included, calendar days in
the store's local time, Vietnam): the PDF to file and sign, the workbook (formulas for the
totals, a check sheet, the extra columns and the dossiers behind every number), or JSON
with every cell and its dossiers' codes. Without ``--point`` it covers every point the store
holds. The store holds this counter's own dossiers; ``--centre`` reads the report at the
centre with the counter's sync login, which sees every counter of its point, and ``--url``
with a login of the central office, which sees every point (``app.statistics.centre``; exit
5 when the centre cannot be read). ``day`` prints the summary of one day (default today) at
this counter's point (or ``--point``), as text, JSON, or the A4 PDF with ``-o``. A PDF
needs the agency and place settings (exit 2 naming the setting); days are checked as every
command checks them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.central_command import add_admin_options, admin_login
from app.cli.dossier_commands import counter_store
from app.cli.options import (
    add_catalogue_dir_option,
    add_data_dir_option,
    cannot_write,
    catalogue_on,
    data_dir_from,
    day_option,
    output_file,
    reference_for,
    settings_from,
    text_option,
)
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.secrets import SecretReader
from app.files import write_atomically
from app.i18n import Message
from app.papers.statistics import day_summary_file, report_file
from app.settings import Settings
from app.statistics.model import (
    COLUMN_KEYS,
    DaySummary,
    OfficialReport,
    PeopleLine,
    ReportCounts,
    VerdictCounts,
)

if TYPE_CHECKING:
    from printing.model import Office

_MINUTE = "%Y-%m-%dT%H:%M"
REPORT_SUFFIXES = (".pdf", ".xlsx", ".json")

WRONG_SUFFIX = Message(
    "-o: tên tệp phải có đuôi {suffixes} (đã nhập '{path}')",
    "-o: the file must end in {suffixes} (got '{path}')",
)
LAST_DAY_FIRST = Message(
    "--to: ngày cuối {last} ở trước ngày đầu {first}",
    "--to: the last day {last} is before the first day {first}",
)
NO_POINT = Message(
    "--point: cần mã điểm tiếp nhận (đã nhập chuỗi rỗng)",
    "--point: a receiving point's id is needed (got an empty text)",
)
# The day's figures as the text output names them (the PDF has the paper's own words).
DAY_HEAD = Message(
    "Tổng hợp ngày {day}, điểm tiếp nhận: {point}", "Summary of {day}, receiving point: {point}"
)
ALL_POINTS = Message("tất cả", "all")
APPLICANTS = Message("Số lượt người nộp hồ sơ", "Applicants")
ACCEPTED = Message("Tiếp nhận (BM 01)", "Accepted (BM 01)")
SUPPLEMENT = Message("Yêu cầu bổ sung (BM 02)", "Sent back for papers (BM 02)")
REFUSED = Message("Từ chối (BM 03)", "Refused (BM 03)")
HANDED_BACK = Message("Kết quả đã trả", "Results handed back")
FORWARDED = Message("Đã bàn giao cho đơn vị giải quyết", "Handed to the processing unit")
REPRINTS = Message("Phiếu in lại", "Slips reprinted")
REAPPOINTMENTS = Message("Hẹn lại ngày trả kết quả", "Re-appointments")
WITHDRAWN = Message("Công dân xin rút hồ sơ", "Withdrawn by the applicant")
PER_OFFICER = Message("Theo cán bộ", "Per officer")
PER_COUNTER = Message("Theo quầy", "Per counter")
PER_PROCEDURE = Message("Theo thủ tục", "Per procedure")
PER_HOUR = Message("Số người nộp theo giờ", "Applicants per hour")
COUNTER = Message("Quầy {number}", "Counter {number}")
SERVICE_TIME = Message(
    "Thời gian phục vụ một người: trung vị {median}, 90% số người không quá {p90}",
    "Time per applicant: median {median}, 90 % within {p90}",
)
NO_SERVICE_TIME = Message(
    "Thời gian phục vụ một người: chưa ghi nhận (chỉ tính người được tiếp nhận trên cửa sổ"
    " và đã in phiếu)",
    "Time per applicant: none recorded (only applicants received in the window whose slip"
    " was printed count)",
)
WITHIN_GOAL = Message(
    "Trung vị đạt mục tiêu không quá {goal} phút một người",
    "The median is within the goal of {goal} min per applicant",
)
OVER_GOAL = Message(
    "Trung vị vượt mục tiêu không quá {goal} phút một người",
    "The median is over the goal of {goal} min per applicant",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats", help="statistics: the official report (Biểu 06) and the day's summary"
    )
    kinds = parser.add_subparsers(dest="stats", metavar="KIND", required=True)

    report = kinds.add_parser(
        "report",
        help="Biểu số 06/VPCP/KSTT of a period (days included) as PDF, XLSX or JSON",
    )
    report.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    report.add_argument(
        "--point", metavar="ID", help="only this receiving point (default: every point)"
    )
    report.add_argument(
        "--centre",
        action="store_true",
        help="count at the centre every counter of this counter's point (its sync login)",
    )
    add_admin_options(
        report,
        "count at the centre what this login sees (a login of the central office: every"
        " point): its postgresql:// URL, without password",
        required=False,
    )
    report.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=".pdf, .xlsx or .json"
    )
    add_catalogue_dir_option(report)
    add_data_dir_option(report)
    report.set_defaults(run=run_report)

    day = kinds.add_parser("day", help="the day's counter summary (default: today)")
    day.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    day.add_argument(
        "--point", metavar="ID", help="this receiving point (default: the counter's own)"
    )
    day.add_argument("--json", action="store_true", help="print JSON")
    day.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="write the A4 PDF")
    add_catalogue_dir_option(day)
    add_data_dir_option(day)
    day.set_defaults(run=run_day)


# ------------------------------------------------------------------------------- report


def run_report(args: argparse.Namespace) -> int:
    out = _output(args, REPORT_SUFFIXES)
    first, last = day_option(args.first, "--from"), day_option(args.last, "--to")
    if last < first:
        raise UsageError(LAST_DAY_FIRST(first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"))
    point = _point(args)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    suffix = out.suffix.lower()
    office = _office(settings) if suffix != ".json" else None
    # The procedures and their fields as the catalogue in force at the period's end has them.
    catalogue = catalogue_on(last, args.catalogue_dir, "--to", reference_for(data_dir))
    points = None if point is None else [point]
    login = admin_login(args, SecretReader()) if args.url is not None else None
    store = counter_store(data_dir, settings, writes=False)
    try:
        if login is not None or args.centre:
            from app.statistics.centre import centre_report, counter_login, office_login

            centre = office_login(login) if login is not None else counter_login(store)
            report = centre_report(
                centre, first, last, settings, catalogue, points=points, generated_at=_now()
            )
        else:
            from app.statistics.official import official_report

            report = official_report(
                store, first, last, settings, catalogue, points=points, generated_at=_now()
            )
    finally:
        store.close()
    if office is None:
        content = report_json_bytes(report)
    else:
        content = report_file(report, office, "xlsx" if suffix == ".xlsx" else "pdf")
    _write(out, content)
    print(out)
    return EXIT_OK


def counts_json(counts: ReportCounts) -> dict[str, int]:
    """Every column by its key, the totals (3), (7), (11) and the residue (0 when it adds up)."""
    return {
        **{key: int(getattr(counts, key)) for key in COLUMN_KEYS},
        "received_total": counts.received_total,
        "resolved_total": counts.resolved_total,
        "in_progress_total": counts.in_progress_total,
        "residue": counts.residue,
    }


def report_json(report: OfficialReport) -> dict[str, Any]:
    """The report with the conventions it was computed with and the dossiers behind each
    number, so it can be reproduced and checked."""
    return {
        "form": "Biểu số 06/VPCP/KSTT",
        "first_day": report.first_day.isoformat(),
        "last_day": report.last_day.isoformat(),
        "cut_off": report.cut_off.strftime(_MINUTE),
        "generated_at": report.generated_at.strftime(_MINUTE) if report.generated_at else None,
        "unit": report.unit,
        "source": report.source,
        "points": list(report.points),
        "compare_by": report.compare_by,
        "withdrawn_in_resolved": report.withdrawn_in_resolved,
        "rows": [
            {
                "field": row.field,
                "procedure": row.procedure_id,
                "procedure_name": row.procedure_name,
                "counts": counts_json(row.counts),
                "dossiers": {key: list(codes) for key, codes in row.dossiers.items()},
            }
            for row in report.rows
        ],
        "fields": [
            {"field": name, "counts": counts_json(report.field_total(name))}
            for name, _ in report.by_field()
        ],
        "total": counts_json(report.total),
    }


def report_json_bytes(report: OfficialReport) -> bytes:
    import json

    text = json.dumps(report_json(report), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------- day


def run_day(args: argparse.Namespace) -> int:
    out = _output(args, (".pdf",)) if args.output is not None else None
    day = day_option(args.date, "--date") if args.date else _now().date()
    point = _point(args)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    office = _office(settings) if out is not None else None
    catalogue = catalogue_on(day, args.catalogue_dir, "--date", reference_for(data_dir))
    from app.statistics.day import day_summary

    store = counter_store(data_dir, settings, writes=False)
    try:
        summary = day_summary(store, day, settings, catalogue, point=point)
    finally:
        store.close()
    if out is not None and office is not None:
        _write(out, day_summary_file(summary, office))
        print(out)
    elif args.json:
        print_json(day_json(summary))
    else:
        print(day_text(summary))
    return EXIT_OK


def _verdicts_json(counts: VerdictCounts) -> dict[str, int]:
    return {
        "accepted": counts.accepted,
        "supplement": counts.supplement,
        "refused": counts.refused,
        "total": counts.total,
    }


def day_json(summary: DaySummary) -> dict[str, Any]:
    def people(lines: tuple[PeopleLine, ...]) -> list[dict[str, Any]]:
        return [
            {"who": line.who, **_verdicts_json(line.counts), "handed_back": line.handed_back}
            for line in lines
        ]

    return {
        "day": summary.day.isoformat(),
        "point": summary.point,
        "applicants": summary.applicants,
        **_verdicts_json(summary.total),
        "handed_back": summary.handed_back,
        "forwarded": summary.forwarded,
        "reprints": summary.reprints,
        "reappointments": summary.reappointments,
        "withdrawn": summary.withdrawn,
        "median_seconds": summary.median_seconds,
        "p90_seconds": summary.p90_seconds,
        "goal_minutes": summary.goal_minutes,
        "within_goal": summary.within_goal,
        "per_officer": people(summary.per_officer),
        "per_counter": people(summary.per_counter),
        "by_procedure": [
            {"procedure": procedure_id, "name": name, **_verdicts_json(counts)}
            for procedure_id, name, counts in summary.by_procedure
        ],
        "by_channel": [
            {"channel": channel, **_verdicts_json(counts)} for channel, counts in summary.by_channel
        ],
        "applicants_per_hour": [
            {"hour": hour, "applicants": count} for hour, count in summary.applicants_per_hour
        ],
    }


def day_text(summary: DaySummary) -> str:
    """The summary as lines for the terminal, in the counter's language."""
    total = summary.total
    lines = [
        DAY_HEAD(day=f"{summary.day:%d/%m/%Y}", point=summary.point or ALL_POINTS()),
        *(
            f"  {label():<40} {value:>6}"
            for label, value in (
                (APPLICANTS, summary.applicants),
                (ACCEPTED, total.accepted),
                (SUPPLEMENT, total.supplement),
                (REFUSED, total.refused),
                (HANDED_BACK, summary.handed_back),
                (FORWARDED, summary.forwarded),
                (REPRINTS, summary.reprints),
                (REAPPOINTMENTS, summary.reappointments),
                (WITHDRAWN, summary.withdrawn),
            )
        ),
    ]
    lines += _service_lines(summary)
    counters = [replace(line, who=COUNTER(number=line.who)) for line in summary.per_counter]
    for heading, people in ((PER_OFFICER, summary.per_officer), (PER_COUNTER, counters)):
        lines.append(f"{heading()}:")
        lines += [
            f"  {line.who:<40} {_triple(line.counts)}  {HANDED_BACK()}: {line.handed_back}"
            for line in people
        ]
    lines.append(f"{PER_PROCEDURE()}:")
    lines += [f"  {name:<40} {_triple(counts)}" for _, name, counts in summary.by_procedure]
    lines.append(f"{PER_HOUR()}:")
    lines += [f"  {hour:02d}h {count:>4}" for hour, count in summary.applicants_per_hour]
    return "\n".join(lines)


def _service_lines(summary: DaySummary) -> list[str]:
    """The service times and the queue-speed goal, as the window's statistics tab says them."""
    if summary.median_seconds is None:
        return [NO_SERVICE_TIME()]
    median = _minutes(summary.median_seconds)
    lines = [SERVICE_TIME(median=median, p90=_minutes(summary.p90_seconds or 0))]
    if summary.goal_minutes is not None:
        said = WITHIN_GOAL if summary.within_goal else OVER_GOAL
        lines.append(said(goal=summary.goal_minutes))
    return lines


def _minutes(seconds: float) -> str:
    """``7:05`` for 425 seconds: minutes and seconds, as a stopwatch shows them."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _triple(counts: VerdictCounts) -> str:
    """``BM 01 12  BM 02 3  BM 03 1``."""
    return f"BM 01 {counts.accepted:>3}  BM 02 {counts.supplement:>3}  BM 03 {counts.refused:>3}"


# ------------------------------------------------------------------------------- shared


def _output(args: argparse.Namespace, suffixes: tuple[str, ...]) -> Path:
    out = output_file(args, "-o")
    if out.suffix.lower() not in suffixes:
        raise UsageError(WRONG_SUFFIX(suffixes=", ".join(suffixes), path=out))
    return out


def _point(args: argparse.Namespace) -> str | None:
    if args.point is None:
        return None
    point = text_option(args.point, "--point")
    if not point:
        raise UsageError(NO_POINT())
    return point


def _office(settings: Settings) -> Office:
    """The agency a paper speaks for: refused, naming the setting, before the store is read."""
    from app.papers.common import PrintRefused, office_of

    try:
        return office_of(settings)
    except PrintRefused as error:
        raise UsageError(str(error)) from error


def _write(out: Path, content: bytes) -> None:
    try:
        write_atomically(out, content)
    except OSError as error:
        raise cannot_write("-o", out, error) from error


def _now() -> dt.datetime:
    """The counter's local time (the store's times are naive local times)."""
    return dt.datetime.now().replace(second=0, microsecond=0)
