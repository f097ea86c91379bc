"""The status bar says when the central database is reached without its certificate checked."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.counter import CounterSession
from app.sync_ops import configure_sync, sync_status
from ui.status_bar import CounterStatusBar


def test_an_unverified_centre_is_shown_in_red_with_what_to_do(
    qtbot: QtBot, session: CounterSession
) -> None:
    bar = CounterStatusBar(session)
    qtbot.addWidget(bar)
    configure_sync(session.store, url="postgresql://point@127.0.0.1:9/centre")
    bar.show_sync(sync_status(session.store))
    assert "not verified" not in bar.sync.text() and "c62828" not in bar.sync.styleSheet()

    url = "postgresql://point@centre.example:5432/centre?sslmode=require"
    configure_sync(session.store, url=url, allow_unverified_host="centre.example")
    status = sync_status(session.store)
    assert status.unverified
    bar.show_sync(status)
    assert bar.sync.text().endswith(" — connection not verified")
    assert "c62828" in bar.sync.styleSheet()
    assert "sslmode=verify-full" in bar.sync.toolTip()
