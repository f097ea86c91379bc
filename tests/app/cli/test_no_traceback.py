"""No traceback, ever: every subcommand, given anything at all, answers with one of the
documented exit codes and a message, never a traceback or a fault of the program.

The subcommands are found from the parser (a command another module adds is driven
too); each option gets values drawn from what it expects and from everything that
broke commands before: text that is not UTF-8 (as ``sys.argv`` carries it), numbers
of thousands of digits, days in year 9999, Arabic-Indic and full-width digits, files
nested 100,000 levels deep, images claiming 25000×25000 pixels, outputs that are
folders or in /proc. Each example runs in a fresh copy of a counter's data folder
with two stored dossiers, in this process (``tests/app/cli/running.py``); a few
checks run the installed entry point as a process, as a shell does. Any central
database URL points at a closed local port.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from app.catalogue.loader import shipped_catalogue_dir
from app.cli.main import build_parser
from app.failures import (
    EXIT_BAD_CATALOGUE,
    EXIT_BAD_INPUT,
    EXIT_CENTRAL,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_STORE,
)
from app.selftest import EXIT_SELFTEST_FAILED
from db.store import Store
from tests.accounts import OFFICER, SUPERVISOR, add_officers, password_file, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES

# What a command may answer with; 1 (a fault of the program) and 130 (Ctrl+C) never.
DOCUMENTED = {
    EXIT_OK,
    EXIT_BAD_INPUT,
    EXIT_BAD_CATALOGUE,
    EXIT_NOT_FOUND,
    EXIT_CENTRAL,
    EXIT_STORE,
    EXIT_REFUSED,
    EXIT_SELFTEST_FAILED,
}
AGENCY = "000.17.22.H56"
CLOSED_PORT_URL = "postgresql://motcua@127.0.0.1:1/motcua?connect_timeout=2"
# A command that otherwise runs until interrupted is driven for one round.
ONE_ROUND: dict[tuple[str, ...], list[str]] = {("sync",): ["--once"]}


# ------------------------------------------------------------------ the commands


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Each runnable subcommand (``print bm01``) with its own parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*path, name))
            return
    yield path, parser


PARSER = build_parser()
COMMANDS = dict(_leaves(PARSER))


# ------------------------------------------------------------------ values


@dataclass(frozen=True)
class Under:
    """A path inside the example's own folder, known only when it runs."""

    relative: str


@dataclass(frozen=True)
class Stored:
    """A stored dossier's code or id (``field``), known only once the template is built."""

    field: str
    index: int


Value = str | Under | Stored

# No absolute path or home folder from random text: a command may write where it is told.
_SAFE = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
random_text = st.text(_SAFE, max_size=40).filter(
    lambda text: not text.startswith(("/", "~")) and ".." not in text
)
# Bytes that are not UTF-8, as Python hands them on in sys.argv.
undecodable = (
    st.binary(min_size=1, max_size=12)
    .map(lambda data: data.decode("utf-8", "surrogateescape"))
    .filter(
        lambda text: "\x00" not in text and not text.startswith(("/", "~")) and ".." not in text
    )
)
NASTY = [
    "",
    " ",
    "-",
    "--",
    "0",
    "-1",
    "1",
    "60",
    "61",
    "9" * 5000,
    "99999999999999999999999",
    "1e400",
    "nan",
    "٣",
    "３",
    "a\nb",
    "\t",
    "\u202e",
    "x" * 100_000,
    "Nguyễn Thị Hoa",
]
DAYS = [
    "2026-11-23",
    "2026-11-30",
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2100-12-31",
    "2101-01-01",
    "2026-02-30",
    "20261123",
    "2026-W48-1",
    "٢٠٢٦-١١-٢٣",
    "２０２６-１１-２３",
]
TIMES = [
    "2026-11-23 09:10",
    "2026-11-28 10:00",
    "2030-01-01 10:00",
    "9999-12-31 23:59",
    "1900-01-01 00:00",
    "2100-12-31 23:59",
    "2026-11-23 24:00",
    "٢٠٢٦-١١-٢٣ ٠٩:١٠",
    "２０２６-１１-２３ ０９:１０",
]
URLS = [
    CLOSED_PORT_URL,
    "postgresql://x:y@[bad/db",
    "postgresql://motcua@127.0.0.1:99999/db",
    "postgresql://motcua@127.0.0.1:1/db?sslmode=nonsense",
    "postgresql://",
    "http://127.0.0.1:1/",
    "postgresql://motcua@127.0.0.1:1/" + "d" * 5000,
]
FILES = [
    "inputs/good.json",
    "inputs/supplement.json",
    "inputs/deep.json",
    "inputs/deep-object.json",
    "inputs/bigint.json",
    "inputs/invalid-utf8.json",
    "inputs/lone-surrogate.json",
    "inputs/bom.json",
    "inputs/empty.json",
    "inputs/too-large.json",
    "inputs/not-json.txt",
    "inputs/nul.json",
    "inputs/portrait.jpg",
    "inputs/huge.png",
    "inputs/tall.png",
    "inputs/tiny.png",
    "inputs/garbage.jpg",
    "inputs/truncated.png",
    "inputs",
    "missing/file.json",
    "inputs/good.json/below",
    "inputs/" + "n" * 300 + ".json",
    "inputs/lan.password",
    "inputs/hoa.password",
]
FOLDERS = [
    "data",
    "inputs",
    "inputs/empty-folder",
    "inputs/bad-catalogue",
    "inputs/good.json",
    "missing-folder",
    "d" * 300,
]
OUTPUTS = [
    "out.pdf",
    "out.xlsx",
    "out.jpg",
    "out.txt",
    "inputs",
    "missing-folder/out.pdf",
    "inputs/good.json/out.pdf",
    "o" * 300 + ".pdf",
    "/proc/self/out.pdf",
]

