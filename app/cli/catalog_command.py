"""``motcua catalog``: the procedures of the catalogue version in force."""

from __future__ import annotations

import argparse
from typing import Any

from app.catalogue.model import Catalogue, Procedure
from app.cli.options import add_catalogue_options, catalogue_from
from app.cli.output import EXIT_OK, UsageError, print_json
from app.i18n import Message

UNKNOWN_PROCEDURE = Message(
    "PROCEDURE_ID: không có thủ tục '{procedure}'; các thủ tục: {known}",
    "PROCEDURE_ID: unknown procedure '{procedure}'; known: {known}",
)
# The catalogue's names and texts are the decision's Vietnamese; the frame follows the language.
VERSION_LINE = Message("{source} (phiên bản {version})", "{source} (version {version})")
PROCEDURE_LINE = Message("{days} ngày làm việc, lệ phí {fee}", "{days} working days, fee {fee}")
CONDITION = Message("Điều kiện [{id}]: {source}", "Condition [{id}]: {source}")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("catalog", help="list the procedures, or show one")
    parser.add_argument("procedure", nargs="?", metavar="PROCEDURE_ID")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_catalogue_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalogue = catalogue_from(args)
    if args.procedure is None:
        if args.json:
            print_json(
                {
                    "catalogue_version": catalogue.version,
                    "source": catalogue.manifest.source,
                    "effective_from": catalogue.manifest.effective_from.isoformat(),
                    "procedures": [_summary(p) for p in catalogue.procedures.values()],
                }
            )
        else:
            _print_table(catalogue)
        return EXIT_OK
    if args.procedure not in catalogue.procedures:
        known = ", ".join(catalogue.procedures)
        raise UsageError(UNKNOWN_PROCEDURE(procedure=args.procedure, known=known))
    procedure = catalogue.procedure(args.procedure)
    if args.json:
        print_json(procedure)
    else:
        _print_procedure(procedure)
    return EXIT_OK


def _summary(procedure: Procedure) -> dict[str, Any]:
    return {
        "id": procedure.id,
        "name": procedure.name,
        "subcases": procedure.subcase_ids(),
        "channels": [
            {"id": str(c.id), "working_days": c.working_days, "fee_vnd": c.fee_vnd}
            for c in procedure.channels
        ],
    }


def _print_table(catalogue: Catalogue) -> None:
    print(VERSION_LINE(source=catalogue.manifest.source, version=catalogue.version))
    for procedure in catalogue.procedures.values():
        channel = procedure.channels[0]
        cases = f" [{', '.join(procedure.subcase_ids())}]" if procedure.subcases else ""
        terms = PROCEDURE_LINE(days=channel.working_days, fee=channel.fee_text)
        print(f"  {procedure.id:<15} {procedure.name}{cases} — {terms}")


def _print_procedure(procedure: Procedure) -> None:
    print(f"{procedure.id}: {procedure.name}")
    groups = (
        [("", procedure.items or [])]
        if procedure.subcases is None
        else [(f"{case.id}. {case.name}", case.items) for case in procedure.subcases]
    )
    for title, items in groups:
        if title:
            print(f"  {title}")
        for item in items:
            note = f" ({item.condition_text})" if item.condition_text else ""
            print(f"    {item.number}. {item.name} — {item.quantity:02d} {item.form_text}{note}")
    for condition in procedure.conditions:
        print(f"  {CONDITION(id=condition.id, source=condition.source)}")
    for channel in procedure.channels:
        print(f"  {channel.name}: {channel.processing_text}; {channel.fee_text}")
