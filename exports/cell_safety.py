"""Text a spreadsheet would run as a formula is written so that it never runs (formula injection).

Names, titles and comments come from agency leads' spreadsheets and the GUI; a name such as
``=HYPERLINK("http://evil.example", "Click")`` or ``@SUM(1+1)*cmd|'/c calc'!A0`` written into a
cell could run when a coordinator opens or edits the file. Every xlsx and csv writer in the project
passes each value through ``neutralise``.

The choice, after OWASP's "CSV Injection" advice: text that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (or a line feed, which is what a carriage return becomes once an xlsx
file is read back) gets a leading apostrophe ``'``. The spreadsheet then holds (and shows)
text that starts with ``'``, which no spreadsheet evaluates, even when the cell is edited later.
In an xlsx file this also stops openpyxl itself from storing text that starts with ``=`` as a
formula. The apostrophe stays visible: it tells the reader the value was changed, which an
invisible "quote prefix" style (xlsx only) would not, and it works the same in csv.

The escape is reversible: text that already starts with apostrophes followed by one of those
characters gets one more, and ``restore`` (used by importers reading our own files back) takes
exactly one off, so ``restore(neutralise(text)) == text`` for every text.

Control characters other than tab, line feed and carriage return cannot be stored in an xlsx
file at all (openpyxl refuses the whole file), so ``neutralise`` drops them; ``restore`` cannot
bring those back.

Numbers, dates, booleans and ``None`` are never changed: negative numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
ESCAPE = "'"
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

CellValue = str | int | float | Decimal | bool | dt.date | dt.datetime | dt.time | None


def _looks_like_formula(text: str) -> bool:
    return text.lstrip(ESCAPE).startswith(FORMULA_STARTS)


def neutralise(value: CellValue) -> CellValue:
    """``value`` as safe to write into a cell: formula-looking text gets a leading ``'``."""
    if not isinstance(value, str):
        return value
    text = UNSTORABLE.sub("", value)
    return ESCAPE + text if _looks_like_formula(text) else text


def restore(text: str) -> str:
    """The text ``neutralise`` was given, from the text it wrote (other text is unchanged)."""
    if text.startswith(ESCAPE) and _looks_like_formula(text):
        return text[len(ESCAPE) :]
    return text
