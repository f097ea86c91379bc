"""The window after a sync round brought the centre's catalogue version: the status bar says
which version is in use and where it came from, the dossier on screen keeps its version and
the next one gets the new; one this program cannot read asks for an update in red."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.catalogue.loader import content_hash, read_catalogue_files, shipped_catalogue_dir
from app.catalogue.model import CatalogueOrigin
from app.counter import CounterSession
from app.workdays import load_shipped_overrides
from db.sync.pull import REFERENCE, Change, apply_changes
from tests.ui.conftest import Dialogs
from ui.main_window import MainWindow

SHIPPED = "qd-4225-2021"
OLD_NAME = "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"
NEW_NAME = f"{OLD_NAME} (bản trung tâm ban hành)"


def _publication(edit: Callable[[dict[str, str]], None]) -> dict[str, object]:
    """The shipped version's files, edited, as the centre publishes them."""
    files = read_catalogue_files(shipped_catalogue_dir() / SHIPPED, [])
    edit(files)
    return {"files": files, "content_hash": content_hash(files), "valid_from": "2021-12-17"}


def _pulled(session: CounterSession, payload: dict[str, object]) -> None:
    """What a sync round's pull writes into the store for the centre's publication."""
    data = {
        "kind": "catalogue",
        "key": SHIPPED,
        "payload": payload,
        "withdrawn": False,
        "changed_at": "2026-11-23T02:00:00+00:00",
    }
    with session.store.transaction() as transaction:
        apply_changes(transaction, [Change(0, REFERENCE, f"catalogue/{SHIPPED}", 1, data)])


def _renamed(files: dict[str, str]) -> None:
    files["doi-gtvt.toml"] = files["doi-gtvt.toml"].replace(
        f'name = "{OLD_NAME}"\n', f'name = "{NEW_NAME}"\n', 1
    )


def test_the_next_dossier_uses_the_version_a_sync_round_brought(
    qtbot: QtBot, window: MainWindow, session: CounterSession, dialogs: Dialogs
) -> None:
    status = window.status.reference
    assert status.text().startswith(f"Catalogue {SHIPPED} #") and "(shipped)" in status.text()
    assert status.text().endswith(f" · days off {load_shipped_overrides().version}")
    page = window.reception
    page.picker.choose("doi-gtvt")  # a dossier on screen, not stored
    payload = _publication(_renamed)
    _pulled(session, payload)
    window.synced.emit()  # what the sync thread says after its round
    short = str(payload["content_hash"])[:12]
    qtbot.waitUntil(lambda: f"{SHIPPED} #{short} (centre)" in status.text())
    assert "c62828" not in status.styleSheet()
    # The dossier on screen keeps the version it was started with.
    assert page.catalogue.content_hash != payload["content_hash"]
    assert page.picker.query.text() == OLD_NAME
    dialogs.expect("question", "Discard it?")
    page.next_applicant()  # Ctrl+N: the same procedure, now from the centre's version
    assert page.catalogue.origin is CatalogueOrigin.CENTRE
    assert page.catalogue.content_hash == payload["content_hash"]
    assert page.picker.query.text() == NEW_NAME
    assert window.today.catalogue is page.catalogue
    page.clear()  # nothing left unsaved when the window closes


def test_a_version_this_program_cannot_read_asks_for_an_update(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    def from_a_newer_program(files: dict[str, str]) -> None:
        files["gv-cap.toml"] = files["gv-cap.toml"].replace('fact = "', 'fact = "future.', 1)

    _pulled(session, _publication(from_a_newer_program))
    window.synced.emit()
    status = window.status.reference
    qtbot.waitUntil(lambda: status.text().endswith(" — update the program"))
    assert "(shipped)" in status.text() and "c62828" in status.styleSheet()
    assert "cần cập nhật chương trình" in status.toolTip()
    assert "unknown fact 'future." in status.toolTip()
    assert window.reception.catalogue.origin is CatalogueOrigin.SHIPPED
