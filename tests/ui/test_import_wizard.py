"""The import wizard, driven like a user: the sample files to the preview, then the commit.

The database holds what tests/data/imports/README.md says is on record before each import.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton, QWidget, QWizard

from tests.sample_partnership import EXPECTED, SAMPLES
from tests.ui.conftest import table_column, wait_until_idle
from tests.ui.import_steps import (
    POLICE_FILE,
    POLICE_SESSION,
    click,
    commit,
    expected_classes,
    fill_file_page,
    map_saved_columns,
    preview_sample,
    shown_classes,
    to_columns,
    to_preview,
)
from training.errors import CellProblem, WorkbookError
from training.imports.candidates import ImportKind
from training.imports.headers import Field
from training.imports.importing import Outcome, list_batches, preview_import
from training.registers import register
from training.workspace import overview
from ui.desktop import import_preview_page
from ui.desktop.import_file_page import refusal_problems
from ui.desktop.import_rows import CLASS_COLUMN
from ui.desktop.import_wizard import COLUMNS_PAGE, FILE_PAGE, ImportWizard

HUES = {"new": "green", "update": "blue", "duplicate": "grey", "skipped": "amber", "error": "red"}


@pytest.fixture
def sessions(sample_partnership_file):
    return sample_partnership_file[1]


@pytest.fixture
def owner(qtbot, message_boxes) -> Iterator[QWidget]:
    """The wizard's parent; no error may be shown (errors are recorded, never waited on)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    yield widget
    assert message_boxes == []


def open_wizard(owner: QWidget, space, path=None) -> ImportWizard:
    wizard = ImportWizard(space, owner, path)
    wizard.show()
    return wizard


def hue_family(colour: QColor) -> str:
    if colour.hslSaturation() < 25:
        return "grey"
    hue = colour.hslHue()
    for family, low, high in (
        ("red", -1, 15),
        ("amber", 30, 65),
        ("green", 80, 160),
        ("blue", 190, 250),
        ("red", 345, 360),
    ):
        if low < hue <= high:
            return family
    return f"hue {hue}"


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def class_colours(wizard: ImportWizard) -> list[tuple[str, QColor, QColor]]:
    model = wizard.preview_page.table.model()
    cells = [model.index(row, CLASS_COLUMN) for row in range(model.rowCount())]
    return [
        (
            cell.data().lower(),
            cell.data(Qt.ItemDataRole.BackgroundRole),
            cell.data(Qt.ItemDataRole.ForegroundRole),
        )
        for cell in cells
    ]


@pytest.mark.parametrize("name", list(EXPECTED["files"]))
def test_each_sample_file_previews_with_the_classes_its_readme_gives_in_their_colours(
    qtbot, owner, sample_workspace, sessions, name
):
    before = overview(sample_workspace.unit_of_work())
    wizard = open_wizard(owner, sample_workspace, SAMPLES / name)
    preview_sample(qtbot, wizard, name, sessions)

    assert shown_classes(wizard) == expected_classes(name)
    for text, background, foreground in class_colours(wizard):
        assert hue_family(background) == hue_family(foreground) == HUES[text]
        assert contrast(background, foreground) >= 4.5  # WCAG AA for text
    classes = [cls for _, cls in expected_classes(name)]
    errors = classes.count("error")
    chip = wizard.preview_page.chips[Outcome.ERROR]
    assert chip.text() == f"{errors} error{'s' * (errors != 1)}"
    assert overview(sample_workspace.unit_of_work()) == before  # a preview writes nothing
    assert list_batches(sample_workspace.unit_of_work()) == []


def test_a_sign_in_sheet_is_saved_as_one_batch_only_when_import_is_pressed(
    qtbot, owner, sample_workspace, sessions
):
    wizard = open_wizard(owner, sample_workspace, SAMPLES / POLICE_FILE)
    preview_sample(qtbot, wizard, POLICE_FILE, sessions)
    commit_button = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit_button.text() == "&Import 15 rows"
    assert list_batches(sample_workspace.unit_of_work()) == []

    with qtbot.waitSignal(wizard.imported) as imported:
        commit(qtbot, wizard)
    [batch] = list_batches(sample_workspace.unit_of_work())
    assert imported.args[0].batch_id == batch.id
    assert (batch.added, batch.updated, batch.rejected) == (14, 1, 3)
    assert batch.file_name == POLICE_FILE
    assert wizard.done_page.outcome.text().startswith(
        f"Import {batch.id}: 14 added, 1 updated, 2 already recorded, 0 skipped, 3 rejected."
    )
    marks = {
        line.name: line.status
        for line in register(sample_workspace.unit_of_work(), sessions[POLICE_SESSION])
    }
    assert marks["Emma Wilson"] == "attended"  # was booked: the one update
    assert marks["Dawn Fletcher"] == "did not attend"


