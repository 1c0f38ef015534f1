"""Opening an agency's spreadsheet safely: xlsx or csv, or a clear refusal saying why.

Everything is decided from the file's bytes, not its name. Limits keep a hostile file from
exhausting memory or time: the zip container is inspected before any XML is parsed (zip bombs),
XML is parsed by defusedxml (entity attacks), rows are streamed and capped.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from training.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150  # real sheets compress 5-30x; bombs compress thousands of times
MAX_ZIP_MEMBERS = 5_000
MAX_ROWS = 250_000
MAX_COLUMNS = 200
# What the csv sniffer reads to tell the delimiter. Its regular expressions take time growing with
# the square of what they read: 20,000 characters of dashes under a quoted empty cell took 10 s,
# and 4,000 take a quarter of a second. The delimiter shows in the first lines.
SNIFF_CHARS = 4_000

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
SAVE_AS_XLSX = (
    "open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx) and import that"
)
OTHER_KINDS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"{\\rtf": "a Rich Text document",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}

Cell = object
Row = tuple[int, tuple[Cell, ...]]  # the row number the user sees in Excel (1-based), values


class SpreadsheetRefused(UserError):
    """The file cannot be imported; the message names it and says what to do."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.name}: {reason}")


@dataclass
class Sheet:
    """One table of cells, read lazily: ``rows`` can be iterated once."""

    name: str
    rows: Iterator[Row]
    epoch_1904: bool = False


@contextmanager
def open_spreadsheet(path: Path, *, max_rows: int = MAX_ROWS) -> Iterator[list[Sheet]]:
    """The sheets of an xlsx workbook, or the one table of a csv file."""
    path = Path(path)
    head = _head(path)
    if head.startswith(ZIP):
        with _workbook(path, max_rows) as sheets:
            yield sheets
        return
    if head.startswith(OLE2):
        raise SpreadsheetRefused(path, _ole2_reason(path))
    for magic, kind in OTHER_KINDS.items():
        if head.startswith(magic):
            raise SpreadsheetRefused(path, f"this is {kind}, not a spreadsheet")
    yield [Sheet(path.stem, _csv_rows(path, max_rows))]


def _head(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(8)
    except FileNotFoundError:
        raise SpreadsheetRefused(path, "the file does not exist") from None
    except IsADirectoryError:
        raise SpreadsheetRefused(path, "this is a folder, not a file") from None
    except OSError as exc:
        raise SpreadsheetRefused(path, f"the file cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise SpreadsheetRefused(path, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise SpreadsheetRefused(
            path,
            f"the file is {size // 2**20} MB; the largest accepted is "
            f"{MAX_FILE_BYTES // 2**20} MB: split it into smaller files",
        )
    return head


def _ole2_reason(path: Path) -> str:
    with path.open("rb") as file:
        encrypted = ENCRYPTED_STREAM in file.read(MAX_FILE_BYTES)
    if encrypted:
        return (
            "the workbook is protected with a password (encrypted); remove the password in "
            "Excel (File > Info > Protect Workbook > Encrypt with Password), save, and import that"
        )
    return f"this is an old Excel 97-2003 workbook (.xls); {SAVE_AS_XLSX}"


def _check_container(path: Path, archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    names = {member.filename for member in members}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise SpreadsheetRefused(
            path, f"this is an OpenDocument spreadsheet (.ods); {SAVE_AS_XLSX}"
        )
    if "xl/workbook.bin" in names:
        raise SpreadsheetRefused(path, f"this is an Excel binary workbook (.xlsb); {SAVE_AS_XLSX}")
    if "xl/workbook.xml" not in names:
        raise SpreadsheetRefused(path, "this is a zip archive but not an Excel workbook")
    if "xl/vbaProject.bin" in names:
        raise SpreadsheetRefused(
            path,
            "the workbook contains macros (.xlsm); save it as an Excel Workbook (.xlsx), "
            "without macros, and import that",
        )
    if len(members) > MAX_ZIP_MEMBERS:
        raise SpreadsheetRefused(
            path, f"the workbook has {len(members):,} parts; too many to be safe"
        )
    total = sum(member.file_size for member in members)
    swollen = [
        m
        for m in members
        if m.file_size > 10 * 2**20
        and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1)
    ]
    if total > MAX_UNZIPPED_BYTES or swollen:
        raise SpreadsheetRefused(
            path,
            "the workbook unpacks to far more data than its size suggests (a 'zip bomb'); "
            "it was not opened",
        )


@contextmanager
def _workbook(path: Path, max_rows: int) -> Iterator[list[Sheet]]:
    try:
        with zipfile.ZipFile(path) as archive:
            _check_container(path, archive)
    except zipfile.BadZipFile as exc:
        raise SpreadsheetRefused(
            path, "the workbook is damaged or incomplete (was it copied or downloaded in full?)"
        ) from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files; all mean "refuse"
        raise SpreadsheetRefused(path, _unreadable(exc)) from exc
    try:
        epoch_1904 = book.epoch == CALENDAR_MAC_1904
        yield [
            Sheet(ws.title, _worksheet_rows(path, ws, max_rows), epoch_1904)
            for ws in book.worksheets
        ]
    finally:
        book.close()


def _unreadable(exc: Exception) -> str:
    kind = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile | EOFError):
        return "the workbook is damaged or incomplete (was it copied or downloaded in full?)"
    if "Entities" in kind or "DTD" in kind or "ExternalReference" in kind:
        return "the workbook contains XML that could be an attack (entity definitions); refused"
    return f"the workbook cannot be read ({kind}: {exc}); {SAVE_AS_XLSX}"


def _worksheet_rows(path: Path, worksheet: object, max_rows: int) -> Iterator[Row]:
    try:
        rows = worksheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
        for number, values in enumerate(rows, start=1):
            if number > max_rows:
                raise SpreadsheetRefused(path, _too_many_rows(max_rows))
            yield number, _trimmed(values)
    except SpreadsheetRefused:
        raise
    except Exception as exc:  # a damaged sheet part surfaces only when it is streamed
        raise SpreadsheetRefused(path, _unreadable(exc)) from exc


def _trimmed(values: tuple[Cell, ...] | list[Cell]) -> tuple[Cell, ...]:
    """At most MAX_COLUMNS cells, without the empty ones trailing at the end."""
    cells = list(values[:MAX_COLUMNS])
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _too_many_rows(max_rows: int) -> str:
    return f"the sheet has more than {max_rows:,} rows; split it into smaller files"


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise SpreadsheetRefused(path, "this is not a spreadsheet or a text (CSV) file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's "CSV" on UK Windows


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_rows(path: Path, max_rows: int) -> Iterator[Row]:
    text = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:SNIFF_CHARS]))
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            if number > max_rows:
                raise SpreadsheetRefused(path, _too_many_rows(max_rows))
            yield number, _trimmed([value if value != "" else None for value in values])
    except csv.Error as exc:
        raise SpreadsheetRefused(path, f"line {number + 1} cannot be read as CSV ({exc})") from exc
