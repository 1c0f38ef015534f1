"""PDF documents whose every page says "Page n of N" in its footer, beside a line of text."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, SimpleDocTemplate

MARGIN = 15 * mm
FOOTER_Y = 9 * mm
FOOTER_SIZE = 8.5
MUTED = colors.HexColor("#555555")


class NumberedCanvas(Canvas):
    """A canvas that holds its pages back until the end, to write "Page n of total" on each."""

    def __init__(self, *args: Any, footer: str, font: str, pages: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._font = font
        self._page_count = pages
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        self._page_count.append(total)
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setFont(self._font, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, FOOTER_Y, self._footer)
        page = f"Page {self._pageNumber} of {total}"
        self.drawRightString(self._pagesize[0] - MARGIN, FOOTER_Y, page)
        self.restoreState()


def numbered_document(
    path: Path, pagesize: tuple[float, float], *, title: str, author: str, subject: str
) -> SimpleDocTemplate:
    """A document with MARGIN all round and room below for the footer ``build_numbered`` draws."""
    return SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=title,
        author=author,
        subject=subject,
    )


def build_numbered(
    document: BaseDocTemplate, story: list[Flowable], *, footer: str, font: str
) -> int:
    """Build ``document`` from ``story`` with the footer on every page; the number of pages."""
    pages: list[int] = []
    document.build(
        story, canvasmaker=functools.partial(NumberedCanvas, footer=footer, font=font, pages=pages)
    )
    return pages[0]
