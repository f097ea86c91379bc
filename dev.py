#!/usr/bin/env python3
"""Developer commands for motcua: one entry point on Linux and Windows.

    python3 dev.py run [ARGS...]    set up .venv, then run `motcua ARGS...`
    python3 dev.py test [ARGS...]   set up .venv, then ruff, mypy, translations, pytest
    python3 dev.py bench            set up .venv, then run bench/bench_*.py and tabulate
    python3 dev.py lock             regenerate requirements.lock with uv
    python3 dev.py build            set up .venv, then the frozen program in dist/motcua/
                                    (installers/motcua.spec) and, on Linux, its tarball

Standard library only, so that it runs before any dependency is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
from collections.abc import Sequence
from pathlib import Path

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
LOCK_NAME = "requirements.lock"
PYPROJECT_NAME = "pyproject.toml"
STAMP_NAME = "motcua-lock.sha256"
IS_WINDOWS = os.name == "nt"
PASSTHROUGH_COMMANDS = ("run", "test")
# Tools the tests run as a person would to read the papers back (PDF text, fonts, pages),
# and the Debian package that has them.
TEST_TOOLS = {
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
}


# --------------------------------------------------------------------------- venv


def venv_dir(root: Path) -> Path:
    """The project's virtual environment lives in the work tree, ignored by git."""
    return root / ".venv"


def venv_bin(venv_path: Path) -> Path:
    """Scripts live in bin/ on POSIX but in Scripts\\ on Windows."""
    return venv_path / ("Scripts" if IS_WINDOWS else "bin")


def venv_executable(venv_path: Path, name: str) -> Path:
    """Path of a console script or the interpreter inside the venv (.exe on Windows)."""
    return venv_bin(venv_path) / (f"{name}.exe" if IS_WINDOWS else name)


def venv_python(venv_path: Path) -> Path:
    """The venv's interpreter: every tool runs through it, never through PATH."""
    return venv_executable(venv_path, "python")


def check_python_version(version: Sequence[int] = sys.version_info[:3]) -> str | None:
    """The venv is built from the running interpreter, so it must meet requires-python."""
    if tuple(version[:2]) < MIN_PYTHON:
        found = ".".join(str(part) for part in version[:3])
        wanted = ".".join(str(part) for part in MIN_PYTHON)
        return f"dev.py: Python {wanted} or newer is required, this is Python {found}."
    return None


def create_venv(venv_path: Path) -> None:
    """Create (or repair) the venv; a folder without an interpreter is a broken one."""
    print(f"==> creating {venv_path} with Python {sys.version.split()[0]}", flush=True)
    venv.EnvBuilder(with_pip=True, clear=venv_path.exists()).create(venv_path)


# ----------------------------------------------------------------- install stamp


def file_sha256(path: Path) -> str:
    """Content hash, so a touched but unchanged file does not cost a reinstall."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_inputs(root: Path) -> list[Path]:
    """What the installed venv depends on: the lock (deps) and pyproject (entry points)."""
    return [root / LOCK_NAME, root / PYPROJECT_NAME]


def expected_stamp(root: Path) -> str:
    """sha256sum-style text describing the inputs of the current install."""
    return "".join(f"{file_sha256(path)}  {path.name}\n" for path in install_inputs(root))


def stamp_path(venv_path: Path) -> Path:
    """The stamp lives inside .venv so that deleting the venv also forgets it."""
    return venv_path / STAMP_NAME


def needs_install(root: Path, venv_path: Path) -> bool:
    """Reinstall only when the lock or pyproject.toml changed since the last success."""
    stamp = stamp_path(venv_path)
    if not stamp.is_file():
        return True
    return stamp.read_text(encoding="utf-8") != expected_stamp(root)


def record_install(root: Path, venv_path: Path) -> None:
    """Written only after a successful install, so a failed one is retried next time."""
    stamp_path(venv_path).write_text(expected_stamp(root), encoding="utf-8")


# ------------------------------------------------------------------ system tools


def missing_tools(tools: Sequence[str]) -> list[str]:
    """Command-line tools not found on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


