"""Running ``motcua`` in the test's own process, with the console a real one would be.

Python writes a real stdout strictly in the locale's encoding (UTF-8 here) and a
real stderr with ``backslashreplace``; the streams below do the same, so a
command that would fail to print fails here too. argparse's own errors end in
``SystemExit``, taken as the exit code a shell would see.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.cli.main import main
from app.i18n import DEFAULT_LANGUAGE, choose_language


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run_motcua(
    argv: Sequence[str],
    stdin: bytes = b"",
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Ran:
    """``motcua ARGV`` with ``stdin``, from ``cwd``; its exit code, stdout and stderr."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    with _console(*streams), _working_folder(cwd), _environment(environ or {}):
        try:
            code = main(list(argv))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
        finally:
            choose_language(DEFAULT_LANGUAGE)  # each run chooses again, from its settings
    return Ran(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


@contextmanager
def _console(
    stdin: io.TextIOWrapper, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper
) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextmanager
def _working_folder(cwd: Path | None) -> Iterator[None]:
    """A relative path a command is given lands in ``cwd``, never in the repository."""
    saved = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


@contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
