"""The counter's store, opened on a thread of its own while the sign-in dialog is on screen.

Opening the store loads its whole stack (SQLAlchemy, Alembic, the models) and may migrate
it: a second or more that the officer spends typing their login instead of waiting for the
dialog (issue 19). The dialog's attempts wait for the store on the sign-in worker
(``store()``); the GUI thread never waits for it. When the store cannot be used, ``failed``
says so on the GUI thread and nobody can sign in at it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

from ui.qt import QObject, Signal

StoreT = TypeVar("StoreT")  # the store, by whatever type its opener gives (``ui/`` names no store)


class StoreOpening(QObject, Generic[StoreT]):
    """``open_store`` run once on a thread of its own when ``start`` is first called; then the
    stack the main window needs (``also_load``) is imported on that thread, after the store.
    A plain thread, not a ``Worker``: ``start`` may be called from the sign-in worker (an
    attempt made before the dialog's first paint), where no QObject may be made."""

    failed = Signal(object)  # the exception opening raised (StoreUnusable, …), on the GUI thread

    def __init__(
        self,
        open_store: Callable[[], StoreT],
        also_load: Callable[[], object] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open, self._also_load = open_store, also_load
        self._opened: Future[StoreT] = Future()
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def start(self) -> None:
        """Open the store now (once: a later call does nothing)."""
        with self._starting:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="motcua-store-opening", daemon=True
                )
                self._thread.start()

    def store(self) -> StoreT:
        """The open store, waiting for it: on a worker thread, never the GUI thread. Raises
        what opening raised."""
        self.start()
        return self._opened.result()

    def opened(self) -> StoreT | None:
        """The store when it is open, else None (not started, under way or failed)."""
        if not self._opened.done() or self._opened.exception() is not None:
            return None
        return self._opened.result()

    def wait(self) -> None:
        """Until the thread is done, the window's stack included (before quitting)."""
        if self._thread is not None:
            self._thread.join()

    def _work(self) -> None:
        try:
            store = self._open()
        except Exception as error:  # said to the officer through ``failed``, on the GUI thread
            self._opened.set_exception(error)
            self.failed.emit(error)
            return
        self._opened.set_result(store)
        try:
            self._also_load()
        except Exception:  # raised again by the GUI thread's own import, and shown there
            return
