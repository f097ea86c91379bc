"""Statistics: the official report (Biểu số 06/VPCP/KSTT) of a period, the day's counter summary
and its charts.

The period is typed as papers print a date (``app.dates``), or set with a button: today or
this month; Enter in a date or the Show button reads the numbers, of every receiving point the
store holds or of the one chosen. Ctrl+Tab goes from the report to the day summary and the
charts. Ctrl+S saves the report on screen (the same numbers and cut-off) as the PDF to sign
or the workbook (``printing/report06_*``); the day summary saves as its A4 PDF; both are
written on the worker with a progress box. The
report and the summary are computed from the dossiers' facts by ``app.statistics`` on the
store's worker thread (``ui.operations``), never on the window's: a year of dossiers takes a
moment, and a progress box says so. The day summary and the charts are for the period's last
day.

The report's table has the form's header (statistics.md §2: the groups over their columns, the
column numbers under them), the procedures under their field with the field's subtotal, and the
total row; beside the form's 13 columns, the extra "withdrawn" column, and the residue of
(3) = (7) + (11) + withdrawn kept apart whenever a row does not add up (shown, never hidden).
Every number opens the list of the dossiers behind it (Enter or a double click on the cell);
the list shows the selected dossier's details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.catalogue.model import Catalogue
from app.changes import Changes
from app.counter import CounterSession
from app.dates import DateKind, format_date, parse_date
from app.dossier.evaluation import CHANNEL_LABELS
from app.dossier.statuses import status_label
from app.dossier_queries import VOIDED, StoredDossier, look_up, where_each_stands
from app.files import write_atomically
from app.papers.common import office_of
from app.papers.statistics import day_summary_file, report_file
from app.statistics.day import day_summary
from app.statistics.model import (
    FORM_COLUMNS,
    TOTAL_COLUMNS,
    DaySummary,
    OfficialReport,
    PeopleLine,
    ReportCounts,
    ReportRow,
    VerdictCounts,
)
from app.statistics.official import official_report
from ui.charts import Bar, BarChart
from ui.operations import Operations, officer_message
from ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QFont,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QModelIndex,
    QPainter,
    QPen,
    QPushButton,
    QRect,
    QShowEvent,
    QSize,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

KEY_SAVE = "Ctrl+S"  # as the receiving screen saves; each page's own key
# The numbers of the days first to last (or of one day) at a receiving point ("": all).
ReportSource = Callable[[dt.date, dt.date, str], OfficialReport]
DaySource = Callable[[dt.date, str], DaySummary]

RESIDUE_RED = QColor("#c62828")
PROBLEM_STYLE = "color: #c62828;"
SUBTOTAL_BACKGROUND = QColor("#eef3f8")
# The report table's columns: STT, the name, the form's columns 3 … 13, then the extras.
FIRST_NUMBER = 2
WITHDRAWN_COLUMN = 13
RESIDUE_COLUMN = 14
COLUMNS = 15
# Where the keys of a cell's dossiers come from, by table column.
CELL_KEYS: Mapping[int, tuple[str, ...]] = {
    **{number - 1: keys for number, keys in TOTAL_COLUMNS.items()},
    **{number - 1: (key,) for key, number in FORM_COLUMNS.items()},
    WITHDRAWN_COLUMN: ("withdrawn",),
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# ---------------------------------------------------------------- the form's header


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a header of several levels: where it starts and how far it spans."""

    level: int
    column: int
    text: str
    levels: int = 1
    columns: int = 1


