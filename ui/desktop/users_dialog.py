"""File › Users (a coordinator's list of who may sign in to a shared database, and each one's
role) and File › Change my password."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training.access import Role
from training.agencies import AgencyView, list_agencies
from training.users import UserDraft, UserView, change_own_password, list_users, save_user
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save
from ui.desktop.operations import LatestQuery
from ui.desktop.sign_in_dialog import PASSWORD_HINT, check_repeated, password_edit
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, heading, table_view

USER_COLUMNS: list[Column[UserView]] = [
    Column("User name", lambda u: u.user_name),
    Column("Full name", lambda u: u.full_name),
    Column("Role", lambda u: u.role.label),
    Column("Agency", lambda u: u.agency),
    Column("Active", lambda u: u.active),
]
AGENCY_COLUMN = 3  # takes the width the others leave: agencies' names are the longest
KEEP_PASSWORD = "Leave blank to keep the current password"


@dataclass(frozen=True)
class UserList:
    users: list[UserView]
    agencies: list[AgencyView]


def load_users(space: Workspace) -> UserList:
    return UserList(list_users(space.unit_of_work()), list_agencies(space.unit_of_work()))


class UserDialog(FormDialog):
    """A new user of the shared database, or a change to one."""

    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        agencies: list[AgencyView],
        user: UserView | None = None,
    ) -> None:
        super().__init__(parent, f"User {user.user_name}" if user else "New user")
        self._space = space
        self._user = user
        self.user_name = QLineEdit(user.user_name if user else "")
        self.full_name = QLineEdit(user.full_name if user else "")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)  # Qt would hand back a plain str
        self.role.setCurrentIndex(
            max(self.role.findData((user.role if user else Role.VIEWER).value), 0)
        )
        self.agency = QComboBox()
        self.agency.addItem("None: an agency lead's only", None)
        for agency in agencies:
            self.agency.addItem(agency.name, agency.id)
        self.agency.setCurrentIndex(max(self.agency.findData(user and user.agency_id), 0))
        self.active = QCheckBox("May sign in (untick to switch the account off)")
        self.active.setChecked(user.active if user else True)
        self.password = password_edit(KEEP_PASSWORD if user else PASSWORD_HINT)
        self.repeat = password_edit("The same password again")

        self.add_field("user_name", "User name:", self.user_name)
        self.add_field("full_name", "Full name:", self.full_name)
        self.add_field("role", "Role:", self.role)
        self.add_field("agency_id", "Agency:", self.agency)
        self.add_field("active", "Status:", self.active)
        self.add_field("password", "Password:", self.password)
        self.add_field("repeat", "Repeat password:", self.repeat)
        self.role.currentIndexChanged.connect(self._enable_agency)
        self._enable_agency()

    @property
    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def _enable_agency(self) -> None:
        self.agency.setEnabled(self.chosen_role is Role.AGENCY_LEAD)

    def draft(self) -> UserDraft:
        role = self.chosen_role
        return UserDraft(
            user_name=self.user_name.text(),
            full_name=self.full_name.text(),
            role=role,
            agency_id=self.agency.currentData() if role is Role.AGENCY_LEAD else None,
            active=self.active.isChecked(),
            password=self.password.text(),
        )

    def save_job(self) -> Save:
        draft, repeat, space, user = self.draft(), self.repeat.text(), self._space, self._user

        def save() -> UserView:
            check_repeated(draft.password, repeat)
            return save_user(
                space.unit_of_work(),
                draft,
                user_id=user.id if user else None,
                version=user.version if user else None,
            )

        return save


class UsersDialog(QDialog):
    """Everyone who may sign in to the shared database; add one, or change one's role."""

    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent)
        self._space = space
        self.setWindowTitle(f"Users — {space.name}")
        self.setAccessibleName("Users")
        self.users = ColumnTableModel(USER_COLUMNS, self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.users)
        self.sorted.setSortRole(SORT_ROLE)
        self.table = table_view(self.sorted, "Users", sortable=True, stretch_column=AGENCY_COLUMN)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._edit_at)
        self.table.selectionModel().selectionChanged.connect(self._enable_edit)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Users shown")
        self.add_button = QPushButton("&Add user…")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_user)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading("Users", f"Who may sign in to {space.name}, and what each one's role allows.")
        )
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(720, 420)

        self._query = LatestQuery(self)
        self._agencies: list[AgencyView] = []
        self.reload()

    def reload(self) -> None:
        space = self._space
        self._query.run(lambda: load_users(space), self._show)

    def _show(self, loaded: UserList) -> None:
        self._agencies = loaded.agencies
        self.users.set_rows(loaded.users)
        fit_columns(self.table)
        count = len(loaded.users)
        self.count_label.setText(f"{count:,} user{'' if count == 1 else 's'}")
        self._enable_edit()

    @property
    def chosen_user(self) -> UserView | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.users.row_at(self.sorted.mapToSource(selected[0]))

    def _enable_edit(self) -> None:
        self.edit_button.setEnabled(self.chosen_user is not None)

    def _edit_at(self, index: QModelIndex) -> None:
        self.open_user_dialog(self.users.row_at(self.sorted.mapToSource(index)))

    def add_user(self) -> None:
        self.open_user_dialog(None)

    def edit_user(self) -> None:
        if (user := self.chosen_user) is not None:
            self.open_user_dialog(user)

    def open_user_dialog(self, user: UserView | None) -> UserDialog:
        dialog = UserDialog(self, self._space, self._agencies, user)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog


class ChangePasswordDialog(FormDialog):
    """The signed-in user's own password: the current one, then the new one twice."""

    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent, "Change my password")
        self._space = space
        self.current = password_edit("")
        self.password = password_edit()
        self.repeat = password_edit("The same password again")
        self.add_field("current", "Current password:", self.current)
        self.add_field("password", "New password:", self.password)
        self.add_field("repeat", "Repeat new password:", self.repeat)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Change password")

    def save_job(self) -> Save:
        space, current = self._space, self.current.text()
        password, repeat = self.password.text(), self.repeat.text()

        def change() -> None:
            check_repeated(password, repeat)
            change_own_password(space.unit_of_work(), current, password)

        return change


def manage_users(parent: QWidget | None, space: Workspace) -> None:
    dialog = UsersDialog(parent, space)
    dialog.exec()
    dialog.deleteLater()


def change_password(parent: QWidget | None, space: Workspace) -> None:
    dialog = ChangePasswordDialog(parent, space)
    changed = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if changed:
        QMessageBox.information(
            parent,
            "Password changed",
            "Your password has been changed: use the new one when you next sign in.",
        )
