"""An import killed with SIGKILL in the middle of its commit leaves the database exactly as it was,
on SQLite and PostgreSQL, and the application opens it and imports the same file afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.database import Database
from tests.builders import basics
from tests.faults.people import completions, reference, staff_on_record, write_csv
from tests.faults.processes import contents, killed_at_its_moment, opens_cleanly
from training.imports.candidates import ImportKind
from training.imports.importing import commit_import, list_batches, preview_import

AGENCY = "Northshire Police"
PEOPLE = 2_100  # on record before the import
COMPLETIONS = ("03/03/2025", "04/03/2025")  # each person's, in the killed e-learning import
STAFF_ROWS = 120  # half of them people on record (changed), half new


def police_on_record(database: Database, tmp_path: Path) -> None:
    """The force, its staff, and one earlier import (a batch, records and their change log)."""
    b = basics(database.unit_of_work())
    staff_on_record(database, b.agency_id, "P", PEOPLE)
    earlier = completions(tmp_path / "earlier.csv", "P", 20, ("01/02/2025",))
    preview = preview_import(database.unit_of_work(), earlier, ImportKind.ELEARNING, AGENCY)
    assert commit_import(database.unit_of_work(), preview).added == 20


def elearning_file(tmp_path: Path) -> Path:
    return completions(tmp_path / "completions.csv", "P", PEOPLE, COMPLETIONS)


def staff_file(tmp_path: Path) -> Path:
    """People on record with a new job title and a role, between new people."""
    rows = []
    for n in range(STAFF_ROWS // 2):
        rows.append([reference("P", n), "Alex", f"P-Person{n}", "Sergeant", "Police officer"])
        rows.append([reference("N", n), "Sam", f"Recruit{n}", "Constable", "Police officer"])
    return write_csv(
        tmp_path / "staff.csv", ["Staff ID", "First name", "Surname", "Job title", "Role"], rows
    )


# kind -> the file, the rows written between progress reports (the moment is the first
# report), and the (added, updated) of the import run to its end afterwards. People are written
# one by one (5 to 10 ms each), so the staff list reports every 40 rows, not every 2,000.
CASES = {
    ImportKind.ELEARNING: (elearning_file, None, (PEOPLE * len(COMPLETIONS), 0)),
    ImportKind.STAFF: (staff_file, 40, (STAFF_ROWS // 2, STAFF_ROWS // 2)),
}


@pytest.mark.parametrize("kind", list(CASES), ids=str)
def test_an_import_killed_mid_commit_leaves_the_database_as_it_was(
    shared_database: Database, tmp_path: Path, kind: ImportKind
) -> None:
    police_on_record(shared_database, tmp_path)
    make_file, chunk_rows, expected = CASES[kind]
    path = make_file(tmp_path)
    before = contents(shared_database)
    chunks = ["--chunk-rows", str(chunk_rows)] if chunk_rows else []

    killed_at_its_moment(
        shared_database, tmp_path / "moment", "import", kind.value, path, AGENCY, *chunks
    )

    assert contents(shared_database) == before
    space = opens_cleanly(shared_database.url)
    preview = preview_import(space.unit_of_work(), path, kind, AGENCY)
    assert preview.already_imported_as is None
    summary = commit_import(space.unit_of_work(), preview)
    assert (summary.added, summary.updated, summary.rejected) == (*expected, 0)
    batches = list_batches(space.unit_of_work())
    assert sorted(batch.file_name for batch in batches) == sorted(["earlier.csv", path.name])
    space.close()
