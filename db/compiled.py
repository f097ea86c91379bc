"""A select compiled once and run on the SQLite driver's cursor: for the lookups an officer
waits on, where SQLAlchemy's own per-execution work is the cost.

Even a cached Core statement costs SQLAlchemy ~4× the SELECT itself per execution
(parameters, events, result set-up): a lookup by code in a store of 1M dossiers stayed at
×4–5 of the bare SELECT through it (issue 19). Here the statement is compiled once, for
the session's dialect, and each run is the driver's ``execute`` plus the column types'
own result processors (dates and times come back as SQLAlchemy would return them). Driver
errors are ``sqlite3.Error``, which ``Store`` reports like SQLAlchemy's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None


class CompiledSelect:
    def __init__(self, statement: Select[Any]) -> None:
        self._statement = statement
        self._compiled: tuple[str, tuple[str, ...], tuple[Processor, ...]] | None = None
        self.names = tuple(str(column.key) for column in statement.selected_columns)

    def first(self, session: Session, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row, as a tuple in ``names``' order; None: no row."""
        connection = session.connection()
        sql, order, processors = self._compile(connection.dialect)
        cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
            sql, tuple(params[name] for name in order)
        )
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        return tuple(
            value if process is None or value is None else process(value)
            for value, process in zip(row, processors, strict=True)
        )

    def _compile(self, dialect: Dialect) -> tuple[str, tuple[str, ...], tuple[Processor, ...]]:
        if self._compiled is None:
            compiled = self._statement.compile(dialect=dialect)
            assert dialect.paramstyle == "qmark" and compiled.positiontup is not None
            processors = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in self._statement.selected_columns
            )
            self._compiled = (compiled.string, tuple(compiled.positiontup), processors)
        return self._compiled
