"""The catalogue page: every course, sortable, narrowed by what is typed in the search box."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import table_column, table_titles
from ui.desktop.pages.catalogue import CataloguePage


def catalogue(qtbot, window) -> CataloguePage:
    window.show_page(1)
    page = window.current_page
    assert isinstance(page, CataloguePage)
    return page


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
