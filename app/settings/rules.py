"""The rules a setting's value must follow, each one check with the sentence that states it.

A rule is declared with its parameters (``WholeNumber(1, 99)``); the check and
the officer-facing description are both derived from them, so the text shown
when a value is refused cannot drift from what is checked. The settings window
picks its widget from the rule's class (a spin box for ``WholeNumber``, a
choice list for ``OneOf``, time editors for ``Clock`` and ``Sessions``).

``check`` takes a value of the option's JSON type and returns it in its stored
spelling, or raises ``RuleBroken``; ``parse`` does the same for text a person
typed (command line, settings window).
"""

from __future__ import annotations

import datetime as dt
import ntpath
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar

from app.i18n import Message
from app.workdays import Session

Value = str | int


class RuleBroken(ValueError):
    """A value breaks its rule; the rule's own description says what a value must be."""


_OR = Message("hoặc", "or")
_EMPTY = Message('"" ({meaning}) hoặc {rest}', '"" ({meaning}) or {rest}')
_EXAMPLE = Message("{rule}, ví dụ {example}", "{rule}, e.g. {example}")


def _with_example(rule: Message, example: str) -> Message:
    if not example:
        return rule
    return Message(
        _EXAMPLE.text("vi", rule=rule.vi, example=example),
        _EXAMPLE.text("en", rule=rule.en, example=example),
    )


def _with_empty(rule: Message, empty: Message | None) -> Message:
    if empty is None:
        return rule
    return Message(
        _EMPTY.text("vi", meaning=empty.vi, rest=rule.vi),
        _EMPTY.text("en", meaning=empty.en, rest=rule.en),
    )


def _text(value: Value) -> str:
    if not isinstance(value, str):
        raise RuleBroken(value)
    return unicodedata.normalize("NFC", str(value))


@dataclass(frozen=True)
class Rule:
    """What every rule offers: its JSON type, its description, its check."""

    json_type: ClassVar[type] = str

    def describe(self) -> Message:
        raise NotImplementedError

    def check(self, value: Value) -> Value:
        raise NotImplementedError

    def parse(self, text: str) -> Value:
        return self.check(unicodedata.normalize("NFC", text.strip()))

    def required(self) -> Rule:
        """This rule with "" no longer one of its values, nor in its description (the set-up
        assistant asks for what a counter cannot work without)."""
        if any(declared.name == "empty" for declared in fields(self)):
            return replace(self, empty=None)  # type: ignore[call-arg]
        return self


@dataclass(frozen=True)
class WholeNumber(Rule):
    low: int
    high: int
    json_type: ClassVar[type] = int

    def describe(self) -> Message:
        return Message(
            f"một số nguyên từ {self.low} đến {self.high}",
            f"a whole number from {self.low} to {self.high}",
        )

    def check(self, value: Value) -> Value:
        # bool is an int to Python, never to a person editing the file.
        if not isinstance(value, int) or isinstance(value, bool):
            raise RuleBroken(value)
        if not self.low <= value <= self.high:
            raise RuleBroken(value)
        return value

    def parse(self, text: str) -> Value:
        text = text.strip()
        if not text.isascii() or not text.isdigit():
            raise RuleBroken(text)
        return self.check(int(text))


@dataclass(frozen=True)
class OneOf(Rule):
    """One of a few values; ``names`` are what the choice list shows for each."""

    choices: tuple[str, ...]
    names: Mapping[str, Message] = field(default_factory=dict)

    def describe(self) -> Message:
        quoted = [f'"{choice}"' for choice in self.choices]
        return Message(
            f" {_OR.vi} ".join(quoted),
            f" {_OR.en} ".join(quoted),
        )

    def check(self, value: Value) -> Value:
        text = _text(value)
        if text not in self.choices:
            raise RuleBroken(value)
        return text

    def name(self, choice: str) -> Message:
        return self.names.get(choice, Message(choice, choice))


@dataclass(frozen=True)
class OneLine(Rule):
    """Free text on one line: names, addresses, phone numbers."""

    max_length: int = 200
    empty: Message | None = None  # what "" means; None: "" is just an empty line
    example: str = ""

    def describe(self) -> Message:
        rule = Message(
            f"một dòng chữ, tối đa {self.max_length} ký tự",
            f"one line of text, at most {self.max_length} characters",
        )
        return _with_empty(_with_example(rule, self.example), self.empty)

    def check(self, value: Value) -> Value:
        text = _text(value)
        if len(text) > self.max_length or any(not char.isprintable() for char in text):
            raise RuleBroken(value)
        return text


