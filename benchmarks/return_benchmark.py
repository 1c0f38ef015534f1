"""Agency training return benchmark (DESIGN.md §5): the return over the scale database, against
one hand-written SQL query that computes the same counts on the same database.

The return is ``training.returns.training_return`` for one topic and every agency: the people in
scope, where each of them stands (a named line for each) and the counts per agency. The baseline
is a single SQL statement, written by hand as a database developer would, that computes only the
counts per agency and required tier: in scope, trained, expiring within 90 days, lapsed, never
trained, and trained in the period by tier. Its thresholds for lapsed training are the dates the
rule gives (``training.dates.lapsed_through``), as parameters, one per validity period in the
catalogue. Both run in this process on the same database, alternately, after one warm-up run of
each; the figures are the best of the runs. The two must give identical counts, or the benchmark
fails.

For information, the times to write the return's workbook and PDF are measured too (they are
files, not queries: openpyxl writes a row of cells at a time).

The scale database (60 agencies, 100,000 staff, 1,000,000 attendance records, standing on
31/03/2026) is generated once into the system's temporary folder (see ``--help``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.ratios import Ratio, record

if TYPE_CHECKING:
    from storage.database import Database
    from training.returns import TrainingReturn

TARGET = 1.5
TODAY = dt.date(2026, 3, 31)  # the date the scale partnership stands on, and the reporting date
PERIOD_START = dt.date(2025, 4, 1)
TOPIC = "CSE"
CACHE = Path(tempfile.gettempdir()) / "stm-return-benchmark"

Counts = dict[tuple[str, int], tuple[int, ...]]  # (agency, required rank) -> the counts

# The counts per agency and required tier, by hand. {lapsed} and {lapsed_soon} are CASE
# expressions giving, per validity period, the latest completion date that has lapsed by the
# reporting date and by 90 days after it; {period_counts} counts the people trained in the
# period at each tier.
HAND_WRITTEN = """
WITH latest_spell AS (
    SELECT staff_id, max(effective_from) AS since
    FROM staff_roles WHERE effective_from <= :on GROUP BY staff_id
), in_scope AS (
    SELECT s.id AS staff_id, s.agency_id, t.rank AS required_rank
    FROM staff_members s
    JOIN latest_spell l ON l.staff_id = s.id
    JOIN staff_roles r ON r.staff_id = l.staff_id AND r.effective_from = l.since
    JOIN role_requirements q ON q.role_id = r.role_id AND q.topic_id = :topic
    JOIN tiers t ON t.id = q.tier_id
    WHERE (s.start_date IS NULL OR s.start_date <= :on)
      AND (s.leave_date IS NULL OR s.leave_date > :on)
), records AS (
    SELECT a.staff_id, a.completed_on, c.validity_months, ct.rank AS tier_rank
    FROM attendances a
    JOIN courses c ON c.id = a.course_id
    JOIN tiers ct ON ct.id = c.tier_id
    WHERE c.topic_id = :topic AND a.status = 'attended' AND a.completed_on <= :on
), person AS (
    SELECT i.agency_id, i.required_rank,
        max(CASE WHEN x.tier_rank >= i.required_rank AND (x.validity_months IS NULL
            OR x.completed_on > {lapsed}) THEN 1 ELSE 0 END) AS trained,
        max(CASE WHEN x.tier_rank >= i.required_rank AND (x.validity_months IS NULL
            OR x.completed_on > {lapsed_soon}) THEN 1 ELSE 0 END) AS beyond_soon,
        max(CASE WHEN x.tier_rank >= i.required_rank THEN 1 ELSE 0 END) AS ever_trained,
        max(CASE WHEN x.completed_on >= :period_start THEN x.tier_rank END) AS period_rank
    FROM in_scope i LEFT JOIN records x ON x.staff_id = i.staff_id
    GROUP BY i.staff_id, i.agency_id, i.required_rank
)
SELECT ag.name, p.required_rank, count(*), sum(p.trained), sum(p.trained) - sum(p.beyond_soon),
    sum(p.ever_trained) - sum(p.trained), count(*) - sum(p.ever_trained),
    {period_counts}
