"""Many people on record at once, and the csv files agencies send about them."""

from __future__ import annotations

import csv
from pathlib import Path

from storage import models as m
from storage.database import Database


def reference(prefix: str, number: int) -> str:
    return f"{prefix}{number:05d}"


def staff_on_record(database: Database, agency_id: int, prefix: str, count: int) -> None:
    """``count`` people in the agency, with references PREFIX00000 on, written in one go."""
    with database.unit_of_work() as uow:
        uow.bulk_insert(
            m.StaffMember,
            [
                {
                    "agency_id": agency_id,
                    "staff_ref": reference(prefix, n),
                    "first_name": "Alex",
                    "last_name": f"{prefix}-Person{n}",
                    "email": "",
                    "job_title": "Constable",
                    "version": 1,
                }
                for n in range(count)
            ],
        )
        uow.commit()


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def completions(path: Path, prefix: str, people: int, days: tuple[str, ...]) -> Path:
    """An e-learning platform's export: each person completed CSE-T1 on each of the days."""
    return write_csv(
        path,
        ["Staff ID", "Course", "Completion date", "Status"],
        [[reference(prefix, n), "CSE-T1", day, "Completed"] for n in range(people) for day in days],
    )
