"""Messy spreadsheets, as agency leads really send them, for testing imports.

Run ``.venv/bin/python tests/data/imports/make_files.py``: it rewrites every file beside itself,
with README.md and expected.json made from the same rows, byte for byte the same on every run
(fixed timestamps inside the xlsx zips). Each data row is written together with what a correct
import must do with it, so the row numbers in the README are the ones the user sees in Excel.

Everything is invented, in the style of the demo partnership (training/demo.py): Northshire's
agencies, course codes and staff references. The staff, sessions and records the expectations
assume are on record already are listed at the end of the README (STAFF, SESSIONS, RECORDS).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
SAVED_AT = dt.datetime(2025, 3, 5, 9, 0, 0)  # every xlsx says it was made then
ZIP_TIME = (2025, 3, 5, 9, 0, 0)
EXCEL_1900 = dt.date(1899, 12, 30)
EXCEL_1904 = dt.date(1904, 1, 1)

NEW, UPDATE, DUPLICATE, SKIPPED, ERROR = "new", "update", "duplicate", "skipped", "error"

POLICE = "Northshire Police"
NCC = "Northshire County Council Children's Services"
YJS = "Northshire Youth Justice Service"
NMH = "Northshire and Marlbury Hospitals NHS Foundation Trust"
KMA = "Kingsmead Academy"
HOTEL = "The Riverside Hotel, Marlbury"
TAXIS = "Castle Taxis (Northshire) Ltd"

# --- what is on record before any file is imported ---------------------------------------


@dataclass(frozen=True)
class Staff:
    agency: str
    ref: str
    first: str
    last: str
    email: str = ""
    job_title: str = ""
    role: str = ""
    start: dt.date | None = None
    leave: dt.date | None = None


# fmt: off
STAFF = (
    # Northshire Police: staff references are collar numbers, some with a leading zero.
    Staff(POLICE, "04411", "Karen", "Holmes", "karen.holmes@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "2093", "Liam", "O'Brien", "liam.obrien@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "3187", "Priya", "Sharma", "priya.sharma@northshire.police.uk",
          "Detective Constable (Child Protection)", "Detective"),
    Staff(POLICE, "1775", "Stuart", "McDonald", "stuart.mcdonald@northshire.police.uk",
          "Sergeant", "Police officer"),
    Staff(POLICE, "2640", "Dawn", "Fletcher", "dawn.fletcher@northshire.police.uk",
          "Neighbourhood PCSO", "Police community support officer"),
    Staff(POLICE, "3302", "Imran", "Hussain", "imran.hussain@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "1458", "Rachel", "Turner", "rachel.turner@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "2871", "Craig", "Walsh", "craig.walsh@northshire.police.uk",
          "Neighbourhood Police Constable", "Police officer"),
    Staff(POLICE, "3019", "Natalie", "Edwards", "natalie.edwards@northshire.police.uk",
          "PCSO", "Police community support officer"),
    Staff(POLICE, "2514", "Jade", "Parker", "jade.parker@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "3660", "Kevin", "Robinson", "kevin.robinson@northshire.police.uk",
          "Detective Sergeant (Exploitation Team)", "Detective"),
    Staff(POLICE, "0987", "Chloe", "Singh", "chloe.singh@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "2233", "Matthew", "Jenkins", "matthew.jenkins@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "3455", "Emma", "Wilson", "emma.wilson@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "2780", "Declan", "Murphy", "declan.murphy@northshire.police.uk",
          "Sergeant", "Police officer"),
    Staff(POLICE, "3811", "Fatima", "Khan", "fatima.khan@northshire.police.uk",
          "Police Constable", "Police officer"),
    Staff(POLICE, "1634", "Neil", "Chapman", "neil.chapman@northshire.police.uk",
          "Call Handler", "Control room operator"),
    # Children's Services: the HR list and the UTF-8 e-learning export.
    Staff(NCC, "NCC01207", "Claire", "Whitfield", "claire.whitfield@northshire.gov.uk",
          "Team Manager", "Team manager", dt.date(1998, 9, 1)),
    Staff(NCC, "NCC01215", "Amy", "Clarke", "amy.clarke@northshire.gov.uk",
          "Social Worker (Assessment)", "Social worker", dt.date(2016, 4, 11)),
    Staff(NCC, "NCC01223", "Daniel", "Price", "daniel.price@northshire.gov.uk",
          "Social Worker", "Social worker", dt.date(2022, 9, 1)),
    Staff(NCC, "NCC01230", "Joanne", "O'Neill", "joanne.oneill@northshire.gov.uk",
          "Early Help Practitioner", "Family support worker", dt.date(2018, 1, 8)),
    Staff(NCC, "NCC01238", "Mohammed", "Rahman", "mohammed.rahman@northshire.gov.uk",
          "Residential Childcare Officer", "Residential care worker", dt.date(2019, 6, 3)),
    Staff(NCC, "NCC01244", "Sophie", "Bennett", "sophie.bennett@northshire.gov.uk",
          "Family Support Worker", "Family support worker", dt.date(2020, 10, 19)),
    Staff(NCC, "NCC01251", "Laura", "Hughes", "laura.hughes@northshire.gov.uk",
          "Social Worker (Children in Care)", "Social worker", dt.date(2017, 2, 6)),
    Staff(NCC, "NCC01260", "Peter", "Nowak", "peter.nowak@northshire.gov.uk",
          "Independent Reviewing Officer", "Independent reviewing officer", dt.date(2012, 5, 14)),
    Staff(NCC, "NCC01266", "Hayley", "Brooks", "hayley.brooks@northshire.gov.uk",
          "Business Support Officer", "Administrator", dt.date(2021, 11, 22)),
    Staff(NCC, "NCC01273", "Jamie", "Walker", "jamie.walker@northshire.gov.uk",
          "Exploitation Practitioner", "Exploitation specialist", dt.date(2019, 3, 25)),
    Staff(NCC, "NCC01281", "Rebecca", "Shaw", "rebecca.shaw@northshire.gov.uk",
          "Social Worker", "Social worker", dt.date(2023, 1, 9)),
    Staff(NCC, "NCC01289", "Simon", "Green", "simon.green@northshire.gov.uk",
          "Team Manager", "Team manager", dt.date(2014, 7, 1)),
    Staff(NCC, "NCC01296", "Zainab", "Ali", "zainab.ali@northshire.gov.uk",
          "Family Support Worker", "Family support worker", dt.date(2021, 9, 1)),
    Staff(NCC, "NCC01302", "Chris", "Morgan", "chris.morgan@northshire.gov.uk",
          "Senior Residential Worker", "Residential care worker", dt.date(2015, 10, 5)),
    Staff(NCC, "NCC01311", "Lisa", "Taylor", "lisa.taylor@northshire.gov.uk",
          "Social Worker", "Social worker", dt.date(2020, 3, 2)),
    # Another agency on the same email domain: a trap for matching outside the agency.
    Staff(YJS, "YJS02114", "Ben", "Carter", "ben.carter@northshire.gov.uk",
          "Youth Justice Officer", "Youth justice officer"),
    # The acute hospitals trust: the Windows-1252 e-learning export. HR typed the names
    # without accents; the learning platform has them with accents.
    Staff(NMH, "NMH02231", "Zoe", "Nowak", "zoe.nowak@nmh.nhs.uk", "Staff Nurse", "Nurse"),
    Staff(NMH, "NMH02238", "Sian", "Evans", "sian.evans@nmh.nhs.uk",
          "Staff Nurse (Emergency Department)", "Nurse"),
    Staff(NMH, "NMH02245", "Renée", "Dubois", "renee.dubois@nmh.nhs.uk", "Midwife", "Midwife"),
    Staff(NMH, "NMH02252", "Niamh", "O'Neill", "niamh.oneill@nmh.nhs.uk", "Paediatric Nurse",
          "Nurse"),
    Staff(NMH, "NMH02259", "Mandeep", "Kaur", "mandeep.kaur@nmh.nhs.uk",
          "Emergency Medicine Registrar", "Doctor"),
    Staff(NMH, "NMH02266", "Graham", "Fisher", "graham.fisher@nmh.nhs.uk",
          "Health Care Assistant", "Health care assistant"),
    Staff(NMH, "NMH02273", "Fiona", "Gallagher", "fiona.gallagher@nmh.nhs.uk", "Ward Sister",
          "Nurse"),
    Staff(NMH, "NMH02280", "Harpreet", "Singh", "harpreet.singh@nmh.nhs.uk",
          "Foundation Doctor", "Doctor"),
    Staff(NMH, "NMH02287", "Megan", "Lloyd", "megan.lloyd@nmh.nhs.uk", "Paediatric Nurse",
          "Nurse"),
    # Kingsmead Academy: the DSL's training log.
    Staff(KMA, "KMA00310", "Helen", "Brook", "helen.brook@kingsmead.sch.uk",
          "Designated Safeguarding Lead", "Designated safeguarding lead"),
    Staff(KMA, "KMA00318", "Liam", "Foster", "liam.foster@kingsmead.sch.uk",
          "Teacher of English", "Teacher"),
    Staff(KMA, "KMA00325", "Anna Maria", "Kowalski", "annamaria.kowalski@kingsmead.sch.uk",
          "Teaching Assistant", "Teaching assistant"),
    Staff(KMA, "KMA00333", "Pieter", "van der Merwe", "pieter.vandermerwe@kingsmead.sch.uk",
          "Teacher of Science", "Teacher"),
    Staff(KMA, "KMA00340", "Aisha", "Patel", "aisha.patel@kingsmead.sch.uk",
          "Pastoral Support Worker", "Pastoral support worker"),
    Staff(KMA, "KMA00347", "Jack", "Thompson", "jack.thompson@kingsmead.sch.uk",
          "Head of Year 9", "Teacher"),
    Staff(KMA, "KMA00355", "Kirsty", "Bell", "kirsty.bell@kingsmead.sch.uk",
          "Learning Support Assistant", "Teaching assistant"),
    Staff(KMA, "KMA00362", "Oliver", "Knight", "oliver.knight@kingsmead.sch.uk",
          "Teacher of PE", "Teacher"),
    Staff(KMA, "KMA00370", "Gemma", "Ward", "gemma.ward@kingsmead.sch.uk", "Data Officer",
          "Administrator"),
    # The Riverside Hotel: nobody's reference or email is on the sheet.
    Staff(HOTEL, "RH00512", "Anna", "Kowalczyk", "anna.kowalczyk@riversidehotelmarlbury.co.uk",
          "General Manager", "Hotel duty manager"),
    Staff(HOTEL, "RH00519", "Jade", "Morris", "", "Receptionist", "Hotel receptionist"),
    Staff(HOTEL, "RH00526", "Carl", "Hamilton", "", "Night Porter", "Hotel night porter"),
    Staff(HOTEL, "RH00533", "Leanne", "Ward", "", "Room Attendant", "Housekeeping"),
    Staff(HOTEL, "RH00540", "Bilal", "Shah", "bilal.shah@riversidehotelmarlbury.co.uk",
          "Night Manager", "Hotel night porter"),
    Staff(HOTEL, "RH00547", "Stacey", "Pearson", "", "Housekeeping Supervisor", "Housekeeping"),
    Staff(HOTEL, "RH00554", "Ryan", "Cooper", "ryan.cooper@riversidehotelmarlbury.co.uk",
          "Front of House Supervisor", "Hotel receptionist"),
    Staff(HOTEL, "RH00561", "Vicky", "Holmes", "", "Room Attendant", "Housekeeping"),
    Staff(HOTEL, "RH00568", "Kelly", "Walsh", "", "Room Attendant", "Housekeeping"),
    # Castle Taxis: two drivers called Sam Lee.
    Staff(TAXIS, "CT00412", "Sam", "Lee", "", "Private Hire Driver", "Taxi driver"),
    Staff(TAXIS, "CT00977", "Sam", "Lee", "", "Hackney Carriage Driver", "Taxi driver"),
    Staff(TAXIS, "CT00420", "Gary", "Fenwick", "gary.fenwick@castletaxis.co.uk",
          "Booking Operator", "Taxi dispatcher"),
    Staff(TAXIS, "CT00431", "Mohammed", "Khan", "", "Private Hire Driver", "Taxi driver"),
    Staff(TAXIS, "CT00438", "Asif", "Ali", "", "Hackney Carriage Driver", "Taxi driver"),
    Staff(TAXIS, "CT00445", "Wayne", "Turner", "", "Private Hire Driver", "Taxi driver"),
    Staff(TAXIS, "CT00452", "Tracey", "Barker", "tracey.barker@castletaxis.co.uk",
          "Dispatcher", "Taxi dispatcher"),
)
# fmt: on


@dataclass(frozen=True)
class SessionOnRecord:
    course: str
    starts_at: dt.datetime
    hours: float
    venue: str


SESSIONS = (
    SessionOnRecord(
        "CSE-I1",
        dt.datetime(2025, 3, 4, 9, 30),
        3,
        "Northshire Police HQ, Learning and Development Suite",
    ),
    SessionOnRecord("CSE-I1", dt.datetime(2025, 1, 28, 9, 30), 3, "Kingsmead Education Centre"),
    SessionOnRecord("CCE-I1", dt.datetime(2025, 2, 11, 13, 30), 3, "Kingsmead Education Centre"),
    SessionOnRecord("ONL-I1", dt.datetime(2025, 3, 5, 15, 30), 1.5, "Kingsmead Education Centre"),
    SessionOnRecord("ONL-I1", dt.datetime(2025, 4, 2, 15, 30), 1.5, "Hollins Park Community Hub"),
    SessionOnRecord("CSE-I3", dt.datetime(2025, 2, 19, 14, 0), 1.5, "Online (Microsoft Teams)"),
    SessionOnRecord("CSE-I3", dt.datetime(2025, 3, 12, 14, 0), 1.5, "Online (Microsoft Teams)"),
    SessionOnRecord(
        "CSE-I2", dt.datetime(2025, 3, 6, 18, 30), 2, "Marlbury Town Hall, Council Chamber"
    ),
)


@dataclass(frozen=True)
class RecordOnRecord:
    agency: str
    ref: str
    course: str
    day: dt.date  # the session's day, or the e-learning completion date
    status: str


RECORDS = (
    RecordOnRecord(POLICE, "3455", "CSE-I1", dt.date(2025, 3, 4), "booked"),
    RecordOnRecord(POLICE, "2780", "CSE-I1", dt.date(2025, 3, 4), "attended"),
    RecordOnRecord(NCC, "NCC01266", "CSE-U1", dt.date(2025, 1, 9), "attended"),
    RecordOnRecord(NMH, "NMH02273", "CSE-U1", dt.date(2025, 1, 10), "attended"),
    RecordOnRecord(KMA, "KMA00340", "CCE-I1", dt.date(2025, 2, 11), "booked"),
    RecordOnRecord(KMA, "KMA00362", "ONL-I1", dt.date(2025, 3, 5), "attended"),
    RecordOnRecord(HOTEL, "RH00561", "CSE-I3", dt.date(2025, 3, 12), "attended"),
)

# --- what each file is and what its rows must become -------------------------------------


@dataclass(frozen=True)
class Expected:
    row: int  # as the user numbers rows in Excel (csv: the line number)
    who: str  # the staff member the row must be matched to, or why none
    kind: str  # new / update / duplicate / error
    why: str


@dataclass
class Sample:
    file: str
    short: str
    imitates: str
    agency: str
    courses: tuple[str, ...]
    how: str  # what the user chooses on import, and what each row stands for
    header_row: int
    columns: dict[str, str]  # field (headers.Field value) -> the header text
    unmatched: tuple[str, ...]
    saved: dict[str, str] = field(default_factory=dict)  # header text -> field: a saved mapping
    notes: tuple[str, ...] = ()
    blank_rows: tuple[int, ...] = ()  # below the header
    note_rows: tuple[int, ...] = ()  # one-cell notes below the header, passed over
    rows: list[Expected] = field(default_factory=list)

    def expect(self, row: int, who: str, kind: str, why: str) -> None:
        assert kind in (NEW, UPDATE, DUPLICATE, SKIPPED, ERROR), kind
        assert all(e.row != row for e in self.rows), row
        self.rows.append(Expected(row, who, kind, why))

    def fill(self, **rows: int) -> None:
        """Put row numbers known only once written into the reasons and notes ({name})."""
        self.rows = [Expected(e.row, e.who, e.kind, e.why.format(**rows)) for e in self.rows]
        self.notes = tuple(note.format(**rows) for note in self.notes)


def ref_of(agency: str, ref: str) -> str:
    person = next(s for s in STAFF if s.agency == agency and s.ref == ref)
    return f"{person.first} {person.last} ({person.ref})"


def serial_1900(day: dt.date) -> int:
    return (day - EXCEL_1900).days


def serial_1904(day: dt.date) -> int:
    return (day - EXCEL_1904).days


# --- xlsx helpers ---------------------------------------------------------------------------

BOLD = Font(bold=True)
BANNER = Font(bold=True, size=14, color="FFFFFF")
BANNER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UK_DATE = "dd/mm/yyyy"


def new_book(creator: str, *, epoch_1904: bool = False) -> tuple[openpyxl.Workbook, Worksheet]:
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904  # before any date is written
    book.properties.creator = creator
    book.properties.lastModifiedBy = creator
    book.properties.created = SAVED_AT
    sheet = book.active
    assert sheet is not None
    return book, sheet


def header(sheet: Worksheet, values: Sequence[str], widths: Sequence[float], row: int) -> None:
    """The header row, styled, which must land on the row the README says."""
    sheet.append(list(values))
    assert sheet.max_row == row, (sheet.max_row, row)
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row, column)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
        sheet.column_dimensions[cell.column_letter].width = width


def add(sheet: Worksheet, values: Sequence[object], formats: dict[int, str] | None = None) -> int:
    """A data row; formats by 0-based column ("@" text, "General" number, a date format)."""
    sheet.append(list(values))
    row = sheet.max_row
    for column in range(1, len(values) + 1):
        sheet.cell(row, column).border = BOX
    for column, number_format in (formats or {}).items():
        sheet.cell(row, column + 1).number_format = number_format
    for column, value in enumerate(values, start=1):
        if isinstance(value, dt.date) and column - 1 not in (formats or {}):
            sheet.cell(row, column).number_format = UK_DATE
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row, column).data_type = "s"  # typed text, not a formula
    return row


def blank(sheet: Worksheet) -> int:
    """An empty row (call it only straight after a row with cells)."""
    row = sheet.max_row + 1
    sheet.append([])
    return row


def save(book: openpyxl.Workbook, path: Path, *fixes: Callable[[str, bytes], bytes]) -> None:
    """Save, then make the bytes the same on every run (and apply any fixes to the parts)."""
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + SAVED_AT.isoformat().encode() + b"Z",
                    data,
                )
            for fix in fixes:
                data = fix(info.filename, data)
            member = zipfile.ZipInfo(info.filename, ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, data)
    path.write_bytes(out.getvalue())


def cached_value(cell: str, value: str) -> Callable[[str, bytes], bytes]:
    """Give a formula cell the result Excel would have saved with it (openpyxl saves none)."""

    def fix(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        pattern = rb'<c r="' + cell.encode() + rb'"([^>]*)><f>(.*?)</f><v\s*/>'
        fixed, count = re.subn(
            pattern,
            lambda m: (
                b'<c r="'
                + cell.encode()
                + b'"'
                + m.group(1)
                + b' t="str"><f>'
                + m.group(2)
                + b"</f>"
                b"<v>" + value.encode() + b"</v>"
            ),
            data,
        )
        assert count == 1, f"formula cell {cell} not found"
        return fixed

    return fix


# --- 1. the police sign-in sheet ------------------------------------------------------------


def police_signin(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="Police sign-in sheet for one session, typed up from the paper register",
        imitates=(
            "A sign-in sheet for one classroom session, typed up afterwards by the police "
            "training unit from the paper register: a merged title banner, a date and venue "
            "line, a blank row, then the register; a total typed under it."
        ),
        agency=POLICE,
        courses=("CSE-I1",),
        how=(
            "Imported against one session the user picks: CSE-I1 on 04/03/2025 09:30 at "
            "Northshire Police HQ, Learning and Development Suite (the sheet has no course or "
            "date column; its banner says 'CSE Introductory', its second row the date). "
            "'Attended?': Y / Yes / y mean attended; N and DNA mean did not attend."
        ),
        header_row=4,
        columns={
            "staff reference": "Collar Number",
            "last name": "Surname",
            "first name": "First Name",
            "email": "Email",
            "status": "Attended?",
        },
        unmatched=("Signature",),
        notes=(
            "Collar numbers are the staff references. Excel turned 04411 into the number 4411 "
            "(row {karen}); the same officer's row typed as text '04411' (row {karen_again}) "
            "keeps the zero. A "
            "correct import compares all-digit references without leading zeros, so both are "
            "Karen Holmes (04411).",
            "Row 2's date (04/03/2025) is 4 March, not 3 April.",
        ),
    )
    book, sheet = new_book("Northshire Police L&D")
    sheet.title = "Sign-in"
    sheet.append(["Northshire Police – CSE Introductory"])
    sheet.merge_cells("A1:F1")
    sheet["A1"].font, sheet["A1"].fill = BANNER, BANNER_FILL
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["Date: 04/03/2025  Venue: HQ Training Suite"])
    sheet["A2"].font = BOLD
    sheet.append([])
    header(
        sheet,
        ("Collar Number", "Surname", "First Name", "Email", "Attended?", "Signature"),
        (15, 18, 16, 38, 11, 16),
        sample.header_row,
    )
    attendance = DataValidation(type="list", formula1='"Y,N,DNA"', allow_blank=True)
    sheet.add_data_validation(attendance)
    attendance.add("E5:E40")
    text = {0: "@"}
    people = (
        # collar number, surname, first name, email, attended?, signature; then expectations
        ((4411, "HOLMES ", "KAREN", "karen.holmes@northshire.police.uk", "Y", "K Holmes"),
         "04411", NEW, "collar number 4411 is 04411 with its leading zero lost by Excel; attended"),
        (("2093", "o'brien", "liam", None, "Yes", "L O'Brien"),
         "2093", NEW, "text collar number; name cleaned to Liam O'Brien; attended"),
        ((3187, "Sharma", "Priya", "mailto:Priya.Sharma@Northshire.Police.uk ", "y", "P.Sharma"),
         "3187", NEW, "email cleaned (mailto:, case, trailing space); attended"),
        ((1775, "McDONALD", "Stuart ", None, "Y", "S McDonald"),
         "1775", NEW, "attended; 'McDONALD' is mixed case and kept as typed"),
        ((2640, "Fletcher", "Dawn", None, "N", None),
         "2640", NEW, "did not attend (N)"),
        ((3302, "Hussain", "Imran", None, "DNA", None),
         "3302", NEW, "did not attend (DNA)"),
        ((1458, "Turner", "Rachel", None, None, None),
         "1458", ERROR, "'Attended?' is blank: the register does not say whether she came"),
        ((2871, "Walsh", "Craig", None, "Y ", "C Walsh"),
         "2871", NEW, "attended ('Y ' with a trailing space)"),
        (("  3019", "Edwards", "Natalie", None, "Yes", "N. Edwards"),
         "3019", NEW, "text collar number with leading spaces; attended"),
        ((2514, "PARKER", "JADE", None, "Y", "J Parker"),
         "2514", NEW, "attended; name cleaned to Jade Parker"),
        ((3660, "Robinson", "Kevin", "kevin.robinson@northshire.police.uk", "Y", "K Robinson"),
         "3660", NEW, "attended"),
        (("0987", "Singh", "Chloe", None, "Y", "C Singh"),
         "0987", NEW, "text collar number keeps its leading zero; attended"),
        ((2233, "Jenkins", "Matt", None, "Y", "M Jenkins"),
         "2233", NEW,
         "attended; the collar number decides, 'Matt' for Matthew is not a mismatch to flag "
         "and does not rename him"),
        ((3455, "Wilson", "Emma", None, "Y", "E Wilson"),
         "3455", UPDATE, "she was booked on this session: booked becomes attended"),
        ((2780, "Murphy", "Declan", None, "Y", "D Murphy"),
         "2780", DUPLICATE, "already recorded as attended on this session"),
        ((None, "Khan", "Fatima", "FATIMA.KHAN@NORTHSHIRE.POLICE.UK ", "Yes", "F Khan"),
         "3811", NEW, "no collar number: matched by email; attended"),
        (("04411", "Holmes", "Karen", None, "Y", "K Holmes"),
         "04411", DUPLICATE, "the same officer as row {karen}, earlier in this file"),
        ((None, None, None, None, None, "J. Bennett"),
         None, ERROR, "only a signature: no collar number, name or email to say who signed"),
        ((5120, "Gibson", "Amy", None, "Y", "A Gibson"),
         None, ERROR, "collar number 5120 and the name Amy Gibson are not on Northshire "
         "Police's staff list"),
        ((1634, "Chapman", "Neil", None, "Y", "N Chapman"),
         "1634", NEW, "attended"),
    )  # fmt: skip
    written = []
    for values, ref, kind, why in people:
        written.append(add(sheet, values, text if isinstance(values[0], str) else None))
        sample.expect(written[-1], ref_of(POLICE, ref) if ref else "nobody", kind, why)
    sample.fill(karen=written[0], karen_again=written[16])
    attended = sum(1 for values, *_ in people if (values[4] or "").strip().lower() in ("y", "yes"))
    sample.blank_rows = (blank(sheet),)
    sheet.append([f"Total attended: {attended}"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    sample.note_rows = (sheet.max_row,)
    sheet.freeze_panes = "A5"
    save(book, path)
    return sample


# --- 2. the UTF-8 e-learning export ---------------------------------------------------------


def csv_line(values: Sequence[str], delimiter: str) -> str:
    def quoted(value: str) -> str:
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    return delimiter.join(quoted(v) for v in values)


def elearning_utf8(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="E-learning platform completions report (CSV, UTF-8 with BOM)",
        imitates=(
            "The partnership e-learning platform's completion report for one agency, "
            "downloaded as CSV (UTF-8 with a byte-order mark, CRLF line ends, comma-separated, "
            "ISO date-times); an empty line of commas at the end, as Excel leaves after a "
            "deleted row."
        ),
        agency=NCC,
        courses=("CSE-U1", "MIS-U1", "CCE-U1", "ONL-U1"),
        how=(
            "Each row is an e-learning completion (no session): the course is found by its "
            "catalogue title (any case), the completion date from the date-time. Only "
            "'Completed' rows are recorded; 'In progress' and 'Not started' are skipped: "
            "nothing to record yet."
        ),
        header_row=1,
        columns={
            "staff reference": "User ID",
            "full name": "Full Name",
            "email": "Email Address",
            "course": "Course Name",
            "status": "Completion Status",
            "date": "Completion Date",
        },
        unmatched=("Score",),
        notes=(
            "User ID is the agency's staff reference (the platform is provisioned from HR), "
            "sometimes in lower case.",
            "ben.carter@northshire.gov.uk belongs to Ben Carter of Northshire Youth Justice "
            "Service, which shares the council's email domain: he must not be matched into "
            "Children's Services.",
        ),
    )
    cse, mis, cce, onl = (
        "CSE: universal awareness",
        "Missing children: universal awareness",
        "Exploitation and county lines: awareness",
        "Online safety essentials",
    )
    head = ["User ID", "Full Name", "Email Address", "Course Name", "Completion Status",
            "Completion Date", "Score"]  # fmt: skip
    rows = (
        (["NCC01215", "Amy Clarke", "amy.clarke@northshire.gov.uk", cse, "Completed",
          "2025-02-14 10:31:07", "92"],
         "NCC01215", NEW, "CSE-U1 completed 14/02/2025"),
        (["ncc01223", "Daniel Price", "Daniel.Price@Northshire.gov.uk", mis, "Completed",
          "2025-02-17 09:02:44", "85"],
         "NCC01223", NEW, "lower-case User ID; MIS-U1 completed 17/02/2025"),
        (["NCC01230", "Joanne O'Neill", "joanne.oneill@northshire.gov.uk", onl, "In progress",
          "", "40"],
         "NCC01230", SKIPPED, "not completed (In progress): nothing to record"),
        (["NCC01238", "Mohammed Rahman", "mohammed.rahman@northshire.gov.uk", cce,
          "Not started", "", ""],
         "NCC01238", SKIPPED, "not completed (Not started): nothing to record"),
        (["NCC01244", "Sophie Bennett", "sophie.bennett@northshire.gov.uk", cse, "Completed",
          "31/02/2025", "88"],
         "NCC01244", ERROR, "completion date 31/02/2025 is not a real date"),
        (["NCC01251", "Laura Hughes", "laura.hughes@northshire.gov.uk", onl, "Completed",
          "02/14/2025", "100"],
         "NCC01251", ERROR, "completion date 02/14/2025 is month-first (US style); never swapped"),
        (["NCC01260", "Peter Nowak", "peter.nowak@northshire.gov.uk", "Prevent Duty: Awareness",
          "Completed", "2025-02-20 14:05:33", "90"],
         "NCC01260", ERROR, "course 'Prevent Duty: Awareness' is not in the catalogue"),
        (["NCC01266", "Hayley Brooks", "hayley.brooks@northshire.gov.uk", cse, "Completed",
          "2025-01-09 16:45:00", "95"],
         "NCC01266", DUPLICATE, "CSE-U1 completed 09/01/2025 is already on record"),
        (["NCC01273", "Jamie Walker", "jamie.walker@northshire.gov.uk",
          "CSE: Universal Awareness", "Completed", "2025-02-21 11:12:09", "70"],
         "NCC01273", NEW, "course title in another case is CSE-U1; completed 21/02/2025"),
        (["NCC01273", "Jamie Walker", "jamie.walker@northshire.gov.uk",
          "CSE: Universal Awareness", "Completed", "2025-02-21 11:40:51", "90"],
         "NCC01273", DUPLICATE,
         "a second attempt the same day: the same completion as the row above"),
        (["", "SHAW, REBECCA", "Rebecca.Shaw@northshire.gov.uk", mis, "Completed",
          "2025-02-24 08:58:12", "80"],
         "NCC01281", NEW, "no User ID: matched by email; MIS-U1 completed 24/02/2025"),
        (["", "Ben Carter", "ben.carter@northshire.gov.uk", cse, "Completed",
          "2025-02-25 19:20:00", "85"],
         None, ERROR,
         "not on Children's Services' staff list (the email is a Youth Justice Service "
         "officer's; never matched across agencies)"),
        (["NCC01289", "simon green", "simon.green@northshire.gov.uk", onl, "Completed",
          "2025-03-03T08:15:00", "75"],
         "NCC01289", NEW, "ONL-U1 completed 03/03/2025 (ISO date-time with a T)"),
        (["NCC01296", "Zainab Ali", "zainab.ali@northshire.gov.uk", cce, "Completed",
          "2025-02-28 23:59:59", "100"],
         "NCC01296", NEW, "CCE-U1 completed 28/02/2025 (a second before midnight)"),
        (["NCC01302", "Chris Morgan", "chris.morgan@northshire.gov.uk", cse, "Completed",
          "", "85"],
         "NCC01302", ERROR, "'Completed' but no completion date"),
    )  # fmt: skip
    lines = [csv_line(head, ",")]
    for values, ref, kind, why in rows:
        lines.append(csv_line(values, ","))
        sample.expect(len(lines), ref_of(NCC, ref) if ref else "nobody", kind, why)
    lines.append("," * (len(head) - 1))
    sample.blank_rows = (len(lines),)
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return sample


# --- 3. the Windows-1252 e-learning export --------------------------------------------------


def elearning_cp1252(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="NHS learning-system report re-saved by Excel (CSV, ';', Windows-1252)",
        imitates=(
            "An NHS trust's learning-system report opened in Excel on a PC whose list "
            "separator is ';' and saved as 'CSV' (Windows-1252): a title line and an empty line "
            "padded with separators, as Excel pads them; UK dates as dd/mm/yyyy and d/m/yy; "
            "accented names; '£', '–' and '’' in the comments; a comment holding a ';' is quoted."
        ),
        agency=NMH,
        courses=("CSE-U1", "MIS-U1", "CCE-U1", "ONL-U1"),
        how=(
            "Each row is an e-learning completion (no session): the course by its catalogue "
            "title or code (any case), the date as written. 'Passed' means completed; "
            "'Incomplete' and 'Failed' are skipped: nothing to record yet."
        ),
        header_row=3,
        columns={
            "staff reference": "Assignment Number",
            "last name": "Last Name",
            "first name": "First Name",
            "email": "E-mail",
            "course": "Course Title",
            "date": "Date Completed",
            "status": "Status",
        },
        unmatched=("Comments",),
        notes=(
            "HR recorded Zoe Nowak and Sian Evans without accents; the learning system has "
            "Zoë and Siân. Names compare without accents (normalise.name_key).",
            "Niamh O’Neill is typed with a curly apostrophe (byte 0x92); HR has O'Neill.",
        ),
    )
    cse, mis, cce, onl = (
        "CSE: universal awareness",
        "Missing children: universal awareness",
        "Exploitation and county lines: awareness",
        "Online safety essentials",
    )
    head = ["Assignment Number", "Last Name", "First Name", "E-mail", "Course Title",
            "Date Completed", "Status", "Comments"]  # fmt: skip
    rows = (
        (["NMH02231", "Nowak", "Zoë", "zoe.nowak@nmh.nhs.uk", cse, "14/02/2025", "Passed", ""],
         "NMH02231", NEW, "CSE-U1 completed 14/02/2025"),
        (["", "Evans", "Siân", "", mis, "3/3/25", "Passed", "Completed on ward PC, not at home"],
         "NMH02238", NEW,
         "no reference or email: matched by name (Siân = Sian); MIS-U1 completed 03/03/2025"),
        (["NMH02245", "Dubois", "Renée", "Renee.Dubois@nmh.nhs.uk", onl, "7/1/25", "Passed",
          ""],
         "NMH02245", NEW, "ONL-U1 completed 07/01/2025 (d/m/yy: 7 January)"),
        (["NMH02252", "O’Neill", "Niamh", "niamh.oneill@nmh.nhs.uk", cce, "21/02/2025",
          "Passed", "Fee £45 recharged to ward budget – agreed by matron"],
         "NMH02252", NEW, "CCE-U1 completed 21/02/2025"),
        (["NMH02259", "Kaur", "Mandeep", "mandeep.kaur@nmh.nhs.uk", cse, "", "Incomplete",
          "Started 12/02/2025"],
         "NMH02259", SKIPPED, "not completed (Incomplete)"),
        (["NMH02266", "Fisher", "Graham", "graham.fisher@nmh.nhs.uk", cse, "28/2/25",
          "Failed", "Score 60%, pass mark 80%"],
         "NMH02266", SKIPPED, "not completed (Failed)"),
        (["NMH02273", "Gallagher", "Fiona", "fiona.gallagher@nmh.nhs.uk", "cse-u1", "10/1/25",
          "Passed", ""],
         "NMH02273", DUPLICATE,
         "course given by its code in lower case; CSE-U1 completed 10/01/2025 is on record"),
        (["NMH02280", "Singh", "Harpreet", "harpreet.singh@nmh.nhs.uk", onl, "29/02/2025",
          "Passed", ""],
         "NMH02280", ERROR, "29/02/2025 is not a real date (2025 is not a leap year)"),
        (["NMH02287", "Lloyd", "Megan", "megan.lloyd@nmh.nhs.uk", mis, "05/02/2025", "Passed",
          "Certificate emailed to manager"],
         "NMH02287", NEW, "MIS-U1 completed 05/02/2025 (5 February, not 2 May)"),
        (["NMH02231", "Nowak", "Zoë", "zoe.nowak@nmh.nhs.uk", cse, "14/2/25", "Passed", ""],
         "NMH02231", DUPLICATE, "the same completion as row {zoe}, the date written d/m/yy"),
        (["NMH02999", "Adeyemi", "Ola", "ola.adeyemi@nmh.nhs.uk", cse, "20/02/2025", "Passed",
          "Bank nurse"],
         None, ERROR, "NMH02999 / Ola Adeyemi is not on the trust's staff list"),
        (["NMH02266 ", "Fisher", "Graham", "graham.fisher@nmh.nhs.uk", onl, "1/3/25",
          "Passed", "Re-sat; passed second time"],
         "NMH02266", NEW, "reference with a trailing space; ONL-U1 completed 01/03/2025"),
    )  # fmt: skip
    width = len(head)
    lines = [
        csv_line(["Northshire and Marlbury Hospitals – Learning Hub: safeguarding completions",
                  *[""] * (width - 1)], ";"),
        ";" * (width - 1),
        csv_line(head, ";"),
    ]  # fmt: skip
    for values, ref, kind, why in rows:
        lines.append(csv_line(values, ";"))
        sample.expect(len(lines), ref_of(NMH, ref) if ref else "nobody", kind, why)
    sample.fill(zoe=4)
    assert lines[3].startswith("NMH02231;Nowak;Zoë")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return sample


# --- 4. the HR staff list -------------------------------------------------------------------


def hr_staff_list(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="HR establishment list (staff, not attendance)",
        imitates=(
            "A monthly establishment list exported from the council's HR system and tidied in "
            "Excel: real date cells, a few dates pasted as bare serial numbers, a blank row "
            "left in the middle, an email built by a formula (saved with its result, as Excel "
            "does), and text that looks like a formula."
        ),
        agency=NCC,
        courses=(),
        how=(
            "A staff list, not attendance: each row is a staff member of the agency, matched "
            "by payroll number. new = a staff member added; update = their details changed; "
            "duplicate = on record exactly as written."
        ),
        header_row=1,
        columns={
            "staff reference": "Payroll No",
            "first name": "Forename",
            "last name": "Family name",
            "job title": "Job Title",
            "role": "Role",
            "start date": "Start Date",
            "leave date": "Leaving Date",
            "email": "Work Email",
        },
        unmatched=(),
        notes=(
            "Lisa Taylor (NCC01311) is on record but not in the file: nothing happens to her "
            "(a missing row is not a leaver).",
            "Rows {walker} and {fox} share payroll number NCC01273 with different names. Row "
            "{walker} agrees with the record (unchanged); row {fox} contradicts it and is "
            "rejected, so Jamie Walker keeps his record.",
            "Row {kelly}'s forename is text beginning '=' (typed into a cell formatted as "
            "Text): it must be read and shown as text, never evaluated, and written back to "
            "the rejected-rows xlsx as text, not as a formula.",
            "H{shaw}'s email is a formula whose saved result is rebecca.shaw@northshire.gov.uk; "
            "the result is what is imported.",
        ),
    )
    book, sheet = new_book("HR Systems Team")
    sheet.title = "Establishment"
    header(
        sheet,
        ("Payroll No", "Forename", "Family name", "Job Title", "Role", "Start Date",
         "Leaving Date", "Work Email"),
        (12, 14, 16, 34, 28, 12, 13, 36),
        sample.header_row,
    )  # fmt: skip
    d = dt.date
    # payroll, forename, family name, job title, role, start, leaving, email; expectations
    rows = (
        (("NCC01207", "Claire", "Whitfield", "Team Manager", "Team manager", "1/9/98", None,
          "claire.whitfield@northshire.gov.uk"),
         "NCC01207", DUPLICATE,
         "unchanged: start date typed as text 1/9/98 is 01/09/1998 (a two-digit year from the "
         "last century, not 2098)"),
        (("NCC01215", "Amy", "Clarke", "Social Worker (Assessment)", "Social Worker",
          d(2016, 4, 11), None, "amy.clarke@northshire.gov.uk"),
         "NCC01215", DUPLICATE, "unchanged (role written 'Social Worker': same role)"),
        (("NCC01223", "Daniel", "Price", "Social Worker", "Social worker",
          serial_1900(d(2022, 9, 1)), None, "daniel.price@northshire.gov.uk"),
         "NCC01223", DUPLICATE,
         f"unchanged: start date {serial_1900(d(2022, 9, 1))} is an Excel serial for 01/09/2022"),
        (("NCC01230", "Joanne", "O'Neill", "Early Help Practitioner", "Family support worker",
          d(2018, 1, 8), None, "Joanne.ONeill@northshire.gov.uk"),
         "NCC01230", DUPLICATE, "unchanged (email differs only in case)"),
        (("NCC01238", "Mohammed", "Rahman", "Senior Residential Worker",
          "Residential care worker", d(2019, 6, 3), None, "mohammed.rahman@northshire.gov.uk"),
         "NCC01238", UPDATE,
         "job title: Residential Childcare Officer -> Senior Residential Worker"),
        (("NCC01244", "Sophie", "Bennett", "Social Worker", "Social worker", d(2020, 10, 19),
          None, "sophie.bennett@northshire.gov.uk"),
         "NCC01244", UPDATE,
         "role: Family support worker -> Social worker (a new role from the import, history "
         "kept); job title: Family Support Worker -> Social Worker"),
        None,  # a blank row left in the middle
        (("NCC01251", "Laura", "Hughes", "Social Worker (Children in Care)", "Social worker",
          d(2017, 2, 6), d(2025, 2, 28), "laura.hughes@northshire.gov.uk"),
         "NCC01251", UPDATE, "leaver: leave date 28/02/2025"),
        (("NCC01260", "Peter", "Nowak", "Independent Reviewing Officer",
          "Independent reviewing officer", serial_1900(d(2012, 5, 14)), None,
          "peter.nowak@northshire.gov.uk"),
         "NCC01260", DUPLICATE,
         f"unchanged: start date {serial_1900(d(2012, 5, 14))} is an Excel serial for 14/05/2012"),
        (("NCC01266", "Hayley", "Brooks", "Business Support Officer", "Administrator",
          d(2021, 11, 22), None, "hayley.brooks@northshire.gov.uk"),
         "NCC01266", DUPLICATE, "unchanged"),
        (("NCC01273", "Jamie", "Walker", "Exploitation Practitioner", "Exploitation specialist",
          d(2019, 3, 25), None, "jamie.walker@northshire.gov.uk"),
         "NCC01273", DUPLICATE, "unchanged: agrees with the record (row {fox} does not)"),
        (("NCC01273", "Stacey", "Fox", "Family Support Worker", "Family support worker",
          d(2025, 2, 17), None, "stacey.fox@northshire.gov.uk"),
         None, ERROR,
         "payroll number NCC01273 is Jamie Walker's on record, and row {walker}'s: the "
         "reference or the name is wrong"),
        (("NCC01320", "Bethany", None, "Family Support Worker", "Family support worker",
          d(2025, 1, 6), None, "bethany.cook@northshire.gov.uk"),
         None, ERROR, "no family name"),
        (("NCC01327", '=HYPERLINK("http://payroll.example/verify?id=1327","Click to verify")',
          "Kelly", "Social Worker", "Social worker", d(2024, 11, 4), None,
          "karen.kelly@northshire.gov.uk"),
         None, ERROR, "the forename looks like a formula (starts with '='); kept as text"),
        (("NCC01333", "Tariq", "Mahmood", "Social Worker (Assessment)", "Social worker",
          d(2025, 3, 3), None, "tariq.mahmood@northshire.gov.uk"),
         None, NEW, "a new starter (03/03/2025)"),
        (("NCC01340", "Megan", "Doherty", "Residential Childcare Officer",
          "Residential care worker", serial_1900(d(2025, 2, 17)), None,
          "megan.doherty@northshire.gov.uk"),
         None, NEW,
         f"a new starter; start date {serial_1900(d(2025, 2, 17))} is an Excel serial for "
         "17/02/2025"),
        (("NCC01281", "Rebecca", "Shaw", "Social Worker", "Social worker", d(2023, 1, 9), None,
          '=LOWER(B{row}&"."&C{row}&"@northshire.gov.uk")'),
         "NCC01281", DUPLICATE, "unchanged; the email is a formula's saved result"),
        (("NCC01289", "Simon", "Green", "  Team Manager ", "team manager", d(2014, 7, 1), None,
          "simon.green@northshire.gov.uk"),
         "NCC01289", DUPLICATE, "unchanged once spaces and case are cleaned"),
        (("NCC01296", "Zainab", "Ali", "Family Support Worker", "Family support worker",
          "01/09/2021", None, "zainab.ali@northshire.gov.uk"),
         "NCC01296", DUPLICATE, "unchanged; start date typed as text 01/09/2021"),
        (("NCC01302", "Chris", "Morgan", "Senior Residential Worker", "Residential care worker",
          d(2015, 10, 5), d(2025, 4, 30), "chris.morgan@northshire.gov.uk"),
         "NCC01302", UPDATE, "working his notice: leave date 30/04/2025 (in the future)"),
    )  # fmt: skip
    fixes = []
    labels: dict[str, int] = {}
    for entry in rows:
        if entry is None:
            sample.blank_rows = (blank(sheet),)
            continue
        values, ref, kind, why = entry
        formats = {k: "General" for k in (5, 6) if isinstance(values[k], int)}
        formats |= {k: "@" for k in (5, 6) if isinstance(values[k], str)}
        email = values[7]
        if email.startswith("=LOWER"):
            row = sheet.max_row + 1
            values = (*values[:7], email.format(row=row))
        row = add(sheet, values, formats)
        if email.startswith("=LOWER"):
            sheet.cell(row, 8).data_type = "f"  # a real formula, unlike Kelly's forename
            fixes.append(cached_value(f"H{row}", "rebecca.shaw@northshire.gov.uk"))
        who = ref_of(NCC, ref) if ref else "nobody"
        if kind == NEW:
            who = f"{values[1]} {values[2]} ({values[0]}), added"
        sample.expect(row, who, kind, why)
        if values[2]:
            labels[values[2].lower()] = row  # the rows the notes and reasons name, by surname
    sample.fill(**labels)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{sheet.max_row}"
    save(book, path, *fixes)
    return sample


# --- 5. attendance with course and date on each row -----------------------------------------


def signin_per_row(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="School DSL's training log: course and date on every row",
        imitates=(
            "A school DSL's running log of staff safeguarding training, kept by hand in Excel: "
            "one line per person per course, names written either way round, dates typed as "
            "text (the column is formatted as Text), course codes in any case."
        ),
        agency=KMA,
        courses=("CSE-I1", "CCE-I1", "ONL-I1", "MIS-U1", "CSE-T1"),
        how=(
            "Each row names its course and date: a classroom, virtual or briefing course is "
            "matched to that course's session on that day; an e-learning course (MIS-U1) is a "
            "completion on that day with no session. Status: Attended / Completed = attended, "
            "DNA = did not attend, Booked, Cancelled."
        ),
        header_row=3,
        columns={
            "staff reference": "Staff ID",
            "full name": "Name",
            "course": "Course",
            "date": "Date",
            "status": "Status",
        },
        unmatched=(),
        notes=(
            "'Name' holds 'Surname, Forename' on some rows and 'Forename Surname' on others; "
            "Anna Maria Kowalski (row {anna}, no Staff ID) has two forenames, so whole-name "
            "keys are compared rather than a guessed split.",
        ),
    )
    book, sheet = new_book("Helen Brook")
    sheet.title = "CPD log 2024-25"
    sheet.append(["Kingsmead Academy – safeguarding training log 2024-25"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Kept by: H Brook (DSL)", None, None, "Last updated: 05/03/2025"])
    header(
        sheet,
        ("Staff ID", "Name", "Course", "Date", "Status"),
        (12, 26, 10, 11, 11),
        sample.header_row,
    )
    rows = (
        (("KMA00310", "Brook, Helen", "CSE-I1", "28/1/25", "Attended"),
         "KMA00310", NEW, "CSE-I1 session of 28/01/2025; attended"),
        (("KMA00318", "Liam Foster", "cse-i1", "28/1/25", "Attended"),
         "KMA00318", NEW, "lower-case course code; CSE-I1 of 28/01/2025; attended"),
        ((None, "Anna Maria Kowalski", "CCE-I1", "11/2/25", "Attended"),
         "KMA00325", NEW, "no Staff ID: matched by whole name; CCE-I1 of 11/02/2025; attended"),
        (("KMA00333", "van der Merwe, Pieter", "CCE-I1", "11/2/25", "DNA"),
         "KMA00333", NEW, "CCE-I1 of 11/02/2025; did not attend"),
        (("kma00340", "Patel, Aisha", "ONL-I1", "2/4/25", "Booked"),
         "KMA00340", NEW, "booked on the ONL-I1 session of 02/04/2025 (2 April)"),
        (("KMA00347", "Jack Thompson", "MIS-U1", "14/2/25", "Completed"),
         "KMA00347", NEW, "e-learning MIS-U1 completed 14/02/2025 (no session)"),
        (("KMA00355", "BELL, KIRSTY", "CSE-T1", "12/2/25", "Attended"),
         "KMA00355", ERROR, "there is no CSE-T1 session on 12/02/2025"),
        (("KMA00362", "Oliver Knight", "CCE-I1", "31/9/24", "Attended"),
         "KMA00362", ERROR, "31/9/24 is not a real date (September has 30 days)"),
        (("KMA00370", "Gemma Ward", "CSE-I9", "28/1/25", "Attended"),
         "KMA00370", ERROR, "course code CSE-I9 is not in the catalogue"),
        (("KMA00318", "Foster, Liam", "CSE-I1", "28/01/2025", "Attended"),
         "KMA00318", DUPLICATE, "the same record as row {foster} (the date written another way)"),
        (("KMA00340", "Aisha Patel", "cce-i1", "11/2/25", "Cancelled"),
         "KMA00340", UPDATE, "she was booked on CCE-I1 of 11/02/2025: booked becomes cancelled"),
        (("KMA00362", "Knight, Oliver", "ONL-I1", "5/3/25", "Attended"),
         "KMA00362", DUPLICATE, "already recorded as attended on ONL-I1 of 05/03/2025"),
        (("KMA 00347", "Jack Thompson", "CSE-I1", "28/1/25", "attended"),
         "KMA00347", NEW, "Staff ID typed with a space; CSE-I1 of 28/01/2025; attended"),
        ((None, "Mrs Bell", "ONL-I1", "5/3/25", "Attended"),
         None, ERROR,
         "no Staff ID and 'Mrs Bell' is not a full name: never guessed to be Kirsty Bell"),
    )  # fmt: skip
    written = []
    for values, ref, kind, why in rows:
        written.append(add(sheet, values, {0: "@", 3: "@"}))
        sample.expect(written[-1], ref_of(KMA, ref) if ref else "nobody", kind, why)
    sample.fill(foster=written[1], anna=written[2])
    save(book, path)
    return sample


# --- 6. the hotel's list, saved with the 1904 date system -----------------------------------


def hotel_1904(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="Hotel's briefing attendance list from Excel for Mac (1904 dates)",
        imitates=(
            "A hotel's list of staff who sat in on the 'Spotting the signs' online briefing, "
            "kept in Excel for Mac with the 1904 date system: real date cells, two dates pasted "
            "as bare 1904-based serial numbers, one typed as text, a tick in a 'Signed' column."
        ),
        agency=HOTEL,
        courses=("CSE-I3",),
        how=(
            "Imported for course CSE-I3, which the user picks; each row's date picks the "
            "session (19/02/2025 or 12/03/2025). No status column: everyone listed attended."
        ),
        header_row=4,
        columns={"full name": "Staff Name", "job title": "Position", "date": "Date"},
        unmatched=("Signed",),
        notes=(
            "The workbook's date system is 1904 (Sheet.epoch_1904 is True). Serial "
            f"{serial_1904(dt.date(2025, 2, 19))} is 19/02/2025 counted from 1904; read as a "
            "1900 serial it would be 4 years and a day earlier, "
            f"{(EXCEL_1900 + dt.timedelta(serial_1904(dt.date(2025, 2, 19)))):%d/%m/%Y}, and "
            "match no session.",
        ),
    )
    book, sheet = new_book("Anna Kowalczyk", epoch_1904=True)
    sheet.title = "Attendance"
    sheet.append(["The Riverside Hotel, Marlbury"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Spotting the signs: CSE in hotels – staff attendance"])
    sheet.append([])
    header(sheet, ("Staff Name", "Position", "Date", "Signed"), (22, 26, 12, 8), sample.header_row)
    first, second = dt.date(2025, 2, 19), dt.date(2025, 3, 12)
    rows = (
        (("Anna Kowalczyk", "General Manager", first, "✓"),
         "RH00512", NEW, "attended 19/02/2025"),
        (("Jade Morris", "Receptionist", first, "✓"),
         "RH00519", NEW, "attended 19/02/2025"),
        (("carl hamilton", "Night Porter", first, "✓"),
         "RH00526", NEW, "attended 19/02/2025"),
        (("Leanne Ward", "Room Attendant", serial_1904(first), "✓"),
         "RH00533", NEW,
         f"attended 19/02/2025: {serial_1904(first)} is a 1904 serial"),
        (("Bilal Shah", "Night Manager", second, "✓"),
         "RH00540", NEW, "attended 12/03/2025"),
        (("Stacey Pearson", "Housekeeping Supervisor", second, "✓"),
         "RH00547", NEW, "attended 12/03/2025"),
        (("Ryan Cooper", "FOH Supervisor", serial_1904(second), "✓"),
         "RH00554", NEW, f"attended 12/03/2025: {serial_1904(second)} is a 1904 serial"),
        (("Vicky Holmes", "Room Attendant", second, "✓"),
         "RH00561", DUPLICATE, "already recorded as attended on 12/03/2025"),
        (("Kelly Walsh", "Room Attendant", "12/03/2025", "✓"),
         "RH00568", NEW, "attended 12/03/2025 (date typed as text)"),
        (("Magda (agency)", "Room Attendant – agency staff", second, "✓"),
         None, ERROR, "not on the hotel's staff list (a temp from an agency; one name only)"),
    )  # fmt: skip
    for values, ref, kind, why in rows:
        formats = {2: "General"} if isinstance(values[2], int) else {}
        if isinstance(values[2], str):
            formats = {2: "@"}
        row = add(sheet, values, formats)
        sample.expect(row, ref_of(HOTEL, ref) if ref else "nobody", kind, why)
    save(book, path)
    return sample


# --- 7. two drivers with one name -----------------------------------------------------------


def same_name(path: Path) -> Sample:
    sample = Sample(
        file=path.name,
        short="Taxi firm's driver list, names only; two drivers share a name",
        imitates=(
            "A taxi firm's list of drivers sent to the licensing CSE briefing: names only, no "
            "badge numbers or emails; the firm has two drivers called Sam Lee."
        ),
        agency=TAXIS,
        courses=("CSE-I2",),
        how=(
            "Each row names the course and date: the CSE-I2 session of 06/03/2025 18:30 at "
            "Marlbury Town Hall. Attended: Yes / No."
        ),
        header_row=3,
        columns={"course": "Course", "date": "Date", "status": "Attended"},
        unmatched=("Driver",),
        saved={"Driver": "full name"},
        notes=(
            "'Driver' is not a synonym, so the name column is found only through the "
            "agency's saved mapping (Driver -> full name), confirmed once by the user.",
            "There are exactly two Sam Lee rows and two Sam Lees on record: the import must "
            "not pair them up; each row is ambiguous on its own.",
        ),
    )
    book, sheet = new_book("Gary Fenwick")
    sheet.title = "Drivers"
    sheet.append(["Castle Taxis (Northshire) Ltd – drivers booked on licensing CSE briefing"])
    sheet["A1"].font = BOLD
    sheet.append([])
    header(sheet, ("Driver", "Course", "Date", "Attended"), (22, 10, 12, 10), sample.header_row)
    day = dt.date(2025, 3, 6)
    ambiguous = (
        "ambiguous: two staff of Castle Taxis are called Sam Lee (CT00412, CT00977) and the "
        "row has no badge number or email; flagged, never guessed"
    )
    rows = (
        (("Sam Lee", "CSE-I2", day, "Yes"), None, ERROR, ambiguous),
        (("Gary Fenwick", "CSE-I2", day, "Yes"), "CT00420", NEW, "attended"),
        (("Mohammed Khan", "CSE-I2", day, "Yes"), "CT00431", NEW, "attended"),
        (("SAM LEE", "CSE-I2", day, "Yes"), None, ERROR, ambiguous),
        (("Mo Khan", "CSE-I2", day, "No"), None, ERROR,
         "nobody called Mo Khan: Mohammed Khan may be suggested, never matched"),
        (("Asif Ali", "CSE-I2", day, "Yes"), "CT00438", NEW, "attended"),
        (("Wayne Turner", "CSE-I2", day, "No"), "CT00445", NEW, "did not attend"),
        (("Tracey Barker", "CSE-I2", day, "Yes"), "CT00452", NEW, "attended"),
    )  # fmt: skip
    for values, ref, kind, why in rows:
        row = add(sheet, values)
        who = ref_of(TAXIS, ref) if ref else "nobody"
        if why == ambiguous:
            who = "CT00412 or CT00977: undecided"
        sample.expect(row, who, kind, why)
    save(book, path)
    return sample


# --- README and expected.json ---------------------------------------------------------------

MAKERS = (
    ("police_signin_cse_intro.xlsx", police_signin),
    ("elearning_export_utf8_bom.csv", elearning_utf8),
    ("elearning_export_cp1252.csv", elearning_cp1252),
    ("hr_staff_list.xlsx", hr_staff_list),
    ("signin_with_course_per_row.xlsx", signin_per_row),
    ("hotel_briefing_1904.xlsx", hotel_1904),
    ("two_people_same_name.xlsx", same_name),
)

INTRO = """\
# Messy import files

