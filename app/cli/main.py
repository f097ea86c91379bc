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
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from functools import cache
from types import ModuleType
from typing import Any

import app.cli
from app.cli.faults import describe_failure
from app.cli.inputs import refuse_undecodable_arguments
from app.cli.output import choose_cli_language, fail
from app.i18n import Language, Message, current_language

NO_COMMAND = Message(
    "cần một lệnh (COMMAND); xem: motcua --help", "a COMMAND is needed; see: motcua --help"
)


# Each command module and the subcommands it registers, in the order ``motcua --help``
# lists them. Listed rather than found so that a command imports its own module only:
# importing every module for every command made ``motcua due`` load SQLAlchemy, Alembic
# and psycopg (issue 19). ``tests/test_light_imports.py`` checks the list against what each
# module registers, so a new module or subcommand cannot be forgotten here.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "audit_command": ("audit",),
    "card_command": ("card",),
    "catalog_command": ("catalog",),
    "central_command": ("central",),
    "check_command": ("check",),
    "day_command": ("day",),
    "dossier_commands": ("receive", "show", "list", "reappoint", "correct"),
    "due_command": ("due",),
    "idcard_command": ("idcard",),
    "officer_command": ("officer",),
    "photo_command": ("photo",),
    "print_command": ("print",),
    "selftest_command": ("selftest",),
    "settings_command": ("settings",),
    "stats_command": ("stats",),
    "status_commands": ("forward", "results", "handover", "withdraw", "overdue"),
    "store_command": ("backup", "restore", "store"),
    "sync_command": ("sync",),
    "void_command": ("void",),
}


def command_module(name: str) -> ModuleType:
    """``app/cli/<name>.py``, whose ``register(subparsers)`` adds its subcommands."""
    return importlib.import_module(f"{app.cli.__name__}.{name}")


class _Subcommands(MutableMapping[str, argparse.ArgumentParser]):
    """The subcommands' parsers by name, each module registered when one of its
    subcommands is first looked up (argparse looks up only the one chosen).

    Membership and the names listed in a usage error come from ``COMMAND_MODULES``
    without importing anything."""

    def __init__(self, action: _LazySubParsersAction) -> None:
        self._action = action
        self.registered: dict[str, argparse.ArgumentParser] = {}
        self._module_of = {
            command: module for module, commands in COMMAND_MODULES.items() for command in commands
        }

    def register(self, module: str) -> None:
        if not all(command in self.registered for command in COMMAND_MODULES[module]):
            command_module(module).register(self._action)

    def register_all(self) -> None:
        for module in COMMAND_MODULES:
            self.register(module)

    def __getitem__(self, command: str) -> argparse.ArgumentParser:
        if command not in self.registered and command in self._module_of:
            self.register(self._module_of[command])
        return self.registered[command]

    def __setitem__(self, command: str, parser: argparse.ArgumentParser) -> None:
        self.registered[command] = parser

    def __delitem__(self, command: str) -> None:
        del self.registered[command]

    def __contains__(self, command: object) -> bool:
        return command in self._module_of or command in self.registered

    def __iter__(self) -> Iterator[str]:
        yield from self._module_of
        yield from (command for command in self.registered if command not in self._module_of)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _LazySubParsersAction(argparse._SubParsersAction):  # type: ignore[type-arg]
    """argparse's subcommands with ``_Subcommands`` as its table. argparse has no public
    hook for this; ``_SubParsersAction`` with ``_name_parser_map`` and ``choices`` has been
    its structure since Python 3.2 (``app.cli.inputs`` relies on it too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = _Subcommands(self)
        self._name_parser_map = self.choices = self._lazy  # type: ignore[assignment]

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        # argparse refuses a name already in the table; the lazy table holds every name.
        self._name_parser_map = self._lazy.registered
        try:
            parser: argparse.ArgumentParser = super().add_parser(name, **kwargs)
            return parser
        finally:
            self._name_parser_map = self._lazy  # type: ignore[assignment]

    def _get_subactions(self) -> list[argparse.Action]:
        """The listing of ``motcua --help``: every module registered, in the table's order
        whatever ran before in this process."""
        self._lazy.register_all()
        order = {command: i for i, command in enumerate(self._lazy)}
        return sorted(super()._get_subactions(), key=lambda action: order[action.dest])


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
    parser.add_subparsers(dest="command", metavar="COMMAND", action=_LazySubParsersAction)
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
    """The parser, built once per process and language: a command's parsers, registered
    when it first runs, then serve every later call of a process that runs ``main`` many
    times (the tests, a program embedding motcua). Reading a command line does not change
    a parser, so one serves every call."""
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
