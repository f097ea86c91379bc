"""The one way the window works on the store: typed operations on the store worker thread.

Anki's ``aqt/operations`` is the model. A screen never calls the store, the
printer or the settings file itself; it asks ``Operations``:

- ``change(parent, work, success)`` for work that writes. ``work`` runs on the
  store worker thread and returns ``Done[T]``: the typed result and the
  ``Changes`` it made. On the GUI thread, ``success`` gets the result, then
  ``changed`` is emitted with the ``Changes`` so that every screen refreshes
  itself from what changed (Anki's ``OpChanges``), not because another screen
  told it to.
- ``query(parent, work, success)`` for work that only reads.

A failure is shown to the officer in a message box by default, in their words
(``officer_message``); a screen that shows it in place passes ``failure``.
Work that may take long (a migration, a backup, a day's report) passes
``progress``: a modal progress box appears if it lasts more than half a
second, so the officer knows the window has not hung.

An operation an officer's role may not do alone (``app.permissions``) runs with
``change_approved`` / ``query_approved``: its work takes the ``Authority`` to act
with (None: the signed-in officer's own). Refused by role (``RoleRefused``), the
window's ``approver`` asks a supervisor or IT staff to sign in for that action only
(``ui/approval.py``) and the work runs again with their authority; cancelled, the
refusal goes to ``failure`` (if any) and nothing else happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from app.changes import Done
from app.i18n import OfficerError
from app.permissions import Authority, RoleRefused
from ui.qt import QCoreApplication, QMessageBox, QObject, QProgressDialog, Qt, QWidget, Signal
from ui.worker import Worker

log = logging.getLogger(__name__)

T = TypeVar("T")
PROGRESS_DELAY_MS = 500

# Asks for an approval of the refused action: then ``granted`` with the authority to act
# with, or ``cancelled``.
Approver = Callable[[QWidget, RoleRefused, Callable[[Authority], None], Callable[[], None]], None]


def officer_message(error: Exception) -> str:
    """What to tell the officer about a failed operation.

    Errors of the program's own rules carry a message written for the officer;
    anything else is a fault they cannot fix at the counter: it is named by its
    kind for IT staff, and its details (which may hold personal data) stay out
    of the message and the log.
    """
    if isinstance(error, OfficerError):
        return str(error)
    if isinstance(error, OSError) and error.errno == 28:  # ENOSPC
        return QCoreApplication.translate(
            "Operations", "The disk is full: nothing was saved. Call IT staff to free space."
        )
    return QCoreApplication.translate(
        "Operations", "The work could not be done ({kind}). Nothing was half-saved; call IT staff."
    ).format(kind=type(error).__name__)


class Operations(QObject):
    """Runs the window's operations one at a time and tells every screen what changed."""

    changed = Signal(object)  # Changes, after an operation that wrote succeeded

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.approver: Approver | None = None  # the main window's approval dialog

    def change(
        self,
        parent: QWidget,
        work: Callable[[], Done[T]],
        success: Callable[[T], None] | None = None,
        *,
        failure: Callable[[Exception], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """Run ``work`` (which writes) off the GUI thread; then ``success``, then ``changed``."""

        def done(outcome: Done[T]) -> None:
            if success is not None:
                success(outcome.result)
            if outcome.changes:
                self.changed.emit(outcome.changes)

        self._run(parent, work, done, failure, progress)

    def query(
        self,
        parent: QWidget,
        work: Callable[[], T],
        success: Callable[[T], None],
        *,
        failure: Callable[[Exception], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """Run ``work`` (which only reads) off the GUI thread; then ``success`` with its result."""
        self._run(parent, work, success, failure, progress)

    def change_approved(
        self,
        parent: QWidget,
        work: Callable[[Authority | None], Done[T]],
        success: Callable[[T], None] | None = None,
        *,
        failure: Callable[[Exception], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """``change`` for work some roles may not do: refused by role, approved, run again."""

        def attempt(authority: Authority | None) -> None:
            self.change(
                parent,
                lambda: work(authority),
                success,
                failure=self._approving(parent, attempt, failure),
                progress=progress,
            )

        attempt(None)

    def query_approved(
        self,
        parent: QWidget,
        work: Callable[[Authority | None], T],
        success: Callable[[T], None],
        *,
        failure: Callable[[Exception], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """``query`` for reading some roles may not do: refused by role, approved, run again."""

        def attempt(authority: Authority | None) -> None:
            self.query(
                parent,
                lambda: work(authority),
                success,
                failure=self._approving(parent, attempt, failure),
                progress=progress,
            )

        attempt(None)

    def _approving(
        self,
        parent: QWidget,
        attempt: Callable[[Authority | None], None],
        failure: Callable[[Exception], None] | None,
    ) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            if isinstance(error, RoleRefused) and self.approver is not None:
                cancelled: Callable[[], None] = (
                    (lambda: failure(error)) if failure is not None else (lambda: None)
                )
                self.approver(parent, error, attempt, cancelled)
            elif failure is not None:
                failure(error)
            else:
                show_error(parent, error)

        return failed

    def _run(
        self,
        parent: QWidget,
        work: Callable[[], T],
        success: Callable[[T], None],
        failure: Callable[[Exception], None] | None,
        progress: str | None,
    ) -> None:
        box = _progress_box(parent, progress) if progress else None

        def finished(result: T) -> None:
            if box is not None:
                box.close()
            success(result)

        def failed(error: Exception) -> None:
            if box is not None:
                box.close()
            log.info("operation failed: %s", type(error).__name__)
            (failure or (lambda error: show_error(parent, error)))(error)

        self.worker.run(work, finished, failed)


def show_error(parent: QWidget, error: Exception) -> None:
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("Operations", "Not done"),
        officer_message(error),
    )


def _progress_box(parent: QWidget, label: str) -> QProgressDialog:
    box = QProgressDialog(label, "", 0, 0, parent)
    box.setCancelButton(None)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setMinimumDuration(PROGRESS_DELAY_MS)
    return box
