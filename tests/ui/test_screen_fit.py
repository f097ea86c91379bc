"""The counter window on the screens counters have: 1366×768 and 1280×720, and 1920×1080 at
125 % and 150 % scaling (1536×864 and 1280×720 logical pixels, run again scaled).

Whatever the procedure and the language, the picker, the checklist, the verdict, every action
button and the status bar are inside the window, whole; an exchange's photo controls too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from camera.sources import FrameSource
from tests.app.card.conftest import photo_record  # noqa: F401 (a fixture)
from tests.ui.conftest import MONDAY_0910, it_approval, window_language
from tests.ui.test_card_page import codes  # noqa: F401 (a fixture)
from ui.main_window import MainWindow
from ui.print_preview import PrintPreviewDialog
from ui.qt import QApplication, QPoint, QRect, Qt, QWidget

SIZES = [(1366, 768), (1280, 720)]
# What 1920×1080 is in logical pixels at 125 % and 150 %, and that scale factor.
SCALED = {"1.25": (1536, 864), "1.5": (1280, 720)}
FIT_SIZES = [*SIZES, SCALED["1.25"]]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(request.param)) as chosen:
        yield chosen


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
) -> Iterator[MainWindow]:
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
    qtbot.addWidget(shown)
    shown.setWindowState(Qt.WindowState.WindowNoState)  # it opens maximised on a small screen
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def _laid_out(window: QWidget, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):  # layouts posted by layouts: settle them all, no clock involved
        QApplication.processEvents()


def _outside(window: QWidget, widgets: dict[str, QWidget]) -> list[str]:
    """The widgets not wholly in the window's visible rect (or clipped by a parent)."""
    bad = []
    for name, widget in widgets.items():
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        clipped = widget.visibleRegion().boundingRect() != widget.rect()
        # Not squeezed below its least height (as Qt decides it: the one set, else the hint).
        least = widget.minimumHeight() or widget.minimumSizeHint().height()
        squeezed = widget.height() < least
        if not widget.isVisible() or not window.rect().contains(where) or clipped or squeezed:
            bad.append(f"{name} at {where.getRect()} in {window.rect().getRect()}")
    return bad


def _needed(window: MainWindow) -> dict[str, QWidget]:
    page = window.reception
    widgets: dict[str, QWidget] = {
        "procedure picker": page.picker.query,
        "checklist": page.checklist,
        "verdict": page.verdict.headline,
        "verdict details": page.verdict.details,
        "status bar": window.statusBar(),
        "why not": page.why,
    }
    for action, button in page.action_buttons.items():
        if action.isVisible():
            widgets[action.objectName()] = button
    if page.photo_panel.isVisible():
        panel = page.photo_panel
        for control in panel.controls_in_order():
            widgets[control.objectName()] = control
        widgets["photo preview"] = panel.preview
        widgets["photo hint"] = panel.hint
    return widgets


@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_every_procedure_fits_the_counter_screen(
    window: MainWindow, catalogue: Catalogue, width: int, height: int
) -> None:
    _laid_out(window, width, height)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum
    assert _outside(window, _needed(window)) == []
    page = window.reception
    photo_shown = []
    for procedure in catalogue.procedures:
        page.picker.choose(procedure)
        _laid_out(window, width, height)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= width and minimum.height() <= height, (procedure, minimum)
        assert _outside(window, _needed(window)) == [], procedure
        if page.photo_panel.isVisible():
            photo_shown.append(procedure)
    assert "doi-gtvt" in photo_shown  # an exchange's photo panel was among those checked
    page.clear()  # nothing left to save: closing the window does not ask


@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_the_class_choice_fits_with_its_warning(
    window: MainWindow, width: int, height: int
) -> None:
    """An exchange of a B1 and a B2 received under Law 36/2024's classes: "B1 automatic only",
    both choices of class (each shown whole when it has the focus) and the warning beside
    the verdict, all inside the window."""
    page = window.reception
    page.picker.choose("doi-gtvt")
    page.licence.classes.set_value(["B1", "B2"])
    page.licence.issued.set_value("10/01/2017")
    page.reassess()
    _laid_out(window, width, height)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum
    choices = [field for field in page.licence.class_choices if field.widget.isVisible()]
    assert [field.choice.held_class for field in choices] == ["B1", "B2"]
    assert _outside(window, {**_needed(window), "class warning": page.class_warning}) == []
    for field in [page.licence.automatic, *choices]:
        field.widget.setFocus()
        _laid_out(window, width, height)  # the column scrolls to the focused field
        assert _outside(window, {field.path: field.widget}) == []
    page.clear()


@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_the_print_preview_fits_with_its_print_button(
    qtbot: QtBot, window: MainWindow, width: int, height: int
) -> None:
    from app.papers import print_preferences, render_sample

    settings = window.session.settings
    pdf = render_sample("bm01", settings)
    preview = PrintPreviewDialog(pdf, print_preferences(settings, "bm01"), "BM 01", window)
    qtbot.addWidget(preview)
    preview.fit_to(QRect(0, 0, width, height))
    preview.show()
    qtbot.waitExposed(preview)
    QApplication.processEvents()
    assert preview.width() <= width and preview.height() <= height
    assert _outside(preview, {"print": preview.print_button}) == []


