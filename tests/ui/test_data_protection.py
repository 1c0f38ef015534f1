"""File › Data protection and the staff page's two actions on one person's personal data, driven
through the real widgets on a real database file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from tests.personal_data import CURRENT, GONE, MISSPELT, RECENT, TODAY, Cast, build, traces_in
from tests.ui.conftest import table_column, wait_until_idle
from training.access import Principal, Role
from training.data_protection import RetentionPolicy, retention_policy, set_retention_policy
from training.workspace import Workspace, open_workspace
from ui.desktop.data_protection_dialog import DataProtectionDialog, open_data_protection
from ui.desktop.pages.person_data import EraseDialog
from ui.desktop.pages.staff import StaffPage


@pytest.fixture
def people(tmp_path: Path) -> Iterator[tuple[Workspace, Cast]]:
    space = open_workspace(f"sqlite:///{tmp_path / 'partnership.sqlite3'}")
    cast = build(space.database, tmp_path)
    yield space, cast
    space.close()


def button(box: QMessageBox, text: str) -> QPushButton:
    [found] = [b for b in box.buttons() if b.text() == text]
    assert isinstance(found, QPushButton)
    return found


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# --- the dialog ---------------------------------------------------------------------------------


def open_dialog(qtbot, space: Workspace) -> DataProtectionDialog:
    dialog = DataProtectionDialog(None, space)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_until_idle(qtbot)
    return dialog


def test_the_dialog_shows_the_period_and_who_is_due(qtbot, people):
    space, _ = people
    dialog = open_dialog(qtbot, space)

    assert dialog.years.value() == 6 and dialog.years.text() == "6 years after leaving"
    assert not dialog.save_button.isEnabled()
    assert dialog.summary.text() == (
        "1 leaver who left on or before "
        f"{RetentionPolicy(6).left_by(TODAY):%d/%m/%Y} is due to be anonymised "
        "(Northshire Police 1)."
    )
    assert table_column(dialog.table, "Name") == ["Zebedee Quixotic"]
    assert table_column(dialog.table, "Left") == ["30/06/2015"]
    assert dialog.anonymise_button.isEnabled()


def test_anonymising_asks_first_then_leaves_no_trace(qtbot, people):
    space, _ = people
    dialog = open_dialog(qtbot, space)

    click(qtbot, dialog.anonymise_button)
    box = dialog.confirmation
    assert box is not None and box.text() == "Anonymise 1 leaver now?"
    assert "cannot be undone" in box.informativeText()
    click(qtbot, button(box, "Anonymise 1 leaver"))
    wait_until_idle(qtbot)

    assert traces_in(space.database, *GONE.traces, MISSPELT) == []
    assert traces_in(space.database, RECENT.last)
    assert dialog.notice.text().startswith("1 leaver who left on or before")
    assert dialog.summary.text().startswith("No one is due")
    assert dialog.leavers.rowCount() == 0
    assert not dialog.anonymise_button.isEnabled()


def test_thinking_again_changes_nothing(qtbot, people):
    space, _ = people
    dialog = open_dialog(qtbot, space)
    click(qtbot, dialog.anonymise_button)
    assert dialog.confirmation is not None
    click(qtbot, dialog.confirmation.button(QMessageBox.StandardButton.Cancel))
    wait_until_idle(qtbot)
    assert traces_in(space.database, GONE.last)
    assert dialog.leavers.rowCount() == 1


def test_a_new_period_is_saved_before_anyone_is_anonymised_under_it(qtbot, people):
    space, _ = people
    dialog = open_dialog(qtbot, space)

    dialog.years.setValue(1)
    assert dialog.years.text() == "1 year after leaving"
    assert dialog.save_button.isEnabled() and not dialog.anonymise_button.isEnabled()
    click(qtbot, dialog.save_button)
    wait_until_idle(qtbot)

    assert retention_policy(space.unit_of_work()).years == 1
    assert dialog.notice.text() == "Saved: leavers' personal data is kept for 1 year after leaving."
    assert table_column(dialog.table, "Name") == ["Zebedee Quixotic", "Rowena Ravenclaw"]
    assert dialog.anonymise_button.isEnabled() and not dialog.save_button.isEnabled()


def test_a_period_someone_else_changed_meanwhile_is_not_overwritten(qtbot, people):
    space, _ = people
    dialog = open_dialog(qtbot, space)
    set_retention_policy(space.unit_of_work(), 8)

    dialog.years.setValue(3)
    click(qtbot, dialog.save_button)
    wait_until_idle(qtbot)

    assert retention_policy(space.unit_of_work()).years == 8
    assert "changed by someone else" in dialog.years_problem.text()
    assert dialog.years_problem.isVisible()
    assert dialog.years.value() == 8, "theirs is shown"


def test_the_dialog_needs_an_open_database(qtbot, message_boxes):
    assert open_data_protection(None, None) is None  # type: ignore[arg-type]
    assert "No database is open" in message_boxes[0].text


def test_someone_not_a_coordinator_is_told_and_the_dialog_closes(qtbot, people, message_boxes):
    space, _ = people
    viewer = dataclasses.replace(space, user=Principal("v", Role.VIEWER))
    dialog = DataProtectionDialog(None, viewer)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_until_idle(qtbot)
    assert "may not manage users, the audit trail, data protection" in message_boxes[0].text
    assert not dialog.isVisible()


# --- the staff page -----------------------------------------------------------------------------


def open_staff_page(qtbot, space: Workspace) -> StaffPage:
    page = StaffPage(space)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_until_idle(qtbot)
    return page


def choose(page: StaffPage, name: str) -> None:
    page.staff_table.selectRow(table_column(page.staff_table, "Name").index(name))


def test_the_actions_need_a_person_chosen(qtbot, people):
    space, _ = people
    page = open_staff_page(qtbot, space)
    assert page.export_button.isVisible() and page.erase_button.isVisible()
    assert not page.export_button.isEnabled() and not page.erase_button.isEnabled()
    choose(page, "Umbridge, Ignatius")
    assert page.export_button.isEnabled() and page.erase_button.isEnabled()


def test_everything_held_about_a_person_is_exported(qtbot, people, tmp_path, monkeypatch):
    space, _ = people
    page = open_staff_page(qtbot, space)
    chosen = tmp_path / "sar.xlsx"
    suggested: list[str] = []

    def save_as(_parent, _title, name, _filter):
        suggested.append(Path(name).name)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    choose(page, "Quixotic, Zebedee")
    click(qtbot, page.export_button)
    wait_until_idle(qtbot)

    assert suggested == ["Everything held about Zebedee Quixotic.xlsx"]
    assert page.notice.text.text() == "Everything held saved as sar.xlsx (9 sheets)."
    book = openpyxl.load_workbook(chosen)
    assert (
        book["Person"]["A1"].value == "Everything held about: Zebedee Quixotic, Northshire Police"
    )


def test_erasing_on_request_asks_why_then_names_the_person(qtbot, people):
    space, cast = people
    page = open_staff_page(qtbot, space)
    choose(page, "Umbridge, Ignatius")
    click(qtbot, page.erase_button)
    dialog = page.findChild(EraseDialog)
    assert dialog is not None and dialog.isVisible()

    qtbot.keyClicks(dialog.reason, "Asked by letter")
    dialog.accept()
    box = dialog.confirmation
    assert box is not None and box.text() == "Erase Ignatius Umbridge for good?"
    click(qtbot, button(box, "Erase Ignatius Umbridge"))
    wait_until_idle(qtbot)

    assert traces_in(space.database, *CURRENT.traces) == []
    assert page.findChild(EraseDialog) is None
    pseudonym = f"Anonymised person #{cast.current}"
    assert table_column(page.staff_table, "Name") == [pseudonym]
    assert page.chosen_staff is not None and page.chosen_staff.full_name == pseudonym
    assert not page.erase_button.isEnabled() and page.export_button.isEnabled()
    assert page.notice.text.text() == (
        f"Ignatius Umbridge was erased on request, and is now {pseudonym}."
    )


def test_no_reason_no_erasure(qtbot, people):
    space, _ = people
    page = open_staff_page(qtbot, space)
    choose(page, "Umbridge, Ignatius")
    click(qtbot, page.erase_button)
    dialog = page.findChild(EraseDialog)
    assert dialog is not None

    dialog.accept()

    assert dialog.confirmation is None
    assert dialog.problem("reason") == "Is required: say why they are being erased"
    assert dialog.isVisible()
    dialog.reject()
    wait_until_idle(qtbot)
    assert traces_in(space.database, CURRENT.last)


def test_someone_not_a_coordinator_is_not_offered_the_actions(qtbot, people):
    space, _ = people
    lead = dataclasses.replace(space, user=Principal("lead", Role.AGENCY_LEAD, agency_id=1))
    page = open_staff_page(qtbot, lead)
    assert not page.export_button.isVisible() and not page.erase_button.isVisible()
