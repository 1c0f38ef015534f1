"""Several processes at once on one PostgreSQL database: three agencies' files imported while a
coordinator edits. Every process ends (no deadlock), every import is saved whole, the edits made
meanwhile are kept, and the one edit made on a copy older than an import's change is refused as
a conflict (``ConflictError``), never saved over it.

Two of the imports stop in the middle of their commits until the coordinator has worked beside
them (see tests/faults/coordinator.py), so the overlap is certain, not a matter of timing: the
course the paused e-learning import's new records refer to is renamed, and a person of the paused
staff import's agency is edited, while both transactions are open.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from storage.database import Database
from tests.builders import basics
from tests.faults.people import completions, reference, staff_on_record, write_csv
from tests.faults.processes import Child, empty_postgres, start_child
from training import agencies
from training.catalogue import list_courses
from training.imports.importing import list_batches
from training.staff import count_staff, get_staff, page_staff

TIMEOUT = 120  # seconds for all the processes together; a deadlock would never end
POLICE, SCHOOL, HOSPITAL = "Northshire Police", "Kingsmead Academy", "Northshire Hospital"
ON_RECORD = {POLICE: ("P", 300), SCHOOL: ("S", 1_000), HOSPITAL: ("H", 1_000)}
RECRUITS = 60
DAYS = ("03/03/2025", "04/03/2025")
EMAIL = "checked@coordinator.example"
TITLE = "CSE: targeted practice (renamed)"
STALE_EDIT = "edit the person the import changed, on the copy read before"


def three_agencies(database: Database) -> dict[str, int]:
    b = basics(database.unit_of_work())
    ids = {POLICE: b.agency_id}
    for name in (SCHOOL, HOSPITAL):
        draft = agencies.AgencyDraft(name, b.sector_id)
        ids[name] = agencies.save_agency(database.unit_of_work(), draft).id
    for name, (prefix, count) in ON_RECORD.items():
        staff_on_record(database, ids[name], prefix, count)
    return ids


def police_staff_list(path: Path) -> Path:
    """The officers with a new job title, the first one first, but not the last; then recruits."""
    officers = ON_RECORD[POLICE][1] - 1
    rows = [[reference("P", n), "Alex", f"P-Person{n}", "Sergeant"] for n in range(officers)]
    rows += [[reference("R", n), "Sam", f"Recruit{n}", "Constable"] for n in range(RECRUITS)]
    return write_csv(path, ["Staff ID", "First name", "Surname", "Job title"], rows)


def officer(database: Database, agency_id: int, number: int) -> int:
    found = page_staff(database.unit_of_work(), agency_id=agency_id, search=reference("P", number))
    return found[0].id


def results(children: dict[str, Child]) -> dict[str, dict[str, object]]:
    """What each process printed, once all have ended; fails if any is still running after
    TIMEOUT seconds (a deadlock) or failed."""
    deadline = time.monotonic() + TIMEOUT
    printed = {}
    try:
        for name, child in children.items():
            try:
                out, err = child.communicate(timeout=max(deadline - time.monotonic(), 1))
            except subprocess.TimeoutExpired:
                raise AssertionError(f"{name} was still running after {TIMEOUT} s") from None
            assert child.returncode == 0, f"{name} ended with status {child.returncode}:\n{err}"
            printed[name] = json.loads(out.strip().splitlines()[-1])
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.communicate()
    return printed


@pytest.mark.postgresql
def test_imports_and_edits_at_once_lose_nothing_and_report_the_conflict(
    postgres_database: Database, tmp_path: Path
) -> None:
    database = postgres_database
    empty_postgres(database)
    ids = three_agencies(database)
    busy = officer(database, ids[POLICE], 0)
    quiet = officer(database, ids[POLICE], ON_RECORD[POLICE][1] - 1)
    pauses = {name: (tmp_path / f"{name} paused", tmp_path / f"{name} go") for name in "PS"}
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "wait_for": [str(paused) for paused, _ in pauses.values()],
                "release": [str(go) for _, go in pauses.values()],
                "course": "CSE-T1",
                "title": TITLE,
                "busy": busy,
                "quiet": quiet,
                "email": EMAIL,
            }
        ),
        encoding="utf-8",
    )

    def paused_import(name: str, kind: str, path: Path, agency: str, rows: int) -> Child:
        paused, go = pauses[name]
        return start_child(
            database.url,
            *("--marker", paused, "--wait-for", go),
            *("import", kind, path, agency, "--chunk-rows", str(rows)),
        )

    printed = results(
        {
            "police": paused_import(
                "P", "staff", police_staff_list(tmp_path / "police.csv"), POLICE, 50
            ),
            "school": paused_import(
                "S", "elearning", completions(tmp_path / "s.csv", "S", 1_000, DAYS), SCHOOL, 500
            ),
            "hospital": start_child(
                database.url,
                *("import", "elearning", completions(tmp_path / "h.csv", "H", 1_000, DAYS)),
                HOSPITAL,
            ),
            "coordinator": start_child(database.url, plan, program="tests.faults.coordinator"),
        }
    )

    officers = ON_RECORD[POLICE][1] - 1
    assert (printed["police"]["added"], printed["police"]["updated"]) == (RECRUITS, officers)
    assert printed["school"]["added"] == printed["hospital"]["added"] == 1_000 * len(DAYS)
    edits = printed["coordinator"]
    refused = str(edits.pop(STALE_EDIT))
    assert refused.startswith("conflict: ") and "changed by someone else" in refused
    assert edits == {
        "rename the course": "saved",
        "edit the person no import touches": "saved",
        "edit the person the import changed, reloaded": "saved",
    }
    uow = database.unit_of_work
    assert len(list_batches(uow())) == 3
    assert count_staff(uow(), agency_id=ids[POLICE]) == ON_RECORD[POLICE][1] + RECRUITS
    changed = get_staff(uow(), busy)
    assert (changed.job_title, changed.email) == ("Sergeant", EMAIL)  # the import's and the edit's
    untouched = get_staff(uow(), quiet)
    assert (untouched.job_title, untouched.email) == ("Constable", EMAIL)
    assert next(c for c in list_courses(uow()) if c.code == "CSE-T1").title == TITLE
    with uow() as work:
        assert work.attendances.count() == 2 * 1_000 * len(DAYS)
