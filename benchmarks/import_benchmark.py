"""Import benchmark (DESIGN.md §5): a 100,000-row xlsx imported end to end, against reading it.

The workload: one agency of 100,000 staff holding the scale's 1,000,000 attendance records (the
whole partnership's records in one agency: the most the import has to match against), and an
e-learning export of 100,000 completions naming those staff by staff reference and email, with
course codes or titles, real date cells and UK text dates mixed, under a title row. A few rows
are already recorded, not completed yet or wrong, as in a real export.

Two measurements, each in a fresh child process so that neither inherits the other's memory:

- the baseline: openpyxl in read-only mode reading every cell of the file;
- the import: ``preview_import`` then ``commit_import`` (read, validate, match, preview, commit).

Memory is the child's peak resident set size (tracemalloc would slow openpyxl about 4 times).
Two figures are given: the raw peak, which the target is judged on, and the peak above the
child's resident size once its modules are imported (the import child necessarily loads
SQLAlchemy, the database driver and the application; the reading child only openpyxl).

The database and the file are made once and kept in the system's temporary folder (see
``--help``); the file is saved with a shared string table, as Excel saves one. Each run imports
into a fresh copy of the cached SQLite file (a database named with ``--database`` has the batch
undone instead), so every run starts from the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.ratios import Ratio, record

if TYPE_CHECKING:
    from storage.models import Agency
    from storage.unit_of_work import SqlUnitOfWork

TARGET_TIME = 2.0
TARGET_MEMORY = 2.0
STAFF = 100_000
RECORDS = 1_000_000
SEED = 1
TODAY = dt.date(2025, 6, 1)  # the scale data's date, so the cached database can be reused
CACHE = Path(tempfile.gettempdir()) / "stm-import-benchmark"
HEADER = ("Staff ID", "Surname", "First name", "Email", "Course", "Completion date", "Status")


# --- the children: each measures itself and prints one line of JSON ----------------------------
# The application is imported inside functions only: the reading child loads openpyxl alone.


def _peak_kib() -> int:
    """This process's peak resident set size so far, in KiB.

    Linux's ``ru_maxrss`` carries the parent's size over a fork and exec, so the kernel's
    high-water mark of this process's own memory (VmHWM) is read where there is one.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def read_baseline(path: Path) -> dict[str, Any]:
    """openpyxl read-only, every cell of every row touched."""
    import openpyxl

    start_kib = _peak_kib()
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for _value in row:
                cells += 1
    book.close()
    return {"seconds": time.perf_counter() - started, "start_kib": start_kib, "cells": cells}


def run_import(path: Path, url: str, agency: str) -> dict[str, Any]:
    """preview_import + commit_import into the database, end to end."""
    from storage.database import Database
    from training.imports.candidates import ImportKind
    from training.imports.importing import commit_import, preview_import

    database = Database(url)
    start_kib = _peak_kib()
    started = time.perf_counter()
    preview = preview_import(database.unit_of_work(), path, ImportKind.ELEARNING, agency)
    previewed = time.perf_counter()
    summary = commit_import(database.unit_of_work(), preview, imported_by="benchmark")
    finished = time.perf_counter()
    database.dispose()
    return {
        "seconds": finished - started,
        "preview_seconds": previewed - started,
        "start_kib": start_kib,
        "counts": preview.counts,
        "batch_id": summary.batch_id,
    }


def child_main(kind: str, arguments: Sequence[str]) -> int:
    path = Path(arguments[0])
    result = read_baseline(path) if kind == "baseline" else run_import(path, *arguments[1:3])
    result["peak_kib"] = _peak_kib()
    print(json.dumps(result))
    return 0


