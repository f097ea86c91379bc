"""The statistics tab: the period, the official report's table with the form's header, every
number opening its dossiers, the day summary and its charts, by keyboard, on a counter screen.

Most tests give the page a report made by hand (the numbers are the test's own, so each cell
is checked against a known value); the last ones run the window on a real store through
``app.statistics``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier_queries import look_up
from app.statistics.model import (
    DayFigure,
    DaySummary,
    OfficialReport,
    PeopleLine,
    ReportCounts,
    ReportRow,
    VerdictCounts,
)
from camera.sources import FrameSource
from tests.db.conftest import example_request
from tests.db.workers import _receive_one
from tests.ui.conftest import MONDAY_0910, window_language
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.qt import QApplication, QPoint, QRect, Qt, QTableWidget, QWidget
from ui.statistics_page import (
    RESIDUE_COLUMN,
    WITHDRAWN_COLUMN,
    DossierListDialog,
    StatisticsPage,
)

FIRST, LAST = dt.date(2026, 11, 1), dt.date(2026, 11, 23)
FIELD = "Đường bộ"
ROOT = Path(__file__).resolve().parents[2]


def _codes(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}-{n:03d}" for n in range(1, count + 1))


def _row(catalogue: Catalogue, procedure_id: str, counts: ReportCounts, tag: str) -> ReportRow:
    dossiers = {key: _codes(f"{tag}{key[:6]}", getattr(counts, key)) for key in counts.__dict__}
    return ReportRow(
        FIELD,
        procedure_id,
        catalogue.procedures[procedure_id].name,
        counts,
        MappingProxyType({key: codes for key, codes in dossiers.items() if codes}),
    )


# Two procedures of one field; gv-cap adds up, doi-gtvt has one dossier too many in (3).
GV = ReportCounts(
    received_online=2,
    received_in_person=5,
    carried_over=3,
    resolved_early=1,
    resolved_on_time=4,
    resolved_late=1,
    in_progress_within=2,
    in_progress_overdue=1,
    withdrawn=1,
)
DOI = ReportCounts(received_in_person=4, resolved_on_time=2, in_progress_within=1)


def _report(catalogue: Catalogue, doi: ReportCounts = DOI) -> OfficialReport:
    return OfficialReport(
        first_day=FIRST,
        last_day=LAST,
        cut_off=dt.datetime(2026, 11, 24),
        unit="Sở Giao thông vận tải Thành phố Hồ Chí Minh",
        points=("252 Lý Chính Thắng",),
        rows=(_row(catalogue, "gv-cap", GV, "G"), _row(catalogue, "doi-gtvt", doi, "D")),
    )


def _summary(catalogue: Catalogue) -> DaySummary:
    gv, doi = catalogue.procedures["gv-cap"].name, catalogue.procedures["doi-gtvt"].name
    return DaySummary(
        day=LAST,
        point="252 Lý Chính Thắng",
        per_officer=(
            PeopleLine("Nguyễn Thị Hoa", VerdictCounts(5, 2, 1), handed_back=3),
            PeopleLine("Trần Văn Bình", VerdictCounts(2, 0, 0), handed_back=1),
        ),
        per_counter=(PeopleLine("1", VerdictCounts(7, 2, 1), handed_back=4),),
        by_procedure=(
            ("gv-cap", gv, VerdictCounts(4, 1, 1)),
            ("doi-gtvt", doi, VerdictCounts(3, 1, 0)),
        ),
        by_channel=(("direct", VerdictCounts(6, 2, 1)), ("online", VerdictCounts(1, 0, 0))),
        handed_back=4,
        forwarded=6,
        reprints=1,
        reappointments=2,
        applicants_per_hour=tuple(
            (hour, {8: 3, 9: 4, 14: 2}.get(hour, 0)) for hour in range(7, 18)
        ),
        withdrawn=1,
        median_seconds=312.0,
        p90_seconds=540.0,
    )


class Sources:
    """The page's numbers, made by hand; what it asked for, in order."""

    def __init__(self, catalogue: Catalogue, doi: ReportCounts = DOI) -> None:
        self.catalogue, self.doi = catalogue, doi
        self.asked: list[tuple[dt.date, dt.date]] = []
        self.days: list[dt.date] = []
        self.points: list[tuple[str, str]] = []  # (the report's, the day's)
        self.figures: list[tuple[dt.date, str, DayFigure]] = []
        self.centre_asked: list[tuple[dt.date, dt.date, str]] = []

    def report(self, first: dt.date, last: dt.date, point: str = "") -> OfficialReport:
        self.asked.append((first, last))
        self.points.append((point, ""))
        return _report(self.catalogue, self.doi)

    def centre(self, first: dt.date, last: dt.date, point: str = "") -> OfficialReport:
        """The report as the centre counts it: every counter of the point."""
        self.centre_asked.append((first, last, point))
        self.points.append((point, ""))
        return dataclasses.replace(_report(self.catalogue, self.doi), source="centre")

    def day(self, day: dt.date, point: str = "") -> DaySummary:
        self.days.append(day)
        self.points[-1] = (self.points[-1][0], point)
        return _summary(self.catalogue)

    def dossiers(self, day: dt.date, point: str, figure: DayFigure) -> tuple[str, ...]:
        """Keys that name the figure asked for, so the list shows what was asked."""
        self.figures.append((day, point, figure))
        return figure_codes(figure)


