"""Options several commands share: catalogue choice, local times."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from app.catalogue.loader import NoCatalogueInForce, load_catalogue_for
from app.catalogue.model import Catalogue
from app.cli.output import UsageError

_LOCAL_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def add_catalogue_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of catalogue versions (default: the ones shipped)",
    )


def add_catalogue_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="use the catalogue version in force on this day (default: today)",
    )
    add_catalogue_dir_option(parser)


def catalogue_from(args: argparse.Namespace) -> Catalogue:
    return catalogue_on(args.on or dt.date.today(), args.catalogue_dir, "--on")


def catalogue_on(day: dt.date, root: Path | None, option: str) -> Catalogue:
    """The version in force on ``day``; a day before every version is the option's fault."""
    try:
        return load_catalogue_for(day, root)
    except NoCatalogueInForce as error:
        raise UsageError(
            f"{option}: no procedure catalogue is in force on {day:%d/%m/%Y}"
        ) from error


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from error


def local_minute(text: str, option: str) -> dt.datetime:
    """A local time typed as "YYYY-MM-DD HH:MM" (Asia/Ho_Chi_Minh, no zone)."""
    rule = 'must be a local time "YYYY-MM-DD HH:MM", e.g. "2026-11-23 09:10"'
    if not _LOCAL_MINUTE.fullmatch(text.strip()):
        raise UsageError(f"{option}: {rule} (got '{text}')")
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError as error:
        raise UsageError(f"{option}: {rule}; '{text}' is no such time") from error
