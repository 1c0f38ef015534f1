"""Error dialogs say what could not be done: saved, made, imported, printed, undone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from training.errors import ValidationError
from ui.desktop.error_dialogs import outcome_title, user_error_box

TRAINING = Path(__file__).parents[2] / "training"


def outcomes_in(folder: Path) -> set[str]:
    """Every ``outcome="…"`` written in the services' source."""
    found = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "outcome"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.add(node.value.value)
    return found


def test_a_refused_save_is_titled_cannot_save(qtbot):
    box = user_error_box(None, ValidationError("Course", {"code": "is required"}))
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.windowTitle() == "Cannot save"
    assert box.text() == "Course cannot be saved."
    assert box.informativeText() == "• code: is required"


@pytest.mark.parametrize(
    ("subject", "outcome", "title"),
    [
        ("The board training report", "cannot be made", "Cannot make"),
        ("signin.xlsx", "cannot be imported", "Cannot import"),
        ("The certificate", "cannot be printed", "Cannot print"),
        ("The import", "cannot be undone", "Cannot undo"),
    ],
)
def test_other_refusals_say_what_could_not_be_done(qtbot, subject, outcome, title):
    error = ValidationError(subject, {"to": "is before the start"}, outcome=outcome)
    box = user_error_box(None, error)
    qtbot.addWidget(box)
    assert box.windowTitle() == title
    assert box.text() == f"{subject} {outcome}."
    assert "cannot be saved" not in box.text()


def test_an_outcome_without_a_verb_is_its_own_title():
    assert outcome_title("cannot be sent") == "Cannot be sent"
    assert outcome_title("is out of date") == "Is out of date"


def test_every_outcome_the_services_give_has_a_verb_for_its_title():
    outcomes = outcomes_in(TRAINING)
    assert "cannot be made" in outcomes  # the scan finds them
    assert [o for o in outcomes if " be " in outcome_title(o)] == []