def test_only_the_rejected_rows_are_shown_when_asked(qtbot, owner, sample_workspace, sessions):
    wizard = open_wizard(owner, sample_workspace, SAMPLES / POLICE_FILE)
    preview_sample(qtbot, wizard, POLICE_FILE, sessions)
    page = wizard.preview_page
    qtbot.mouseClick(page.errors_only, Qt.MouseButton.LeftButton)
    assert table_column(page.table, "Row") == ["11", "22", "23"]
    assert table_column(page.table, "Column") == ["Attended?", "Attended?", ""]
    assert table_column(page.table, "Reason")[2].startswith(
        "Amy Gibson is not on Northshire Police's staff list"
    )
    page.table.selectRow(0)
    assert page.row_detail.text() == (
        "Row 11, column “Attended?”: Error. Is empty; write attended or did not attend"
    )
    qtbot.mouseClick(page.errors_only, Qt.MouseButton.LeftButton)
    assert len(table_column(page.table, "Row")) == len(expected_classes(POLICE_FILE))


def test_next_waits_until_a_column_says_who_each_row_is(qtbot, owner, sample_workspace, sessions):
    name = "two_people_same_name.xlsx"
    wizard = open_wizard(owner, sample_workspace, SAMPLES / name)
    fill_file_page(qtbot, wizard, name, sessions)
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert page.combos[0].currentText() == "Ignore"  # "Driver": no synonym
    assert not next_button.isEnabled()
    assert page.missing.isVisible()
    assert page.missing.text() == (
        "Still needed: a column for the staff reference, email, last name or full name. "
        "Choose which column holds it."
    )
    map_saved_columns(wizard, name)  # Driver holds the full name
    assert next_button.isEnabled()
    assert not page.missing.isVisible()
    to_preview(qtbot, wizard)
    assert shown_classes(wizard) == expected_classes(name)


def test_a_field_chosen_for_one_column_is_taken_from_another(
    qtbot, owner, sample_workspace, sessions
):
    wizard = open_wizard(owner, sample_workspace, SAMPLES / POLICE_FILE)
    fill_file_page(qtbot, wizard, POLICE_FILE, sessions)
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    page.set_field("Signature", Field.LAST_NAME)
    texts = {
        heading: page.combos[i].currentText()
        for i, heading in enumerate(wizard.columns.headers)
        if i in page.combos
    }
    assert texts["Signature"] == "Last name"
    assert texts["Surname"] == "Ignore"


def test_a_column_set_to_ignore_is_not_read(qtbot, owner, sample_workspace, sessions):
    wizard = open_wizard(owner, sample_workspace, SAMPLES / POLICE_FILE)
    fill_file_page(qtbot, wizard, POLICE_FILE, sessions)
    to_columns(qtbot, wizard)
    wizard.columns_page.set_field("Attended?", None)
    to_preview(qtbot, wizard)
    # With no attendance column a sign-in sheet lists those who came: N, DNA and the blank
    # mark are read as attended, and row 11 is no longer rejected for its blank mark.
    classes = dict(shown_classes(wizard))
    assert classes[11] == "new"
    reasons = dict(
        zip(
            table_column(wizard.preview_page.table, "Row"),
            table_column(wizard.preview_page.table, "Reason"),
            strict=True,
        )
    )
    assert reasons["9"] == reasons["10"] == "Attended"


def test_a_refused_file_is_named_with_its_problem_on_the_first_page(
    qtbot, owner, sample_workspace, sessions, tmp_path
):
    renamed = tmp_path / "signin.xlsx"
    renamed.write_bytes(b"%PDF-1.7\n% a register scanned to PDF, then renamed\n")
    wizard = open_wizard(owner, sample_workspace, renamed)
    fill_file_page(qtbot, wizard, POLICE_FILE, sessions)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == FILE_PAGE
    refusal = wizard.file_page.refusal_text
    assert "signin.xlsx cannot be imported" in refusal
    assert "This is a PDF document, not a spreadsheet" in refusal


