"""Steps through the import wizard that the wizard's and the imports page's tests share.

Each sample file in tests/data/imports is imported with the options its README gives: the
police sign-in sheet onto its session, the hotel's list onto its course, and the taxi firm's
"Driver" column (which the synonyms miss) named as the agency's saved mapping says.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.sample_partnership import EXPECTED
from tests.ui.conftest import table_column, wait_until_idle
from training.imports.candidates import ImportKind
from training.imports.headers import Field
from ui.desktop.import_wizard import COLUMNS_PAGE, DONE_PAGE, PREVIEW_PAGE, ImportWizard

POLICE_FILE = "police_signin_cse_intro.xlsx"
POLICE_SESSION = ("CSE-I1", dt.datetime(2025, 3, 4, 9, 30))

KINDS = {
    "elearning_export_utf8_bom.csv": ImportKind.ELEARNING,
    "elearning_export_cp1252.csv": ImportKind.ELEARNING,
    "hr_staff_list.xlsx": ImportKind.STAFF,
}
SESSIONS = {POLICE_FILE: POLICE_SESSION}
COURSES = {"hotel_briefing_1904.xlsx": "CSE-I3"}


def click(qtbot, wizard: ImportWizard, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def fill_file_page(
    qtbot, wizard: ImportWizard, name: str, sessions: dict[tuple[str, dt.datetime], int]
) -> None:
    """Say what the sample file holds, whose it is, and its session or course."""
    wait_until_idle(qtbot)  # the agencies, sessions and courses to choose from
    page = wizard.file_page
    page.set_kind(KINDS.get(name, ImportKind.ATTENDANCE))
    page.agency.setCurrentIndex(page.agency.findData(EXPECTED["files"][name]["agency"]))
    if name in SESSIONS:
        page.session.setCurrentIndex(page.session.findData(sessions[SESSIONS[name]]))
        assert page.one_session.isChecked()
    if name in COURSES:
        page.course.setCurrentIndex(page.course.findData(COURSES[name]))
        assert page.one_course.isChecked()


def to_columns(qtbot, wizard: ImportWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == COLUMNS_PAGE, wizard.file_page.refusal_text


def map_saved_columns(wizard: ImportWizard, name: str) -> None:
    """Name the columns the synonyms miss, as the agency's saved mapping does."""
    for heading, field in EXPECTED["files"][name]["saved_mapping"].items():
        wizard.columns_page.set_field(heading, Field(field))


def to_preview(qtbot, wizard: ImportWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == PREVIEW_PAGE
    assert wizard.preview is not None


def preview_sample(
    qtbot, wizard: ImportWizard, name: str, sessions: dict[tuple[str, dt.datetime], int]
) -> None:
    fill_file_page(qtbot, wizard, name, sessions)
    to_columns(qtbot, wizard)
    map_saved_columns(wizard, name)
    to_preview(qtbot, wizard)


def commit(qtbot, wizard: ImportWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    wait_until_idle(qtbot)
    assert wizard.currentId() == DONE_PAGE


def shown_classes(wizard: ImportWizard) -> list[tuple[int, str]]:
    table = wizard.preview_page.table
    rows, classes = table_column(table, "Row"), table_column(table, "Class")
    return [(int(row), text.lower()) for row, text in zip(rows, classes, strict=True)]


def expected_classes(name: str) -> list[tuple[int, str]]:
    return [(row["row"], row["class"]) for row in EXPECTED["files"][name]["rows"]]
