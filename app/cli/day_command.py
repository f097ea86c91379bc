"""``motcua day close``: a supervisor closes the counter's working day.

    motcua day close [--date YYYY-MM-DD] [--register PAGE.pdf] [--summary SUMMARY.pdf]
                     --officer LOGIN [--officer-password-from FILE]

Checks the day's book (``app.day_close``): every dossier of the day complete and stored,
no unexplained gap in the day's codes, every operation at the centre, and the centre's
count and digest of the day equal to the counter's; then records the close at the centre
and in the store, with the audit record ``day-close``. Prints the close as JSON; once the
day is closed, writes the day's register page (``--register``) and its summary
(``--summary``) as PDF, what the supervisor prints and signs.

Exit 0: closed (or closed before: ``"already": true``). Exit 7 with each reason when it
cannot close (``DayNotClosable``; a role other than supervisor, a day still to come);
exit 5 when the centre cannot be reached; exit 2 for a bad ``--date``
(docs/day-close.md, docs/exit-codes.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.dossier_commands import counter_store
from app.cli.options import (
    add_data_dir_option,
    cannot_write,
    data_dir_from,
    day_option,
    output_file,
    settings_from,
)
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import add_sign_in_options, signed_in
from app.files import write_atomically
from app.i18n import Message
from app.papers.common import PrintRefused, office_of

NOT_A_PDF = Message(
    "{option}: tên tệp phải có đuôi .pdf (đã nhập '{path}')",
    "{option}: the file must end in .pdf (got '{path}')",
)


def register(subparsers: Any) -> None:
    day = subparsers.add_parser("day", help="the counter's working day: close it (supervisor)")
    actions = day.add_subparsers(dest="action", metavar="close", required=True)
    closing = actions.add_parser(
        "close",
        help="check the day's dossiers, codes and sync against the centre, then close the day",
    )
    closing.add_argument("--date", metavar="YYYY-MM-DD", help="the day to close (default: today)")
    closing.add_argument(
        "--register", type=Path, metavar="PAGE.pdf", help="write the day's register page here"
    )
    closing.add_argument(
        "--summary", type=Path, metavar="SUMMARY.pdf", help="write the day's summary here"
    )
    add_sign_in_options(closing)
    add_data_dir_option(closing)
    closing.set_defaults(run=run_close)


def run_close(args: argparse.Namespace) -> int:
    from app.day_close import close_day

    now = dt.datetime.now().replace(microsecond=0)
    day = day_option(args.date, "--date") if args.date else now.date()
    papers = {option: _pdf(args, option) for option in ("--register", "--summary")}
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    if any(papers.values()):
        try:
            office_of(settings)  # the papers must be printable before the day is closed
        except PrintRefused as error:
            raise UsageError(str(error)) from error
    from app.papers.day_close import day_register_page, day_summary_paper

    store = counter_store(data_dir, settings)
    written: dict[str, str] = {}
    try:
        officer = signed_in(args, store)
        done = close_day(store, day, settings, officer, now)
        for option, out in papers.items():
            if out is not None:
                make = day_register_page if option == "--register" else day_summary_paper
                written[option.removeprefix("--")] = str(
                    _write(option, out, make(store, day, settings))
                )
    finally:
        store.close()
    closed = done.closed
    print_json(
        {
            "day": closed.day.isoformat(),
            "counter_number": closed.counter_number,
            "closed_at": closed.closed_at.strftime("%Y-%m-%dT%H:%M:%S"),
            "officer": closed.actor,
            "dossier_count": closed.dossier_count,
            "digest": closed.digest,
            "central_id": closed.central_id,
            "explained_gaps": [
                {"code": code, "explained_by": why} for code, why in done.explained_gaps
            ],
            "refused_by_centre": list(done.refused_by_centre),
            "already": done.already,
            "written": written,
        }
    )
    return EXIT_OK


def _pdf(args: argparse.Namespace, option: str) -> Path | None:
    """A PDF file to write, refused before any work when it cannot be one."""
    attribute = option.removeprefix("--")
    if getattr(args, attribute) is None:
        return None
    out = output_file(args, option, attribute)
    if out.suffix.lower() != ".pdf":
        raise UsageError(NOT_A_PDF(option=option, path=out))
    return out


def _write(option: str, out: Path, pdf: bytes) -> Path:
    try:
        return write_atomically(out, pdf)
    except OSError as error:
        raise cannot_write(option, out, error) from error
