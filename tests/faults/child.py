"""The other process of the fault and concurrency tests: one job on a database, through the
services, that stops at a chosen moment for the test to act (kill it, or let it go on).

    python -m tests.faults.child URL [--marker M --wait-for GO] JOB ARGS...

JOB is one of:
    import KIND FILE AGENCY [--chunk-rows N]   moment: the first chunk of rows is written
    settings FILE                              moment: everything is written, before the commit
    issue SESSION_ID                           moment: the numbers are given, before the commit
    print SESSION_ID OUT                       moment: the first certificate page is drawn

At the moment the child writes the file M and waits until the file GO exists: a test that means
to kill it there gives no GO. Without --marker it runs straight through. On success it prints
what the service returned as JSON; a ``UserError`` is printed as {"error": kind, "message": text}
(exit status 3), anything else is a traceback (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storage.database import Database
from training.certificates import save_certificates, session_certificates
from training.errors import UserError
from training.imports import importing
from training.imports.candidates import ImportKind
from training.settings_workbook import import_settings
from training.transactions import UnitOfWork

WAIT_SECONDS = 90  # a child whose test forgot it still ends
USER_ERROR = 3

Job = Callable[[Database, Callable[[], None]], dict[str, object]]


class Moment:
    """The chosen moment: announce it with the marker file, then wait for the go file."""

    def __init__(self, marker: Path | None, go: Path | None) -> None:
        self.marker, self.go, self.reached = marker, go, False

    def __call__(self) -> None:
        if self.reached or self.marker is None:
            return
        self.reached = True
        written = self.marker.with_name(self.marker.name + ".partial")
        written.write_text(str(os.getpid()), encoding="utf-8")
        written.replace(self.marker)  # the test never sees half a marker
        deadline = time.monotonic() + WAIT_SECONDS
        while self.go is None or not self.go.exists():
            if time.monotonic() > deadline:
                sys.exit(f"waited {WAIT_SECONDS} s at the moment and no one acted")
            time.sleep(0.01)


def paused_before_commit(database: Database, moment: Callable[[], None]) -> UnitOfWork:
    """A unit of work that reaches the moment when its owner commits, then commits."""
    uow = database.unit_of_work()
    commit = uow.commit

    def commit_at_the_moment() -> None:
        moment()
        commit()

    uow.commit = commit_at_the_moment  # type: ignore[method-assign]
    return uow


def run_import(args: argparse.Namespace) -> Job:
    def job(database: Database, moment: Callable[[], None]) -> dict[str, object]:
        if args.chunk_rows:
            importing.CHUNK_ROWS = args.chunk_rows
        preview = importing.preview_import(
            database.unit_of_work(), Path(args.file), ImportKind(args.kind), args.agency
        )
        summary = importing.commit_import(
            database.unit_of_work(), preview, progress=lambda *_: moment()
        )
        return {
            "batch_id": summary.batch_id,
            "added": summary.added,
            "updated": summary.updated,
            "rejected": summary.rejected,
        }

    return job


def run_settings(args: argparse.Namespace) -> Job:
    def job(database: Database, moment: Callable[[], None]) -> dict[str, object]:
        report = import_settings(paused_before_commit(database, moment), Path(args.file))
        return {"changed": report.changed, "report": str(report)}

    return job


def run_issue(args: argparse.Namespace) -> Job:
    def job(database: Database, moment: Callable[[], None]) -> dict[str, object]:
        batch = session_certificates(paused_before_commit(database, moment), args.session)
        return {"numbers": [c.number for c in batch.certificates]}

    return job


def run_print(args: argparse.Namespace) -> Job:
    def job(database: Database, moment: Callable[[], None]) -> dict[str, object]:
        batch = session_certificates(database.unit_of_work(), args.session)
        saved = save_certificates(
            database.unit_of_work(), batch, Path(args.out), progress=lambda *_: moment()
        )
        return {"numbers": [c.number for c in batch.certificates], "pages": saved.pages}

    return job


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(prog="python -m tests.faults.child")
    parse.add_argument("url")
    parse.add_argument("--marker", type=Path, help="written at the job's moment")
    parse.add_argument("--wait-for", type=Path, help="the file that lets the job go on")
    jobs = parse.add_subparsers(dest="job", required=True)
    imports = jobs.add_parser("import")
    imports.add_argument("kind", choices=[kind.value for kind in ImportKind])
    imports.add_argument("file")
    imports.add_argument("agency")
    imports.add_argument("--chunk-rows", type=int, help="rows written between progress reports")
    imports.set_defaults(make=run_import)
    settings = jobs.add_parser("settings")
    settings.add_argument("file")
    settings.set_defaults(make=run_settings)
    issue = jobs.add_parser("issue")
    issue.add_argument("session", type=int)
    issue.set_defaults(make=run_issue)
    printing = jobs.add_parser("print")
    printing.add_argument("session", type=int)
    printing.add_argument("out")
    printing.set_defaults(make=run_print)
    return parse


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    database = Database(args.url)
    try:
        result = args.make(args)(database, Moment(args.marker, args.wait_for))
    except UserError as exc:
        print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
        return USER_ERROR
    finally:
        database.dispose()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
