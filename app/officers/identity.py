"""Who is signed in: an officer's login, the name printed on papers, and the role.

The login is what the audit trail records (an id, never personal data); the full
name is what the slips print as the receiving officer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import Message

# Lower-case letters, digits, dot, dash and underscore: a login is an id, typed on
# any keyboard layout, and safe in the trail, a file name and a log line.
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")

# The actor the audit trail records for an action taken before anyone could sign in: a
# counter being set up, whose store has no account yet, or the set-up assistant filling
# options still empty. Never a login (a login starts with a letter or digit).
NOBODY_SIGNED_IN = "-"


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    IT = "it"


ROLE_NAMES: dict[Role, Message] = {
    Role.OFFICER: Message("cán bộ tiếp nhận", "counter officer"),
    Role.SUPERVISOR: Message("cán bộ giám sát", "supervisor"),
    Role.IT: Message("cán bộ IT", "IT staff"),
}


@dataclass(frozen=True)
class Officer:
    """A signed-in person (or one whose account is listed)."""

    login: str
    full_name: str
    role: Role

    @property
    def role_name(self) -> Message:
        return ROLE_NAMES[self.role]


def is_login(text: str) -> bool:
    return LOGIN_PATTERN.fullmatch(text) is not None
