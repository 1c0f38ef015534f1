"""The dashboard: the partnership's counts, and compliance per agency for a topic and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QScrollArea

from tests.ui.conftest import TODAY, add_bulk_staff, table_column, wait_until_idle
from training import agencies, catalogue, staff
from training.activity import Quarter, quarters_until
from training.champions import ChampionDraft, appoint_champion, record_champion_training
from training.registers import AttendanceMark, mark_register
from training.workspace import Workspace
from ui.desktop.pages.dashboard import DashboardPage

NO_TIERS = [0] * 8


def dashboard(window) -> DashboardPage:
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    return page


def test_tiles_count_what_the_partnership_holds(main_window):
    tiles = dashboard(main_window).tiles
    assert tiles["agencies"].number.text() == "2"
    assert tiles["staff members"].number.text() == "4"
    assert tiles["courses"].number.text() == "3"
    assert tiles["courses"].accessibleName() == "courses: 3"


def test_compliance_per_agency_for_the_first_topic_today(main_window):
    page = dashboard(main_window)
    assert page.topic.currentText() == "CSE"
    assert page.reporting_date.text() == f"{TODAY:%d/%m/%Y}"
    assert table_column(page.table, "Agency") == ["Northshire Police", "Northshire Schools"]
    assert table_column(page.table, "In scope") == ["4", "0"]
    assert table_column(page.table, "Trained") == ["2", "0"]
    assert table_column(page.table, "% trained") == ["50.0%", "–"]
    assert page.summary.text().startswith(f"On {TODAY:%d/%m/%Y}, 2 of 4 staff in scope (50.0%)")


def test_an_earlier_reporting_date_counts_training_done_by_then(qtbot, main_window):
    page = dashboard(main_window)
    before_the_course = TODAY - dt.timedelta(days=60)
    page.reporting_date.setDate(QDate(before_the_course))
    qtbot.waitUntil(lambda: table_column(page.table, "Trained") == ["0", "0"])
    assert page.summary.text().startswith(f"On {before_the_course:%d/%m/%Y}, 0 of 4")


def test_choosing_another_topic_counts_it(qtbot, main_window):
    page = dashboard(main_window)
    page.topic.setCurrentText("Online safety")
    qtbot.waitUntil(lambda: "nobody is in scope" in page.summary.text())
    assert table_column(page.table, "In scope") == ["0", "0"]


def test_the_compliance_table_sorts_by_a_column_header(qtbot, main_window):
    page = dashboard(main_window)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table_column(page.table, "In scope") == ["4", "0"]
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert table_column(page.table, "In scope") == ["0", "4"]


def test_refresh_shows_what_changed_since(qtbot, main_window, workspace):
    add_bulk_staff(workspace, 3)
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    wait_until_idle(qtbot)
    assert dashboard(main_window).tiles["staff members"].number.text() == "7"


def open_dashboard(qtbot, space: Workspace) -> DashboardPage:
    page = DashboardPage(space)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    wait_until_idle(qtbot)
    return page


def test_the_page_scrolls_under_titled_charts(main_window):
    page = dashboard(main_window)
    assert page.findChild(QScrollArea) is not None
    charts = (page.compliance_chart, page.quarter_chart, page.champion_chart)
    assert [c.accessibleName() for c in charts] == [
        "Percentage trained by agency",
        "Attendances per quarter by tier",
        "Champion coverage",
    ]
    assert all(c.chart().title() for c in charts)


def test_the_compliance_chart_shows_each_agency_with_anyone_in_scope(main_window):
    page = dashboard(main_window)
    assert page.compliance_chart.isVisible()
    assert page.compliance_chart.values() == [("Northshire Police", 50.0)]
    assert page.compliance_chart.accessibleDescription() == "Northshire Police: 50.0%"
    assert page.left_out.text() == (
        "Not charted: Northshire Schools, where no role requires this topic."
    )


def test_a_topic_nobody_needs_has_no_compliance_chart(qtbot, main_window):
    page = dashboard(main_window)
    page.topic.setCurrentText("Online safety")
    qtbot.waitUntil(lambda: "nobody is in scope" in page.summary.text())
    assert not page.compliance_chart.isVisible()


def test_attendances_are_charted_per_quarter_by_tier(main_window):
    page = dashboard(main_window)
    quarters = quarters_until(TODAY, 8)
    targeted = list(NO_TIERS)
    targeted[quarters.index(Quarter.of(TODAY - dt.timedelta(days=30)))] = 2
    assert page.quarter_chart.values() == {
        "Universal": NO_TIERS,
        "Introductory": NO_TIERS,
        "Targeted": targeted,
        "Specialist": NO_TIERS,
    }
    assert page.quarter_chart.quarters.categories()[-1] == Quarter.of(TODAY).label.replace(
        " ", "<br>"
    )
    assert page.quarter_chart.chart().title().endswith(f"to {TODAY:%d/%m/%Y}")


def test_the_activity_charts_sit_side_by_side_when_both_fit_else_one_above_the_other(
    qtbot, workspace
):
    page = open_dashboard(qtbot, workspace)
    quarters, champions = page.quarter_chart, page.champion_chart
    assert quarters.geometry().right() < champions.geometry().left()
    assert quarters.width() >= quarters.minimumWidth()

    page.resize(800, 700)
    qtbot.waitUntil(lambda: quarters.geometry().bottom() < champions.geometry().top())
    assert quarters.width() >= quarters.minimumWidth()
    assert champions.width() >= champions.minimumWidth()


def test_the_champion_legend_is_drawn_whole_inside_its_chart(qtbot, workspace):
    page = open_dashboard(qtbot, workspace)
    chart = page.champion_chart.chart()
    assert chart.legend().geometry().right() <= chart.geometry().right()


def test_an_earlier_reporting_date_moves_the_quarters_back(qtbot, main_window):
    page = dashboard(main_window)
    year_ago = TODAY - dt.timedelta(days=365)
    page.reporting_date.setDate(QDate(year_ago))
    qtbot.waitUntil(lambda: page.quarter_chart.chart().title().endswith(f"{year_ago:%d/%m/%Y}"))
    wait_until_idle(qtbot)
    assert page.quarter_chart.values()["Targeted"] == NO_TIERS


def police_staff_ids(space: Workspace) -> list[int]:
    police = agencies.list_agencies(space.unit_of_work())[0]
    people = staff.page_staff(space.unit_of_work(), agency_id=police.id)
    return [p.id for p in people]


def test_champion_coverage_is_charted_and_counted(qtbot, workspace):
    police = agencies.list_agencies(workspace.unit_of_work())[0]
    topic = catalogue.list_topics(workspace.unit_of_work())[0]
    champion = appoint_champion(
        workspace.unit_of_work(),
        ChampionDraft(police.id, police_staff_ids(workspace)[0], topic.id, TODAY),
    )
    record_champion_training(workspace.unit_of_work(), champion.id, TODAY)

    page = open_dashboard(qtbot, workspace)

    assert page.champion_chart.values() == [
        ("Trained champion: 1", 1),
        ("Untrained champion: 0", 0),
        ("No champion: 1", 1),
    ]
    assert page.champion_summary.text() == (
        "1 of 2 agencies has a trained champion in post; 0 have a champion not yet trained "
        "and 1 has none. No trained champion: Northshire Schools."
    )


def add_session(space: Workspace, days_ahead: int, capacity: int) -> int:
    course = next(c for c in catalogue.list_courses(space.unit_of_work()) if c.code == "CSE-T1")
    start = dt.datetime.combine(TODAY + dt.timedelta(days=days_ahead), dt.time(9, 30))
    draft = catalogue.SessionDraft(
        course.id, start, start + dt.timedelta(hours=3), "Town Hall", capacity=capacity
    )
    return catalogue.save_session(space.unit_of_work(), draft).id


def test_the_next_sessions_with_places_free_are_listed(qtbot, workspace):
    add_session(workspace, 14, capacity=10)
    full = add_session(workspace, 7, capacity=1)
    mark_register(
        workspace.unit_of_work(), full, [AttendanceMark(police_staff_ids(workspace)[0], "booked")]
    )
    add_session(workspace, -7, capacity=10)

    page = open_dashboard(qtbot, workspace)

    in_two_weeks = TODAY + dt.timedelta(days=14)
    assert table_column(page.sessions_table, "Starts") == [f"{in_two_weeks:%d/%m/%Y} 09:30"]
    assert table_column(page.sessions_table, "Course") == ["CSE-T1: CSE: targeted"]
    assert table_column(page.sessions_table, "Free places") == ["10 of 10"]
    assert page.sessions_note.text() == "Only one session to come has places free."


def test_a_page_not_yet_shown_loads_nothing(qtbot, workspace):
    page = DashboardPage(workspace)
    qtbot.addWidget(page)
    page.reload()
    wait_until_idle(qtbot)
    assert page.tiles == {}
    assert page.out_of_date
