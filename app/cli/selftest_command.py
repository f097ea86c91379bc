"""``motcua selftest [--photo IMAGE] [--json]``: check this installation, step by step.

The steps are ``app.selftest``'s; each line says the step, its time and what it found,
and the command ends with 0 only when every step passed (8 otherwise,
``docs/exit-codes.md``). It never reads or writes the counter's data folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.output import EXIT_OK, UsageError, fail, print_json
from app.i18n import Message

NOT_A_FILE = Message("--photo: {path}: không có tệp này", "--photo: {path}: no such file")
STEPS_FAILED = Message("bước không đạt: {steps}", "steps that failed: {steps}")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "selftest",
        help="check this installation: window, store, procedures, BM 01 codes, photo checks",
    )
    parser.add_argument(
        "--photo",
        type=Path,
        metavar="IMAGE",
        help="run the photo checks on this image (default: the portrait shipped with motcua)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.selftest import (
        EXIT_SELFTEST_FAILED,
        default_steps,
        format_result,
        header,
        run_steps,
        summary,
    )

    if args.photo is not None and not args.photo.is_file():
        raise UsageError(NOT_A_FILE(path=args.photo))
    steps = default_steps(args.photo)
    width = max(len(step.name) for step in steps)
    if args.json:
        results = run_steps(steps, lambda result: None)
    else:
        print(header(), flush=True)
        results = run_steps(steps, lambda result: print(format_result(result, width), flush=True))
        print(summary(results))
    if args.json:
        passed = all(result.passed for result in results)
        print_json({"passed": passed, "steps": [result.as_dict() for result in results]})
    sys.stdout.flush()
    failed = [result.name for result in results if not result.passed]
    if failed:
        return fail(args.command, STEPS_FAILED(steps=", ".join(failed)), EXIT_SELFTEST_FAILED)
    return EXIT_OK