anything: st.SearchStrategy[Value] = st.one_of(
    st.sampled_from(NASTY),
    random_text,
    undecodable,
    st.sampled_from(DAYS + TIMES),
    st.sampled_from(FILES + FOLDERS).map(Under),
    st.builds(Stored, st.sampled_from(["code", "dossier_id"]), st.integers(0, 1)),
)


def _paths(names: list[str]) -> st.SearchStrategy[Value]:
    """The example's files, the odd absolute one kept as it is (never written to)."""
    return st.sampled_from(names).map(lambda name: name if name.startswith("/") else Under(name))


def values_for(action: argparse.Action) -> st.SearchStrategy[Value]:
    """What an option is given: mostly what it expects, broken in every way seen; now and
    then anything at all."""
    hint = " ".join([*action.option_strings, str(action.metavar or ""), action.dest]).lower()
    expected: st.SearchStrategy[Value]
    if action.choices is not None:
        expected = st.sampled_from([str(choice) for choice in action.choices])
    elif "url" in hint:
        return st.sampled_from(URLS)  # never random text: it could name a real server
    elif "output" in hint:
        return _paths(OUTPUTS)  # never random text: a command writes there
    elif "catalogue" in hint:  # the shipped versions (only read), or a folder that is none
        expected = st.just(str(shipped_catalogue_dir())) | _paths(FOLDERS)
    elif "dir" in hint:
        expected = _paths(FOLDERS)
    elif "yyyy-mm-dd hh:mm" in hint or action.dest in ("at", "received"):
        expected = st.sampled_from(TIMES)
    elif "yyyy" in hint:
        expected = st.sampled_from(DAYS)
    elif any(word in hint for word in ("json", "request", "file", "image", "payload")):
        expected = _paths(FILES) | st.just("-")
    elif any(word in hint for word in ("code", "key", "supplements", "dossier")):
        expected = st.builds(Stored, st.sampled_from(["code", "dossier_id"]), st.integers(0, 1))
    elif action.type is int or any(word in hint for word in ("days", "minutes", "top", "counter")):
        expected = st.sampled_from(NASTY[:13]) | st.integers(-2, 100).map(str)
    else:
        expected = st.sampled_from(
            ["Hoa", "lan", "hoa", "doi-gtvt", "idp-cap", "agency_code", "language"]
        )
    # Mostly what the option expects, so that a command gets past its first check and the
    # checks behind it are reached too.
    return st.integers(0, 5).flatmap(lambda pick: anything if pick == 0 else expected)


STDIN = [
    b"",
    (EXAMPLES / "doi-gtvt.json").read_bytes(),
    b"[" * 100_000,
    b'{"a": ' + b"1" * 5000 + b"}",
    b'{"procedure": "\xff\xfe"}',
    b'{"procedure": "\\ud800"}',
    b"\xef\xbb\xbf{}",
    b" " * (2 << 20),
]


@st.composite
def command_lines(draw: st.DrawFn, path: tuple[str, ...]) -> tuple[list[Value], bytes]:
    """One command line for the subcommand at ``path``, and its stdin."""
    parser = COMMANDS[path]
    options: list[list[Value]] = []
    positionals: list[Value] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            if draw(st.integers(0, 50)) == 0:
                options.append(["--help"])
            continue
        given = action.required or draw(st.integers(0, 2)) == 0
        if not action.option_strings:  # a positional: left out only when optional
            if action.nargs != "?" or draw(st.booleans()):
                positionals.append(draw(values_for(action)))
            continue
        if not given:
            continue
        option = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:  # a flag
            options.append([option])
        else:
            options.append([option, draw(values_for(action))])
    options = draw(st.permutations(options))
    argv: list[Value] = [*path, *ONE_ROUND.get(path, [])]
    for words in options:
        argv.extend(words)
    argv.extend(positionals)
    if draw(st.integers(0, 20)) == 0:
        argv.append(draw(anything))  # one argument too many
    if draw(st.integers(0, 30)) == 0:
        argv.insert(0, "--debug")
    return argv, draw(st.sampled_from(STDIN))


