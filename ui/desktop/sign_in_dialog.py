"""Signing in to a shared database, or setting a new one up with its first coordinator.

Both are short modal steps before any page shows the database. The password is checked off
the GUI thread (argon2 is slow on purpose); a refusal is written in red under the fields and
the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training.errors import ValidationError
from training.users import MIN_PASSWORD, SignInError
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save, problem_label
from ui.desktop.operations import run_operation

FIRST_USER_NOTE = "This shared database has no users yet: create its first coordinator."
PASSWORD_HINT = f"At least {MIN_PASSWORD} characters"
NOT_REPEATED = "is not the same as the password: type the same password in both"


def sign_in_title(space: Workspace) -> str:
    return f"Sign in — {space.name}"


def password_edit(placeholder: str = PASSWORD_HINT) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def check_repeated(password: str, repeat: str) -> None:
    """Refuse a password typed differently the second time (under the field named "repeat")."""
    if password != repeat:
        raise ValidationError("Password", {"repeat": NOT_REPEATED})


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SignInDialog(QDialog):
    """A user name and password; on success ``workspace`` is the database signed in to."""

    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent)
        self._space = space
        self.workspace: Workspace | None = None
        self.setWindowTitle(sign_in_title(space))
        self.setAccessibleName(sign_in_title(space))
        self.user_name = QLineEdit()
        self.user_name.setAccessibleName("User name")
        self.password = password_edit("")
        self.password.setAccessibleName("Password")
        self.problem = problem_label("Why you are not signed in")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button: QPushButton = self.buttons.addButton(
            "Sign in", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&User name:", self.user_name)
        form.addRow("&Password:", self.password)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(note(f"Sign in to {space.name} with your user name and password."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.sign_in_button.setDefault(True)  # once in the dialog, which then keeps it default
        self.setMinimumWidth(420)

    def accept(self) -> None:
        self.problem.hide()
        space, user_name, password = self._space, self.user_name.text(), self.password.text()
        self.sign_in_button.setEnabled(False)
        run_operation(
            self,
            lambda _progress, _cancelled: space.signed_in(user_name, password),
            self._signed_in,
            title="Signing in",
            on_failed=self._refused,
            shown_by_caller=(SignInError,),
        )

    def _signed_in(self, space: Workspace) -> None:
        self.workspace = space
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        if isinstance(error, SignInError):
            self.problem.setText(str(error))
            self.problem.show()
            self.password.clear()
            self.password.setFocus()
            self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for the problem's wrapped lines (Qt would squeeze the fields instead)."""
        self._layout.activate()
        fitting = self._layout.totalHeightForWidth(self.width())
        self.resize(self.width(), max(self.height(), fitting))


class FirstUserDialog(FormDialog):
    """The first coordinator of a shared database; on success ``saved`` is the workspace they
    are signed in to."""

    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent, sign_in_title(space))
        self._space = space
        self.user_name = QLineEdit()
        self.full_name = QLineEdit()
        self.password = password_edit()
        self.repeat = password_edit("The same password again")
        self.form.addRow(note(FIRST_USER_NOTE))
        self.add_field("user_name", "User name:", self.user_name)
        self.add_field("full_name", "Full name:", self.full_name)
        self.add_field("password", "Password:", self.password)
        self.add_field("repeat", "Repeat password:", self.repeat)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Create and sign in")

    def save_job(self) -> Save:
        space = self._space
        user_name, full_name = self.user_name.text(), self.full_name.text()
        password, repeat = self.password.text(), self.repeat.text()

        def set_up() -> Workspace:
            check_repeated(password, repeat)
            return space.set_up(user_name, full_name, password)

        return set_up


def sign_in(parent: QWidget | None, space: Workspace, *, first_user: bool) -> Workspace | None:
    """The workspace of the user who signs in (or sets the database up), None if cancelled."""
    dialog = FirstUserDialog(parent, space) if first_user else SignInDialog(parent, space)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    signed_in = dialog.saved if isinstance(dialog, FirstUserDialog) else dialog.workspace
    return signed_in if accepted and isinstance(signed_in, Workspace) else None