def ensure_test_tools() -> int:
    """Install the PDF tools the tests need where this can be done without asking.

    On Debian as root (CI, a fresh developer machine) apt-get installs them;
    elsewhere the message says what to install. Tests never skip for lack of them.
    """
    missing = missing_tools(list(TEST_TOOLS))
    if not missing:
        return 0
    packages = sorted({TEST_TOOLS[tool] for tool in missing})
    can_install = (
        sys.platform.startswith("linux")
        and shutil.which("apt-get") is not None
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    )
    if can_install:
        stage(f"apt-get install {' '.join(packages)} (for {', '.join(missing)})")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        code = subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env).returncode
        if code != 0:
            code = subprocess.run(["apt-get", "update", "-q"], env=env).returncode or (
                subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env).returncode
            )
        if code == 0 and not missing_tools(missing):
            return 0
    print(
        f"dev.py: the tests need {', '.join(missing)}; install {', '.join(packages)} "
        "(Debian/Ubuntu) or poppler (Windows: add its bin folder to PATH).",
        file=sys.stderr,
    )
    return 1


# ----------------------------------------------------------------------- running


def run(command: Sequence[str | Path], cwd: Path = ROOT) -> int:
    """Run a command in the foreground and return its exit code."""
    args = [str(part) for part in command]
    return subprocess.run(args, cwd=cwd, check=False).returncode


def stage(name: str) -> None:
    """Announce a stage, flushed so it stays in order with the tools' own output."""
    print(f"\n==> {name}", flush=True)


