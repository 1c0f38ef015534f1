"""The coordinator's settings workbook, written from plain data.

The partnership's own settings (its name, logo and signatory: a row each), then one sheet per
subject (sectors, agencies, tiers, topics, roles, courses and the training-needs matrix), after a
"Read me" sheet that explains every column. The layout (sheet names, headings,
what each column holds) is defined here once: the importer in ``training.settings_workbook`` reads
the same headings back, so a workbook written here always imports.

The rows are any objects with the attributes the protocols below name: the read models that the
``training`` services return fit them as they are, and this module never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports.cell_safety import CellValue, neutralise

UK_DATE_FORMAT = "DD/MM/YYYY"
YES, NO = "yes", "no"
MIN_WIDTH, MAX_WIDTH = 10, 60
SPARE_ROWS = 200  # rows below the data that keep the drop-down lists, for rows users add
VALUE_WIDTH = 40  # the Partnership sheet's values: room to type a name or a logo's path


@dataclass(frozen=True)
class Column:
    heading: str
    help: str
    required: bool = False


@dataclass(frozen=True)
class SheetLayout:
    name: str
    purpose: str
    columns: tuple[Column, ...]

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(column.heading for column in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.heading for column in self.columns if column.required)


READ_ME = "Read me"

PARTNERSHIP = SheetLayout(
    "Partnership",
    "The partnership's name, logo and signatory, printed on certificates and reports: "
    "one row per setting.",
    (
        Column("Setting", "One of the settings the sheet lists, named as written.", required=True),
        Column(
            "Value",
            "The setting's value; blank: not set. The logo is the full path of a PNG or JPEG "
            "picture, which must exist on the computer that imports the workbook.",
        ),
        Column("About", "What the setting is for; not imported."),
    ),
)

SECTORS = SheetLayout(
    "Sectors",
    "The sectors agencies belong to (health, police, education, ...).",
    (
        Column("Name", "The sector's name; a new name adds a sector.", required=True),
        Column("Sort order", "A whole number; lists show sectors in this order. Blank: 0."),
    ),
)
AGENCIES = SheetLayout(
    "Agencies",
    "The partner agencies.",
    (
        Column("Name", "The agency's name; a new name adds an agency.", required=True),
        Column("Sector", "One of the names on the Sectors sheet.", required=True),
        Column("Lead name", "The agency's training lead."),
        Column("Lead email", "The lead's email address."),
        Column("Active", "yes or no. Blank: yes."),
    ),
)
TIERS = SheetLayout(
    "Tiers",
    "The training levels, in order: a higher rank covers every lower one.",
    (
        Column("Name", "The tier's name (e.g. Universal); a new name adds a tier.", required=True),
        Column("Rank", "A whole number above 0, different for every tier.", required=True),
        Column("Description", "What the tier means."),
    ),
)
TOPICS = SheetLayout(
    "Topics",
    "The training themes (CSE, missing children, online safety, ...).",
    (
        Column("Name", "The topic's name; a new name adds a topic.", required=True),
        Column("Description", "What the topic covers."),
    ),
)
ROLES = SheetLayout(
    "Roles",
    "The job roles of the training-needs matrix, with the group each belongs to.",
    (
        Column("Name", "The role's name; a new name adds a role.", required=True),
        Column("Group", "A group of roles (e.g. Police), to keep the matrix in order."),
    ),
)
COURSES = SheetLayout(
    "Courses",
    "The course catalogue.",
    (
        Column("Code", "The course's unique code; a new code adds a course.", required=True),
        Column("Title", "The course's title.", required=True),
        Column("Topic", "One of the names on the Topics sheet.", required=True),
        Column("Tier", "One of the names on the Tiers sheet.", required=True),
        Column("Delivery mode", "One of the modes in the drop-down list.", required=True),
        Column("Duration (hours)", "A number above 0, e.g. 1.5.", required=True),
        Column(
            "Validity (months)",
            "Whole months before a refresher is due. Blank: the training never expires.",
        ),
        Column("Provider", "Who delivers the course."),
        Column("QA status", "One of the statuses in the drop-down list. Blank: not assured."),
        Column("Last assured", "The date of the last quality assurance, dd/mm/yyyy."),
        Column("Active", "yes or no. Blank: yes."),
    ),
)
REQUIREMENTS = SheetLayout(
    "Requirements",
    "The training-needs matrix: one row per role, one column per topic; a cell holds the tier "
    "that role needs for that topic. A blank cell means no requirement: clearing a cell "
    "removes that requirement.",
    (
        Column("Role", "One of the names on the Roles sheet.", required=True),
        Column(
            "(one column per topic)",
            "Headed with a topic's name from the Topics sheet; each cell a tier's name or blank.",
        ),
    ),
)
LAYOUTS = (PARTNERSHIP, SECTORS, AGENCIES, TIERS, TOPICS, ROLES, COURSES, REQUIREMENTS)


@dataclass(frozen=True)
class PartnershipSetting:
    """A row of the Partnership sheet: its name there, and the attribute that holds its value."""

    name: str
    attribute: str
    about: str


PARTNERSHIP_SETTINGS = (
    PartnershipSetting(
        "Partnership name",
        "partnership",
        "The partnership's (or board's) name, at the head of certificates and reports.",
    ),
    PartnershipSetting(
        "Logo file",
        "logo_path",
        "The full path of a PNG or JPEG picture, printed on certificates. It must exist on the "
        "computer that imports this workbook; clear the cell for no logo.",
    ),
    PartnershipSetting("Signatory", "signatory", "Who signs the certificates."),
    PartnershipSetting(
        "Signatory's title", "signatory_title", "The signatory's role, printed under their name."
    ),
)

INTRODUCTION = (
    "This workbook holds the partnership's settings. Edit it in Excel, then import it "
    "(command line: settings import FILE; add --dry-run to check it without saving).",
    "Records are matched by name (courses by code), ignoring capitals: a row with a known name "
    "updates that record, a row with a new name adds one. Deleting a row deletes nothing.",
    "Keep the headings in the first row (any order, any capitals). Columns with other headings "
    "are ignored, blank rows are skipped, and a sheet left out of the workbook is left as it is.",
    "Nothing is saved unless the whole workbook is correct: every problem is listed with its "
    "sheet, row and column.",
    "Text that a spreadsheet would run as a formula (starting with = + - or @) is written with "
    "an apostrophe in front, which the import takes off again.",
)


class PartnershipRow(Protocol):
    @property
    def partnership(self) -> str: ...
    @property
    def logo_path(self) -> str: ...
    @property
    def signatory(self) -> str: ...
    @property
    def signatory_title(self) -> str: ...


class SectorRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def sort_order(self) -> int: ...


class AgencyRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def sector(self) -> str: ...
    @property
    def lead_name(self) -> str: ...
    @property
    def lead_email(self) -> str: ...
    @property
    def active(self) -> bool: ...


class TierRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def rank(self) -> int: ...
    @property
    def description(self) -> str: ...


class TopicRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...


class RoleRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role_group(self) -> str: ...


class CourseRow(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def delivery_mode(self) -> str: ...
    @property
    def duration_hours(self) -> Decimal: ...
    @property
    def validity_months(self) -> int | None: ...
    @property
    def provider(self) -> str: ...
    @property
    def qa_status(self) -> str: ...
    @property
    def last_assured_on(self) -> dt.date | None: ...
    @property
    def active(self) -> bool: ...


class RequirementRow(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def tier(self) -> str: ...


@dataclass(frozen=True)
class SettingsSnapshot:
    """Everything the workbook holds, in the order each sheet lists it."""

    partnership: PartnershipRow
    sectors: Sequence[SectorRow]
    agencies: Sequence[AgencyRow]
    tiers: Sequence[TierRow]
    topics: Sequence[TopicRow]
    roles: Sequence[RoleRow]
    courses: Sequence[CourseRow]
    requirements: Sequence[RequirementRow]
    delivery_modes: Sequence[str]
    qa_statuses: Sequence[str]


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def write_settings_workbook(path: Path, snapshot: SettingsSnapshot) -> None:
    """Write ``snapshot`` to ``path`` as an xlsx workbook (replacing any file there)."""
    workbook = Workbook()
    _write_read_me(workbook.active)
    _write_partnership(workbook.create_sheet(PARTNERSHIP.name), snapshot.partnership)
    _write_table(
        workbook.create_sheet(SECTORS.name),
        SECTORS,
        [[s.name, s.sort_order] for s in snapshot.sectors],
        {"Sort order": _whole_number(minimum=None)},
    )
    _write_table(
        workbook.create_sheet(AGENCIES.name),
        AGENCIES,
        [
            [a.name, a.sector, a.lead_name, a.lead_email, yes_no(a.active)]
            for a in snapshot.agencies
        ],
        {"Sector": _name_list(SECTORS, len(snapshot.sectors)), "Active": _choice((YES, NO))},
    )
    _write_table(
        workbook.create_sheet(TIERS.name),
        TIERS,
        [[t.name, t.rank, t.description] for t in snapshot.tiers],
        {"Rank": _whole_number(minimum=1)},
    )
    _write_table(
        workbook.create_sheet(TOPICS.name),
        TOPICS,
        [[t.name, t.description] for t in snapshot.topics],
        {},
    )
    _write_table(
        workbook.create_sheet(ROLES.name),
        ROLES,
        [[r.name, r.role_group] for r in snapshot.roles],
        {},
    )
    _write_table(
        workbook.create_sheet(COURSES.name),
        COURSES,
        [_course_cells(c) for c in snapshot.courses],
        {
            "Topic": _name_list(TOPICS, len(snapshot.topics)),
            "Tier": _name_list(TIERS, len(snapshot.tiers)),
            "Delivery mode": _choice(snapshot.delivery_modes),
            "Duration (hours)": _hours(),
            "Validity (months)": _whole_number(minimum=1),
            "QA status": _choice(snapshot.qa_statuses),
            "Active": _choice((YES, NO)),
        },
    )
    _write_matrix(workbook.create_sheet(REQUIREMENTS.name), snapshot)
    workbook.save(path)


def _course_cells(course: CourseRow) -> list[CellValue]:
    return [
        course.code,
        course.title,
        course.topic,
        course.tier,
        course.delivery_mode,
        course.duration_hours,
        course.validity_months,
        course.provider,
        course.qa_status,
        course.last_assured_on,
        yes_no(course.active),
    ]


# --- sheets ------------------------------------------------------------------------------


def _write_read_me(sheet: Worksheet) -> None:
    sheet.title = READ_ME
    sheet.append([neutralise("Settings workbook")])
    sheet["A1"].font = Font(bold=True, size=14)
    for paragraph in INTRODUCTION:
        sheet.append([neutralise(paragraph)])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
        )
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[sheet.max_row].height = 32
    sheet.append([])
    sheet.append(["Sheet", "Column", "Required", "What to write"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for layout in LAYOUTS:
        sheet.append([layout.name, None, None, neutralise(layout.purpose)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for column in layout.columns:
            required = yes_no(column.required)
            sheet.append([None, column.heading, required, neutralise(column.help)])
    for row in sheet.iter_rows(min_row=len(INTRODUCTION) + 3):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (16, 24, 10, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def _write_table(
    sheet: Worksheet,
    layout: SheetLayout,
    rows: list[list[CellValue]],
    validations: dict[str, DataValidation | None],
) -> None:
    _write_rows(sheet, list(layout.headings), rows)
    _finish_table(sheet, frozen="A2")
    for heading, validation in validations.items():
        if validation is not None:
            letter = get_column_letter(layout.headings.index(heading) + 1)
            validation.add(f"{letter}2:{letter}{len(rows) + 1 + SPARE_ROWS}")
            sheet.add_data_validation(validation)


def _write_partnership(sheet: Worksheet, partnership: PartnershipRow) -> None:
    rows: list[list[CellValue]] = [
        [setting.name, getattr(partnership, setting.attribute), setting.about]
        for setting in PARTNERSHIP_SETTINGS
    ]
    _write_table(
        sheet, PARTNERSHIP, rows, {"Setting": _choice([s.name for s in PARTNERSHIP_SETTINGS])}
    )
    value = sheet.column_dimensions["B"]
    value.width = max(value.width, VALUE_WIDTH)
    for (about,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        about.alignment = Alignment(wrap_text=True, vertical="top")


def _write_matrix(sheet: Worksheet, snapshot: SettingsSnapshot) -> None:
    """Rows are roles, columns topics, cells the tier the role needs for the topic (or blank)."""
    topics = [t.name for t in snapshot.topics]
    needs = {(r.role, r.topic): r.tier for r in snapshot.requirements}
    rows: list[list[CellValue]] = [
        [role.name, *(needs.get((role.name, topic)) for topic in topics)] for role in snapshot.roles
    ]
    _write_rows(sheet, [REQUIREMENTS.columns[0].heading, *topics], rows)
    _finish_table(sheet, frozen="B2")
    tier_names = _name_list(TIERS, len(snapshot.tiers))
    if tier_names is not None and topics:
        last = get_column_letter(len(topics) + 1)
        tier_names.add(f"B2:{last}{len(rows) + 1 + SPARE_ROWS}")
        sheet.add_data_validation(tier_names)


def _write_rows(sheet: Worksheet, headings: list[str], rows: list[list[CellValue]]) -> None:
    sheet.append([neutralise(heading) for heading in headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([neutralise(value) for value in values])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = UK_DATE_FORMAT
    for index, heading in enumerate(headings):
        widest = max([len(heading), *(len(_shown(row[index])) for row in rows)])
        width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _finish_table(sheet: Worksheet, *, frozen: str) -> None:
    sheet.freeze_panes = frozen
    sheet.auto_filter.ref = sheet.dimensions


def _shown(value: CellValue) -> str:
    if isinstance(value, dt.date):
        return "dd/mm/yyyy"
    return "" if value is None else str(value)


# --- drop-down lists and number checks -----------------------------------------------------


def _name_list(layout: SheetLayout, count: int) -> DataValidation | None:
    """A drop-down of the names in the first column of ``layout``'s sheet.

    A warning, not a stop: a name added on that sheet after export is still accepted.
    """
    if count == 0:
        return None
    return _validation(
        type="list",
        formula1=f"'{layout.name}'!$A$2:$A${count + 1}",
        errorStyle="warning",
        errorTitle=f"Not on the {layout.name} sheet",
        error=f"Choose a name from the {layout.name} sheet, or add it there first.",
    )


def _choice(options: Sequence[str]) -> DataValidation | None:
    """A drop-down of fixed options (none when they cannot be written as an Excel list)."""
    formula = '"' + ",".join(options) + '"'
    if not options or len(formula) > 255 or any("," in o or '"' in o for o in options):
        return None
    return _validation(
        type="list",
        formula1=formula,
        errorTitle="Not a choice",
        error="Choose one of: " + ", ".join(options),
    )


def _validation(**options: str) -> DataValidation:
    """A check Excel runs as a cell is typed in (blank cells always pass)."""
    return DataValidation(allow_blank=True, showErrorMessage=True, **options)


def _whole_number(*, minimum: int | None) -> DataValidation:
    if minimum is None:
        return _validation(
            type="whole",
            operator="between",
            formula1="-1000000",
            formula2="1000000",
            error="Write a whole number.",
        )
    return _validation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1=str(minimum),
        error=f"Write a whole number of at least {minimum}.",
    )


def _hours() -> DataValidation:
    return _validation(
        type="decimal",
        operator="between",
        formula1="0.01",
        formula2="1000",
        error="Write a number of hours above 0 and at most 1000, e.g. 1.5.",
    )