@pytest.mark.slow
@pytest.mark.skipif("QT_SCALE_FACTOR" in os.environ, reason="this is the scaled run itself")
@pytest.mark.parametrize("factor", list(SCALED))
def test_the_same_on_1920x1080_scaled(factor: str) -> None:
    """1920×1080 at 125 % or 150 %: the same checks at its logical size, drawn scaled."""
    width, _height = SCALED[factor]
    env = {**os.environ, "QT_SCALE_FACTOR": factor, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider"]
    command += ["-k", f"fits and {width}"]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_the_settings_and_sign_in_dialogs_fit(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    from ui.sign_in import SignInDialog, session_gate

    settings_dialog = window.show_settings(it_approval(window.session))
    sign_in = SignInDialog(session_gate(session), session.settings, window.operations)
    qtbot.addWidget(sign_in)
    sign_in.show()
    for dialog in (settings_dialog, sign_in):
        qtbot.waitExposed(dialog)
        least, size = dialog.minimumSizeHint(), dialog.size()
        # With room for a title bar and a task bar on a 1280×720 screen.
        assert least.width() <= 1240 and least.height() <= 660, (dialog, least)
        assert size.width() <= 1240 and size.height() <= 660, (dialog, size)
    settings_dialog.reject()


@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_the_day_close_dialog_fits_with_its_reasons_and_its_papers(
    qtbot: QtBot, window: MainWindow, width: int, height: int
) -> None:
    """Asked with a central database (the longest list of checks), refused for every reason a
    close can have (the longest list of reasons), then closed with explained gaps."""
    import datetime as dt

    from app.day_close import (
        CENTRE_DIFFERS,
        CODE_GAP,
        INCOMPLETE,
        NOT_AT_CENTRE,
        REASONS,
        CloseReason,
        DayClosure,
        DayNotClosable,
    )
    from app.i18n import Message
    from db.day_close import ClosedDay
    from ui.day_close_dialog import DayCloseDialog

    day = dt.date(2026, 11, 23)
    dialog = DayCloseDialog(day, 1, True, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    items = Message(", ".join(["000.17.22.H56-261123-0001 (chưa in phiếu)"] * 5), "…")
    reasons = [
        CloseReason(INCOMPLETE, REASONS[INCOMPLETE], {"count": 7, "items": items}),
        CloseReason(CODE_GAP, REASONS[CODE_GAP], {"items": items}),
        CloseReason(NOT_AT_CENTRE, REASONS[NOT_AT_CENTRE], {"count": 9, "items": items}),
        CloseReason(CENTRE_DIFFERS, REASONS[CENTRE_DIFFERS], {"centre": 41, "ours": 42}),
    ]
    dialog.refused(DayNotClosable(day, reasons))
    closed = ClosedDay(
        "id",
        day,
        1,
        dt.datetime(2026, 11, 23, 17, 30),
        "Trần Thị Lan",
        "lan.tt",
        42,
        "ab" * 32,
        None,
    )
    gaps = tuple((f"000.17.22.H56-261123-{serial:04d}", "voided") for serial in range(1, 9))
    for state in ("refused", "closed"):
        if state == "closed":
            dialog.closed(DayClosure(closed, gaps, (), already=False))
        _laid_out(dialog, dialog.width(), dialog.height())
        least, size = dialog.minimumSizeHint(), dialog.size()
        # With room for a title bar and a task bar.
        assert least.width() <= width - 40 and least.height() <= height - 60, (state, least)
        assert size.width() <= width - 40 and size.height() <= height - 60, (state, size)
        shown = {
            name: button
            for name, button in (
                ("confirm", dialog.confirm),
                ("register", dialog.register_button),
                ("summary", dialog.summary_button),
                ("cancel", dialog.cancel),
            )
            if button.isVisible()
        }
        assert _outside(dialog, {**shown, "outcome": dialog.outcome}) == [], state
    dialog.reject()


@pytest.mark.parametrize(("width", "height"), FIT_SIZES)
def test_the_card_data_tab_fits_with_its_reasons_and_actions(
    qtbot: QtBot,
    window: MainWindow,
    codes: list[str],  # noqa: F811 (the fixture imported above)
    width: int,
    height: int,
) -> None:
    """Ctrl+7 with a failing record selected (its reasons under the list) and a batch's
    outcome said: the filter, the day, the list, both texts and every action button."""
    page = window.card_data
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.table.rowCount() == len(codes))
    page.table.setCurrentCell([line.state for line in page.rows].index("failing"), 0)
    left_out = ", ".join(f"{code} (Hạng được cấp: chưa chọn B hay C1)" for code in codes)
    page.say(f"GPLX_000.17.22.H56_20261123_Q01_001: 2. {left_out}", problem=False)
    _laid_out(window, width, height)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum
    needed: dict[str, QWidget] = {
        "filter": page.filter,
        "day": page.day,
        "list": page.table,
        "reasons": page.details,
        "said": page.said,
        "status bar": window.statusBar(),
    }
    for button in (page.export_button, page.import_button, page.verify_button, page.again_button):
        needed[button.objectName()] = button
    assert _outside(window, needed) == []
    # Every line of the texts is shown, and the list shows rows, not only its header.
    for label in (page.details, page.said):
        assert label.height() >= label.heightForWidth(label.width()), label.objectName()
    assert page.table.viewport().height() > 3 * page.table.rowHeight(0)
