"""The ``motcua`` command: the counter window with no arguments, headless work otherwise.

Every subcommand prints its result on stdout (JSON where asked) and reports a
bad input as ``motcua <command>: <where>: <rule>`` on stderr with exit code 2;
an unusable catalogue exits with 3. No traceback reaches the officer.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

import app.cli
from app.catalogue.loader import CatalogueError
from app.cli.output import (
    EXIT_BAD_CATALOGUE,
    EXIT_BAD_INPUT,
    UsageError,
    choose_cli_language,
    fail,
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
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        # Imported here: the headless commands must run where Qt cannot.
        from ui.application import run_counter_window

        return run_counter_window()
    # Chosen before the options are read: argparse reports a bad value through our types.
    choose_cli_language(_data_dir_only(args_list))
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        result: int = args.run(args)
    except UsageError as error:
        return fail(args.command, str(error), EXIT_BAD_INPUT)
    except CatalogueError as error:
        return fail(args.command, str(error), EXIT_BAD_CATALOGUE)
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
