"""``motcua card``: the PET-card data the counter hands to the card-printing system (issue 16).

    motcua card list [--date DAY] [--json]
    motcua card export -o FOLDER [--date DAY] --officer LOGIN
    motcua card verify BATCH_FOLDER [--public-key HEX]
    motcua card ack ANSWERS.csv [--batch NAME] --officer LOGIN
    motcua card release CODE --reason TEXT --officer LOGIN            (supervisor)

``list`` shows every accepted dossier of a card procedure where it stands: ready, failing
(each reason), exported, acknowledged; a rejected one is ready again with the operator's
reason. ``export`` writes the ready ones as one signed, chained batch folder under FOLDER
and records them as exported (a dossier enters a batch once; ``release`` lets a supervisor
export one again, with the reason). ``verify`` checks a batch folder: every checksum, no file
missing or added, the signature against this counter's key (or ``--public-key``), the chain
link, every record against the rules; exit 7 naming each problem. ``ack`` takes the
operator's answer file (``code,result[,reason]``, result acknowledged or rejected), all of it
or nothing. Exit codes: docs/exit-codes.md; the batch: docs/card-data.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.dossier_commands import counter_store
from app.cli.inputs import read_text
from app.cli.options import (
    add_catalogue_dir_option,
    add_data_dir_option,
    catalogue_on,
    data_dir_from,
    day_option,
    reference_for,
    settings_from,
    text_option,
)
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import add_sign_in_options, signed_in
from app.failures import PolicyRefusal
from app.i18n import Message

NOT_A_FOLDER = Message(
    "{option}: cần một thư mục có sẵn (đã nhập '{path}')",
    "{option}: an existing folder is needed (got '{path}')",
)
BATCH_NOT_WHOLE = Message(
    "lô {batch} không nguyên vẹn: {problems}", "batch {batch} is not whole: {problems}"
)
BATCH_WHOLE = Message(
    "lô {batch} nguyên vẹn: chữ ký, chuỗi lô, tổng kiểm và {count} bản ghi đều đúng",
    "batch {batch} is whole: its signature, chain, checksums and {count} records are right",
)
NO_REASON = Message(
    "--reason: cần ghi lý do cho xuất lại", "--reason: the reason for exporting again is needed"
)
STATES = {
    "ready": Message("sẵn sàng", "ready"),
    "failing": Message("chưa đạt", "failing"),
    "exported": Message("đã xuất", "exported"),
    "acknowledged": Message("đã nhận", "acknowledged"),
}


class BatchNotWhole(PolicyRefusal):
    """``card verify`` found problems (exit 7); the message lists them."""


def register(subparsers: Any) -> None:
    card = subparsers.add_parser(
        "card", help="the PET-card data for the card-printing system: list, export, verify, ack"
    )
    actions = card.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the card records and where each stands")
    listing.add_argument("--date", metavar="YYYY-MM-DD", help="only dossiers received that day")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_catalogue_dir_option(listing)
    add_data_dir_option(listing)
    listing.set_defaults(run=run_list)

    export = actions.add_parser("export", help="write the ready records as one signed batch")
    export.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FOLDER", help="where the batch goes"
    )
    export.add_argument("--date", metavar="YYYY-MM-DD", help="only dossiers received that day")
    add_catalogue_dir_option(export)
    add_sign_in_options(export)
    add_data_dir_option(export)
    export.set_defaults(run=run_export)

    verify = actions.add_parser("verify", help="check a batch folder of this counter")
    verify.add_argument("folder", type=Path, metavar="BATCH_FOLDER")
    verify.add_argument(
        "--public-key", metavar="HEX", help="the signing counter's public key (default: ours)"
    )
    add_data_dir_option(verify)
    verify.set_defaults(run=run_verify)

    ack = actions.add_parser("ack", help="take in the operator's answer file (CSV)")
    ack.add_argument("file", type=Path, metavar="ANSWERS.csv")
    ack.add_argument("--batch", metavar="NAME", help="the batch answered (default: the file's)")
    add_sign_in_options(ack)
    add_data_dir_option(ack)
    ack.set_defaults(run=run_ack)

    release = actions.add_parser(
        "release", help="let an exported record be exported again (supervisor, with a reason)"
    )
    release.add_argument("code", metavar="CODE")
    release.add_argument("--reason", required=True, metavar="TEXT")
    add_sign_in_options(release)
    add_data_dir_option(release)
    release.set_defaults(run=run_release)


def run_list(args: argparse.Namespace) -> int:
    from app.card.batches import card_lines

    day = day_option(args.date, "--date") if args.date else None
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    reference = reference_for(data_dir)
    catalogue = catalogue_on(day or dt.date.today(), args.catalogue_dir, "--date", reference)
    store = counter_store(data_dir, settings, writes=False)
    try:
        lines = card_lines(store, settings, catalogue, day=day)
    finally:
        store.close()
    if args.json:
        print_json(
            [
                {
                    "code": line.code,
                    "procedure": line.procedure_id,
                    "received_at": line.received_at.strftime("%Y-%m-%dT%H:%M"),
                    "state": line.state,
                    "batch": line.batch,
                    "reason": line.reason,
                    "problems": [str(problem) for problem in line.problems],
                }
                for line in lines
            ]
        )
        return EXIT_OK
    for line in lines:
        state = STATES[line.state]() if line.state in STATES else line.state
        print(f"{line.code}  {state}  {line.batch or ''}  {line.reason or ''}".rstrip())
        for problem in line.problems:
            print(f"    - {problem}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from app.card.batches import export_batch

    parent: Path = args.output
    if not parent.is_dir():
        raise UsageError(NOT_A_FOLDER(option="-o", path=parent))
    day = day_option(args.date, "--date") if args.date else None
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    now = dt.datetime.now().replace(microsecond=0)
    reference = reference_for(data_dir)
    catalogue = catalogue_on(day or now.date(), args.catalogue_dir, "--date", reference)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        done = export_batch(store, data_dir, settings, catalogue, officer, parent, now, day=day)
    finally:
        store.close()
    print_json(
        {
            "batch": done.batch_name,
            "folder": str(done.folder),
            "records": done.count,
            "left_out": [
                {"code": line.code, "problems": [str(p) for p in line.problems]}
                for line in done.left_out
            ],
        }
    )
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from app.card.batches import verify_folder

    folder: Path = args.folder
    if not folder.is_dir():
        raise UsageError(NOT_A_FOLDER(option="BATCH_FOLDER", path=folder))
    key = None if args.public_key is None else text_option(args.public_key, "--public-key")
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = counter_store(data_dir, settings, writes=False)
    try:
        problems = verify_folder(store, data_dir, folder.resolve(), public_key=key)
    finally:
        store.close()
    if problems:
        raise BatchNotWhole(BATCH_NOT_WHOLE, batch=folder.name, problems="; ".join(problems))
    import json

    count = len(json.loads((folder / "data" / "records.json").read_text(encoding="utf-8")))
    print(BATCH_WHOLE(batch=folder.name, count=count))
    return EXIT_OK


def run_ack(args: argparse.Namespace) -> int:
    from app.card.batches import MAX_ANSWER_BYTES, import_answers

    text = read_text(args.file, MAX_ANSWER_BYTES)
    batch = None if args.batch is None else text_option(args.batch, "--batch")
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        name, done = import_answers(
            store, officer, args.file, text, dt.datetime.now().replace(microsecond=0), batch=batch
        )
    finally:
        store.close()
    print_json(
        {
            "batch": name,
            "acknowledged": done.acknowledged,
            "rejected": done.rejected,
            "already": done.already,
        }
    )
    return EXIT_OK


def run_release(args: argparse.Namespace) -> int:
    from app.card.states import release_card

    reason = text_option(args.reason, "--reason")
    if not reason.strip():
        raise UsageError(NO_REASON())
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        done = release_card(
            store, officer, args.code, reason, dt.datetime.now().replace(microsecond=0)
        )
    finally:
        store.close()
    print_json({"code": args.code, "state": done.state, "reason": done.reason})
    return EXIT_OK
