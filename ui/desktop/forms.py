"""Dialogs that edit one record: labelled fields, each with its problem written beneath it.

A form reads its widgets on the GUI thread and saves off it (``run_operation``). When the
service refuses:

- a ``ValidationError`` puts each problem under its field (matched by the field's name as the
  service spells it, e.g. ``"duration (hours)"``) and focuses the first; problems of no field
  go in the banner at the top;
- a ``ConflictError`` (someone else saved the record since it was opened) goes in the banner,
  which says the user's changes were not saved, with a Reload button: it closes the form as
  saved with nothing (``saved`` None), so the page that opened it reloads and shows the other
  person's change, which the user can then edit again.

Either way the dialog stays open with everything the user typed. It closes only on success,
with the service's result in ``saved``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from training.errors import ConflictError, ValidationError
from ui.desktop.operations import run_operation

Save = Callable[[], object]

ERROR_COLOUR = QColor("#b00020")  # dark red: readable on light backgrounds (WCAG AA)


def problem_label(accessible_name: str) -> QLabel:
    """A label in the error colour, hidden until it has something to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.hide()
    return label


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class FormDialog(QDialog):
    """Subclasses add their fields with ``add_field`` and implement ``save_job``."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.saved: object | None = None
        self._problems: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.banner = problem_label("Why it was not saved")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reload_button = self.buttons.addButton("Reload", QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.setToolTip("Close this form and show the record as it is saved now")
        self.reload_button.clicked.connect(self._reload)
        self.reload_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        """Add ``widget`` labelled ``label``; ``name`` is the field as the service names it."""
        problem = problem_label(f"Problem with {label.rstrip(':')}")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        widget.setAccessibleName(label.rstrip(":"))
        self.form.addRow(label, box)
        self._problems[name] = problem
        self._widgets[name] = widget

    def problem(self, name: str) -> str:
        """The problem shown under field ``name`` ("" when there is none)."""
        label = self._problems[name]
        return label.text() if label.isVisibleTo(self) else ""

    def save_job(self) -> Save:
        """Read the widgets; return the save to run off the GUI thread."""
        raise NotImplementedError

    def accept(self) -> None:
        self._clear_problems()
        job = self.save_job()
        self.save_button.setEnabled(False)
        run_operation(
            self,
            lambda _progress, _cancelled: job(),
            self._saved,
            title="Saving",
            on_failed=self._refused,
            shown_by_caller=(ValidationError, ConflictError),
        )

    def _saved(self, result: object) -> None:
        self.saved = result
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        elif isinstance(error, ConflictError):
            self._show_banner(str(error))
            self.reload_button.show()
            self.reload_button.setFocus()

    def _reload(self) -> None:
        """Give up this edit: the opener reloads, as after a save, and shows what is saved."""
        self.saved = None
        super().accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        unplaced = []
        for name, text in problems.items():
            if name in self._problems:
                self._problems[name].setText(sentence(text))
                self._problems[name].show()
            else:
                unplaced.append(f"{sentence(name)}: {text}")
        if unplaced:
            self._show_banner("Not saved. " + " ".join(unplaced))
        first = next((name for name in self._widgets if name in problems), None)
        if first is not None:
            self._widgets[first].setFocus()
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for the problems' wrapped lines: Qt sizes a dialog by its layout's minimum,
        which leaves out the height that wrapping text needs, and would squeeze the fields."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _clear_problems(self) -> None:
        for label in (*self._problems.values(), self.banner):
            label.clear()
            label.hide()
