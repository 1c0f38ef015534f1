"""How ``main.py`` starts: the desktop when no command is given, the command line otherwise.

The command line (``ui.cli``, with rich and every command's arguments) is loaded only when a
command is given, so the desktop starts with no more than it needs: start-up is measured by
``benchmarks/startup_benchmark.py``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

PROGRAM = "main.py"


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL, e.g. sqlite:///partnership.sqlite3 or "
        "postgresql://user@host/dbname (default: $STM_DATABASE_URL, else a SQLite file in "
        "your data folder)",
    )


def open_desktop(database_url: str | None) -> int:
    from ui.desktop.app import run_desktop  # Qt is loaded only for the desktop

    return run_desktop(database_url)


def launch(argv: Sequence[str]) -> int:
    desktop = argparse.ArgumentParser(prog=PROGRAM, add_help=False, exit_on_error=False)
    add_database_option(desktop)
    try:
        options, rest = desktop.parse_known_args(argv)
    except argparse.ArgumentError:  # left for the command line's parser to explain
        rest = list(argv)
    if not rest:
        return open_desktop(options.database)
    from ui.cli import run

    return run(argv)
