"""The champions page: coverage by agency, appointing through the dialog, and meetings."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from tests.ui.conftest import BULK_STAFF, table_column, wait_until_idle
from training.catalogue import list_topics
from training.champions import (
    ChampionDraft,
    appoint_champion,
    list_champions,
    list_meetings,
    meeting_attendance,
)
from training.staff import page_staff
from training.workspace import Workspace
from ui.desktop.pages.champion_dialogs import (
    STAFF_LISTED,
    AppointChampionDialog,
    ChampionDateDialog,
    MeetingDialog,
)
from ui.desktop.pages.champions import ChampionsPage

TODAY = dt.date.today()
D = TypeVar("D", bound=QDialog)


def open_page(qtbot, space: Workspace) -> ChampionsPage:
    shown = ChampionsPage(space)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    wait_until_idle(qtbot)
    return shown


@pytest.fixture
def page(qtbot, workspace: Workspace) -> ChampionsPage:
    return open_page(qtbot, workspace)


def police_status(page: ChampionsPage) -> str:
    table = page.coverage_tab.table
    return table_column(table, "Status")[table_column(table, "Agency").index("Northshire Police")]


def clicked_open(qtbot, button: QPushButton, kind: type[D]) -> D:
    """The dialog of that kind that clicking the button opened."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return next(d for d in button.window().findChildren(kind) if d.isVisible())


def open_appoint_dialog(qtbot, page: ChampionsPage, agency: str) -> AppointChampionDialog:
    page.tabs.setCurrentWidget(page.register_tab)
    dialog = clicked_open(qtbot, page.register_tab.appoint_button, AppointChampionDialog)
    dialog.agency.setCurrentIndex(dialog.agency.findText(agency))
    wait_until_idle(qtbot)
    return dialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)


def appointed(qtbot, page: ChampionsPage, surname: str, on: dt.date = TODAY) -> int:
    """Appoint the police officer of that surname as CSE champion (through the service)."""
    space = page.space
    person = page_staff(space.unit_of_work(), search=surname)[0]
    topic = next(t.id for t in list_topics(space.unit_of_work()) if t.name == "CSE")
    made = appoint_champion(
        space.unit_of_work(), ChampionDraft(person.agency_id, person.id, topic, on)
    )
    page.reload()
    wait_until_idle(qtbot)
    return made.id


def test_coverage_lists_every_agency_even_one_without_staff(page):
    table = page.coverage_tab.table
    assert table_column(table, "Agency") == ["Northshire Police", "Northshire Schools"]
    assert table_column(table, "Status") == ["No champion", "No champion"]
    assert page.coverage_tab.summary.text() == (
        f"On {TODAY:%d/%m/%Y}: 0 of 2 agencies covered; 2 with no champion. "
        "Attendance is not judged yet: no meetings held so far."
    )


def test_a_champion_appointed_through_the_dialog_shows_in_the_register_and_coverage(
    qtbot, page, message_boxes
):
    dialog = open_appoint_dialog(qtbot, page, "Northshire Police")
    assert dialog.staff.choice.count() == 4
    qtbot.keyClicks(dialog.staff.search, "pat")
    qtbot.waitUntil(lambda: dialog.staff.choice.count() == 1)
    assert dialog.staff.choice.currentText().startswith("Patel, Alex (P3")
    assert dialog.theme.currentText() == "CSE"
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert table_column(page.register_tab.table, "Champion") == ["Alex Patel"]
    assert table_column(page.register_tab.table, "Trained") == ["Not yet"]
    assert police_status(page) == "Untrained champion"

    page.register_tab.table.selectRow(0)
    training = clicked_open(qtbot, page.register_tab.training_button, ChampionDateDialog)
    assert training.windowTitle() == "Record training: Alex Patel"
    save(qtbot, training)
    assert table_column(page.register_tab.table, "Trained") == [f"{TODAY:%d/%m/%Y}"]
    assert police_status(page) == "Covered"
    assert table_column(page.coverage_tab.table, "Champions")[0] == "Alex Patel"
    assert page.coverage_tab.summary.text().startswith(
        f"On {TODAY:%d/%m/%Y}: 1 of 2 agencies covered; 1 with no champion."
    )
    assert message_boxes == []


