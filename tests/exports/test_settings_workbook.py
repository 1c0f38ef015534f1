"""The settings workbook's layout, written from plain rows (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exports.settings_workbook import (
    LAYOUTS,
    PARTNERSHIP_SETTINGS,
    READ_ME,
    SettingsSnapshot,
    write_settings_workbook,
)


@dataclass(frozen=True)
class Letterhead:
    partnership: str = "Northshire Partnership"
    logo_path: str = "/srv/partnership/logo.png"
    signatory: str = "+Dr Helen Marsden"
    signatory_title: str = ""


@dataclass(frozen=True)
class Named:
    name: str
    sort_order: int = 0
    rank: int = 1
    description: str = ""
    role_group: str = ""


@dataclass(frozen=True)
class Agency:
    name: str = "Northshire Police"
    sector: str = "Police"
    lead_name: str = "Sam Lead"
    lead_email: str = "sam@police.example"
    active: bool = False


@dataclass(frozen=True)
class Course:
    code: str = "CSE-T1"
    title: str = "CSE: targeted"
    topic: str = "CSE"
    tier: str = "Targeted"
    delivery_mode: str = "classroom"
    duration_hours: Decimal = Decimal("6.50")
    validity_months: int | None = 36
    provider: str = "Barnardo's"
    qa_status: str = "assured"
    last_assured_on: dt.date | None = dt.date(2025, 3, 15)
    active: bool = True


@dataclass(frozen=True)
class Requirement:
    role: str
    topic: str
    tier: str


@pytest.fixture
def workbook(tmp_path):
    snapshot = SettingsSnapshot(
        partnership=Letterhead(),
        sectors=[Named("Police", sort_order=1)],
        agencies=[Agency()],
        tiers=[Named("Universal", rank=1), Named("Targeted", rank=3)],
        topics=[Named("CSE"), Named("Online safety")],
        roles=[Named("Police officer", role_group="Police"), Named("Nurse")],
        courses=[Course()],
        requirements=[Requirement("Police officer", "CSE", "Targeted")],
        delivery_modes=("e-learning", "classroom"),
        qa_statuses=("not assured", "assured"),
    )
    path = tmp_path / "settings.xlsx"
    write_settings_workbook(path, snapshot)
    return load_workbook(path)


def test_a_read_me_sheet_comes_first_then_one_sheet_per_subject(workbook):
    assert workbook.sheetnames == [READ_ME, *(layout.name for layout in LAYOUTS)]
    explained = {cell.value for cell in workbook[READ_ME]["B"]}
    for layout in LAYOUTS:
        assert set(layout.headings) <= explained


def test_every_table_has_a_bold_frozen_filtered_heading_row(workbook):
    for layout in LAYOUTS:
        sheet = workbook[layout.name]
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes in ("A2", "B2")
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(10 <= sheet.column_dimensions[c].width <= 60 for c in "AB")


def test_numbers_are_numbers_flags_are_yes_or_no_and_dates_are_uk(workbook):
    course = [cell for cell in workbook["Courses"][2]]
    assert [c.value for c in course[5:7]] == [6.5, 36]
    assert course[9].value == dt.datetime(2025, 3, 15)
    assert course[9].number_format == "DD/MM/YYYY"
    assert course[10].value == "yes"
    assert workbook["Agencies"]["E2"].value == "no"
    assert workbook["Sectors"]["B2"].value == 1


def test_the_partnership_sheet_has_a_row_per_setting_with_what_it_is_for(workbook):
    rows = [list(row) for row in workbook["Partnership"].values]
    assert [row[:2] for row in rows] == [
        ["Setting", "Value"],
        ["Partnership name", "Northshire Partnership"],
        ["Logo file", "/srv/partnership/logo.png"],
        ["Signatory", "'+Dr Helen Marsden"],
        ["Signatory's title", None],
    ]
    assert rows[0][2] == "About"
    assert [row[2] for row in rows[1:]] == [setting.about for setting in PARTNERSHIP_SETTINGS]
    assert "must exist on the computer that imports" in rows[2][2]
    assert workbook["Partnership"].column_dimensions["B"].width >= 40, "room to type a path"
    (names,) = workbook["Partnership"].data_validations.dataValidation
    assert names.formula1 == '"Partnership name,Logo file,Signatory,Signatory\'s title"'


def test_the_requirements_matrix_has_roles_down_topics_across_and_tiers_inside(workbook):
    assert [list(row) for row in workbook["Requirements"].values] == [
        ["Role", "CSE", "Online safety"],
        ["Police officer", "Targeted", None],
        ["Nurse", None, None],
    ]


def test_choices_are_offered_as_drop_down_lists(workbook):
    courses = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in workbook["Courses"].data_validations.dataValidation
    }
    assert courses["C2"] == "'Topics'!$A$2:$A$3"
    assert courses["D2"] == "'Tiers'!$A$2:$A$3"
    assert courses["E2"] == '"e-learning,classroom"'
    matrix = workbook["Requirements"].data_validations.dataValidation
    assert [(str(v.sqref), v.formula1) for v in matrix] == [("B2:C203", "'Tiers'!$A$2:$A$3")]
