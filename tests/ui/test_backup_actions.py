"""File › Back up database… and File › Restore from backup…, driven on a real window: the Qt file
dialogs answer with a path, the message boxes are recorded, the database is real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from tests.ui.conftest import ShownMessage, wait_until_idle
from training import agencies
from training.access import Principal, Role
from training.backup import back_up_database
from training.workspace import Workspace, overview
from ui.desktop.backup_actions import back_up, restore

Asked = list[tuple[str, str]]  # each file dialog's title and the path it offered


@pytest.fixture
def window(qtbot) -> QMainWindow:
    shown = QMainWindow()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def answer_file_dialogs(monkeypatch: pytest.MonkeyPatch, chosen: Path | None) -> Asked:
    """The save and open dialogs answer ``chosen`` (None: cancelled); what they were asked."""
    asked: Asked = []

    def dialog(_parent, title: str, offered: str, _filter: str = "") -> tuple[str, str]:
        asked.append((title, offered))
        return ("" if chosen is None else str(chosen)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    return asked


def agency_names(space: Workspace) -> list[str]:
    return [agency.name for agency in agencies.list_agencies(space.unit_of_work())]


def add_agency(space: Workspace) -> None:
    sector = agencies.list_sectors(space.unit_of_work())[0]
    agencies.save_agency(space.unit_of_work(), agencies.AgencyDraft("Kingsmead Academy", sector.id))


def counter() -> tuple[list[int], Callable[[], None]]:
    calls: list[int] = []
    return calls, lambda: calls.append(1)


def test_a_backup_offers_a_dated_name_is_saved_and_says_where(
    qtbot, window, workspace, message_boxes, monkeypatch, tmp_path
):
    target = tmp_path / "backups" / "mine.sqlite3"
    target.parent.mkdir()
    asked = answer_file_dialogs(monkeypatch, target)

    back_up(window, workspace)
    wait_until_idle(qtbot)

    [(title, offered)] = asked
    assert title == "Back up the database"
    assert Path(offered).name == f"partnership-backup-{dt.date.today():%Y-%m-%d}.sqlite3"
    assert target.is_file()
    [told] = message_boxes
    assert told.icon == QMessageBox.Icon.Information
    assert told.text == f"The database is backed up in {target}."
    assert "4 staff members" in told.informative


def test_the_next_backup_is_offered_in_the_folder_used_last(
    qtbot, window, workspace, message_boxes, monkeypatch, tmp_path
):
    target = tmp_path / "backups" / "mine.sqlite3"
    target.parent.mkdir()
    answer_file_dialogs(monkeypatch, target)
    back_up(window, workspace)
    wait_until_idle(qtbot)

    asked = answer_file_dialogs(monkeypatch, None)
    back_up(window, workspace)

    assert Path(asked[0][1]).parent == target.parent
    assert len(message_boxes) == 1  # cancelled: nothing more was said


def test_a_name_typed_without_a_suffix_is_saved_as_sqlite3(
    qtbot, window, workspace, message_boxes, monkeypatch, tmp_path
):
    answer_file_dialogs(monkeypatch, tmp_path / "Friday")
    back_up(window, workspace)
    wait_until_idle(qtbot)
    assert (tmp_path / "Friday.sqlite3").is_file()
    assert message_boxes[0].text.endswith("Friday.sqlite3.")


def test_cancelling_the_save_dialog_writes_nothing(window, workspace, message_boxes, monkeypatch):
    answer_file_dialogs(monkeypatch, None)
    back_up(window, workspace)
    assert message_boxes == []


def test_a_confirmed_restore_brings_back_the_backup_and_the_window_reloads(
    qtbot, window, workspace, message_boxes, monkeypatch, tmp_path
):
    backup = tmp_path / "backup.sqlite3"
    back_up_database(workspace, backup)
    at_backup = agency_names(workspace)
    add_agency(workspace)
    answer_file_dialogs(monkeypatch, backup)
    reloads, on_restored = counter()

    restore(window, workspace, on_restored)
    wait_until_idle(qtbot)

    assert agency_names(workspace) == at_backup
    assert reloads == [1]
    confirmation, told = message_boxes
    assert confirmation.icon == QMessageBox.Icon.Warning
    assert confirmation.text == (
        "Replace everything in the database partnership.sqlite3 with what the backup "
        "backup.sqlite3 holds?"
    )
    assert f"kept in {tmp_path}, as partnership.before-restore-" in confirmation.informative
    [kept] = tmp_path.glob("partnership.before-restore-*.sqlite3")
    assert told.title == "Restored"
    assert told.text == "The database is restored from backup.sqlite3."
    assert f"kept in {kept}" in told.informative
    assert f"{len(at_backup)} agencies" in told.informative


def test_a_declined_restore_changes_nothing(qtbot, window, workspace, monkeypatch, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up_database(workspace, backup)
    add_agency(workspace)
    answer_file_dialogs(monkeypatch, backup)
    asked: list[str] = []

    def decline(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel.value

    monkeypatch.setattr(QMessageBox, "exec", decline)
    reloads, on_restored = counter()

    restore(window, workspace, on_restored)
    wait_until_idle(qtbot)

    assert len(asked) == 1 and asked[0].startswith("Replace everything")
    assert "Kingsmead Academy" in agency_names(workspace)
    assert reloads == []
    assert list(tmp_path.glob("*before-restore*")) == []


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_reloads(
    qtbot, window, workspace, message_boxes, monkeypatch, tmp_path
):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Minutes of the partnership board\n" * 100)
    answer_file_dialogs(monkeypatch, notes)
    before = overview(workspace.unit_of_work())
    reloads, on_restored = counter()

    restore(window, workspace, on_restored)
    wait_until_idle(qtbot)

    _confirmation, refused = message_boxes
    assert refused.icon == QMessageBox.Icon.Warning
    assert f"{notes} is not a database" in refused.text
    assert reloads == []
    assert overview(workspace.unit_of_work()) == before


@pytest.mark.parametrize("action", ["back up", "restore"])
def test_a_user_who_is_not_a_coordinator_is_refused_before_any_dialog(
    window, workspace, message_boxes, monkeypatch, action
):
    viewer = Workspace(workspace.database, Principal("sam", Role.VIEWER, full_name="Sam Reid"))
    asked = answer_file_dialogs(monkeypatch, None)

    if action == "back up":
        back_up(window, viewer)
    else:
        restore(window, viewer, lambda: None)

    assert asked == []
    [refused] = message_boxes
    assert refused == ShownMessage(
        QMessageBox.Icon.Warning,
        "Cannot continue",
        "Sam Reid (Viewer) may not manage users, the audit trail, data protection and backups. "
        "Ask the partnership's training coordinator if you need to.",
        "",
        "",
    )
