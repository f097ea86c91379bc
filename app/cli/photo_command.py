"""``motcua photo check|crop``: the photo checks and the 3×4 crop, on an image file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.catalogue.model import PhotoBackground
from app.cli.options import cannot_write, output_file
from app.cli.output import EXIT_OK, UsageError, print_json
from app.files import write_atomically
from app.i18n import Message

_MARKS = {"pass": "✓", "warn": "!", "fail": "✗"}

PASSED = Message("đạt", "passed")
FAILED = Message("chưa đạt", "failed")
NOT_ONE_FACE = Message(
    "{path}: ảnh thẻ cần đúng một khuôn mặt; {found}",
    "{path}: a photo needs exactly one face; {found}",
)
NO_FACE_FOUND = Message("không thấy khuôn mặt nào", "found no face")
FACES_FOUND = Message("thấy {count} khuôn mặt", "found {count} faces")
WARNING = Message("cảnh báo: {title}: {message}", "warning: {title}: {message}")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("photo", help="check an applicant's photo, or cut it to 3×4")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="run every photo check on an image")
    check.add_argument("image", type=Path, metavar="IMAGE")
    _add_background_option(check)
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(run=run_check)
    crop = actions.add_parser("crop", help="cut the 354×472 px (3×4 cm) photo from an image")
    crop.add_argument("image", type=Path, metavar="IMAGE")
    crop.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.jpg")
    _add_background_option(crop)
    crop.set_defaults(run=run_crop)


def _add_background_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--background",
        choices=[b.value for b in PhotoBackground],
        default=PhotoBackground.BLUE.value,
        help="the backdrop the procedure asks for (default: blue; the IDP asks white)",
    )


def _analyse(args: argparse.Namespace) -> Any:
    # OpenCV is imported here, not at the top: `motcua --help` must stay quick.
    from camera.analysis import analyse_photo
    from camera.images import ImageReadError, read_image_file

    try:
        _, frame = read_image_file(args.image)
    except ImageReadError as error:
        raise UsageError(str(error)) from error
    return analyse_photo(frame, PhotoBackground(args.background))


def run_check(args: argparse.Namespace) -> int:
    analysis = _analyse(args)
    if args.json:
        print_json({"image": str(args.image), **analysis.as_dict()})
        return EXIT_OK
    print(f"{args.image}: {PASSED() if analysis.passed else FAILED()}")
    for check in analysis.checks:
        value = "" if check.value is None else f" [{check.value}]"
        print(f"  {_MARKS[check.status]} {check.title()}: {check.message()}{value}")
    return EXIT_OK


def run_crop(args: argparse.Namespace) -> int:
    import sys

    from camera.capture import PHOTO_JPEG_QUALITY
    from camera.images import encode_jpeg

    out = output_file(args, "-o")
    analysis = _analyse(args)
    if analysis.photo is None:
        count = len(analysis.faces)
        found = NO_FACE_FOUND() if count == 0 else FACES_FOUND(count=count)
        raise UsageError(NOT_ONE_FACE(path=args.image, found=found))
    jpeg = encode_jpeg(analysis.photo, PHOTO_JPEG_QUALITY)
    try:
        write_atomically(out, jpeg.data)
    except OSError as error:
        raise cannot_write("-o", out, error) from error
    for check in analysis.failed:
        print(WARNING(title=check.title(), message=check.message()), file=sys.stderr)
    # Data for a script, not a sentence: the same in both languages.
    print(f"{args.output}: {jpeg.width}×{jpeg.height} JPEG, sha256 {jpeg.sha256}")
    return EXIT_OK