FROM person p JOIN agencies ag ON ag.id = p.agency_id
GROUP BY ag.name, p.required_rank
"""


def hand_written_query(
    topic_id: int, validities: Sequence[int], ranks: Sequence[int]
) -> tuple[str, dict[str, object]]:
    """The statement for this catalogue (its validity periods and tier ranks) and its
    parameters. The thresholds are parameters too: a date literal is text to PostgreSQL."""
    from training.compliance import EXPIRING_SOON_DAYS
    from training.dates import lapsed_through

    soon = TODAY + dt.timedelta(days=EXPIRING_SOON_DAYS)
    parameters: dict[str, object] = {"on": TODAY, "period_start": PERIOD_START, "topic": topic_id}
    for v in validities:
        parameters[f"lapsed_{v}"] = lapsed_through(TODAY, v)
        parameters[f"lapsed_soon_{v}"] = lapsed_through(soon, v)

    def thresholds(name: str) -> str:
        whens = " ".join(f"WHEN {v} THEN :{name}_{v}" for v in validities)
        return f"CASE x.validity_months {whens} END" if validities else "NULL"

    period_counts = ", ".join(f"count(CASE WHEN p.period_rank = {r} THEN 1 END)" for r in ranks)
    sql = HAND_WRITTEN.format(
        lapsed=thresholds("lapsed"),
        lapsed_soon=thresholds("lapsed_soon"),
        period_counts=period_counts,
    )
    return sql, parameters


# --- the two contenders ----------------------------------------------------------------------


def run_hand_written(database: Database, sql: str, parameters: dict[str, object]) -> Counts:
    from sqlalchemy import text

    with database.engine.connect() as connection:
        rows = connection.execute(text(sql), parameters).all()
    return {(row[0], row[1]): tuple(int(value) for value in row[2:]) for row in rows}


def run_return(database: Database) -> TrainingReturn:
    from training.returns import training_return

    return training_return(database.unit_of_work(), TODAY, period_start=PERIOD_START, topic=TOPIC)


def return_counts(result: TrainingReturn) -> Counts:
    """The return's counts in the baseline's shape: per agency and required tier."""
    from training.compliance import Standing

    counts: dict[tuple[str, int], list[int]] = {}
    ranks = {name: rank for rank, name in enumerate(result.tiers, start=1)}
    for agency in result.agencies:
        for line in agency.people:
            row = counts.setdefault(
                (agency.agency, ranks[line.required_tier]), [0] * (5 + len(ranks))
            )
            row[0] += 1
            row[1] += line.standing in (Standing.TRAINED, Standing.EXPIRING_SOON)
            row[2] += line.standing is Standing.EXPIRING_SOON
            row[3] += line.standing is Standing.LAPSED
            row[4] += line.standing is Standing.NEVER_TRAINED
            if line.trained_in_period:
                row[4 + ranks[line.trained_in_period]] += 1
    return {key: tuple(row) for key, row in counts.items()}


# --- the database ----------------------------------------------------------------------------


def _cached_sqlite() -> str:
    """The scale database, generated once into the cache (under a temporary name until done)."""
    from benchmarks.scale_data import generate
    from storage.database import Database

    path = CACHE / f"scale-60-agencies-100000-staff-{TODAY:%Y%m%d}.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        database = Database(f"sqlite:///{partial}")
        print(f"Generating the scale database into {path} (a minute or two)...", flush=True)
        generate(database, today=TODAY)
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
            generate(database, today=TODAY)
            with database.unit_of_work() as uow:
                uow.refresh_statistics()
                uow.commit()
    finally:
        database.dispose()


def catalogue(database: Database) -> tuple[int, list[int], list[int]]:
    """The topic's id, its validity periods and the tier ranks."""
    with database.unit_of_work() as uow:
        topic = next(t for t in uow.topics.list() if t.name.startswith(TOPIC))
        validities = sorted(uow.compliance.validity_periods(topic.id))
        ranks = [tier.rank for tier in uow.tiers.list()]
        return topic.id, validities, ranks


