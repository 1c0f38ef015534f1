"""Awareness events: a searchable list with the reach of the events shown, added and edited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt

from tests.ui.conftest import table_column, wait_until_idle
from training.agencies import list_agencies
from training.awareness import AwarenessDraft, list_awareness_events, save_awareness_event
from training.workspace import Workspace
from ui.desktop.pages.awareness import AwarenessPage
from ui.desktop.pages.awareness_dialog import AwarenessDialog


@pytest.fixture
def page(qtbot, workspace: Workspace) -> Iterator[AwarenessPage]:
    """The page over three events: a theatre production, a taxi briefing, a parents' evening."""
    police = list_agencies(workspace.unit_of_work())[0]
    for draft in (
        AwarenessDraft(
            "Chelsea's Choice", "theatre production", "young people", dt.date(2025, 2, 11), 240
        ),
        AwarenessDraft(
            "CSE briefing for taxi drivers",
            "trade briefing",
            "taxi and private hire",
            dt.date(2025, 3, 4),
            35,
            venue="Marlbury Town Hall",
            agency_id=police.id,
        ),
        AwarenessDraft(
            "Keeping your child safe online",
            "parent programme",
            "parents and carers",
            dt.date(2024, 11, 20),
            60,
        ),
    ):
        save_awareness_event(workspace.unit_of_work(), draft)
    shown = AwarenessPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1100, 600)
    shown.show()
    wait_until_idle(qtbot)
    yield shown
    wait_until_idle(qtbot)


def saved_events(space: Workspace) -> dict[str, tuple[dt.date, str, int, str]]:
    return {
        e.title: (e.held_on, e.audience_type, e.headcount, e.venue)
        for e in list_awareness_events(space.unit_of_work())
    }


def test_events_are_listed_newest_first_with_their_reach_added_up_by_audience(page):
    assert table_column(page.table, "Date") == ["04/03/2025", "11/02/2025", "20/11/2024"]
    assert table_column(page.table, "Kind") == [
        "Trade briefing",
        "Theatre production",
        "Parent programme",
    ]
    assert table_column(page.table, "Reach") == ["35", "240", "60"]
    assert table_column(page.table, "Run by") == [
        "Northshire Police",
        "The partnership",
        "The partnership",
    ]
    assert page.count_label.text() == "3 events"
    assert page.reach_label.text() == (
        "Reach of the 3 events shown: 335 people — young people 240; parents and carers 60; "
        "taxi and private hire 35."
    )


def test_searching_by_a_uk_date_or_an_audience_narrows_the_events_and_their_reach(qtbot, page):
    qtbot.keyClicks(page.search, "11/02/2025")
    assert table_column(page.table, "Title") == ["Chelsea's Choice"]
    assert page.count_label.text() == "1 of 3 events"
    assert page.reach_label.text() == "Reach of the event shown: 240 people — young people 240."
    page.search.clear()
    qtbot.keyClicks(page.search, "taxi")
    assert table_column(page.table, "Title") == ["CSE briefing for taxi drivers"]
    page.search.clear()
    qtbot.keyClicks(page.search, "2025")
    assert page.count_label.text() == "2 of 3 events"
    assert page.reach_label.text().startswith("Reach of the 2 events shown: 275 people")
    page.search.setText("nothing like this")
    assert page.reach_label.text() == "No events match the search."


def test_a_new_event_is_saved_and_listed(qtbot, page, workspace):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(AwarenessDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Hotel Watch briefing")
    dialog.event_type.setCurrentText("Trade briefing")
    dialog.audience.setCurrentText("Hotels and hospitality")
    dialog.held_on.setDate(QDate(2025, 5, 18))
    dialog.headcount.setValue(12)
    qtbot.keyClicks(dialog.venue, "The Riverside Hotel")
    dialog.agency.setCurrentText("Northshire Police")
    dialog.topic.setCurrentText("CSE")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert saved_events(workspace)["Hotel Watch briefing"] == (
        dt.date(2025, 5, 18),
        "hotels and hospitality",
        12,
        "The Riverside Hotel",
    )
    assert table_column(page.table, "Title")[0] == "Hotel Watch briefing"
    assert table_column(page.table, "Topic")[0] == "CSE"
    assert page.count_label.text() == "4 events"
    assert "hotels and hospitality 12" in page.reach_label.text()


def test_an_event_is_edited_from_the_table(qtbot, page, workspace):
    row = table_column(page.table, "Title").index("Chelsea's Choice")
    rect = page.table.visualRect(page.filtered.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.edit_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(AwarenessDialog)
    assert dialog.title_edit.text() == "Chelsea's Choice"
    assert dialog.audience.currentText() == "Young people"
    assert dialog.held_on.text() == "11/02/2025"
    dialog.headcount.setValue(260)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert saved_events(workspace)["Chelsea's Choice"][2] == 260
    assert table_column(page.table, "Reach") == ["35", "260", "60"]
    assert page.reach_label.text().startswith("Reach of the 3 events shown: 355 people")


def test_an_event_without_a_title_stays_open_with_the_problem_under_the_title(
    qtbot, page, workspace, message_boxes
):
    dialog = page.open_event_dialog(None)
    qtbot.keyClicks(dialog.venue, "x" * 201)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("title") != "")
    assert dialog.problem("title") == "Is required"
    assert dialog.problem("venue") == "Is longer than 200 characters"
    assert dialog.isVisible() and message_boxes == []
    assert len(list_awareness_events(workspace.unit_of_work())) == 3
    dialog.reject()
