"""After the counter (issue 14): ``motcua forward``, ``results``, ``handover`` and ``overdue``.

    motcua forward [--date DAY] [-o LIST.pdf] --officer LOGIN
    motcua results ready CODE... | -            (not-granted CODE... [--reference N])
    motcua handover CODE --to self|proxy|post [...] [-o PAPER.pdf] --officer LOGIN
    motcua overdue [--at "YYYY-MM-DD HH:MM"] [--json]

``forward`` marks the dossiers still "received" forwarded to the processing unit, all in
one transaction, and writes the hand-over list (Danh sách bàn giao hồ sơ). ``results``
takes the processing unit's results, one code per card, with a running count; a code
that is not one of this point's dossiers (or not forwarded, or voided) is listed and the
others are still marked (exit 2 when any was not). ``handover`` hands a result over to
the applicant, a proxy or the post and writes the hand-over receipt or the Phiếu gửi hồ
sơ. ``overdue`` lists the results due by the end of the next working day and not ready.
Each refusal is the operation's own sentence (``app.dossier_status``): exit 2; an
unknown dossier exit 4; a role that may not exit 7 (docs/exit-codes.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.dossier_commands import counter_store, one_stdin
from app.cli.inputs import STDIN, read_text
from app.cli.options import (
    add_data_dir_option,
    cannot_write,
    data_dir_from,
    day_option,
    local_minute,
    output_file,
    settings_from,
    text_option,
)
from app.cli.output import EXIT_BAD_INPUT, EXIT_OK, UsageError, fail, print_json
from app.cli.print_command import WRONG_SUFFIX
from app.cli.signing import add_sign_in_options, signed_in
from app.dossier_queries import NO_SUCH_DOSSIER, dossier_key, look_up
from app.dossier_status import (
    STATUS_NAMES,
    Collector,
    HandOver,
    Original,
    Postal,
    Proxy,
    ReturnMethod,
    Status,
    StatusRefused,
)
from app.failures import NotFound
from app.files import write_atomically
from app.i18n import Message
from app.late_results import late_results, locate_for_hand_over, result_in
from app.papers.common import PrintRefused, office_of
from app.permissions import Permission, require
from app.reference_data import reference_data_of
from app.settings import Settings, office_hours_and_rule
from app.status_changes import (
    StatusDossierMissing,
    forward,
    hand_over,
    history,
    still_to_forward,
    withdraw,
)
from db.records import StoredDossier

if TYPE_CHECKING:
    from app.papers.returns import HandBackItems

MAX_CODES_BYTES = 1 << 20  # 1 MiB of codes on stdin: some forty thousand codes
_MINUTE = "%Y-%m-%dT%H:%M"

NO_CODES = Message(
    "CODE: cần ít nhất một mã hồ sơ (hoặc - để đọc các mã từ đầu vào chuẩn)",
    "CODE: at least one dossier code is needed (or - to read the codes from standard input)",
)
RESULTS_COUNT = Message(
    "Đã nhận kết quả: {marked} hồ sơ; không nhận: {refused}",
    "Results taken in: {marked}; not taken: {refused}",
)
NOTHING_TO_FORWARD = Message("không có hồ sơ nào cần chuyển", "no dossier to forward")
REQUIRED_FOR = Message(
    "{option}: cần khi chọn --to {method}", "{option}: required with --to {method}"
)
ONLY_FOR = Message("{option}: chỉ dùng với --to {method}", "{option}: only with --to {method}")
REFERENCE_ONLY_NOT_GRANTED = Message(
    "--reference: chỉ dùng với results not-granted (số văn bản trả lời)",
    "--reference: only with results not-granted (the refusal letter's number)",
)
OVERDUE = Message("QUÁ HẠN", "OVERDUE")
DUE_SOON = Message("sắp đến hạn", "due soon")
REAPPOINTED = Message("đã hẹn lại", "re-appointed")
NO_LATE = Message(
    "không có hồ sơ nào sắp đến hạn mà chưa có kết quả",
    "no dossier is due soon without its result",
)

# The options of each way of handing over, by the --to that takes them.
_METHODS = {"self": ReturnMethod.IN_PERSON, "proxy": ReturnMethod.PROXY, "post": ReturnMethod.POST}
_OPTIONS_OF = {
    "self": ("--id-number",),
    "proxy": (
        "--proxy-name",
        "--proxy-id",
        "--authorisation",
        "--authorisation-date",
        "--certified",
    ),
    "post": ("--post-item", "--postal-service", "--address", "--phone", "--recipient"),
}
_REQUIRED = {
    "self": ("--id-number",),
    "proxy": ("--proxy-name", "--proxy-id", "--authorisation"),
    "post": ("--post-item", "--postal-service"),
}


def register(subparsers: Any) -> None:
    forwarding = subparsers.add_parser(
        "forward",
        help="mark the dossiers still received as forwarded to the processing unit, in one"
        " go, and write the hand-over list (Danh sách bàn giao hồ sơ)",
    )
    forwarding.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="only the dossiers received that day (default: every one still to forward)",
    )
    forwarding.add_argument(
        "-o", "--output", type=Path, metavar="LIST.pdf", help="write the hand-over list here"
    )
    add_sign_in_options(forwarding)
    add_data_dir_option(forwarding)
    forwarding.set_defaults(run=run_forward)

    results = subparsers.add_parser(
        "results", help="take in the processing unit's results (nhận kết quả từ phòng chuyên môn)"
    )
    kinds = results.add_subparsers(dest="kind", metavar="ready|not-granted", required=True)
    for kind, text in (
        ("ready", "the results of these dossiers are ready to hand over"),
        ("not-granted", "these dossiers were not granted: the result is a refusal letter"),
    ):
        taking = kinds.add_parser(kind, help=text)
        taking.add_argument(
            "codes", nargs="*", metavar="CODE", help="dossier codes (scanned); - reads stdin"
        )
        taking.add_argument(
            "--reference",
            default="",
            metavar="NUMBER",
            help="not-granted: the refusal letter's number",
        )
        taking.add_argument("--json", action="store_true", help="print JSON")
        add_sign_in_options(taking)
        add_data_dir_option(taking)
        taking.set_defaults(run=run_results, granted=kind == "ready")

    handing = subparsers.add_parser(
        "handover", help="hand a dossier's result over: to the applicant, a proxy or by post"
    )
    handing.add_argument("code", metavar="CODE")
    handing.add_argument("--to", required=True, choices=tuple(_METHODS), help="who receives it")
    handing.add_argument("--id-number", metavar="N", help="self: the applicant's ID number")
    handing.add_argument("--proxy-name", metavar="NAME", help="proxy: the proxy's full name")
    handing.add_argument("--proxy-id", metavar="N", help="proxy: the proxy's ID number")
    handing.add_argument(
        "--authorisation", metavar="TEXT", help="proxy: the authorisation's reference"
    )
    handing.add_argument(
        "--authorisation-date", metavar="YYYY-MM-DD", help="proxy: the day it was signed"
    )
    handing.add_argument(
        "--certified", action="store_true", help="proxy: the authorisation is certified"
    )
    handing.add_argument("--post-item", metavar="N", help="post: the postal item number")
    handing.add_argument("--postal-service", metavar="S", help="post: the postal service")
    handing.add_argument(
        "--address", metavar="TEXT", help="post: the address (default: the dossier's)"
    )
    handing.add_argument("--phone", metavar="N", help="post: the recipient's phone")
    handing.add_argument(
        "--recipient", metavar="NAME", help="post: the recipient (default: the applicant)"
    )
    handing.add_argument("--bm01-lost", metavar="REASON", help="BM 01 is not presented: the reason")
    handing.add_argument(
        "--result", metavar="TEXT", help="what is handed over (default: from the dossier)"
    )
    handing.add_argument(
        "--originals-kept",
        metavar="REASON",
        help="the originals taken in (the old licence) are kept by the agency, for this reason"
        " (default: handed back)",
    )
    handing.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PAPER.pdf",
        help="write the hand-over receipt (or, by post, the Phiếu gửi hồ sơ) here",
    )
    add_sign_in_options(handing)
    add_data_dir_option(handing)
    handing.set_defaults(run=run_handover)

    withdrawing = subparsers.add_parser(
        "withdraw", help="the applicant withdraws a dossier before its result, with the reason"
    )
    withdrawing.add_argument("code", metavar="CODE")
    withdrawing.add_argument("--reason", required=True, help="why, as the applicant said")
    add_sign_in_options(withdrawing)
    add_data_dir_option(withdrawing)
    withdrawing.set_defaults(run=run_withdraw)

    late = subparsers.add_parser(
        "overdue", help="results due by the end of the next working day, or past due, not ready"
    )
    late.add_argument(
        "--at", metavar='"YYYY-MM-DD HH:MM"', help="as of this local time (default: now)"
    )
    late.add_argument("--json", action="store_true", help="print JSON")
    add_data_dir_option(late)
    late.set_defaults(run=run_overdue)


# ----------------------------------------------------------------------------- withdraw

WITHDRAWAL_REASON = Message(
    "--reason: cần ghi lý do người nộp rút hồ sơ",
    "--reason: the reason the applicant withdraws the dossier is required",
)


def run_withdraw(args: argparse.Namespace) -> int:
    """The applicant withdrew the dossier (received or forwarded, no result yet)."""
    reason = text_option(args.reason, "--reason")
    if not reason:
        raise UsageError(WITHDRAWAL_REASON())
    store = counter_store(data_dir_from(args))
    try:
        officer = signed_in(args, store)
        change = withdraw(store, args.code, officer, _now(), reason)
    except StatusDossierMissing as error:
        raise NotFound(error.message, **error.values) from error
    finally:
        store.close()
    print_json(
        {
            "dossier_id": change.dossier_id,
            "status": change.status,
            "withdrawn_at": change.changed_at.strftime(_MINUTE),
        }
    )
    return EXIT_OK


# ------------------------------------------------------------------------------ forward


def run_forward(args: argparse.Namespace) -> int:
    day = day_option(args.date, "--date") if args.date else None
    out = _pdf_output(args)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    if out is not None:
        _office(settings)  # the list must be printable before anything is marked
    hours, _ = office_hours_and_rule(settings)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        require(officer, Permission.RECEIVE)
        now = _now()
        waiting = [
            item
            for item in still_to_forward(store, now, reference_data_of(store).calendar, hours)
            if day is None or item.dossier.received_at.date() == day
        ]
        changes = forward(store, [item.dossier.id for item in waiting], officer, now)
        written = None
        if out is not None and changes:
            from app.papers.returns import handover_list_pdf

            written = _write(out, handover_list_pdf(store, changes, settings))
    except StatusDossierMissing as error:
        raise NotFound(error.message, **error.values) from error
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()
    print_json(
        {
            "forwarded_at": now.strftime(_MINUTE),
            "count": len(changes),
            "dossiers": [
                {
                    "code": item.dossier.code,
                    "dossier_id": item.dossier.id,
                    "received_at": item.dossier.received_at.strftime(_MINUTE),
                    "forward_by": item.forward_by.strftime(_MINUTE),
                    "late": item.late,
                }
                for item in waiting
            ],
            "list": None if written is None else str(written),
            "note": None if changes else NOTHING_TO_FORWARD(),
        }
    )
    return EXIT_OK


# ------------------------------------------------------------------------------ results


def run_results(args: argparse.Namespace) -> int:
    reference = text_option(args.reference, "--reference")
    if reference and args.granted:
        raise UsageError(REFERENCE_ONLY_NOT_GRANTED())
    codes = _codes(args)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    store = counter_store(data_dir, settings)
    marked: list[dict[str, Any]] = []
    refused: list[dict[str, str]] = []
    try:
        officer = signed_in(args, store)
        require(officer, Permission.HAND_OVER)
        for code in codes:
            try:
                change = result_in(
                    store,
                    code,
                    officer,
                    _now(),
                    settings.receiving_point,
                    granted=args.granted,
                    reference=reference,
                )
            except StatusRefused as error:
                refused.append({"code": code, "reason": str(error)})
                if not args.json:
                    fail(args.command, str(error), EXIT_BAD_INPUT)  # each names the code
                continue
            marked.append(
                {"code": code.upper(), "dossier_id": change.dossier_id, "status": change.status}
            )
            if not args.json:
                print(f"{len(marked)}\t{code.upper()}", flush=True)  # the running count
    finally:
        store.close()
    if args.json:
        print_json({"marked": marked, "refused": refused})
    else:
        print(RESULTS_COUNT(marked=len(marked), refused=len(refused)))
    return EXIT_BAD_INPUT if refused else EXIT_OK


def _codes(args: argparse.Namespace) -> list[str]:
    """The codes given, ``-`` standing for those read from stdin (whitespace-separated)."""
    codes: list[str] = []
    for given in args.codes:
        if given.strip() == STDIN:
            one_stdin(args, Path(STDIN), "CODE")
            codes += read_text(Path(STDIN), MAX_CODES_BYTES).split()
        elif given.strip():
            codes.append(given.strip())
    if not codes:
        raise UsageError(NO_CODES())
    return list(dict.fromkeys(codes))  # a card scanned twice is taken once


# ------------------------------------------------------------------------------ handover


def run_handover(args: argparse.Namespace) -> int:
    given = _hand_over_options(args)
    out = _pdf_output(args)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    if out is not None:
        _office(settings)
    store = counter_store(data_dir, settings)
    try:
        officer = signed_in(args, store)
        # The role first: an officer learns nothing of the dossier before being refused.
        require(officer, Permission.HAND_OVER)
        from app.papers.returns import hand_back_items, return_paper_pdf

        key = args.code.strip()
        dossier = look_up(store, key)
        if dossier is None and dossier_key(key).code is not None:
            # Another counter of this point received it: read from the centre.
            dossier = next(iter(locate_for_hand_over(store, key).dossiers), None)
        if dossier is None:
            raise NotFound(NO_SUCH_DOSSIER, key=key)
        items = hand_back_items(dossier, history(store, dossier.id).changes)
        record = _hand_over(args, given, dossier, items)
        change = hand_over(store, key, record, officer, _now(), settings.receiving_point)
        written, kind = None, None
        if out is not None:
            kind, pdf = return_paper_pdf(store, change, settings)
            written = _write(out, pdf)
    except StatusDossierMissing as error:
        raise NotFound(error.message, **error.values) from error
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()
    details = json.loads(change.details_json)
    print_json(
        {
            "dossier_id": change.dossier_id,
            "code": dossier.code,
            "status": change.status,
            "method": details.get("method"),
            "returned_at": change.changed_at.strftime(_MINUTE),
            "receiver": details.get("receiver"),
            "result": details.get("result"),
            "paper": None if written is None else {"kind": kind, "file": str(written)},
        }
    )
    return EXIT_OK


def _hand_over_options(args: argparse.Namespace) -> dict[str, str]:
    """The options of ``--to``, each checked as text to store; another method's refused."""
    wanted = args.to
    for method, options in _OPTIONS_OF.items():
        if method == wanted:
            continue
        for option in options:
            value = getattr(args, option.lstrip("-").replace("-", "_"))
            if value not in (None, False):
                raise UsageError(ONLY_FOR(option=option, method=method))
    texts: dict[str, str] = {}
    for option in (*_OPTIONS_OF[wanted], "--bm01-lost", "--result", "--originals-kept"):
        value = getattr(args, option.lstrip("-").replace("-", "_"))
        if isinstance(value, str):
            texts[option.lstrip("-").replace("-", "_")] = text_option(value, option)
    for option in _REQUIRED[wanted]:
        if not texts.get(option.lstrip("-").replace("-", "_")):
            raise UsageError(REQUIRED_FOR(option=option, method=wanted))
    if texts.get("authorisation_date"):
        day_option(texts["authorisation_date"], "--authorisation-date")
    for name in ("id_number", "bm01_lost", "result", "originals_kept"):
        texts.setdefault(name, "")
    return texts


def _hand_over(
    args: argparse.Namespace, given: dict[str, str], dossier: StoredDossier, items: HandBackItems
) -> HandOver:
    """The hand-over as the options record it; the originals as the dossier took them in."""
    method = _METHODS[args.to]
    collector, proxy, post = None, None, None
    if method is ReturnMethod.IN_PERSON:
        document_type = _id_type(dossier.applicant_json)
        collector = Collector(dossier.applicant_name, given["id_number"], document_type)
    elif method is ReturnMethod.PROXY:
        dated = given.get("authorisation_date", "")
        collector = Collector(given["proxy_name"], given["proxy_id"])
        proxy = Proxy(
            given["authorisation"],
            day_option(dated, "--authorisation-date") if dated else None,
            certified=bool(args.certified),
        )
    else:
        post = Postal(
            service=given["postal_service"],
            item_number=given["post_item"],
            recipient=given.get("recipient") or dossier.applicant_name,
            address=given.get("address") or dossier.delivery_address,
            phone=given.get("phone", ""),
        )
    return HandOver(
        method,
        collector,
        proxy,
        post,
        result=given["result"] or items.result,
        bm01_presented=not given["bm01_lost"],
        bm01_lost_reason=given["bm01_lost"],
        originals=tuple(
            Original(o.document, handed_back=False, kept_reason=given["originals_kept"])
            if given["originals_kept"]
            else o
            for o in items.originals
        ),
    )


