"""Signing in to a shared PostgreSQL database, setting it up with its first coordinator, and a
coordinator's list of users, driven through the real dialogs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from storage.database import Database
from tests.builders import basics
from tests.conftest import _empty_postgres
from tests.ui.conftest import table_column, wait_until_idle
from training.access import Role
from training.users import MIN_PASSWORD, SignInError, UserDraft, has_users, save_user
from training.workspace import Workspace, open_workspace
from ui.desktop.sign_in_dialog import FirstUserDialog, SignInDialog, sign_in
from ui.desktop.users_dialog import ChangePasswordDialog, UserDialog, UsersDialog

pytestmark = pytest.mark.postgresql
PASSWORD = "correct horse battery"


@pytest.fixture
def shared(postgres_database: Database, postgres_url: str) -> Iterator[Workspace]:
    """An empty shared database, opened as the desktop opens it: nobody signed in."""
    _empty_postgres(postgres_database)
    space = open_workspace(postgres_url)
    assert space.user is None
    yield space
    QThreadPool.globalInstance().waitForDone()
    space.close()


@pytest.fixture
def coordinator(shared: Workspace) -> Workspace:
    """The shared database with the police's agency and its first coordinator, signed in."""
    basics(shared.database.unit_of_work())
    return shared.set_up("alex", "Alex Morgan", PASSWORD)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def save_and_wait(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)


def fill_first_user(qtbot, dialog: FirstUserDialog, password: str, repeat: str) -> None:
    type_into(qtbot, dialog.user_name, "alex")
    type_into(qtbot, dialog.full_name, "Alex Morgan")
    type_into(qtbot, dialog.password, password)
    type_into(qtbot, dialog.repeat, repeat)


def test_the_first_user_set_up_makes_a_coordinator_and_signs_them_in(qtbot, shared):
    dialog = shown(qtbot, FirstUserDialog(None, shared))
    assert dialog.windowTitle() == f"Sign in — {shared.name}"
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    fill_first_user(qtbot, dialog, PASSWORD, PASSWORD)
    save_and_wait(qtbot, dialog)
    assert not dialog.isVisible()
    signed_in = dialog.saved
    assert isinstance(signed_in, Workspace)
    assert signed_in.user is not None
    assert (signed_in.user.user_name, signed_in.user.role) == ("alex", Role.COORDINATOR)
    assert has_users(shared.database.unit_of_work())


