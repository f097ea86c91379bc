"""Fault points for the crash tests: a process killed at an exact SQLite statement.

No timing: the test names the statement, the process dies just before it, and
the verdict is the same on a fast machine and on a loaded one. Arm it in a
forked child only: the process kills itself.

SQLite's trace callback reports every statement the library runs, including
``BEGIN IMMEDIATE`` and the ``COMMIT`` of ``Session.commit()``, so the cut
points of one officer action of N statements are: before statement 1
(``BEGIN``), ..., before statement N (``COMMIT``), and before statement
N + 1 (the commit returned).
"""

from __future__ import annotations

import os
import signal
from typing import Any

from sqlalchemy import Engine, event


class StatementCounter:
    """Counts the statements the engine's connections run; once armed, SIGKILL before the k-th."""

    def __init__(self, engine: Engine) -> None:
        self._kill_before: int | None = None
        self.statements: list[str] = []  # since arming (or since created)
        # Connections opened before this point are not traced: start from an empty pool.
        engine.dispose()
        event.listen(engine, "connect", self._trace)

    def arm(self, kill_before: int | None) -> None:
        """Count from here; SIGKILL just before the ``kill_before``-th statement (1-based).

        ``None`` only counts.
        """
        self.statements = []
        self._kill_before = kill_before

    @property
    def count(self) -> int:
        return len(self.statements)

    def _trace(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(self._on_statement)

    def _on_statement(self, sql: str) -> None:
        if self._kill_before is not None and len(self.statements) + 1 == self._kill_before:
            os.kill(os.getpid(), signal.SIGKILL)
        self.statements.append(sql)


def killed_by_sigkill(exitcode: int | None) -> bool:
    return exitcode == -signal.SIGKILL


# Only against a hang (a child stuck, a thread that never ends): so long that no
# machine, however loaded, reaches it while the work goes on. Never a verdict.
HANG_GUARD_S = 600.0