# --- the report ------------------------------------------------------------------------------


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _files(result: TrainingReturn) -> tuple[float, float, int, int]:
    """Seconds to write the return's workbook and its PDF; their sizes in bytes."""
    from exports.return_pdf import write_return_pdf
    from exports.return_workbook import write_return_workbook

    with tempfile.TemporaryDirectory(prefix="stm-return-") as folder:
        xlsx, pdf = Path(folder) / "return.xlsx", Path(folder) / "return.pdf"
        xlsx_seconds, _ = _timed(lambda: write_return_workbook(xlsx, result))
        pdf_seconds, _ = _timed(lambda: write_return_pdf(pdf, result))
        return xlsx_seconds, pdf_seconds, xlsx.stat().st_size, pdf.stat().st_size


def report(hand: list[float], ours: list[float], people: int, files: tuple[float, ...]) -> str:
    lines = [f"{'run':<5}{'hand-written SQL (counts)':>28}{'the return':>14}{'ratio':>9}"]
    for n, (base, mine) in enumerate(zip(hand, ours, strict=True), start=1):
        lines.append(f"{n:<5}{base:>26.2f} s{mine:>12.2f} s{mine / base:>8.2f}×")
    best_hand, best_ours = min(hand), min(ours)
    ratio = best_ours / best_hand
    verdict = "met" if ratio <= TARGET else "missed"
    record(
        [
            Ratio(
                "agency training return on the scale database: time",
                f"{best_ours:.2f} s",
                f"{best_hand:.2f} s, one hand-written SQL query",
                ratio,
                TARGET,
            )
        ]
    )
    xlsx_seconds, pdf_seconds, xlsx_bytes, pdf_bytes = files
    lines += [
        "",
        f"best of {len(hand)}: the return {best_ours:.2f} s, the hand-written query "
        f"{best_hand:.2f} s",
        f"time, return / hand-written query: {ratio:6.2f}× (target: at most {TARGET}×; {verdict})",
        f"counts identical: yes ({people:,} people in scope, each with a named line)",
        f"for information: the workbook written in {xlsx_seconds:.1f} s "
        f"({xlsx_bytes / 2**20:.1f} MB), the PDF in {pdf_seconds:.1f} s "
        f"({pdf_bytes / 2**10:.0f} KB)",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.return_benchmark",
        description="Time the agency training return over the scale database against one "
        "hand-written SQL query computing the same counts (DESIGN.md §5: at most 1.5x).",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="an empty database to fill with the scale data, or one this benchmark filled "
        f"before (default: a SQLite file cached in {CACHE})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of both (default: 3)")
    parser.add_argument(
        "--no-files", action="store_true", help="do not time writing the workbook and PDF"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from storage.database import Database

    args = _parser().parse_args(argv)
    url = args.database or _cached_sqlite()
    if args.database:
        _prepare_database(url)
    database = Database(url)
    try:
        return _measure(database, url, args.repeat, files=not args.no_files)
    finally:
        database.dispose()


def _measure(database: Database, url: str, repeat: int, *, files: bool) -> int:
    sql, parameters = hand_written_query(*catalogue(database))
    print(f"database {url}; {os.cpu_count()} cores", flush=True)
    print(f"topic {TOPIC}, reporting date {TODAY:%d/%m/%Y}, period from {PERIOD_START:%d/%m/%Y}")
    expected = run_hand_written(database, sql, parameters)  # warm-ups, and the numbers to match
    result = run_return(database)
    if return_counts(result) != expected:
        print("The return's counts differ from the hand-written query's.", file=sys.stderr)
        return 1
    hand, ours = [], []
    for _ in range(repeat):
        hand.append(_timed(lambda: run_hand_written(database, sql, parameters))[0])
        ours.append(_timed(lambda: run_return(database))[0])
    people = sum(len(agency.people) for agency in result.agencies)
    written = _files(result) if files else (0.0, 0.0, 0, 0)
    print(report(hand, ours, people, written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
