"""What the card's photo file must be: a 354×472 baseline sRGB JPEG that carries no metadata.

The rule is about every segment of the file (no EXIF, no XMP, no comment, no colour
profile but sRGB, no thumbnail), so the file's markers are read here, segment by segment,
rather than through an image library: Pillow gathers the EXIF, the ICC profile and the
comment it knows into ``Image.info`` and silently skips every other application segment,
and tells "progressive" but not which frame type the file declares. The markers are
plain (ITU-T T.81 annex B): a marker, a length, the segment; after a scan's header, its
entropy-coded data, in which a 0xFF byte is followed by 0x00 (a stuffed byte) or a
restart marker. Pillow is used for what a parser of markers cannot say: whether the
image data decodes (``load``), and what an embedded ICC profile is (``ImageCms``).

A JFIF APP0 segment is allowed: it only says the pixels are YCbCr at a density (OpenCV,
which encodes the counter's crop, writes one). An ICC profile is allowed when it is
sRGB, the colour space the card's photo must be in anyway.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, UnidentifiedImageError

from app.i18n import Message

CARD_PHOTO_WIDTH = 354  # 3 × 4 cm at 300 dpi (card-data.md §6)
CARD_PHOTO_HEIGHT = 472

_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
_BASELINE = 0xC0  # SOF0: baseline DCT, Huffman coding
# Start-of-frame markers: C0–CF but DHT (C4), JPG (C8) and DAC (CC).
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_APP0, _APP1, _APP2, _APP15 = 0xE0, 0xE1, 0xE2, 0xEF
_COMMENT = 0xFE
_RESTARTS = frozenset(range(0xD0, 0xD8))
_STANDALONE = _RESTARTS | {0x01, _SOI, _EOI}
_JFIF = b"JFIF\x00"
_EXIF = b"Exif\x00"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_ICC = b"ICC_PROFILE\x00"

NOT_A_JPEG = Message("không phải tệp JPEG", "is not a JPEG file")
PNG_NOT_JPEG = Message("là tệp PNG, không phải JPEG", "is a PNG file, not a JPEG")
DAMAGED = Message(
    "tệp JPEG hỏng, không đọc được ({detail})", "is a damaged JPEG that cannot be read ({detail})"
)
NOT_BASELINE = Message(
    "phải là JPEG baseline (tệp là JPEG progressive hoặc kiểu khác)",
    "must be a baseline JPEG (the file is progressive or of another kind)",
)
NOT_COLOUR = Message(
    "phải là ảnh màu 8 bit 3 kênh (YCbCr); tệp có {components} kênh, {bits} bit",
    "must be an 8-bit colour image of 3 channels (YCbCr); the file has {components}"
    " channels of {bits} bits",
)
WRONG_SIZE = Message(
    "phải có kích thước {width}×{height} điểm ảnh; ảnh là {found_width}×{found_height}",
    "must be {width}×{height} pixels; the image is {found_width}×{found_height}",
)
HAS_EXIF = Message(
    "có dữ liệu EXIF; ảnh phải không có siêu dữ liệu",
    "carries EXIF metadata; the photo must carry no metadata",
)
HAS_XMP = Message(
    "có dữ liệu XMP; ảnh phải không có siêu dữ liệu",
    "carries XMP metadata; the photo must carry no metadata",
)
HAS_COMMENT = Message(
    "có đoạn chú thích (COM); ảnh phải không có siêu dữ liệu",
    "carries a comment (COM segment); the photo must carry no metadata",
)
HAS_OTHER_SEGMENT = Message(
    "có đoạn dữ liệu APP{number}; ảnh phải không có siêu dữ liệu",
    "carries an APP{number} segment; the photo must carry no metadata",
)
NOT_SRGB = Message(
    "có hồ sơ màu ICC không phải sRGB ({profile})",
    "carries an ICC colour profile that is not sRGB ({profile})",
)


@dataclass(frozen=True)
class JpegLayout:
    """What a JPEG file's markers say: its frame and its segments before the image data."""

    frame_marker: int | None  # SOF0 … SOF15; None: no frame header
    width: int
    height: int
    components: int
    bits: int
    # (marker, payload) of every APPn and COM segment, wherever in the file.
    segments: tuple[tuple[int, bytes], ...]


class DamagedJpeg(ValueError):
    """The markers cannot be followed: the file is cut or not a JPEG past its start."""


