"""From analysed frames to the photo kept with the dossier.

The live checks feed ``PhotoAnalyser``, which remembers the last few frames;
"Capture" takes the sharpest of them that passed every hard check. The officer
then confirms what the program cannot see and, for a failed check, gives a
reason. What is stored: the 354×472 JPEG and the original frame (as JPEG from a
camera, the file as it was from an import), each with its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

from app.catalogue.model import PhotoBackground
from camera.analysis import PhotoAnalysis, analyse_photo
from camera.checks import Status
from camera.face import FaceFinder
from camera.images import EncodedImage, Image, encode_jpeg
from camera.messages import Message

PHOTO_JPEG_QUALITY = 95
ORIGINAL_JPEG_QUALITY = 95
RECENT_FRAMES = 8  # about two-thirds of a second of live checks


@dataclass(frozen=True)
class AnalysedFrame:
    frame: Image
    analysis: PhotoAnalysis


class PhotoAnalyser:
    """The live analyser for photos: checks a frame, and keeps the last few for the capture."""

    def __init__(self, background: PhotoBackground, keep: int = RECENT_FRAMES) -> None:
        self.background = background
        self._recent: deque[AnalysedFrame] = deque(maxlen=keep)
        self._lock = threading.Lock()
        # Consecutive frames show the same face in nearly the same place: searching
        # near it costs a fraction of searching the whole frame.
        self._finder = FaceFinder()

    def __call__(self, frame: Image) -> PhotoAnalysis:
        analysis = analyse_photo(frame, self.background, self._finder)
        with self._lock:
            self._recent.append(AnalysedFrame(frame, analysis))
        return analysis

    def best(self) -> AnalysedFrame | None:
        """The sharpest recent frame that passed; failing that the newest with one face
        (its failed checks can then be overridden); None when no face was seen."""
        with self._lock:
            recent = list(self._recent)
        passed = [item for item in recent if item.analysis.passed]
        if passed:
            return max(passed, key=lambda item: item.analysis.sharpness)
        with_face = [item for item in recent if item.analysis.photo is not None]
        return with_face[-1] if with_face else None

    def clear(self) -> None:
        with self._lock:
            self._recent.clear()
        self._finder.forget()


Source = Literal["camera", "file"]


@dataclass(frozen=True)
class CapturedPhoto:
    photo: EncodedImage
    original: EncodedImage
    analysis: PhotoAnalysis
    source: Source
    captured_at: dt.datetime


def capture(
    frame: Image,
    analysis: PhotoAnalysis,
    *,
    original: EncodedImage | None = None,
    now: dt.datetime | None = None,
) -> CapturedPhoto:
    """Encode the crop and the original. ``original``: the imported file's own bytes."""
    if analysis.photo is None:
        raise ValueError("no photo can be cut from a frame without exactly one face")
    return CapturedPhoto(
        photo=encode_jpeg(analysis.photo, PHOTO_JPEG_QUALITY),
        original=original or encode_jpeg(frame, ORIGINAL_JPEG_QUALITY),
        analysis=analysis,
        source="camera" if original is None else "file",
        captured_at=now or dt.datetime.now().astimezone(),
    )


OFFICER_CONFIRMS = Message(
    "Đã xem: mắt mở, nét mặt tự nhiên, không lóa, không đội mũ hay khăn.",
    "Checked: eyes open, neutral expression, no glare, no hat or head cover.",
)
NOT_CONFIRMED = Message(
    "Cán bộ cần xác nhận những điểm máy không tự kiểm tra được.",
    "The officer must confirm what the program cannot check.",
)
REASON_NEEDED = Message(
    "Ảnh chưa đạt; ghi lý do nếu vẫn dùng ảnh này.",
    "The photo failed a check; give a reason to use it anyway.",
)


class PhotoNotAccepted(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True)
class AcceptedPhoto:
    """What is stored with the dossier (see ``record``)."""

    captured: CapturedPhoto
    override_reason: str
    overridden: tuple[str, ...]
    """Ids of the checks that failed and were overridden."""

    def record(self) -> dict[str, Any]:
        """The row for the dossier's photo table: bytes, hashes and the checks as they were."""
        photo, original, analysis = (
            self.captured.photo,
            self.captured.original,
            self.captured.analysis,
        )
        return {
            "photo_jpeg": photo.data,
            "photo_sha256": photo.sha256,
            "original": original.data,
            "original_media_type": original.media_type,
            "original_sha256": original.sha256,
            "original_width": original.width,
            "original_height": original.height,
            "source": self.captured.source,
            "background": str(analysis.background),
            "checks": [
                {"id": str(c.id), "status": str(c.status), "value": c.value}
                for c in analysis.checks
            ],
            "officer_confirmed": True,
            "override_reason": self.override_reason or None,
            "overridden_checks": list(self.overridden),
            "captured_at": self.captured.captured_at.isoformat(),
        }


def accept(captured: CapturedPhoto, *, officer_confirmed: bool, reason: str = "") -> AcceptedPhoto:
    """The officer's decision; refused without the confirmation, or a reason for a failure."""
    if not officer_confirmed:
        raise PhotoNotAccepted(NOT_CONFIRMED)
    failed = tuple(str(c.id) for c in captured.analysis.checks if c.status is Status.FAIL)
    reason = " ".join(reason.split())
    if failed and not reason:
        raise PhotoNotAccepted(REASON_NEEDED)
    return AcceptedPhoto(captured, reason if failed else "", failed)