Generated by `make_files.py` (run `.venv/bin/python tests/data/imports/make_files.py`); this
README and `expected.json` are generated with the files, from the same rows, so edit the
script, not them. Every run writes the same bytes. All people and places are invented, in the
style of the demo partnership (`training/demo.py`).

## How to read the tables

Row numbers are the ones the user sees in Excel (for a csv file, the line number). Each
non-blank row below the header is listed with the class a correct preview gives it:

- **new**: attendance files: a record added for a matched staff member; staff lists: a staff
  member added.
- **update**: the row changes what is on record (booked becomes attended; a staff member's
  job title, role or leave date changes).
- **duplicate**: what the row says is already on record, or was said by an earlier row of the
  same file; nothing is written. Re-importing any file after committing it gives only
  duplicates and errors.
- **error**: nothing is written; the row goes to the rejected-rows xlsx with the reason.

Blank rows (all cells empty, or only separators in a csv) and one-cell notes under the table
('Total attended: 16') are passed over, not classified. A row holding only a signature is not a
note: someone signed, so it is an error saying nobody can tell who. People are
matched within the file's agency only: by staff reference, then email, then name (accents,
case and punctuation ignored); more than one candidate is an error, never a guess. An
attendance row for someone not on the agency's staff list is an error (attendance files do not
create staff); a staff list creates them. These expectations assume the staff, sessions and
records listed at the end are on record before each file is imported on its own.

