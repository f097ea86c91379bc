"""``motcua receive``, ``show``, ``list``, ``reappoint`` and ``correct``: the counter's
dossiers, headless."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.appointments import MOST_EXTRA_WORKING_DAYS, reappoint_dossier
from app.catalogue.model import Catalogue
from app.cli.inputs import STDIN, read_request_text
from app.cli.options import (
    add_catalogue_dir_option,
    add_data_dir_option,
    bounded_int,
    catalogue_on,
    data_dir_from,
    day_option,
    local_minute,
    reference_for,
    settings_from,
    text_option,
)
from app.cli.output import (
    EXIT_OK,
    UsageError,
    not_current_json,
    print_json,
    request_invalid,
    warn_not_current,
)
from app.cli.signing import add_sign_in_options, signed_in
from app.corrections import CorrectionRefused, correct_dossier
from app.counter import CounterNotConfigured, check_configured, counter_from_settings
from app.dossier.checking import parse_request_text
from app.dossier.evaluation import Verdict
from app.dossier.problems import RequestError
from app.dossier.request import DossierRequest
from app.dossier.statuses import status_label
from app.dossier_queries import (
    NO_SUCH_DOSSIER,
    VOIDED,
    dossiers_of_applicant,
    dossiers_received_on,
    find_dossier,
    look_up,
    summary_json,
)
from app.failures import NotFound
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Permission, require
from app.reception import (
    CodesExhausted,
    Counter,
    NotAwaitingSupplement,
    Receipt,
    ReceiptTimeRefused,
    Timetable,
    check_receipt_time,
    receive,
)
from app.settings import Settings, office_hours_and_rule
from app.store_ops import open_store
from app.workdays import ReappointmentError
from db.dossier_status import latest_changes
from db.store import Store

if TYPE_CHECKING:  # OpenCV is loaded only when a photo is given: `motcua --help` stays quick
    from camera.capture import AcceptedPhoto


def register(subparsers: Any) -> None:
    receiving = subparsers.add_parser(
        "receive", help="evaluate a dossier request (JSON), store it, and number it if accepted"
    )
    receiving.add_argument("request", type=Path, metavar="REQUEST.json", help="- for stdin")
    add_sign_in_options(receiving)
    receiving.add_argument(
        "--at",
        metavar='"YYYY-MM-DD HH:MM"',
        help="time of receipt when entering a dossier received earlier (default: now)",
    )
    receiving.add_argument(
        "--delivery",
        choices=("counter", "post"),
        default="counter",
        help="how the result is collected (default: at the counter)",
    )
    receiving.add_argument("--address", default="", help="postal address, with --delivery post")
    receiving.add_argument(
        "--supplements",
        metavar="DOSSIER_ID",
        help="the applicant returns with the papers BM 02 asked for: a new round of this dossier",
    )
    _add_photo_options(receiving)
    add_catalogue_dir_option(receiving)
    add_data_dir_option(receiving)
    receiving.set_defaults(run=run_receive)

    showing = subparsers.add_parser("show", help="one dossier by code or id, with its history")
    showing.add_argument("key", metavar="CODE_OR_ID")
    showing.add_argument(
        "--json",
        action="store_true",
        help="print JSON (what show always prints), with the status and its history",
    )
    add_data_dir_option(showing)
    showing.set_defaults(run=run_show)

    listing = subparsers.add_parser("list", help="the dossiers received on a day")
    listing.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    listing.add_argument("--id-number", metavar="NUMBER", help="an applicant's dossiers instead")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_data_dir_option(listing)
    listing.set_defaults(run=run_list)

    moving = subparsers.add_parser(
        "reappoint", help="set a new due date once, with the reason (Decree 61/2018 art. 19)"
    )
    moving.add_argument("code", metavar="CODE")
    moving.add_argument(
        "--days",
        type=bounded_int(1, MOST_EXTRA_WORKING_DAYS),
        required=True,
        help=f"working days to add (1 to {MOST_EXTRA_WORKING_DAYS})",
    )
    moving.add_argument("--reason", required=True, help="the reason, as in the apology letter")
    add_sign_in_options(moving)
    add_data_dir_option(moving)
    moving.set_defaults(run=run_reappoint)

    correcting = subparsers.add_parser(
        "correct",
        help="correct a stored dossier's applicant details and licences: a new revision, "
        "recorded with its reason",
    )
    correcting.add_argument("code", metavar="CODE_OR_ID")
    correcting.add_argument(
        "--file",
        type=Path,
        required=True,
        metavar="CORRECTED.json",
        help="the whole request as it should have been recorded; - for stdin",
    )
    correcting.add_argument("--reason", required=True, help="why, recorded with the correction")
    add_sign_in_options(correcting)
    add_catalogue_dir_option(correcting)
    add_data_dir_option(correcting)
    correcting.set_defaults(run=run_correct)


REASON_REQUIRED = Message(
    "--reason: cần ghi lý do sửa hồ sơ", "--reason: the reason for the correction is required"
)
STDIN_TAKEN = Message(
    "--officer-password-from: {option} đã đọc từ đầu vào chuẩn (-); hãy đưa mật khẩu bằng"
    " một tệp (--officer-password-from TỆP)",
    "--officer-password-from: {option} is read from standard input (-); give the password"
    " in a file (--officer-password-from FILE)",
)
ADDRESS_REQUIRED = Message(
    "--address: cần địa chỉ bưu chính khi chọn --delivery post",
    "--address: a postal address is required with --delivery post",
)
PHOTO_OPTION_ALONE = Message(
    "{option}: chỉ dùng cùng --photo ẢNH", "{option}: only with --photo IMAGE"
)


def _add_photo_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--photo",
        type=Path,
        metavar="IMAGE",
        help="the applicant's photo from an image file (procedures that take it at the counter):"
        " checked and cut to 354×472 as the window's import, stored with the dossier",
    )
    parser.add_argument(
        "--photo-confirmed",
        action="store_true",
        help="the officer has looked at the photo: eyes open, neutral expression, no glare,"
        " no hat or head cover (the window's tick box; required with --photo)",
    )
    parser.add_argument(
        "--photo-reason",
        metavar="TEXT",
        help="why the photo is used although a check failed (required then; recorded with it)",
    )


def one_stdin(args: argparse.Namespace, given: Path, option: str) -> None:
    """Standard input holds one thing: a request, or (not at a console) the password."""
    piped = sys.stdin is not None and not sys.stdin.isatty()
    if str(given) == STDIN and str(args.officer_password_from) == STDIN and piped:
        raise UsageError(STDIN_TAKEN(option=option))


def _reason(text: str) -> str:
    """A correction's reason as recorded: one line, bounded, not empty."""
    reason = text_option(text, "--reason")
    if not reason:
        raise UsageError(REASON_REQUIRED())
    return reason


