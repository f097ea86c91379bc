"""Statements compiled once and run on the SQLite driver's cursor: for the lookups an officer
waits on, the writes of receiving and the pull's pages, where SQLAlchemy's own per-execution
work is the cost.

Even a cached Core statement costs SQLAlchemy ~4× the SELECT itself per execution
(parameters, events, result set-up): a lookup by code in a store of 1M dossiers stayed at
×4–5 of the bare SELECT through it (issue 19). Here the statement is compiled once, for
the session's dialect, and each run is the driver's ``execute`` plus the column types'
own processors: values are bound as SQLAlchemy would bind them (dates and times as its
SQLite text) and come back as it would return them. Driver errors are ``sqlite3.Error``,
which ``Store`` reports like SQLAlchemy's. The statements run on the session's connection,
inside its transaction (the first use begins it, with ``BEGIN IMMEDIATE`` for a writer).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Select, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session

Processor = Callable[[Any], Any] | None
# The store is SQLite: its dialect says how a value of a column type is stored.
_STORE_DIALECT = sqlite.dialect()


def table_of(model: type[DeclarativeBase]) -> Table:
    """A model's table, typed as one (``__table__`` is typed as any ``FromClause``)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# Where ``_driver`` keeps the connection it found, with the transaction it belongs to.
_DRIVER = "motcua.compiled.driver"


def _driver(session: Session) -> tuple[sqlite3.Connection, Dialect]:
    """The session's SQLite connection (its transaction begun) and dialect. Found once per
    transaction: asking the session for it is a third of a compiled statement's own cost,
    and a receipt runs some fifteen of them (issue 19)."""
    transaction = session.get_transaction()
    found = session.info.get(_DRIVER)
    if transaction is not None and found is not None and found[0] is transaction:
        return found[1], found[2]
    connection = session.connection()
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    session.info[_DRIVER] = (session.get_transaction(), driver, connection.dialect)
    return driver, connection.dialect