def figure_codes(figure: DayFigure) -> tuple[str, ...]:
    line = figure.officer or figure.counter_number or figure.procedure_id or figure.channel
    return (f"{figure.kind}/{line or 'day'}/1", f"{figure.kind}/{line or 'day'}/2")


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window's language: Vietnamese, as at the counter, unless a test asks for another."""
    with window_language(str(getattr(request, "param", "vi"))) as chosen:
        yield chosen


@pytest.fixture
def sources(catalogue: Catalogue) -> Sources:
    return Sources(catalogue)


@pytest.fixture
def page(
    qtbot: QtBot,
    session: CounterSession,
    operations: Operations,
    catalogue: Catalogue,
    sources: Sources,
    language: str,
) -> Iterator[StatisticsPage]:
    shown = StatisticsPage(
        session,
        operations,
        catalogue,
        lambda: MONDAY_0910,
        report=sources.report,
        centre=sources.centre,
        day=sources.day,
        figures=sources.dossiers,
    )
    qtbot.addWidget(shown)
    shown.resize(1366, 700)
    with qtbot.waitCallback() as read:
        _on_numbers(shown, read)
        shown.show()
    yield shown


def _on_numbers(page: StatisticsPage, callback: object) -> None:
    """``callback`` once the page has shown the numbers it asked for."""
    original = page.show_numbers

    def shown(report: OfficialReport, summary: DaySummary) -> None:
        original(report, summary)
        page.show_numbers = original  # type: ignore[method-assign]
        callback()  # type: ignore[operator]

    page.show_numbers = shown  # type: ignore[method-assign]


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def _cells(page: StatisticsPage, row: int) -> list[str]:
    table = page.table
    return [_text(table, row, column) for column in range(table.columnCount())]


