"""Images as the camera package passes them around, read from and written to bytes.

A frame is an OpenCV BGR array (height × width × 3, uint8). Files are read
through ``numpy.fromfile`` + ``cv2.imdecode`` rather than ``cv2.imread``: the
latter cannot open paths with non-ASCII characters on Windows, and officers
keep scans in folders named in Vietnamese.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import cv2.typing
import numpy as np
from numpy.typing import NDArray

from app.i18n import Message, Refusal

Image = NDArray[np.uint8]
"""A BGR frame (H × W × 3) or a grey image (H × W), 8 bits per channel."""

JPEG_MEDIA_TYPE = "image/jpeg"


def as_image(array: cv2.typing.MatLike) -> Image:
    """An OpenCV result as the 8-bit image it is (the stubs type every result as any number)."""
    if array.dtype != np.uint8:
        raise TypeError(f"expected an 8-bit image, got {array.dtype}")
    return np.asarray(array, dtype=np.uint8)


NOT_AN_IMAGE = Message(
    "không phải ảnh mà chương trình đọc được (JPEG, PNG, BMP hoặc TIFF)",
    "not an image this program can read (JPEG, PNG, BMP or TIFF)",
)
FILE_NOT_AN_IMAGE = Message(
    "{path}: không phải ảnh mà chương trình đọc được (JPEG, PNG, BMP hoặc TIFF)",
    "{path}: not an image this program can read (JPEG, PNG, BMP or TIFF)",
)
NO_SUCH_FILE = Message("{path}: không có tệp này", "{path}: no such file")
CANNOT_READ = Message("{path}: không đọc được tệp ({reason})", "{path}: cannot be read ({reason})")


class ImageReadError(Refusal, ValueError):
    """The file is missing, unreadable or not an image OpenCV can decode."""


@dataclass(frozen=True)
class EncodedImage:
    """Image bytes as they are stored with the dossier, with their SHA-256."""

    data: bytes
    sha256: str
    width: int
    height: int
    media_type: str = JPEG_MEDIA_TYPE

    @classmethod
    def of(cls, data: bytes, width: int, height: int, media_type: str) -> EncodedImage:
        return cls(data, hashlib.sha256(data).hexdigest(), width, height, media_type)


def decode_image(data: bytes) -> Image:
    """BGR pixels of an encoded image (JPEG, PNG, BMP, TIFF, …); grey and alpha become BGR."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    image = cv2.imdecode(buffer, cv2.IMREAD_COLOR) if buffer.size else None
    if image is None:
        raise ImageReadError(NOT_AN_IMAGE)
    return as_image(image)


def read_image_file(path: Path) -> tuple[bytes, Image]:
    """The file's bytes (kept as the original) and its pixels."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ImageReadError(NO_SUCH_FILE, path=path) from error
    except OSError as error:
        raise ImageReadError(CANNOT_READ, path=path, reason=error.strerror) from error
    try:
        return data, decode_image(data)
    except ImageReadError as error:
        raise ImageReadError(FILE_NOT_AN_IMAGE, path=path) from error


def encode_jpeg(image: Image, quality: int) -> EncodedImage:
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # only for an empty or malformed array: a programming error
        raise ValueError("OpenCV could not encode the image as JPEG")
    height, width = image.shape[:2]
    return EncodedImage.of(buffer.tobytes(), width, height, JPEG_MEDIA_TYPE)


def media_type_of(data: bytes) -> str:
    """The media type of an imported file, from its first bytes (for storing it as received)."""
    signatures = {
        b"\xff\xd8\xff": "image/jpeg",
        b"\x89PNG\r\n\x1a\n": "image/png",
        b"BM": "image/bmp",
        b"II*\x00": "image/tiff",
        b"MM\x00*": "image/tiff",
    }
    for signature, media_type in signatures.items():
        if data.startswith(signature):
            return media_type
    return "application/octet-stream"
