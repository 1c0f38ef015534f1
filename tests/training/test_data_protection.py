"""Data protection, on SQLite and PostgreSQL: leavers anonymised after the retention period with
every count unchanged and no trace of who they were left anywhere in the database; erasure on
request; everything held about one person; and only a coordinator may do any of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from storage.database import Database
from tests.personal_data import (
    CURRENT,
    GONE,
    LONG_AGO,
    MISSPELT,
    RECENT,
    TODAY,
    Cast,
    build,
    traces_in,
)
from training import staff
from training.access import AccessDeniedError, Principal, Role
from training.data_protection import (
    DEFAULT_RETENTION_YEARS,
    ERASED,
    NAME_REMOVED,
    RetentionPolicy,
    anonymise_leavers,
    erase_person,
    export_person_record,
    find_person,
    leavers_due,
    person_record,
    retention_policy,
    set_retention_policy,
)
from training.errors import ConflictError, NotFoundError, ValidationError
from training.imports.importing import list_batches, undo_import
from training.progress import CancelledByUser
from training.quality import quality_summary
from training.returns import compliance_table, training_return


@pytest.fixture
def cast(database: Database, tmp_path: Path) -> Cast:
    return build(database, tmp_path)


def figures(database: Database) -> list[object]:
    """Every count the partnership reports, on a day the gone leaver was in post and today."""
    shown: list[object] = []
    for on in (dt.date(2014, 6, 1), dt.date(2015, 3, 31), TODAY):
        shown.append(compliance_table(database.unit_of_work(), "CSE", on))
        ret = training_return(database.unit_of_work(), on)
        shown.append([(a.agency, a.counts) for a in ret.agencies])
        shown.append(
            sorted(
                (line.staff_id, line.standing, line.expires_on, line.trained_in_period)
                for a in ret.agencies
                for line in a.people
            )
        )
    quality = quality_summary(database.unit_of_work(), dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    shown.append((quality.overall, quality.by_course, quality.by_tier, quality.by_trainer))
    return shown


# --- the retention period ----------------------------------------------------------------------


def test_the_retention_period_is_six_years_until_set(uow):
    assert retention_policy(uow) == RetentionPolicy(DEFAULT_RETENTION_YEARS) == RetentionPolicy(6)
    assert set_retention_policy(uow, 3) == RetentionPolicy(3)
    assert retention_policy(uow).years == 3


@pytest.mark.parametrize("years", [0, -1, 101])
def test_a_retention_period_outside_1_to_100_years_is_refused(uow, years):
    with pytest.raises(ValidationError) as refused:
        set_retention_policy(uow, years)
    assert "from 1 to 100 years" in refused.value.problems["years"]
    assert retention_policy(uow).years == 6


def test_a_retention_period_changed_by_someone_else_meanwhile_is_not_overwritten(uow):
    set_retention_policy(uow, 7)
    with pytest.raises(ConflictError):
        set_retention_policy(uow, 10, seen=6)
    assert retention_policy(uow).years == 7
    set_retention_policy(uow, 10, seen=7)
    assert retention_policy(uow).years == 10


def test_the_period_ends_the_same_day_so_many_years_after_leaving():
    policy = RetentionPolicy(6)
    assert policy.left_by(dt.date(2026, 3, 31)) == dt.date(2020, 3, 31)
    assert policy.left_by(dt.date(2026, 2, 28)) == dt.date(2020, 2, 28)  # not yet the 29th


# --- leavers ------------------------------------------------------------------------------------


def test_the_preview_names_only_the_leavers_whose_period_is_over(database, cast):
    due = leavers_due(database.unit_of_work(), TODAY)
    assert due.total == 1 and due.by_agency == (("Northshire Police", 1),)
    assert [(p.staff_id, p.name, p.leave_date) for p in due.people] == [
        (cast.gone, "Zebedee Quixotic", GONE.leave)
    ]
    set_retention_policy(database.unit_of_work(), 1)
    assert {p.staff_id for p in leavers_due(database.unit_of_work(), TODAY).people} == {
        cast.gone,
        cast.recent,
    }
    assert traces_in(database, *GONE.traces, MISSPELT), "a preview changes nothing"


def test_a_leaver_is_due_on_the_day_their_period_ends_and_not_before(database, cast):
    ends = dt.date(2021, 6, 30)  # six years after 30/06/2015
    assert leavers_due(database.unit_of_work(), ends - dt.timedelta(days=1)).total == 0
    assert leavers_due(database.unit_of_work(), ends).total == 1


def test_anonymising_leavers_keeps_every_count_and_leaves_no_trace_of_them(database, cast):
    before = figures(database)
    recent_before = staff.get_staff(database.unit_of_work(), cast.recent)
    current_before = staff.get_staff(database.unit_of_work(), cast.current)
    # the rows, the audit trail, the import log and the comments
    assert len(traces_in(database, *GONE.traces, MISSPELT)) >= 8

    done = anonymise_leavers(database.unit_of_work(), TODAY)

    assert done.count == 1 and "1 leaver who left on or before" in str(done)
    assert figures(database) == before
    assert traces_in(database, *GONE.traces, MISSPELT) == []
    gone = staff.get_staff(database.unit_of_work(), cast.gone)
    assert (gone.first_name, gone.last_name, gone.email, gone.job_title, gone.staff_ref) == (
        "Anonymised",
        f"person #{cast.gone}",
        "",
        "",
        f"anon-{cast.gone}",
    )
    assert (gone.start_date, gone.leave_date, gone.role) == (
        GONE.start,
        GONE.leave,
        "Police officer",
    )
    assert staff.get_staff(database.unit_of_work(), cast.recent) == recent_before
    assert staff.get_staff(database.unit_of_work(), cast.current) == current_before
    assert traces_in(database, RECENT.last, CURRENT.last), "the others are untouched"
    assert leavers_due(database.unit_of_work(), TODAY).total == 0
    assert anonymise_leavers(database.unit_of_work(), TODAY).count == 0, "once only"


def test_the_audit_trail_keeps_what_happened_without_the_values(database, cast):
    anonymise_leavers(database.unit_of_work(), TODAY)

    audit = person_record(database.unit_of_work(), cast.gone).audit
    renamed = next(a for a in audit if a.action == "change" and a.table_name == "staff_members")
    assert renamed.changes == (("last_name", ERASED, ERASED),)
    assert renamed.description == f"Anonymised person #{cast.gone}"
    added = next(a for a in audit if a.action == "add" and a.table_name == "staff_members")
    assert dict((f, new) for f, _, new in added.changes)["leave_date"] == "2015-06-30"
    note = audit[-1]
    assert (note.action, note.table_name, note.record_id) == (
        "anonymise",
        "staff_members",
        cast.gone,
    )
    assert "left on 30/06/2015" in note.description
    assert note.changes == (("anonymised_on", None, TODAY.isoformat()),)


def test_the_evaluation_keeps_its_ratings_and_loses_its_comments(database, cast):
    anonymise_leavers(database.unit_of_work(), TODAY)
    [evaluation] = person_record(database.unit_of_work(), cast.gone).evaluations
    assert (evaluation.overall_rating, evaluation.confidence_after) == (5, 4)
    assert evaluation.comments == ""


def test_undoing_an_import_after_anonymising_cannot_bring_the_name_back(database, cast):
    anonymise_leavers(database.unit_of_work(), TODAY)
    [batch] = list_batches(database.unit_of_work())
    undo_import(database.unit_of_work(), batch.id)
    assert traces_in(database, *GONE.traces, MISSPELT) == []
    assert staff.get_staff(database.unit_of_work(), cast.gone).last_name == f"person #{cast.gone}"


def test_leavers_cannot_be_anonymised_ahead_of_time(database, cast):
    with pytest.raises(ValidationError, match="after today"):
        anonymise_leavers(database.unit_of_work(), TODAY + dt.timedelta(days=1))
    assert traces_in(database, GONE.last)


def test_progress_is_reported_and_cancelling_changes_nothing(database, cast):
    with pytest.raises(CancelledByUser):
        anonymise_leavers(database.unit_of_work(), TODAY, cancelled=lambda: True)
    assert traces_in(database, *GONE.traces, MISSPELT)

    reports: list[tuple[int, int]] = []
    anonymise_leavers(
        database.unit_of_work(),
        TODAY,
        progress=lambda done, total, _message: reports.append((done, total)),
    )
    assert reports[0] == (0, 1) and reports[-1] == (1, 1)


# --- erasure on request -------------------------------------------------------------------------


def test_erasing_a_person_on_request_keeps_the_counts_and_the_reason(database, cast):
    before = figures(database)

    erased = erase_person(
        database.unit_of_work(),
        cast.current,
        "Ignatius Umbridge asked by letter, quoting ignatius.u@police.example and IU555",
    )

    assert erased.name == f"Anonymised person #{cast.current}"
    assert figures(database) == before
    assert traces_in(database, *CURRENT.traces) == []
    note = person_record(database.unit_of_work(), cast.current).audit[-1]
    assert note.action == "erase"
    assert note.description == (
        f"Erased on request: {NAME_REMOVED} asked by letter, quoting {NAME_REMOVED} and "
        f"{NAME_REMOVED}"
    )
    assert traces_in(database, GONE.last, RECENT.last), "no one else is touched"


def test_a_person_is_erased_once_and_only_for_a_reason(database, cast):
    with pytest.raises(ValidationError) as no_reason:
        erase_person(database.unit_of_work(), cast.current, "   ")
    assert no_reason.value.problems == {"reason": "is required"}
    erase_person(database.unit_of_work(), cast.current, "Asked by letter")
    with pytest.raises(ValidationError, match=f"already anonymised on {TODAY:%d/%m/%Y}"):
        erase_person(database.unit_of_work(), cast.current, "Asked again")
    with pytest.raises(NotFoundError):
        erase_person(database.unit_of_work(), 999_999, "Asked by letter")


def test_a_person_is_found_by_id_or_by_agency_and_reference(database, cast):
    by_ref = find_person(database.unit_of_work(), agency="northshire police", staff_ref="iu555")
    assert (by_ref.staff_id, by_ref.name) == (cast.current, "Ignatius Umbridge")
    assert find_person(database.unit_of_work(), staff_id=cast.current) == by_ref
    with pytest.raises(NotFoundError):
        find_person(database.unit_of_work(), agency="Northshire Police", staff_ref="NOPE")
    with pytest.raises(ValidationError):
        find_person(database.unit_of_work())


# --- everything held about one person ----------------------------------------------------------


def test_the_person_record_holds_everything_about_them(database, cast):
    record = person_record(database.unit_of_work(), cast.gone)

    p = record.person
    assert (p.name, p.email, p.staff_ref, p.job_title, p.agency) == (
        "Zebedee Quixotic",
        GONE.email,
        GONE.ref,
        GONE.job_title,
        "Northshire Police",
    )
    assert (p.start_date, p.leave_date, p.anonymised_on) == (GONE.start, GONE.leave, None)
    assert [(r.role, r.held_from) for r in record.roles] == [("Police officer", GONE.start)]
    assert [
        (a.course_code, a.tier, a.topic, a.status, a.completed_on, a.hours, a.venue)
        for a in record.attendances
    ] == [
        ("CSE-T1", "Targeted", "CSE", "attended", LONG_AGO, 6, "Old Hall"),
        ("CSE-T1", "Targeted", "CSE", "attended", dt.date(2015, 1, 5), 6, None),
    ]
    assert [(c.course_code, c.issued_on) for c in record.certificates] == [("CSE-T1", LONG_AGO)]
    assert [(e.overall_rating, e.comments[:12]) for e in record.evaluations] == [
        (5, "Zebedee here")
    ]
    assert [(c.theme, c.appointed_on) for c in record.champion_posts] == [
        ("CSE", dt.date(2013, 1, 7))
    ]
    assert [(m.held_on, m.present) for m in record.champion_meetings] == [
        (dt.date(2013, 2, 1), True)
    ]
    assert [(i.file_name, i.record_kind, i.action, i.records) for i in record.imports] == [
        ("hr list.xlsx", "staff_member", "updated", 1)
    ]
    assert {(a.action, a.table_name) for a in record.audit} == {
        ("add", "staff_members"),
        ("change", "staff_members"),
        ("add", "staff_roles"),
        ("add", "attendances"),
        ("add", "evaluations"),
        ("add", "champions"),
    }
    assert "last_name: Quixotix → Quixotic" in {a.changes_text for a in record.audit}


def test_the_person_record_workbook_reopens_with_a_sheet_per_kind(database, cast, tmp_path):
    path = tmp_path / "record.xlsx"

    sheets = export_person_record(database.unit_of_work(), cast.gone, path)

    book = openpyxl.load_workbook(path)
    assert sheets == 9
    assert book.sheetnames == [
        "Person",
        "Roles",
        "Training",
        "Certificates",
        "Evaluations",
        "Champion posts",
        "Champion meetings",
        "Imports",
        "Audit trail",
    ]
    person = {row[0]: row[1] for row in book["Person"].iter_rows(min_row=4, values_only=True)}
    assert person["Email"] == GONE.email and person["Left"] == dt.datetime(2015, 6, 30)
    assert person["Training"] == 2 and person["Audit trail"] == 7
    training = book["Training"]
    assert training.freeze_panes == "A4"
    assert training["I4"].value == dt.datetime.combine(LONG_AGO, dt.time())
    assert training["I4"].number_format == "DD/MM/YYYY"
    assert book["Evaluations"]["J4"].value.startswith("Zebedee here")


def test_text_that_looks_like_a_formula_is_written_as_text(database, cast, tmp_path):
    draft = staff.StaffDraft(
        cast.basics.agency_id, "=HYPERLINK(1)", "Smith", cast.basics.role_id, staff_ref="F1"
    )
    person = staff.save_staff(database.unit_of_work(), draft)
    path = tmp_path / "record.xlsx"
    export_person_record(database.unit_of_work(), person.id, path)
    sheet = openpyxl.load_workbook(path)["Person"]
    first_names = [row[1] for row in sheet.iter_rows(values_only=True) if row[0] == "First name"]
    assert first_names == ["'=HYPERLINK(1)"]


# --- only a coordinator ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AGENCY_LEAD, Role.QA_REVIEWER])
def test_only_a_coordinator_may_see_or_change_personal_data(database, cast, tmp_path, role):
    user = Principal("someone", role, agency_id=cast.basics.agency_id)
    calls = [
        lambda: retention_policy(database.unit_of_work(user)),
        lambda: set_retention_policy(database.unit_of_work(user), 3),
        lambda: leavers_due(database.unit_of_work(user), TODAY),
        lambda: anonymise_leavers(database.unit_of_work(user), TODAY),
        lambda: erase_person(database.unit_of_work(user), cast.current, "Asked"),
        lambda: find_person(database.unit_of_work(user), staff_id=cast.current),
        lambda: person_record(database.unit_of_work(user), cast.gone),
        lambda: export_person_record(database.unit_of_work(user), cast.gone, tmp_path / "x.xlsx"),
    ]
    for call in calls:
        with pytest.raises(AccessDeniedError, match="data protection"):
            call()
    assert traces_in(database, *GONE.traces, MISSPELT) and traces_in(database, *CURRENT.traces)
    assert not (tmp_path / "x.xlsx").exists()
    assert retention_policy(database.unit_of_work()).years == 6
