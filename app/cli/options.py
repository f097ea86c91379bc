"""Options several commands share: catalogue choice, days and local times, free text, files
to write. Each is checked here, before a command does anything with it, and refused with
the option's name and its rule."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from app.catalogue.loader import NoCatalogueInForce, load_catalogue_for
from app.catalogue.model import Catalogue
from app.cli.output import NO_SUCH_TIME, NOT_A_DATE, NOT_A_LOCAL_TIME, UsageError
from app.datadir import DataDirError, chosen_data_dir, resolve_data_dir
from app.dates import FIRST_DAY, LAST_DAY
from app.i18n import Message
from app.reference_data import ReferenceData, reference_data_at
from app.settings import Settings, SettingsFileError, load_settings

# ASCII digits only: Python's \d, int() and strptime also take Arabic-Indic (٢٠٢٦) and
# full-width (２０２６) digits, which no officer means and no paper prints.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_LOCAL_MINUTE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}", re.ASCII)

# The longest file name most file systems take (ext4, NTFS, APFS), in bytes.
NAME_MAX_BYTES = 255

# argparse puts "argument --on: " before it.
NOT_A_DAY = Message(
    "'{text}' không phải một ngày dạng YYYY-MM-DD", "'{text}' is not a date YYYY-MM-DD"
)
DAY_OUT_OF_RANGE = Message(
    "ngày phải trong khoảng {first} đến {last} (đã nhập '{text}')",
    "the day must be between {first} and {last} (got '{text}')",
)
NOT_A_NUMBER = Message(
    "phải là một số nguyên từ {low} đến {high} (đã nhập '{text}')",
    "must be a whole number from {low} to {high} (got '{text}')",
)
NO_SUCH_FOLDER = Message("'{path}': không có thư mục này", "'{path}': no such folder")
NOT_A_FOLDER = Message(
    "'{path}': đây là một tệp, cần một thư mục", "'{path}': is a file; a folder is needed"
)
CANNOT_OPEN_FOLDER = Message(
    "'{path}': không mở được thư mục ({reason})", "'{path}': cannot be opened ({reason})"
)
OUTPUT_IS_A_FOLDER = Message(
    "{option}: {path} là một thư mục; hãy ghi cả tên tệp",
    "{option}: {path} is a folder; give the name of a file",
)
OUTPUT_NAME_TOO_LONG = Message(
    "{option}: tên tệp dài {length} byte, tối đa {limit} byte ({path})",
    "{option}: the file name is {length} bytes long, at most {limit} ({path})",
)
OUTPUT_NO_FOLDER = Message(
    "{option}: không có thư mục {folder}", "{option}: the folder {folder} does not exist"
)
DATA_FOLDER = Message("thư mục dữ liệu: {problem}", "data folder: {problem}")
CANNOT_WRITE = Message(
    "{option}: không ghi được {path} ({reason})", "{option}: cannot write {path} ({reason})"
)


def add_catalogue_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue-dir",
        type=_existing_folder,
        default=None,
        metavar="DIR",
        help="folder of catalogue versions (default: the ones shipped)",
    )


def add_folder_option(parser: argparse.ArgumentParser, option: str, help: str) -> None:
    """An option naming a folder (``DIR``; None when not given)."""
    parser.add_argument(option, type=Path, default=None, metavar="DIR", help=help)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    add_folder_option(
        parser,
        "--data-dir",
        "the counter's data folder (default: $MOTCUA_DATA_DIR, else the user data folder)",
    )


def data_dir_from(args: argparse.Namespace) -> Path:
    try:
        return resolve_data_dir(args.data_dir)
    except DataDirError as error:
        raise UsageError(DATA_FOLDER(problem=error)) from error


def settings_from(data_dir: Path) -> Settings:
    """The saved settings; a corrupt file stops the command with its problems."""
    try:
        return load_settings(data_dir)
    except SettingsFileError as error:
        raise UsageError(str(error)) from error


def _existing_folder(text: str) -> Path:
    """A folder that must already exist (argparse names the option before the sentence)."""
    folder = Path(text)
    try:
        if not folder.exists():
            raise argparse.ArgumentTypeError(NO_SUCH_FOLDER(path=text))
        if not folder.is_dir():
            raise argparse.ArgumentTypeError(NOT_A_FOLDER(path=text))
    except OSError as error:  # a name too long, a folder on the way that cannot be read
        reason = error.strerror
        raise argparse.ArgumentTypeError(CANNOT_OPEN_FOLDER(path=text, reason=reason)) from error
    return folder


def add_catalogue_options(parser: argparse.ArgumentParser) -> None:
    on_help = "use the catalogue version in force on this day (default: today)"
    parser.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help=on_help)
    add_catalogue_dir_option(parser)


def catalogue_from(args: argparse.Namespace) -> Catalogue:
    return catalogue_on(args.on or dt.date.today(), args.catalogue_dir, "--on")


def reference_for(data_dir: Path | None = None) -> ReferenceData:
    """The catalogue versions and the days-off table the counter of ``data_dir`` (default:
    the one the environment names) uses: the shipped ones with the centre's publications
    its store holds (``app.reference_data``), read without opening the store."""
    return reference_data_at(data_dir if data_dir is not None else chosen_data_dir(None))


def catalogue_on(
    day: dt.date, root: Path | None, option: str, reference: ReferenceData | None = None
) -> Catalogue:
    """The version in force on ``day``: from the folder ``root`` (``--catalogue-dir``) when
    given, else the counter's (``reference``, by default ``reference_for()``); a day before
    every version is the option's fault."""
    try:
        if root is not None:
            return load_catalogue_for(day, root)
        return (reference or reference_for()).catalogue_for(day)
    except NoCatalogueInForce as error:
        from app.dossier.checking import NO_CATALOGUE_ON  # the evaluation's stack: see below

        rule = NO_CATALOGUE_ON(day=f"{day:%d/%m/%Y}")
        raise UsageError(f"{option}: {rule}") from error


