"""What a sign-in attempt comes to: the officer signed in, refused, or asked to wait.

Apart from ``app.officers.sign_in`` (which checks the attempt against the store) so that the
sign-in dialog, on screen before the store is open, loads no database code (issue 19).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.failures import PolicyRefusal
from app.i18n import Message
from app.officers.identity import Officer

if TYPE_CHECKING:  # the throttle reads the store's attempts; only its wait is named here
    from app.officers.throttle import Throttle

WAIT = Message(
    "Đã nhập sai nhiều lần: hãy thử lại sau {seconds} giây",
    "Too many failed attempts: try again in {seconds} seconds",
)


class SignInRefused(PolicyRefusal):
    """Wrong login or password, or a disabled account (exit code 7)."""


class SignInWait(PolicyRefusal):
    """Too many failures: the next attempt must wait ``seconds`` (exit code 7)."""

    def __init__(self, throttle: Throttle) -> None:
        super().__init__(WAIT, seconds=throttle.wait_seconds)
        self.seconds = throttle.wait_seconds


@dataclass(frozen=True)
class SignedIn:
    officer: Officer
    must_change: bool  # IT set the password: a new one must be chosen before anything else
