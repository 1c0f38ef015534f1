"""The catalogue page: every course, sortable, narrowed by what is typed in the search box."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import open_page, table_column, table_titles, wait_until_idle
from training.catalogue import CourseDraft, save_course
from ui.desktop.pages.catalogue import CataloguePage
from ui.desktop.pages.course_dialog import CourseDialog


def catalogue(qtbot, window) -> CataloguePage:
    return open_page(qtbot, window, CataloguePage)


def test_every_course_is_listed_by_code_with_its_topic_tier_and_validity(qtbot, main_window):
    page = catalogue(qtbot, main_window)
    assert table_column(page.table, "Code") == ["CSE-S1", "CSE-T1", "ONL-U1"]
    assert table_column(page.table, "Tier") == ["Specialist", "Targeted", "Universal"]
    assert table_column(page.table, "Valid for") == ["24 months", "36 months", "24 months"]
    assert table_column(page.table, "Hours") == ["1.5", "6", "1.5"]
    assert page.count_label.text() == "3 courses"
    assert "Universal < Introductory < Targeted < Specialist" in page.tiers_label.text()


def test_typing_in_the_search_box_narrows_the_courses(qtbot, main_window):
    page = catalogue(qtbot, main_window)
    qtbot.keyClicks(page.search, "online")
    assert table_column(page.table, "Code") == ["ONL-U1"]
    assert page.count_label.text() == "1 of 3 courses"
    page.search.clear()
    assert page.count_label.text() == "3 courses"


def test_clicking_a_column_header_sorts_by_its_values(qtbot, main_window):
    page = catalogue(qtbot, main_window)
    header = page.table.horizontalHeader()
    valid_for = table_titles(page.table).index("Valid for")
    centre = QPoint(
        header.sectionViewportPosition(valid_for) + header.sectionSize(valid_for) // 2,
        header.height() // 2,
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert table_column(page.table, "Valid for") == ["24 months", "24 months", "36 months"]
    assert table_column(page.table, "Code")[-1] == "CSE-T1"


def select_course(page: CataloguePage, code: str) -> None:
    row = table_column(page.table, "Code").index(code)
    page.table.selectRow(row)


def test_a_new_course_is_saved_and_listed(qtbot, main_window):
    page = catalogue(qtbot, main_window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CourseDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.code, "mis-i1")
    qtbot.keyClicks(dialog.title_edit, "Missing children: introduction")
    dialog.tier.setCurrentText("Introductory")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert "MIS-I1" in table_column(page.table, "Code")
    assert page.count_label.text() == "4 courses"


def test_a_course_with_problems_stays_open_with_each_problem_under_its_field(
    qtbot, main_window, message_boxes
):
    page = catalogue(qtbot, main_window)
    select_course(page, "ONL-U1")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CourseDialog)
    dialog.code.setText("CSE-T1")  # another course's code
    dialog.title_edit.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("title") != "")
    assert dialog.isVisible()
    assert dialog.problem("title") == "Is required"
    assert dialog.problem("code") == ""  # checked only once the fields themselves are valid
    dialog.title_edit.setText("Online safety: awareness")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("code") != "")
    assert dialog.problem("code").startswith("CSE-T1 is already the code of")
    assert dialog.problem("title") == ""
    assert message_boxes == []


def test_a_course_someone_else_changed_meanwhile_is_not_overwritten(
    qtbot, main_window, message_boxes
):
    page = catalogue(qtbot, main_window)
    select_course(page, "ONL-U1")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CourseDialog)
    theirs = next(c for c in page.courses.rows if c.code == "ONL-U1")
    draft = CourseDraft(
        theirs.code, "Their title", theirs.topic_id, theirs.tier_id, "classroom", Decimal(2), 12
    )
    save_course(
        main_window.workspace.unit_of_work(), draft, course_id=theirs.id, version=theirs.version
    )
    dialog.title_edit.setText("My title")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "changed by someone else" in dialog.banner.text()
    assert dialog.isVisible() and dialog.title_edit.text() == "My title"
    dialog.reject()
    page.reload()
    wait_until_idle(qtbot)
    assert "Their title" in table_column(page.table, "Title")
    assert message_boxes == []
