"""The ratios the benchmarks measure, handed to ``python -m benchmarks`` for its one table.

Each benchmark prints its own detailed report, and also records its ratios here: when the
environment names a file (``STM_BENCHMARK_RATIOS``, set by ``python -m benchmarks``), each ratio
is appended to it as a line of JSON.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

RATIOS_FILE = "STM_BENCHMARK_RATIOS"


@dataclass(frozen=True)
class Ratio:
    """One measured ratio against its baseline, with the target it is judged by."""

    measure: str  # what was measured, e.g. "import of 100,000 rows: time"
    ours: str  # the figure, with its unit: "32.3 s"
    baseline: str  # the baseline's figure and what it is: "17.8 s, openpyxl read-only"
    ratio: float
    target: float | None  # None: for information

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "for information"
        return "met" if self.ratio <= self.target else "missed"


def record(ratios: Iterable[Ratio]) -> None:
    """Append the ratios to the file ``python -m benchmarks`` named, if it named one."""
    name = os.environ.get(RATIOS_FILE)
    if not name:
        return
    with Path(name).open("a", encoding="utf-8") as file:
        for ratio in ratios:
            file.write(json.dumps(asdict(ratio)) + "\n")


def recorded(path: Path) -> list[Ratio]:
    """The ratios appended to ``path``, in order."""
    if not path.exists():
        return []
    return [Ratio(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
