"""Officers' passwords: hashed with argon2id, and the one rule a new password must meet.

The hash is argon2-cffi's, with RFC 9106's second recommended profile (argon2id,
64 MiB, 3 passes, 4 lanes): above the minimum OWASP's Password Storage Cheat Sheet
gives for argon2id (19 MiB, 2 passes, 1 lane), which ASVS 5.0 (V11.4.2) refers to.
The library draws the salt and compares in constant time; the stored string (PHC
format) names its own parameters, so a hash made with other ones still verifies.

A new password has no composition rule (NIST SP 800-63B §3.1.1.2, ASVS 5.0 V6.2):
only a minimum length (a setting), a maximum that bounds the hashing work, and it
must not be one of the common passwords attackers try first, nor the login itself.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from app.i18n import Message, Refusal

MAX_LENGTH = 128  # characters; a longer text is refused before any hashing work
COMMON_PASSWORDS_FILE = "common_passwords.txt"

_hasher = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)

TOO_SHORT = Message(
    "Mật khẩu: cần ít nhất {minimum} ký tự (cụm từ dễ nhớ cũng được)",
    "Password: at least {minimum} characters are needed (an easy-to-remember phrase will do)",
)
TOO_LONG = Message("Mật khẩu: tối đa {maximum} ký tự", "Password: at most {maximum} characters")
TOO_COMMON = Message(
    "Mật khẩu: đây là mật khẩu phổ biến mà kẻ gian thử đầu tiên; hãy chọn mật khẩu khác",
    "Password: this is a common password attackers try first; choose another one",
)
SAME_AS_LOGIN = Message(
    "Mật khẩu: không được giống tên đăng nhập", "Password: it must not be the login"
)
NOT_REPEATED = Message(
    "Nhập lại mật khẩu: không khớp với mật khẩu mới", "Repeat the password: it does not match"
)


class PasswordRefused(Refusal):
    """A new password does not meet the rule; the message says what is expected."""


def hash_password(password: str) -> str:
    """The argon2id hash to store (PHC string); the password itself is never stored."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_new_password(password: str, login: str, minimum: int) -> None:
    """``PasswordRefused`` unless ``password`` may be chosen by the officer ``login``."""
    if len(password) < minimum:
        raise PasswordRefused(TOO_SHORT, minimum=minimum)
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(TOO_LONG, maximum=MAX_LENGTH)
    if password.casefold() == login.casefold():
        raise PasswordRefused(SAME_AS_LOGIN)
    if password.casefold() in common_passwords():
        raise PasswordRefused(TOO_COMMON)


def check_repeated(password: str, repeated: str) -> None:
    if password != repeated:
        raise PasswordRefused(NOT_REPEATED)


@cache
def common_passwords() -> frozenset[str]:
    """The list shipped beside this module (its header says where it comes from)."""
    text = resources.files(__package__).joinpath(COMMON_PASSWORDS_FILE).read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line and not line.startswith("#")
    )