# ------------------------------------------------------------------ the counter


def _write_inputs(folder: Path) -> None:
    folder.mkdir()
    good = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    (folder / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    short = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    del short["presented"]["giay-chung-nhan-suc-khoe"]
    (folder / "supplement.json").write_text(json.dumps(short), encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "deep-object.json").write_text('{"a":' * 50_000, encoding="utf-8")
    (folder / "bigint.json").write_text('{"schema_version": ' + "1" * 5000 + "}")
    (folder / "invalid-utf8.json").write_bytes(b'{"procedure": "doi-gtvt\xff"}')
    (folder / "lone-surrogate.json").write_text('{"procedure": "\\udc80"}', encoding="utf-8")
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf" + (folder / "good.json").read_bytes())
    (folder / "empty.json").write_bytes(b"")
    (folder / "too-large.json").write_bytes(b" " * (2 << 20) + b"{}")
    (folder / "not-json.txt").write_text("procedure = doi-gtvt", encoding="utf-8")
    (folder / "nul.json").write_text(json.dumps({**good, "procedure": "doi\x00gtvt"}))
    portrait = PILImage.new("RGB", (640, 480), (60, 160, 220))
    portrait.save(folder / "portrait.jpg")
    # A 25000×25000 PNG: small on disk, gigabytes once decoded.
    PILImage.new("1", (25_000, 25_000)).save(folder / "huge.png")
    PILImage.new("L", (1, 60_000)).save(folder / "tall.png")
    PILImage.new("L", (1, 1)).save(folder / "tiny.png")
    (folder / "garbage.jpg").write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 4)
    PILImage.new("RGB", (400, 300)).save(folder / "whole.png")
    (folder / "truncated.png").write_bytes((folder / "whole.png").read_bytes()[:120])
    (folder / "empty-folder").mkdir()
    catalogue = folder / "bad-catalogue" / "v1"
    catalogue.mkdir(parents=True)
    (catalogue / "catalogue.toml").write_text("procedures = " + "[" * 50_000)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """A counter set up to print, with an accepted dossier and one awaiting papers, and the
    files the options are given: built once, copied for each example."""
    root = tmp_path_factory.mktemp("template")
    _write_inputs(root / "inputs")
    data = root / "data"
    environ = {"MOTCUA_DATA_DIR": str(data)}
    for name, value in (
        ("agency_code", AGENCY),
        ("agency_name", "Sở Giao thông vận tải"),
        ("place_name", "Hà Nội"),
    ):
        ran = run_motcua(["settings", "set", name, value], cwd=root, environ=environ)
        assert ran.code == 0, ran.err
    store = Store.in_data_dir(data)
    add_officers(store, quick=True)  # the examples sign in thousands of times
    store.close()
    for officer in (OFFICER, SUPERVISOR):  # the passwords the options may be given
        password_file(root / "inputs", officer)
    receipts = []
    for request, at in (("good.json", "2026-11-23 09:10"), ("supplement.json", "2026-11-23 09:20")):
        ran = run_motcua(
            ["receive", f"inputs/{request}", *sign_in_args(root, OFFICER), "--at", at],
            cwd=root,
            environ=environ,
        )
        assert ran.code == 0, ran.err
        receipt = json.loads(ran.out)
        receipts.append({"code": receipt["code"] or "", "dossier_id": receipt["dossier_id"]})
    return root, receipts


def _resolve(value: Value, root: Path, receipts: list[dict[str, str]]) -> str:
    if isinstance(value, Under):
        return str(root / value.relative)
    if isinstance(value, Stored):
        return receipts[value.index][value.field] or "none"
    return value


def run_example(
    template: tuple[Path, list[dict[str, str]]], argv: list[Value], stdin: bytes
) -> tuple[list[str], Ran]:
    source, receipts = template
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "example"
        shutil.copytree(source, root)
        resolved = [_resolve(value, root, receipts) for value in argv]
        environ = {"MOTCUA_DATA_DIR": str(root / "data")}
        return resolved, run_motcua(resolved, stdin, cwd=root, environ=environ)


def assert_answered(argv: list[str], ran: Ran) -> None:
    shown = [value[:80] for value in argv]
    assert ran.code in DOCUMENTED, f"{shown}: exit {ran.code}\n{ran.err[-2000:]}"
    assert "Traceback" not in ran.err, f"{shown}\n{ran.err[-2000:]}"
    if ran.code != EXIT_OK:  # the message, after argparse's usage line if it is argparse's
        said = ran.err.startswith("motcua") or "\nmotcua" in ran.err
        assert said, f"{shown}: no message\n{ran.err[-2000:]}"


