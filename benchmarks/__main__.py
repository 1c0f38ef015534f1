"""Every benchmark, one after another, then one table of their ratios against their targets.

    python -m benchmarks              # all four, each with its own report as it goes
    python -m benchmarks --markdown   # the table as Markdown, as the README shows it
    python -m benchmarks import return

Each benchmark runs in its own process (as ``python -m benchmarks.NAME``), so none inherits
another's memory or caches; the desktop's start-up runs under ``xvfb-run`` when there is no
display and xvfb-run is installed. The first run of each generates its scale database into the
system's temporary folder, which takes a few minutes; later runs reuse it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.ratios import RATIOS_FILE, Ratio, recorded

BENCHMARKS = {
    "import": "import_benchmark",
    "return": "return_benchmark",
    "certificates": "certificate_benchmark",
    "startup": "startup_benchmark",
}
SCREEN = "-screen 0 1366x768x24"


def command(name: str) -> list[str]:
    """How to run one benchmark: the start-up one needs a display, or Xvfb for one."""
    run = [sys.executable, "-m", f"benchmarks.{BENCHMARKS[name]}"]
    if name == "startup" and not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        return ["xvfb-run", "-a", "-s", SCREEN, *run]
    return run


def table(ratios: Sequence[Ratio], *, markdown: bool) -> str:
    rows = [
        (
            r.measure,
            r.ours,
            r.baseline,
            f"{r.ratio:.2f}×",
            "—" if r.target is None else f"≤ {r.target}×",
            r.verdict,
        )
        for r in ratios
    ]
    header = ("measure", "ours", "baseline", "ratio", "target", "result")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run the benchmarks and print one table of their ratios and targets.",
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"{', '.join(BENCHMARKS)} (default: all)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    if unknown := [name for name in args.names if name not in BENCHMARKS]:
        parser.error(
            f"no benchmark named {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}"
        )
    failed = []
    with tempfile.TemporaryDirectory(prefix="stm-benchmarks-") as folder:
        ratios_file = Path(folder) / "ratios.jsonl"
        environment = {**os.environ, RATIOS_FILE: str(ratios_file)}
        for name in args.names or BENCHMARKS:
            print(f"\n=== {name} ===", flush=True)
            if subprocess.run(command(name), env=environment, check=False).returncode != 0:
                failed.append(name)
        ratios = recorded(ratios_file)
    print("\n" + table(ratios, markdown=args.markdown))
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
