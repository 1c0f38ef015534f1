"""The reports saved as files: the agency training return, the board training report and the
quality assurance report, each a ``ReportPanel`` with its own parameters and figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout

from exports.board_report_data import key_figures as board_key_figures
from exports.board_report_data import period_text as board_period_text
from exports.board_report_pdf import write_board_report_pdf
from exports.board_report_workbook import write_board_report_workbook
from exports.quality_report_pdf import write_quality_report_pdf
from exports.quality_report_text import KeyFigure
from exports.quality_report_text import key_figures as quality_key_figures
from exports.quality_report_text import period_text as quality_period_text
from exports.quality_report_workbook import write_quality_report_workbook
from exports.return_data import period_text as return_period_text
from exports.return_pdf import write_return_pdf
from exports.return_workbook import write_return_workbook
from training.board_report import BoardReport, board_report
from training.quality import QualityReport, quality_report
from training.returns import TopicCounts, TrainingReturn, default_period_start, training_return
from ui.desktop.pages.report_panel import ReportPanel, ReportRequest, period_edits
from ui.desktop.report_files import FileKind, file_date, file_name
from ui.desktop.table_models import Column, percent_text
from ui.desktop.widgets import chosen_date, date_edit, qdate

ALL_TOPICS = "All topics"
ALL_AGENCIES = "All agencies"


def choice_combo(accessible_name: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setMinimumContentsLength(28)
    combo.addItem(everything, None)
    return combo


def fill_combo(combo: QComboBox, names: Sequence[str]) -> bool:
    """The first item (all of them) and then ``names``, keeping the one chosen if still there;
    whether it was."""
    chosen = combo.currentData()
    with QSignalBlocker(combo):
        while combo.count() > 1:
            combo.removeItem(1)
        for name in names:
            combo.addItem(name, name)
        found = combo.findData(chosen)
        combo.setCurrentIndex(max(found, 0))
    return found >= 0 or chosen is None


def period_form(form: QFormLayout) -> tuple[QDateEdit, QDateEdit]:
    start, end = period_edits("From", "To")
    form.addRow("Fro&m:", start)
    form.addRow("&To:", end)
    return start, end


# --- the agency training return ------------------------------------------------------------


@dataclass(frozen=True)
class ReturnLine:
    """An agency's counts for one topic: a row of the return's figures."""

    agency: str
    counts: TopicCounts


RETURN_COLUMNS: list[Column[ReturnLine]] = [
    Column("Agency", lambda r: r.agency),
    Column("Topic", lambda r: r.counts.topic),
    Column("In scope", lambda r: r.counts.in_scope),
    Column("Trained", lambda r: r.counts.trained),
    Column("%\ntrained", lambda r: r.counts.percent_trained, percent_text),
    Column("Expiring\n≤ 90 days", lambda r: r.counts.expiring_soon),
    Column("Overdue", lambda r: r.counts.overdue),
    Column("Trained\nin period", lambda r: r.counts.trained_in_period),
]


class ReturnPanel(ReportPanel[TrainingReturn]):
    title = "Agency training return"
    description = (
        "For each agency, on the reporting date: the staff in scope by the tier their role "
        "requires, those trained at that level, expiring within 90 days and overdue; and who "
        "was trained in the period. Choose an agency for an agency lead's own return."
    )

    columns = RETURN_COLUMNS
    stretch_column = 0
    max_column_width = 200  # topics are long: the agency takes the width left

    def build_form(self, form: QFormLayout) -> None:
        today = dt.date.today()
        self.on = date_edit("Reporting date", today)
        self.period_start = date_edit("Period from", default_period_start(today))
        self.period_start.setMaximumDate(self.on.date())
        self.topic = choice_combo("Topic", ALL_TOPICS)
        self.agency = choice_combo("Agency", ALL_AGENCIES)
        form.addRow("&Reporting date:", self.on)
        form.addRow("Perio&d from:", self.period_start)
        form.addRow("&Topic:", self.topic)
        form.addRow("&Agency:", self.agency)
        self._period_follows = True  # the period is the year to the date until changed by hand
        self.on.dateChanged.connect(self._date_changed)
        self.period_start.dateChanged.connect(self._period_changed)
        self.topic.currentIndexChanged.connect(self.parameters_changed)
        self.agency.currentIndexChanged.connect(self.parameters_changed)

    def set_choices(self, topics: Sequence[str], agencies: Sequence[str]) -> None:
        kept = [fill_combo(self.topic, topics), fill_combo(self.agency, agencies)]
        if not all(kept):
            self.parameters_changed()

    def _date_changed(self) -> None:
        if self._period_follows:
            with QSignalBlocker(self.period_start):
                self.period_start.setDate(qdate(default_period_start(chosen_date(self.on))))
        self.period_start.setMaximumDate(self.on.date())  # a later start moves back to it
        self.parameters_changed()

    def _period_changed(self) -> None:
        self._period_follows = False
        self.parameters_changed()

    def request(self) -> ReportRequest[TrainingReturn]:
        on, start = chosen_date(self.on), chosen_date(self.period_start)
        topic, agency = self.topic.currentData(), self.agency.currentData()
        return ReportRequest(
            make=lambda space, progress: training_return(
                space.unit_of_work(),
                on,
                period_start=start,
                topic=topic,
                agency=agency,
                progress=progress,
            ),
            file_name=file_name("Training return", agency or "", topic or "", file_date(on)),
            writers={FileKind.PDF: write_return_pdf, FileKind.WORKBOOK: write_return_workbook},
        )

    def figure_rows(self, report: TrainingReturn) -> list[ReturnLine]:
        """Every agency's counts per topic, after all agencies' together (if more than one)."""
        totals = (
            [ReturnLine(ALL_AGENCIES, counts) for counts in report.totals()]
            if len(report.agencies) > 1
            else []
        )
        return totals + [
            ReturnLine(agency.agency, counts)
            for agency in report.agencies
            for counts in agency.counts
        ]

    def figures_caption(self, report: TrainingReturn) -> str:
        topics = "1 topic" if len(report.topics) == 1 else f"{len(report.topics):,} topics"
        if len(report.agencies) == 1:
            whose = report.agencies[0].agency
        elif report.agencies:
            whose = f"{len(report.agencies):,} agencies, all of them together first"
        else:
            whose = "no active agencies"
        return f"{return_period_text(report)}; {topics}; {whose}."


# --- the board training report -------------------------------------------------------------

FigureLine = tuple[str, str]

BOARD_COLUMNS: list[Column[FigureLine]] = [
    Column("Figure", lambda line: line[0]),
    Column("In the period", lambda line: line[1]),
]


class BoardPanel(ReportPanel[BoardReport]):
    title = "Board training report"
    description = (
        "What the partnership's training achieved in the period: sessions delivered, places "
        "filled and did-not-attend rates, attendances, evaluations and the shift in confidence, "
        "QA outcomes, agencies without a trained champion, and awareness reach."
    )

    columns = BOARD_COLUMNS
    stretch_column = 1
    max_column_width = 400  # a figure's name may end in a date; its value takes the width left

    def build_form(self, form: QFormLayout) -> None:
        self.start, self.end = period_form(form)
        self.start.dateChanged.connect(self.parameters_changed)
        self.end.dateChanged.connect(self.parameters_changed)

    def request(self) -> ReportRequest[BoardReport]:
        start, end = chosen_date(self.start), chosen_date(self.end)
        return ReportRequest(
            make=lambda space, progress: board_report(space.unit_of_work(), start, end, progress),
            file_name=file_name("Board training report", file_date(start), "to", file_date(end)),
            writers={
                FileKind.PDF: write_board_report_pdf,
                FileKind.WORKBOOK: write_board_report_workbook,
            },
        )

    def figure_rows(self, report: BoardReport) -> list[FigureLine]:
        return board_key_figures(report)

    def figures_caption(self, report: BoardReport) -> str:
        return f"{board_period_text(report)}, at a glance:"


# --- the quality assurance report ----------------------------------------------------------

QUALITY_COLUMNS: list[Column[KeyFigure]] = [
    Column("Figure", lambda figure: figure.label),
    Column("Value", lambda figure: figure.value),
    Column("What it counts", lambda figure: figure.detail),
]


class QualityPanel(ReportPanel[QualityReport]):
    title = "Quality assurance report"
    description = (
        "The period's evaluations and QA observations per course, trainer and tier, the shift "
        "in confidence, the courses not assured within 12 months, and the comments to read."
    )

    columns = QUALITY_COLUMNS
    stretch_column = 2

    def build_form(self, form: QFormLayout) -> None:
        self.start, self.end = period_form(form)
        self.start.dateChanged.connect(self.parameters_changed)
        self.end.dateChanged.connect(self.parameters_changed)

    def request(self) -> ReportRequest[QualityReport]:
        start, end = chosen_date(self.start), chosen_date(self.end)
        return ReportRequest(
            make=lambda space, _progress: quality_report(space.unit_of_work(), start, end),
            file_name=file_name("Quality assurance report", file_date(start), "to", file_date(end)),
            writers={
                FileKind.PDF: lambda path, report: write_quality_report_pdf(
                    path, report.summary, report.partnership
                ),
                FileKind.WORKBOOK: lambda path, report: write_quality_report_workbook(
                    path, report.summary, report.partnership
                ),
            },
        )

    def figure_rows(self, report: QualityReport) -> list[KeyFigure]:
        return quality_key_figures(report.summary)

    def figures_caption(self, report: QualityReport) -> str:
        return f"{quality_period_text(report.summary)}, at a glance:"
