"""The worker thread: jobs run off the GUI thread, in order, results come back to it."""

from __future__ import annotations

import threading
from functools import partial

from pytestqt.qtbot import QtBot

from ui.worker import Worker


def test_jobs_run_in_order_off_the_gui_thread(qtbot: QtBot) -> None:
    worker = Worker()
    gui = threading.get_ident()
    ran_on: list[int] = []
    results: list[int] = []
    delivered_on: list[int] = []

    def job(n: int) -> int:
        ran_on.append(threading.get_ident())
        return n * n

    def done(value: object) -> None:
        delivered_on.append(threading.get_ident())
        assert isinstance(value, int)
        results.append(value)

    for n in range(5):
        worker.run(partial(job, n), done, lambda error: None)
    qtbot.waitUntil(lambda: len(results) == 5)
    worker.stop()
    assert results == [0, 1, 4, 9, 16]
    assert gui not in ran_on and set(delivered_on) == {gui}
    assert not worker.busy


def test_an_error_is_handed_back(qtbot: QtBot) -> None:
    worker = Worker()
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("agency_code: not set")

    with qtbot.waitSignal(worker.busy_changed, check_params_cb=lambda busy: not busy):
        worker.run(fail, lambda value: None, errors.append)
    worker.stop()
    assert [str(e) for e in errors] == ["agency_code: not set"]
