"""The Qt binding itself: what the program relies on and a release once broke."""

from __future__ import annotations

import sys

from ui.qt import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)


def test_emitting_a_signal_leaves_the_reference_counts_alone() -> None:
    # PySide6 6.12.0 dropped one reference to True per emit(); the program crashes
    # ("bool_dealloc") after a few thousand, i.e. some hours at a counter.
    emitter = _Emitter()
    received: list[int] = []
    emitter.number.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(100):
        emitter.number.emit(value)
    assert received == list(range(100))
    assert sys.getrefcount(True) - before >= 0