Header rows and columns are what `training.imports.headers.find_header` finds (checked by
`tests/training/imports/test_messy_files_open.py`).
"""


def table(header_cells: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|") if value not in (None, "") else "—"

    lines = ["| " + " | ".join(header_cells) + " |", "|" + "---|" * len(header_cells)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def readme(samples: list[Sample]) -> str:
    lines = [INTRO, "## The files", ""]
    lines += table(
        ("file", "imitates", "agency", "courses", "header row"),
        [
            (f"`{s.file}`", s.short, s.agency,
             ", ".join(s.courses) or "—", s.header_row)
            for s in samples
        ],
    )  # fmt: skip
    for s in samples:
        size = (HERE / s.file).stat().st_size
        lines += ["", f"## `{s.file}`", "", f"{s.imitates} ({size:,} bytes.)", ""]
        lines += [f"- **Agency:** {s.agency}", f"- **Courses:** {', '.join(s.courses) or '—'}"]
        lines += [f"- **Import:** {s.how}"]
        columns = ", ".join(f"{text} → {field_}" for field_, text in s.columns.items())
        lines += [f"- **Header:** row {s.header_row}; {columns}"]
        lines += [f"- **Not matched:** {', '.join(s.unmatched) or 'none'}"]
        if s.saved:
            saved = ", ".join(f"{text} → {field_}" for text, field_ in s.saved.items())
            lines += [f"- **With the agency's saved mapping:** {saved}"]
        if s.blank_rows:
            blank_rows = ", ".join(map(str, s.blank_rows))
            lines += [f"- **Blank rows below the header (not classified):** {blank_rows}"]
        if s.note_rows:
            note_rows = ", ".join(map(str, s.note_rows))
            lines += [f"- **One-cell notes below the header (not classified):** {note_rows}"]
        lines += [f"- {note}" for note in s.notes]
        lines += [""]
        lines += table(
            ("row", "staff member", "class", "reason"),
            [(e.row, e.who, f"**{e.kind}**", e.why) for e in sorted(s.rows, key=lambda e: e.row)],
        )
        counts = {k: sum(1 for e in s.rows if e.kind == k) for k in (NEW, UPDATE, DUPLICATE, ERROR)}
        lines += ["", "Totals: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + "."]
    lines += ["", "## On record before each import", "", "### Staff", ""]
    lines += table(
        ("agency", "ref", "first name", "last name", "email", "job title", "role", "start",
         "leave"),
        [
            (s.agency, s.ref, s.first, s.last, s.email, s.job_title, s.role,
             s.start.strftime("%d/%m/%Y") if s.start else "",
             s.leave.strftime("%d/%m/%Y") if s.leave else "")
            for s in STAFF
        ],
    )  # fmt: skip
    lines += ["", "### Sessions", ""]
    lines += table(
        ("course", "starts", "hours", "venue"),
        [(s.course, s.starts_at.strftime("%d/%m/%Y %H:%M"), s.hours, s.venue) for s in SESSIONS],
    )
    lines += ["", "### Attendance records", ""]
    lines += table(
        ("agency", "ref", "course", "session day or completion date", "status"),
        [(r.agency, r.ref, r.course, r.day.strftime("%d/%m/%Y"), r.status) for r in RECORDS],
    )
    return "\n".join(lines) + "\n"


def expected_json(samples: list[Sample]) -> str:
    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()

    data = {
        "files": {
            s.file: {
                "agency": s.agency,
                "courses": list(s.courses),
                "import": s.how,
                "header_row": s.header_row,
                "columns": s.columns,
                "unmatched": list(s.unmatched),
                "saved_mapping": s.saved,
                "blank_rows": list(s.blank_rows),
                "note_rows": list(s.note_rows),
                "rows": [
                    {"row": e.row, "who": e.who, "class": e.kind, "reason": e.why}
                    for e in sorted(s.rows, key=lambda e: e.row)
                ],
            }
            for s in samples
        },
        "staff": [
            {
                "agency": s.agency,
                "ref": s.ref,
                "first_name": s.first,
                "last_name": s.last,
                "email": s.email,
                "job_title": s.job_title,
                "role": s.role,
                "start_date": iso(s.start),
                "leave_date": iso(s.leave),
            }
            for s in STAFF
        ],
        "sessions": [
            {
                "course": s.course,
                "starts_at": s.starts_at.isoformat(),
                "hours": s.hours,
                "venue": s.venue,
            }
            for s in SESSIONS
        ],
        "records": [
            {
                "agency": r.agency,
                "ref": r.ref,
                "course": r.course,
                "day": r.day.isoformat(),
                "status": r.status,
            }
            for r in RECORDS
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    samples = [make(HERE / name) for name, make in MAKERS]
    for sample in samples:
        size = (HERE / sample.file).stat().st_size
        assert size < 50_000, f"{sample.file} is {size:,} bytes"
    (HERE / "README.md").write_text(readme(samples), encoding="utf-8")
    (HERE / "expected.json").write_text(expected_json(samples), encoding="utf-8")
    for sample in samples:
        print(f"{sample.file}: {(HERE / sample.file).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
