"""A failure, whatever it is, as one line for the officer and the exit code scripts rely on.

The kinds of ``app.failures`` carry their own code; any other refusal of the
program's rules means that what was given cannot be done (2). What is left is a
fault of the program itself: it is named by its kind, for IT staff, never by its
text, and with ``motcua --debug`` its traceback goes to the data folder's
``logs/cli-debug.log``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import traceback
from collections.abc import Iterator
from pathlib import Path

from app.catalogue.loader import CatalogueError
from app.cli.output import (
    EXIT_BAD_CATALOGUE,
    EXIT_BAD_INPUT,
    EXIT_CENTRAL,
    EXIT_FAULT,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_REFUSED,
    EXIT_STORE,
    UsageError,
)
from app.datafiles import DataError
from app.dossier.problems import RequestError
from app.failures import CentralFailure, NotFound, PolicyRefusal, StoreUnusable
from app.i18n import Message, OfficerError

LOG_FOLDER = "logs"
DEBUG_LOG = "cli-debug.log"

# Most specific first: every kind below OfficerError is one too.
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (UsageError, EXIT_BAD_INPUT),
    (NotFound, EXIT_NOT_FOUND),
    (CentralFailure, EXIT_CENTRAL),
    (StoreUnusable, EXIT_STORE),
    (PolicyRefusal, EXIT_REFUSED),
    (CatalogueError, EXIT_BAD_CATALOGUE),
    # The other data files read with the catalogue (the working-day overrides).
    (DataError, EXIT_BAD_CATALOGUE),
    # Any other refusal of the program's rules: what was given cannot be done as given.
    (OfficerError, EXIT_BAD_INPUT),
    (RequestError, EXIT_BAD_INPUT),
)

INTERRUPTED = Message("đã dừng (Ctrl+C)", "interrupted (Ctrl+C)")
TOO_LARGE_OR_DEEP = Message(
    "dữ liệu đưa vào quá lớn hoặc lồng nhau quá sâu để xử lý; hãy kiểm tra tệp và các giá trị"
    " đã nhập",
    "the input is too large or nested too deeply to handle; check the file and the values given",
)
CANNOT_USE_PATH = Message(
    "{path}: không đọc hoặc ghi được ({reason})", "{path}: cannot be read or written ({reason})"
)
FAULT = Message(
    "lỗi của chương trình ({kind}), không phải do dữ liệu đã nhập; hãy báo cán bộ IT."
    " Chạy lại lệnh dạng motcua --debug {command} … để ghi chi tiết vào {log}",
    "a fault in the program ({kind}), not in what was given; tell IT staff."
    " Run the command again as motcua --debug {command} … to write the details to {log}",
)
FAULT_LOGGED = Message(
    "lỗi của chương trình ({kind}); chi tiết đã ghi vào {log}; hãy báo cán bộ IT",
    "a fault in the program ({kind}); the details are in {log}; tell IT staff",
)
LOG_NOT_WRITTEN = Message(
    "lỗi của chương trình ({kind}); không ghi được chi tiết vào {log} ({reason}); hãy báo cán"
    " bộ IT",
    "a fault in the program ({kind}); its details could not be written to {log} ({reason});"
    " tell IT staff",
)


def exit_code_for(error: BaseException) -> int:
    """The documented exit code of ``error`` (``docs/exit-codes.md``)."""
    for kind, code in EXIT_CODES:
        if isinstance(error, kind):
            return code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, MemoryError | RecursionError) or _path_error(error):
        return EXIT_BAD_INPUT
    return EXIT_FAULT


def describe_failure(error: BaseException, args: argparse.Namespace) -> tuple[str, int]:
    """The line to print after ``motcua <command>:`` and the exit code."""
    error = _as_app_kind(error)
    code = exit_code_for(error)
    if code != EXIT_FAULT:
        return _sentence(error), code
    kind = _kind(error)
    log = debug_log_path(args)
    if not getattr(args, "debug", False):
        return FAULT(kind=kind, command=args.command or "COMMAND", log=log), code
    try:
        write_debug_log(log, error, args.command or "")
    except OSError as problem:
        return LOG_NOT_WRITTEN(kind=kind, log=log, reason=problem.strerror), code
    return FAULT_LOGGED(kind=kind, log=log), code


def _as_app_kind(error: BaseException) -> BaseException:
    """A fault of the store's file that reached here as the store's own exception (a store
    opened without ``app.store_ops``) is said as every other: ``StoreUnusable``."""
    from db.store_failure import StoreFailure  # db/ raises its kinds; app/ names them

    if isinstance(error, StoreFailure):
        from app.store_ops import store_unusable

        return store_unusable(error)
    return error


def _sentence(error: BaseException) -> str:
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED()
    if isinstance(error, MemoryError | RecursionError):
        return TOO_LARGE_OR_DEEP()
    if isinstance(error, OSError) and _path_error(error):
        return CANNOT_USE_PATH(path=error.filename, reason=error.strerror)
    return str(error)


def _path_error(error: BaseException) -> bool:
    """A file or folder the command was given (or made from one) cannot be used: the OS
    names it and says why, and that is bad input, not a fault."""
    return isinstance(error, OSError) and error.filename is not None and bool(error.strerror)


def _kind(error: BaseException) -> str:
    kind = type(error)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


def debug_log_path(args: argparse.Namespace) -> Path:
    """``logs/cli-debug.log`` in the data folder the command used (or would have used)."""
    from app.datadir import chosen_data_dir

    option = getattr(args, "data_dir", None)
    return chosen_data_dir(option if isinstance(option, Path) else None) / LOG_FOLDER / DEBUG_LOG


def write_debug_log(log: Path, error: BaseException, command: str) -> None:
    """Append the fault's traceback to ``log``: where each exception of its chain was raised
    and its kind, but not its text, which may quote an applicant's name or ID number."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        program = version("motcua")
    except PackageNotFoundError:
        program = "?"
    log.parent.mkdir(parents=True, exist_ok=True)
    when = dt.datetime.now().isoformat(timespec="seconds")
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"--- {when}  motcua {program}  command: {command}\n")
        stream.writelines(_traceback_lines(error))


def _traceback_lines(error: BaseException, seen: set[int] | None = None) -> Iterator[str]:
    """Python's own layout, oldest exception first, each named by its kind only."""
    seen = set() if seen is None else seen
    seen.add(id(error))
    cause, context = error.__cause__, error.__context__
    if cause is not None and id(cause) not in seen:
        yield from _traceback_lines(cause, seen)
        yield f"\n{_CAUSE}\n\n"
    elif context is not None and not error.__suppress_context__ and id(context) not in seen:
        yield from _traceback_lines(context, seen)
        yield f"\n{_CONTEXT}\n\n"
    yield "Traceback (most recent call last):\n"
    yield from traceback.format_list(traceback.extract_tb(error.__traceback__))
    yield f"{_kind(error)}\n"


_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"
