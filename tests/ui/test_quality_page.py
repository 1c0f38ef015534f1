"""The quality assurance page: figures for a period, observations and evaluations entered
through their dialogs, and the courses due for assurance."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import TODAY, table_column, wait_until_idle
from training import catalogue, registers
from training.evaluations import EvaluationDraft, enter_evaluation
from training.staff import page_staff
from training.workspace import Workspace
from ui.desktop.pages.quality import QualityPage
from ui.desktop.pages.quality_dialogs import EvaluationDialog, ObservationDialog, StandardDialog
from ui.desktop.widgets import qdate

RECENT = TODAY - dt.timedelta(days=30)
EARLIER = TODAY - dt.timedelta(days=200)


def held_session(space: Workspace, day: dt.date, trainer: str = "J. Trainer") -> int:
    """A delivered CSE-T1 session on ``day`` that everyone but Okafor attended."""
    course = next(c for c in catalogue.list_courses(space.unit_of_work()) if c.code == "CSE-T1")
    start = dt.datetime.combine(day, dt.time(9, 30))
    held = catalogue.save_session(
        space.unit_of_work(),
        catalogue.SessionDraft(
            course.id,
            start,
            start + dt.timedelta(hours=6),
            "Town Hall",
            trainer,
            status="delivered",
        ),
    )
    people = page_staff(space.unit_of_work(), agency_id=None)
    registers.mark_register(
        space.unit_of_work(),
        held.id,
        [registers.AttendanceMark(p.id, "attended") for p in people if p.last_name != "Okafor"],
    )
    return held.id


def evaluate(space: Workspace, session_id: int, day: dt.date, overall: int, before: int) -> None:
    enter_evaluation(
        space.unit_of_work(),
        EvaluationDraft(
            session_id, day, overall, 4, 4, confidence_before=before, confidence_after=4
        ),
    )


def open_quality(qtbot, space: Workspace) -> QualityPage:
    page = QualityPage(space)
    qtbot.addWidget(page)
    page.resize(1080, 680)
    page.show()
    qtbot.waitExposed(page)
    wait_until_idle(qtbot)
    return page


def show_tab(page: QualityPage, title: str) -> None:
    titles = [page.tabs.tabText(n) for n in range(page.tabs.count())]
    page.tabs.setCurrentIndex(titles.index(title))


def course_cell(page: QualityPage, code: str, title: str) -> str:
    row = table_column(page.course_table, "Code").index(code)
    return table_column(page.course_table, title)[row]


@pytest.fixture
def page(qtbot, workspace: Workspace) -> QualityPage:
    recent = held_session(workspace, RECENT)
    earlier = held_session(workspace, EARLIER, trainer="K. Lecturer")
    evaluate(workspace, recent, RECENT, overall=5, before=2)  # shift +2
    evaluate(workspace, earlier, EARLIER, overall=2, before=3)  # shift +1
    return open_quality(qtbot, workspace)


def test_the_figures_of_the_last_12_months_by_course_and_trainer(qtbot, page):
    assert course_cell(page, "CSE-T1", "Responses") == "2"
    assert course_cell(page, "CSE-T1", "Overall") == "3.5"  # (5 + 2) / 2
    assert course_cell(page, "CSE-T1", "Shift") == "+1.5"  # (2 + 1) / 2
    assert course_cell(page, "CSE-T1", "SD") == "0.7"  # sqrt(0.5)
    assert course_cell(page, "ONL-U1", "Responses") == "0"
    assert course_cell(page, "ONL-U1", "Overall") == ""
    assert table_column(page.trainer_table, "Trainer") == ["J. Trainer", "K. Lecturer"]
    assert table_column(page.trainer_table, "Overall") == ["5.0", "2.0"]
    assert table_column(page.tier_table, "Tier") == ["Targeted"]
    assert page.chart.courses == ["CSE-T1"]
    assert page.summary.text().startswith("2 responses from 2 sessions (2 anonymous)")


def test_changing_the_period_changes_the_figures(qtbot, page):
    page.start.setDate(qdate(TODAY - dt.timedelta(days=100)))
    qtbot.waitUntil(lambda: course_cell(page, "CSE-T1", "Responses") == "1")
    assert course_cell(page, "CSE-T1", "Overall") == "5.0"
    assert course_cell(page, "CSE-T1", "Shift") == "+2.0"
    assert course_cell(page, "CSE-T1", "SD") == ""  # one response has no spread
    assert table_column(page.trainer_table, "Trainer") == ["J. Trainer"]
    page.start.setDate(qdate(TODAY + dt.timedelta(days=1)))
    qtbot.waitUntil(lambda: "ends before it starts" in page.summary.text())


def test_recording_an_observation_assures_the_course(qtbot, page, message_boxes):
    show_tab(page, "Not assured in 12 months")
    assert "CSE-T1" in table_column(page.unassured_table, "Code")
    assert course_cell(page, "CSE-T1", "QA status") == "not assured"
    show_tab(page, "Observations")
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ObservationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.session.currentText().startswith(f"{RECENT:%d/%m/%Y} CSE-T1")
    qtbot.keyClicks(dialog.reviewer, "Sarah Quinn")
    dialog.outcome.setCurrentText("Good")
    assert dialog.status_note.text().startswith("assured")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert course_cell(page, "CSE-T1", "QA status") == "assured"
    assert course_cell(page, "CSE-T1", "Last assured") == f"{RECENT:%d/%m/%Y}"
    assert course_cell(page, "CSE-T1", "Observed") == "1"
    assert table_column(page.observation_table, "Reviewer") == ["Sarah Quinn"]
    assert table_column(page.observation_table, "Standard") == ["All standards"]
    assert "CSE-T1" not in table_column(page.unassured_table, "Code")
    assert message_boxes == []


def test_an_observation_needing_improvement_without_actions_shows_the_problem(
    qtbot, page, message_boxes
):
    dialog = page.record_observation()
    qtbot.keyClicks(dialog.reviewer, "Sarah Quinn")
    dialog.outcome.setCurrentText("Requires improvement")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("actions") != "")
    assert dialog.problem("actions") == "Are required when the outcome is requires improvement"
    assert dialog.problem("reviewer") == ""
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.actions_edit, "Update the referral pathway slide.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert course_cell(page, "CSE-T1", "QA status") == "assured with actions"
    page.observation_table.selectRow(0)
    assert "Update the referral pathway slide." in page.observation_text.text()
    assert message_boxes == []


def test_entering_a_named_evaluation_lists_it_and_counts_it(qtbot, page, message_boxes):
    show_tab(page, "Evaluations")
    assert page.course_choice.currentText().startswith("CSE-T1")
    assert len(page.evaluations.rows) == 2
    page.session_choice.setCurrentIndex(
        page.session_choice.findText(f"{RECENT:%d/%m/%Y}", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(lambda: len(page.evaluations.rows) == 1)
    qtbot.mouseClick(page.enter_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(EvaluationDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.respondent.count() == 4)  # anonymous and three attended
    dialog.respondent.setCurrentText("Alex Jones")
    for box, score in ((dialog.overall, "4"), (dialog.before, "1"), (dialog.after, "5")):
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), score)
    qtbot.keyClicks(dialog.comments, "Clear and practical.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert sorted(table_column(page.evaluation_table, "Respondent")) == ["Alex Jones", "Anonymous"]
    assert "+4" in table_column(page.evaluation_table, "Shift")
    assert course_cell(page, "CSE-T1", "Responses") == "3"
    assert table_column(page.comment_table, "Comment") == ["Clear and practical."]
    assert message_boxes == []


def test_an_evaluation_dated_before_its_session_shows_the_problem_under_the_date(
    qtbot, page, message_boxes
):
    dialog = page.enter_evaluation()
    session_day = dialog.submitted_on.date()
    dialog.submitted_on.setDate(session_day.addDays(-3))
    dialog.overall.setValue(3)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("submitted on") != "")
    assert dialog.problem("submitted on").startswith("Is before the session on")
    assert dialog.isVisible() and dialog.overall.value() == 3
    assert message_boxes == []


def test_an_empty_evaluation_is_explained_in_the_banner(qtbot, page, message_boxes):
    dialog = page.enter_evaluation()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "enter at least one rating or a comment" in dialog.banner.text()
    assert message_boxes == []


def test_a_new_standard_is_saved_and_observations_are_made_against_it(qtbot, page):
    show_tab(page, "Standards")
    qtbot.mouseClick(page.new_standard_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(StandardDialog)
    qtbot.keyClicks(dialog.name, "Voice of the child")
    qtbot.keyClicks(dialog.description, "Children's words are central.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert table_column(page.standard_table, "Standard") == ["Voice of the child"]
    show_tab(page, "Observations")
    dialog = page.record_observation()
    assert dialog.standard.currentText() == "All standards"
    dialog.standard.setCurrentText("Voice of the child")
    qtbot.keyClicks(dialog.reviewer, "Sarah Quinn")
    qtbot.keyClicks(dialog.notes, "Case studies in the children's words.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert table_column(page.observation_table, "Standard") == ["Voice of the child"]
    page.observation_table.selectRow(0)
    assert page.observation_text.text() == (
        "Actions: none\nNotes: Case studies in the children's words."
    )
