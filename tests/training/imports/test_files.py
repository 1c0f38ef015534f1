"""Opening spreadsheets: what real programs write is read; anything else is refused, clearly.

The hostile files are made here, so what each one attacks is plain to see.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import zipfile
from pathlib import Path

import openpyxl
import pytest

from training.imports.files import SpreadsheetRefused, open_spreadsheet

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "real-spreadsheets"


def rows_of(path: Path, **options) -> list[tuple[int, tuple]]:
    with open_spreadsheet(path, **options) as sheets:
        return [row for sheet in sheets for row in sheet.rows]


def refusal(path: Path, **options) -> str:
    with pytest.raises(SpreadsheetRefused) as refused:
        rows_of(path, **options)
    assert refused.value.path == path
    assert str(refused.value).startswith(f"{path.name}: ")
    return refused.value.reason


def small_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Surname", "Forename", "Date"])
    sheet.append(["Lee", "Sam", dt.date(2025, 3, 4)])
    book.save(path)
    return path


def test_an_xlsx_is_read_with_real_dates(tmp_path):
    rows = rows_of(small_workbook(tmp_path / "register.xlsx"))
    assert rows == [
        (1, ("Surname", "Forename", "Date")),
        (2, ("Lee", "Sam", dt.datetime(2025, 3, 4))),
    ]


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_csv_in_the_encodings_windows_and_excel_write(tmp_path, encoding, prefix):
    path = tmp_path / "sheet.csv"
    path.write_bytes(prefix + "Surname;Fee\r\nBrontë;£5\r\n".encode(encoding))
    assert rows_of(path) == [(1, ("Surname", "Fee")), (2, ("Brontë", "£5"))]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = small_workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * (300 * 2**20))
    assert path.stat().st_size < 2 * 2**20
    assert "zip bomb" in refusal(path)


def test_an_xml_entity_attack_is_refused(tmp_path):
    path = small_workbook(tmp_path / "laughs.xlsx")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    _replace_member(path, "xl/worksheets/sheet1.xml", laughs)
    assert "attack" in refusal(path)


def _replace_member(path: Path, name: str, text: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {item: archive.read(item) for item in archive.namelist()}
    parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for item, data in parts.items():
            archive.writestr(item, data)


def test_a_truncated_workbook_is_refused(tmp_path):
    path = small_workbook(tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[:1500])
    assert "damaged or incomplete" in refusal(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n...", "this is a PDF document"),
        (b"\x89PNG\r\n\x1a\n....", "this is a PNG picture"),
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03binary junk", "not a spreadsheet"),
    ],
)
def test_a_renamed_file_of_another_kind_is_refused(tmp_path, content, reason):
    path = tmp_path / "attendance.xlsx"
    path.write_bytes(content)
    assert reason in refusal(path)


def test_a_sheet_of_a_million_rows_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"Surname,Forename\n" + b"Lee,Sam\n" * 1_000_000)
    assert "more than 250,000 rows" in refusal(path)


def test_a_missing_file_is_refused(tmp_path):
    assert "does not exist" in refusal(tmp_path / "nowhere.xlsx")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("any_sheets.xls", "old Excel 97-2003 workbook"),
        ("any_sheets.xlsb", "Excel binary workbook (.xlsb)"),
        ("any_sheets.ods", "OpenDocument spreadsheet (.ods)"),
        ("vba.xlsm", "contains macros"),
        ("pass_protected.xlsx", "protected with a password"),
        ("issue_174.xlsx", "more than 250,000 rows"),
    ],
)
def test_real_files_of_kinds_we_do_not_read_are_refused_by_name(name, reason):
    assert reason in refusal(CORPUS / name)


def test_1904_workbooks_are_flagged():
    with open_spreadsheet(CORPUS / "date_1904.xlsx") as sheets:
        assert sheets[0].epoch_1904


def _read_or_refuse(path: str) -> str:
    try:
        return f"read {len(rows_of(Path(path)))} rows"
    except SpreadsheetRefused as refused:
        return f"refused: {refused.reason}"


def test_every_real_spreadsheet_is_read_or_refused_without_crash_or_hang():
    files = sorted(p for p in CORPUS.iterdir() if p.suffix != ".md")
    assert len(files) > 100
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pending = {path.name: pool.apply_async(_read_or_refuse, (str(path),)) for path in files}
        outcomes = {name: result.get(timeout=60) for name, result in pending.items()}
    assert all(o.startswith(("read", "refused: ")) for o in outcomes.values())
    assert sum(o.startswith("read") for o in outcomes.values()) > 40
