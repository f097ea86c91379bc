"""The idle lock's clock: no key and no mouse for ``idle_lock_minutes`` locks the window.

An application event filter notes the time of every key press, mouse click, wheel
turn or touch, in any of the program's windows. A timer checks once a second: a
minute before the limit ``warning`` says how many seconds are left (any input
before then cancels it, ``active``), at the limit ``idle`` asks the window to lock.
The limit is read from the settings at every check, so a change applies at once.
The clock is injected (``clock``): a test moves it and calls ``check()``, it never
waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ui.qt import QApplication, QEvent, QObject, QTimer, Signal

WARNING_SECONDS = 60
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    warning = Signal(int)  # seconds left before the lock
    active = Signal()  # input came: no warning any more
    idle = Signal()  # the limit is reached: lock now

    def __init__(
        self,
        limit_minutes: Callable[[], int],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.limit_minutes, self.clock = limit_minutes, clock
        self.last_input = clock()
        self.warned = False
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in INPUT_EVENTS and not self.paused:
            self.touch()
        return False

    def touch(self) -> None:
        """Input came: the idle time starts again."""
        self.last_input = self.clock()
        if self.warned:
            self.warned = False
            self.active.emit()

    def pause(self) -> None:
        """Locked or signed out: nothing to lock until ``resume``."""
        self.paused = True
        self.warned = False

    def resume(self) -> None:
        self.paused = False
        self.touch()

    def check(self) -> None:
        if self.paused:
            return
        left = self.limit_minutes() * 60 - (self.clock() - self.last_input)
        if left <= 0:
            self.pause()
            self.idle.emit()
        elif left <= WARNING_SECONDS:
            self.warned = True
            self.warning.emit(int(-(-left // 1)))

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
