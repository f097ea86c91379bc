"""The PostgreSQL roles of one central database, named from one prefix.

Roles are cluster-wide, not per database: a cluster that holds a test and a
production database (or every test of the suite) keeps them apart by giving
each its own prefix. Names are checked against a strict pattern because they
are written into SQL as identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_PREFIX = "motcua"
_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,23}")
_POINT = re.compile(r"[a-z0-9][a-z0-9_]{0,29}")


class RoleNameError(ValueError):
    pass


def check_prefix(prefix: str) -> str:
    if not _PREFIX.fullmatch(prefix):
        raise RoleNameError(
            f"role prefix {prefix!r}: a lowercase letter, then up to 23 lowercase letters, "
            "digits or _"
        )
    return prefix


def check_point_id(point: str) -> str:
    if not _POINT.fullmatch(point):
        raise RoleNameError(
            f"point {point!r}: 1 to 30 lowercase letters, digits or _ (it becomes a role name)"
        )
    return point


@dataclass(frozen=True)
class Roles:
    prefix: str

    def __post_init__(self) -> None:
        check_prefix(self.prefix)

    @property
    def points(self) -> str:
        """Group role holding what every receiving point may do."""
        return f"{self.prefix}_points"

    @property
    def centre(self) -> str:
        """Group role of the central office: reference data and centre-owned columns."""
        return f"{self.prefix}_centre"

    @property
    def watchman(self) -> str:
        """Owner of the function that ends a point's transaction left open too long: it may
        see every session and signal it (``pg_read_all_stats``, ``pg_signal_backend``), and
        nothing else; it never logs in."""
        return f"{self.prefix}_watchman"

    def point(self, point_id: str) -> str:
        """The login role of one receiving point."""
        return f"{self.prefix}_point_{check_point_id(point_id)}"


def quoted(identifier: str) -> str:
    """An identifier for SQL text; only for names checked by this module."""
    return '"' + identifier.replace('"', '""') + '"'
