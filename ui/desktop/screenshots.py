"""Screenshots of every page of the main window, as PNG files, to review the look.

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        python -m ui.desktop.screenshots OUTDIR [--database URL] [--size 1280x720]

The window's remembered layout is neither read nor written (settings go to a temporary folder).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QSize, QThreadPool
from PySide6.QtWidgets import QApplication

from training.workspace import open_workspace
from ui.desktop.app import create_application
from ui.desktop.main_window import DEFAULT_SIZE, PAGES, MainWindow
from ui.desktop.operations import tracker

QUIET_SECONDS = 0.5  # no work under way for this long: debounced reloads have run too
SETTLE_TIMEOUT = 60.0


def window_size(text: str) -> QSize:
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size: write it as 1280x720")
    return QSize(int(match[1]), int(match[2]))


def settle(app: QApplication) -> None:
    """Process events until no background work has been under way for ``QUIET_SECONDS``."""
    deadline = time.monotonic() + SETTLE_TIMEOUT
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if tracker().is_busy:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_SECONDS:
            return


def page_file_name(number: int, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"{number:02d}-{slug}.png"


def save_screenshots(out_dir: Path, database_url: str | None, size: QSize) -> list[Path]:
    app = create_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    space = open_workspace(database_url)
    window = MainWindow(space)
    window.resize(size)
    window.show()
    saved = []
    for number, entry in enumerate(PAGES, 1):
        window.show_page(number - 1)
        settle(app)
        path = out_dir / page_file_name(number, entry.title)
        window.grab().save(str(path))
        saved.append(path)
    window.hide()
    QThreadPool.globalInstance().waitForDone()
    space.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.desktop.screenshots")
    parser.add_argument("out_dir", type=Path, metavar="OUTDIR")
    parser.add_argument("--database", metavar="URL", help="database URL (default: the user's)")
    parser.add_argument(
        "--size",
        type=window_size,
        default=DEFAULT_SIZE,
        help="window size, e.g. 1280x720 (the default)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as settings_folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_folder)
        for path in save_screenshots(args.out_dir, args.database, args.size):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
