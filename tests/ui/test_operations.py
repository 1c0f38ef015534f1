"""Background work: results on the GUI thread, errors in dialogs, progress and cancel."""

from __future__ import annotations

import functools
import logging
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget
from shiboken6 import isValid

from tests.ui.conftest import wait_until_idle
from training.errors import ConflictError, ValidationError
from training.progress import CancelledByUser
from ui.desktop.operations import LatestQuery, run_operation, run_query, tracker


@pytest.fixture
def owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_query_runs_off_the_gui_thread_and_delivers_on_it(qtbot, owner):
    gui_thread = threading.current_thread()
    ran_on: list[threading.Thread] = []
    delivered_on: list[threading.Thread] = []

    def job() -> int:
        ran_on.append(threading.current_thread())
        return 42

    def done(result: int) -> None:
        delivered_on.append(threading.current_thread())
        assert result == 42

    with qtbot.waitSignal(tracker().busy_changed, check_params_cb=lambda busy: not busy):
        run_query(owner, job, done)
    assert ran_on[0] is not gui_thread
    assert delivered_on == [gui_thread]


def test_a_user_error_is_shown_with_its_own_message(qtbot, owner, message_boxes):
    failures: list[BaseException] = []

    def job() -> None:
        raise ConflictError("Course CSE-T1")

    run_query(owner, job, lambda _: pytest.fail("no result expected"), on_failed=failures.append)
    wait_until_idle(qtbot)
    [shown] = message_boxes
    assert shown.icon == QMessageBox.Icon.Warning
    assert shown.text.startswith("Course CSE-T1 was changed by someone else")
    assert isinstance(failures[0], ConflictError)


def test_a_refused_save_lists_each_field_and_its_problem(qtbot, owner, message_boxes):
    def job() -> None:
        raise ValidationError("Course", {"code": "is required", "title": "is required"})

    run_query(owner, job, lambda _: None)
    wait_until_idle(qtbot)
    [shown] = message_boxes
    assert shown.text == "Course cannot be saved."
    assert shown.informative == "• code: is required\n• title: is required"


def test_an_unexpected_error_is_short_in_the_dialog_and_whole_in_the_log(
    qtbot, owner, message_boxes, caplog
):
    def job() -> float:
        return 1 / 0

    with caplog.at_level(logging.ERROR):
        run_query(owner, job, lambda _: None)
        wait_until_idle(qtbot)
    [shown] = message_boxes
    assert shown.icon == QMessageBox.Icon.Critical
    assert "Traceback" not in shown.text + shown.informative
    assert "ZeroDivisionError: division by zero" in shown.informative
    assert "Traceback" in caplog.text and "1 / 0" in caplog.text


def test_an_operation_reports_progress_and_stops_when_cancelled(qtbot, owner, message_boxes):
    results: list[object] = []

    def count_forever(progress, cancelled) -> None:
        step = 0
        while not cancelled():
            step += 1
            progress(step, 1_000_000, f"Step {step:,}")
            time.sleep(0.005)
        raise CancelledByUser("counting")

    run_operation(owner, count_forever, results.append, title="Counting", cancellable=True)
    dialog = owner.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.value() > 0)
    assert dialog.maximum() == 1_000_000
    assert dialog.labelText().startswith("Step ")
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)
    assert results == []
    assert message_boxes == []
    qtbot.waitUntil(lambda: owner.findChild(QProgressDialog) is None)


def test_an_operation_delivers_its_result_and_closes_its_progress_dialog(qtbot, owner):
    results: list[int] = []
    run_operation(owner, lambda progress, cancelled: 7, results.append, title="Saving")
    wait_until_idle(qtbot)
    assert results == [7]
    qtbot.waitUntil(lambda: owner.findChild(QProgressDialog) is None)


def test_a_result_for_a_deleted_owner_is_dropped(qtbot):
    widget = QWidget()
    release = threading.Event()
    delivered: list[str] = []
    run_query(widget, lambda: release.wait(5) and "late", delivered.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not isValid(widget))
    release.set()
    wait_until_idle(qtbot)
    assert delivered == []


def test_only_the_newest_run_of_a_repeated_query_is_delivered(qtbot, owner):
    query = LatestQuery(owner)
    slow_may_finish = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        slow_may_finish.wait(5)
        return "old search"

    query.run(slow, delivered.append)
    query.run(lambda: "new search", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["new search"])
    slow_may_finish.set()
    wait_until_idle(qtbot)
    assert delivered == ["new search"]


def test_a_dropped_run_delivers_nothing(qtbot, owner):
    query = LatestQuery(owner)
    delivered: list[str] = []
    query.run(lambda: "for a topic since removed", delivered.append)
    query.drop_pending()
    wait_until_idle(qtbot)
    assert delivered == []


def test_many_quick_operations_in_a_row_finish_without_crashing(qtbot, owner):
    """Each job's last reference to its cancel flag goes in a worker thread; that must not
    touch Qt connections there (it crashed the process now and then: nearly always in 300)."""
    results: list[int] = []
    for n in range(300):
        run_operation(owner, functools.partial(numbered, n), results.append, title="Quick")
        wait_until_idle(qtbot)
    assert results == list(range(300))


def numbered(n: int, _progress: object, _cancelled: object) -> int:
    return n
