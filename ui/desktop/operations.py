"""Running training services off the GUI thread: the one way every view reads and writes.

After Anki's ``QueryOp`` and ``CollectionOp``: a view hands over a *job* (a call of a
``training`` service on a fresh unit of work, e.g. ``lambda: list_courses(space.unit_of_work())``)
and what to do with its result. The job runs on ``QThreadPool.globalInstance()``; the result
comes back to the GUI thread through a queued signal. A ``UserError`` is shown in a dialog with
its own message, anything else in a short one with the traceback logged (``error_dialogs``).
Widgets never open database sessions themselves.

- ``run_query(owner, job, on_done)``: a read; nothing shown while it runs.
- ``run_operation(parent, job, on_done, title=...)``: a write or long work; the job is called
  with a progress callback ``(done, total, message)`` and a ``cancelled()`` check, and a
  progress dialog (with Cancel, if asked for) appears when it takes longer than half a second.
- ``LatestQuery``: a query run again and again (reload, search); only the newest result counts.
- ``tracker()``: how many jobs are under way (the status bar shows it; tests wait on it).

A result for an owner that has been deleted in the meantime is dropped.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from shiboken6 import isValid

from training.progress import Cancelled, CancelledByUser, Progress
from ui.desktop.error_dialogs import show_error

log = logging.getLogger(__name__)

T = TypeVar("T")
Query = Callable[[], T]
Operation = Callable[[Progress, Cancelled], T]
OnFailed = Callable[[BaseException], None]

PROGRESS_INTERVAL = 0.05  # seconds: progress reaches the GUI at most this often
PROGRESS_DELAY_MS = 500  # a progress dialog appears only for work that takes longer


class OperationTracker(QObject):
    """The jobs under way; ``busy_changed`` fires when the first starts and the last ends."""

    busy_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self._tasks: set[_Task] = set()

    @property
    def is_busy(self) -> bool:
        return bool(self._tasks)

    def started(self, task: _Task) -> None:
        self._tasks.add(task)
        if len(self._tasks) == 1:
            self.busy_changed.emit(True)

    def finished(self, task: _Task) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self.busy_changed.emit(False)


@functools.cache
def tracker() -> OperationTracker:
    """The application's one tracker (created on first use, on the GUI thread)."""
    return OperationTracker()


class _Task(QObject):
    """One job's way back: signals emitted in the worker reach these slots on the GUI thread.

    It has no Qt parent (its owner may be deleted before the job ends); the tracker keeps it
    alive until it has delivered.
    """

    succeeded = Signal(object)
    failed = Signal(object, str)
    progressed = Signal(int, int, str)

    def __init__(
        self,
        owner: QObject,
        on_done: Callable[[Any], None],
        on_failed: OnFailed | None = None,
        on_progress: Progress | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.shown_by_caller: tuple[type[BaseException], ...] = ()
        self._owner = owner
        self._on_done = on_done
        self._on_failed = on_failed
        self._on_progress = on_progress
        self._on_finished = on_finished
        self.succeeded.connect(self._deliver)
        self.failed.connect(self._fail)
        self.progressed.connect(self._progress)

    def start(self, work: Callable[[], object]) -> None:
        tracker().started(self)
        QThreadPool.globalInstance().start(_Runner(work, self))

    def report_progress(self, done: int, total: int, message: str) -> None:
        """Called in the worker: emitted to the GUI thread (throttled by the caller)."""
        self.progressed.emit(done, total, message)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        try:
            self._finish()
            if isValid(self._owner):
                self._on_done(result)
        finally:
            tracker().finished(self)

    @Slot(object, str)
    def _fail(self, error: BaseException, trace: str) -> None:
        try:
            self._finish()
            if isinstance(error, CancelledByUser):
                log.info("Cancelled by the user: %s", error)
            elif not isinstance(error, self.shown_by_caller):
                show_error(dialog_parent(self._owner), error, trace)
            if self._on_failed is not None and isValid(self._owner):
                self._on_failed(error)
        finally:
            tracker().finished(self)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, message: str) -> None:
        if self._on_progress is not None and isValid(self._owner):
            self._on_progress(done, total, message)

    def _finish(self) -> None:
        if self._on_finished is not None:
            self._on_finished()


