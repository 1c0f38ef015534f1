"""File › Partnership settings: the name, logo and signatory that certificates carry."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from tests.ui.conftest import open_page, table_column, wait_until_idle
from training import catalogue
from training.certificates import (
    CertificateSettings,
    certificate_settings,
    save_certificate_settings,
)
from ui.desktop.main_window import MainWindow
from ui.desktop.pages.catalogue import CataloguePage
from ui.desktop.partnership_dialog import PartnershipDialog


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    Image.new("RGB", (600, 200), "navy").save(path)
    return path


def open_dialog(qtbot, window: MainWindow) -> PartnershipDialog:
    """Choose File › Partnership settings and wait until the saved settings are shown."""
    window.partnership_action.trigger()
    dialog = window.findChild(PartnershipDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def save_and_close(qtbot, window: MainWindow, dialog: PartnershipDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(PartnershipDialog) is None)  # closed and deleted
    wait_until_idle(qtbot)


def test_what_is_saved_is_shown_when_the_dialog_opens_again(
    qtbot, main_window, logo, monkeypatch, message_boxes
):
    dialog = open_dialog(qtbot, main_window)
    assert dialog.partnership.text() == "" and dialog.logo.preview.text() == "No logo"
    qtbot.keyClicks(dialog.partnership, "Northshire  Partnership ")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(logo), "Pictures"))
    qtbot.mouseClick(dialog.logo.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.logo.path.text() == str(logo)
    shown = dialog.logo.preview.pixmap()
    assert (shown.width(), shown.height()) == (180, 60), "scaled into the certificate's logo box"
    qtbot.keyClicks(dialog.signatory, "Dr Helen Marsden")
    qtbot.keyClicks(dialog.signatory_title, "Independent Scrutineer")

    save_and_close(qtbot, main_window, dialog)

    saved = CertificateSettings(
        "Northshire Partnership", str(logo), "Dr Helen Marsden", "Independent Scrutineer"
    )
    assert certificate_settings(main_window.workspace.unit_of_work()) == saved
    again = open_dialog(qtbot, main_window)
    assert (
        again.partnership.text(),
        again.logo.path.text(),
        again.signatory.text(),
        again.signatory_title.text(),
    ) == ("Northshire Partnership", str(logo), "Dr Helen Marsden", "Independent Scrutineer")
    assert not again.logo.preview.pixmap().isNull()
    assert message_boxes == []


def test_a_file_that_is_not_a_picture_is_refused_under_the_logo_field(
    qtbot, main_window, tmp_path, message_boxes
):
    notes = tmp_path / "logo.png"
    notes.write_text("not a picture")
    dialog = open_dialog(qtbot, main_window)
    qtbot.keyClicks(dialog.partnership, "Northshire Partnership")
    dialog.logo.path.setText(str(notes))
    assert dialog.logo.preview.text() == "No picture"

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem("logo_path") != "")

    assert "could not be read as a picture" in dialog.problem("logo_path")
    assert dialog.problem("logo_path").endswith("choose a PNG or JPEG picture")
    assert dialog.problem("partnership") == ""
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    (problem,) = [
        label
        for label in dialog.findChildren(QLabel)
        if label.accessibleName() == "Problem with Logo"
    ]
    bottom = problem.mapTo(dialog, QPoint(0, problem.height())).y()
    assert bottom <= dialog.signatory.mapTo(dialog, QPoint(0, 0)).y()
    field = dialog.logo
    assert field.height() >= field.heightForWidth(field.width()), "the dialog grew, not squeezed"
    assert certificate_settings(main_window.workspace.unit_of_work()).partnership == ""
    assert message_boxes == []


def test_remove_takes_the_logo_off(qtbot, main_window, logo):
    space = main_window.workspace
    save_certificate_settings(space.unit_of_work(), CertificateSettings("NSCP", str(logo), "", ""))
    dialog = open_dialog(qtbot, main_window)
    assert dialog.logo.path.text() == str(logo)

    qtbot.mouseClick(dialog.logo.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.logo.preview.text() == "No logo"
    assert not dialog.logo.remove_button.isEnabled()
    save_and_close(qtbot, main_window, dialog)

    assert certificate_settings(space.unit_of_work()) == CertificateSettings("NSCP", "", "", "")


def test_saving_reloads_the_page_on_view(qtbot, main_window):
    page = open_page(qtbot, main_window, CataloguePage)
    space = main_window.workspace
    topic = catalogue.list_topics(space.unit_of_work())[0]
    tier = catalogue.list_tiers(space.unit_of_work())[0]
    catalogue.save_course(
        space.unit_of_work(),
        catalogue.CourseDraft(
            "NEW-1", "Added meanwhile", topic.id, tier.id, "briefing", Decimal(1), None
        ),
    )
    dialog = open_dialog(qtbot, main_window)
    assert "NEW-1" not in table_column(page.table, "Code")

    save_and_close(qtbot, main_window, dialog)

    assert "NEW-1" in table_column(page.table, "Code")


def test_the_fields_have_accessible_names(qtbot, main_window):
    dialog = open_dialog(qtbot, main_window)
    widgets = [
        dialog.partnership,
        dialog.logo.path,
        dialog.logo.choose_button,
        dialog.logo.remove_button,
        dialog.logo.preview,
        dialog.signatory,
        dialog.signatory_title,
    ]
    assert [widget.accessibleName() for widget in widgets] == [
        "Partnership name",
        "Logo file",
        "Choose the logo",
        "Remove the logo",
        "Logo preview",
        "Signatory",
        "Signatory's title",
    ]


def test_with_no_database_open_there_are_no_settings_to_change(qtbot, message_boxes):
    window = MainWindow()
    qtbot.addWidget(window)

    assert not window.partnership_action.isEnabled()
    window.partnership_action.trigger()

    assert window.findChild(PartnershipDialog) is None
    assert message_boxes == []