def _press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def test_the_report_shows_each_cell_under_the_forms_header(
    page: StatisticsPage, sources: Sources, catalogue: Catalogue
) -> None:
    assert sources.asked == [(FIRST, LAST)]  # this month, to today
    assert sources.days == [LAST]
    assert page.first.text() == "01/11/2026" and page.last.text() == "23/11/2026"
    gv = catalogue.procedures["gv-cap"].name
    doi = catalogue.procedures["doi-gtvt"].name
    # The field with its subtotal, its procedures numbered, the total row.
    #                     (3)  (4)  (5)  (6)  (7)  (8)  (9) (10) (11) (12) (13) extra residue
    assert _cells(page, 0) == [
        "I",
        FIELD,
        "14",
        "2",
        "9",
        "3",
        "8",
        "1",
        "6",
        "1",
        "4",
        "3",
        "1",
        "1",
        "1",
    ]
    assert _cells(page, 1) == [
        "1",
        gv,
        "10",
        "2",
        "5",
        "3",
        "6",
        "1",
        "4",
        "1",
        "3",
        "2",
        "1",
        "1",
        "0",
    ]
    assert _cells(page, 2) == [
        "2",
        doi,
        "4",
        "0",
        "4",
        "0",
        "2",
        "0",
        "2",
        "0",
        "1",
        "1",
        "0",
        "0",
        "1",
    ]
    assert _cells(page, 3) == [
        "",
        "Tổng cộng",
        "14",
        "2",
        "9",
        "3",
        "8",
        "1",
        "6",
        "1",
        "4",
        "3",
        "1",
        "1",
        "1",
    ]
    # The form's header: groups over their columns, the column numbers under them.
    texts = {(cell.level, cell.column): cell.text for cell in page.header.cells}
    assert texts[(0, 2)] == "Số hồ sơ nhận giải quyết"
    assert texts[(1, 3)] == "Trong kỳ"
    assert texts[(2, 4)] == "Trực tiếp, dịch vụ bưu chính"
    assert texts[(1, 5)] == "Từ kỳ trước"
    assert texts[(0, 6)] == "Số hồ sơ đã giải quyết"
    assert [texts[(1, c)] for c in (7, 8, 9)] == ["Trước hạn", "Đúng hạn", "Quá hạn"]
    assert texts[(0, 10)] == "Số lượng hồ sơ đang giải quyết"
    assert [texts[(1, c)] for c in (10, 11, 12)] == ["Tổng số", "Trong hạn", "Quá hạn"]
    assert [texts[(3, c)] for c in range(13)] == [f"({n})" for n in range(1, 14)]
    heights = page.header.level_heights()
    assert len(heights) == 4 and page.header.height() >= sum(heights)
    # doi-gtvt does not add up: the residue is shown, column and sentence, not hidden.
    assert not page.table.isColumnHidden(RESIDUE_COLUMN)
    assert "Không khớp" in page.check.text() and f"{doi}: +1" in page.check.text()
    assert "Sở Giao thông vận tải" in page.report_heading.text()
    assert "00:00 24/11/2026" in page.report_heading.text()


def test_a_report_that_adds_up_hides_the_residue_column(
    qtbot: QtBot,
    session: CounterSession,
    operations: Operations,
    catalogue: Catalogue,
    language: str,
) -> None:
    sources = Sources(
        catalogue, ReportCounts(received_in_person=3, resolved_on_time=2, in_progress_within=1)
    )
    page = StatisticsPage(
        session, operations, catalogue, lambda: MONDAY_0910, report=sources.report, day=sources.day
    )
    qtbot.addWidget(page)
    page.show_numbers(sources.report(FIRST, LAST), sources.day(LAST))
    assert page.table.isColumnHidden(RESIDUE_COLUMN)
    assert "khớp" in page.check.text() and "Không khớp" not in page.check.text()


