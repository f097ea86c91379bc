"""UUIDv7 keys: globally unique across counters, and ordered by creation time.

The central database merges every counter's rows, so keys must never collide,
and time-ordered keys keep its indexes compact. Python gains ``uuid.uuid7`` in
3.14; until the project requires it, this follows RFC 9562 §5.7 directly (48-bit
Unix milliseconds, version and variant bits, 74 random bits) rather than add a
package for ten lines.
"""

from __future__ import annotations

import os
import time
import uuid


def _uuid7_int() -> int:
    milliseconds = time.time_ns() // 1_000_000
    value = (milliseconds & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    return (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant


def uuid7() -> uuid.UUID:
    return uuid.UUID(int=_uuid7_int())


def new_id() -> str:
    """A UUIDv7 as text, 8-4-4-4-12 lower-case hex: ``str(uuid7())`` without building the
    ``UUID`` (a receipt takes sixteen ids; the object was most of their cost)."""
    text = f"{_uuid7_int():032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