@pytest.mark.parametrize(
    ("password", "repeat", "field", "problem"),
    [
        (PASSWORD, PASSWORD + "!", "repeat", "Is not the same as the password"),
        ("short", "short", "password", f"Must be at least {MIN_PASSWORD} characters"),
    ],
)
def test_a_refused_first_user_keeps_the_dialog_open_with_the_problem_under_its_field(
    qtbot, shared, password, repeat, field, problem
):
    dialog = shown(qtbot, FirstUserDialog(None, shared))
    fill_first_user(qtbot, dialog, password, repeat)
    save_and_wait(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem(field).startswith(problem)
    assert dialog.save_button.isEnabled()
    assert not has_users(shared.database.unit_of_work())


def test_a_wrong_password_is_refused_in_the_dialog_then_the_right_one_signs_in(
    qtbot, shared, coordinator
):
    dialog = shown(qtbot, SignInDialog(None, shared))
    assert dialog.sign_in_button.isDefault()
    type_into(qtbot, dialog.user_name, "alex")
    type_into(qtbot, dialog.password, "not the password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == str(SignInError())
    assert dialog.password.text() == ""
    assert dialog.workspace is None

    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # the default button
    wait_until_idle(qtbot)
    assert not dialog.isVisible()
    assert dialog.workspace is not None and dialog.workspace.user is not None
    assert dialog.workspace.user.role is Role.COORDINATOR


def test_cancelling_the_sign_in_returns_nothing(qtbot, shared, coordinator):
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
            Qt.MouseButton.LeftButton,
        )

    QTimer.singleShot(0, cancel)
    assert sign_in(None, shared, first_user=False) is None


def users_dialog(qtbot, space: Workspace) -> UsersDialog:
    dialog = shown(qtbot, UsersDialog(None, space))
    wait_until_idle(qtbot)
    return dialog


def open_user_dialog(dialog: UsersDialog) -> UserDialog | None:
    """The user dialog on show (one closed earlier may not be deleted yet)."""
    return next((d for d in dialog.findChildren(UserDialog) if d.isVisible()), None)


def test_a_coordinator_adds_an_agency_lead_then_makes_them_a_viewer(qtbot, coordinator):
    dialog = users_dialog(qtbot, coordinator)
    assert table_column(dialog.table, "User name") == ["alex"]
    assert table_column(dialog.table, "Role") == ["Coordinator"]

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    adding = open_user_dialog(dialog)
    assert adding is not None and adding.isVisible()
    assert not adding.agency.isEnabled()
    type_into(qtbot, adding.user_name, "pat")
    type_into(qtbot, adding.full_name, "Pat Lee")
    adding.role.setCurrentText(Role.AGENCY_LEAD.label)
    assert adding.agency.isEnabled()
    type_into(qtbot, adding.password, PASSWORD)
    type_into(qtbot, adding.repeat, PASSWORD)
    save_and_wait(qtbot, adding)
    assert adding.isVisible()
    assert adding.problem("agency_id") == "Is required for an agency lead"

    adding.agency.setCurrentText("Northshire Police")
    save_and_wait(qtbot, adding)
    assert not adding.isVisible()
    assert table_column(dialog.table, "User name") == ["alex", "pat"]
    assert table_column(dialog.table, "Role") == ["Coordinator", "Agency lead"]
    assert table_column(dialog.table, "Agency") == ["", "Northshire Police"]

    row = table_column(dialog.table, "User name").index("pat")
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    editing = open_user_dialog(dialog)
    assert editing is not None and editing.user_name.text() == "pat"
    assert editing.password.placeholderText().startswith("Leave blank")
    editing.role.setCurrentText(Role.VIEWER.label)
    assert not editing.agency.isEnabled()
    save_and_wait(qtbot, editing)
    assert not editing.isVisible()
    assert table_column(dialog.table, "Role") == ["Coordinator", "Viewer"]
    assert table_column(dialog.table, "Agency") == ["", ""]
    assert coordinator.signed_in("pat", PASSWORD).user.role is Role.VIEWER


def test_the_last_coordinator_cannot_make_themself_a_viewer(qtbot, coordinator):
    dialog = users_dialog(qtbot, coordinator)
    dialog.table.selectRow(0)
    editing = dialog.open_user_dialog(dialog.chosen_user)
    qtbot.addWidget(editing)
    editing.role.setCurrentText(Role.VIEWER.label)
    save_and_wait(qtbot, editing)
    assert editing.isVisible()
    assert editing.problem("role").startswith("Must stay an active coordinator")


def test_a_user_changes_their_own_password(qtbot, coordinator):
    dialog = shown(qtbot, ChangePasswordDialog(None, coordinator))
    type_into(qtbot, dialog.current, "not the password")
    type_into(qtbot, dialog.password, "a new long password")
    type_into(qtbot, dialog.repeat, "a new long password")
    save_and_wait(qtbot, dialog)
    assert dialog.problem("current") == "Is not your current password"

    type_into(qtbot, dialog.current, PASSWORD)
    save_and_wait(qtbot, dialog)
    assert not dialog.isVisible()
    assert coordinator.signed_in("alex", "a new long password").user is not None


def test_the_window_opens_a_shared_database_once_its_user_signs_in(
    qtbot, postgres_url, coordinator
):
    from ui.desktop.main_window import MainWindow

    save_user(
        coordinator.unit_of_work(),
        UserDraft("vic", "Vic Viewer", Role.VIEWER, password=PASSWORD),
    )
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()

    def sign_in_as_the_viewer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(20, sign_in_as_the_viewer)  # the database is still opening
            return
        dialog.user_name.setText("vic")
        dialog.password.setText(PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, sign_in_as_the_viewer)
    window.open_database(postgres_url)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15_000)
    wait_until_idle(qtbot)
    assert window.workspace.user.role is Role.VIEWER
    assert "Vic Viewer (Viewer)" in window.database_label.text()
    hidden = [
        window.navigation.item(i).text()
        for i in range(window.navigation.count())
        if window.navigation.isRowHidden(i)
    ]
    assert "Agencies & staff" in hidden and "Audit trail" in hidden
    window.close()
    wait_until_idle(qtbot)
    window.workspace.close()