def parse_day(text: str) -> dt.date | None:
    """A day as the command line takes it, YYYY-MM-DD (ISO 8601, ASCII digits), else None."""
    if not _ISO_DAY.fullmatch(text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def day_option(text: str, option: str) -> dt.date:
    """The day given to ``option``, from 1900 to 2100; anything else is the option's
    usage error."""
    day = parse_day(text)
    if day is None:
        raise UsageError(NOT_A_DATE(option=option, text=text))
    if not _countable(day):
        raise UsageError(f"{option}: {_out_of_range(text)}")
    return day


def _day(text: str) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(NOT_A_DAY(text=text))
    if not _countable(day):
        raise argparse.ArgumentTypeError(_out_of_range(text))
    return day


def _countable(day: dt.date) -> bool:
    """The days the program counts and prints: the request model's own bounds (a day near
    year 9999 would overflow when the due date or the day after is computed)."""
    return FIRST_DAY <= day <= LAST_DAY


def _out_of_range(text: str) -> str:
    return DAY_OUT_OF_RANGE(first=f"{FIRST_DAY:%d/%m/%Y}", last=f"{LAST_DAY:%d/%m/%Y}", text=text)


def local_minute(text: str, option: str) -> dt.datetime:
    """A local time typed as "YYYY-MM-DD HH:MM" (Asia/Ho_Chi_Minh, no zone), 1900–2100."""
    if not _LOCAL_MINUTE.fullmatch(text.strip()):
        raise UsageError(NOT_A_LOCAL_TIME(option=option, text=text))
    try:
        moment = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError as error:
        raise UsageError(NO_SUCH_TIME(option=option, text=text)) from error
    if not _countable(moment.date()):
        raise UsageError(f"{option}: {_out_of_range(text)}")
    return moment


def text_option(text: str, option: str) -> str:
    """A name, reason or address typed on the command line, to be stored and printed:
    held to the rule of the request's own text fields (one line of printable characters,
    at most ``TEXT_MAX``), trimmed; the message names the option."""
    # Imported here: the request's models are more than ``due`` and ``catalog``, which use
    # this module's other options, need to load (issue 19).
    from app.dossier.request import TextRefused, checked_text

    try:
        return checked_text(text, Message(option, option))
    except TextRefused as error:
        raise UsageError(str(error)) from error


def output_file(args: argparse.Namespace, option: str, attribute: str = "output") -> Path:
    """The file a command is to write, refused before any work when it cannot be one."""
    out: Path = getattr(args, attribute)
    # The name first: asking whether a path with a longer one is a folder is an error itself.
    length = len(os.fsencode(out.name))
    if length > NAME_MAX_BYTES:
        raise UsageError(
            OUTPUT_NAME_TOO_LONG(option=option, length=length, limit=NAME_MAX_BYTES, path=out)
        )
    try:
        if out.is_dir():
            raise UsageError(OUTPUT_IS_A_FOLDER(option=option, path=out))
        if not out.parent.is_dir():
            raise UsageError(OUTPUT_NO_FOLDER(option=option, folder=out.parent))
    except OSError as error:  # a folder in the path not readable, or the path too long
        raise cannot_write(option, out, error) from error
    return out


def cannot_write(option: str, out: Path, error: OSError) -> UsageError:
    """The output could not be written after all (a full disk, a folder refusing new files,
    a name the file system refuses): the option, the file and the system's reason."""
    return UsageError(CANNOT_WRITE(option=option, path=out, reason=error.strerror or error))


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, in ASCII digits (``int()``
    also reads ٣ and ３)."""

    def whole_number(text: str) -> int:
        value = int(text) if re.fullmatch(r"[+-]?[0-9]{1,18}", text.strip(), re.ASCII) else None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(NOT_A_NUMBER(low=low, high=high, text=text))
        return value

    return whole_number
