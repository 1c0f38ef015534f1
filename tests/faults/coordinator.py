"""The coordinator of the concurrency test: a process that edits records through the services while
other processes import, and says how each edit went.

    python -m tests.faults.coordinator URL PLAN.json

PLAN names the files that say the imports are in the middle of their commits (``wait_for``), the
files that let them go on (``release``), the course to rename and two people to edit: ``busy``, a
person the staff import has just changed (its transaction still open), and ``quiet``, a person no
import touches. The edits, in order:

1. with the imports paused mid-commit: read ``busy`` (the import's change is not committed, so
   this is the record as it was), rename the course that the paused e-learning import's new
   records refer to, and edit ``quiet``;
2. let the imports go on, then save the edit of ``busy`` made on the copy read in step 1: the
   import has changed that person since, so this must be refused as a conflict, never overwrite;
3. read ``busy`` again and save the same edit: it must be kept beside the import's change.

Prints {edit: "saved" | "conflict: message"} as JSON. Waiting more than WAIT_SECONDS for a file
is an error (exit status 1): the imports did not get to their moments.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from storage.database import Database
from training.catalogue import CourseDraft, list_courses, save_course
from training.errors import ConflictError
from training.staff import StaffDraft, StaffView, get_staff, save_staff

WAIT_SECONDS = 90


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(f"{path.name} did not appear within {WAIT_SECONDS} s")
        time.sleep(0.01)


def draft(view: StaffView, email: str) -> StaffDraft:
    return StaffDraft(
        view.agency_id,
        view.first_name,
        view.last_name,
        view.role_id,
        staff_ref=view.staff_ref,
        email=email,
        job_title=view.job_title,
        front_line=view.front_line,
        works_with_children_10_plus=view.works_with_children_10_plus,
        start_date=view.start_date,
        leave_date=view.leave_date,
    )


def outcome(save: Any) -> str:
    try:
        save()
    except ConflictError as conflict:
        return f"conflict: {conflict}"
    return "saved"


def rename_course(database: Database, code: str, title: str) -> str:
    course = next(c for c in list_courses(database.unit_of_work()) if c.code == code)
    changed = CourseDraft(
        course.code,
        title,
        course.topic_id,
        course.tier_id,
        course.delivery_mode,
        course.duration_hours,
        course.validity_months,
        course.provider,
        course.active,
    )
    return outcome(
        lambda: save_course(
            database.unit_of_work(), changed, course_id=course.id, version=course.version
        )
    )


def edit(database: Database, view: StaffView, email: str) -> str:
    return outcome(
        lambda: save_staff(
            database.unit_of_work(), draft(view, email), staff_id=view.id, version=view.version
        )
    )


def run(database: Database, plan: dict[str, Any]) -> dict[str, str]:
    for name in plan["wait_for"]:
        wait_for(Path(name))
    busy = get_staff(database.unit_of_work(), plan["busy"])
    quiet = get_staff(database.unit_of_work(), plan["quiet"])
    outcomes = {
        "rename the course": rename_course(database, plan["course"], plan["title"]),
        "edit the person no import touches": edit(database, quiet, plan["email"]),
    }
    for name in plan["release"]:
        Path(name).touch()
    outcomes["edit the person the import changed, on the copy read before"] = edit(
        database, busy, plan["email"]
    )
    reloaded = get_staff(database.unit_of_work(), plan["busy"])
    outcomes["edit the person the import changed, reloaded"] = edit(
        database, reloaded, plan["email"]
    )
    return outcomes


def main(argv: list[str]) -> int:
    url, plan = argv
    database = Database(url)
    try:
        print(json.dumps(run(database, json.loads(Path(plan).read_text(encoding="utf-8")))))
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