def test_coverage_follows_the_date_chosen(qtbot, page):
    appointed(qtbot, page, "Smith")
    assert police_status(page) == "Untrained champion"
    page.coverage_tab.on_date.setDate(page.coverage_tab.on_date.date().addDays(-1))
    qtbot.waitUntil(lambda: police_status(page) == "No champion")


def test_the_staff_list_offers_some_at_a_time_and_a_search_finds_the_rest(qtbot, big_workspace):
    page = open_page(qtbot, big_workspace)
    dialog = open_appoint_dialog(qtbot, page, "Northshire Police")
    assert dialog.staff.choice.count() == STAFF_LISTED
    assert dialog.staff.note.text() == (
        f"Showing {STAFF_LISTED} of {BULK_STAFF + 4:,}: type part of a name to find the rest."
    )
    qtbot.keyClicks(dialog.staff.search, "bulk01150")
    qtbot.waitUntil(lambda: dialog.staff.choice.count() == 1)
    assert dialog.staff.choice.currentText() == "Bulk01150, Sam (B01150)"
    assert dialog.staff.note.text() == "1 found."


def test_an_agency_without_staff_gets_its_problem_under_the_staff_field(qtbot, page, message_boxes):
    dialog = open_appoint_dialog(qtbot, page, "Northshire Schools")
    assert dialog.staff.choice.count() == 0
    assert dialog.staff.note.text() == "This agency has no staff on record yet."
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem("staff member") == "Choose a member of staff"
    assert dialog.problem("agency") == ""
    assert message_boxes == []
    assert list_champions(page.space.unit_of_work()) == []


def test_appointing_someone_twice_is_refused_under_the_staff_field(qtbot, page):
    for attempt in (0, 1):
        dialog = open_appoint_dialog(qtbot, page, "Northshire Police")
        choice = dialog.staff.choice
        choice.setCurrentIndex(choice.findText("Smith, Alex", Qt.MatchFlag.MatchStartsWith))
        save(qtbot, dialog)
        assert dialog.isVisible() == (attempt == 1)
    assert dialog.isVisible()
    assert "Alex Smith is already a champion for this theme" in dialog.problem("staff member")


def test_standing_down_before_the_appointment_is_refused_under_the_date(qtbot, page):
    appointed(qtbot, page, "Smith")
    page.tabs.setCurrentWidget(page.register_tab)
    page.register_tab.table.selectRow(0)
    assert page.register_tab.stand_down_button.isEnabled()
    dialog = clicked_open(qtbot, page.register_tab.stand_down_button, ChampionDateDialog)
    dialog.day.setDate(dialog.day.date().addDays(-1))
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem("stood down on").startswith("Cannot be before they were appointed")


def test_a_meeting_is_added_and_its_attendance_recorded(qtbot, page, workspace, message_boxes):
    month_ago = TODAY - dt.timedelta(days=30)
    jones, smith = (appointed(qtbot, page, name, month_ago) for name in ("Jones", "Smith"))
    meetings = page.meetings_tab
    page.tabs.setCurrentWidget(meetings)
    dialog = clicked_open(qtbot, meetings.new_button, MeetingDialog)
    qtbot.keyClicks(dialog.venue, "Marlbury Civic Centre")
    save(qtbot, dialog)
    assert table_column(meetings.table, "Venue") == ["Marlbury Civic Centre"]
    assert meetings.attendance_box.title() == f"Attendance at the meeting of {TODAY:%d/%m/%Y}"
    listed = [meetings.attendance.topLevelItem(n) for n in range(2)]
    assert [item.text(0) for item in listed] == ["Alex Jones", "Alex Smith"]
    assert {item.checkState(0) for item in listed} == {Qt.CheckState.Unchecked}
    listed[1].setCheckState(0, Qt.CheckState.Checked)
    assert meetings.present_label.text() == "1 of 2 present"
    qtbot.mouseClick(meetings.save_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert table_column(meetings.table, "Present") == ["1"]
    assert table_column(meetings.table, "Apologies") == ["1"]
    held = list_meetings(workspace.unit_of_work())[0]
    recorded = {
        x.champion_id: x.present for x in meeting_attendance(workspace.unit_of_work(), held.id)
    }
    assert recorded == {smith: True, jones: False}
    assert message_boxes == []
