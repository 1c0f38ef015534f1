"""Role requirements: the training-needs matrix edited in place, each change saved at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox

from tests.ui.conftest import table_column, table_titles, wait_until_idle
from training.requirements import list_requirements, requirement_grid, set_requirement
from training.staff import list_roles, save_role
from training.workspace import Workspace
from ui.desktop.pages.requirements import RequirementsPage
from ui.desktop.pages.role_dialog import RoleDialog


@pytest.fixture
def page(qtbot, workspace: Workspace) -> Iterator[RequirementsPage]:
    """The page on the small partnership, with a Teacher role (Education) that needs nothing."""
    save_role(workspace.unit_of_work(), "Teacher", "Education")
    shown = RequirementsPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1000, 600)
    shown.show()
    wait_until_idle(qtbot)
    yield shown
    wait_until_idle(qtbot)


def required(space: Workspace) -> dict[tuple[str, str], str]:
    """(role, topic) -> tier, as the database holds the matrix."""
    return {(r.role, r.topic): r.tier for r in list_requirements(space.unit_of_work())}


def put(space: Workspace, role: str, topic: str, tier: str, version: int | None = None) -> None:
    """Another coordinator's change, straight through the service."""
    grid = requirement_grid(space.unit_of_work())
    role_id = next(r.id for r in grid.roles if r.name == role)
    topic_id = next(t.id for t in grid.topics if t.name == topic)
    tier_id = next(t.id for t in grid.tiers if t.name == tier)
    set_requirement(space.unit_of_work(), role_id, topic_id, tier_id, version=version)


def cell(page: RequirementsPage, role: str, topic: str) -> QModelIndex:
    row = table_column(page.table, "Role").index(role)
    return page.filtered.index(row, table_titles(page.table).index(topic))


def choose_tier(qtbot, page: RequirementsPage, role: str, topic: str, tier: str) -> None:
    """Double-click the cell and pick ``tier`` from the list that opens, with the keyboard."""
    index = cell(page, role, topic)
    centre = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    qtbot.waitUntil(editor.view().isVisible)  # the list opens by itself
    steps = editor.findText(tier) - editor.currentIndex()
    key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
    for _ in range(abs(steps)):
        qtbot.keyClick(editor.view(), key)
    qtbot.keyClick(editor.view(), Qt.Key.Key_Return)


