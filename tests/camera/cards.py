"""Citizen-ID QR codes as a camera sees them: generated with segno, turned, blurred, in a frame."""

from __future__ import annotations

import io

import cv2
import numpy as np
import segno

from camera.images import Image, as_image

PAYLOAD = (
    "079190012345|025123456|Nguyễn Thị Hồng Nhung|15081990|Nữ|"
    "123 Nguyễn Trãi, Phường 2, Quận 5, Thành phố Hồ Chí Minh|01062021"
)


def qr_image(payload: str, module_px: int) -> Image:
    """The QR as the card prints it: black modules on white, with the quiet zone."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=module_px, border=4)
    image = cv2.imdecode(np.frombuffer(buffer.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return as_image(image)


def frame_with_card(
    qr: Image, angle: float, blur: float, size: tuple[int, int] = (1280, 720)
) -> Image:
    """A camera frame: a dim counter top, the card's QR turned by ``angle``, blurred by ``blur``."""
    width, height = size
    frame = np.full((height, width), 90, np.uint8)
    rows, columns = qr.shape
    matrix = cv2.getRotationMatrix2D((columns / 2, rows / 2), angle, 1.0)
    matrix[:, 2] += (width / 2 - columns / 2 - 100, height / 2 - rows / 2 + 40)
    card = cv2.warpAffine(qr, matrix, size, flags=cv2.INTER_LINEAR)
    inside = cv2.warpAffine(np.full_like(qr, 255), matrix, size, flags=cv2.INTER_NEAREST) > 0
    frame[inside] = card[inside]
    if blur:
        frame = as_image(cv2.GaussianBlur(frame, (0, 0), blur))
    return as_image(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))
