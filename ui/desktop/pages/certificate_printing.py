"""Certificates on paper: the PDF ``exports.certificates`` writes, painted page by page onto a
QPrinter, for the Qt print preview and print dialogs.

Each page is rendered (QtPdf) to an image at the printer's resolution, at most
``PRINT_DPI``, and drawn to fill the printable area, A4 landscape. The preview keeps every
page's image, so it renders them at ``PREVIEW_DPI``: sharp on screen, small in memory.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from training.errors import UserError
from ui.desktop.error_dialogs import show_error

PRINT_DPI = 300  # enough for print; a 1200 dpi page image would take 140 MB
PREVIEW_DPI = 150
POINTS_PER_INCH = 72


def certificate_printer() -> QPrinter:
    """A printer set for certificates: A4 landscape, as near the edges as it prints."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(0, 0, 0, 0),
        )
    )
    printer.setDocName("Certificates")
    return printer


def load_pdf(path: Path, parent: QWidget) -> QPdfDocument:
    document = QPdfDocument(parent)
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise UserError(
            f"The certificates written to {path} could not be read back to print: save them "
            "as PDF and print that file instead."
        )
    return document


def page_pixels(points: QSizeF, dpi: int) -> QSize:
    return QSize(
        round(points.width() * dpi / POINTS_PER_INCH),
        round(points.height() * dpi / POINTS_PER_INCH),
    )


def fitted(area: QRect, size: QSize) -> QRect:
    """The largest rectangle of ``size``'s shape in the middle of ``area``."""
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    corner = area.topLeft() + QPoint(
        (area.width() - scaled.width()) // 2, (area.height() - scaled.height()) // 2
    )
    return QRect(corner, scaled)


def chosen_pages(printer: QPrinter, count: int) -> range:
    """The pages (from 0) to print: those the print dialog's page range chose, or all."""
    first, last = printer.fromPage(), printer.toPage()
    if first == 0:
        return range(count)
    return range(first - 1, min(last, count))


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` onto ``printer``, a page each; how many pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(
            "The printer could not be started: check it is switched on and connected, or "
            "choose another printer."
        )
    try:
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        dpi = PREVIEW_DPI if previewing else min(printer.resolution(), PRINT_DPI)
        area = QRect(0, 0, printer.width(), printer.height())
        pages = chosen_pages(printer, document.pageCount())
        for done, page in enumerate(pages):
            if done and not printer.newPage():
                raise UserError(
                    f"The printer stopped after {done} of {len(pages)} pages: check it has "
                    "paper and is still connected, then print again."
                )
            image = document.render(page, page_pixels(document.pagePointSize(page), dpi))
            painter.drawImage(fitted(area, image.size()), image)
    finally:
        painter.end()
    return len(pages)


def paint_or_tell(parent: QWidget, document: QPdfDocument, printer: QPrinter) -> int:
    """``paint_pdf`` under a wait cursor; a failure is shown to the user (0 pages painted)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return paint_pdf(document, printer)
    except UserError as error:
        failure = error
    finally:
        QApplication.restoreOverrideCursor()
    show_error(parent, failure)
    return 0


def preview_dialog(
    parent: QWidget, document: QPdfDocument, printer: QPrinter
) -> QPrintPreviewDialog:
    """The print preview of the certificates, sized to most of the window, whose Print button
    prints them."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Certificates: print preview")
    dialog.setAccessibleName("Print preview of the certificates")
    dialog.paintRequested.connect(lambda target: paint_or_tell(dialog, document, target))
    window = parent.window().size()
    dialog.resize(QSize(window.width() * 9 // 10, window.height() * 9 // 10))
    return dialog


def print_with_dialog(parent: QWidget, document: QPdfDocument, printer: QPrinter) -> int:
    """Ask which printer and pages (the Qt print dialog), then print; how many pages printed
    (0 if cancelled or failed)."""
    printer.setFromTo(0, 0)  # every page, unless the dialog chooses a range
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, document.pageCount())
    dialog.setWindowTitle("Print the certificates")
    dialog.setAccessibleName("Print the certificates")
    if dialog.exec() != QDialog.DialogCode.Accepted.value:
        return 0
    return paint_or_tell(parent, document, printer)
