"""File › Partnership settings: the partnership's name, logo and signatory, as certificates (and
the heads of reports) print them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from training.certificates import (
    CertificateSettings,
    certificate_settings,
    save_certificate_settings,
)
from ui.desktop.forms import FormDialog, Save
from ui.desktop.operations import run_query

if TYPE_CHECKING:
    from training.workspace import Workspace

PICTURES = "Pictures (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG)"
PREVIEW = QSize(180, 66)  # the certificate's logo box (60 × 22 mm), at about 3 pixels a mm
TITLE = "Partnership settings"


def logo_preview(path: str, size: QSize = PREVIEW) -> QPixmap | None:
    """The picture at ``path`` scaled to fit ``size`` (read at that size, so a large photograph
    costs little), or None if there is none that Qt can read."""
    if not path.strip() or not Path(path.strip()).expanduser().is_file():
        return None
    reader = QImageReader(str(Path(path.strip()).expanduser()))
    reader.setAutoTransform(True)
    if reader.size().isValid():
        reader.setScaledSize(reader.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


class LogoField(QWidget):
    """The logo's file: typed or chosen, removed, and shown as a small picture."""

    def __init__(self) -> None:
        super().__init__()
        self.path = QLineEdit()
        self.path.setPlaceholderText("No logo: certificates print without one")
        self.path.setAccessibleName("Logo file")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose the logo")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the logo")
        self.remove_button.clicked.connect(self.path.clear)
        self.preview = QLabel()
        self.preview.setAccessibleName("Logo preview")
        self.preview.setFixedSize(PREVIEW + QSize(8, 8))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        note = QLabel("A PNG or JPEG picture, printed at the top left of each certificate.")
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setFocusProxy(self.path)
        self.path.textChanged.connect(self.show_preview)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 0, 0)
        layout.addWidget(self.choose_button, 0, 1)
        layout.addWidget(self.remove_button, 0, 2)
        layout.addWidget(self.preview, 1, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(note, 2, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.show_preview()

    def choose(self) -> None:
        current = Path(self.path.text().strip()).expanduser()
        folder = str(current.parent if self.path.text().strip() else Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose the logo", folder, PICTURES)
        if chosen:
            self.path.setText(chosen)

    def show_preview(self) -> None:
        self.remove_button.setEnabled(bool(self.path.text()))
        picture = logo_preview(self.path.text())
        if picture is not None:
            self.preview.setPixmap(picture)
        else:
            self.preview.clear()
            self.preview.setText("No picture" if self.path.text().strip() else "No logo")


class PartnershipDialog(FormDialog):
    """Opens with the saved settings (read in the background); Save checks and keeps them."""

    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent, TITLE)
        self._space = space
        self.partnership = QLineEdit()
        self.partnership.setPlaceholderText("e.g. Northshire Safeguarding Children Partnership")
        self.logo = LogoField()
        self.signatory = QLineEdit()
        self.signatory.setPlaceholderText("e.g. Dr Helen Marsden")
        self.signatory_title = QLineEdit()
        self.signatory_title.setPlaceholderText("e.g. Independent Scrutineer")
        intro = QLabel(
            "Certificates carry the partnership's name, logo and signatory; reports are headed "
            "with its name."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.add_field("partnership", "Partnership name:", self.partnership)
        self.add_field("logo_path", "Logo:", self.logo)
        self.add_field("signatory", "Signatory:", self.signatory)
        self.add_field("signatory_title", "Signatory's title:", self.signatory_title)
        self.setMinimumWidth(560)

        self._editors: list[QWidget] = [
            self.partnership,
            self.logo,
            self.signatory,
            self.signatory_title,
            self.save_button,
        ]
        self.loaded = False
        for editor in self._editors:
            editor.setEnabled(False)
        run_query(
            self,
            lambda: certificate_settings(space.unit_of_work()),
            self.show_settings,
            on_failed=self._unread,
        )

    def show_settings(self, settings: CertificateSettings) -> None:
        self.partnership.setText(settings.partnership)
        self.logo.path.setText(settings.logo_path)
        self.signatory.setText(settings.signatory)
        self.signatory_title.setText(settings.signatory_title)
        for editor in self._editors:
            editor.setEnabled(True)
        self.loaded = True
        self.partnership.setFocus()

    def accept(self) -> None:
        if self.loaded:  # Enter before the settings arrive would save blanks over them
            super().accept()

    def _unread(self, _error: BaseException) -> None:
        self.reject()  # the user was told why in a dialog; there is nothing to edit

    def save_job(self) -> Save:
        space = self._space
        draft = CertificateSettings(
            partnership=self.partnership.text(),
            logo_path=self.logo.path.text(),
            signatory=self.signatory.text(),
            signatory_title=self.signatory_title.text(),
        )
        return lambda: save_certificate_settings(space.unit_of_work(), draft)


def edit_partnership_settings(
    parent: QWidget, space: Workspace, on_saved: Callable[[], None]
) -> PartnershipDialog:
    """Open the dialog over ``parent``; ``on_saved`` runs after a save."""
    dialog = PartnershipDialog(parent, space)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_saved)
    dialog.open()
    return dialog
