"""Fixtures of the desktop tests: a real main window on a small SQLite partnership.

Settings go to a temporary folder under a test organisation, so the user's own window
layout is never read or written.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from storage import models as m
from tests.builders import basics, person
from tests.sample_partnership import build_sample_partnership
from training import agencies, catalogue, registers
from training.workspace import Workspace, open_workspace
from ui.desktop.main_window import MainWindow
from ui.desktop.operations import tracker
from ui.desktop.pages.base import Page

P = TypeVar("P", bound=Page)
TODAY = dt.date.today()
BULK_STAFF = 1_200


@pytest.fixture(autouse=True)
def private_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """QSettings in a temporary folder, under an organisation of the tests' own."""
    folder = tmp_path / "settings"
    names = qapp.organizationName(), qapp.applicationName()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("STM tests")
    qapp.setApplicationName("desktop tests")
    yield folder
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


@dataclass(frozen=True)
class ShownMessage:
    icon: QMessageBox.Icon
    title: str
    text: str
    informative: str
    details: str


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[ShownMessage]:
    """Every message box shown during the test, instead of waiting for a click."""
    shown: list[ShownMessage] = []

    def record(box: QMessageBox) -> int:
        shown.append(
            ShownMessage(
                box.icon(), box.windowTitle(), box.text(), box.informativeText(), box.detailedText()
            )
        )
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def table_titles(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def table_column(view: QTableView, title: str) -> list[str]:
    """The text of a column of a table, top to bottom as shown."""
    model = view.model()
    column = table_titles(view).index(title)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def wait_until_idle(qtbot) -> None:
    """Until every background job has run and delivered its result."""
    qtbot.waitUntil(lambda: not tracker().is_busy, timeout=10_000)


def open_page(qtbot, window: MainWindow, page_type: type[P]) -> P:
    """Show the window's page of ``page_type`` and wait until it has loaded (pages load when
    shown)."""
    window.show_page(window.page_index(page_type))
    wait_until_idle(qtbot)
    page = window.current_page
    assert isinstance(page, page_type)
    return page


def add_partnership(space: Workspace) -> None:
    """Two agencies, two topics, three courses and five staff, two of them trained in CSE."""
    b = basics(space.unit_of_work())  # Northshire Police, CSE, tiers, CSE-T1, Police officer
    education = agencies.save_sector(space.unit_of_work(), "Education")
    agencies.save_agency(
        space.unit_of_work(), agencies.AgencyDraft("Northshire Schools", education.id)
    )
    online = catalogue.save_topic(space.unit_of_work(), "Online safety")
    for code, title, topic_id, tier in (
        ("ONL-U1", "Online safety: awareness", online.id, "Universal"),
        ("CSE-S1", "CSE: specialist practice", b.topic_id, "Specialist"),
    ):
        catalogue.save_course(
            space.unit_of_work(),
            catalogue.CourseDraft(
                code, title, topic_id, b.tiers[tier], "e-learning", Decimal("1.5"), 24
            ),
        )
    people = [
        person(space.unit_of_work(), b, ref, last)
        for ref, last in (("P1", "Smith"), ("P2", "Jones"), ("P3", "Patel"), ("P4", "Okafor"))
    ]
    for trained in people[:2]:
        registers.record_completion(
            space.unit_of_work(), trained.id, b.course_id, TODAY - dt.timedelta(days=30)
        )


def add_bulk_staff(space: Workspace, count: int) -> None:
    """Many staff at once, straight into storage (fast), in the first agency."""
    agency_id = agencies.list_agencies(space.unit_of_work())[0].id
    rows = [
        {
            "agency_id": agency_id,
            "staff_ref": f"B{n:05d}",
            "first_name": "Sam",
            "last_name": f"Bulk{n:05d}",
            "email": f"b{n:05d}@police.example",
        }
        for n in range(count)
    ]
    with space.unit_of_work() as uow:
        uow.bulk_insert(m.StaffMember, rows)
        uow.commit()


@pytest.fixture(scope="session")
def partnership_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small partnership, built once; each test opens a copy of its file."""
    path = tmp_path_factory.mktemp("partnership") / "partnership.sqlite3"
    space = open_workspace(f"sqlite:///{path}")
    add_partnership(space)
    space.close()
    return path


@pytest.fixture(scope="session")
def big_partnership_file(tmp_path_factory: pytest.TempPathFactory, partnership_file: Path) -> Path:
    """The small partnership and ``BULK_STAFF`` more staff in its first agency."""
    path = tmp_path_factory.mktemp("big_partnership") / partnership_file.name
    shutil.copyfile(partnership_file, path)
    space = open_workspace(f"sqlite:///{path}")
    add_bulk_staff(space, BULK_STAFF)
    space.close()
    return path


def open_copy(original: Path, folder: Path) -> Iterator[Workspace]:
    path = folder / original.name
    shutil.copyfile(original, path)
    space = open_workspace(f"sqlite:///{path}")
    yield space
    QThreadPool.globalInstance().waitForDone()
    space.close()


@pytest.fixture
def workspace(tmp_path: Path, partnership_file: Path) -> Iterator[Workspace]:
    yield from open_copy(partnership_file, tmp_path)


@pytest.fixture
def big_workspace(tmp_path: Path, big_partnership_file: Path) -> Iterator[Workspace]:
    yield from open_copy(big_partnership_file, tmp_path)


def open_main_window(qtbot, space: Workspace) -> MainWindow:
    window = MainWindow(space)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_until_idle(qtbot)
    return window


@pytest.fixture
def main_window(qtbot, workspace: Workspace) -> Iterator[MainWindow]:
    window = open_main_window(qtbot, workspace)
    yield window
    window.close()
    wait_until_idle(qtbot)


@pytest.fixture
def big_main_window(qtbot, big_workspace: Workspace) -> Iterator[MainWindow]:
    window = open_main_window(qtbot, big_workspace)
    yield window
    window.close()
    wait_until_idle(qtbot)


@pytest.fixture(scope="session")
def sample_partnership_file(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[tuple[str, dt.datetime], int]]:
    """What the sample import files expect on record (tests/sample_partnership.py), built once;
    with each session's id by (course code, start)."""
    path = tmp_path_factory.mktemp("sample_partnership") / "sample.sqlite3"
    space = open_workspace(f"sqlite:///{path}")
    sessions = build_sample_partnership(space.unit_of_work())
    space.close()
    return path, sessions


@pytest.fixture
def sample_workspace(
    tmp_path: Path, sample_partnership_file: tuple[Path, dict[tuple[str, dt.datetime], int]]
) -> Iterator[Workspace]:
    """A copy of the sample partnership, for importing the sample files into."""
    yield from open_copy(sample_partnership_file[0], tmp_path)
