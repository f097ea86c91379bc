"""The light commands, and the window until its sign-in dialog shows, load only what they
use (issue 19).

``motcua catalog``, ``motcua due`` and ``motcua check`` answer from the catalogue and the
working-day calendar; each runs here in a process of its own, as an officer starts it, and
the modules it imported are read at its end. Which heavy stacks it must not load is the
assertion, never how long it took (speed is measured in ``bench/bench_startup.py``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import COMMAND_MODULES, build_parser
from tests.app.dossier.conftest import EXAMPLES
from tests.counters import counter_with_an_account

# The stacks of the store, the central database, the photo checks, the papers and the
# window; and every country of ``holidays`` but Vietnam.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "mako",
    "pygments",
    "psycopg",
    "numpy",
    "cv2",
    "reportlab",
    "PySide6",
    "holidays.countries",
    "holidays.countries.united_states",
)

# Runs ``motcua ARGV`` and writes the names of the modules it imported to the file named
# first, whatever the command's outcome.
RUNNER = """
import json, sys
from app.cli.main import main
out, argv = sys.argv[1], sys.argv[2:]
try:
    code = main(argv)
finally:
    with open(out, "w", encoding="utf-8") as file:
        json.dump(sorted(sys.modules), file)
sys.exit(code)
"""

LIGHT_COMMANDS = {
    "catalog": ["catalog"],
    "catalog one procedure": ["catalog", "doi-gtvt"],
    "due": ["due", "--procedure", "doi-gtvt", "--received", "2026-02-13 10:00"],
    "check": ["check", str(EXAMPLES / "doi-gtvt.json")],
}


def _modules_of(argv: list[str], data_dir: Path, tmp_path: Path) -> tuple[str, set[str]]:
    listing = tmp_path / "modules.json"
    environ = {**os.environ, "MOTCUA_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    ran = subprocess.run(
        [sys.executable, "-c", RUNNER, str(listing), *argv],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout, set(json.loads(listing.read_text(encoding="utf-8")))


@pytest.mark.parametrize("argv", LIGHT_COMMANDS.values(), ids=LIGHT_COMMANDS.keys())
def test_a_light_command_does_not_load_the_heavy_stacks(argv: list[str], tmp_path: Path) -> None:
    data_dir = tmp_path / "counter"
    data_dir.mkdir()
    out, modules = _modules_of(argv, data_dir, tmp_path)
    assert out.strip()  # it answered
    assert [name for name in HEAVY if name in modules] == []


def test_the_due_date_counts_vietnams_holidays(tmp_path: Path) -> None:
    """Only Vietnam's calendar is loaded, and it is the whole of it: Tết 2026 is not counted."""
    data_dir = tmp_path / "counter"
    data_dir.mkdir()
    argv = ["due", "--procedure", "doi-gtvt", "--received", "2026-02-13 10:00", "--json"]
    out, _ = _modules_of(argv, data_dir, tmp_path)
    assert "Tết" in out


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_the_command_table_names_what_each_module_registers(module: str) -> None:
    """``motcua`` knows every subcommand without importing its module: the table it lists
    them in says what the module itself registers."""
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"app.cli.{module}").register(subparsers)
    assert tuple(subparsers.choices) == COMMAND_MODULES[module]


def test_every_command_module_is_in_the_table() -> None:
    folder = Path(importlib.import_module("app.cli").__file__ or "").parent
    found = {path.stem for path in folder.glob("*_command*.py")}
    assert found == set(COMMAND_MODULES)


def test_the_help_lists_every_command_in_the_table_order() -> None:
    listed = build_parser().format_help()
    commands = [name for names in COMMAND_MODULES.values() for name in names]
    positions = [listed.index(f"\n    {name}") for name in commands]
    assert positions == sorted(positions)


# Starts the counter window as ``motcua`` does and, when the sign-in dialog is first painted
# (before anything it starts then), writes the names of the modules imported so far.
SIGN_IN_RUNNER = """
import json, os, sys
import ui.application
from ui.qt import QEvent, QObject

out = sys.argv[1]


class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "SignInDialog":
            with open(out, "w", encoding="utf-8") as file:
                json.dump(sorted(sys.modules), file)
            os._exit(0)
        return False


painted = Painted()
create = ui.application.create_application


def watched(argv, language):
    app = create(argv, language)
    app.installEventFilter(painted)
    return app


ui.application.create_application = watched
sys.exit(ui.application.run_counter_window())
"""

# What the everyday start loads after its sign-in dialog is on screen: the store (it opens
# behind the dialog), the centre's client and its keyring, the camera, the papers and the
# password rules (argon2: the attempt is checked on the store's side).
AFTER_THE_SIGN_IN_DIALOG = (
    "argon2",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "keyring",
    "numpy",
    "cv2",
    "reportlab",
    "app.catalogue.model",
    "app.store_ops",
    "ui.main_window",
)


def test_the_sign_in_dialog_is_painted_before_the_store_and_window_stacks_load(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "counter"
    data_dir.mkdir()
    counter_with_an_account(data_dir)
    listing = tmp_path / "modules.json"
    environ = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONUTF8": "1",
    }
    ran = subprocess.run(
        [sys.executable, "-c", SIGN_IN_RUNNER, str(listing)],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    modules = set(json.loads(listing.read_text(encoding="utf-8")))
    assert "ui.sign_in" in modules
    assert [name for name in AFTER_THE_SIGN_IN_DIALOG if name in modules] == []
