"""The reports page: the reports on the left; on the right, the chosen one's parameters, its
figures in short, and its files (the agency training return, the board training report and the
quality assurance report as PDF or workbook; certificates previewed, printed or saved)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from training.agencies import list_agencies
from training.catalogue import list_topics
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.certificate_panel import CertificatesPanel
from ui.desktop.pages.report_panels import BoardPanel, QualityPanel, ReturnPanel
from ui.desktop.report_files import SavedNotice
from ui.desktop.widgets import heading

LIST_PADDING = 40  # pixels beside the longest report's name in the list


@dataclass(frozen=True)
class ReportChoices:
    """What the return's topic and agency lists offer (active agencies only)."""

    topics: list[str]
    agencies: list[str]


def load_choices(space: Workspace) -> ReportChoices:
    return ReportChoices(
        topics=[t.name for t in list_topics(space.unit_of_work())],
        agencies=[a.name for a in list_agencies(space.unit_of_work()) if a.active],
    )


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self.training_return = ReturnPanel(lambda: self.space)
        self.board = BoardPanel(lambda: self.space)
        self.quality = QualityPanel(lambda: self.space)
        self.certificates = CertificatesPanel(lambda: self.space)
        panels = (self.training_return, self.board, self.quality, self.certificates)

        self.reports = QListWidget()
        self.reports.setAccessibleName("Reports")
        self.panels = QStackedWidget()
        self.notice = SavedNotice()
        for panel in panels:
            self.reports.addItem(panel.title)
            self.panels.addWidget(panel)
            panel.told.connect(self._tell)
        self.reports.setFixedWidth(
            max(self.reports.fontMetrics().horizontalAdvance(p.title) for p in panels)
            + LIST_PADDING
        )
        self.reports.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.reports.currentRowChanged.connect(self.panels.setCurrentIndex)
        self.reports.setCurrentRow(0)

        body = QHBoxLayout()
        body.addWidget(self.reports)
        body.addWidget(self.panels, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                "Reports",
                "See a report's figures in short, save it as PDF or workbook, and print "
                "certificates.",
            )
        )
        layout.addLayout(body, 1)
        layout.addWidget(self.notice)
        self._query = LatestQuery(self)
        self.reload()

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: load_choices(space), self._show_choices)
        for panel in (self.training_return, self.board, self.quality):
            panel.refresh()
        self.certificates.reload()

    def _show_choices(self, choices: ReportChoices) -> None:
        self.training_return.set_choices(choices.topics, choices.agencies)

    def show_report(self, index: int) -> None:
        self.reports.setCurrentRow(index)

    def _tell(self, text: str, path: Path | None) -> None:
        self.notice.tell(text, path)