def test_every_number_opens_the_list_of_its_dossiers(
    qtbot: QtBot, page: StatisticsPage, session: CounterSession, catalogue: Catalogue
) -> None:
    # The total of (7) on the gv-cap row: its early, on time and late dossiers, by Enter.
    page.table.setFocus()
    page.table.setCurrentCell(1, 6)
    _press(qtbot, Qt.Key.Key_Return)
    dialog = page.list_dialog
    assert isinstance(dialog, DossierListDialog)
    qtbot.waitExposed(dialog)
    expected = sorted([*_codes("Gresolv", 1), *_codes("Gresolv", 4), *_codes("Gresolv", 1)])
    assert dialog.shown_codes() == expected and len(expected) == 6
    assert "(7)" in dialog.windowTitle() and "6" in dialog.windowTitle()
    # Each cell's own dossiers: (12) of the total row; the extra "withdrawn" of gv-cap.
    for row, column, count in ((3, 11, 3), (1, WITHDRAWN_COLUMN, 1), (0, 2, 14)):
        codes = page.cell_codes(row, column)
        assert codes is not None and len(codes) == count
    assert page.cell_codes(1, 1) is None  # the name is no number
    # A code not in this store says so; a stored dossier shows its applicant.
    qtbot.waitUntil(lambda: "không có" in dialog.detail.toPlainText())
    dialog.reject()
    dossier_id = _receive_one(session.store, example_request())
    stored = look_up(session.store, dossier_id)
    assert stored is not None and stored.code is not None
    shown = DossierListDialog(
        "x", [stored.code, "ZZ-1"], session, page.operations, page.procedure_name
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: stored.applicant_name in shown.detail.toPlainText())
    assert catalogue.procedures[stored.procedure_id].name in shown.detail.toPlainText()
    shown.filter.setText("zz")
    assert shown.shown_codes() == ["ZZ-1"] and "1 / 2" in shown.count.text()


def test_the_period_is_typed_or_chosen_and_checked(
    qtbot: QtBot, page: StatisticsPage, sources: Sources
) -> None:
    page.first.setFocus()
    page.first.setText("31/11/2026")
    _press(qtbot, Qt.Key.Key_Return)
    assert "Từ ngày" in page.problem.text() and QApplication.focusWidget() is page.first
    page.first.setText("10112026")
    page.last.setText("5/11/26")
    page.last.setFocus()
    _press(qtbot, Qt.Key.Key_Return)
    assert "trước" in page.problem.text()  # the last day before the first
    page.last.setText("24/11/2026")
    _press(qtbot, Qt.Key.Key_Return)
    assert "sau hôm nay" in page.problem.text()
    assert sources.asked == [(FIRST, LAST)]  # nothing asked for a wrong period
    page.last.setText("20.11.2026")
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        _press(qtbot, Qt.Key.Key_Return)
    assert sources.asked[-1] == (dt.date(2026, 11, 10), dt.date(2026, 11, 20))
    assert page.problem.text() == ""
    assert page.first.text() == "10/11/2026"  # written back as papers print it
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        page.today_button.click()
    assert sources.asked[-1] == (LAST, LAST) and sources.days[-1] == LAST
    # Every point first; the points a report covered become choices.
    assert sources.points[-1] == ("", "")
    points = [page.point.itemText(index) for index in range(page.point.count())]
    assert points == ["Mọi điểm tiếp nhận", "252 Lý Chính Thắng"]
    page.point.setFocus()
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        _press(qtbot, Qt.Key.Key_Down)  # a combo box's choice, by keyboard
    assert sources.points[-1] == ("252 Lý Chính Thắng", "252 Lý Chính Thắng")


def test_the_day_summary_and_its_charts(
    qtbot: QtBot, page: StatisticsPage, catalogue: Catalogue
) -> None:
    page.views.setCurrentIndex(1)
    heading = page.day_facts
    assert "23/11/2026" in heading and "9 " in heading  # nine applicants per hour
    people = page.people
    rows = [
        [_text(people, row, column) for column in range(people.columnCount())]
        for row in range(people.rowCount())
    ]
    assert rows[1] == ["Nguyễn Thị Hoa", "5", "2", "1", "8", "3"]
    assert rows[-2] == ["Quầy 1", "7", "2", "1", "10", "4"]
    assert rows[-1] == ["Cả ngày", "7", "2", "1", "10", "4"]  # the day's totals
    names = [_text(page.procedures, row, 0) for row in range(page.procedures.rowCount())]
    assert catalogue.procedures["gv-cap"].name in names
    assert "Nộp hồ sơ trực tiếp" in names and "Đăng ký hồ sơ trực tuyến" in names
    page.views.setCurrentIndex(2)
    hours = {bar.label: bar.total for bar in page.hours_chart.bars}
    assert hours["8h"] == 3 and hours["9h"] == 4 and hours["14h"] == 2 and len(hours) == 11
    assert [bar.total for bar in page.verdicts_chart.bars] == [7, 2, 1]
    assert [bar.values for bar in page.procedures_chart.bars] == [(4, 1, 1), (3, 1, 0)]
    assert "8h: 3" in page.hours_chart.accessibleDescription()
    picture = page.procedures_chart.grab().toImage()
    assert picture.width() > 0  # painted without a Qt warning