def _child(*arguments: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.import_benchmark", "--child", *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the database and the file -------------------------------------------------------------------


def _cached_sqlite() -> str:
    """The scale database, generated once into the cache (under a temporary name until done)."""
    from benchmarks.scale_data import generate
    from storage.database import Database

    path = CACHE / f"one-agency-{STAFF}-staff-{RECORDS}-records.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        database = Database(f"sqlite:///{partial}")
        print(f"Generating the scale database into {path} (about a minute)...", flush=True)
        generate(database, agencies=1, staff=STAFF, attendance=RECORDS, seed=SEED, today=TODAY)
        database.dispose()
        partial.rename(path)
    return f"sqlite:///{path}"


def _prepare_database(url: str) -> None:
    """Make the schema and the scale data in an empty database; one that has data is reused."""
    from benchmarks.scale_data import generate
    from storage.database import open_database

    database = open_database(url)
    try:
        with database.unit_of_work() as uow:
            empty = uow.agencies.count() == 0
        if empty:
            print(f"Generating the scale data into {database.display_name}...", flush=True)
            generate(database, agencies=1, staff=STAFF, attendance=RECORDS, seed=SEED, today=TODAY)
    finally:
        database.dispose()


@dataclass(frozen=True)
class Workload:
    agency: str
    people: dict[int, tuple[int, str | None, str, str, str]]  # id -> id, ref, email, names
    courses: list[tuple[str, str]]  # e-learning (code, title)
    completions: list[tuple[int, str, dt.date]]  # staff id, course code, day: already recorded


def _largest_agency(uow: SqlUnitOfWork) -> Agency:
    counts = uow.agencies.staff_counts()
    agency = uow.agencies.get(max(counts, key=counts.__getitem__))
    assert agency is not None
    return agency


def _agency_name(url: str) -> str:
    from storage.database import Database

    database = Database(url)
    try:
        with database.unit_of_work() as uow:
            return _largest_agency(uow).name
    finally:
        database.dispose()


def _workload(url: str) -> Workload:
    from storage import models as m
    from storage.database import Database

    database = Database(url)
    try:
        with database.unit_of_work() as uow:
            agency = _largest_agency(uow)
            courses = [c for c in uow.courses.list() if c.delivery_mode == "e-learning"]
            code_of = {c.id: c.code for c in courses}
            people = {person[0]: person for person in uow.staff.identities(agency.id)}
            sample = sorted(people)[:10_000]
            completions = [
                (record.staff_id, code_of[record.course_id], record.completed_on)
                for record in uow.attendances.list(
                    m.Attendance.staff_id.in_(sample), m.Attendance.session_id.is_(None)
                )
                if record.status == "attended"
                and record.completed_on
                and record.course_id in code_of
            ]
            return Workload(agency.name, people, [(c.code, c.title) for c in courses], completions)
    finally:
        database.dispose()


def _row(rng: random.Random, work: Workload, person: tuple[Any, ...]) -> list[object]:
    """One completion as an e-learning system exports it; about 5% not new or not right."""
    staff_id, ref, email, first, last = person
    code, title = rng.choice(work.courses)
    when: object = TODAY - dt.timedelta(days=rng.randint(0, 700))
    status = rng.choice(("Completed", "Completed", "Passed", "complete"))
    roll = rng.random()
    if roll < 0.03:  # already recorded (an overlapping export)
        staff_id, code, when = rng.choice(work.completions)
        staff_id, ref, email, first, last = work.people[staff_id]
    elif roll < 0.04:
        status, when = "In progress", None
    elif roll < 0.045:
        title = title.replace("e", "", 1)  # a typo: "did you mean"
    elif roll < 0.05:
        when = "31/02/2025"
    if isinstance(when, dt.date):  # half real date cells, half UK text
        when = dt.datetime.combine(when, dt.time()) if rng.random() < 0.5 else f"{when:%d/%m/%Y}"
    if rng.random() < 0.1:
        ref = None  # matched by email instead
    if rng.random() < 0.2:
        first, last = first.upper(), last.upper()
    course = code if rng.random() < 0.5 else title
    return [ref, last, first, email, course, when, status]


def _workbook(url: str, rows: int) -> Path:
    """The e-learning export, made once for this database and number of rows."""
    import openpyxl

    tag = hashlib.sha256(f"{url}/{rows}/{STAFF}/{RECORDS}/{SEED}".encode()).hexdigest()[:12]
    path = CACHE / f"completions-{rows}-{tag}.xlsx"
    if path.exists():
        return path
    work = _workload(url)
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    order = sorted(work.people)
    rng.shuffle(order)
    # Not write-only: that leaves out the sheet's dimension, which costs openpyxl's read-only
    # mode a second pass over the sheet; Excel always writes it (and shares its strings).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Completions"
    sheet.append([f"{work.agency}: e-learning completions exported {TODAY:%d/%m/%Y}"])
    sheet.append([])
    sheet.append(list(HEADER))
    for n in range(rows):
        sheet.append(_row(rng, work, work.people[order[n % len(order)]]))
    partial = path.with_suffix(".partial")
    book.save(partial)
    _share_strings(partial)
    partial.rename(path)
    return path


_INLINE = re.compile(
    r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t>(.*?)</t></is></c>'
)
_SHARED_STRINGS = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_SHARED_STRINGS_LINK = (
    '<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)


def _share_strings(path: Path) -> None:
    """Rewrite openpyxl's inline strings as a shared string table, as Excel saves a workbook.

    openpyxl reads inline strings through its rich-text machinery, several times slower than
    shared ones: the baseline would be slowed by a file that Excel would never write.
    """
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(3), len(strings))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{index}</v></c>'

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(shared, parts[sheet].decode()).encode()
    table = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>'
    ).encode()
    types, links = "[Content_Types].xml", "xl/_rels/workbook.xml.rels"
    parts[types] = parts[types].replace(b"</Types>", _SHARED_STRINGS.encode() + b"</Types>")
    parts[links] = parts[links].replace(
        b"</Relationships>", _SHARED_STRINGS_LINK.encode() + b"</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _undo(url: str, batch_id: int | None) -> None:
    from storage.database import Database
    from training.imports.importing import undo_import

    if batch_id is not None:
        database = Database(url)
        undo_import(database.unit_of_work(), batch_id)
        database.dispose()


# --- the report ---------------------------------------------------------------------------------


def _mib(kib: float) -> str:
    return f"{kib / 1024:7.1f} MiB"


def _ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:6.2f}×"