def run_receive(args: argparse.Namespace) -> int:
    one_stdin(args, args.request, "REQUEST.json")
    address = text_option(args.address, "--address")
    if args.delivery == "post" and not address:
        raise UsageError(ADDRESS_REQUIRED())
    received_at = _received_at(args.at)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    try:
        check_configured(settings)  # before the officer is asked for a password
    except CounterNotConfigured as error:
        raise UsageError(str(error)) from error
    try:
        request = parse_request_text(read_request_text(args.request))
    except RequestError as error:
        raise UsageError(request_invalid(args.request, error.problems)) from error
    reference = reference_for(data_dir)  # the centre's catalogue and days off, when published
    catalogue = catalogue_on(received_at.date(), args.catalogue_dir, "--at", reference)
    photo = _photo(args, request, catalogue)  # before the officer is asked for a password
    hours, rule = office_hours_and_rule(settings)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        receipt = receive(
            request,
            catalogue=catalogue,
            timetable=Timetable(reference.calendar, hours, rule),
            counter=_counter(settings, officer),
            store=store,
            received_at=received_at,
            result_delivery=args.delivery,
            delivery_address=address,
            supplements=args.supplements,
            photo=None if photo is None else photo.record(),
        )
    except RequestError as error:
        raise UsageError(request_invalid(args.request, error.problems)) from error
    except NotAwaitingSupplement as error:
        raise UsageError(f"--supplements: {error}") from error
    except CodesExhausted as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()
    print_json(_receipt_json(receipt, photo))
    evaluation = receipt.evaluation
    warn_not_current(evaluation.catalogue_not_current, evaluation.received_on)
    return EXIT_OK


