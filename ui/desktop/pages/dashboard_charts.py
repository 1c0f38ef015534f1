"""The dashboard's charts (QtCharts): compliance by agency, attendances per quarter by tier,
and champion coverage. Each is a chart view that redraws itself from the plain rows the
``training`` services return, names itself for screen readers and reads its figures out in its
accessible description.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from training.activity import ChampionCounts, QuarterAttendances
from training.returns import ComplianceRow

BAR_HEIGHT = 26  # pixels per agency in the compliance chart: each name stays readable
CHART_FRAME = 110  # pixels of a chart that are not bars: title, axis, margins
ACTIVITY_HEIGHT = 340
QUARTER_WIDTH = 60  # pixels per quarter: room for its label ("Oct–Dec") under its bar
VALUE_AXIS_WIDTH = 60  # pixels of a chart left of its first bar: the numbers and margins
LEGEND_SHARE = 0.4  # QtCharts gives a legend beside the chart at most this share of its width
CHART_EDGES = 32  # pixels of a chart's width that are neither plot nor legend
COVERAGE_COLOURS = ("#2e7d32", "#f9a825", "#c62828")  # trained, untrained, none


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    chart.setLocalizeNumbers(True)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


class _ChartView(QChartView):
    def __init__(self, title: str, accessible_name: str) -> None:
        super().__init__(_chart(title))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(accessible_name)

    def _clear(self, title: str) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        return chart


def percent_trained_by_agency(rows: Sequence[ComplianceRow]) -> list[tuple[str, float]]:
    """(agency, % trained to one decimal place) of each agency with anyone in scope, by name."""
    return sorted(
        ((r.agency, round(r.percent_trained, 1)) for r in rows if r.percent_trained is not None),
        key=lambda point: point[0].casefold(),
    )


class ComplianceChart(_ChartView):
    """A horizontal bar per agency, A at the top: the percentage trained, on a 0–100 % axis."""

    def __init__(self) -> None:
        super().__init__("Trained at the appropriate level", "Percentage trained by agency")
        self.chart().legend().hide()
        self.bars = QBarSet("% trained")
        self.agencies = QBarCategoryAxis()

    def show_rows(self, rows: Sequence[ComplianceRow], topic: str, on: dt.date) -> None:
        points = percent_trained_by_agency(rows)
        chart = self._clear(f"{topic}: % of staff in scope trained at the appropriate level")
        self.bars = QBarSet("% trained")
        self.bars.append([percent for _name, percent in reversed(points)])
        series = QHorizontalBarSeries()
        series.append(self.bars)
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        self.agencies = QBarCategoryAxis()
        self.agencies.append([name for name, _percent in reversed(points)])
        self.agencies.setTruncateLabels(False)
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setTickCount(11)
        percent.setLabelFormat("%.0f%")  # localised numbers: only f, e and g formats work
        percent.setTitleText(f"% trained on {on:%d/%m/%Y}")
        chart.addAxis(self.agencies, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(percent, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(self.agencies)
        series.attachAxis(percent)
        self.setMinimumHeight(CHART_FRAME + BAR_HEIGHT * max(len(points), 3))
        self.setAccessibleDescription(
            "; ".join(f"{name}: {percent:.1f}%" for name, percent in points)
        )

    def values(self) -> list[tuple[str, float]]:
        """(agency, percentage) as drawn, top to bottom."""
        names = self.agencies.categories()
        drawn = [(names[i], self.bars.at(i)) for i in range(self.bars.count())]
        return drawn[::-1]


class QuarterChart(_ChartView):
    """Attendances per quarter, stacked by tier (lowest tier at the bottom)."""

    def __init__(self) -> None:
        super().__init__("Attendances per quarter, by tier", "Attendances per quarter by tier")
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.tiers: list[QBarSet] = []
        self.quarters = QBarCategoryAxis()
        self.setMinimumHeight(ACTIVITY_HEIGHT)

    def show_rows(self, rows: Sequence[QuarterAttendances], until: dt.date) -> None:
        chart = self._clear(f"Attendances per quarter, by tier, to {until:%d/%m/%Y}")
        quarters = list(dict.fromkeys(r.quarter for r in rows))
        tiers = sorted({(r.tier_rank, r.tier) for r in rows})
        counts = {(r.quarter, r.tier_rank): r.attended for r in rows}
        series = QStackedBarSeries()
        self.tiers = []
        for rank, name in tiers:
            bars = QBarSet(name)
            bars.append([counts[(quarter, rank)] for quarter in quarters])
            series.append(bars)
            self.tiers.append(bars)
        chart.addSeries(series)
        self.quarters = QBarCategoryAxis()
        self.quarters.append([q.label.replace(" ", "<br>", 1) for q in quarters])
        self.quarters.setTruncateLabels(False)  # they fit (see the minimum width): never "Oct–D…"
        self.setMinimumWidth(VALUE_AXIS_WIDTH + QUARTER_WIDTH * max(len(quarters), 1))
        attended = QValueAxis()
        attended.setLabelFormat("%.0f")
        attended.setMin(0)
        totals = [sum(counts[(q, rank)] for rank, _name in tiers) for q in quarters]
        attended.setMax(max([*totals, 4]))
        attended.applyNiceNumbers()
        chart.addAxis(self.quarters, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(attended, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.quarters)
        series.attachAxis(attended)
        self.setAccessibleDescription(
            "; ".join(
                f"{q.label}: {total:,}"
                + "".join(f", {name} {counts[(q, rank)]:,}" for rank, name in tiers)
                for q, total in zip(quarters, totals, strict=True)
            )
        )

    def values(self) -> dict[str, list[int]]:
        """Each tier's count in each quarter, oldest first."""
        return {b.label(): [int(b.at(i)) for i in range(b.count())] for b in self.tiers}