DAY_KINDS = ("accepted", "supplement", "refused", "applicants", "handed-back")


def _figures_of(page: StatisticsPage, table: QTableWidget) -> dict[tuple[int, int], DayFigure]:
    """Every cell of a day table that opens a list, and the figure it asks for."""
    found = {}
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            figure = page.day_figure(table, row, column)
            if figure is not None:
                found[row, column] = figure
    return found


def _lines(lines: dict[int, DayFigure], columns: int) -> dict[tuple[int, int], DayFigure]:
    return {
        (row, column): replace(line, kind=DAY_KINDS[column - 1])
        for row, line in lines.items()
        for column in range(1, columns)
    }


def test_every_number_of_the_day_opens_its_dossiers(
    qtbot: QtBot, page: StatisticsPage, sources: Sources
) -> None:
    page.views.setCurrentIndex(1)
    hoa, binh = "Nguyễn Thị Hoa", "Trần Văn Bình"
    # Each number of each line is its line's figure; titles and headings open nothing.
    assert _figures_of(page, page.people) == _lines(
        {
            1: DayFigure("applicants", officer=hoa),
            2: DayFigure("applicants", officer=binh),
            4: DayFigure("applicants", counter_number=1),
            5: DayFigure("applicants"),  # the whole day
        },
        6,
    )
    assert _figures_of(page, page.procedures) == _lines(
        {
            1: DayFigure("applicants", procedure_id="gv-cap"),
            2: DayFigure("applicants", procedure_id="doi-gtvt"),
            4: DayFigure("applicants", channel="direct"),
            5: DayFigure("applicants", channel="online"),
        },
        5,
    )
    # Enter on a cell lists its dossiers, asked for when opened (the day and point shown).
    page.people.setFocus()
    page.people.setCurrentCell(1, 2)
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list_dialog is not None and page.list_dialog.isVisible())
    dialog = page.list_dialog
    assert dialog is not None
    supplement = DayFigure("supplement", officer=hoa)
    assert sources.figures == [(LAST, "252 Lý Chính Thắng", supplement)]
    assert dialog.shown_codes() == list(figure_codes(supplement))
    assert dialog.windowTitle() == f"Bổ sung — {hoa}: 2 hồ sơ"
    dialog.reject()
    # A double click on a number does the same, once.
    table = page.procedures
    item = table.item(5, 4)
    assert item is not None
    where = table.visualItemRect(item).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: page.list_dialog is not dialog)
    online = DayFigure("applicants", channel="online")
    assert sources.figures[1:] == [(LAST, "252 Lý Chính Thắng", online)]
    listed = page.list_dialog
    assert listed is not None and "Đăng ký hồ sơ trực tuyến" in listed.windowTitle()
    listed.reject()
    # The numbers of the line above the tables are links: Tab to one, Enter.
    page.day_heading.setFocus()
    for _ in range(3):  # applicants, decisions, results handed back
        qtbot.keyClick(page.day_heading, Qt.Key.Key_Tab)
    qtbot.keyClick(page.day_heading, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list_dialog is not listed)
    assert sources.figures[-1][2] == DayFigure("handed-back")
    whole_day = page.list_dialog
    assert whole_day is not None
    assert whole_day.windowTitle() == "Đã trả kết quả — 23/11/2026: 2 hồ sơ"
    whole_day.reject()
    for kind in ("forwarded", "withdrawn", "reprints", "reappointments"):
        page.day_heading.linkActivated.emit(kind)  # as a click on the link does
        qtbot.waitUntil(lambda kind=kind: sources.figures[-1][2] == DayFigure(kind))  # type: ignore[misc]


