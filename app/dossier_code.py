"""Dossier codes, ``<agency code>-<YYMMDD>-<NNNN>`` (Circular 01/2018/TT-VPCP art. 19).

NNNN is the agency's daily serial. Counters of one agency work offline, so each
draws its serials from its own block, its offline reserve (docs/dossier-codes.md).
With a central database the centre allocates that block when the counter
registers, clear of every other counter's and of the leases (``db.sync.registration``),
and ``counter_block`` is only what the counter asks for first; a counter with no
central database owns ``counter_block``: counter n of block size s owns
(n-1)·s+1 … n·s. The centre checks every code against the same form
(``motcua.dossier_code`` in the central schema).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_SERIAL = 9999
AGENCY_CODE_PATTERN = r"[0-9A-Z]+(\.[0-9A-Z]+)*"
_CODE = re.compile(rf"^({AGENCY_CODE_PATTERN})-([0-9]{{6}})-([0-9]{{4}})$")  # ASCII: \d takes ٣


@dataclass(frozen=True)
class SerialBlock:
    first: int
    last: int


class BlockOutOfRange(ValueError):
    pass


def counter_block(counter_number: int, block_size: int) -> SerialBlock:
    """The block of serials counter ``counter_number`` owns every day when it has no central
    database (and asks the centre for first when it registers)."""
    first = (counter_number - 1) * block_size + 1
    last = counter_number * block_size
    if counter_number < 1 or block_size < 1 or last > MAX_SERIAL:
        raise BlockOutOfRange(
            f"counter {counter_number} with blocks of {block_size} would need serials up to "
            f"{last}; a daily serial has 4 digits (at most {MAX_SERIAL})"
        )
    return SerialBlock(first, last)


def format_code(agency_code: str, day: dt.date, serial: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{serial:04d}"


def parse_code(code: str) -> tuple[str, dt.date, int] | None:
    """The parts of a well-formed code (as typed or scanned from BM 01), else None."""
    match = _CODE.match(code.strip().upper())
    if match is None:
        return None
    try:
        day = dt.datetime.strptime(match.group(3), "%y%m%d").date()
    except ValueError:
        return None
    return match.group(1), day, int(match.group(4))
