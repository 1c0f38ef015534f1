"""The catalogue page: every course, with its topic, tier, delivery and validity; searchable."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from training.catalogue import (
    CourseView,
    TierView,
    TopicView,
    list_courses,
    list_tiers,
    list_topics,
)
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.course_dialog import CourseDialog
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
    topics: list[TopicView]


def load_catalogue(space: Workspace) -> Catalogue:
    return Catalogue(
        courses=list_courses(space.unit_of_work()),
        tiers=list_tiers(space.unit_of_work()),
        topics=list_topics(space.unit_of_work()),
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
        self.table.doubleClicked.connect(self._edit_at)
        self.table.selectionModel().selectionChanged.connect(self._enable_edit)
        self.new_button = QPushButton("&New course…")
        self.new_button.clicked.connect(self.add_course)
        self.edit_button = QPushButton("&Edit course…")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_course)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Catalogue", "The courses on offer, by topic and tier."))
        layout.addWidget(self.tiers_label)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

        self._query = LatestQuery(self)
        self._fitted = False
        self._catalogue = Catalogue([], [], [])
        self.reload()

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: load_catalogue(space), self._show)

    def _show(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self.courses.set_rows(catalogue.courses)
        tiers = " < ".join(t.name for t in sorted(catalogue.tiers, key=lambda t: t.rank))
        topics = f"{len(catalogue.topics):,} topics" if catalogue.topics else "No topics yet"
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

    @property
    def chosen_course(self) -> CourseView | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.courses.row_at(self.filtered.mapToSource(selected[0]))

    def _enable_edit(self) -> None:
        self.edit_button.setEnabled(self.chosen_course is not None)

    def _edit_at(self, index: QModelIndex) -> None:
        self.open_course_dialog(self.courses.row_at(self.filtered.mapToSource(index)))

    def add_course(self) -> None:
        self.open_course_dialog(None)

    def edit_course(self) -> None:
        if (course := self.chosen_course) is not None:
            self.open_course_dialog(course)

    def open_course_dialog(self, course: CourseView | None) -> CourseDialog:
        catalogue = self._catalogue
        dialog = CourseDialog(self, self.space, catalogue.topics, catalogue.tiers, course)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog
