"""The ``motcua`` command: the counter window with no arguments, headless work otherwise.

Every subcommand prints its result on stdout (JSON where asked). Whatever goes
wrong, in a command or while its options are read, ends here as one sentence
``motcua <command>: <what and where>`` on stderr and one exit code of
``docs/exit-codes.md`` (``app.failures``' kinds; ``app.cli.faults`` decides):
no traceback ever reaches the officer. ``motcua --debug COMMAND …`` also writes
the traceback of a fault of the program to the data folder's
``logs/cli-debug.log`` for IT staff. What a command reads from outside is
bounded before it is parsed (``app.cli.inputs``).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from functools import cache
from types import ModuleType

import app.cli
from app.cli.faults import describe_failure
from app.cli.inputs import refuse_undecodable_arguments
from app.cli.output import choose_cli_language, fail
from app.i18n import Language, Message, current_language

NO_COMMAND = Message(
    "cần một lệnh (COMMAND); xem: motcua --help", "a COMMAND is needed; see: motcua --help"
)


def command_modules() -> list[ModuleType]:
    """Every ``app/cli/*_command.py`` and ``*_commands.py``: each registers its subcommands.

    Found rather than listed, so adding a command is adding its module. A
    command module imports heavy libraries (OpenCV, reportlab) inside its
    ``run`` functions, to keep ``motcua --help`` quick.
    """
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(app.cli.__path__)
        if info.name.endswith(("_command", "_commands"))
    )
    return [importlib.import_module(f"app.cli.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Driving-licence one-stop counter (no command: the counter window).",
        epilog="Exit codes: 0 done, 1 a fault in the program, 2 bad input, 3 invalid catalogue, "
        "4 not found, 5 central database, 6 local store damaged or full, 7 refused by policy, "
        "8 a self-test step failed, 130 interrupted (docs/exit-codes.md).",
    )
    parser.add_argument(
        "--version",
        action=_ShowVersion,
        nargs=0,
        help="the version, the catalogue in force, the store's schema revision, the data folder",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on a fault, write its traceback to logs/cli-debug.log in the data folder",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


class _ShowVersion(argparse.Action):
    """``--version``: the About box's facts (``app.about``), then exit 0."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from app.about import about_facts  # reads the catalogue: only when asked

        print("\n".join(about_facts().lines()))
        parser.exit()


@cache
def _parser(language: Language) -> argparse.ArgumentParser:
    """The parser, built once per process and language: building its sixty-odd parsers
    takes a tenth of a second, which a process that runs ``main`` many times (the tests,
    a program embedding motcua) would pay on every call. Reading a command line does not
    change a parser, so one serves every call."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        # Imported here: the headless commands must run where Qt cannot.
        from ui.application import run_counter_window

        return run_counter_window()
    # Chosen before the options are read: argparse reports a bad value through our types.
    choose_cli_language(_data_dir_only(args_list))
    parser = _parser(current_language())
    args = argparse.Namespace(command=None, debug=False)  # until the options are read
    try:
        args = parser.parse_args(args_list)  # its own errors: usage on stderr, SystemExit(2)
        if args.command is None:  # only global options were given
            parser.error(NO_COMMAND())
        refuse_undecodable_arguments(parser, args)
        result: int = args.run(args)
    except SystemExit:
        raise
    except BaseException as error:  # every failure, Ctrl+C included: one line and its code
        message, code = describe_failure(error, args)
        return fail(args.command or "", message, code)
    return result


def _data_dir_only(args_list: list[str]) -> str | None:
    """``--data-dir`` wherever it stands, before the whole command line is checked."""
    early = argparse.ArgumentParser(prog="motcua", add_help=False, exit_on_error=False)
    early.add_argument("--data-dir", default=None)
    try:
        known, _ = early.parse_known_args(args_list)
    except argparse.ArgumentError:  # the whole parser reports it
        return None
    data_dir: str | None = known.data_dir
    return data_dir


if __name__ == "__main__":
    sys.exit(main())