def test_the_report_and_the_day_are_saved_as_papers(
    qtbot: QtBot, page: StatisticsPage, catalogue: Catalogue, tmp_path: Path
) -> None:
    doi = catalogue.procedures["doi-gtvt"].name
    for name in ("bieu06.pdf", "bieu06.xlsx", "tong-hop.pdf"):
        saved = f"Đã lưu: {tmp_path / name}"
        if name.startswith("tong"):
            page.export_day(tmp_path / name)
        else:
            page.export_report(tmp_path / name)
        qtbot.waitUntil(lambda saved=saved: page.problem.text() == saved)  # type: ignore[misc]
    text = _pdf_text(tmp_path / "bieu06.pdf")
    assert "Biểu số 06/VPCP/KSTT" in text and "Lĩnh vực" in text
    assert "01/11/2026" in text and "23/11/2026" in text
    book = openpyxl.load_workbook(tmp_path / "bieu06.xlsx")
    cells = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
    assert doi in cells and 4 in cells  # doi-gtvt's (5), a number, not text
    day = _pdf_text(tmp_path / "tong-hop.pdf")
    assert "23/11/2026" in day and "Nguyễn Thị Hoa" in day


def test_the_tab_by_keyboard(qtbot: QtBot, page: StatisticsPage) -> None:
    """Tab goes through the period's controls in reading order; Ctrl+Tab through the views."""
    page.first.setFocus()
    order = []
    for _ in range(10):
        order.append(QApplication.focusWidget())
        _press(qtbot, Qt.Key.Key_Tab)
    assert order[:9] == [
        page.first,
        page.last,
        page.point,
        page.counted,
        page.today_button,
        page.month_button,
        page.show_button,
        page.save_button,
        page.day_button,
    ]
    page.table.setFocus()
    _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.views.currentIndex() == 1
    _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.views.currentIndex() == 2


def _pdf_text(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


# ---------------------------------------------------------------- the window, a real store


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
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def test_ctrl_6_shows_the_month_of_a_real_store(
    qtbot: QtBot, window: MainWindow, session: CounterSession, catalogue: Catalogue
) -> None:
    dossier_id = _receive_one(session.store, example_request())  # 23/11/2026, in person
    stored = look_up(session.store, dossier_id)
    assert stored is not None and stored.code is not None
    page = window.statistics
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    names = [_text(page.table, row, 1) for row in range(page.table.rowCount())]
    row = names.index(catalogue.procedures["doi-gtvt"].name)
    assert _text(page.table, row, 4) == "1"  # (5): received in person in the period
    assert page.cell_codes(row, 4) == (stored.code,)
    assert _text(page.table, page.table.rowCount() - 1, 2) == "1"  # (3) of the total
    assert page.summary is not None and page.summary.total.accepted == 1
    # The day's numbers open their dossiers from the store: the whole day's accepted.
    page.views.setCurrentIndex(1)
    people = page.people
    people.setFocus()
    people.setCurrentCell(people.rowCount() - 1, 1)
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list_dialog is not None and page.list_dialog.isVisible())
    assert page.list_dialog is not None and page.list_dialog.shown_codes() == [stored.code]
    page.list_dialog.reject()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("language", ["vi", "en"], indirect=True)