class ChampionChart(_ChartView):
    """A pie of the agencies: with a trained champion, with an untrained one, with none."""

    def __init__(self) -> None:
        super().__init__("Champion coverage", "Champion coverage")
        legend = self.chart().legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pie = QPieSeries()
        self.setMinimumHeight(ACTIVITY_HEIGHT)

    def show_counts(self, counts: ChampionCounts) -> None:
        chart = self._clear(f"Agencies' champions on {counts.on:%d/%m/%Y}")
        self.pie = QPieSeries()
        self.pie.setPieSize(0.85)
        for (caption, agencies), colour in zip(
            _coverage_slices(counts), COVERAGE_COLOURS, strict=True
        ):
            piece = self.pie.append(f"{caption}: {len(agencies)}", len(agencies))
            piece.setColor(QColor(colour))
            piece.setBorderColor(QColor(colour))  # no white seam where empty slices sit
        chart.addSeries(self.pie)
        self._fit_legend()
        self.setAccessibleDescription(
            "; ".join(
                f"{caption}: {len(agencies)}" for caption, agencies in _coverage_slices(counts)
            )
        )

    def values(self) -> list[tuple[str, int]]:
        return [(piece.label(), int(piece.value())) for piece in self.pie.slices()]

    def _fit_legend(self) -> None:
        """Wide enough for the legend's words, which a narrower chart cuts off."""
        legend = self.chart().legend().effectiveSizeHint(Qt.SizeHint.PreferredSize)
        self.setMinimumWidth(math.ceil(legend.width() / LEGEND_SHARE) + CHART_EDGES)


def _coverage_slices(counts: ChampionCounts) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("Trained champion", counts.trained),
        ("Untrained champion", counts.untrained),
        ("No champion", counts.without),
    ]


def coverage_text(counts: ChampionCounts) -> str:
    """The counts in words, naming the agencies with no trained champion (the first few)."""
    if counts.agencies == 0:
        return "There are no active agencies yet."
    trained, untrained, without = (len(counts.trained), len(counts.untrained), len(counts.without))
    text = (
        f"{trained:,} of {counts.agencies:,} agencies {_has(trained)} a trained champion in post; "
        f"{untrained:,} {_has(untrained)} a champion not yet trained and {without:,} "
        f"{_has(without)} none."
    )
    missing = [*counts.untrained, *counts.without]
    if missing:
        named = ", ".join(sorted(missing, key=str.casefold)[:6])
        more = f" and {len(missing) - 6:,} more" if len(missing) > 6 else ""
        text += f" No trained champion: {named}{more}."
    return text


def _has(count: int) -> str:
    return "has" if count == 1 else "have"
