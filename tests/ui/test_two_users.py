"""Two coordinators on one shared PostgreSQL database, each with their own connection (two
workspaces, as two copies of the application would have): the second save of the same record
is refused with a clear message and a Reload, and never overwrites the first."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from storage.database import Database
from tests.builders import basics
from tests.conftest import _empty_postgres
from tests.ui.conftest import open_main_window, open_page, table_column, wait_until_idle
from training.access import Principal, Role
from training.catalogue import CourseDraft, list_courses, save_course
from training.workspace import Workspace
from ui.desktop.pages.catalogue import CataloguePage
from ui.desktop.pages.course_dialog import CourseDialog

pytestmark = pytest.mark.postgresql


@pytest.fixture
def two_coordinators(
    postgres_database: Database, postgres_url: str
) -> Iterator[tuple[Workspace, Workspace]]:
    _empty_postgres(postgres_database)
    basics(postgres_database.unit_of_work())
    spaces = tuple(
        Workspace(Database(postgres_url), Principal(name, Role.COORDINATOR))
        for name in ("ann", "bob")
    )
    yield spaces  # type: ignore[misc]
    for space in spaces:
        space.close()


def test_the_second_save_is_refused_and_reload_shows_the_first(
    qtbot, two_coordinators, message_boxes
):
    ann, bob = two_coordinators
    window = open_main_window(qtbot, ann)
    page = open_page(qtbot, window, CataloguePage)
    page.table.selectRow(table_column(page.table, "Code").index("CSE-T1"))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CourseDialog)
    assert dialog.reload_button.isHidden()

    course = list_courses(bob.unit_of_work())[0]  # Bob, on his own connection, saves first
    draft = CourseDraft(
        course.code, "Bob's title", course.topic_id, course.tier_id, "classroom", Decimal(6), 36
    )
    save_course(bob.unit_of_work(), draft, course_id=course.id, version=course.version)

    dialog.title_edit.setText("Ann's title")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "changed by someone else since you opened it" in dialog.banner.text()
    assert dialog.isVisible() and dialog.title_edit.text() == "Ann's title"
    assert [c.title for c in list_courses(bob.unit_of_work())] == ["Bob's title"]

    assert dialog.reload_button.isVisible()
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert not dialog.isVisible()
    assert table_column(page.table, "Title") == ["Bob's title"]
    assert message_boxes == []
    window.close()