def _id_type(applicant_json: str) -> str:
    document = json.loads(applicant_json).get("identity_document") or {}
    return str(document.get("type") or "cccd")


# ------------------------------------------------------------------------------ overdue


def run_overdue(args: argparse.Namespace) -> int:
    now = local_minute(args.at, "--at") if args.at else _now()
    store = counter_store(data_dir_from(args), writes=False)
    try:
        found = late_results(store, now, reference_data_of(store).calendar)
    finally:
        store.close()
    rows = [
        {
            "code": late.dossier.code,
            "dossier_id": late.dossier.id,
            "status": str(late.status),
            "due_at": late.due_at.strftime(_MINUTE),
            "overdue": late.overdue,
            "reappointed": late.dossier.reappointment is not None,
            "procedure": late.dossier.procedure_id,
            "applicant_name": late.dossier.applicant_name,
        }
        for late in found
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print(NO_LATE())
    for late, row in zip(found, rows, strict=True):
        when = OVERDUE() if late.overdue else DUE_SOON()
        moved = f"  ({REAPPOINTED()})" if row["reappointed"] else ""
        print(
            f"{late.due_at:%H:%M %d/%m/%Y}  {row['code']:<28}  {when:<14}  "
            f"{STATUS_NAMES[Status(late.status)]():<18}  {row['applicant_name']}{moved}"
        )
    return EXIT_OK


# ------------------------------------------------------------------------------ shared


def _pdf_output(args: argparse.Namespace) -> Path | None:
    """``-o``: a PDF file to write, refused before any work when it cannot be one."""
    if args.output is None:
        return None
    out = output_file(args, "-o")
    if out.suffix.lower() != ".pdf":
        raise UsageError(WRONG_SUFFIX(suffixes=".pdf", path=out))
    return out


def _office(settings: Settings) -> None:
    try:
        office_of(settings)
    except PrintRefused as error:
        raise UsageError(str(error)) from error


def _write(out: Path, pdf: bytes) -> Path:
    try:
        return write_atomically(out, pdf)
    except OSError as error:
        raise cannot_write("-o", out, error) from error


def _now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)