def test_the_tab_fits_the_counter_screen(
    qtbot: QtBot, window: MainWindow, width: int, height: int
) -> None:
    page = window.statistics
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        window.tabs.setCurrentWidget(page)
    window.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height
    needed: dict[str, QWidget] = {
        "from": page.first,
        "until": page.last,
        "point": page.point,
        "today": page.today_button,
        "month": page.month_button,
        "show": page.show_button,
        "table": page.table,
    }
    for name, widget in needed.items():
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert widget.isVisible() and window.rect().contains(where), name
    # The table shows its header and rows, not only a scroll bar.
    assert page.table.viewport().height() > 4 * page.table.rowHeight(0)
    # The day view: its tables, whether the day is closed, and the button that closes it.
    page.views.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.day_state.text() != "")
    for _ in range(3):
        QApplication.processEvents()
    for name, widget in {
        "people": page.people,
        "procedures": page.procedures,
        "day state": page.day_state,
        "close the day": page.close_button,
    }.items():
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert widget.isVisible() and window.rect().contains(where), name
    page.views.setCurrentIndex(2)
    QApplication.processEvents()
    for chart in (page.hours_chart, page.verdicts_chart, page.procedures_chart):
        where = QRect(chart.mapTo(window, QPoint(0, 0)), chart.size())
        assert window.rect().contains(where) and chart.height() >= chart.minimumHeight()
    # A day typed wrong: the refusal is said under the period, wrapped inside the page.
    page.first.setFocus()
    page.first.setText("31/11/2026")
    qtbot.keyClick(page.first, Qt.Key.Key_Return)
    for _ in range(3):
        QApplication.processEvents()
    problem = page.problem
    where = QRect(problem.mapTo(page, QPoint(0, 0)), problem.size())
    assert problem.text() and page.rect().contains(where)
    assert where.top() > page.first.mapTo(page, QPoint(0, 0)).y() + page.first.height() // 2
    assert problem.height() >= problem.heightForWidth(problem.width())  # every line shown


# ---------------------------------------------------------------- pictures for the docs


def _busy_report(catalogue: Catalogue) -> OfficialReport:
    """A month of every procedure, for the pictures (made up, adding up)."""
    rows = []
    for index, procedure in enumerate(catalogue.procedures.values()):
        within, overdue, early, late = index % 3, int(index == 4), 2 + index % 4, int(index == 2)
        online, carried = (index * 3) % 5, index % 4
        on_time = 6 + (index * 7) % 11
        withdrawn = int(index == 6)
        person = early + on_time + late + within + overdue + withdrawn - online - carried
        counts = ReportCounts(
            online, person, carried, early, on_time, late, within, overdue, withdrawn
        )
        rows.append(_row(catalogue, procedure.id, counts, procedure.id[:2].upper()))
    fields = [replace_field(row, catalogue) for row in rows]
    return OfficialReport(
        first_day=FIRST,
        last_day=LAST,
        cut_off=dt.datetime(2026, 11, 24),
        unit="Sở Giao thông vận tải Thành phố Hồ Chí Minh",
        points=("252 Lý Chính Thắng",),
        rows=tuple(fields),
    )


def replace_field(row: ReportRow, catalogue: Catalogue) -> ReportRow:
    return replace(row, field=catalogue.procedures[row.procedure_id].field)


@pytest.mark.slow
@pytest.mark.skipif("QT_SCALE_FACTOR" in os.environ, reason="this is the scaled run itself")
def test_the_same_on_1920x1080_at_150_percent() -> None:
    """1920×1080 at 150 %: the fit checks at its logical size (1280×720), drawn scaled."""
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider"]
    command += ["-k", "fits and 1280"]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_the_report_of_every_counter_is_counted_at_the_centre(
    qtbot: QtBot, page: StatisticsPage, sources: Sources
) -> None:
    assert "đếm trong dữ liệu của quầy này" in page.report_heading.text()
    page.counted.setFocus()
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        _press(qtbot, Qt.Key.Key_Down)  # "every counter (centre)", by keyboard
    assert page.from_centre() and sources.centre_asked == [(FIRST, LAST, "")]
    assert "đếm tại trung tâm, mọi quầy" in page.report_heading.text()
    # The day's summary stays this counter's own.
    assert sources.days[-1] == LAST


def test_a_counter_without_a_centre_says_so_when_asked_for_every_counter(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.statistics
    with qtbot.waitCallback() as read:
        _on_numbers(page, read)
        qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page.counted.setCurrentIndex(1)
    page.show_period(progress=False)
    qtbot.waitUntil(lambda: page.problem.isVisible())
    assert "chưa được đặt cơ sở dữ liệu trung tâm" in page.problem.text()
