"""Importing a form tool's export of evaluations from the Quality assurance page, in one
dialog: the columns as read, every row in its class, Import, and the page showing them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.evaluation_exports import MS_FORMS, OVERALL, ms_forms_row, xlsx_export
from tests.ui.conftest import TODAY, table_column, wait_until_idle
from tests.ui.test_quality_page import held_session, open_quality, show_tab
from training.evaluation_import.columns import EvaluationField
from training.workspace import Workspace
from ui.desktop.pages.evaluation_import_dialog import EvaluationImportDialog
from ui.desktop.pages.quality import QualityPage

HELD = TODAY - dt.timedelta(days=20)


@pytest.fixture
def page(qtbot, workspace: Workspace) -> QualityPage:
    held_session(workspace, HELD)  # Smith, Jones and Patel attended
    return open_quality(qtbot, workspace)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return xlsx_export(
        tmp_path / "CSE feedback.xlsx",
        MS_FORMS,
        [
            ms_forms_row(1, "Very good", 5, 2, 4, "Clear", email="p1@police.example", day=HELD),
            ms_forms_row(2, "4 - Good", 4, 3, 4, day=HELD),
            ms_forms_row(3, 9, 4, 3, 4, day=HELD),
            ms_forms_row(2, "4 - Good", 4, 3, 4, day=HELD),
        ],
    )


def open_dialog(qtbot, page: QualityPage, export: Path, monkeypatch) -> EvaluationImportDialog:
    """Press Import evaluations… on the Evaluations tab and choose the export."""
    show_tab(page, "Evaluations")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(EvaluationImportDialog)
    assert dialog is not None and dialog.isVisible()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(export), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    return dialog


def test_every_row_is_shown_in_its_class_and_import_saves_the_new_ones(
    qtbot, page, export, monkeypatch, message_boxes
):
    dialog = open_dialog(qtbot, page, export, monkeypatch)
    assert dialog.session.currentText().startswith(f"{HELD:%d/%m/%Y} CSE-T1")
    assert table_column(dialog.rows_table, "Class") == ["New", "New", "Error", "Duplicate"]
    assert table_column(dialog.rows_table, "Respondent") == ["Alex Smith", "Anonymous", "", ""]
    assert table_column(dialog.rows_table, "Overall")[:2] == ["5", "4"]
    assert table_column(dialog.rows_table, "Reason")[2] == f"{OVERALL}: '9' is not from 1 to 5"
    assert [chip.text() for chip in dialog.chips.values()] == [
        "2 new", "1 duplicate", "0 skipped", "1 error",
    ]  # fmt: skip
    assert dialog.combos[OVERALL].currentText() == "Overall rating"
    assert dialog.combos["Name"].currentText() == "Not read"
    assert dialog.import_button.text() == "&Import 2 responses"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert dialog.summary is not None and dialog.summary.added == 2
    assert dialog.headline.text().startswith(f"Import {dialog.summary.batch_id}: 2 responses")
    assert not dialog.import_button.isEnabled()
    assert sorted(table_column(page.evaluation_table, "Respondent")) == ["Alex Smith", "Anonymous"]
    assert message_boxes == []


def test_choosing_what_a_column_holds_checks_every_row_again(qtbot, page, export, monkeypatch):
    dialog = open_dialog(qtbot, page, export, monkeypatch)
    dialog.set_field(OVERALL, None)
    wait_until_idle(qtbot)
    assert table_column(dialog.rows_table, "Class") == ["New", "New", "New", "Duplicate"]
    assert table_column(dialog.rows_table, "Overall") == ["", "", "", ""]
    dialog.set_field("Name", EvaluationField.TRAINER)  # the trainer rating moves to Name
    wait_until_idle(qtbot)
    assert dialog.combos["The trainer's knowledge (1-5)"].currentText() == "Not read"
    assert table_column(dialog.rows_table, "Reason")[0].startswith("Name: 'p1' is not a rating")


def test_keeping_every_response_anonymous(qtbot, page, export, monkeypatch):
    dialog = open_dialog(qtbot, page, export, monkeypatch)
    dialog.anonymous.setChecked(True)
    wait_until_idle(qtbot)
    assert table_column(dialog.rows_table, "Respondent")[:2] == ["Anonymous", "Anonymous"]


def test_the_rejected_rows_are_saved_to_send_back(qtbot, page, export, monkeypatch, tmp_path):
    dialog = open_dialog(qtbot, page, export, monkeypatch)
    chosen = tmp_path / "back"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    qtbot.mouseClick(dialog.save_rejects_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert (tmp_path / "back.xlsx").is_file()
    assert dialog.saved_note.text() == "1 rejected row saved to back.xlsx"


def test_a_file_of_questions_the_wording_misses_is_read_once_the_user_says_what_they_hold(
    qtbot, page, monkeypatch, tmp_path, message_boxes
):
    export = xlsx_export(tmp_path / "q.xlsx", ("Q1", "Q2"), [(4, "Good pace"), (5, "")])
    dialog = open_dialog(qtbot, page, export, monkeypatch)
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text().startswith("q.xlsx cannot be imported.")
    assert "no sheet has a row of questions" in dialog.refusal.text()
    assert not dialog.import_button.isEnabled()
    assert list(dialog.combos) == ["Q1", "Q2"]
    dialog.set_field("Q1", EvaluationField.OVERALL)
    wait_until_idle(qtbot)
    dialog.set_field("Q2", EvaluationField.COMMENTS)
    wait_until_idle(qtbot)
    assert not dialog.refusal.isVisible()
    assert table_column(dialog.rows_table, "Overall") == ["4", "5"]
    assert table_column(dialog.rows_table, "Comments") == ["Good pace", ""]
    assert dialog.import_button.isEnabled()
    assert message_boxes == []