class _Runner(QRunnable):
    def __init__(self, work: Callable[[], object], task: _Task) -> None:
        super().__init__()
        self._work = work
        self._task = task

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._task.failed.emit(error, traceback.format_exc())
        else:
            self._task.succeeded.emit(result)


def dialog_parent(owner: QObject) -> QWidget | None:
    """The window to put a dialog over: the owner's (or its Qt parent's), else the active one."""
    candidate: QObject | None = owner if isValid(owner) else None
    while candidate is not None and not isinstance(candidate, QWidget):
        candidate = candidate.parent()
    if isinstance(candidate, QWidget):
        return candidate.window()
    return QApplication.activeWindow()


def run_query(
    owner: QObject,
    job: Query[T],
    on_done: Callable[[T], None],
    *,
    on_failed: OnFailed | None = None,
) -> None:
    """Run a read off the GUI thread; ``on_done(result)`` runs on it unless ``owner`` is gone.

    On an error, the user sees a dialog; then ``on_failed(error)``, if given, runs.
    """
    _Task(owner, on_done, on_failed).start(job)


def run_operation(
    parent: QWidget,
    job: Operation[T],
    on_done: Callable[[T], None],
    *,
    title: str,
    cancellable: bool = False,
    on_failed: OnFailed | None = None,
    shown_by_caller: tuple[type[BaseException], ...] = (),
) -> None:
    """Run a write or long work off the GUI thread, with a progress dialog over ``parent``.

    ``job(progress, cancelled)`` reports with ``progress(done, total, message)`` and stops by
    raising ``CancelledByUser`` when ``cancelled()`` turns true (after Cancel was pressed);
    a cancelled job's ``on_done`` is not called and no error is shown. Errors of the types in
    ``shown_by_caller`` get no dialog: ``on_failed`` shows them its own way (next to a field).
    """
    cancel = threading.Event()
    dialog = _progress_dialog(parent, title, cancellable)
    # A lambda, not the bound ``cancel.set``: PySide would watch the event with a weak reference
    # and, when the job's last reference to it goes in the worker thread, disconnect there,
    # racing the dialog's deletion on the GUI thread (a crash).
    dialog.canceled.connect(lambda: cancel.set())

    def close_dialog() -> None:
        if isValid(dialog):
            dialog.reset()
            dialog.deleteLater()

    task = _Task(
        parent,
        on_done,
        on_failed,
        on_progress=functools.partial(_show_progress, dialog),
        on_finished=close_dialog,
    )
    task.shown_by_caller = shown_by_caller
    report = _throttled(task.report_progress)
    task.start(lambda: job(report, cancel.is_set))


def _progress_dialog(parent: QWidget, title: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(f"{title}…")
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)  # a busy bar until the first report says how much there is
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


def _show_progress(dialog: QProgressDialog, done: int, total: int, message: str) -> None:
    if not isValid(dialog) or dialog.wasCanceled():
        return
    dialog.setRange(0, max(total, 0))
    dialog.setValue(min(done, total) if total > 0 else 0)
    if message:
        dialog.setLabelText(message)


def _throttled(report: Progress) -> Progress:
    """A progress callback passing on at most one report per interval, and always the last."""
    last = 0.0

    def throttled(done: int, total: int, message: str) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= PROGRESS_INTERVAL:
            last = now
            report(done, total, message)

    return throttled


class LatestQuery:
    """A query that is run again and again (a reload, a search as the user types).

    Results arrive in any order; only the newest run's result (or failure) is passed on, so
    a slow old search never overwrites a newer one.
    """

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._runs = 0

    def run(
        self,
        job: Query[T],
        on_done: Callable[[T], None],
        *,
        on_failed: OnFailed | None = None,
    ) -> None:
        self._runs += 1
        this_run = self._runs

        def done(result: T) -> None:
            if this_run == self._runs:
                on_done(result)

        def failed(error: BaseException) -> None:
            if this_run == self._runs and on_failed is not None:
                on_failed(error)

        run_query(self._owner, job, done, on_failed=failed)

    def drop_pending(self) -> None:
        """Let no run under way deliver (what it would show no longer applies)."""
        self._runs += 1