def _photo(
    args: argparse.Namespace, request: DossierRequest, catalogue: Catalogue
) -> AcceptedPhoto | None:
    """``--photo``: read, checked, cut and accepted as the window's import and "Use this
    photo" do (``app.photo_input``); each refusal names its option, before anything is stored."""
    if args.photo is None:
        for option, given in (
            ("--photo-confirmed", args.photo_confirmed),
            ("--photo-reason", args.photo_reason is not None),
        ):
            if given:
                raise UsageError(PHOTO_OPTION_ALONE(option=option))
        return None
    reason = text_option(args.photo_reason or "", "--photo-reason")
    procedure = catalogue.procedures.get(request.procedure)
    if procedure is None:
        return None  # an unknown procedure: receive refuses the request before storing it
    from app.photo_input import (
        PhotoNeedsReason,
        PhotoNotConfirmed,
        PhotoRefused,
        accepted_from_file,
    )
    from camera.images import ImageReadError

    try:
        return accepted_from_file(
            args.photo, procedure, confirmed=args.photo_confirmed, reason=reason
        )
    except PhotoNeedsReason as error:
        raise UsageError(f"--photo-reason: {error}") from error
    except PhotoNotConfirmed as error:
        raise UsageError(f"--photo-confirmed: {error}") from error
    except (ImageReadError, PhotoRefused) as error:  # the file, or no photo in it
        raise UsageError(f"--photo: {error}") from error


def run_reappoint(args: argparse.Namespace) -> int:
    reason = text_option(args.reason, "--reason")
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    hours, rule = office_hours_and_rule(settings)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        decision = reappoint_dossier(
            store,
            args.code.strip().upper(),
            extra_working_days=args.days,
            reason=reason,
            officer=officer,
            decided_at=_now(),
            timetable=Timetable(reference_for(data_dir).calendar, hours, rule),
        )
    except ReappointmentError as error:
        raise UsageError(f"{args.code.strip()}: {error}") from error
    finally:
        store.close()
    print_json(
        {
            "code": args.code.strip().upper(),
            "previous_due_at": decision.original_due_at.strftime("%Y-%m-%dT%H:%M"),
            "due_at": decision.due.due_at.strftime("%Y-%m-%dT%H:%M"),
            "reason": decision.reason,
            "due_explanation": decision.due.explanation.to_dict(),
        }
    )
    return EXIT_OK


