"""docs/roles.md is generated from the permission table and never drifts from it."""

from __future__ import annotations

from app.permissions import Permission
from app.permissions_docs import DOCS_FILE, generate


def test_docs_roles_md_is_generated_from_the_permission_table() -> None:
    text = DOCS_FILE.read_text(encoding="utf-8")
    assert text == generate(), "docs/roles.md is out of date: run python -m app.permissions_docs"
    for permission in Permission:
        assert f"(`{permission}`)" in text
