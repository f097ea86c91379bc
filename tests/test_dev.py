"""Checks of the developer tooling in dev.py: the install stamp and the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repository root on sys.path
    sys.path.insert(0, str(ROOT))

import dev  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A minimal project: a lock, a pyproject and an (empty) venv folder."""
    (tmp_path / "requirements.lock").write_text("pydantic==2.0 --hash=sha256:aa\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    dev.venv_dir(tmp_path).mkdir()
    return tmp_path


def test_fresh_venv_needs_install(project: Path) -> None:
    assert dev.needs_install(project, dev.venv_dir(project))


def test_unchanged_lock_does_not_reinstall(project: Path) -> None:
    venv = dev.venv_dir(project)
    dev.record_install(project, venv)
    assert not dev.needs_install(project, venv)
    assert dev.stamp_path(venv).name == "motcua-lock.sha256"


def test_touched_but_identical_lock_does_not_reinstall(project: Path) -> None:
    venv = dev.venv_dir(project)
    dev.record_install(project, venv)
    lock = project / "requirements.lock"
    lock.write_text(lock.read_text())
    assert not dev.needs_install(project, venv)


@pytest.mark.parametrize("changed", ["requirements.lock", "pyproject.toml"])
def test_changed_input_triggers_reinstall(project: Path, changed: str) -> None:
    venv = dev.venv_dir(project)
    dev.record_install(project, venv)
    with (project / changed).open("a") as file:
        file.write("# changed\n")
    assert dev.needs_install(project, venv)
    dev.record_install(project, venv)
    assert not dev.needs_install(project, venv)


def test_old_python_is_refused() -> None:
    problem = dev.check_python_version((3, 10, 12))
    assert problem is not None
    assert "3.11" in problem
    assert "3.10.12" in problem
    assert dev.check_python_version((3, 11, 0)) is None


def test_venv_python_path_matches_platform(tmp_path: Path) -> None:
    expected = "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
    assert dev.venv_python(tmp_path).relative_to(tmp_path).as_posix() == expected


def test_bench_lines_become_one_table() -> None:
    output = 'warming up\n{"name": "load", "value": 0.012345, "unit": "s", "ratio": 1.5}\n'
    records, other = dev.parse_bench_lines(output)
    assert other == ["warming up"]
    table = dev.format_table(records).splitlines()
    assert table[0].split() == ["benchmark", "figure", "unit", "baseline", "ratio"]
    assert table[2].split() == ["load", "0.01235", "s", "-", "1.5"]


def test_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for command in ("run", "test", "bench", "lock"):
        assert command in result.stdout
