"""How long work reports progress and hears a cancel, without knowing who is listening.

The GUI passes a callback that emits a Qt signal; the command line passes a text bar.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]  # done, total, what is happening now
Cancelled = Callable[[], bool]


class CancelledByUser(Exception):
    """The user cancelled; the work's transaction was rolled back."""


def no_progress(done: int, total: int, message: str) -> None:
    """The progress callback for callers that do not show progress."""


def never_cancelled() -> bool:
    return False
