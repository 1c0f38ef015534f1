import pytest

from training.imports.results import Outcome, RowResult, RowResults

RESULTS = [
    RowResult(2, Outcome.NEW, "attended"),
    RowResult(3, Outcome.ERROR, "not a real date", "Completion date"),
    RowResult(4, Outcome.DUPLICATE, "the same as row 2"),
    RowResult(100_000, Outcome.NEW, "attended"),
]


def stored(results=RESULTS) -> RowResults:
    store = RowResults()
    for result in results:
        store.append(result)
    return store


def test_results_read_back_as_they_were_appended():
    store = stored()
    assert list(store) == RESULTS
    assert len(store) == 4
    assert store[1] == RESULTS[1] and store[-1] == RESULTS[-1]
    assert store[1:3] == RESULTS[1:3]


def test_results_count_by_outcome():
    store = stored()
    assert store.count(Outcome.NEW) == 2
    assert store.count(Outcome.UPDATE) == 0
    assert store.count("something else") == 0


def test_an_index_past_the_end_is_refused():
    with pytest.raises(IndexError):
        stored()[4]
    with pytest.raises(IndexError):
        stored()[-5]


def test_shared_reasons_are_stored_once():
    store = stored(RESULTS * 1000)
    assert len(store._texts.texts) == 5  # three reasons; no column, and "Completion date"
