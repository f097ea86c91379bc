"""``motcua void``: a supervisor voids a stored dossier, with the reason.

    motcua void DOSSIER_ID_OR_CODE --reason TEXT --officer LOGIN [--officer-password-from FILE]

The dossier stays in the store, shown as voided (``motcua show``: ``voided``); no
paper is printed for it from then on (``app.voids``). Only a supervisor may void
(exit 7 otherwise); a dossier voided before is refused (exit 2), an unknown one is
not found (exit 4).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.cli.dossier_commands import counter_store
from app.cli.options import add_data_dir_option, data_dir_from, text_option
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import add_sign_in_options, signed_in
from app.failures import NotFound
from app.i18n import Message
from app.voids import VoidedDossierMissing, void_dossier

REASON_REQUIRED = Message(
    "--reason: cần ghi lý do hủy hồ sơ", "--reason: the reason for voiding the dossier is required"
)


def register(subparsers: Any) -> None:
    voiding = subparsers.add_parser(
        "void", help="void a stored dossier, with the reason (a supervisor's decision)"
    )
    voiding.add_argument("key", metavar="DOSSIER_ID_OR_CODE")
    voiding.add_argument("--reason", required=True, help="why, recorded with the void")
    add_sign_in_options(voiding)
    add_data_dir_option(voiding)
    voiding.set_defaults(run=run_void)


def run_void(args: argparse.Namespace) -> int:
    reason = text_option(args.reason, "--reason")
    if not reason:
        raise UsageError(REASON_REQUIRED())
    key = args.key.strip()
    store = counter_store(data_dir_from(args))
    try:
        officer = signed_in(args, store)
        done = void_dossier(store, key, reason, officer, dt.datetime.now().replace(microsecond=0))
    except VoidedDossierMissing as error:
        raise NotFound(error.message, **error.values) from error
    finally:
        store.close()
    print_json({"dossier_id": done.dossier_id, "code": done.code, "void_id": done.void_id})
    return EXIT_OK
