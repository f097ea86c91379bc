"""``motcua check REQUEST.json``: evaluate a dossier without storing it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.inputs import read_request_text
from app.cli.options import add_catalogue_options, reference_for
from app.cli.output import EXIT_OK, UsageError, print_json, request_invalid, warn_not_current
from app.dossier.checking import check_request_text
from app.dossier.problems import RequestError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="evaluate a dossier request (JSON) and print the result"
    )
    parser.add_argument(
        "request", type=Path, metavar="REQUEST.json", help="the request; - for stdin"
    )
    add_catalogue_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = read_request_text(args.request)
    try:
        evaluation = check_request_text(
            text,
            today=dt.date.today(),
            catalogue_root=args.catalogue_dir,
            catalogue_day=args.on,
            reference=None if args.catalogue_dir else reference_for(),
        )
    except RequestError as error:
        raise UsageError(request_invalid(args.request, error.problems)) from error
    print_json(evaluation)
    warn_not_current(evaluation.catalogue_not_current, evaluation.received_on)
    return EXIT_OK