@dataclass(frozen=True)
class PrinterName(OneLine):
    """A printer as the system lists it; the window offers the installed ones."""

    def describe(self) -> Message:
        rule = Message("tên máy in như hệ thống liệt kê", "a printer name as the system lists it")
        return _with_empty(rule, self.empty)


@dataclass(frozen=True)
class Pattern(Rule):
    """Text of a fixed shape: the regular expression and the sentence that says it."""

    pattern: str
    shape: Message
    max_length: int = 50
    example: str = ""
    empty: Message | None = None

    def describe(self) -> Message:
        return _with_empty(_with_example(self.shape, self.example), self.empty)

    def check(self, value: Value) -> Value:
        text = _text(value)
        if not text and self.empty is not None:
            return text
        if len(text) > self.max_length or not re.fullmatch(self.pattern, text):
            raise RuleBroken(value)
        return text


_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")  # ASCII digits only: \d takes ٣ and ３


def parse_clock(text: str) -> dt.time:
    """``HH:MM`` (``H:MM`` too) as a time; ValueError otherwise."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a time HH:MM: {text!r}")
    return dt.time(int(match[1]), int(match[2]))


def parse_sessions(text: str) -> tuple[Session, ...]:
    """``07:30-11:30,13:00-17:00`` as sessions; empty text is no session at all."""
    if not text.strip():
        return ()
    sessions: list[Session] = []
    for part in text.split(","):
        start, dash, end = part.partition("-")
        if not dash:
            raise ValueError(f"not a session HH:MM-HH:MM: {part!r}")
        # Session refuses a session that ends before it starts.
        session = Session(parse_clock(start), parse_clock(end))
        if sessions and session.start < sessions[-1].end:
            raise ValueError("sessions must be in order and must not overlap")
        sessions.append(session)
    return tuple(sessions)


def format_sessions(sessions: tuple[Session, ...]) -> str:
    return ",".join(f"{s.start:%H:%M}-{s.end:%H:%M}" for s in sessions)


@dataclass(frozen=True)
class Clock(Rule):
    """A time of day ``HH:MM``; stored in that spelling whatever was typed ("7:30")."""

    empty: Message | None = None
    example: str = ""

    def describe(self) -> Message:
        rule = _with_example(Message("một giờ HH:MM", "a time HH:MM"), self.example)
        return _with_empty(rule, self.empty)

    def check(self, value: Value) -> Value:
        text = _text(value)
        if not text and self.empty is not None:
            return text
        try:
            return f"{parse_clock(text):%H:%M}"
        except ValueError as error:
            raise RuleBroken(value) from error


@dataclass(frozen=True)
class Sessions(Rule):
    """Opening sessions ``HH:MM-HH:MM,...`` of one day, in order and not overlapping."""

    at_most: int = 3
    empty: Message | None = None  # what no session means; None: at least one is needed
    example: str = ""

    def describe(self) -> Message:
        least = "một đến" if self.empty is None else "tối đa"
        most = "one to" if self.empty is None else "up to"
        rule = Message(
            f"{least} {self.at_most} buổi HH:MM-HH:MM cách nhau bằng dấu phẩy, mỗi buổi kết thúc "
            "sau khi bắt đầu, theo thứ tự và không chồng lên nhau",
            f"{most} {self.at_most} sessions HH:MM-HH:MM separated by commas, each ending after "
            "it starts, in order and not overlapping",
        )
        return _with_empty(_with_example(rule, self.example), self.empty)

    def check(self, value: Value) -> Value:
        try:
            sessions = parse_sessions(_text(value))
        except ValueError as error:
            raise RuleBroken(value) from error
        if len(sessions) > self.at_most or (not sessions and self.empty is None):
            raise RuleBroken(value)
        # Stored in one spelling, whatever spacing or "7:30" was typed.
        return format_sessions(sessions)


def _absolute(text: str) -> bool:
    # The file may be written on one platform and read on the counter's: either spelling.
    return posixpath.isabs(text) or (ntpath.isabs(text) and bool(ntpath.splitdrive(text)[0]))


@dataclass(frozen=True)
class PathName(Rule):
    """A file or folder on this computer, by its whole path; the window offers a Browse button.

    Whether it exists is not part of the rule: a file moved away must not make the
    settings unreadable. Who opens it says so (the camera's status line).
    """

    max_length: int = 1000
    folders: bool = False  # a folder is also accepted
    empty: Message | None = None

    def describe(self) -> Message:
        what = (
            Message(
                "đường dẫn đầy đủ của một tệp hoặc thư mục", "the full path of a file or folder"
            )
            if self.folders
            else Message("đường dẫn đầy đủ của một tệp", "the full path of a file")
        )
        rule = Message(
            f"{what.vi} (ví dụ C:\\Anh\\mau.jpg hoặc /home/quay/mau.jpg), "
            f"tối đa {self.max_length} ký tự",
            f"{what.en} (e.g. C:\\Photos\\sample.jpg or /home/counter/sample.jpg), "
            f"at most {self.max_length} characters",
        )
        return _with_empty(rule, self.empty)

    def check(self, value: Value) -> Value:
        text = _text(value)
        if not text and self.empty is not None:
            return text
        if (
            len(text) > self.max_length
            or any(not char.isprintable() for char in text)
            or not _absolute(text)
        ):
            raise RuleBroken(value)
        return text


@dataclass(frozen=True)
class CameraChoice:
    """The camera source as stored: its kind and what it names."""

    kind: str  # one of CAMERA_KINDS
    target: str  # a webcam's number (from 1) or device name; the path of a file or folder

    @property
    def spelling(self) -> str:
        return f"{self.kind}:{self.target}"

    @property
    def device(self) -> int | None:
        """The webcam's device number (from 0), when it is given by number."""
        if self.kind == WEBCAM and self.target.isascii() and self.target.isdigit():
            return int(self.target) - 1
        return None


WEBCAM, VIDEO, IMAGES = "webcam", "video", "image"
CAMERA_KINDS: Mapping[str, Message] = {
    WEBCAM: Message("máy ảnh (webcam)", "a webcam"),
    VIDEO: Message("tệp phim", "a video file"),
    IMAGES: Message("ảnh tĩnh hoặc thư mục ảnh", "a still image or a folder of images"),
}
WEBCAMS = 10  # the numbers a webcam may be given by


@dataclass(frozen=True)
class CameraSource(Rule):
    """Where the photo panel takes its pictures from, stored as ``kind:target``.

    ``webcam:1`` (the first camera; ``webcam:/dev/video2`` names one), ``video:PATH``
    or ``image:PATH`` (one image, or a folder of them): counters without a webcam
    and training sessions use a file.
    """

    path: PathName = PathName(folders=True)

    def describe(self) -> Message:
        path = self.path.describe()
        return Message(
            f'"webcam:N" (máy ảnh số N, từ 1 đến {WEBCAMS}) hoặc "webcam:TÊN" (thiết bị như hệ '
            'thống gọi, ví dụ /dev/video2), "video:ĐƯỜNG_DẪN" (một tệp phim, phát lặp lại) hoặc '
            '"image:ĐƯỜNG_DẪN" (một ảnh, hoặc một thư mục ảnh lần lượt từng ảnh); ĐƯỜNG_DẪN là '
            f"{path.vi}",
            f'"webcam:N" (camera number N, 1 to {WEBCAMS}) or "webcam:NAME" (the device as the '
            'system names it, e.g. /dev/video2), "video:PATH" (a video file, played round) or '
            '"image:PATH" (one image, or a folder of images shown one after another); PATH is '
            f"{path.en}",
        )

    def choice(self, value: Value) -> CameraChoice:
        """The stored value as kind and target; ``RuleBroken`` when it breaks the rule."""
        kind, colon, target = _text(value).partition(":")
        if not colon or kind not in CAMERA_KINDS or target != target.strip() or not target:
            raise RuleBroken(value)
        if kind == WEBCAM:
            if target.isascii() and target.isdigit():
                if not 1 <= int(target) <= WEBCAMS:
                    raise RuleBroken(value)
                return CameraChoice(kind, str(int(target)))
            if len(target) > self.path.max_length or not target.isprintable():
                raise RuleBroken(value)
            return CameraChoice(kind, target)
        try:
            return CameraChoice(kind, str(self.path.check(target)))
        except RuleBroken:
            raise RuleBroken(value) from None

    def check(self, value: Value) -> Value:
        return self.choice(value).spelling
