"""``motcua catalog``: the procedures of the catalogue version in force."""

from __future__ import annotations

import argparse
from typing import Any

from app.catalogue.model import Catalogue, Procedure
from app.cli.options import add_catalogue_options, catalogue_from
from app.cli.output import EXIT_OK, UsageError, print_json


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
        raise UsageError(f"unknown procedure '{args.procedure}'; known: {known}")
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
    print(f"{catalogue.manifest.source} (phiên bản {catalogue.version})")
    for procedure in catalogue.procedures.values():
        channel = procedure.channels[0]
        cases = f" [{', '.join(procedure.subcase_ids())}]" if procedure.subcases else ""
        print(
            f"  {procedure.id:<15} {procedure.name}{cases} — "
            f"{channel.working_days} ngày làm việc, lệ phí {channel.fee_text}"
        )


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
        print(f"  Điều kiện [{condition.id}]: {condition.source}")
    for channel in procedure.channels:
        print(f"  {channel.name}: {channel.processing_text}; {channel.fee_text}")