def test_a_file_refused_by_the_preview_goes_back_to_the_first_page(
    qtbot, owner, sample_workspace, sessions, tmp_path
):
    copy = tmp_path / POLICE_FILE
    copy.write_bytes((SAMPLES / POLICE_FILE).read_bytes())
    wizard = open_wizard(owner, sample_workspace, copy)
    fill_file_page(qtbot, wizard, POLICE_FILE, sessions)
    to_columns(qtbot, wizard)
    copy.unlink()  # moved away while the user was checking the columns
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == FILE_PAGE
    assert f"{POLICE_FILE} cannot be imported" in wizard.file_page.refusal_text
    assert "The file does not exist" in wizard.file_page.refusal_text


def big_sign_in_sheet(path, rows: int):
    lines = ["Collar Number,Surname,First Name,Attended?"]
    lines += [f"{90000 + n},Walker{n},Sam,Y" for n in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_cancelling_the_preview_goes_back_to_the_columns_and_writes_nothing(
    qtbot, owner, sample_workspace, sessions, tmp_path, monkeypatch
):
    def held_until_cancelled(*args, cancelled, **kwargs):
        """The real preview, whose first check for a cancel waits for the user's (a preview
        of a file this size could otherwise end before the test sees its progress dialog)."""

        def user_cancelled() -> bool:
            deadline = time.monotonic() + 10
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)
            return cancelled()

        return preview_import(*args, cancelled=user_cancelled, **kwargs)

    monkeypatch.setattr(import_preview_page, "preview_import", held_until_cancelled)
    before = overview(sample_workspace.unit_of_work())
    wizard = open_wizard(owner, sample_workspace, big_sign_in_sheet(tmp_path / "big.csv", 5_000))
    fill_file_page(qtbot, wizard, POLICE_FILE, sessions)
    wizard.file_page.create_people.setChecked(True)
    to_columns(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    def previewing() -> QProgressDialog | None:
        """The preview's progress dialog (an earlier step's may linger, deleted, a moment)."""
        shown = [
            dialog
            for dialog in wizard.findChildren(QProgressDialog)
            if shiboken6.isValid(dialog) and dialog.isVisible()
        ]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: previewing() is not None, timeout=5_000)
    progress = previewing()
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == COLUMNS_PAGE
    assert wizard.preview is None
    assert overview(sample_workspace.unit_of_work()) == before
    assert list_batches(sample_workspace.unit_of_work()) == []


def test_the_rejected_rows_are_saved_to_send_back(
    qtbot, owner, sample_workspace, sessions, tmp_path, monkeypatch
):
    wizard = open_wizard(owner, sample_workspace, SAMPLES / POLICE_FILE)
    preview_sample(qtbot, wizard, POLICE_FILE, sessions)
    chosen = tmp_path / "back to the police"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    qtbot.mouseClick(wizard.preview_page.save_rejects_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    written = tmp_path / "back to the police.xlsx"
    assert wizard.preview_page.saved_note.text() == f"3 rejected rows saved to {written.name}"
    sheet = openpyxl.load_workbook(written).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [11, 22, 23]


def test_the_file_can_be_chosen_in_a_file_dialog(qtbot, owner, sample_workspace, monkeypatch):
    csv = SAMPLES / "elearning_export_utf8_bom.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(csv), ""))
    wizard = open_wizard(owner, sample_workspace)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(csv)
    fill_file_page(qtbot, wizard, csv.name, {})
    assert wizard.file_page.kind is ImportKind.ELEARNING
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_every_problem_of_a_refused_workbook_is_listed_with_where_it_is():
    refused = WorkbookError(
        "returns.xlsx",
        [
            CellProblem("returns.xlsx", None, None, None, "the workbook is encrypted"),
            CellProblem("returns.xlsx", "Staff", 4, "Start", "31/02/2025 is not a date"),
        ],
    )
    assert refusal_problems(refused, Path("elsewhere/returns.xlsx")) == (
        "returns.xlsx",
        [
            "The workbook is encrypted",
            "Sheet Staff, row 4, column 'Start': 31/02/2025 is not a date",
        ],
    )
