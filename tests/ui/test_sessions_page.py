"""Sessions & registers: list and edit sessions, mark a register, add walk-ins, print the sheet."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from tests.ui.conftest import TODAY, table_column, wait_until_idle
from training import agencies, catalogue, registers, staff
from training.workspace import Workspace
from ui.desktop.pages.register_model import STATUS_COLUMN
from ui.desktop.pages.session_dialog import SessionDialog
from ui.desktop.pages.sessions import Period, SessionsPage
from ui.desktop.pages.walk_in_dialog import WalkInDialog

SOON = TODAY + dt.timedelta(days=7)
LATER = TODAY + dt.timedelta(days=14)
LAST_MONTH = TODAY - dt.timedelta(days=30)
EARLIER = TODAY - dt.timedelta(days=60)


@dataclass(frozen=True)
class Sessions:
    soon: int  # CSE-T1, 2 places, both booked (Smith, Jones)
    later: int  # ONL-U1, 10 places, Patel booked
    last_month: int  # CSE-T1, delivered: Smith attended, Okafor still booked
    cancelled: int  # CSE-S1


def add_session(
    space: Workspace, code: str, day: dt.date, capacity: int, status: str = "scheduled"
) -> int:
    course = next(c for c in catalogue.list_courses(space.unit_of_work()) if c.code == code)
    starts = dt.datetime.combine(day, dt.time(9, 30))
    draft = catalogue.SessionDraft(
        course.id,
        starts,
        starts + dt.timedelta(hours=7),
        "Town Hall",
        "Jo Trainer",
        capacity,
        status,
    )
    return catalogue.save_session(space.unit_of_work(), draft).id


def staff_id(space: Workspace, last_name: str) -> int:
    return next(p.id for p in staff.page_staff(space.unit_of_work()) if p.last_name == last_name)


def mark(space: Workspace, session_id: int, *marks: tuple[str, str]) -> None:
    registers.mark_register(
        space.unit_of_work(),
        session_id,
        [registers.AttendanceMark(staff_id(space, name), status) for name, status in marks],
    )


@pytest.fixture
def sessions(workspace: Workspace) -> Sessions:
    """Four sessions of the small partnership, and a teacher at the schools to walk in."""
    schools = next(
        a
        for a in agencies.list_agencies(workspace.unit_of_work())
        if a.name == "Northshire Schools"
    )
    staff.save_staff(
        workspace.unit_of_work(),
        staff.StaffDraft(schools.id, "Robin", "Teach", None, "T1", job_title="Teacher"),
    )
    made = Sessions(
        soon=add_session(workspace, "CSE-T1", SOON, capacity=2),
        later=add_session(workspace, "ONL-U1", LATER, capacity=10),
        last_month=add_session(workspace, "CSE-T1", LAST_MONTH, 20, "delivered"),
        cancelled=add_session(workspace, "CSE-S1", EARLIER, 20, "cancelled"),
    )
    mark(workspace, made.soon, ("Smith", "booked"), ("Jones", "booked"))
    mark(workspace, made.later, ("Patel", "booked"))
    mark(workspace, made.last_month, ("Smith", "attended"), ("Okafor", "booked"))
    return made


@pytest.fixture
def page(qtbot, workspace: Workspace, sessions: Sessions) -> SessionsPage:
    shown = SessionsPage(workspace, today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    qtbot.waitExposed(shown)
    wait_until_idle(qtbot)
    return shown


@dataclass
class Answers:
    """Replies to the message boxes the page asks, in turn; what each asked."""

    replies: list[QMessageBox.StandardButton] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    given = Answers()

    def reply(box: QMessageBox) -> int:
        given.asked.append(box.text())
        return given.replies.pop(0).value

    monkeypatch.setattr(QMessageBox, "exec", reply)
    return given


def choose_period(qtbot, page: SessionsPage, period: Period) -> None:
    page.period.setCurrentIndex(page.period.findData(period))
    wait_until_idle(qtbot)


def click_session(qtbot, page: SessionsPage, course: str, date: dt.date) -> None:
    rows = list(
        zip(table_column(page.table, "Course"), table_column(page.table, "Date"), strict=True)
    )
    row = next(n for n, (c, d) in enumerate(rows) if c.startswith(course) and date_of(d) == date)
    rect = page.table.visualRect(page.filtered.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_until_idle(qtbot)


def date_of(text: str) -> dt.date:
    return dt.datetime.strptime(text.split()[1], "%d/%m/%Y").date()


def register_names(page: SessionsPage) -> list[str]:
    return table_column(page.register.table, "Name")


def click_person(qtbot, page: SessionsPage, name: str) -> None:
    table = page.register.table
    row = register_names(page).index(name)
    rect = table.visualRect(page.register.sorted.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def saved_statuses(space: Workspace, session_id: int) -> dict[str, str]:
    return {line.name: line.status for line in registers.register(space.unit_of_work(), session_id)}


def test_upcoming_sessions_are_listed_soonest_first_with_their_places(page):
    assert table_column(page.table, "Course") == [
        "CSE-T1 CSE: targeted",
        "ONL-U1 Online safety: awareness",
    ]
    assert [date_of(d) for d in table_column(page.table, "Date")] == [SOON, LATER]
    assert table_column(page.table, "Time") == ["09:30–16:30"] * 2
    assert table_column(page.table, "Places") == ["2", "10"]
    assert table_column(page.table, "Taken") == ["2", "1"]
    assert table_column(page.table, "Free") == ["0", "9"]
    assert page.count_label.text() == "2 upcoming sessions"
    assert "CSE-T1" in page.register.title_label.text(), "the soonest one's register is shown"
    assert register_names(page) == ["Jones, Alex", "Smith, Alex"]
    assert page.register.places_label.text() == "2 of 2 places taken, 0 free"


def test_past_sessions_come_latest_first_and_the_search_narrows_them(qtbot, page):
    choose_period(qtbot, page, Period.PAST)
    assert [date_of(d) for d in table_column(page.table, "Date")] == [LAST_MONTH, EARLIER]
    assert table_column(page.table, "Status") == ["Delivered", "Cancelled"]
    assert page.count_label.text() == "2 past sessions"
    choose_period(qtbot, page, Period.ALL)
    assert page.count_label.text() == "4 sessions"
    qtbot.keyClicks(page.search, "online")
    assert table_column(page.table, "Course") == ["ONL-U1 Online safety: awareness"]
    assert page.count_label.text() == "1 of 4 sessions"


def test_a_new_session_is_saved_through_the_dialog_listed_and_chosen(qtbot, page, workspace):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(SessionDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.course.setCurrentIndex(dialog.course.findText("CSE-S1", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(dialog.venue, "Kingsmead Library")
    dialog.capacity.setValue(12)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert "Kingsmead Library" in table_column(page.table, "Venue")
    assert page.count_label.text() == "3 upcoming sessions"
    assert page.register.title_label.text().startswith("Register: CSE-S1")
    saved = [
        s
        for s in catalogue.list_sessions(workspace.unit_of_work())
        if s.venue == "Kingsmead Library"
    ]
    assert [(s.course_code, s.capacity, s.status) for s in saved] == [("CSE-S1", 12, "scheduled")]


def test_a_session_that_ends_before_it_starts_shows_the_problem_under_its_field(
    qtbot, page, message_boxes
):
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(SessionDialog)
    dialog.ends.setDateTime(dialog.starts.dateTime().addSecs(-3600))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("ends") != "")
    assert dialog.problem("ends") == "Must be after the start"
    assert dialog.problem("capacity") == ""
    assert dialog.isVisible()
    assert message_boxes == []


def test_marked_attendance_is_held_until_saved_then_recorded(qtbot, page, workspace, sessions):
    choose_period(qtbot, page, Period.PAST)
    click_session(qtbot, page, "CSE-T1", LAST_MONTH)
    assert register_names(page) == ["Okafor, Alex", "Smith, Alex"]
    click_person(qtbot, page, "Okafor, Alex")
    qtbot.keyClick(page.register.table, Qt.Key.Key_A)
    assert table_column(page.register.table, "Status") == ["Attended", "Attended"]
    assert page.register.unsaved_label.text() == "1 unsaved change"
    assert table_column(page.register.table, "Not saved yet") == ["From booked", ""]
    assert page.register.table.currentIndex().row() == 1, "on to the next person"
    qtbot.keyClick(page.register.table, Qt.Key.Key_D)
    assert page.register.unsaved_label.text() == "2 unsaved changes"
    assert saved_statuses(workspace, sessions.last_month) == {
        "Alex Okafor": "booked",
        "Alex Smith": "attended",
    }, "nothing is saved before Save"

    qtbot.mouseClick(page.register.save_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)

    assert saved_statuses(workspace, sessions.last_month) == {
        "Alex Okafor": "attended",
        "Alex Smith": "did not attend",
    }
    assert page.register.unsaved_label.text() == "No unsaved changes"
    assert page.register.status_line.text() == "Saved: 0 people added, 2 lines changed."


def test_everyone_selected_is_marked_at_once_and_a_status_can_be_chosen_from_its_list(qtbot, page):
    register = page.register
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(register.mark_buttons["did not attend"], Qt.MouseButton.LeftButton)
    assert table_column(register.table, "Status") == ["Did not attend"] * 2
    register.table.edit(register.sorted.index(0, STATUS_COLUMN))
    editor = register.table.viewport().findChild(QComboBox)
    assert editor is not None and editor.currentText() == "Did not attend"
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert table_column(register.table, "Status") == ["Cancelled", "Did not attend"]
    assert register.places_label.text() == "1 of 2 places taken, 1 free"


def find_walk_in(qtbot, page: SessionsPage, search: str) -> WalkInDialog:
    qtbot.mouseClick(page.register.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(WalkInDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, search)
    qtbot.waitUntil(lambda: dialog.people.rowCount() > 0 and dialog.count_label.text()[0].isdigit())
    return dialog


def test_a_walk_in_from_another_agency_is_found_and_added_as_attended(
    qtbot, page, workspace, sessions
):
    click_session(qtbot, page, "ONL-U1", LATER)
    dialog = find_walk_in(qtbot, page, "robin tea")
    assert table_column(dialog.table, "Name") == ["Teach, Robin"]
    assert table_column(dialog.table, "Agency") == ["Northshire Schools"]
    assert dialog.count_label.text() == "1 person matches."
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert register_names(page) == ["Patel, Alex", "Teach, Robin"]
    assert table_column(page.register.table, "Not saved yet") == ["", "Walk-in"]
    assert page.register.places_label.text() == "2 of 10 places taken, 8 free"

    qtbot.mouseClick(page.register.save_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)

    lines = registers.register(workspace.unit_of_work(), sessions.later)
    teacher = next(line for line in lines if line.name == "Robin Teach")
    assert (teacher.status, teacher.completed_on, teacher.agency) == (
        "attended",
        LATER,
        "Northshire Schools",
    )
    assert table_column(page.table, "Taken") == ["2", "2"], "the list shows the new place"


def test_a_full_session_refuses_an_extra_place_with_the_services_message(
    qtbot, page, workspace, sessions, message_boxes
):
    dialog = find_walk_in(qtbot, page, "patel")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert page.register.places_label.text() == "3 of 2 places taken: 1 too many"

    qtbot.mouseClick(page.register.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.register.banner.isVisible)
    wait_until_idle(qtbot)

    assert "3 places would be taken but the session has 2" in page.register.banner.text()
    assert page.register.unsaved_label.text() == "1 unsaved change", "the change is kept"
    assert set(saved_statuses(workspace, sessions.soon)) == {"Alex Smith", "Alex Jones"}
    assert message_boxes == []


def test_leaving_a_register_with_unsaved_changes_asks_first(
    qtbot, page, workspace, sessions, answers
):
    click_person(qtbot, page, "Smith, Alex")
    qtbot.mouseClick(page.register.mark_buttons["cancelled"], Qt.MouseButton.LeftButton)

    answers.replies.append(QMessageBox.StandardButton.Cancel)
    click_session(qtbot, page, "ONL-U1", LATER)
    assert answers.asked == [f"The register of CSE-T1 on {SOON:%d/%m/%Y} has 1 unsaved change."]
    assert page.register.title_label.text().startswith("Register: CSE-T1"), "stayed"
    assert page.chosen_session is not None and page.chosen_session.id == sessions.soon
    assert page.register.unsaved_label.text() == "1 unsaved change"

    answers.replies.append(QMessageBox.StandardButton.Save)
    click_session(qtbot, page, "ONL-U1", LATER)
    assert page.register.title_label.text().startswith("Register: ONL-U1"), "saved, then left"
    assert saved_statuses(workspace, sessions.soon)["Alex Smith"] == "cancelled"

    click_person(qtbot, page, "Patel, Alex")
    qtbot.keyClick(page.register.table, Qt.Key.Key_D)
    answers.replies.append(QMessageBox.StandardButton.Discard)
    click_session(qtbot, page, "CSE-T1", SOON)
    assert page.register.title_label.text().startswith("Register: CSE-T1")
    assert saved_statuses(workspace, sessions.later) == {"Alex Patel": "booked"}
    assert len(answers.asked) == 3


def test_a_cancelled_sessions_register_cannot_be_changed_and_says_why(qtbot, page):
    choose_period(qtbot, page, Period.PAST)
    click_session(qtbot, page, "CSE-S1", EARLIER)
    register = page.register
    assert register.notice.isVisible()
    assert register.notice.text().startswith("This session was cancelled")
    assert register.places_label.text() == "Session cancelled"
    assert not any(button.isEnabled() for button in register.mark_buttons.values())
    assert not register.walk_in_button.isEnabled()
    assert not register.print_button.isEnabled()
    assert not register.save_button.isEnabled()


def test_the_sign_in_sheet_is_saved_as_a_pdf_where_the_user_chooses(
    qtbot, page, monkeypatch, tmp_path, message_boxes
):
    suggested: list[str] = []

    def choose_file(_parent, _caption: str, suggestion: str, _filter: str) -> tuple[str, str]:
        suggested.append(suggestion)
        return str(tmp_path / "sheet"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_file)
    qtbot.mouseClick(page.register.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(message_boxes) == 1)

    assert Path(suggested[0]).name == f"sign-in-CSE-T1-{SOON:%Y-%m-%d}.pdf"
    written = tmp_path / "sheet.pdf"
    assert message_boxes[0].text == f"The sign-in sheet (1 page) was saved as {written}."
    text = subprocess.run(
        ["pdftotext", "-layout", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CSE: targeted" in text and "Alex Jones" in text and "Alex Smith" in text
    assert "Northshire Police" in text and "Page 1 of 1" in text


def test_double_clicking_a_session_opens_it_to_edit(qtbot, page):
    rect = page.table.visualRect(page.filtered.index(1, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.findChild(SessionDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.course.currentText().startswith("ONL-U1")
    assert dialog.capacity.value() == 10
    dialog.reject()


def test_the_sessions_table_fits_the_page_without_scrolling_sideways(page):
    assert page.table.horizontalScrollBar().maximum() == 0


def test_the_window_may_close_only_once_the_user_has_decided_about_unsaved_changes(
    qtbot, page, answers
):
    assert page.confirm_leave(), "nothing to lose"
    click_person(qtbot, page, "Jones, Alex")
    qtbot.keyClick(page.register.table, Qt.Key.Key_C)
    answers.replies += [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    assert not page.confirm_leave()
    assert page.confirm_leave()
    assert page.register.unsaved_label.text() == "No unsaved changes"