def install(root: Path, venv_path: Path) -> int:
    """Install the locked dependencies (hash-checked), then the project itself, editable."""
    python = venv_python(venv_path)
    stage(f"installing {LOCK_NAME}")
    code = run([python, "-m", "pip", "install", "--require-hashes", "-r", root / LOCK_NAME], root)
    if code != 0:
        return code
    stage("installing motcua (editable, no deps)")
    # No build isolation: setuptools comes from the lock, so nothing unpinned is fetched.
    code = run(
        [python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-e", root], root
    )
    if code == 0:
        record_install(root, venv_path)
    return code


def ensure_venv(root: Path, with_lock: bool = True) -> int:
    """Make .venv usable: create it if missing, install when the lock or pyproject changed."""
    problem = check_python_version()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if with_lock and not (root / LOCK_NAME).is_file():
        print(f"dev.py: {LOCK_NAME} is missing; run `python3 dev.py lock`.", file=sys.stderr)
        return 1
    venv_path = venv_dir(root)
    if not venv_python(venv_path).is_file():
        create_venv(venv_path)
    if with_lock and needs_install(root, venv_path):
        return install(root, venv_path)
    return 0


# -------------------------------------------------------------------- commands


def cmd_run(root: Path, args: Sequence[str]) -> int:
    """Start the `motcua` console script, the same entry point users get."""
    code = ensure_venv(root) or build_translations(root)
    if code != 0:
        return code
    return run([venv_executable(venv_dir(root), "motcua"), *args], Path.cwd())


def translation_sources(root: Path) -> list[Path]:
    """Qt Linguist sources; the compiled .qm files are build output (gitignored)."""
    return sorted((root / "ui" / "i18n").glob("*.ts"))


def build_translations(root: Path) -> int:
    """Compile each ui/i18n/*.ts to a .qm beside it (when the .ts is newer), for the window."""
    sources = [
        source
        for source in translation_sources(root)
        if not source.with_suffix(".qm").is_file()
        or source.with_suffix(".qm").stat().st_mtime < source.stat().st_mtime
    ]
    if not sources:
        return 0
    stage("pyside6-lrelease ui/i18n/*.ts")
    lrelease = venv_executable(venv_dir(root), "pyside6-lrelease")
    failed = 0
    for source in sources:
        failed |= run([lrelease, source, "-qm", source.with_suffix(".qm")], root)
    return failed


def pytest_command(python: Path, args: Sequence[str]) -> list[str | Path]:
    """pytest over the whole suite; in CI the cache is not written into the clone."""
    command: list[str | Path] = [python, "-m", "pytest"]
    if os.environ.get("CI") == "true":
        command += ["-p", "no:cacheprovider"]
    return [*command, *args]


def cmd_test(root: Path, args: Sequence[str]) -> int:
    """Every check CI runs; all stages run so one report shows every problem."""
    code = ensure_venv(root) or ensure_test_tools()
    if code != 0:
        return code
    python = venv_python(venv_dir(root))
    failures: list[str] = []
    stages: list[tuple[str, list[str | Path]]] = [
        ("ruff check .", [python, "-m", "ruff", "check", "."]),
        ("mypy (packages from pyproject.toml)", [python, "-m", "mypy"]),
        ("mypy dev.py bench", [python, "-m", "mypy", "dev.py", "bench"]),
    ]
    for name, command in stages:
        stage(name)
        if run(command, root) != 0:
            failures.append(name)
    if build_translations(root) != 0:
        failures.append("pyside6-lrelease")
    stage("pytest")
    code = run(pytest_command(python, args), root)
    if code == 5:
        print("dev.py: pytest collected no tests; that counts as a failure.", flush=True)
    if code != 0:
        failures.append("pytest")
    print(f"\ndev.py test: {'FAILED: ' + ', '.join(failures) if failures else 'all stages OK'}")
    return 1 if failures else 0


def parse_bench_lines(output: str) -> tuple[list[dict[str, object]], list[str]]:
    """Split a benchmark's stdout into result records and lines that are not JSON objects."""
    records: list[dict[str, object]] = []
    other: list[str] = []
    for line in output.splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        if isinstance(data, dict) and "name" in data and "value" in data:
            records.append(data)
        elif line.strip():
            other.append(line)
    return records, other


def format_cell(value: object) -> str:
    """Numbers with 4 significant digits, missing fields as a dash."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def format_table(records: Sequence[dict[str, object]]) -> str:
    """One aligned table: names left-aligned, figures right-aligned."""
    header = ["benchmark", "figure", "unit", "baseline", "ratio"]
    keys = ["name", "value", "unit", "baseline", "ratio"]
    rows = [header] + [[format_cell(record.get(key)) for key in keys] for record in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2])]
        cells += [row[3].rjust(widths[3]), row[4].rjust(widths[4])]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def prepare_as_installed(root: Path, python: Path) -> int:
    """The program measured as a counter runs it: its translations built and its modules
    compiled to bytecode, as the installer's build ships them (and the libraries' are, by
    pip). Otherwise every start would be measured compiling the program's source, the more so
    where PYTHONDONTWRITEBYTECODE keeps Python from caching it (this machine sets it)."""
    code = build_translations(root)
    if code != 0:
        return code
    packages = [str(root / name) for name in ("app", "ui", "db", "camera", "printing")]
    compiled = subprocess.run([str(python), "-m", "compileall", "-q", *packages], cwd=root)
    return compiled.returncode


def cmd_bench(root: Path) -> int:
    """Run each bench/bench_*.py with the venv python and collect its JSON lines."""
    scripts = sorted((root / "bench").glob("bench_*.py"))
    if not scripts:
        print("no benchmarks")
        return 0
    code = ensure_venv(root)
    if code != 0:
        return code
    python = venv_python(venv_dir(root))
    code = prepare_as_installed(root, python)
    if code != 0:
        return code
    records: list[dict[str, object]] = []
    failed: list[str] = []
    for script in scripts:
        stage(f"bench/{script.name}")
        args = [str(python), str(script)]
        result = subprocess.run(args, cwd=root, stdout=subprocess.PIPE, text=True, check=False)
        found, other = parse_bench_lines(result.stdout)
        records += found
        for line in other:
            print(line)
        if result.returncode != 0:
            failed.append(script.name)
    print()
    print(format_table(records))
    if failed:
        print(f"\ndev.py bench: FAILED: {', '.join(failed)}")
    return 1 if failed else 0


def cmd_lock(root: Path) -> int:
    """Regenerate the universal, hashed lock; uv is needed only here."""
    code = ensure_venv(root, with_lock=False)
    if code != 0:
        return code
    python = venv_python(venv_dir(root))
    has_uv = run([python, "-c", "import uv"], root) == 0
    if not has_uv:
        stage("installing uv into .venv")
        code = run([python, "-m", "pip", "install", "uv"], root)
        if code != 0:
            return code
    stage(f"uv pip compile -> {LOCK_NAME}")
    return run(
        [
            python,
            "-m",
            "uv",
            "pip",
            "compile",
            PYPROJECT_NAME,
            "--extra",
            "dev",
            "--generate-hashes",
            "--universal",
            "--python-version",
            "3.11",
            "--custom-compile-command",
            "python3 dev.py lock",
            "-o",
            LOCK_NAME,
        ],
        root,
    )


# ------------------------------------------------------------------------ build

SPEC = Path("installers") / "motcua.spec"
LINUX_FILES = Path("installers") / "linux"


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (what the counter PC's disk holds); a symbolic
    link (PyInstaller links a library's other names to it) is not counted again."""
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def project_version(root: Path) -> str:
    with (root / PYPROJECT_NAME).open("rb") as stream:
        version: str = tomllib.load(stream)["project"]["version"]
    return version


