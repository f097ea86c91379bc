"""Face-centred coordinates: every measurement is made in the same levelled frame.

The unit is the distance between the eye centres, the origin is their
midpoint, x runs towards the image's right and y downwards, and the head's
roll is taken out. Regions are then the same for every applicant and every
distance to the camera ("the cheeks are 0.2 to 0.85 eye distances either side
of the nose"), and a patch warped out of the frame is already levelled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from camera.face import Face, Point
from camera.images import Image, as_image

Region = tuple[float, float, float, float]
"""x0, y0, x1, y1 in eye distances."""


@dataclass(frozen=True)
class FaceFrame:
    centre: Point
    eye_distance: float
    roll_degrees: float

    @classmethod
    def of(cls, face: Face) -> FaceFrame:
        return cls(face.eye_midpoint, face.eye_distance, face.roll_degrees)

    def to_image(self, x: float, y: float) -> Point:
        """Frame pixel of a face-frame point."""
        a = math.radians(self.roll_degrees)
        d = self.eye_distance
        return (
            self.centre[0] + d * (x * math.cos(a) - y * math.sin(a)),
            self.centre[1] + d * (x * math.sin(a) + y * math.cos(a)),
        )

    def corners(self, region: Region) -> list[Point]:
        x0, y0, x1, y1 = region
        return [self.to_image(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]

    def _matrix(self, region: Region, px_per_unit: float) -> NDArray[np.float64]:
        """Affine map from frame pixels to the pixels of a patch of ``region``."""
        x0, y0, _, _ = region
        a = math.radians(self.roll_degrees)
        k = px_per_unit / self.eye_distance
        cos, sin = math.cos(a) * k, math.sin(a) * k
        cx, cy = self.centre
        # Rotate by -roll and scale about the eye midpoint, then move the region's corner to 0, 0.
        return np.array(
            [
                [cos, sin, -cos * cx - sin * cy - x0 * px_per_unit],
                [-sin, cos, sin * cx - cos * cy - y0 * px_per_unit],
            ]
        )

    def warp(self, image: Image, region: Region, px_per_unit: float) -> Image:
        """The levelled patch of ``region``, ``px_per_unit`` pixels per eye distance.

        Outside the frame the edge pixels are repeated; ``valid`` tells them apart.
        """
        x0, y0, x1, y1 = region
        size = (max(1, round((x1 - x0) * px_per_unit)), max(1, round((y1 - y0) * px_per_unit)))
        patch = cv2.warpAffine(
            image,
            self._matrix(region, px_per_unit),
            size,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        return as_image(patch)

    def valid(self, frame_size: tuple[int, int], region: Region, px_per_unit: float) -> Image:
        """255 where the patch of ``region`` lies inside a frame of (width, height), else 0."""
        width, height = frame_size
        x0, y0, x1, y1 = region
        columns = max(1, round((x1 - x0) * px_per_unit))
        rows = max(1, round((y1 - y0) * px_per_unit))
        u, v = np.meshgrid(np.arange(columns) + 0.5, np.arange(rows) + 0.5)
        x, y = x0 + u / px_per_unit, y0 + v / px_per_unit
        a = math.radians(self.roll_degrees)
        d = self.eye_distance
        fx = self.centre[0] + d * (x * math.cos(a) - y * math.sin(a))
        fy = self.centre[1] + d * (x * math.sin(a) + y * math.cos(a))
        inside = (fx >= 0) & (fx < width) & (fy >= 0) & (fy < height)
        return np.where(inside, 255, 0).astype(np.uint8)
