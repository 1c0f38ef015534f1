"""A bar chart of participants' mean confidence before and after each course, from 1 to 5."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from training.quality_figures import CourseQuality

BEFORE_COLOUR = QColor("#9db4cf")  # pale blue, then a dark blue: apart in grey and colour-blind
AFTER_COLOUR = QColor("#1f4e8c")


def charted(courses: Sequence[CourseQuality]) -> list[CourseQuality]:
    """The courses with confidence scored before and after, in catalogue order."""
    return [c for c in courses if c.feedback.paired]


class ConfidenceChart(QChartView):
    """Two bars a course: mean confidence before and after, over the same responses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Confidence before and after, by course")
        self.setMinimumHeight(260)
        chart = QChart()
        chart.setTitle(
            "Mean confidence before and after the course, from 1 (low) to 5 (high); "
            "n: the responses that scored both"
        )
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.courses: list[str] = []

    def show_courses(self, courses: Sequence[CourseQuality]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        shown = charted(courses)
        self.courses = [c.course.code for c in shown]
        labels = [f"{html.escape(c.course.code)}<br>n = {c.feedback.paired:,}" for c in shown]
        before, after = QBarSet("Before"), QBarSet("After")
        before.setColor(BEFORE_COLOUR)
        after.setColor(AFTER_COLOUR)
        for course in shown:
            before.append(course.feedback.before or 0.0)
            after.append(course.feedback.after or 0.0)
        series = QBarSeries()
        series.append([before, after])
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels or ["No confidence scores in this period"])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        scale = QValueAxis()
        scale.setRange(0, 5)
        scale.setTickCount(6)
        scale.setLabelFormat("%d")
        chart.addAxis(scale, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(scale)
