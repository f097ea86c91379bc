"""The central-database fixtures of ``tests/central`` (a fresh database and roles per test),
for the sync tests kept here."""

from tests.central.conftest import central, postgres_admin

__all__ = ["central", "postgres_admin"]
