"""Images as the camera package passes them around, read from and written to bytes.

A frame is an OpenCV BGR array (height × width × 3, uint8). Files are read
as bytes and decoded with ``cv2.imdecode`` rather than ``cv2.imread``: the
latter cannot open paths with non-ASCII characters on Windows, and officers
keep scans in folders named in Vietnamese.

Before anything is decoded, the image's size is read from its header and
bounded (``check_image_size``): a PNG of a couple of megabytes can claim
25000×25000 pixels, which OpenCV would decode into gigabytes. OpenCV has no
way to read the size alone; Pillow's ``Image.open`` reads only the header
(it decodes on ``load()``, which is never called here).
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import cv2.typing
import numpy as np
import PIL.Image
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
NO_SUCH_FILE = Message("{path}: không có tệp này", "{path}: no such file")
CANNOT_READ = Message("{path}: không đọc được tệp ({reason})", "{path}: cannot be read ({reason})")
IN_FILE = Message("{path}: {problem}", "{path}: {problem}")

# The largest image decoded: a 50-megapixel phone photo (8160×6120) is the largest an
# officer imports, 150 MB once decoded; a webcam frame is 2 Mpx, a scanned card 3 Mpx.
MAX_IMAGE_SIDE = 12_000
MAX_IMAGE_PIXELS = 50_000_000
# Longer side over shorter: photos and cards are near 4:3; a strip of pixels is no picture,
# and the face search's reduced copy of one would have no width at all.
MAX_ASPECT_RATIO = 10
# A file larger than this is no photo (an uncompressed 50 Mpx BMP is 150 MB).
MAX_IMAGE_FILE_BYTES = 200 * 1024 * 1024

# OpenCV's own bound (read at its first decode), so that a file Pillow reads as one image
# and OpenCV as another still cannot decode into more than ours; IT staff may set it.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_IMAGE_PIXELS))

IMAGE_TOO_LARGE = Message(
    "ảnh quá lớn (tối đa {side} điểm ảnh mỗi cạnh và {megapixels} triệu điểm ảnh);"
    " hãy thu nhỏ ảnh rồi thử lại",
    "the image is too large (at most {side} pixels a side and {megapixels} megapixels);"
    " make it smaller and try again",
)
IMAGE_ODD_SHAPE = Message(
    "ảnh {width}×{height} điểm ảnh có hình dạng bất thường (cạnh dài gấp hơn {ratio} lần cạnh"
    " ngắn); không phải ảnh chụp hay ảnh quét",
    "the image is {width}×{height} pixels, an odd shape (one side more than {ratio} times the"
    " other); not a photo or a scan",
)
FILE_TOO_LARGE = Message(
    "{path}: tệp quá lớn cho một ảnh (tối đa {limit} MB)",
    "{path}: too large for an image (at most {limit} MB)",
)


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
    """BGR pixels of an encoded image (JPEG, PNG, BMP, TIFF, …); grey and alpha become BGR.

    Its size is checked first (``check_image_size``), before a byte is decoded.
    """
    check_image_size(data)
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        image = cv2.imdecode(buffer, cv2.IMREAD_COLOR) if buffer.size else None
    except cv2.error as error:  # its own bound (above), or data it cannot take
        raise ImageReadError(NOT_AN_IMAGE) from error
    if image is None:
        raise ImageReadError(NOT_AN_IMAGE)
    return as_image(image)


def check_image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the image's header, refused (``ImageReadError``) when the image
    is no image, is larger than ``MAX_IMAGE_SIDE``/``MAX_IMAGE_PIXELS`` or an odd shape."""
    try:
        # Pillow warns of an image past its own bound (89 Mpx) and refuses one past twice
        # that: both are past ours. The warning is made an error here to be caught as one.
        with warnings.catch_warnings():
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            with PIL.Image.open(io.BytesIO(data)) as header:
                width, height = header.size
    except (PIL.Image.DecompressionBombError, PIL.Image.DecompressionBombWarning) as error:
        raise _too_large() from error
    except (PIL.UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        # Pillow's plugins raise these for a header they cannot read (SyntaxError: theirs).
        raise ImageReadError(NOT_AN_IMAGE) from error
    check_dimensions(width, height)
    return width, height


def check_dimensions(width: int, height: int) -> None:
    """Refuse (``ImageReadError``) a picture larger than the bounds, or of an odd shape."""
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise _too_large()
    if width < 1 or height < 1 or max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise ImageReadError(IMAGE_ODD_SHAPE, width=width, height=height, ratio=MAX_ASPECT_RATIO)


def _too_large() -> ImageReadError:
    return ImageReadError(
        IMAGE_TOO_LARGE, side=MAX_IMAGE_SIDE, megapixels=MAX_IMAGE_PIXELS // 1_000_000
    )


def read_image_file(path: Path) -> tuple[bytes, Image]:
    """The file's bytes (kept as the original) and its pixels; every refusal names the file."""
    try:
        data = _bounded_read(path)
    except FileNotFoundError as error:
        raise ImageReadError(NO_SUCH_FILE, path=path) from error
    except OSError as error:
        raise ImageReadError(CANNOT_READ, path=path, reason=error.strerror) from error
    try:
        return data, decode_image(data)
    except ImageReadError as error:
        problem = Message(error.text("vi"), error.text("en"))
        raise ImageReadError(IN_FILE, path=path, problem=problem) from error


def _bounded_read(path: Path) -> bytes:
    with path.open("rb") as stream:
        # Its size asked first; then bounded again as read, since a pipe has none to ask.
        if os.fstat(stream.fileno()).st_size <= MAX_IMAGE_FILE_BYTES:
            data = stream.read(MAX_IMAGE_FILE_BYTES + 1)
            if len(data) <= MAX_IMAGE_FILE_BYTES:
                return data
    raise ImageReadError(FILE_TOO_LARGE, path=path, limit=MAX_IMAGE_FILE_BYTES >> 20)


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
