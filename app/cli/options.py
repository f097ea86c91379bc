"""Options several commands share: catalogue choice, local times."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from app.catalogue.loader import NoCatalogueInForce, load_catalogue_for
from app.catalogue.model import Catalogue
from app.cli.output import NO_SUCH_TIME, NOT_A_DATE, NOT_A_LOCAL_TIME, UsageError
from app.dossier.checking import NO_CATALOGUE_ON
from app.i18n import Message

_LOCAL_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")

# argparse puts "argument --on: " before it.
NOT_A_DAY = Message(
    "'{text}' không phải một ngày dạng YYYY-MM-DD", "'{text}' is not a date YYYY-MM-DD"
)


def add_catalogue_dir_option(parser: argparse.ArgumentParser) -> None:
    add_folder_option(
        parser, "--catalogue-dir", "folder of catalogue versions (default: the ones shipped)"
    )


def add_folder_option(parser: argparse.ArgumentParser, option: str, help: str) -> None:
    """An option naming a folder (``DIR``; None when not given)."""
    parser.add_argument(option, type=Path, default=None, metavar="DIR", help=help)


def add_catalogue_options(parser: argparse.ArgumentParser) -> None:
    on_help = "use the catalogue version in force on this day (default: today)"
    parser.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help=on_help)
    add_catalogue_dir_option(parser)


def catalogue_from(args: argparse.Namespace) -> Catalogue:
    return catalogue_on(args.on or dt.date.today(), args.catalogue_dir, "--on")


def catalogue_on(day: dt.date, root: Path | None, option: str) -> Catalogue:
    """The version in force on ``day``; a day before every version is the option's fault."""
    try:
        return load_catalogue_for(day, root)
    except NoCatalogueInForce as error:
        rule = NO_CATALOGUE_ON(day=f"{day:%d/%m/%Y}")
        raise UsageError(f"{option}: {rule}") from error


def parse_day(text: str) -> dt.date | None:
    """A day as the command line takes it, YYYY-MM-DD (ISO 8601), else None."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def day_option(text: str, option: str) -> dt.date:
    """The day given to ``option``; anything else is the option's usage error."""
    day = parse_day(text)
    if day is None:
        raise UsageError(NOT_A_DATE(option=option, text=text))
    return day


def _day(text: str) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(NOT_A_DAY(text=text))
    return day


def local_minute(text: str, option: str) -> dt.datetime:
    """A local time typed as "YYYY-MM-DD HH:MM" (Asia/Ho_Chi_Minh, no zone)."""
    if not _LOCAL_MINUTE.fullmatch(text.strip()):
        raise UsageError(NOT_A_LOCAL_TIME(option=option, text=text))
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError as error:
        raise UsageError(NO_SUCH_TIME(option=option, text=text)) from error
