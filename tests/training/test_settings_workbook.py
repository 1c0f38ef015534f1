"""The settings workbook on both databases: round trip, re-import, edits, refusals."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from PIL import Image

from storage.database import Database
from storage.models import Base
from training import agencies, catalogue, certificates, requirements, staff
from training.errors import UserError, WorkbookError
from training.imports.files import OLE2
from training.settings_workbook import export_settings, import_settings

SUBJECTS = (
    "Partnership", "Sectors", "Agencies", "Tiers", "Topics", "Roles", "Courses", "Requirements"
)  # fmt: skip


def build_partnership(uow) -> None:
    """The partnership's name and signatory (no logo), two sectors and agencies, four tiers, two
    topics, three roles, the matrix, two courses."""
    certificates.save_certificate_settings(
        uow,
        certificates.CertificateSettings(
            "Northshire Safeguarding Children Partnership", "", "=Dr Helen Marsden", "Chair"
        ),
    )
    police = agencies.save_sector(uow, "Police", 1)
    health = agencies.save_sector(uow, "Health", 2)
    agencies.save_agency(
        uow, agencies.AgencyDraft("Northshire Police", police.id, "Sam Lead", "sam@police.example")
    )
    agencies.save_agency(
        uow, agencies.AgencyDraft("=Clinic()", health.id, "@Lead", "", active=False)
    )
    tiers = {
        name: catalogue.save_tier(uow, name, rank, f"The {name.lower()} level").id
        for rank, name in enumerate(("Universal", "Introductory", "Targeted", "Specialist"), 1)
    }
    cse = catalogue.save_topic(uow, "CSE", "Child sexual exploitation")
    online = catalogue.save_topic(uow, "Online safety", "Line one\nLine two")
    officer = staff.save_role(uow, "Police officer", "Police")
    nurse = staff.save_role(uow, "School nurse", "Health")
    staff.save_role(uow, "-Receptionist")
    requirements.set_requirement(uow, officer.id, cse.id, tiers["Targeted"])
    requirements.set_requirement(uow, nurse.id, cse.id, tiers["Universal"])
    requirements.set_requirement(uow, nurse.id, online.id, tiers["Introductory"])
    for draft in (
        catalogue.CourseDraft(
            "CSE-T1",
            "CSE: targeted",
            cse.id,
            tiers["Targeted"],
            "classroom",
            Decimal("6.5"),
            36,
            "Barnardo's",
        ),
        catalogue.CourseDraft(
            "ONL-U1",
            "Online safety basics",
            online.id,
            tiers["Universal"],
            "e-learning",
            Decimal(1),
            None,
            active=False,
        ),
    ):
        catalogue.save_course(uow, draft)


@pytest.fixture
def exported(uow, tmp_path):
    build_partnership(uow)
    path = tmp_path / "settings.xlsx"
    export_settings(uow, path)
    return path


def saved(uow, *, keep_versions: bool = False) -> dict[str, list[dict]]:
    """What the services list, without the ids a new database gives out differently."""

    def plain(view) -> dict:
        return {
            key: value
            for key, value in asdict(view).items()
            if not (key == "id" or key.endswith("_id") or (key == "version" and not keep_versions))
        }

    lists = {
        "partnership": lambda uow: [certificates.certificate_settings(uow)],
        "sectors": agencies.list_sectors,
        "agencies": agencies.list_agencies,
        "tiers": catalogue.list_tiers,
        "topics": catalogue.list_topics,
        "roles": staff.list_roles,
        "courses": catalogue.list_courses,
        "requirements": requirements.list_requirements,
    }
    return {name: [plain(view) for view in listed(uow)] for name, listed in lists.items()}


def cells(path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.values) for sheet in workbook.worksheets}


def empty(database) -> None:
    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def edit(path, change) -> None:
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)


def problems_at(refused: WorkbookError) -> set[tuple]:
    return {(p.sheet, p.row, p.column) for p in refused.problems}


# --- round trip ----------------------------------------------------------------------------


def test_a_partnership_survives_export_and_import_into_an_empty_database(
    database, uow, exported, tmp_path
):
    before = saved(uow)
    empty(database)

    report = import_settings(uow, exported)

    assert {sheet: changes.added for sheet, changes in report.sheets.items()} == {
        "Partnership": 0, "Sectors": 2, "Agencies": 2, "Tiers": 4, "Topics": 2, "Roles": 3,
        "Courses": 2, "Requirements": 3,
    }  # fmt: skip
    assert str(report.sheets["Partnership"]) == "0 added, 3 updated, 1 unchanged"  # no logo
    assert report.missing == ()
    assert saved(uow) == before
    again = tmp_path / "again.xlsx"
    export_settings(uow, again)
    assert cells(again) == cells(exported)


def test_reimporting_the_same_workbook_changes_nothing(uow, exported):
    before = saved(uow, keep_versions=True)

    report = import_settings(uow, exported)

    assert not report.changed
    assert all(c.added == c.updated == c.removed == 0 for c in report.sheets.values())
    assert report.sheets["Courses"].unchanged == 2
    assert report.sheets["Requirements"].unchanged == 3
    assert "nothing needed changing" in str(report)
    assert saved(uow, keep_versions=True) == before


def test_a_dry_run_reports_the_changes_and_saves_nothing(database, uow, exported):
    empty(database)

    report = import_settings(uow, exported, dry_run=True)

    assert report.dry_run and report.sheets["Courses"].added == 2
    assert report.sheets["Partnership"].updated == 3
    assert "Dry run: nothing was saved" in str(report)
    left = saved(uow)
    assert left.pop("partnership") == [{key: "" for key in certificates.SETTING_KEYS}]
    assert all(listed == [] for listed in left.values())


def test_formula_looking_names_are_neutralised_in_the_written_file(uow, exported):
    workbook = load_workbook(exported)
    assert workbook["Agencies"]["A2"].value == "'=Clinic()"
    assert workbook["Agencies"]["C2"].value == "'@Lead"
    assert workbook["Roles"]["A2"].value == "'-Receptionist"
    assert workbook["Partnership"]["B4"].value == "'=Dr Helen Marsden"
    every_cell = [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
    ]
    assert not [cell.coordinate for cell in every_cell if cell.data_type == "f"]
    names = {a["name"] for a in saved(uow)["agencies"]}
    assert "=Clinic()" in names  # and the import takes the apostrophe off again
    assert certificates.certificate_settings(uow).signatory == "=Dr Helen Marsden"


# --- the partnership's own settings ----------------------------------------------------------


def picture(path: Path) -> Path:
    Image.new("RGB", (60, 20), "navy").save(path)
    return path


def test_the_partnerships_name_logo_and_signatory_survive_export_and_import(
    database, uow, tmp_path
):
    logo = picture(tmp_path / "logo.png")
    letterhead = certificates.CertificateSettings(
        "Northshire Partnership", str(logo), "Dr Helen Marsden", "Independent Scrutineer"
    )
    certificates.save_certificate_settings(uow, letterhead)
    path = tmp_path / "settings.xlsx"
    export_settings(uow, path)
    sheet = [row[:2] for row in cells(path)["Partnership"]]
    assert sheet == [
        ("Setting", "Value"),
        ("Partnership name", "Northshire Partnership"),
        ("Logo file", str(logo)),
        ("Signatory", "Dr Helen Marsden"),
        ("Signatory's title", "Independent Scrutineer"),
    ]
    assert "must exist on the computer that imports" in cells(path)["Partnership"][2][2]
    empty(database)

    report = import_settings(uow, path)

    assert str(report.sheets["Partnership"]) == "0 added, 4 updated, 0 unchanged"
    assert certificates.certificate_settings(uow) == letterhead
    assert not import_settings(uow, path).changed


def test_the_partnership_sheet_sets_only_the_settings_it_has_a_row_for(uow, exported):
    def change(workbook):
        sheet = workbook["Partnership"]
        assert sheet["A2"].value == "Partnership name"
        sheet["A2"] = "  PARTNERSHIP   name "
        sheet["B2"] = "  Northshire   SCP "
        sheet.delete_rows(4)  # Signatory
        sheet["B4"] = None  # the signatory's title, cleared

    edit(exported, change)

    report = import_settings(uow, exported)

    assert str(report.sheets["Partnership"]) == "0 added, 2 updated, 1 unchanged"
    assert certificates.certificate_settings(uow) == certificates.CertificateSettings(
        "Northshire SCP", "", "=Dr Helen Marsden", ""
    )


def test_a_logo_missing_on_this_computer_or_an_unknown_setting_is_refused_at_its_cell(
    uow, exported, tmp_path
):
    def damage(workbook):
        sheet = workbook["Partnership"]
        assert sheet["A3"].value == "Logo file"
        sheet["B3"] = str(tmp_path / "on another computer" / "logo.png")
        sheet["B5"] = "x" * 121  # the signatory's title
        sheet.append(["Motto", "Safer together"])
        sheet.append(["signatory", "Someone else"])

    edit(exported, damage)
    before = saved(uow, keep_versions=True)

    with pytest.raises(WorkbookError) as refused:
        import_settings(uow, exported)

    assert problems_at(refused.value) == {
        ("Partnership", 3, "Value"),
        ("Partnership", 5, "Value"),
        ("Partnership", 6, "Setting"),
        ("Partnership", 7, "Setting"),
    }
    message = str(refused.value)
    assert "row 3, column 'Value': the logo " in message
    assert "logo.png was not found: choose a PNG or JPEG picture" in message
    assert "row 5, column 'Value': is longer than 120 characters" in message
    assert "'Motto' is not a setting: use one of 'Partnership name', 'Logo file'" in message
    assert "row 7, column 'Setting': 'signatory' is also on row 4" in message
    assert saved(uow, keep_versions=True) == before


# --- edits ---------------------------------------------------------------------------------


def test_an_edited_workbook_updates_the_right_records(uow, exported, tmp_path):
    def change(workbook):
        courses = workbook["Courses"]
        assert courses["A2"].value == "CSE-T1"
        courses["B2"] = "CSE: targeted (2025)"
        courses["I2"] = "Assured"
        courses["J2"] = "15/03/2025"
        courses.append(["cse-u1", "CSE awareness", "cse", "universal", "E-learning", 0.5, 24])
        workbook["Topics"].append(["Missing children", "Runaways"])
        matrix = workbook["Requirements"]
        assert [c.value for c in matrix[1]] == ["Role", "CSE", "Online safety"]
        roles = [c.value for c in matrix["A"]]
        assert roles == ["Role", "'-Receptionist", "School nurse", "Police officer"]
        matrix["B3"] = "Targeted"  # was Universal
        matrix["C3"] = None  # was Introductory: requirement removed
        matrix["D1"] = "Missing children"
        matrix["D4"] = "Universal"  # Police officer

    edit(exported, change)
    before = saved(uow)

    report = import_settings(uow, exported)

    assert str(report.sheets["Courses"]) == "1 added, 1 updated, 1 unchanged"
    assert str(report.sheets["Topics"]) == "1 added, 0 updated, 2 unchanged"
    assert str(report.sheets["Requirements"]) == "1 added, 1 updated, 1 unchanged, 1 removed"
    assert str(report.sheets["Agencies"]) == "0 added, 0 updated, 2 unchanged"
    after = saved(uow)
    courses = {c["code"]: c for c in after["courses"]}
    assert courses["CSE-T1"] == before["courses"][0] | {
        "title": "CSE: targeted (2025)", "qa_status": "assured",
        "last_assured_on": dt.date(2025, 3, 15),
    }  # fmt: skip
    assert courses["CSE-U1"] == {
        "code": "CSE-U1", "title": "CSE awareness", "topic": "CSE", "tier": "Universal",
        "tier_rank": 1, "delivery_mode": "e-learning", "duration_hours": Decimal("0.50"),
        "validity_months": 24, "provider": "", "qa_status": "not assured",
        "last_assured_on": None, "active": True,
    }  # fmt: skip
    needs = {(r["role"], r["topic"]): r["tier"] for r in after["requirements"]}
    assert needs == {
        ("Police officer", "CSE"): "Targeted",
        ("Police officer", "Missing children"): "Universal",
        ("School nurse", "CSE"): "Targeted",
    }
    again = tmp_path / "again.xlsx"
    export_settings(uow, again)
    assert not import_settings(uow, again).changed  # the date and statuses read back the same


def test_tiers_can_swap_ranks(uow, exported):
    def swap(workbook):
        tiers = workbook["Tiers"]
        assert [tiers["A4"].value, tiers["A5"].value] == ["Targeted", "Specialist"]
        tiers["B4"], tiers["B5"] = 4, 3

    edit(exported, swap)
    report = import_settings(uow, exported)

    assert report.sheets["Tiers"].updated == 2
    ranked = [t.name for t in catalogue.list_tiers(uow)]
    assert ranked == ["Universal", "Introductory", "Specialist", "Targeted"]


def test_headings_match_in_any_case_other_columns_and_blank_rows_are_ignored(sqlite_uow, tmp_path):
    path = tmp_path / "topics.xlsx"
    workbook = Workbook()
    topics = workbook.active
    topics.title = "topics"
    topics.append(["Notes", " NAME ", "description"])
    topics.append(["ignored", "CSE", "Child sexual exploitation"])
    topics.append([])
    topics.append([None, "  ", None])
    topics.append([None, "Online  safety", 42])
    workbook.save(path)

    report = import_settings(sqlite_uow, path)

    assert report.sheets["Topics"].added == 2
    assert set(report.missing) == set(SUBJECTS) - {"Topics"}
    assert "Sectors: not in the workbook, left as it was" in str(report)
    listed = [(t.name, t.description) for t in catalogue.list_topics(sqlite_uow)]
    assert listed == [("CSE", "Child sexual exploitation"), ("Online safety", "42")]


# --- refusals ------------------------------------------------------------------------------


def test_a_broken_workbook_is_refused_naming_sheet_row_and_column_and_nothing_is_written(
    uow, exported
):
    def damage(workbook):
        courses = workbook["Courses"]
        courses["D2"] = "Advanced"
        courses["F3"] = "two"
        courses.append(["cse-t1", "Again", "CSE", "Targeted", "classroom", 1])
        workbook["Roles"].delete_cols(1)  # the Name column
        workbook["Agencies"]["B3"] = "Fire"
        workbook["Tiers"]["B5"] = 3  # Specialist takes Targeted's rank
        workbook["Topics"].append(["Missing children"])  # good, but must not be saved
        matrix = workbook["Requirements"]
        matrix["B3"] = "Expert"  # School nurse, CSE
        matrix["D1"] = "Mising children"
        matrix.append(["Social worker"])

    edit(exported, damage)
    before = saved(uow, keep_versions=True)

    with pytest.raises(WorkbookError) as refused:
        import_settings(uow, exported)

    assert problems_at(refused.value) == {
        ("Courses", 2, "Tier"),
        ("Courses", 3, "Duration (hours)"),
        ("Courses", 4, "Code"),
        ("Roles", 1, "Name"),
        ("Agencies", 3, "Sector"),
        ("Tiers", 4, "Rank"),
        ("Tiers", 5, "Rank"),
        ("Requirements", 3, "CSE"),
        ("Requirements", 1, "Mising children"),
        ("Requirements", 5, "Role"),
    }
    message = str(refused.value)
    assert "nothing was changed" in message
    assert (
        "settings.xlsx, sheet Courses, row 2, column 'Tier': 'Advanced' is not a tier "
        "(tiers: Universal, Introductory, Specialist, Targeted)" in message
    )
    assert "row 3, column 'Duration (hours)': 'two' is not a number of hours" in message
    assert "row 4, column 'Code': 'CSE-T1' is also on row 2" in message
    assert "column 'Name': is missing: add a column headed 'Name' to row 1" in message
    assert "'Fire' is not a sector (sectors: Police, Health)" in message
    assert "row 5, column 'Rank': 3 is also the rank of 'Targeted'" in message
    assert "'Social worker' is not a role" in message
    assert saved(uow, keep_versions=True) == before


def test_a_course_with_bad_values_lists_every_bad_cell(sqlite_uow, tmp_path):
    build_partnership(sqlite_uow)
    path = tmp_path / "settings.xlsx"
    export_settings(sqlite_uow, path)

    def damage(workbook):
        courses = workbook["Courses"]
        courses["A2"] = None
        courses["E2"] = "carrier pigeon"
        courses["G2"] = 1.5
        courses["I2"] = "perfect"
        courses["J2"] = "31/02/2025"
        courses["K2"] = "maybe"

    edit(path, damage)
    with pytest.raises(WorkbookError) as refused:
        import_settings(sqlite_uow, path)

    assert problems_at(refused.value) == {
        ("Courses", 2, heading)
        for heading in (
            "Code", "Delivery mode", "Validity (months)", "QA status", "Last assured", "Active"
        )
    }  # fmt: skip
    assert "'1.5' is not a whole number" in str(refused.value)
    assert "'31/02/2025' is not a real date" in str(refused.value)


def _zip_without_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("settings.csv", b"Name\nCSE\n", "this is not an Excel workbook (.xlsx)"),
        ("settings.xlsx", b"Name,CSE\n", "the file's content is not an Excel workbook"),
        ("settings.xlsx", b"", "the file's content is not an Excel workbook"),
        ("settings.xlsx", OLE2 + bytes(500), "old Excel 97-2003 workbook (.xls)"),
        ("settings.xlsx", _zip_without_a_workbook(), "a zip archive but not an Excel workbook"),
        ("settings.xlsx", None, "the file does not exist"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(sqlite_uow, tmp_path, name, content, says):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(WorkbookError) as refused:
        import_settings(sqlite_uow, path)

    assert str(refused.value).count(name) == 2  # the heading and the problem both name it
    assert says in str(refused.value)
    assert [(p.sheet, p.row, p.column) for p in refused.value.problems] == [(None, None, None)]


def test_a_damaged_xlsx_is_refused(sqlite_uow, tmp_path):
    build_partnership(sqlite_uow)
    path = tmp_path / "settings.xlsx"
    export_settings(sqlite_uow, path)
    path.write_bytes(path.read_bytes()[:3000])

    with pytest.raises(WorkbookError, match="damaged or incomplete"):
        import_settings(sqlite_uow, path)


def test_export_wants_a_file_name_ending_in_xlsx(sqlite_uow, tmp_path):
    with pytest.raises(UserError, match=r"ending in \.xlsx"):
        export_settings(sqlite_uow, tmp_path / "settings.xls")


NAMES = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=20)  # each example writes and reads a whole workbook
@given(topics=st.lists(NAMES, min_size=1, max_size=4, unique_by=str.lower), role=NAMES)
@example(topics=["ROLE", "=1+1", "'@x", "-"], role="Role")  # a topic may share the Role heading
def test_any_names_survive_export_and_import(topics, role):
    database = Database("sqlite://")
    database.create_all()
    uow = database.unit_of_work()
    tier = catalogue.save_tier(uow, "Universal", 1)
    saved_role = staff.save_role(uow, role)
    for name in topics:
        topic = catalogue.save_topic(uow, name)
        requirements.set_requirement(uow, saved_role.id, topic.id, tier.id)
    before = saved(uow)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.xlsx"
        export_settings(uow, path)
        empty(database)
        import_settings(uow, path)
    assert saved(uow) == before
    database.dispose()
