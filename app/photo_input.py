"""The applicant's photo taken from an image file, for ``motcua receive --photo``.

The window imports a file the same way (``ui.photo_panel.PhotoPanel.import_file``): the file
read within bounds (``camera.images.read_image_file``), every check run against the backdrop
the procedure asks for, the 354×472 photo cut by ``camera.capture.capture`` with the file's
own bytes kept as the original, then ``camera.capture.accept`` with the officer's
confirmation and, when a check failed, the reason. The result's ``record()`` is what
``app.reception.receive(photo=...)`` stores with the dossier.

Only a procedure whose ``[photo]`` is taken at the counter (``at_counter``) gets one: the
window shows no photo panel for the others, whose photo is a paper the applicant hands in and
the checklist ticks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.catalogue.model import PhotoBackground, Procedure
from app.i18n import LANGUAGES, Message, Refusal
from camera.analysis import PhotoAnalysis, analyse_photo
from camera.capture import (
    NOT_CONFIRMED,
    OFFICER_CONFIRMS,
    REASON_NEEDED,
    AcceptedPhoto,
    CapturedPhoto,
    PhotoNotAccepted,
    accept,
    capture,
)
from camera.images import EncodedImage, media_type_of, read_image_file

NOT_TAKEN_AT_COUNTER = Message(
    "thủ tục {procedure} không chụp ảnh tại quầy: ảnh thẻ là giấy tờ người nộp mang đến,"
    " đánh dấu trong danh mục hồ sơ",
    "procedure {procedure} takes no photo at the counter: the photo is a paper the applicant"
    " hands in, ticked in the checklist",
)
NO_PHOTO_CUT = Message(
    "{path}: không cắt được ảnh thẻ từ ảnh này:\n{checks}",
    "{path}: no photo can be cut from this image:\n{checks}",
)
FAILED_WITHOUT_REASON = Message("{path}: {needed}\n{checks}", "{path}: {needed}\n{checks}")
CONFIRMATION_MISSING = Message("{needed} ({confirms})", "{needed} ({confirms})")
# The line the window's check list shows for a failed check (ui.photo_panel: "✗ Title: sentence").
FAILED_CHECK_LINE = Message("  ✗ {title}: {message}", "  ✗ {title}: {message}")


class PhotoRefused(Refusal):
    """The image gives no photo the dossier may keep; the message says why."""


class NoPhotoAtCounter(PhotoRefused):
    """The procedure's photo is handed in, not taken at the counter."""


class PhotoUnusable(PhotoRefused):
    """No photo can be cut: the image has no face, or more than one (the failed check named)."""


class PhotoNeedsReason(PhotoRefused):
    """A check failed and no reason to use the photo anyway was given (each check named)."""


class PhotoNotConfirmed(PhotoRefused):
    """The officer has not confirmed what the program cannot check."""


def counter_background(procedure: Procedure) -> PhotoBackground:
    """The backdrop the procedure's photo taken at the counter must have; ``NoPhotoAtCounter``
    when the procedure takes none there."""
    if procedure.photo is None or not procedure.photo.at_counter:
        raise NoPhotoAtCounter(NOT_TAKEN_AT_COUNTER, procedure=procedure.id)
    return procedure.photo.background


def failed_checks(analysis: PhotoAnalysis) -> Message:
    """One line per failed check, in the window's words, in both languages."""
    lines = {
        language: "\n".join(
            FAILED_CHECK_LINE.text(language, title=check.title, message=check.message)
            for check in analysis.failed
        )
        for language in LANGUAGES
    }
    return Message(lines["vi"], lines["en"])


def captured_from_file(
    path: Path, background: PhotoBackground, *, now: dt.datetime | None = None
) -> CapturedPhoto:
    """The file read within bounds (``ImageReadError`` naming it), checked against
    ``background`` and cut to 354×472, its own bytes kept as the original; ``PhotoUnusable``
    when there is not exactly one face, as the window's import refuses to capture then."""
    data, frame = read_image_file(path)
    analysis = analyse_photo(frame, background)
    if analysis.photo is None:
        raise PhotoUnusable(NO_PHOTO_CUT, path=path, checks=failed_checks(analysis))
    height, width = frame.shape[:2]
    original = EncodedImage.of(data, width, height, media_type_of(data))
    return capture(frame, analysis, original=original, now=now)


def accepted_from_file(
    path: Path,
    procedure: Procedure,
    *,
    confirmed: bool,
    reason: str = "",
    now: dt.datetime | None = None,
) -> AcceptedPhoto:
    """The photo of ``path`` as the dossier of ``procedure`` keeps it, decided as the window's
    "Use this photo" decides: refused (a ``PhotoRefused`` or ``ImageReadError``) before
    anything is stored."""
    captured = captured_from_file(path, counter_background(procedure), now=now)
    try:
        return accept(captured, officer_confirmed=confirmed, reason=reason)
    except PhotoNotAccepted as refusal:
        if refusal.message is REASON_NEEDED:
            checks = failed_checks(captured.analysis)
            raise PhotoNeedsReason(
                FAILED_WITHOUT_REASON, path=path, needed=REASON_NEEDED, checks=checks
            ) from refusal
        raise PhotoNotConfirmed(
            CONFIRMATION_MISSING, needed=NOT_CONFIRMED, confirms=OFFICER_CONFIRMS
        ) from refusal