class GroupedHeader(QHeaderView):
    """A horizontal header drawn as the paper form draws it: group titles over their columns,
    titles spanning levels, wrapped in the width their columns have."""

    def __init__(self, cells: Sequence[HeaderCell], levels: int, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.cells = tuple(cells)
        self.levels = levels
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.sectionResized.connect(lambda *_: self.updateGeometry())

    def _width(self, cell: HeaderCell) -> int:
        return sum(
            0 if self.isSectionHidden(column) else self.sectionSize(column)
            for column in range(cell.column, cell.column + cell.columns)
        )

    def _needed(self, cell: HeaderCell) -> int:
        metrics = self.fontMetrics()
        width = max(self._width(cell) - 6, 10)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRect(0, 0, width, 10_000), flags, cell.text).height() + 6

    def level_heights(self) -> list[int]:
        """Each level as high as its tallest one-level cell needs (one line at least); a cell
        spanning levels gets the rest of what it needs added to its last level."""
        heights = [self.fontMetrics().height() + 6] * self.levels
        for cell in sorted(self.cells, key=lambda cell: cell.levels):
            if self._width(cell) == 0:
                continue
            span = range(cell.level, cell.level + cell.levels)
            short = self._needed(cell) - sum(heights[level] for level in span)
            if short > 0:
                heights[span[-1]] += short
        return heights

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        hint.setHeight(sum(self.level_heights()))
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:  # noqa: N802
        """Nothing per section: ``paintEvent`` draws the cells over their spans."""

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API; any event is wider)
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(self.viewport().rect(), palette.button())
        heights = self.level_heights()
        tops = [sum(heights[:level]) for level in range(self.levels)]
        bold = QFont(self.font())
        bold.setBold(True)
        grid = QPen(palette.mid().color())
        for cell in self.cells:
            width = self._width(cell)
            if width == 0:
                continue
            left = self.sectionViewportPosition(cell.column)
            top = tops[cell.level]
            height = sum(heights[cell.level : cell.level + cell.levels])
            box = QRect(left, top, width, height)
            painter.setPen(grid)
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            painter.setPen(palette.buttonText().color())
            painter.setFont(bold if cell.level == 0 and cell.columns > 1 else self.font())
            painter.drawText(
                box.adjusted(3, 2, -3, -2),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                cell.text,
            )
        painter.end()


# ---------------------------------------------------------------- the dossiers behind a number


class DossierListDialog(QDialog):
    """The codes behind a number, filtered as typed; the selected dossier's details beside."""

    def __init__(
        self,
        title: str,
        codes: Sequence[str],
        session: CounterSession,
        operations: Operations,
        procedure_name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.session, self.operations, self.procedure_name = session, operations, procedure_name
        self.codes = tuple(codes)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("dossierFilter")
        self.filter.setPlaceholderText(self.tr("Part of a code, to narrow the list"))
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("dossierCodes")
        self.list.setUniformItemSizes(True)  # a year's column may hold thousands
        self.list.addItems(list(self.codes))
        self.list.currentTextChanged.connect(self._open)
        self.detail = QTextBrowser()
        self.detail.setObjectName("dossierListDetail")
        self.detail.setTabChangesFocus(True)
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)
        left.addWidget(self.count)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.detail, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self._filter("")
        if self.codes:
            self.list.setCurrentRow(0)
        else:
            self.detail.setPlainText(self.tr("No dossier behind this number."))
        self.list.setFocus()

    def shown_codes(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.text() for item in items if not item.isHidden()]

    def _filter(self, text: str) -> None:
        wanted = text.strip().upper()
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(wanted) and wanted not in item.text().upper()
            item.setHidden(hidden)
            shown += not hidden
        self.count.setText(
            self.tr("{shown} of {n} dossier(s)").format(shown=shown, n=len(self.codes))
        )

    def _open(self, code: str) -> None:
        if not code:
            return
        store = self.session.store

        def read() -> tuple[StoredDossier | None, dict[str, str]]:
            dossier = look_up(store, code)
            return dossier, where_each_stands(store, [dossier]) if dossier else {}

        self.operations.query(
            self,
            read,
            lambda found: self._detail(code, *found),
            failure=lambda error: self.detail.setPlainText(officer_message(error)),
        )

    def _detail(self, code: str, dossier: StoredDossier | None, stands: dict[str, str]) -> None:
        current = self.list.currentItem()
        if current is None or current.text() != code:
            return  # another dossier was chosen meanwhile
        if dossier is None:
            self.detail.setPlainText(
                self.tr("Dossier {code} is not in this counter's store.").format(code=code)
            )
            return
        status = (
            VOIDED()
            if dossier.voided is not None
            else status_label(stands.get(dossier.id, dossier.status))
        )
        lines = [
            f"{dossier.code or '—'} — {dossier.applicant_name}",
            self.procedure_name(dossier.procedure_id),
            self.tr("Received: {moment}").format(moment=_minute(dossier.received_at)),
            self.tr("Result due: {moment}").format(moment=_minute(dossier.due_at)),
            self.tr("Status: {status}").format(status=status),
        ]
        self.detail.setPlainText("\n".join(lines))


