"""Where the desktop application writes its log: unexpected errors' tracebacks go there."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs

APP_FOLDER = "safeguarding-training-manager"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP_FOLDER, appauthor=False)) / "desktop.log"


def configure_logging() -> None:
    """Log warnings and errors to the user's log folder and to stderr."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(path, encoding="utf-8"), logging.StreamHandler()],
    )