def make_tarball(root: Path, frozen: Path) -> Path:
    """``dist/motcua-VERSION-linux-x86_64.tar.gz``: ``motcua/`` (the frozen folder) with its
    ``.desktop`` entry and icon, and the script that installs them for the user."""
    machine = os.uname().machine if hasattr(os, "uname") else "x86_64"
    tarball = frozen.parent / f"motcua-{project_version(root)}-linux-{machine}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(frozen, arcname="motcua")
        for extra in sorted((root / LINUX_FILES).iterdir()):
            archive.add(extra, arcname=f"motcua/{extra.name}")
    return tarball


def cmd_build(root: Path) -> int:
    """The one-folder frozen program (PyInstaller), its size, and on Linux its tarball."""
    code = ensure_venv(root) or build_translations(root)
    if code != 0:
        return code
    python = venv_python(venv_dir(root))
    dist, work = root / "dist", root / "build"
    stage(f"pyinstaller {SPEC.as_posix()}")
    command: list[str | Path] = [python, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--distpath", dist, "--workpath", work, "--log-level", "WARN", root / SPEC]
    code = run(command, root)
    if code != 0:
        return code
    frozen = dist / "motcua"
    print(f"dev.py build: {frozen} holds {megabytes(folder_size(frozen))}", flush=True)
    if sys.platform.startswith("linux"):
        tarball = make_tarball(root, frozen)
        print(f"dev.py build: {tarball} is {megabytes(tarball.stat().st_size)}", flush=True)
    return 0


# ------------------------------------------------------------------------ main


def build_parser() -> argparse.ArgumentParser:
    """argparse lists the commands; run/test arguments are not parsed here (see main)."""
    parser = argparse.ArgumentParser(
        prog="dev.py",
        description="motcua developer commands; each creates and updates .venv as needed.",
        epilog="Arguments after `run` go to motcua, after `test` to pytest, unparsed.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="run motcua [ARGS...]", add_help=False)
    commands.add_parser("test", help="ruff, mypy, translations, pytest [ARGS...]", add_help=False)
    commands.add_parser("bench", help="run bench/bench_*.py and print one table")
    commands.add_parser("lock", help=f"regenerate {LOCK_NAME} with uv (universal, hashed)")
    commands.add_parser("build", help="the frozen program in dist/motcua/ (and its tarball)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a command; the exit code is the command's (the program's for `run`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # Everything after run/test belongs to motcua/pytest, even `--help` or `-x`.
    passthrough = bool(args) and args[0] in PASSTHROUGH_COMMANDS
    options = parser.parse_args(args[:1] if passthrough else args)
    rest = args[1:] if passthrough else []
    try:
        if options.command == "run":
            return cmd_run(ROOT, rest)
        if options.command == "test":
            return cmd_test(ROOT, rest)
        if options.command == "bench":
            return cmd_bench(ROOT)
        if options.command == "build":
            return cmd_build(ROOT)
        return cmd_lock(ROOT)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
