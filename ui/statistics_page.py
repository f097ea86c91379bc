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
day. Every number of the day summary (a cell of its tables, a number of the line above them)
opens the list of its dossiers too, asked of ``app.statistics.day.day_dossiers`` when opened.

The day view says whether its day is closed at this counter, and closes it (a supervisor, or
an officer with a supervisor's approval): "Close the day…" (``KEY_CLOSE_DAY``, also the
window's key) opens ``ui.day_close_dialog``, which says what is checked, then each reason the
day stays open, or the close and its register page and summary to print.

The report's table has the form's header (statistics.md §2: the groups over their columns, the
column numbers under them), the procedures under their field with the field's subtotal, and the
total row; beside the form's 13 columns, the extra "withdrawn" column, and the residue of
(3) = (7) + (11) + withdrawn kept apart whenever a row does not add up (shown, never hidden).
Every number opens the list of the dossiers behind it (Enter or a double click on the cell);
the list shows the selected dossier's details.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.catalogue.model import Catalogue
from app.changes import NOTHING, Changes, Done
from app.counter import CounterSession
from app.dates import DateKind, format_date, parse_date
from app.day_close import ClosedDayRecord, DayClosure, close_day, day_closed
from app.dossier.evaluation import CHANNEL_LABELS
from app.dossier.statuses import status_label
from app.dossier_queries import VOIDED, StoredDossier, look_up, where_each_stands
from app.files import write_atomically
from app.papers.common import office_of
from app.papers.day_close import day_paper_preferences, day_register_page, day_summary_paper
from app.papers.statistics import day_summary_file, report_file
from app.permissions import Authority
from app.statistics.day import day_dossiers, day_summary
from app.statistics.model import (
    FORM_COLUMNS,
    TOTAL_COLUMNS,
    DayFigure,
    DaySummary,
    OfficialReport,
    ReportCounts,
    ReportRow,
    VerdictCounts,
)
from app.statistics.official import official_report
from app.sync_ops import sync_status
from ui.charts import Bar, BarChart
from ui.day_close_dialog import DayCloseDialog
from ui.operations import Operations, officer_message
from ui.print_preview import PrintPreviewDialog
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
KEY_CLOSE_DAY = "Ctrl+Shift+D"  # the window's key too (its session menu)
# The numbers of the days first to last (or of one day) at a receiving point ("": all).
ReportSource = Callable[[dt.date, dt.date, str], OfficialReport]
DaySource = Callable[[dt.date, str], DaySummary]
# The dossiers behind one number of the day summary of a day at a receiving point ("": all).
FigureSource = Callable[[dt.date, str, DayFigure], tuple[str, ...]]

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
# The day tables' number columns: the figure each counts (the first column names the line).
DAY_COLUMN_KINDS = ("accepted", "supplement", "refused", "applicants", "handed-back")
DONE_STYLE = "color: #2e7d32;"


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
        # Closed or deleted: a dossier's details read afterwards are dropped.
        self.over = False
        self.finished.connect(self._over)
        self.destroyed.connect(lambda *_: setattr(self, "over", True))
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
            failure=lambda error: (
                None if self.over else self.detail.setPlainText(officer_message(error))
            ),
        )

    def _over(self, _result: int) -> None:
        self.over = True

    def _detail(self, code: str, dossier: StoredDossier | None, stands: dict[str, str]) -> None:
        if self.over:
            return  # closed meanwhile
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
        centre: ReportSource | None = None,
        day: DaySource | None = None,
        figures: FigureSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.report_source = report or self._official_report
        self.centre_source = centre or self._centre_report
        self.day_source = day or self._day_summary
        self.figure_source = figures or self._day_dossiers
        # Each day table's lines: the filters of the figures on that row (None: no number).
        self.day_lines: dict[QTableWidget, list[DayFigure | None]] = {}
        self.closed: ClosedDayRecord | None = None  # the close of the day shown, once read
        self.day_list_asked: DayFigure | None = None  # a day list being read, not yet shown
        self.close_dialog: DayCloseDialog | None = None
        self.preview: PrintPreviewDialog | None = None
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
        # Where the report is counted: this counter's store holds its own dossiers; the
        # centre holds every counter's, and shows this counter its point's (statistics.centre).
        self.counted = QComboBox()
        self.counted.setObjectName("statsCounted")
        self.counted.addItem(self.tr("this counter"), "counter")
        self.counted.addItem(self.tr("every counter (centre)"), "centre")
        self.counted.setToolTip(
            self.tr(
                "This counter's store holds the dossiers received here. The centre holds every"
                " counter's: the report of the whole point is counted there."
            )
        )
        self.counted.activated.connect(lambda _index: self.show_period())
        counted_label = QLabel(self.tr("Cou&nted at"))
        counted_label.setBuddy(self.counted)
        self.problem = QLabel()
        self.problem.setObjectName("statsProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()  # a line of its own, taken only when there is something to say
        # Two rows, so the page fits 1280 px in Vietnamese: what to count, then what to do.
        period = QVBoxLayout()
        for row_widgets in (
            (
                from_label,
                self.first,
                to_label,
                self.last,
                point_label,
                self.point,
                counted_label,
                self.counted,
            ),
            (
                self.today_button,
                self.month_button,
                self.show_button,
                self.save_button,
                self.day_button,
            ),
        ):
            row = QHBoxLayout()
            for widget in row_widgets:
                row.addWidget(widget)
            row.addStretch(1)
            period.addLayout(row)

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
        # Its numbers are links: Tab reaches each, Enter (or a click) lists its dossiers.
        self.day_heading = QLabel()
        self.day_heading.setObjectName("dayHeading")
        self.day_heading.setWordWrap(True)
        self.day_heading.setTextFormat(Qt.TextFormat.RichText)
        self.day_heading.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.day_heading.linkActivated.connect(self.open_day_link)
        self.people = self._verdict_table("peopleTable", self.tr("Officer or counter"), True)
        self.procedures = self._verdict_table("procedureTable", self.tr("Procedure or channel"))
        for table in (self.people, self.procedures):
            # Enter is "activated"; a double click is "doubleClicked", and "activated" too
            # where the platform says so: the list is asked for once (``open_day_figure``).
            for signal in (table.activated, table.doubleClicked):
                signal.connect(
                    lambda index, table=table: self.open_day_cell(
                        table, index.row(), index.column()
                    )
                )
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.people)
        split.addWidget(self.procedures)
        self.day_state = QLabel()
        self.day_state.setObjectName("dayState")
        self.day_state.setWordWrap(True)
        shown_key = QKeySequence(KEY_CLOSE_DAY).toString(QKeySequence.SequenceFormat.NativeText)
        self.close_button = QPushButton(self.tr("Close the day…") + f"  [{shown_key}]")
        self.close_button.setObjectName("statsCloseDay")
        self.close_button.setToolTip(
            self.tr("Check the day's dossiers and codes, then close the day (supervisor)")
        )
        self.close_button.clicked.connect(lambda: self.ask_to_close_day())
        closing = QHBoxLayout()
        closing.addWidget(self.day_state, 1)
        closing.addWidget(self.close_button)
        day_page = QWidget()
        day_layout = QVBoxLayout(day_page)
        day_layout.addWidget(self.day_heading)
        day_layout.addWidget(split, 1)
        day_layout.addLayout(closing)

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
        # Under the period, as wide as the page: a long refusal wraps inside it.
        layout.addWidget(self.problem)
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

    def _centre_report(self, first: dt.date, last: dt.date, point: str) -> OfficialReport:
        # Loaded when first asked: the central database's driver is not needed before.
        from app.statistics.centre import centre_report, counter_login

        session = self.session
        return centre_report(
            counter_login(session.store),
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

    def _day_dossiers(self, day: dt.date, point: str, figure: DayFigure) -> tuple[str, ...]:
        session = self.session
        return day_dossiers(session.store, day, session.settings, figure, point=point)

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
        self._say("")
        return first, last

    def from_centre(self) -> bool:
        """Whether the report is counted at the centre (every counter of the point)."""
        return bool(self.counted.currentData() == "centre")

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
        self._say(text)
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
        day_source = self.day_source
        report_source = self.centre_source if self.from_centre() else self.report_source
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
        self._say(officer_message(error))

    def show_numbers(self, report: OfficialReport, summary: DaySummary) -> None:
        self.show_report(report)
        self.show_day(summary)
        self.save_action.setEnabled(True)
        self.day_button.setEnabled(True)
        self.read_day_state(summary.day)

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
            + (
                self.tr("counted at the centre, every counter")
                if report.source == "centre"
                else self.tr("counted in this counter's store")
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
        return self._open_list(title, codes)

    def _open_list(self, title: str, codes: Sequence[str]) -> DossierListDialog:
        if self.list_dialog is not None:  # the one before: closed, then let go
            self.list_dialog.reject()
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
        self._say(self.tr("Saved: {file}").format(file=str(path)), style="")

    def _not_saved(self, error: Exception) -> None:
        self._say(self.tr("Not saved: {reason}").format(reason=officer_message(error)))

    def _say(self, text: str, style: str = PROBLEM_STYLE) -> None:
        """A refusal, a failure or a file saved, under the period ("" : nothing to say)."""
        self.problem.setStyleSheet(style)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

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
        groups: Sequence[tuple[str, Sequence[_DayLine]]],
        total: _DayLine | None = None,
    ) -> None:
        """The groups' lines under their titles, and the total line last (bold)."""
        rows: list[tuple[_DayLine, str]] = []
        for title, lines in groups:
            rows.append((_DayLine(title, VerdictCounts(), None, None), "heading"))
            if not lines:
                rows.append((_DayLine(self.tr("(none)"), VerdictCounts(), None, None), "line"))
            rows += [(line, "line") for line in lines]
        if total is not None:
            rows.append((total, "total"))
        table.setRowCount(len(rows))
        table.clearSpans()
        self.day_lines[table] = [line.figure if kind != "heading" else None for line, kind in rows]
        bold = QFont(table.font())
        bold.setBold(True)
        for index, (line, kind) in enumerate(rows):
            first = QTableWidgetItem(line.title)
            first.setToolTip(line.title)
            if kind == "heading":
                first.setFont(bold)
                first.setBackground(SUBTOTAL_BACKGROUND)
                table.setItem(index, 0, first)
                for column in range(1, table.columnCount()):
                    table.setItem(index, column, QTableWidgetItem(""))
                table.setSpan(index, 0, 1, table.columnCount())
                continue
            table.setItem(index, 0, first)
            counts = line.counts
            values = [counts.accepted, counts.supplement, counts.refused, counts.total]
            if table.columnCount() > 5:
                values.append(line.handed_back or 0)
            for column, value in enumerate(values, 1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(index, column, item)
            if kind == "total":
                for column in range(table.columnCount()):
                    cell = table.item(index, column)
                    assert cell is not None  # set above
                    cell.setFont(bold)
                    cell.setBackground(SUBTOTAL_BACKGROUND)

    def _figure_names(self) -> dict[str, str]:
        """What each figure of the day is called in a list's title."""
        return {
            "accepted": self.tr("Accepted"),
            "supplement": self.tr("Supplement"),
            "refused": self.tr("Refused"),
            "applicants": self.tr("Applicants"),
            "handed-back": self.tr("Results handed back"),
            "forwarded": self.tr("Forwarded"),
            "withdrawn": self.tr("Withdrawn"),
            "reprints": self.tr("Slips reprinted"),
            "reappointments": self.tr("Re-appointed"),
        }

    def show_day(self, summary: DaySummary) -> None:
        self.summary = summary
        template = self.tr(
            "{day}: {applicants} applicant(s), {dossiers} decision(s); results handed back"
            " {handed}; forwarded {forwarded}; slips reprinted {reprints}; re-appointed"
            " {reappointed}; withdrawn {withdrawn}."
        )
        numbers = {
            "applicants": ("applicants", summary.applicants),
            "dossiers": ("applicants", summary.total.total),
            "handed": ("handed-back", summary.handed_back),
            "forwarded": ("forwarded", summary.forwarded),
            "reprints": ("reprints", summary.reprints),
            "reappointed": ("reappointments", summary.reappointments),
            "withdrawn": ("withdrawn", summary.withdrawn),
        }
        day = format_date(summary.day)
        facts = template.format(day=day, **{name: n for name, (_, n) in numbers.items()})
        linked = html.escape(template).format(
            day=day,
            **{name: f'<a href="{kind}">{n}</a>' for name, (kind, n) in numbers.items()},
        )
        goal_minutes = self.session.settings.queue_goal_minutes
        if summary.median_seconds is not None:
            times = " " + self.tr(
                "Time per applicant (procedure picked to slip printed): median {median},"
                " 90 % within {p90}."
            ).format(
                median=_duration(summary.median_seconds),
                p90=_duration(summary.p90_seconds or summary.median_seconds),
            )
            within = summary.median_seconds <= goal_minutes * 60
            times += " " + (
                self.tr("The median is within the goal of {goal} min per applicant.")
                if within
                else self.tr("The median is over the goal of {goal} min per applicant.")
            ).format(goal=goal_minutes)
            facts += times
            linked += html.escape(times)
        self.day_facts = facts
        self.day_heading.setText(linked)
        self.day_heading.setAccessibleName(facts)
        self.charts_heading.setText(facts)

        def counter_figure(who: str) -> DayFigure | None:
            return DayFigure("applicants", counter_number=int(who)) if who.isdigit() else None

        self._fill(
            self.people,
            [
                (
                    self.tr("Per officer"),
                    [
                        _DayLine(
                            line.who,
                            line.counts,
                            line.handed_back,
                            DayFigure("applicants", officer=line.who),
                        )
                        for line in summary.per_officer
                    ],
                ),
                (
                    self.tr("Per counter"),
                    [
                        _DayLine(
                            self.tr("Counter {number}").format(number=line.who),
                            line.counts,
                            line.handed_back,
                            counter_figure(line.who),
                        )
                        for line in summary.per_counter
                    ],
                ),
            ],
            _DayLine(
                self.tr("The whole day"),
                summary.total,
                summary.handed_back,
                DayFigure("applicants"),
            ),
        )
        self._fill(
            self.procedures,
            [
                (
                    self.tr("Per procedure"),
                    [
                        _DayLine(name, counts, None, DayFigure("applicants", procedure_id=pid))
                        for pid, name, counts in summary.by_procedure
                    ],
                ),
                (
                    self.tr("Per channel"),
                    [
                        _DayLine(_channel(ch), counts, None, DayFigure("applicants", channel=ch))
                        for ch, counts in summary.by_channel
                    ],
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

    # ------------------------------------------------------------ the dossiers behind the day

    def day_figure(self, table: QTableWidget, row: int, column: int) -> DayFigure | None:
        """The figure a cell of a day table shows (None: a title, a heading, no number)."""
        lines = self.day_lines.get(table, [])
        if not 0 <= row < len(lines) or not 1 <= column < table.columnCount():
            return None
        line = lines[row]
        if line is None:
            return None
        return dataclasses.replace(line, kind=DAY_COLUMN_KINDS[column - 1])

    def open_day_cell(self, table: QTableWidget, row: int, column: int) -> bool:
        """Ask for the list of the dossiers behind a number of a day table (False: no number
        there); it opens once read."""
        figure = self.day_figure(table, row, column)
        if figure is None:
            return False
        header, title = table.horizontalHeaderItem(column), table.item(row, 0)
        assert header is not None and title is not None  # every row and column has them
        self.open_day_figure(figure, header.text(), title.text())
        return True

    def open_day_link(self, kind: str) -> None:
        """A number of the line above the tables: the whole day's figure."""
        summary = self.summary
        if summary is None or kind not in self._figure_names():
            return
        self.open_day_figure(DayFigure(kind), self._figure_names()[kind], format_date(summary.day))

    def open_day_figure(self, figure: DayFigure, what: str, line: str) -> None:
        summary, source = self.summary, self.figure_source
        if summary is None:
            return
        if self.day_list_asked == figure:
            return  # asked for already (a double click that also activates): read once
        self.day_list_asked = figure
        day, point = summary.day, summary.point

        def listed(codes: tuple[str, ...]) -> None:
            self.day_list_asked = None
            title = self.tr("{column} — {row}: {n} dossier(s)").format(
                column=what, row=line, n=len(codes)
            )
            self._open_list(title, codes)

        def failed(error: Exception) -> None:
            self.day_list_asked = None
            self._failed(error)

        self.operations.query(self, lambda: source(day, point, figure), listed, failure=failed)

    # ------------------------------------------------------------ closing the day

    def read_day_state(self, day: dt.date) -> None:
        """Whether ``day`` is closed at this counter, read on the worker, then shown."""
        store, counter = self.session.store, self.session.settings.counter_number
        self.operations.query(
            self,
            lambda: day_closed(store, day, counter),
            lambda closed: self.show_day_state(day, closed),
            failure=lambda error: self.day_state.setText(officer_message(error)),
        )

    def show_day_state(self, day: dt.date, closed: ClosedDayRecord | None) -> None:
        if self.summary is not None and self.summary.day != day:
            return  # another day is shown meanwhile
        self.closed = closed
        counter = self.session.settings.counter_number
        if closed is None:
            self.day_state.setStyleSheet("")
            self.day_state.setText(
                self.tr("The day {day} is not closed at counter {counter}.").format(
                    day=format_date(day), counter=counter
                )
            )
            return
        self.day_state.setStyleSheet(DONE_STYLE)
        self.day_state.setText(
            self.tr(
                "The day {day} is closed at counter {counter} ({at}, {officer}, {count}"
                " dossier(s)): its dossiers change only through a supervisor's recorded"
                " correction."
            ).format(
                day=format_date(day),
                counter=counter,
                at=_minute(closed.closed_at),
                officer=closed.officer,
                count=closed.dossier_count,
            )
        )

    def day_to_close(self) -> dt.date:
        """The day the day view shows (today before anything is shown)."""
        return self.summary.day if self.summary is not None else self.today()

    def ask_to_close_day(self) -> None:
        """The close dialog for the day shown; whether the centre takes part is read first."""
        store, day = self.session.store, self.day_to_close()
        self.operations.query(
            self,
            lambda: sync_status(store).configured,
            lambda central: self._ask_close(day, central),
            failure=self._failed,
        )

    def _ask_close(self, day: dt.date, central: bool) -> None:
        if self.close_dialog is not None:  # the one before, closed
            self.close_dialog.deleteLater()
        dialog = DayCloseDialog(day, self.session.settings.counter_number, central, self)
        dialog.decided.connect(lambda: self._close(dialog, day))
        dialog.print_requested.connect(lambda paper: self._print_day_paper(dialog, day, paper))
        self.close_dialog = dialog
        dialog.open()

    def _close(self, dialog: DayCloseDialog, day: dt.date) -> None:
        session, closed_at = self.session, self._clock().replace(microsecond=0)

        def run(authority: Authority | None) -> Done[DayClosure]:
            who = session.authority(authority)
            # Nothing another screen shows changes: the day view reads its state below.
            return Done(close_day(session.store, day, session.settings, who, closed_at), NOTHING)

        self.operations.change_approved(
            dialog,  # an approval asked for stands over the close dialog
            run,
            lambda closure: self._closed(dialog, closure),
            failure=dialog.refused,
            progress=self.tr("Checking the day…"),
        )

    def _closed(self, dialog: DayCloseDialog, closure: DayClosure) -> None:
        dialog.closed(closure)
        self.show_day_state(closure.closed.day, closure.closed)

    def _print_day_paper(self, dialog: DayCloseDialog, day: dt.date, paper: str) -> None:
        """The day's register page or summary, made on the worker, then previewed to print."""
        store, settings = self.session.store, self.session.settings
        make = day_register_page if paper == "register" else day_summary_paper
        title = (
            self.tr("Register page of {day}")
            if paper == "register"
            else self.tr("Day summary of {day}")
        ).format(day=format_date(day))
        self.operations.query(
            dialog,
            lambda: make(store, day, settings),
            lambda pdf: self._preview_paper(dialog, pdf, paper, title),
            failure=dialog.paper_failed,
            progress=self.tr("Making the paper…"),
        )

    def _preview_paper(self, dialog: DayCloseDialog, pdf: bytes, paper: str, title: str) -> None:
        # The one before freed itself when it closed (PrintPreviewDialog deletes on close).
        preferences = day_paper_preferences(self.session.settings, paper)
        self.preview = PrintPreviewDialog(pdf, preferences, title, dialog)
        self.preview.open()


@dataclass(frozen=True)
class _DayLine:
    """A line of a day table: its title, its counts, the results handed back (None: the table
    has no such column) and the figure its numbers are of (None: no dossiers behind them)."""

    title: str
    counts: VerdictCounts
    handed_back: int | None
    figure: DayFigure | None


def _channel(channel: str) -> str:
    label = CHANNEL_LABELS.get(channel)
    return label() if label is not None else channel


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _minute(moment: dt.datetime | None) -> str:
    """``09:10 23/11/2026``, as the counter writes a time."""
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
