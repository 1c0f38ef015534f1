"""The catalogue page: every course, with its topic, tier, delivery and validity; searchable."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from training.catalogue import CourseView, TierView, list_courses, list_tiers, list_topics
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, heading, search_box, table_view


def validity_text(months: object) -> str:
    return "No expiry" if months is None else f"{months} months"


def course_title(course: CourseView) -> str:
    return course.title if course.active else f"{course.title} (withdrawn)"


def quality_assurance(course: CourseView) -> str:
    if course.last_assured_on is None:
        return course.qa_status
    return f"{course.qa_status} ({course.last_assured_on:%d/%m/%Y})"


COURSE_COLUMNS: list[Column[CourseView]] = [
    Column("Code", lambda c: c.code),
    Column("Title", course_title),
    Column("Topic", lambda c: c.topic),
    Column("Tier", lambda c: c.tier),
    Column("Delivery", lambda c: c.delivery_mode),
    Column("Hours", lambda c: c.duration_hours),
    Column("Valid for", lambda c: c.validity_months, validity_text),
    Column("Quality assurance", quality_assurance),
    Column("Provider", lambda c: c.provider),
]


@dataclass(frozen=True)
class Catalogue:
    courses: list[CourseView]
    tiers: list[TierView]
    topic_count: int


def load_catalogue(space: Workspace) -> Catalogue:
    return Catalogue(
        courses=list_courses(space.unit_of_work()),
        tiers=list_tiers(space.unit_of_work()),
        topic_count=len(list_topics(space.unit_of_work())),
    )


class CataloguePage(Page):
    title = "Catalogue"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self.courses = ColumnTableModel(COURSE_COLUMNS, self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.courses)
        self.filtered.setSortRole(SORT_ROLE)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = search_box(
            "Search by code, title, topic, tier or provider", "Search the courses"
        )
        self.search.textChanged.connect(self._filter)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Courses shown")
        self.tiers_label = QLabel()
        self.tiers_label.setAccessibleName("Tiers")
        self.table = table_view(self.filtered, "Courses", sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Catalogue", "The courses on offer, by topic and tier."))
        layout.addWidget(self.tiers_label)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

        self._query = LatestQuery(self)
        self._fitted = False
        self.reload()

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: load_catalogue(space), self._show)

    def _show(self, catalogue: Catalogue) -> None:
        self.courses.set_rows(catalogue.courses)
        tiers = " < ".join(t.name for t in sorted(catalogue.tiers, key=lambda t: t.rank))
        topics = f"{catalogue.topic_count:,} topics" if catalogue.topic_count else "No topics yet"
        self.tiers_label.setText(f"{topics}. Tiers, lowest first: {tiers or 'none yet'}.")
        if catalogue.courses and not self._fitted:
            fit_columns(self.table)
            self._fitted = True
        self._show_count()

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.filtered.rowCount(), self.courses.rowCount()
        if total == 0:
            self.count_label.setText("No courses in the catalogue yet")
        elif shown == total:
            self.count_label.setText(f"{total:,} courses")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} courses")
