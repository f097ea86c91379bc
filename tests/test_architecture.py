"""The layering the project promises: only ui/ knows Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE_PACKAGES = [p for p in ("app", "db", "printing", "camera") if (ROOT / p).is_dir()]


def _imports(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_package_never_imports_qt(package: str) -> None:
    offenders = [
        str(file.relative_to(ROOT))
        for file in (ROOT / package).rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "shiboken6", "ui"} for name in _imports(file))
        # The command-line entry point opens the window when given no command.
        and file != ROOT / "app" / "cli" / "main.py"
    ]
    assert offenders == []


def test_widgets_import_qt_only_through_the_shim() -> None:
    offenders = [
        str(file.relative_to(ROOT))
        for file in (ROOT / "ui").rglob("*.py")
        if file.name != "qt.py" and any(name.split(".")[0] == "PySide6" for name in _imports(file))
    ]
    assert offenders == []
