"""Reading a password for a command: from a file, standard input, or a prompt.

Never from an argument's value, which every user of the PC can read in the process
list. ``-`` means a prompt (not echoed) when standard input is a console, else the
next line of standard input: a command that needs two passwords (an IT officer's
and a new account's) reads them as two lines, in the order the command asks.
A new password typed at a prompt is asked twice (a typing mistake nobody sees would
lock its owner out); from a file or standard input it is read once.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from app.cli.inputs import STDIN, read_text
from app.cli.output import UsageError
from app.i18n import Message

MAX_SECRET_BYTES = 4096
EMPTY = Message(
    "{option} {source}: không có mật khẩu (tệp trống hoặc chỉ có dòng trống)",
    "{option} {source}: no password given (empty, or a blank line only)",
)
REPEAT_PROMPT = Message(
    "Nhập lại mật khẩu mới (không hiện khi gõ): ", "Type the new password again (not shown): "
)


class SecretReader:
    """Passwords for one command run; standard input is read once and shared line by line."""

    def __init__(self) -> None:
        self._stdin_lines: list[str] | None = None

    def read(self, source: Path, prompt: Message, option: str) -> str:
        if _at_console(source):
            password = _first_line(getpass.getpass(prompt()))
        elif str(source) == STDIN:
            password = self._next_stdin_line()
        else:
            password = _first_line(read_text(source, MAX_SECRET_BYTES))
        if not password:
            raise UsageError(EMPTY(option=option, source=source))
        return password

    def read_new(self, source: Path, prompt: Message, option: str) -> str:
        """A new password: typed twice at a console (``PasswordRefused`` when the two
        differ), else read once like any other."""
        from app.officers.passwords import check_repeated

        password = self.read(source, prompt, option)
        if _at_console(source):
            check_repeated(password, _first_line(getpass.getpass(REPEAT_PROMPT())))
        return password

    def _next_stdin_line(self) -> str:
        if self._stdin_lines is None:
            self._stdin_lines = read_text(Path(STDIN), MAX_SECRET_BYTES).splitlines()
        return self._stdin_lines.pop(0) if self._stdin_lines else ""


def _at_console(source: Path) -> bool:
    return str(source) == STDIN and sys.stdin is not None and sys.stdin.isatty()


def _first_line(text: str) -> str:
    # The file's or the prompt's line end is not part of it; other spaces may be.
    lines = text.splitlines()
    return lines[0] if lines else ""
