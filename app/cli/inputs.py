"""What reaches a command from outside — its arguments, a file, stdin — bounded and decoded
before anything parses it.

A request is a few kilobytes of JSON, four or five levels deep. Far beyond that
is a wrong file, and one the parsers would not survive: Python's ``json``
recurses once per level and ends in ``RecursionError`` near a thousand, and
``int()`` refuses more than 4,300 digits with a ``ValueError``. So the text is
measured first and refused with a sentence naming the file, and only then
parsed by the request model (``app.dossier.checking``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from app.cli.output import CANNOT_READ, NO_SUCH_FILE, NOT_UTF8, UsageError
from app.i18n import Message

MAX_REQUEST_BYTES = 1 << 20  # 1 MiB: a request with every field at its longest is ~30 KiB
MAX_JSON_DEPTH = 32  # a request nests 4 levels (licences → licence → classes)
MAX_NUMBER_DIGITS = 30  # the request's numbers are counts and years

STDIN = "-"

TOO_LARGE = Message(
    "{path}: tệp quá lớn (tối đa {limit} KB); hãy kiểm tra lại có đúng tệp không",
    "{path}: too large (at most {limit} KB); check that it is the right file",
)
IS_A_FOLDER = Message(
    "{path}: đây là một thư mục, cần một tệp", "{path}: is a folder; a file is needed"
)
TOO_DEEP = Message(
    "{path}: JSON lồng nhau quá sâu (tối đa {limit} cấp)",
    "{path}: the JSON is nested too deeply (at most {limit} levels)",
)
NUMBER_TOO_LONG = Message(
    "{path}: có một số dài hơn {limit} chữ số", "{path}: a number has more than {limit} digits"
)
NOT_A_CHARACTER = Message(
    "{path}: có mã \\u không ứng với ký tự nào (nửa cặp UTF-16 đứng riêng)",
    "{path}: has a \\u escape that is no character (half of a UTF-16 pair)",
)
ARGUMENT_NOT_TEXT = Message(
    "{option}: giá trị có byte không phải văn bản UTF-8; hãy gõ lại giá trị này",
    "{option}: the value has bytes that are not UTF-8 text; type it again",
)

# A JSON string literal, escapes included: what is inside one is text, never structure.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONG_NUMBER = re.compile(f"[0-9]{{{MAX_NUMBER_DIGITS + 1},}}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]")


def read_request_text(path: Path) -> str:
    """A request's JSON text (``-``: stdin), refused unless the JSON parser can take it."""
    return checked_json_text(read_text(path, MAX_REQUEST_BYTES), path)


def read_text(path: Path, limit: int) -> str:
    """The UTF-8 text of a file (``-``: stdin) of at most ``limit`` bytes.

    Read as bytes and decoded here, so invalid UTF-8 is refused the same way from
    a file and from stdin, whatever the locale of the console (Python decodes stdin
    with the locale's codec, and with ``surrogateescape`` under the C locale).
    """
    data = _read_stdin(limit) if str(path) == STDIN else _read_file(path, limit)
    if len(data) > limit:
        raise UsageError(TOO_LARGE(path=path, limit=limit // 1024))
    if isinstance(data, str):  # a stdin without bytes underneath (an embedding program)
        if _has_lone_surrogate(data):
            raise UsageError(NOT_UTF8(path=path))
        return data
    try:
        # utf-8-sig: Notepad saves UTF-8 with a byte-order mark; the text does not include it.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(NOT_UTF8(path=path)) from error


def _read_stdin(limit: int) -> bytes | str:
    stream = sys.stdin
    if stream is None:  # no console at all (pythonw): nothing was given
        return ""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read(limit + 1)
        return data
    text: str = stream.read(limit + 1)
    return text


def _read_file(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(limit + 1)  # a device or a pipe has no size to ask first
    except FileNotFoundError as error:
        raise UsageError(NO_SUCH_FILE(path=path)) from error
    except IsADirectoryError as error:
        raise UsageError(IS_A_FOLDER(path=path)) from error
    except OSError as error:
        raise UsageError(CANNOT_READ(path=path, reason=error.strerror)) from error


def checked_json_text(text: str, where: object) -> str:
    """``text`` as it is, once it is known that ``json.loads`` reads it without failing on
    its depth, the length of a number or a lone surrogate; anything else wrong with it
    is left to the parser, which names the line and column.

    Measured by hand because ``json`` has no depth or digit limit of its own; string
    literals are blanked first, as brackets and digits inside them are only text.
    """
    skeleton = _STRING.sub('""', text)
    levels = itertools.accumulate(1 if c in "[{" else -1 for c in _NOT_BRACKET.sub("", skeleton))
    if max(levels, default=0) > MAX_JSON_DEPTH:
        raise UsageError(TOO_DEEP(path=where, limit=MAX_JSON_DEPTH))
    if _LONG_NUMBER.search(skeleton):
        raise UsageError(NUMBER_TOO_LONG(path=where, limit=MAX_NUMBER_DIGITS))
    if any(_has_lone_surrogate(_string_value(literal)) for literal in _surrogate_literals(text)):
        raise UsageError(NOT_A_CHARACTER(path=where))
    return text


def _surrogate_literals(text: str) -> Iterator[str]:
    for match in _STRING.finditer(text):
        if _SURROGATE_ESCAPE.search(match.group()):
            yield match.group()


def _string_value(literal: str) -> str:
    try:
        value = json.loads(literal)
    except json.JSONDecodeError:  # a bad escape: the parser reports it with its place
        return ""
    return value if isinstance(value, str) else ""


def _has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half of a UTF-16 pair: how Python carries bytes that are
    not UTF-8 (in ``sys.argv``, file names, stdin), and what a ``\\udXXX`` escape gives."""
    return any("\ud800" <= c <= "\udfff" for c in text)


def refuse_undecodable_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse, naming the option, a value typed with bytes that are not UTF-8.

    Python hands such bytes on as lone surrogates, which every later step (the
    store, a paper, the console) would fail to encode.
    """
    for option, value in _given_values(parser, args):
        # A NUL cannot come from a real command line, but can from a program calling main().
        if _has_lone_surrogate(value) or "\x00" in value:
            raise UsageError(ARGUMENT_NOT_TEXT(option=option))


def _given_values(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> Iterator[tuple[str, str]]:
    """Each text value of the chosen command, with the option (or argument) it was given to.

    argparse has no public list of a parser's options; ``_actions`` and
    ``_SubParsersAction`` have been its structure since Python 3.2.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            if isinstance(chosen, str) and chosen in action.choices:
                yield from _given_values(action.choices[chosen], args)
            continue
        value = getattr(args, action.dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | Path):
                yield _option_name(action), str(item)


def _option_name(action: argparse.Action) -> str:
    if action.option_strings:
        return "/".join(action.option_strings)
    return action.metavar if isinstance(action.metavar, str) else action.dest.upper()