def _row_of(run: int, what: str, result: dict[str, Any]) -> str:
    above = result["peak_kib"] - result["start_kib"]
    return (
        f"{run:<5}{what:<26}{result['seconds']:9.2f}{_mib(result['peak_kib']):>13}{_mib(above):>13}"
    )


def report(runs: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    lines = [f"{'run':<5}{'':<26}{'seconds':>9}{'peak RSS':>13}{'above start':>13}"]
    for n, (base, imp) in enumerate(runs, start=1):
        lines.append(_row_of(n, "openpyxl read-only", base))
        lines.append(_row_of(n, "import (preview + commit)", imp))
        lines.append(f"{'':<5}{'  of which the preview':<26}{imp['preview_seconds']:9.2f}")
    base_seconds = min(base["seconds"] for base, _ in runs)
    import_seconds = min(imp["seconds"] for _, imp in runs)
    base_peak = min(base["peak_kib"] for base, _ in runs)
    import_peak = min(imp["peak_kib"] for _, imp in runs)
    base_above = min(base["peak_kib"] - base["start_kib"] for base, _ in runs)
    import_above = min(imp["peak_kib"] - imp["start_kib"] for _, imp in runs)
    rows = f"import of {sum(runs[-1][1]['counts'].values()):,} rows"
    record(
        [
            Ratio(
                f"{rows}: time",
                f"{import_seconds:.1f} s",
                f"{base_seconds:.1f} s, openpyxl read-only",
                import_seconds / base_seconds,
                TARGET_TIME,
            ),
            Ratio(
                f"{rows}: peak memory",
                _mib(import_peak).strip(),
                f"{_mib(base_peak).strip()}, openpyxl read-only",
                import_peak / base_peak,
                TARGET_MEMORY,
            ),
        ]
    )
    lines += [
        "",
        f"best of {len(runs)}: the import {import_seconds:.2f} s, the read {base_seconds:.2f} s",
        f"time, import / read:                 {_ratio(import_seconds, base_seconds)}"
        f" (target: at most {TARGET_TIME}×)",
        f"peak RSS, import / read:             {_ratio(import_peak, base_peak)}"
        f" (target: at most {TARGET_MEMORY}×; the target is judged on this)",
        f"peak RSS above start, import / read: {import_above / max(base_above, 1):6.2f}×"
        f" ({_mib(import_above).strip()} / {_mib(base_above).strip()}; for information)",
        f"rows: {json.dumps(runs[-1][1]['counts'])}",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.import_benchmark",
        description="Time and measure the import of an e-learning xlsx against merely reading "
        "it with openpyxl read-only (DESIGN.md §5: at most 2x the time and 2x the memory).",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="(default: 100,000)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="an empty database to fill with the scale data, or one this benchmark filled "
        f"before (default: a SQLite file cached in {CACHE})",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of both (default: 1)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return child_main(args.child[0], args.child[1:])
    url = args.database or _cached_sqlite()
    if args.database:
        _prepare_database(url)
    path = _workbook(url, args.rows)
    agency = _agency_name(url)
    print(f"{args.rows:,} rows in {path} ({path.stat().st_size / 2**20:.1f} MB), {agency}")
    print(f"database {url}; {os.cpu_count()} cores", flush=True)
    runs = []
    for _ in range(args.repeat):
        base = _child("baseline", str(path))
        if args.database:
            imp = _child("import", str(path), url, agency)
            _undo(url, imp["batch_id"])
        else:
            with _fresh_copy(url) as copy:
                imp = _child("import", str(path), copy, agency)
        runs.append((base, imp))
    print(report(runs))
    return 0


@contextmanager
def _fresh_copy(url: str) -> Iterator[str]:
    """A copy of the cached SQLite database to import into, deleted afterwards: every run
    starts from the same file, where an undone import would leave its pages behind."""
    cached = Path(url.removeprefix("sqlite:///"))
    copy = cached.with_name(f"import-run{cached.suffix}")
    shutil.copyfile(cached, copy)
    try:
        yield f"sqlite:///{copy}"
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