PATHS = sorted(COMMANDS)
# The self-test runs the whole program on every call (a window, a store, papers: seconds);
# its input is two options, which the few examples drive well enough.
THOROUGH_PATHS = [path for path in PATHS if path != ("selftest",)]
FEW = settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MANY = settings(FEW, max_examples=150)


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
@FEW
@given(data=st.data())
def test_every_command_answers_bad_input_with_a_documented_code(
    template: tuple[Path, list[dict[str, str]]], path: tuple[str, ...], data: st.DataObject
) -> None:
    argv, stdin = data.draw(command_lines(path))
    assert_answered(*run_example(template, argv, stdin))


@pytest.mark.slow
@pytest.mark.parametrize("path", THOROUGH_PATHS, ids=" ".join)
@MANY
@given(data=st.data())
def test_every_command_answers_thousands_of_bad_inputs(
    template: tuple[Path, list[dict[str, str]]], path: tuple[str, ...], data: st.DataObject
) -> None:
    argv, stdin = data.draw(command_lines(path))
    assert_answered(*run_example(template, argv, stdin))


# ------------------------------------------------------------------ as a shell runs it


def _motcua(
    *args: str | bytes, stdin: bytes = b"", locale: str = "C.UTF-8"
) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "LC_ALL": locale}
    for name in ("PYTHONIOENCODING", "PYTHONUTF8"):  # as a console has them: unset
        environ.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        input=stdin,
        capture_output=True,
        env=environ,
        check=False,
        timeout=120,  # a hang guard only
    )


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_bytes_that_are_not_utf8_in_an_argument_are_refused_by_option(
    tmp_path: Path, locale: str
) -> None:
    done = _motcua("list", "--id-number", b"\xff\xfe", "--data-dir", str(tmp_path), locale=locale)
    assert done.returncode == EXIT_BAD_INPUT
    assert done.stderr.decode("utf-8") == (
        "motcua list: --id-number: giá trị có byte không phải văn bản UTF-8;"
        " hãy gõ lại giá trị này\n"
    )


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"[" * 100_000, "motcua check: -: JSON lồng nhau quá sâu (tối đa 32 cấp)\n"),
        (b'{"a": ' + b"1" * 5000 + b"}", "motcua check: -: có một số dài hơn 30 chữ số\n"),
        (b'{"procedure": "\xff"}', "motcua check: -: không phải văn bản UTF-8\n"),
    ],
)
def test_stdin_that_would_break_the_parser_is_refused(stdin: bytes, message: str) -> None:
    done = _motcua("check", "-", stdin=stdin, locale="C")
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, b"")
    assert done.stderr.decode("utf-8") == message


def test_a_fault_names_its_kind_and_debug_writes_the_traceback_to_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of the program is one line naming its kind and pointing to --debug; with
    --debug its traceback goes to the data folder's log, without the exception's text
    (which may quote an applicant), and never to the console."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Nguyễn Văn An 079080001234")

    monkeypatch.setattr("app.cli.check_command.check_request_text", broken)
    request = str(EXAMPLES / "doi-gtvt.json")
    environ = {"MOTCUA_DATA_DIR": str(tmp_path)}
    log = tmp_path / "logs" / "cli-debug.log"

    ran = run_motcua(["check", request], environ=environ)
    assert (ran.code, ran.out) == (1, "")
    assert ran.err == (
        "motcua check: lỗi của chương trình (RuntimeError), không phải do dữ liệu đã nhập;"
        " hãy báo cán bộ IT. Chạy lại lệnh dạng motcua --debug check … để ghi chi tiết vào"
        f" {log}\n"
    )
    assert not log.exists()

    ran = run_motcua(["--debug", "check", request], environ=environ)
    assert ran.code == 1 and "Traceback" not in ran.err
    assert ran.err == (
        f"motcua check: lỗi của chương trình (RuntimeError); chi tiết đã ghi vào {log};"
        " hãy báo cán bộ IT\n"
    )
    written = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in written
    assert 'in broken\n    raise RuntimeError("Nguyễn Văn An 079080001234")' in written
    assert written.rstrip().endswith("RuntimeError")
    # The traceback quotes the source line, which here holds the name; a real one's text
    # is never written: only the kind ends each exception.
    assert written.count("079080001234") == 1


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("app.cli.check_command.check_request_text", interrupted)
    ran = run_motcua(["check", str(EXAMPLES / "doi-gtvt.json")])
    assert (ran.code, ran.err) == (130, "motcua check: đã dừng (Ctrl+C)\n")
