"""One worker thread for the store and the printer: the window never waits on them.

Anki's habit: every database operation runs, one at a time, on a single thread,
so writes never race each other; Picard's: the result comes back to the GUI
thread through a queued signal, where the widget that asked continues. A job
is a plain function (an ``app`` operation); its callbacks run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ui.qt import QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Job:
    work: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None]


class _Runner(QObject):
    finished = Signal(object, object)  # job, result
    failed = Signal(object, object)  # job, exception

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.work()
        except Exception as error:  # handed to the GUI thread, which shows it
            self.failed.emit(job, error)
        else:
            self.finished.emit(job, result)


class Worker(QObject):
    """Runs jobs in order on its own thread; ``busy`` tells the window to show progress."""

    _submit = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("store-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._runner.failed.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._thread.start()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._submit.emit(_Job(work, on_done, on_error))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def stop(self) -> None:
        """Finish the jobs already queued, then end the thread (at window close)."""
        self._thread.quit()
        self._thread.wait()

    @Slot(object, object)
    def _deliver(self, job: _Job, result: object) -> None:
        self._done()
        job.on_done(result)

    @Slot(object, object)
    def _report(self, job: _Job, error: Exception) -> None:
        self._done()
        log.info("a background job failed: %s", type(error).__name__)
        job.on_error(error)

    def _done(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
