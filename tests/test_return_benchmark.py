"""The return benchmark's hand-written query counts what the return counts (DESIGN.md §5: the
return is measured against a query that computes the same counts), on SQLite and PostgreSQL."""

from __future__ import annotations

from benchmarks.return_benchmark import (
    TODAY,
    catalogue,
    hand_written_query,
    return_counts,
    run_hand_written,
    run_return,
)
from benchmarks.scale_data import generate


def test_the_hand_written_query_counts_what_the_return_counts(database):
    generate(database, agencies=3, staff=300, attendance=3_000, seed=7, today=TODAY)
    sql, parameters = hand_written_query(*catalogue(database))
    expected = run_hand_written(database, sql, parameters)
    assert len(expected) > 3  # agencies by required tier
    assert sum(counts[1] for counts in expected.values()) > 0  # someone trained
    assert return_counts(run_return(database)) == expected
