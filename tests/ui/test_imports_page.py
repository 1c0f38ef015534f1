"""The imports page: the history of imports, the wizard it opens, undo, and files dropped on it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from tests.sample_partnership import EXPECTED, SAMPLES
from tests.ui.conftest import table_column, wait_until_idle
from tests.ui.import_steps import POLICE_FILE, POLICE_SESSION, click, commit, preview_sample
from training.access import EMBEDDED_USER
from training.imports.candidates import ImportKind
from training.imports.importing import commit_import, list_batches, preview_import
from training.registers import register
from training.workspace import overview
from ui.desktop.import_wizard import ImportWizard
from ui.desktop.pages.imports import ImportsPage

ELEARNING_FILE = "elearning_export_utf8_bom.csv"


@pytest.fixture
def page(qtbot, sample_workspace, message_boxes) -> Iterator[ImportsPage]:
    shown = ImportsPage(sample_workspace)
    qtbot.addWidget(shown)
    shown.resize(1100, 600)
    shown.show()
    wait_until_idle(qtbot)
    yield shown
    assert message_boxes == []  # no error was shown


def import_with_the_services(space, name: str) -> None:
    agency = EXPECTED["files"][name]["agency"]
    preview = preview_import(space.unit_of_work(), SAMPLES / name, ImportKind.ELEARNING, agency)
    commit_import(space.unit_of_work(), preview, imported_by="j.bloggs")


def police_marks(space, sessions) -> dict[str, str]:
    lines = register(space.unit_of_work(), sessions[POLICE_SESSION])
    return {line.name: line.status for line in lines}


def undo_button_of(box: QMessageBox):
    [undo] = [button for button in box.buttons() if button.text() == "Undo import"]
    return undo


def test_an_import_shows_in_the_history_and_undo_takes_its_records_away(
    qtbot, page, sample_workspace, sample_partnership_file
):
    sessions = sample_partnership_file[1]
    before = police_marks(sample_workspace, sessions)
    counts_before = overview(sample_workspace.unit_of_work())
    assert page.count_label.text() == "Nothing imported yet"

    wizard = page.start_import(SAMPLES / POLICE_FILE)
    preview_sample(qtbot, wizard, POLICE_FILE, sessions)
    commit(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    wait_until_idle(qtbot)
    assert len(police_marks(sample_workspace, sessions)) == len(before) + 14

    assert page.count_label.text() == "1 import"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", table_column(page.table, "When")[0])
    assert table_column(page.table, "By") == [EMBEDDED_USER.user_name]
    assert table_column(page.table, "Kind") == ["Attendance"]
    assert table_column(page.table, "Agency") == ["Northshire Police"]
    assert table_column(page.table, "File") == [POLICE_FILE]
    assert [table_column(page.table, t)[0] for t in ("Added", "Updated", "Rejected")] == [
        "14",
        "1",
        "3",
    ]
    assert table_column(page.table, "Undone") == ["No"]
    assert page.notice.text().endswith(
        "14 added, 1 updated, 2 already recorded, 0 skipped, 3 rejected."
    )

    page.table.selectRow(0)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    box = page.undo_confirmation
    assert box.text() == f"Undo the import of {POLICE_FILE}?"
    assert "14 added, 1 updated" in box.informativeText()
    assert "removes the 14 records it added and puts the 1 record it updated back" in (
        box.informativeText()
    )
    qtbot.mouseClick(undo_button_of(box), Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)

    assert table_column(page.table, "Undone")[0].startswith("Yes, ")
    assert not page.undo_button.isEnabled()
    assert "undone: 15 records removed or put back" in page.notice.text()
    [batch] = list_batches(sample_workspace.unit_of_work())
    assert batch.undone_at is not None
    assert police_marks(sample_workspace, sessions) == before  # Emma Wilson booked again
    assert overview(sample_workspace.unit_of_work()) == counts_before


def test_an_import_is_not_undone_when_the_user_thinks_again(qtbot, page, sample_workspace):
    import_with_the_services(sample_workspace, ELEARNING_FILE)
    page.reload()
    wait_until_idle(qtbot)
    page.table.selectRow(0)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    box = page.undo_confirmation
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert list_batches(sample_workspace.unit_of_work())[0].undone_at is None
    assert table_column(page.table, "Undone") == ["No"]


def test_the_search_box_narrows_the_history(qtbot, page, sample_workspace):
    import_with_the_services(sample_workspace, ELEARNING_FILE)
    import_with_the_services(sample_workspace, "elearning_export_cp1252.csv")
    page.reload()
    wait_until_idle(qtbot)
    assert page.count_label.text() == "2 imports"
    qtbot.keyClicks(page.search, "hospitals")
    assert table_column(page.table, "File") == ["elearning_export_cp1252.csv"]
    assert page.count_label.text() == "1 of 2 imports"


def drop(page: ImportsPage, *paths) -> tuple[bool, bool]:
    """Drag the files onto the page and drop them; whether the enter and the drop were taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    actions, no_button = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton
    enter = QDragEnterEvent(QPoint(20, 20), actions, mime, no_button, Qt.KeyboardModifier(0))
    QApplication.sendEvent(page, enter)
    dropped = QDropEvent(QPointF(20, 20), actions, mime, no_button, Qt.KeyboardModifier(0))
    QApplication.sendEvent(page, dropped)
    return enter.isAccepted(), dropped.isAccepted()


def test_a_csv_dropped_on_the_page_starts_the_wizard_with_that_file(qtbot, page):
    csv = SAMPLES / ELEARNING_FILE
    assert page.acceptDrops()
    assert drop(page, csv) == (True, True)
    wizard = page.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(csv)


def test_a_file_of_another_kind_is_refused_with_a_message(qtbot, page, tmp_path):
    scan = tmp_path / "register.pdf"
    scan.write_bytes(b"%PDF-1.7\n")
    drop(page, scan)
    assert page.findChild(ImportWizard) is None
    box = page.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.text().startswith("register.pdf is not a spreadsheet that can be imported")
    assert "save it as an Excel Workbook (.xlsx)" in box.text()


def test_the_import_button_opens_the_wizard_on_its_first_page(qtbot, page):
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == ""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
