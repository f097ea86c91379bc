"""``motcua idcard parse|scan``: the citizen-ID card's QR text, typed or read from an image."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.inputs import STDIN, TOO_LARGE, read_text
from app.cli.output import EXIT_OK, UsageError, print_json
from app.i18n import Message
from app.idcard import (
    SEX_WORDS,
    IdCardReading,
    PayloadError,
    applicant_from_card,
    parse_payload,
)

# A card's QR text is about 150 characters; a scanner typing more is typing something else.
MAX_PAYLOAD_BYTES = 4096


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("idcard", help="read a citizen-ID card's QR code")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    parse = actions.add_parser("parse", help="parse the QR text (as a handheld scanner types it)")
    parse.add_argument("payload", metavar="PAYLOAD", help="the QR text; - reads it from stdin")
    parse.add_argument("--json", action="store_true", help="print JSON")
    parse.set_defaults(run=run_parse)
    scan = actions.add_parser("scan", help="find the QR code in an image and parse it")
    scan.add_argument("image", type=Path, metavar="IMAGE")
    scan.add_argument("--json", action="store_true", help="print JSON")
    scan.set_defaults(run=run_scan)


def run_parse(args: argparse.Namespace) -> int:
    payload = read_text(Path(STDIN), MAX_PAYLOAD_BYTES) if args.payload == STDIN else args.payload
    if len(payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise UsageError(TOO_LARGE(path="PAYLOAD", limit=MAX_PAYLOAD_BYTES // 1024))
    _print(_parse(payload, "PAYLOAD"), args.json)
    return EXIT_OK


def run_scan(args: argparse.Namespace) -> int:
    # OpenCV and zxing are imported here, not at the top: `motcua --help` must stay quick.
    from camera.images import ImageReadError, read_image_file
    from camera.qr import read_qr_codes

    try:
        _, frame = read_image_file(args.image)
    except ImageReadError as error:
        raise UsageError(str(error)) from error
    texts = read_qr_codes(frame).texts
    if not texts:
        raise UsageError(NO_QR(image=args.image))
    errors: list[str] = []
    for text in texts:
        try:
            reading = parse_payload(text, dt.date.today())
        except PayloadError as error:
            errors.append(str(error))
            continue
        _print(reading, args.json)
        return EXIT_OK
    raise UsageError(NO_CARD_QR(image=args.image, errors="; ".join(errors)))


NO_QR = Message("{image}: không thấy mã QR nào", "{image}: no QR code found")
NO_CARD_QR = Message(
    "{image}: không có mã QR của thẻ căn cước: {errors}", "{image}: no citizen-ID QR code: {errors}"
)
ID_NUMBER = Message("Số định danh", "ID number")
OLD_ID_NUMBER = Message("Số CMND cũ", "Old ID number")
FULL_NAME = Message("Họ và tên", "Full name")
BORN = Message("Ngày sinh", "Date of birth")
SEX = Message("Giới tính", "Sex")
RESIDENCE = Message("Nơi thường trú", "Permanent residence")
ISSUED = Message("Ngày cấp", "Issue date")
WARNING = Message("Cảnh báo", "Warning")


def _parse(payload: str, where: str) -> IdCardReading:
    try:
        return parse_payload(payload, dt.date.today())
    except PayloadError as error:
        raise UsageError(f"{where}: {error}") from error


def _print(reading: IdCardReading, as_json: bool) -> None:
    applicant = applicant_from_card(reading.card)
    if as_json:
        print_json(
            {
                **reading.model_dump(mode="json"),
                "applicant": applicant.model_dump(mode="json", exclude_defaults=True),
            }
        )
        return
    card = reading.card
    print(f"{ID_NUMBER()}: {card.id_number}")
    if card.old_id_number:
        print(f"{OLD_ID_NUMBER()}: {card.old_id_number}")
    print(f"{FULL_NAME()}: {card.full_name}")
    print(f"{BORN()}: {card.date_of_birth:%d/%m/%Y}")
    print(f"{SEX()}: {SEX_WORDS[card.sex]()}")
    print(f"{RESIDENCE()}: {card.residence_address}")
    print(f"{ISSUED()}: {card.issue_date:%d/%m/%Y}")
    for warning in reading.warnings:
        print(f"{WARNING()}: {warning.text()}")
