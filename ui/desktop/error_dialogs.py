"""Telling the user what went wrong: their errors in their words, ours in a short message.

A ``UserError`` (training.errors) is shown with its own message, which says what to do. Any
other exception is a fault of ours: the dialog says so briefly, and the traceback goes to the
log file (and behind the dialog's "Show Details…" button, for whoever supports the user).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from training.errors import UserError, ValidationError
from ui.desktop.logs import log_file

log = logging.getLogger(__name__)

MAX_SUMMARY = 300
VERBS = {  # what a ValidationError's outcome says could not be done, as a verb for the title
    "saved": "save",
    "made": "make",
    "imported": "import",
    "printed": "print",
    "undone": "undo",
    "loaded": "load",
    "erased": "erase",
    "anonymised": "anonymise",
    "found": "find",
}


def show_error(parent: QWidget | None, error: BaseException, trace: str = "") -> None:
    """Show ``error`` in a modal message box; log the trace of anything not a UserError."""
    if isinstance(error, UserError):
        box = user_error_box(parent, error)
    else:
        log.error("Unexpected error: %r\n%s", error, trace)
        box = unexpected_error_box(parent, error, trace)
    box.exec()


def outcome_title(outcome: str) -> str:
    """A dialog title for what could not be done: "cannot be made" gives "Cannot make"."""
    negation, _, participle = outcome.rpartition(" be ")
    if negation == "cannot" and participle in VERBS:
        return f"Cannot {VERBS[participle]}"
    return outcome[:1].upper() + outcome[1:]


def user_error_box(parent: QWidget | None, error: UserError) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    if isinstance(error, ValidationError):
        box.setWindowTitle(outcome_title(error.outcome))
        box.setText(f"{error.subject} {error.outcome}.")
        box.setInformativeText(
            "\n".join(f"• {field}: {problem}" for field, problem in error.problems.items())
        )
    else:
        box.setWindowTitle("Cannot continue")
        box.setText(str(error))
    return box


def unexpected_error_box(parent: QWidget | None, error: BaseException, trace: str) -> QMessageBox:
    summary = f"{type(error).__name__}: {error}"
    if len(summary) > MAX_SUMMARY:
        summary = summary[: MAX_SUMMARY - 1] + "…"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Something went wrong")
    box.setText(
        "Something unexpected went wrong, so this could not be finished. "
        "Changes it was making were not saved."
    )
    box.setInformativeText(f"{summary}\n\nThe details are in the log file:\n{log_file()}")
    if trace:
        box.setDetailedText(trace)
    return box