def run_correct(args: argparse.Namespace) -> int:
    one_stdin(args, args.file, "--file")
    reason = _reason(args.reason)
    key = args.code.strip()
    try:
        corrected = parse_request_text(read_request_text(args.file))
    except RequestError as error:
        raise UsageError(request_invalid(args.file, error.problems)) from error
    data_dir = data_dir_from(args)
    store = counter_store(data_dir)
    try:
        officer = signed_in(args, store)
        # The role first: an officer learns nothing of the dossier before being refused.
        require(officer, Permission.CORRECT)
        dossier = look_up(store, key)
        if dossier is None:
            raise NotFound(NO_SUCH_DOSSIER, key=key)
        # Checked again as on the day its latest round was received.
        received = dossier.rounds[-1].record.received_at.date()
        reference = reference_for(data_dir)
        catalogue = catalogue_on(received, args.catalogue_dir, "CODE_OR_ID", reference)
        correction = correct_dossier(store, catalogue, key, corrected, reason, officer, _now())
    except RequestError as error:
        raise UsageError(request_invalid(args.file, error.problems)) from error
    except CorrectionRefused as error:
        if error.message is NO_SUCH_DOSSIER:  # gone since it was looked up
            raise NotFound(NO_SUCH_DOSSIER, **error.values) from error
        raise UsageError(str(error)) from error
    finally:
        store.close()
    print_json(
        {
            "dossier_id": correction.dossier_id,
            "code": correction.code,
            "revision": correction.revision,
            "changed": correction.changed,
        }
    )
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    store = counter_store(data_dir_from(args), writes=False)
    try:
        found = find_dossier(store, args.key)
    finally:
        store.close()
    if found is None:
        raise NotFound(NO_SUCH_DOSSIER, key=args.key.strip())
    print_json(found)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    day = day_option(args.date, "--date") if args.date else _now().date()
    store = counter_store(data_dir_from(args), writes=False)
    try:
        if args.id_number:
            found = dossiers_of_applicant(store, args.id_number)
        else:
            found = dossiers_received_on(store, day)
        latest = latest_changes(store, [dossier.id for dossier in found])
        rows = [summary_json(dossier, latest.get(dossier.id)) for dossier in found]
    finally:
        store.close()
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        status = VOIDED() if row["voided"] else status_label(row["status"])
        print(
            f"{row['received_at']}  {row['code'] or '-':<28}  {status:<20}  "
            f"{row['procedure']:<15}  {row['applicant_name']}"
        )
    return EXIT_OK


def counter_store(
    data_dir: Path, settings: Settings | None = None, *, writes: bool = True
) -> Store:
    """The counter's store, opened the one way (``app.store_ops.open_store``): checked before
    anything is read or numbered. A command that only reads skips the daily backup."""
    return open_store(data_dir, settings or settings_from(data_dir), daily_backup=writes)


def _counter(settings: Settings, officer: Officer) -> Counter:
    try:
        return counter_from_settings(settings, officer)
    except CounterNotConfigured as error:
        raise UsageError(str(error)) from error


def _receipt_json(receipt: Receipt, photo: AcceptedPhoto | None = None) -> dict[str, Any]:
    evaluation = receipt.evaluation
    return {
        "dossier_id": receipt.dossier_id,
        "code": receipt.code,
        "verdict": str(evaluation.verdict),
        "received_at": receipt.received_at.strftime("%Y-%m-%dT%H:%M"),
        "due_at": receipt.due.due_at.strftime("%Y-%m-%dT%H:%M") if receipt.due else None,
        "due_explanation": receipt.due.explanation.to_dict() if receipt.due else None,
        "procedure": evaluation.procedure,
        "catalogue_version": evaluation.catalogue_version,
        "catalogue_not_current": not_current_json(evaluation.catalogue_not_current),
        "fee_vnd": evaluation.fee_vnd if evaluation.verdict is Verdict.ACCEPT else None,
        "missing": [
            {"item": item.item, "name": item.name, "reason": item.reason}
            for item in evaluation.missing
        ],
        "refusals": [
            {"condition": refusal.condition, "reason": refusal.reason}
            for refusal in evaluation.refusals
        ],
        "photo": None if photo is None else _photo_json(photo),
    }


def _photo_json(photo: AcceptedPhoto) -> dict[str, Any]:
    """The photo stored with this round, as a script checks it against the store."""
    cut, original = photo.captured.photo, photo.captured.original
    return {
        "sha256": cut.sha256,
        "width": cut.width,
        "height": cut.height,
        "bytes": len(cut.data),
        "overridden_checks": list(photo.overridden),
        "original": {
            "sha256": original.sha256,
            "media_type": original.media_type,
            "width": original.width,
            "height": original.height,
            "bytes": len(original.data),
        },
    }


def _received_at(at: str | None) -> dt.datetime:
    """``--at``, a time already past (within the clocks' tolerance), else now."""
    now = _now()
    if at is None:
        return now
    received_at = local_minute(at, "--at")
    try:
        return check_receipt_time(received_at, now)
    except ReceiptTimeRefused as error:
        raise UsageError(f"--at: {error}") from error


def _now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)