def select_cells(page: RequirementsPage, *cells: tuple[str, str]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for role, topic in cells:
        selection.select(cell(page, role, topic), QItemSelectionModel.SelectionFlag.Select)


def test_each_role_is_a_row_and_each_topic_a_column_of_required_tiers(page):
    assert table_titles(page.table) == ["Role", "Group", "CSE", "Online safety"]
    assert table_column(page.table, "Role") == ["Teacher", "Police officer"]
    assert table_column(page.table, "Group") == ["Education", "Police"]
    assert table_column(page.table, "CSE") == ["", "Targeted"]
    assert table_column(page.table, "Online safety") == ["", ""]
    assert page.count_label.text() == "2 roles"
    blank, targeted = cell(page, "Teacher", "CSE"), cell(page, "Police officer", "CSE")
    assert blank.data(Qt.ItemDataRole.ToolTipRole) == "Not required"
    assert blank.data(Qt.ItemDataRole.BackgroundRole) is None
    assert targeted.data(Qt.ItemDataRole.ToolTipRole) == "Targeted or above"


def test_higher_tiers_are_tinted_darker_and_the_legend_shows_them_lowest_first(page):
    legend = [
        page.legend.itemAt(i).widget().text()
        for i in range(page.legend.count())
        if page.legend.itemAt(i).widget() is not None
    ]
    assert legend == [
        "Tiers, lowest first:",
        "Universal",
        "Introductory",
        "Targeted",
        "Specialist",
        "Blank: not required.",
    ]
    lightness = [page.grid.tint(tier.id).lightness() for tier in page.grid.tiers]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 4
    targeted = cell(page, "Police officer", "CSE")
    assert targeted.data(Qt.ItemDataRole.BackgroundRole).lightness() == lightness[2]


def test_the_choices_are_not_required_then_the_tiers_lowest_first(qtbot, page):
    index = cell(page, "Teacher", "CSE")
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    choices = [editor.itemText(i) for i in range(editor.count())]
    assert choices == ["Not required", "Universal", "Introductory", "Targeted", "Specialist"]
    assert editor.currentText() == "Not required"
    qtbot.keyClick(editor.view(), Qt.Key.Key_Escape)


def test_a_tier_chosen_in_a_cell_is_saved_at_once(qtbot, page, workspace):
    choose_tier(qtbot, page, "Teacher", "Online safety", "Introductory")
    wait_until_idle(qtbot)
    assert required(workspace)["Teacher", "Online safety"] == "Introductory"
    assert cell(page, "Teacher", "Online safety").data() == "Introductory"
    assert page.status_label.text() == "Saved: Teacher needs Introductory in Online safety."
    choose_tier(qtbot, page, "Teacher", "Online safety", "Specialist")  # on the saved version
    wait_until_idle(qtbot)
    assert required(workspace)["Teacher", "Online safety"] == "Specialist"


def test_choosing_not_required_removes_the_requirement(qtbot, page, workspace):
    choose_tier(qtbot, page, "Police officer", "CSE", "Not required")
    wait_until_idle(qtbot)
    assert ("Police officer", "CSE") not in required(workspace)
    assert cell(page, "Police officer", "CSE").data() == ""


def test_delete_clears_the_selected_cells(qtbot, page, workspace):
    put(workspace, "Teacher", "CSE", "Universal")
    page.reload()
    wait_until_idle(qtbot)
    assert required(workspace) == {
        ("Teacher", "CSE"): "Universal",
        ("Police officer", "CSE"): "Targeted",
    }
    select_cells(page, ("Teacher", "CSE"), ("Police officer", "CSE"), ("Teacher", "Online safety"))
    assert page.clear_button.isEnabled()
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    wait_until_idle(qtbot)
    assert required(workspace) == {}
    assert table_column(page.table, "CSE") == ["", ""]
    assert page.status_label.text() == "Saved 2 changes."


def test_a_cell_someone_else_changed_meanwhile_is_not_overwritten(
    qtbot, page, workspace, message_boxes
):
    [theirs] = list_requirements(workspace.unit_of_work())
    put(workspace, "Police officer", "CSE", "Specialist", theirs.version)  # after the page read
    choose_tier(qtbot, page, "Police officer", "CSE", "Universal")
    wait_until_idle(qtbot)
    assert required(workspace)["Police officer", "CSE"] == "Specialist"
    [shown] = message_boxes
    assert shown.title == "Changed by someone else"
    assert "changed the CSE requirement of Police officer" in shown.text
    assert "your change again" in shown.informative
    qtbot.waitUntil(lambda: cell(page, "Police officer", "CSE").data() == "Specialist")
    assert page.status_label.text() == "Not saved."


def test_the_search_box_narrows_the_roles_by_name_or_group(qtbot, page):
    qtbot.keyClicks(page.search, "teach")
    assert table_column(page.table, "Role") == ["Teacher"]
    assert page.count_label.text() == "1 of 2 roles"
    page.search.clear()
    qtbot.keyClicks(page.search, "POLICE")
    assert table_column(page.table, "Role") == ["Police officer"]
    page.search.clear()
    assert page.count_label.text() == "2 roles"


def test_a_tier_can_be_chosen_for_a_role_found_by_search(qtbot, page, workspace):
    qtbot.keyClicks(page.search, "teach")
    choose_tier(qtbot, page, "Teacher", "CSE", "Targeted")
    wait_until_idle(qtbot)
    assert required(workspace)["Teacher", "CSE"] == "Targeted"


def test_a_new_role_is_added_and_chosen_in_the_grid(qtbot, page, workspace):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RoleDialog)
    assert dialog is not None and dialog.isVisible()
    assert [dialog.group.itemText(i) for i in range(dialog.group.count())] == [
        "Education",
        "Police",
    ]
    qtbot.keyClicks(dialog.name, "School nurse")
    qtbot.keyClicks(dialog.group.lineEdit(), "Health")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_until_idle(qtbot)
    assert ("School nurse", "Health") in {
        (r.name, r.role_group) for r in list_roles(workspace.unit_of_work())
    }
    assert table_column(page.table, "Role") == ["Teacher", "School nurse", "Police officer"]
    assert page.table.currentIndex().data() == "School nurse"


def test_a_role_name_already_used_is_shown_under_the_name(qtbot, page, message_boxes):
    dialog = page.open_role_dialog()
    qtbot.keyClicks(dialog.name, "police officer")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("name") != "")
    assert dialog.problem("name") == "'police officer' is already a role"
    assert dialog.isVisible() and message_boxes == []
    dialog.reject()
