"""The layering the project promises.

- only ui/ knows Qt, and only through ui/qt.py;
- only db/ knows SQL: no sqlalchemy, alembic or database driver elsewhere, no ORM
  table module and no store session (``Store.transaction``/``Store.reading``) outside
  db/ (the rule itself is in db/__init__.py);
- db/ knows nothing of app/ or ui/, and ui/ reaches the store only through app/;
- the papers (printing/) and the camera (camera/) are drawn from domain types only:
  nothing from db/ or ui/, and from app/ only the modules listed in DOMAIN_TYPES.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE_PACKAGES = [p for p in ("app", "db", "printing", "camera") if (ROOT / p).is_dir()]
SQL_FREE_PACKAGES = [p for p in ("app", "ui", "printing", "camera") if (ROOT / p).is_dir()]
SQL_LIBRARIES = {"sqlalchemy", "alembic", "psycopg", "psycopg2", "sqlite3"}
# The ORM tables and the engine: what a session is made of.
ORM_MODULES = {"db.models", "db.engine", "db.migrate", "db.sync.local_models"}
# The app/ modules the papers and the camera may use: data types and the message catalogue.
DOMAIN_TYPES = {
    "app.catalogue.model",
    "app.countries",
    "app.dossier.request",
    "app.dossier.wording",
    "app.dossier.evaluation",
    "app.workdays.due",
    "app.workdays.explanation",
    "app.workdays.hours",
    "app.i18n",
    "app.statistics.model",
}


def _imports(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # ``from app import settings`` imports the module app.settings.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _files(package: str) -> Iterator[Path]:
    for file in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in file.relative_to(ROOT).parts:
            yield file


def _top(name: str) -> str:
    return name.split(".")[0]


def _within(name: str, modules: set[str]) -> bool:
    return any(name == module or name.startswith(f"{module}.") for module in modules)


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_package_never_imports_qt(package: str) -> None:
    offenders = [
        str(file.relative_to(ROOT))
        for file in _files(package)
        if any(_top(name) in {"PySide6", "shiboken6", "ui"} for name in _imports(file))
        # The command-line entry point opens the window when given no command, and the
        # self-test's window step opens and closes it (both import ui/ only when they do).
        and file not in (ROOT / "app" / "cli" / "main.py", ROOT / "app" / "selftest.py")
    ]
    assert offenders == []


def test_widgets_import_qt_only_through_the_shim() -> None:
    offenders = [
        str(file.relative_to(ROOT))
        for file in _files("ui")
        if file.name != "qt.py" and any(_top(name) == "PySide6" for name in _imports(file))
    ]
    assert offenders == []


@pytest.mark.parametrize("package", SQL_FREE_PACKAGES)
def test_only_the_store_knows_sql(package: str) -> None:
    offenders = {
        f"{file.relative_to(ROOT)}: {name}"
        for file in _files(package)
        for name in _imports(file)
        if _top(name) in SQL_LIBRARIES or _within(name, ORM_MODULES)
    }
    assert sorted(offenders) == []


@pytest.mark.parametrize("package", SQL_FREE_PACKAGES)
def test_store_sessions_stay_in_the_store(package: str) -> None:
    """Use cases call the store's named queries; they never open a session themselves."""
    offenders = [
        f"{file.relative_to(ROOT)}:{node.lineno}"
        for file in _files(package)
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"transaction", "reading"}
        and isinstance(node.func.value, ast.Attribute | ast.Name)
        and "store" in ast.unparse(node.func.value)
    ]
    assert offenders == []


def test_the_store_knows_nothing_of_the_program_above_it() -> None:
    offenders = {
        f"{file.relative_to(ROOT)}: {name}"
        for file in _files("db")
        for name in _imports(file)
        if _top(name) in {"app", "ui", "printing", "camera", "PySide6"}
    }
    assert sorted(offenders) == []


def test_the_window_reaches_the_store_through_the_use_cases() -> None:
    offenders = {
        f"{file.relative_to(ROOT)}: {name}"
        for file in _files("ui")
        for name in _imports(file)
        if _top(name) == "db"
    }
    assert sorted(offenders) == []


@pytest.mark.parametrize("package", [p for p in ("printing", "camera") if (ROOT / p).is_dir()])
def test_papers_and_camera_use_domain_types_only(package: str) -> None:
    offenders = {
        f"{file.relative_to(ROOT)}: {name}"
        for file in _files(package)
        for name in _imports(file)
        if _top(name) in {"db", "ui"}
        or (_top(name) == "app" and name != "app" and not _within(name, DOMAIN_TYPES))
    }
    assert sorted(offenders) == []
