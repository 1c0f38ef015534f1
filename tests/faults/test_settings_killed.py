"""A settings workbook import killed with SIGKILL leaves the settings as they were, on SQLite and
PostgreSQL; the application opens the database and imports the same workbook afterwards.

The child stops when the import commits: every sector, agency, tier, topic, role, course and
requirement of the workbook has been written to the database by then, and none committed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storage.database import Database
from tests.builders import basics
from tests.faults.processes import contents, killed_at_its_moment, opens_cleanly
from training.agencies import list_agencies
from training.catalogue import list_courses
from training.demo import load_demo
from training.settings_workbook import export_settings, import_settings


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo partnership's settings workbook: 26 agencies, 41 roles, 18 courses, the matrix."""
    demo = Database("sqlite://")
    demo.create_all()
    load_demo(demo.unit_of_work(), today=dt.date(2026, 3, 31))
    path = tmp_path_factory.mktemp("settings") / "northshire.xlsx"
    export_settings(demo.unit_of_work(), path)
    demo.dispose()
    return path


def test_a_settings_import_killed_before_its_commit_changes_nothing(
    shared_database: Database, tmp_path: Path, demo_settings: Path
) -> None:
    basics(shared_database.unit_of_work())  # a partnership the workbook adds to and changes
    before = contents(shared_database)

    killed_at_its_moment(shared_database, tmp_path / "moment", "settings", demo_settings)

    assert contents(shared_database) == before
    space = opens_cleanly(shared_database.url)
    report = import_settings(space.unit_of_work(), demo_settings)
    assert report.changed
    assert report.sheets["Agencies"].added == 25  # one of the 26 was on record
    assert len(list_agencies(space.unit_of_work())) == 26
    assert len(list_courses(space.unit_of_work())) == 18  # CSE-T1 was on record: updated
    assert not import_settings(space.unit_of_work(), demo_settings).changed
    space.close()
