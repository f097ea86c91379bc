"""``motcua check REQUEST.json``: evaluate a dossier without storing it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.options import add_catalogue_options
from app.cli.output import (
    CANNOT_READ,
    EXIT_OK,
    NO_SUCH_FILE,
    NOT_UTF8,
    UsageError,
    print_json,
    request_invalid,
)
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
            text, today=dt.date.today(), catalogue_root=args.catalogue_dir, catalogue_day=args.on
        )
    except RequestError as error:
        raise UsageError(request_invalid(args.request, error.problems)) from error
    print_json(evaluation)
    return EXIT_OK


def read_request_text(path: Path) -> str:
    import sys

    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise UsageError(NO_SUCH_FILE(path=path)) from error
    except UnicodeDecodeError as error:
        raise UsageError(NOT_UTF8(path=path)) from error
    except OSError as error:
        raise UsageError(CANNOT_READ(path=path, reason=error.strerror)) from error
