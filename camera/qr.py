"""QR codes in camera frames and images, read with zxing-cpp.

The citizen-ID card's QR carries UTF-8 text without an ECI marker, so the raw
bytes are decoded as UTF-8 here rather than trusting the reader's charset
guess, which can take Vietnamese for Latin-1 ("Nguyá»n").
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import zxingcpp

from camera.images import Image, as_image

# A card held at arm's length gives modules of 2–3 px, too small for the
# reader's sampling; a frame with nothing found is read again enlarged twice
# (a few milliseconds), which recovers them. Larger frames are left alone.
RETRY_ENLARGED_UP_TO = 1920


@dataclass(frozen=True)
class QrScan:
    """The texts of the QR codes found in one frame (often none)."""

    texts: tuple[str, ...]


def read_qr_codes(frame: Image) -> QrScan:
    grey = frame if frame.ndim == 2 else as_image(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    texts = _read(grey)
    if not texts and max(grey.shape[:2]) <= RETRY_ENLARGED_UP_TO:
        texts = _read(as_image(cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)))
    return QrScan(texts)


def _read(grey: Image) -> tuple[str, ...]:
    # Made per call: a module-level zxing object outlives the interpreter's cleanup.
    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(grey, formats=formats)
    return tuple(_text(barcode) for barcode in found if barcode.valid)


def _text(barcode: zxingcpp.Barcode) -> str:
    try:
        return barcode.bytes.decode("utf-8")
    except UnicodeDecodeError:
        return barcode.text