# ---------------------------------------------------------------- the page


@dataclass(frozen=True)
class _ReportLine:
    """A row of the report table: a field's subtotal, a procedure, or the total."""

    number: str
    name: str
    counts: ReportCounts
    dossiers: Callable[[str], tuple[str, ...]]
    kind: str  # "field", "procedure", "total"


class StatisticsPage(QWidget):
    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        catalogue: Catalogue,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
        *,
        report: ReportSource | None = None,
        day: DaySource | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.report_source = report or self._official_report
        self.day_source = day or self._day_summary
        self.report: OfficialReport | None = None
        self.summary: DaySummary | None = None
        self.lines: list[_ReportLine] = []
        self.stale = True  # read afresh when next shown
        self.list_dialog: DossierListDialog | None = None

        # The period.
        self.first = QLineEdit()
        self.first.setObjectName("statsFrom")
        self.last = QLineEdit()
        self.last.setObjectName("statsTo")
        for edit in (self.first, self.last):
            edit.setPlaceholderText("dd/mm/yyyy")
            edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)
            edit.returnPressed.connect(self.show_period)
            edit.editingFinished.connect(lambda edit=edit: self._normalise(edit))
        from_label = QLabel(self.tr("&From"))
        from_label.setBuddy(self.first)
        to_label = QLabel(self.tr("&Until"))
        to_label.setBuddy(self.last)
        self.today_button = QPushButton(self.tr("Tod&ay"))
        self.today_button.setObjectName("statsToday")
        self.today_button.clicked.connect(lambda: self.choose_today())
        self.month_button = QPushButton(self.tr("This &month"))
        self.month_button.setObjectName("statsMonth")
        self.month_button.clicked.connect(lambda: self.choose_this_month())
        self.show_button = QPushButton(self.tr("Show  [Enter]"))
        self.show_button.setObjectName("statsShow")
        self.show_button.clicked.connect(lambda: self.show_period())
        self.save_action = QAction(self.tr("Save the report…"), self)
        self.save_action.setShortcut(QKeySequence(KEY_SAVE))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_report)
        self.addAction(self.save_action)
        shown = QKeySequence(KEY_SAVE).toString(QKeySequence.SequenceFormat.NativeText)
        self.save_button = QPushButton(self.tr("Save the report…") + f"  [{shown}]")
        self.save_button.setObjectName("statsSave")
        self.save_button.setToolTip(self.tr("Biểu 06 as PDF (A4 landscape, to sign) or XLSX"))
        self.save_button.clicked.connect(self.save_action.trigger)
        self.save_action.enabledChanged.connect(self.save_button.setEnabled)
        self.save_action.setEnabled(False)  # until a report is shown
        self.day_button = QPushButton(self.tr("Day summary PDF…"))
        self.day_button.setObjectName("statsSaveDay")
        self.day_button.clicked.connect(lambda: self.save_day())
        self.day_button.setEnabled(False)
        self.point = QComboBox()
        self.point.setObjectName("statsPoint")
        # A point's address may be long: the box keeps to ~20 letters, the list shows it whole.
        self.point.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.point.setMinimumContentsLength(20)
        self.point.addItem(self.tr("All points"), "")
        own = session.settings.receiving_point
        if own:
            self.point.addItem(own, own)
        self.point.activated.connect(lambda _index: self.show_period())
        point_label = QLabel(self.tr("&Point"))
        point_label.setBuddy(self.point)
        self.problem = QLabel()
        self.problem.setObjectName("statsProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        period = QHBoxLayout()
        for widget in (
            from_label,
            self.first,
            to_label,
            self.last,
            point_label,
            self.point,
            self.today_button,
            self.month_button,
            self.show_button,
            self.save_button,
            self.day_button,
        ):
            period.addWidget(widget)
        period.addWidget(self.problem, 1)

        # The official report.
        self.report_heading = QLabel()
        self.report_heading.setObjectName("reportHeading")
        self.report_heading.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("reportTable")
        self.header = GroupedHeader(self._header_cells(), 4, self.table)
        self.table.setHorizontalHeader(self.header)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.activated.connect(self._activated)
        self._size_columns()
        self.check = QLabel()
        self.check.setObjectName("reportCheck")
        self.check.setWordWrap(True)
        report_page = QWidget()
        report_layout = QVBoxLayout(report_page)
        report_layout.addWidget(self.report_heading)
        report_layout.addWidget(self.table, 1)
        report_layout.addWidget(self.check)

        # The day's summary.
        self.day_heading = QLabel()
        self.day_heading.setObjectName("dayHeading")
        self.day_heading.setWordWrap(True)
        self.people = self._verdict_table("peopleTable", self.tr("Officer or counter"), True)
        self.procedures = self._verdict_table("procedureTable", self.tr("Procedure or channel"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.people)
        split.addWidget(self.procedures)
        day_page = QWidget()
        day_layout = QVBoxLayout(day_page)
        day_layout.addWidget(self.day_heading)
        day_layout.addWidget(split, 1)

        # The charts, of the same day.
        accepted, supplement, refused = (
            self.tr("Accepted (BM 01)"),
            self.tr("Supplement (BM 02)"),
            self.tr("Refused (BM 03)"),
        )
        self.hours_chart = BarChart(self.tr("Applicants per hour"), [self.tr("Applicants")])
        self.hours_chart.setObjectName("hoursChart")
        self.verdicts_chart = BarChart(
            self.tr("Verdicts"), [accepted, supplement, refused], legend=False
        )
        self.verdicts_chart.setObjectName("verdictsChart")
        self.procedures_chart = BarChart(
            self.tr("Per procedure"), [accepted, supplement, refused], horizontal=True
        )
        self.procedures_chart.setObjectName("proceduresChart")
        self.charts_heading = QLabel()
        self.charts_heading.setWordWrap(True)
        charts_page = QWidget()
        charts = QGridLayout(charts_page)
        charts.addWidget(self.charts_heading, 0, 0, 1, 2)
        charts.addWidget(self.hours_chart, 1, 0, 1, 2)
        charts.addWidget(self.verdicts_chart, 2, 0)
        charts.addWidget(self.procedures_chart, 2, 1)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 2)
        charts.setRowStretch(1, 1)
        charts.setRowStretch(2, 1)

        self.views = QTabWidget()
        self.views.setObjectName("statisticsViews")
        self.views.addTab(report_page, self.tr("Official report (Biểu 06)"))
        self.views.addTab(day_page, self.tr("Day summary"))
        self.views.addTab(charts_page, self.tr("Charts"))
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.views, 1)
        self.choose_this_month(show=False)
        operations.changed.connect(self._changed)

    # ------------------------------------------------------------ the sources

    def _official_report(self, first: dt.date, last: dt.date, point: str) -> OfficialReport:
        session = self.session
        return official_report(
            session.store,
            first,
            last,
            session.settings,
            self.catalogue,
            points=[point] if point else None,
            generated_at=self._clock().replace(second=0, microsecond=0),
        )

    def _day_summary(self, day: dt.date, point: str) -> DaySummary:
        session = self.session
        return day_summary(session.store, day, session.settings, self.catalogue, point=point)

    def today(self) -> dt.date:
        return self._clock().date()

    # ------------------------------------------------------------ the period

    def _normalise(self, edit: QLineEdit) -> None:
        day = parse_date(edit.text(), DateKind.NEAR)
        if day is not None:
            edit.setText(format_date(day))

    def set_period(self, first: dt.date, last: dt.date) -> None:
        self.first.setText(format_date(first))
        self.last.setText(format_date(last))

    def choose_today(self, show: bool = True) -> None:
        today = self.today()
        self.set_period(today, today)
        if show:
            self.show_period()

    def choose_this_month(self, show: bool = True) -> None:
        today = self.today()
        self.set_period(today.replace(day=1), today)
        if show:
            self.show_period()

    def period(self) -> tuple[dt.date, dt.date] | None:
        """The period typed, or None with the problem said beside it."""
        first = parse_date(self.first.text(), DateKind.NEAR)
        last = parse_date(self.last.text(), DateKind.NEAR)
        if first is None:
            self._refuse(self.first, self.tr("From: type a day as dd/mm/yyyy, e.g. 01/11/2026."))
            return None
        if last is None:
            self._refuse(self.last, self.tr("To: type a day as dd/mm/yyyy, e.g. 30/11/2026."))
            return None
        if last < first:
            self._refuse(self.last, self.tr("To: the last day cannot be before the first."))
            return None
        if last > self.today():
            self._refuse(self.last, self.tr("To: the last day cannot be after today."))
            return None
        self.problem.clear()
        return first, last

    def chosen_point(self) -> str:
        """The receiving point chosen ("": every point the store holds)."""
        return str(self.point.currentData() or "")

    def _know_points(self, points: Sequence[str]) -> None:
        """The points a report covered become choices (kept once known)."""
        known = {str(self.point.itemData(index)) for index in range(self.point.count())}
        for point in points:
            if point and point not in known:
                self.point.addItem(point, point)
                known.add(point)

    def _refuse(self, edit: QLineEdit, text: str) -> None:
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setText(text)
        edit.setFocus()
        edit.selectAll()

    # ------------------------------------------------------------ reading

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.table.setFocus()  # the numbers: Enter on one lists its dossiers
        if self.stale:
            self.show_period()

    def _changed(self, changes: Changes) -> None:
        """A dossier changed: the numbers read afresh now if shown, else when next shown."""
        if not changes.dossiers and not changes.slips:
            return
        self.stale = True
        if self.isVisible():
            self.show_period(progress=False)

    def show_period(self, progress: bool = True) -> None:
        chosen = self.period()
        if chosen is None:
            return
        first, last = chosen
        self.stale = False
        report_source, day_source = self.report_source, self.day_source
        point = self.chosen_point()

        def work() -> tuple[OfficialReport, DaySummary]:
            return report_source(first, last, point), day_source(last, point)

        self.operations.query(
            self,
            work,
            lambda made: self.show_numbers(*made),
            failure=self._failed,
            progress=self.tr("Counting the dossiers of the period…") if progress else None,
        )

    def _failed(self, error: Exception) -> None:
        self.stale = True
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setText(officer_message(error))

    def show_numbers(self, report: OfficialReport, summary: DaySummary) -> None:
        self.show_report(report)
        self.show_day(summary)
        self.save_action.setEnabled(True)
        self.day_button.setEnabled(True)

    # ------------------------------------------------------------ the report

    def _header_cells(self) -> list[HeaderCell]:
        total = self.tr("Total")
        cells = [
            HeaderCell(0, 0, self.tr("No."), levels=3),
            HeaderCell(0, 1, self.tr("Field, procedure handled at this level"), levels=3),
            HeaderCell(0, 2, self.tr("Dossiers to handle"), columns=4),
            HeaderCell(1, 2, total, levels=2),
            HeaderCell(1, 3, self.tr("In the period"), columns=2),
            HeaderCell(2, 3, self.tr("Online")),
            HeaderCell(2, 4, self.tr("In person, by post")),
            HeaderCell(1, 5, self.tr("From the previous period"), levels=2),
            HeaderCell(0, 6, self.tr("Dossiers resolved"), columns=4),
            HeaderCell(1, 6, total, levels=2),
            HeaderCell(1, 7, self.tr("Early"), levels=2),
            HeaderCell(1, 8, self.tr("On time"), levels=2),
            HeaderCell(1, 9, self.tr("Late"), levels=2),
            HeaderCell(0, 10, self.tr("Dossiers in progress"), columns=3),
            HeaderCell(1, 10, total, levels=2),
            HeaderCell(1, 11, self.tr("Within the time limit"), levels=2),
            HeaderCell(1, 12, self.tr("Overdue"), levels=2),
            HeaderCell(0, 13, self.tr("Outside the form"), columns=2),
            HeaderCell(1, 13, self.tr("Withdrawn by the applicant"), levels=2),
            HeaderCell(1, 14, self.tr("Residue (does not add up)"), levels=2),
        ]
        cells += [HeaderCell(3, column, f"({column + 1})") for column in range(13)]
        cells += [HeaderCell(3, column, "") for column in (WITHDRAWN_COLUMN, RESIDUE_COLUMN)]
        return cells

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        header = self.header
        header.setMinimumSectionSize(10)
        number = max(
            metrics.horizontalAdvance("Trong hạn") + 14, metrics.horizontalAdvance("0000") + 14
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, metrics.horizontalAdvance("VIII") + 16)
        for column in range(FIRST_NUMBER, COLUMNS):
            header.resizeSection(column, number)
        header.resizeSection(WITHDRAWN_COLUMN, number + 10)
        header.resizeSection(RESIDUE_COLUMN, number + 10)

    def _report_lines(self, report: OfficialReport) -> list[_ReportLine]:
        lines: list[_ReportLine] = []

        def codes_of(rows: Sequence[ReportRow]) -> Callable[[str], tuple[str, ...]]:
            def codes(key: str) -> tuple[str, ...]:
                return tuple(sorted(code for row in rows for code in row.dossiers.get(key, ())))

            return codes

        for index, (field, rows) in enumerate(report.by_field()):
            number = ROMAN[index] if index < len(ROMAN) else str(index + 1)
            lines.append(
                _ReportLine(number, field, report.field_total(field), codes_of(rows), "field")
            )
            for position, row in enumerate(rows, 1):
                lines.append(
                    _ReportLine(
                        str(position),
                        row.procedure_name,
                        row.counts,
                        codes_of([row]),
                        "procedure",
                    )
                )
        lines.append(
            _ReportLine("", self.tr("All procedures"), report.total, report.dossiers, "total")
        )
        return lines

    def show_report(self, report: OfficialReport) -> None:
        self.report = report
        self._know_points(report.points)
        self.lines = self._report_lines(report)
        kept = (self.table.currentRow(), self.table.currentColumn())
        self.table.setRowCount(len(self.lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, line in enumerate(self.lines):
            counts = line.counts
            texts = [line.number, line.name]
            texts += [str(counts.column(number)) for number in range(3, 14)]
            texts += [str(counts.withdrawn), str(counts.residue)]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= FIRST_NUMBER:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                elif column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 1:
                    item.setToolTip(text)
                if line.kind != "procedure":
                    item.setFont(bold)
                    item.setBackground(SUBTOTAL_BACKGROUND)
                if column == RESIDUE_COLUMN and counts.residue:
                    item.setForeground(RESIDUE_RED)
                self.table.setItem(row, column, item)
        off = [line for line in self.lines if line.counts.residue]
        self.table.setColumnHidden(RESIDUE_COLUMN, not off)
        self.header.updateGeometry()
        self.table.updateGeometries()
        self.report_heading.setText(self._heading(report))
        if off:
            self.check.setStyleSheet("color: #c62828;")
            self.check.setText(
                self.tr(
                    "Does not add up, (3) − (7) − (11) − withdrawn kept apart ≠ 0: {rows}."
                ).format(rows="; ".join(f"{line.name}: {line.counts.residue:+d}" for line in off))
            )
        else:
            self.check.setStyleSheet("")
            self.check.setText(
                self.tr(
                    "Every row adds up: (3) = (4) + (5) + (6), (7) = (8) + (9) + (10),"
                    " (11) = (12) + (13), (3) = (7) + (11) + withdrawn kept apart."
                    " Enter on a number lists its dossiers."
                )
            )
        row, column = kept
        if 0 <= row < len(self.lines) and column >= 0:
            self.table.setCurrentCell(row, column)
        else:
            self.table.setCurrentCell(len(self.lines) - 1, FIRST_NUMBER)

    def _heading(self, report: OfficialReport) -> str:
        conventions = [
            self.tr("results compared by day")
            if report.compare_by == "day"
            else self.tr("results compared by time"),
            self.tr("withdrawn dossiers counted as resolved on time")
            if report.withdrawn_in_resolved
            else self.tr("withdrawn dossiers kept apart"),
        ]
        return (
            self.tr("{unit}: from {first} to {last} (cut-off {cut_off}, Vietnam time)").format(
                unit=report.unit,
                first=format_date(report.first_day),
                last=format_date(report.last_day),
                cut_off=_minute(report.cut_off),
            )
            + (
                self.tr("; points: {points}").format(points=", ".join(report.points))
                if report.points
                else ""
            )
            + "; "
            + ", ".join(conventions)
            + "."
        )

    def cell_codes(self, row: int, column: int) -> tuple[str, ...] | None:
        """The dossier codes behind a number of the table (None: not a number)."""
        keys = CELL_KEYS.get(column)
        if keys is None or not 0 <= row < len(self.lines):
            return None
        line = self.lines[row]
        return tuple(sorted(code for key in keys for code in line.dossiers(key)))

    def _activated(self, index: QModelIndex) -> None:
        self.open_cell(index.row(), index.column())

    def open_cell(self, row: int, column: int) -> DossierListDialog | None:
        """The list of the dossiers behind the number at (row, column)."""
        codes = self.cell_codes(row, column)
        if codes is None:
            return None
        line = self.lines[row]
        title = self.tr("{column} — {row}: {n} dossier(s)").format(
            column=self._column_title(column), row=line.name, n=len(codes)
        )
        if self.list_dialog is not None:  # the one before, closed
            self.list_dialog.deleteLater()
        dialog = DossierListDialog(
            title, codes, self.session, self.operations, self.procedure_name, self
        )
        self.list_dialog = dialog
        dialog.open()
        return dialog

    def _column_title(self, column: int) -> str:
        cells = [
            cell for cell in self.header.cells if cell.column == column and cell.level in (1, 2)
        ]
        groups = [
            cell
            for cell in self.header.cells
            if cell.level == 0 and cell.column <= column < cell.column + cell.columns
        ]
        names = [cell.text for cell in groups + cells if cell.text]
        number = f"({column + 1}) " if column < WITHDRAWN_COLUMN else ""
        return number + " / ".join(names)

    def procedure_name(self, procedure_id: str) -> str:
        procedure = self.catalogue.procedures.get(procedure_id)
        return procedure.name if procedure is not None else procedure_id

    # ------------------------------------------------------------ saving

    def save_report(self) -> None:
        """Biểu 06 as shown, to a PDF or a workbook the officer names."""
        report = self.report
        if report is None:
            return
        name = f"bieu06-{report.first_day:%Y%m%d}-{report.last_day:%Y%m%d}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            str(Path.home() / name),
            self.tr("PDF, to print and sign (*.pdf);;Excel workbook (*.xlsx)"),
        )
        if chosen:
            self.export_report(Path(chosen))

    def save_day(self) -> None:
        """The day summary as shown, to an A4 PDF."""
        summary = self.summary
        if summary is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the day summary"),
            str(Path.home() / f"tong-hop-{summary.day:%Y%m%d}.pdf"),
            self.tr("PDF, to print and sign (*.pdf)"),
        )
        if chosen:
            self.export_day(Path(chosen))

    def export_report(self, path: Path) -> None:
        """Write the report on screen (the same numbers, the same cut-off) to ``path``: a
        workbook when it ends in .xlsx, else a PDF; on the worker, with progress."""
        report, settings = self.report, self.session.settings
        if report is None:
            return
        workbook = path.suffix.lower() == ".xlsx"
        if not workbook and path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")

        def work() -> Path:
            office = office_of(settings)
            return write_atomically(
                path, report_file(report, office, "xlsx" if workbook else "pdf")
            )

        self.operations.query(
            self,
            work,
            self._saved,
            failure=self._not_saved,
            progress=self.tr("Writing the report…"),
        )

    def export_day(self, path: Path) -> None:
        summary, settings = self.summary, self.session.settings
        if summary is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")

        def work() -> Path:
            return write_atomically(path, day_summary_file(summary, office_of(settings)))

        self.operations.query(
            self,
            work,
            self._saved,
            failure=self._not_saved,
            progress=self.tr("Writing the day summary…"),
        )

    def _saved(self, path: Path) -> None:
        self.problem.setStyleSheet("")
        self.problem.setText(self.tr("Saved: {file}").format(file=str(path)))

    def _not_saved(self, error: Exception) -> None:
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setText(self.tr("Not saved: {reason}").format(reason=officer_message(error)))

    # ------------------------------------------------------------ the day

    def _verdict_table(self, name: str, first: str, handed_back: bool = False) -> QTableWidget:
        headers = [
            first,
            self.tr("Accepted"),
            self.tr("Supplement"),
            self.tr("Refused"),
            self.tr("Total"),
        ]
        if handed_back:
            headers.append(self.tr("Results handed back"))
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def _fill(
        self,
        table: QTableWidget,
        groups: Sequence[tuple[str, Sequence[tuple[str, VerdictCounts, int | None]]]],
    ) -> None:
        rows: list[tuple[str, VerdictCounts | None, int | None, bool]] = []
        for title, lines in groups:
            rows.append((title, None, None, True))
            if not lines:
                rows.append((self.tr("(none)"), VerdictCounts(), None, False))
            rows += [(who, counts, back, False) for who, counts, back in lines]
        table.setRowCount(len(rows))
        table.clearSpans()
        bold = QFont(table.font())
        bold.setBold(True)
        for index, (who, counts, back, heading) in enumerate(rows):
            first = QTableWidgetItem(who)
            first.setToolTip(who)
            if heading:
                first.setFont(bold)
                first.setBackground(SUBTOTAL_BACKGROUND)
                table.setItem(index, 0, first)
                for column in range(1, table.columnCount()):
                    table.setItem(index, column, QTableWidgetItem(""))
                table.setSpan(index, 0, 1, table.columnCount())
                continue
            table.setItem(index, 0, first)
            assert counts is not None
            values = [counts.accepted, counts.supplement, counts.refused, counts.total]
            if table.columnCount() > 5:
                values.append(back or 0)
            for column, value in enumerate(values, 1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(index, column, item)

    def show_day(self, summary: DaySummary) -> None:
        self.summary = summary
        facts = self.tr(
            "{day}: {applicants} applicant(s), {dossiers} decision(s); results handed back"
            " {handed}; forwarded {forwarded}; slips reprinted {reprints}; re-appointed"
            " {reappointed}; withdrawn {withdrawn}."
        ).format(
            day=format_date(summary.day),
            applicants=summary.applicants,
            dossiers=summary.total.total,
            handed=summary.handed_back,
            forwarded=summary.forwarded,
            reprints=summary.reprints,
            reappointed=summary.reappointments,
            withdrawn=summary.withdrawn,
        )
        goal_minutes = self.session.settings.queue_goal_minutes
        if summary.median_seconds is not None:
            facts += " " + self.tr(
                "Time per applicant (procedure picked to slip printed): median {median},"
                " 90 % within {p90}."
            ).format(
                median=_duration(summary.median_seconds),
                p90=_duration(summary.p90_seconds or summary.median_seconds),
            )
            within = summary.median_seconds <= goal_minutes * 60
            facts += " " + (
                self.tr("The median is within the goal of {goal} min per applicant.")
                if within
                else self.tr("The median is over the goal of {goal} min per applicant.")
            ).format(goal=goal_minutes)
        self.day_heading.setText(facts)
        self.charts_heading.setText(facts)

        def people(lines: Sequence[PeopleLine]) -> list[tuple[str, VerdictCounts, int | None]]:
            return [(line.who, line.counts, line.handed_back) for line in lines]

        self._fill(
            self.people,
            [
                (self.tr("Per officer"), people(summary.per_officer)),
                (self.tr("Per counter"), people(summary.per_counter)),
            ],
        )
        self._fill(
            self.procedures,
            [
                (
                    self.tr("Per procedure"),
                    [(name, counts, None) for _id, name, counts in summary.by_procedure],
                ),
                (
                    self.tr("Per channel"),
                    [(_channel(channel), counts, None) for channel, counts in summary.by_channel],
                ),
            ],
        )
        nothing = self.tr("Nothing on this day.")
        # The queue-speed goal as applicants per hour: 60 / goal for each counter that
        # worked that day (the counters of the summary; one at least).
        counters = max(len(summary.per_counter), 1)
        goal_per_hour = 60 / goal_minutes * counters
        self.hours_chart.set_bars(
            [Bar(f"{hour}h", (count,)) for hour, count in summary.applicants_per_hour],
            goal=goal_per_hour,
            goal_label=self.tr("goal {per_hour}/h ({counters} counter(s) × 60/{goal} min)").format(
                per_hour=f"{round(goal_per_hour, 1):g}",
                counters=counters,
                goal=goal_minutes,
            ),
            empty_text=nothing,
        )
        total = summary.total
        self.verdicts_chart.set_bars(
            [
                Bar(self.tr("Accepted"), (total.accepted, 0, 0)),
                Bar(self.tr("Supplement"), (0, total.supplement, 0)),
                Bar(self.tr("Refused"), (0, 0, total.refused)),
            ],
            empty_text=nothing,
        )
        self.procedures_chart.set_bars(
            [
                Bar(name, (counts.accepted, counts.supplement, counts.refused))
                for _id, name, counts in summary.by_procedure
                if counts.total
            ],
            empty_text=nothing,
        )


def _channel(channel: str) -> str:
    label = CHANNEL_LABELS.get(channel)
    return label() if label is not None else channel


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _minute(moment: dt.datetime | None) -> str:
    """``09:10 23/11/2026``, as the counter writes a time."""
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