class CompiledSelect:
    """A SELECT compiled once; its parameters bound, and its columns returned, as SQLAlchemy
    would (a day as its SQLite text, a time parsed back)."""

    def __init__(self, statement: Select[Any]) -> None:
        self._statement = statement
        self._compiled: _CompiledSelect | None = None
        self.names = tuple(str(column.key) for column in statement.selected_columns)

    def first(self, session: Session, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row, as a tuple in ``names``' order; None: no row."""
        rows = self._rows(session, params, first_only=True)
        return rows[0] if rows else None

    def all(self, session: Session, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row, as tuples in ``names``' order."""
        return self._rows(session, params, first_only=False)

    def scalar(self, session: Session, params: Mapping[str, Any]) -> Any:
        """The first column of the first row; None: no row (or NULL)."""
        row = self.first(session, params)
        return None if row is None else row[0]

    def _rows(
        self, session: Session, params: Mapping[str, Any], *, first_only: bool
    ) -> list[tuple[Any, ...]]:
        driver, dialect = _driver(session)
        compiled = self._compile(dialect)
        values = tuple(
            value if process is None or value is None else process(value)
            for value, process in (
                (compiled.fixed[name] if name in compiled.fixed else params[name], process)
                for name, process in zip(compiled.order, compiled.binders, strict=True)
            )
        )
        cursor = driver.execute(compiled.sql, values)
        try:
            if first_only:
                found = cursor.fetchone()
                rows = [] if found is None else [found]
            else:
                rows = cursor.fetchall()
        finally:
            cursor.close()
        return [
            tuple(
                value if process is None or value is None else process(value)
                for value, process in zip(row, compiled.results, strict=True)
            )
            for row in rows
        ]

    def _compile(self, dialect: Dialect) -> _CompiledSelect:
        if self._compiled is None:
            compiled = self._statement.compile(dialect=dialect)
            assert dialect.paramstyle == "qmark" and compiled.positiontup is not None
            order = tuple(compiled.positiontup)
            self._compiled = _CompiledSelect(
                sql=compiled.string,
                order=order,
                binders=tuple(
                    compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                    for name in order
                ),
                # Values the statement holds itself (a LIMIT, a literal compared).
                fixed={
                    name: bind.effective_value
                    for name, bind in compiled.binds.items()
                    if not bind.required and bind.value is not None
                },
                results=tuple(
                    column.type.dialect_impl(dialect).result_processor(dialect, None)
                    for column in self._statement.selected_columns
                ),
            )
        return self._compiled


@dataclass(frozen=True)
class _CompiledSelect:
    sql: str
    order: tuple[str, ...]  # the parameters' names, in the order the SQL binds them
    binders: tuple[Processor, ...]  # each parameter's bind processor, in that order
    fixed: dict[str, Any]
    results: tuple[Processor, ...]  # each column's result processor


class CompiledInsert:
    """An INSERT of ``columns`` of ``table`` (all of them unless named), one statement for
    any number of rows (the driver's ``executemany``).

    Each row gives a value for every one of ``columns``, defaults included: the caller
    holds the whole row, as the outbox's payload carries it. The ORM's unit of work cost
    ×10 of the INSERTs themselves for the few rows of a receipt (issue 19).
    """

    def __init__(self, table: Table, columns: Sequence[str] | None = None) -> None:
        self.table = table
        self.names = (
            tuple(column.name for column in table.columns) if columns is None else tuple(columns)
        )
        self._compiled: (
            tuple[str, tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] | None
        ) = None

    def run(self, session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        driver, dialect = _driver(session)
        sql, order, processed = self._compile(dialect)
        values = []
        for row in rows:
            bound = [row[name] for name in order]
            for index, process in processed:
                if bound[index] is not None:
                    bound[index] = process(bound[index])
            values.append(bound)
        cursor = (
            driver.executemany(sql, values) if len(values) > 1 else driver.execute(sql, values[0])
        )
        cursor.close()

    def _compile(
        self, dialect: Dialect
    ) -> tuple[str, tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]]:
        """The SQL, the columns in the order it binds them, and the processor of each
        position that has one (dates and times, booleans, bytes)."""
        if self._compiled is None:
            compiled = self.table.insert().compile(dialect=dialect, column_keys=list(self.names))
            assert dialect.paramstyle == "qmark" and compiled.positiontup is not None
            order = tuple(compiled.positiontup)
            assert sorted(order) == sorted(self.names), "every column bound, none generated"
            processors = (
                self.table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                for name in order
            )
            processed = tuple(
                (index, process) for index, process in enumerate(processors) if process is not None
            )
            self._compiled = (compiled.string, order, processed)
        return self._compiled


class CompiledUpsert:
    """``INSERT … ON CONFLICT (keys) DO UPDATE`` of every other column, only where the row
    held has a lower ``version``: a lower or equal version never wins. How the pull writes
    its pages, thousands of rows each, with one ``executemany``: the rows are tuples in the
    table's column order, each value already as the store keeps it (``stored_time``), so
    nothing is processed per row (issue 19)."""

    def __init__(self, table: Table, keys: Sequence[str], version: str = "version") -> None:
        statement = insert(table)
        self._statement = statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys},
            where=table.c[version] < statement.excluded[version],
        )
        self.columns = tuple(column.name for column in table.columns)
        self._sql: str | None = None

    def run(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write ``rows`` (tuples in ``columns``' order, values as stored) in the session's
        transaction."""
        if not rows:
            return
        driver, dialect = _driver(session)
        driver.executemany(self._compile(dialect), rows).close()

    def _compile(self, dialect: Dialect) -> str:
        if self._sql is None:
            compiled = self._statement.compile(dialect=dialect, column_keys=list(self.columns))
            # The rows are bound by position: the statement must take them in column order.
            assert dialect.paramstyle == "qmark" and compiled.positiontup == list(self.columns)
            self._sql = compiled.string
        return self._sql


def stored_time(column: Column[Any]) -> Callable[[dt.datetime | None], str | None]:
    """How the store keeps a value of ``column`` (a date and time): SQLAlchemy's own bind
    processor for SQLite's DATETIME, the form its reads parse back."""
    process = column.type.dialect_impl(_STORE_DIALECT).bind_processor(_STORE_DIALECT)
    assert process is not None
    return process
