"""What a preview found for each row, kept compactly: a large file has a result for every row.

A 100,000-row file's results as objects took 25 MB; stored here in columns (an array of row
numbers, a byte per outcome, and indexes into the few distinct reasons and columns) they take
about 2.5 MB. Reading one back makes the ``RowResult`` it was.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload


class Outcome(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    ERROR = "error"


_OUTCOMES = tuple(Outcome)
_CODES = {outcome: code for code, outcome in enumerate(_OUTCOMES)}


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    outcome: Outcome
    reason: str = ""
    column: str | None = None


class _Texts:
    """Each distinct text once, by number: most rows share a reason such as "attended"."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []
        self.numbers: dict[str | None, int] = {}

    def number(self, text: str | None) -> int:
        number = self.numbers.get(text)
        if number is None:
            number = self.numbers[text] = len(self.texts)
            self.texts.append(text)
        return number


class RowResults(Sequence[RowResult]):
    """Results in the order they were appended (file order), stored in columns."""

    def __init__(self) -> None:
        self._rows = array("q")
        self._outcomes = bytearray()
        self._reasons = array("l")
        self._columns = array("l")
        self._texts = _Texts()

    def append(self, result: RowResult) -> None:
        self._rows.append(result.row)
        self._outcomes.append(_CODES[result.outcome])
        self._reasons.append(self._texts.number(result.reason))
        self._columns.append(self._texts.number(result.column))

    def count(self, value: object) -> int:
        return self._outcomes.count(_CODES[value]) if isinstance(value, Outcome) else 0

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> RowResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowResult]: ...

    def __getitem__(self, index: int | slice) -> RowResult | list[RowResult]:
        if isinstance(index, slice):
            return [self._result(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("row result index out of range")
        return self._result(index)

    def __iter__(self) -> Iterator[RowResult]:
        return map(self._result, range(len(self)))

    def _result(self, index: int) -> RowResult:
        texts = self._texts.texts
        reason = texts[self._reasons[index]]
        return RowResult(
            self._rows[index],
            _OUTCOMES[self._outcomes[index]],
            reason or "",
            texts[self._columns[index]],
        )
