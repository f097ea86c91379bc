"""The receiving screen on a day on which Decision 4225's version may no longer apply: the
banner names the version and why, the dossier is received with the reasons stored (read back
from the counter's SQLite store), and with the refuse setting nothing is received."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.currency import CatalogueNotCurrent
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import store_dossier
from app.dossier.checking import parse_request
from app.dossier.evaluation import Verdict
from app.dossier_queries import dossiers_received_on, find_dossier
from camera.sources import FrameSource
from tests.db.conftest import EXAMPLES
from tests.ui.conftest import MONDAY_0910, window_language
from tests.ui.test_screen_fit import FIT_SIZES, _laid_out, _needed, _outside
from ui.catalogue_page import CataloguePage
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.qt import QApplication, Qt
from ui.reception_page import ReceptionPage
from ui.worker import Worker

PROCEDURE = "idp-cap"  # no photo at the counter: F9 right after every paper is in
CHANGES = ["01/01/2025", "01/03/2025", "01/07/2025", "01/01/2026", "01/07/2026"]


def _page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
    now: dt.datetime = MONDAY_0910,
) -> ReceptionPage:
    screen = ReceptionPage(catalogue, session, Operations(worker), now=lambda: now, camera=camera)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{PROCEDURE}.json").read_text(encoding="utf-8"))
    return data


def _fill(screen: ReceptionPage) -> None:
    """The applicant's facts and every paper handed in."""
    screen.picker.choose(PROCEDURE)
    for panel in (screen.applicant, screen.licence, screen.case):
        panel.load(_example())
    screen.all_in.trigger()
    screen.reassess()
    assert screen.verdict.verdict is Verdict.ACCEPT, screen.verdict.details.toPlainText()


def _refusing(session: CounterSession) -> CounterSession:
    session.settings = session.settings.with_value("catalogue_not_current", "refuse")
    return session


def test_the_banner_names_the_version_and_the_dossier_keeps_why(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> None:
    screen = _page(qtbot, catalogue, session, worker, camera)
    banner = screen.catalogue_banner
    assert banner.isVisible()
    assert banner.text().startswith(
        "Danh mục thủ tục Quyết định 4225/QĐ-UBND (2021) (qd-4225-2021) có thể không còn áp"
        " dụng cho hồ sơ"
        " nhận ngày 23/11/2026: từ ngày 01/01/2025 theo Luật số 36/2024/QH15; "
    )
    assert [day for day in CHANGES if f"từ ngày {day} theo" in banner.text()] == CHANGES
    tab = Qt.FocusPolicy.TabFocus.value
    assert banner.focusPolicy().value & tab == 0  # a label: no new Tab stop

    _fill(screen)
    details = screen.verdict.details.toPlainText()
    assert (
        "vì từ ngày 01/03/2025: Việc đổi giấy phép lái xe và cấp giấy phép lái xe quốc tế chuyển"
        " sang Bộ Công an (Thông tư số 12/2025/TT-BCA)." in details
    )
    assert screen.accept.isEnabled()  # "warn": received with the warning
    screen.accept.trigger()  # F9
    qtbot.waitUntil(lambda: screen.saved is not None)
    assert screen.saved is not None and screen.saved.code is not None
    stored = find_dossier(session.store, screen.saved.code)
    assert stored is not None
    assert stored["catalogue_hash"] == catalogue.content_hash
    reasons = stored["rounds"][0]["catalogue_not_current"]
    assert [dt.date.fromisoformat(r["on"]).strftime("%d/%m/%Y") for r in reasons] == CHANGES
    assert {r["version"] for r in reasons} == {"qd-4225-2021"}


def test_the_refuse_setting_receives_nothing(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> None:
    screen = _page(qtbot, catalogue, _refusing(session), worker, camera)
    assert screen.catalogue_banner.text().startswith(
        "Không tiếp nhận hồ sơ trong ngày này (cài đặt “Khi danh mục thủ tục có thể không còn"
        " áp dụng”: không tiếp nhận). Danh mục thủ tục Quyết định 4225/QĐ-UBND"
    )
    _fill(screen)
    assert not screen.accept.isEnabled()
    assert screen.why.text().startswith("F9, F10, F11: ")  # why, beside the action bar
    screen.accept.trigger()  # F9 pressed anyway: nothing happens
    assert screen.saved is None and not screen.storing
    # The operation the window calls refuses too, with the version and every reason.
    request = parse_request(screen.request_data())
    with pytest.raises(CatalogueNotCurrent) as refused:
        store_dossier(session, catalogue, request, MONDAY_0910)
    assert str(refused.value).count("(qd-4225-2021)") == len(CHANGES)
    assert dossiers_received_on(session.store, MONDAY_0910.date()) == []


def test_a_day_before_the_first_change_has_no_banner(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> None:
    before = dt.datetime(2024, 12, 31, 9, 10)
    screen = _page(qtbot, catalogue, _refusing(session), worker, camera, now=before)
    assert not screen.catalogue_banner.isVisible()
    assert screen.catalogue_banner.text() == ""
    _fill(screen)
    assert screen.accept.isEnabled()
    assert "có thể không còn áp dụng" not in screen.verdict.details.toPlainText()


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(request.param)) as chosen:
        yield chosen


@pytest.mark.parametrize("setting", ["warn", "refuse"])
@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_the_banner_fits_the_counter_screen(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
    setting: str,
    width: int,
    height: int,
) -> None:
    """Five reasons, with the refusal, wrapped above the picker: the banner whole and every
    control the counter needs still inside the window, an exchange's photo panel too."""
    session.settings = session.settings.with_value("catalogue_not_current", setting)
    window = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    qtbot.waitExposed(window)
    page = window.reception
    try:
        for procedure in ("doi-gtvt", PROCEDURE):
            page.picker.choose(procedure)
            _laid_out(window, width, height)
            minimum = window.minimumSizeHint()
            assert minimum.width() <= width and minimum.height() <= height, minimum
            shown = {**_needed(window), "banner": page.catalogue_banner}
            assert _outside(window, shown) == [], procedure
            banner = page.catalogue_banner
            assert banner.height() >= banner.heightForWidth(banner.width())  # no line cut
        page.clear()
    finally:
        page.photo_panel.shutdown()
        window.worker.stop()
    QApplication.processEvents()


def test_the_catalogue_page_shows_the_changes_recorded_with_the_version(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    page = CataloguePage(catalogue)
    qtbot.addWidget(page)
    lines = page.period.text().splitlines()
    assert [line[31:41] for line in lines] == CHANGES
    assert lines[1] == (
        "Thay đổi của pháp luật từ ngày 01/03/2025: Việc đổi giấy phép lái xe và cấp giấy phép"
        " lái xe quốc tế chuyển sang Bộ Công an (Thông tư số 12/2025/TT-BCA)."
    )
