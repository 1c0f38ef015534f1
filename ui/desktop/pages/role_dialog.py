"""Adding a role to the training-needs matrix, with the group it belongs to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QWidget

from training.staff import RoleView, save_role
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save


class RoleDialog(FormDialog):
    def __init__(self, parent: QWidget | None, space: Workspace, roles: Sequence[RoleView]) -> None:
        super().__init__(parent, "New role")
        self._space = space
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. School nurse")
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.group.addItems(sorted({r.role_group for r in roles if r.role_group}))
        self.group.setCurrentText("")
        line = self.group.lineEdit()
        assert line is not None
        line.setPlaceholderText("Choose a group, type a new one, or leave blank")
        self.add_field("name", "Role:", self.name)
        self.add_field("group", "Group:", self.group)

    def save_job(self) -> Save:
        name, group, space = self.name.text(), self.group.currentText(), self._space
        return lambda: save_role(space.unit_of_work(), name, group)
