"""Simple bar charts drawn with Qt's own painting (``QPainter``).

Why not Qt Charts: it is not in the PySide6-Essentials wheel the program depends on (the
``.venv`` holds only its type stub, ``PySide6/QtCharts.pyi``, no module); it ships in
PySide6-Addons, a second wheel of well over a hundred megabytes for every counter PC; and Qt
Charts is offered under the GPL v3 or a commercial licence only, not the LGPL the rest of the
Qt the program uses is under. Bars with their numbers and a goal line are a page of painting.

A chart is a picture of numbers that are also in a table beside it (the statistics tab's
day summary): it takes no keyboard focus, and its accessible description reads the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ui.qt import (
    QColor,
    QEvent,
    QFont,
    QPainter,
    QPen,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QWidget,
)

# Colour-blind-safe (Okabe-Ito) and readable when printed in grey.
PALETTE = ("#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9")
GOAL_RED = "#c62828"
AXIS_GREY = "#9e9e9e"


@dataclass(frozen=True)
class Bar:
    """One bar: its label and its values, stacked in the order of the chart's series."""

    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


class BarChart(QWidget):
    """Bars with their totals written at their ends, a legend for stacked series and an
    optional goal drawn as a dashed line. ``horizontal``: bars run left to right, for long
    labels (procedures); ``legend`` False: the bars' own labels name the series (one series
    per bar, coloured as in the other charts)."""

    def __init__(
        self,
        title: str,
        series: Sequence[str],
        *,
        horizontal: bool = False,
        legend: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.series = tuple(series)
        self.horizontal = horizontal
        self.legend = legend and len(self.series) > 1
        self.bars: tuple[Bar, ...] = ()
        self.goal: float | None = None
        self.goal_label = ""
        self.empty_text = ""
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(220, 150)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(420, 240)

    def set_bars(
        self,
        bars: Sequence[Bar],
        *,
        goal: float | None = None,
        goal_label: str = "",
        empty_text: str = "",
    ) -> None:
        self.bars = tuple(bars)
        self.goal, self.goal_label, self.empty_text = goal, goal_label, empty_text
        described = "; ".join(
            [f"{bar.label}: {bar.total}" for bar in self.bars]
            + (
                [goal_label]
                if goal is not None and goal_label and any(b.total for b in bars)
                else []
            )
        )
        self.setAccessibleDescription(described or empty_text)
        self.setToolTip(
            "\n".join(
                f"{bar.label}: "
                + (
                    " + ".join(str(value) for value in bar.values) + f" = {bar.total}"
                    if sum(1 for value in bar.values if value) > 1
                    else str(bar.total)
                )
                for bar in self.bars
            )
        )
        self.update()

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API; any event is wider)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        area = self.rect().adjusted(8, 4, -8, -4)
        painter.drawText(
            QRect(area.left(), area.top(), area.width(), line + 2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.title,
        )
        painter.setFont(self.font())
        top = area.top() + line + 6
        if self.legend:
            top = self._legend(painter, area.left(), top, area.width()) + 4
        plot = QRect(area.left(), top, area.width(), area.bottom() - top)
        most = max([bar.total for bar in self.bars] + [0])
        # The goal rounded up: a goal of 8.6 an hour over bars of 8 stays inside the plot.
        highest = max(most, math.ceil(self.goal or 0))
        if most == 0:  # nothing to show: the words say so, not a goal over empty bars
            painter.setPen(QColor(AXIS_GREY))
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            painter.end()
            return
        scale_to = max(highest, 1)
        if self.horizontal:
            self._horizontal(painter, plot, scale_to, text)
        else:
            self._vertical(painter, plot, scale_to, text)
        painter.end()

    def _legend(self, painter: QPainter, left: int, top: int, width: int) -> int:
        metrics = self.fontMetrics()
        x, y, box = left, top, metrics.height() - 4
        for index, name in enumerate(self.series):
            needed = box + 4 + metrics.horizontalAdvance(name) + 14
            if x + needed > left + width and x > left:
                x, y = left, y + metrics.height() + 2
            painter.fillRect(QRect(x, y + 2, box, box), QColor(PALETTE[index % len(PALETTE)]))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRect(x + box + 4, y, needed, metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            x += needed
        return y + metrics.height()

    def _vertical(self, painter: QPainter, plot: QRect, highest: int, text: QColor) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        # Room under the bars for their labels, over them for their numbers.
        base = plot.bottom() - line - 2
        room = base - plot.top() - line - 2
        slot = plot.width() / len(self.bars)
        painter.setPen(QPen(QColor(AXIS_GREY)))
        painter.drawLine(plot.left(), base, plot.right(), base)
        for index, bar in enumerate(self.bars):
            x = plot.left() + index * slot
            width = max(slot * 0.7, 2.0)
            left = x + (slot - width) / 2
            y = float(base)
            for number, value in enumerate(bar.values):
                height = room * value / highest
                y -= height
                colour = QColor(PALETTE[number % len(PALETTE)])
                painter.fillRect(QRectF(left, y, width, height), colour)
            painter.setPen(text)
            label_rect = QRectF(x, base + 2, slot, line)
            painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignCenter), bar.label)
            number_rect = QRectF(x, y - line - 1, slot, line)
            painter.drawText(number_rect, int(Qt.AlignmentFlag.AlignCenter), str(bar.total))
        if self.goal is not None:
            y = base - room * self.goal / highest
            self._goal_line(painter, plot.left(), plot.right(), y, horizontal_line=True)

    def _horizontal(self, painter: QPainter, plot: QRect, highest: int, text: QColor) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        label_width = min(
            max(metrics.horizontalAdvance(bar.label) for bar in self.bars) + 8, plot.width() // 2
        )
        number_width = metrics.horizontalAdvance(str(highest)) + 8
        left = plot.left() + label_width
        room = plot.right() - left - number_width
        slot = min(plot.height() / len(self.bars), line * 2.2)
        painter.setPen(QPen(QColor(AXIS_GREY)))
        painter.drawLine(left, plot.top(), left, int(plot.top() + slot * len(self.bars)))
        for index, bar in enumerate(self.bars):
            y = plot.top() + index * slot
            height = max(slot * 0.7, 2.0)
            top = y + (slot - height) / 2
            x = float(left)
            for number, value in enumerate(bar.values):
                width = room * value / highest
                colour = QColor(PALETTE[number % len(PALETTE)])
                painter.fillRect(QRectF(x, top, width, height), colour)
                x += width
            painter.setPen(text)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(plot.left(), y, label_width - 6, slot),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            painter.drawText(
                QRectF(x + 4, y, number_width, slot),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(bar.total),
            )
        if self.goal is not None:
            x = left + room * self.goal / highest
            self._goal_line(painter, plot.top(), plot.bottom(), x, horizontal_line=False)

    def _goal_line(
        self, painter: QPainter, start: int, end: int, at: float, *, horizontal_line: bool
    ) -> None:
        pen = QPen(QColor(GOAL_RED))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        painter.setPen(pen)
        metrics = self.fontMetrics()
        if horizontal_line:
            painter.drawLine(QPointF(start, at), QPointF(end, at))
            painter.drawText(
                QRectF(start, at - metrics.height() - 1, end - start, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                self.goal_label,
            )
        else:
            painter.drawLine(QPointF(at, start), QPointF(at, end))
            painter.drawText(
                QRectF(at + 4, start, end - start, metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self.goal_label,
            )
