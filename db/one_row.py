"""Reading a column of a one-row table (``sync_state``, ``store_safety``) in hot paths.

``session.get`` loads the whole row as an object through the ORM, and receiving read these
rows three times per dossier: with the statement construction around it, that was a fifth
of the numbering's time (issue 19). A column is read here with one statement compiled once
(``db.compiled``), unless the session already holds the row: then the object is what
counts, with any change this transaction made to it and has not flushed yet.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import DeclarativeBase, Session

from db.compiled import CompiledSelect, table_of

ROW_ID = 1  # each of these tables holds the single row with this id (a CHECK says so)


def column_value(session: Session, model: type[DeclarativeBase], column: str) -> Any:
    """``column`` of the row of ``model``'s one-row table, as this transaction sees it."""
    held = session.identity_map.get(session.identity_key(model, ROW_ID))
    if held is not None:
        return getattr(held, column)
    table = table_of(model)
    found = _read(table, column).first(session, {"id": ROW_ID})
    assert found is not None, f"the migrations create the row of {table.name}"
    return found[0]


@cache
def _read(table: Table, column: str) -> CompiledSelect:
    return CompiledSelect(select(table.c[column]).where(table.c.id == bindparam("id")))