def photo_problems(data: bytes) -> list[tuple[Message, dict[str, object]]]:
    """Every way ``data`` is not the card's photo, each a message and its values."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return [(PNG_NOT_JPEG, {})]
    if not data.startswith(b"\xff\xd8\xff"):
        return [(NOT_A_JPEG, {})]
    try:
        layout = read_layout(data)
    except DamagedJpeg as error:
        return [(DAMAGED, {"detail": str(error)})]
    problems = _frame_problems(layout) + _metadata_problems(layout)
    if not problems:
        problems += _decoding_problems(data)
    return problems


def read_layout(data: bytes) -> JpegLayout:
    """The frame header and the APPn/COM segments of a JPEG; ``DamagedJpeg`` when the
    markers cannot be followed to the end-of-image marker."""
    frame: tuple[int, int, int, int, int] | None = None
    segments: list[tuple[int, bytes]] = []
    position = 2  # after SOI
    while True:
        marker, position = _next_marker(data, position)
        if marker == _EOI:
            break
        if marker in _STANDALONE:
            continue
        payload, position = _segment(data, position)
        if marker in _FRAMES and frame is None:
            frame = _frame_header(marker, payload)
        elif _APP0 <= marker <= _APP15 or marker == _COMMENT:
            segments.append((marker, payload))
        if marker == _SOS:
            position = _end_of_scan(data, position)
    if frame is None:
        return JpegLayout(None, 0, 0, 0, 0, tuple(segments))
    marker, height, width, components, bits = frame
    return JpegLayout(marker, width, height, components, bits, tuple(segments))


def _next_marker(data: bytes, position: int) -> tuple[int, int]:
    if position >= len(data) or data[position] != 0xFF:
        raise DamagedJpeg(f"no marker at byte {position}")
    while position < len(data) and data[position] == 0xFF:  # fill bytes may precede a marker
        position += 1
    if position >= len(data):
        raise DamagedJpeg("the file ends inside a marker")
    return data[position], position + 1


def _segment(data: bytes, position: int) -> tuple[bytes, int]:
    if position + 2 > len(data):
        raise DamagedJpeg("the file ends inside a segment's length")
    length = int.from_bytes(data[position : position + 2], "big")
    end = position + length
    if length < 2 or end > len(data):
        raise DamagedJpeg(f"a segment at byte {position} runs past the end of the file")
    return data[position + 2 : end], end


def _frame_header(marker: int, payload: bytes) -> tuple[int, int, int, int, int]:
    if len(payload) < 6:
        raise DamagedJpeg("the frame header is too short")
    bits = payload[0]
    height = int.from_bytes(payload[1:3], "big")
    width = int.from_bytes(payload[3:5], "big")
    return marker, height, width, payload[5], bits


def _end_of_scan(data: bytes, position: int) -> int:
    """Past a scan's entropy-coded data: to the first marker that is not a stuffed byte
    (FF 00) nor a restart (FF D0–D7)."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            raise DamagedJpeg("the image data has no end-of-image marker")
        following = data[found + 1]
        if following == 0x00 or following in _RESTARTS or following == 0xFF:
            position = found + 1 if following == 0xFF else found + 2
            continue
        return found


def _frame_problems(layout: JpegLayout) -> list[tuple[Message, dict[str, object]]]:
    if layout.frame_marker is None:
        return [(DAMAGED, {"detail": "no frame header"})]
    problems: list[tuple[Message, dict[str, object]]] = []
    if layout.frame_marker != _BASELINE:
        problems.append((NOT_BASELINE, {}))
    if layout.components != 3 or layout.bits != 8:
        problems.append((NOT_COLOUR, {"components": layout.components, "bits": layout.bits}))
    if (layout.width, layout.height) != (CARD_PHOTO_WIDTH, CARD_PHOTO_HEIGHT):
        size: dict[str, object] = {
            "width": CARD_PHOTO_WIDTH,
            "height": CARD_PHOTO_HEIGHT,
            "found_width": layout.width,
            "found_height": layout.height,
        }
        problems.append((WRONG_SIZE, size))
    return problems


def _metadata_problems(layout: JpegLayout) -> list[tuple[Message, dict[str, object]]]:
    problems: list[tuple[Message, dict[str, object]]] = []
    icc_chunks: list[bytes] = []
    for marker, payload in layout.segments:
        if marker == _APP0 and payload.startswith(_JFIF):
            continue
        if marker == _APP2 and payload.startswith(_ICC):
            icc_chunks.append(payload)
            continue
        problems.append(_segment_problem(marker, payload))
    if icc_chunks:
        profile = _icc_profile_name(icc_chunks)
        if not profile.startswith("sRGB"):
            problems.append((NOT_SRGB, {"profile": profile}))
    return problems


def _segment_problem(marker: int, payload: bytes) -> tuple[Message, dict[str, object]]:
    if marker == _COMMENT:
        return HAS_COMMENT, {}
    if marker == _APP1 and payload.startswith(_EXIF):
        return HAS_EXIF, {}
    if marker == _APP1 and payload.startswith(_XMP):
        return HAS_XMP, {}
    return HAS_OTHER_SEGMENT, {"number": marker - _APP0}


def _icc_profile_name(chunks: list[bytes]) -> str:
    """How the ICC profile split over APP2 segments (a sequence number and a count after the
    identifier) describes itself: "sRGB IEC61966-2.1" and the like for an sRGB profile.
    A profile that is not RGB is named by its colour space, one that cannot be read "?"."""
    ordered = sorted(chunks, key=lambda chunk: chunk[len(_ICC) : len(_ICC) + 1])
    profile = b"".join(chunk[len(_ICC) + 2 :] for chunk in ordered)
    try:
        opened = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except (OSError, ImageCms.PyCMSError):
        return "?"
    space = str(opened.profile.xcolor_space).strip()
    if space != "RGB":
        return space or "?"
    return str(opened.profile.profile_description or "").strip() or "?"


def _decoding_problems(data: bytes) -> list[tuple[Message, dict[str, object]]]:
    """Whether the image data decodes; the size was checked before, so decoding is bounded."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, UnidentifiedImageError, SyntaxError) as error:
        return [(DAMAGED, {"detail": type(error).__name__})]
    return []
