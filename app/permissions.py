"""What each role may do: the one table the window and the command line both ask.

An operation that only some roles may do calls ``require`` first, before it reads
or writes anything; a refusal says which role may do it and who is signed in, and
ends a command with exit code 7. A supervisor who approves an action at an
officer's counter (by signing in for that action only) lends their role for that
action: ``Authority(actor, approver)``; the record of the action names both.

The table is data, so ``docs/roles.md`` is generated from it (``python -m app.permissions_docs``)
and cannot drift from what the program enforces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.failures import PolicyRefusal
from app.i18n import Message
from app.officers.identity import ROLE_NAMES, Officer, Role


class Permission(StrEnum):
    RECEIVE = "receive"  # receive a dossier or its new round, print its slip
    PRINT = "print"  # print a paper the first time
    REPRINT = "reprint"  # the first reprint of a paper
    REPRINT_AGAIN = "reprint-again"  # any reprint after the first
    HAND_OVER = "hand-over"
    REAPPOINT = "reappoint"
    CORRECT = "correct"
    VOID = "void"
    CLOSE_DAY = "close-day"
    EXPORT_CARDS = "export-cards"  # make a batch of card records, import the operator's answer
    RELEASE_CARD = "release-card"  # let an exported card record be exported again
    REVIEW_REFUSED_SYNC = "review-refused-sync"
    VIEW_TRAIL = "view-trail"
    CHANGE_SETTINGS = "change-settings"
    CONFIGURE_SYNC = "configure-sync"
    MANAGE_OFFICERS = "manage-officers"
    MANAGE_STORE = "manage-store"  # backups, restore, a new store


_OFFICER = frozenset(
    {
        Permission.RECEIVE,
        Permission.PRINT,
        Permission.REPRINT,
        Permission.HAND_OVER,
        Permission.EXPORT_CARDS,
    }
)
_SUPERVISOR = _OFFICER | {
    Permission.REPRINT_AGAIN,
    Permission.REAPPOINT,
    Permission.CORRECT,
    Permission.VOID,
    Permission.CLOSE_DAY,
    Permission.RELEASE_CARD,
    Permission.REVIEW_REFUSED_SYNC,
    Permission.VIEW_TRAIL,
}
# IT staff keep the counter running; they do not receive applicants.
_IT = frozenset(
    {
        Permission.CHANGE_SETTINGS,
        Permission.CONFIGURE_SYNC,
        Permission.MANAGE_OFFICERS,
        Permission.MANAGE_STORE,
        Permission.VIEW_TRAIL,
    }
)
MAY: Mapping[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.IT: _IT,
}

PERMISSION_NAMES: Mapping[Permission, Message] = {
    Permission.RECEIVE: Message("tiếp nhận hồ sơ", "receive a dossier"),
    Permission.PRINT: Message("in phiếu", "print a paper"),
    Permission.REPRINT: Message("in lại phiếu lần đầu", "reprint a paper the first time"),
    Permission.REPRINT_AGAIN: Message(
        "in lại phiếu từ lần thứ hai", "reprint a paper a second time or more"
    ),
    Permission.HAND_OVER: Message("trả kết quả", "hand a result over"),
    Permission.REAPPOINT: Message("hẹn lại ngày trả kết quả", "set a new appointment"),
    Permission.CORRECT: Message("sửa hồ sơ đã lưu", "correct a stored dossier"),
    Permission.VOID: Message("hủy hồ sơ đã lưu", "void a stored dossier"),
    Permission.CLOSE_DAY: Message("chốt ngày", "close the day"),
    Permission.EXPORT_CARDS: Message(
        "xuất lô dữ liệu in thẻ và nhập kết quả phản hồi",
        "export card data batches and import the answers",
    ),
    Permission.RELEASE_CARD: Message(
        "cho xuất lại dữ liệu in thẻ của hồ sơ", "let a dossier's card data be exported again"
    ),
    Permission.REVIEW_REFUSED_SYNC: Message(
        "xem xét thao tác bị trung tâm từ chối", "review operations the centre refused"
    ),
    Permission.VIEW_TRAIL: Message("xem nhật ký thao tác", "view the audit trail"),
    Permission.CHANGE_SETTINGS: Message("thay đổi cài đặt", "change the settings"),
    Permission.CONFIGURE_SYNC: Message(
        "cấu hình kết nối trung tâm", "configure the central connection"
    ),
    Permission.MANAGE_OFFICERS: Message("quản lý tài khoản cán bộ", "manage officer accounts"),
    Permission.MANAGE_STORE: Message(
        "sao lưu, khôi phục hoặc tạo mới kho dữ liệu", "back up, restore or renew the store"
    ),
}

ROLE_REFUSED = Message(
    "chỉ {roles} được {action}; {login} đang đăng nhập với vai trò {role}",
    "only {roles} may {action}; {login} is signed in as {role}",
)
OR = Message(" hoặc ", " or ")


def roles_that_may(permission: Permission) -> list[Role]:
    return [role for role in Role if permission in MAY[role]]


def may(role: Role, permission: Permission) -> bool:
    return permission in MAY[role]


@dataclass(frozen=True)
class Authority:
    """Who acts, and the supervisor who approved this one action at their counter (if any)."""

    actor: Officer
    approver: Officer | None = None

    def allows(self, permission: Permission) -> bool:
        return may(self.actor.role, permission) or (
            self.approver is not None and may(self.approver.role, permission)
        )

    def audit_subject(self) -> dict[str, str]:
        """What the action's record adds: the approver's login (never a name)."""
        return {} if self.approver is None else {"approved_by": self.approver.login}


class RoleRefused(PolicyRefusal):
    """The signed-in role may not do this; the message names the roles that may."""

    def __init__(self, permission: Permission, actor: Officer) -> None:
        super().__init__(
            ROLE_REFUSED,
            roles=_joined(ROLE_NAMES[role] for role in roles_that_may(permission)),
            action=PERMISSION_NAMES[permission],
            login=actor.login,
            role=ROLE_NAMES[actor.role],
        )
        self.permission = permission
        self.actor = actor


def require(who: Officer | Authority, permission: Permission) -> Authority:
    """``who`` as an authority that may do ``permission``; ``RoleRefused`` otherwise."""
    authority = who if isinstance(who, Authority) else Authority(who)
    if not authority.allows(permission):
        raise RoleRefused(permission, authority.actor)
    return authority


def _joined(messages: Iterable[Message]) -> Message:
    """Several messages read as one ("supervisor or IT staff"), in either language."""
    parts = list(messages)
    return Message(OR.vi.join(part.vi for part in parts), OR.en.join(part.en for part in parts))
