"""Start-up benchmark (DESIGN.md §5): the desktop application opening on the scale database,
against a bare PySide6 window holding an empty table.

Each start is a fresh child process, so that nothing is imported or cached from an earlier one:

- the baseline: ``QApplication``, a ``QMainWindow`` with an empty ``QTableView``, shown;
- the application: ``python main.py --database URL`` as a user starts it (the command line,
  then the desktop). Two moments: the window shown, and usable (its menus and navigation
  answer while the database opens behind it), which the target is judged on; and, for
  information, the page it opens on having displayed its data: no background work under way
  (``ui.desktop.operations.tracker()`` idle).

Both are timed from just before the parent starts the child until those moments, read in the
child on the system's monotonic clock, which every process shares. Both windows are 1280×720;
the application's remembered layout is neither read nor written (its settings go to a
temporary folder), so it opens on its first page at its default size (1280×720, or the screen's
size if smaller). The figures are the medians of the runs.
Memory is the child's peak resident set size (VmHWM).

The scale database (60 agencies, 100,000 staff, 1,000,000 attendance records) is generated once,
standing on the day it is made, into the system's temporary folder (see ``--help``); ``--staff``
makes a smaller one, proportionally, for a quick look. Qt draws offscreen unless there is a
display; run it under ``xvfb-run -a -s "-screen 0 1366x768x24"`` to include an X server's costs
and a laptop's screen.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.ratios import Ratio, record

TARGET = 2.0
STAFF = 100_000
RECORDS_PER_STAFF = 10
AGENCIES = 60
WINDOW = (1280, 720)
POLL_MS = 2  # how often the application's child checks whether the page has loaded
CACHE = Path(tempfile.gettempdir()) / "stm-startup-benchmark"


# --- the children: each prints one line of JSON --------------------------------------------------
# Everything is imported inside functions: the baseline child loads PySide6 alone.


def _peak_kib() -> int:
    """This process's peak resident set size so far, in KiB (VmHWM: ``ru_maxrss`` would carry
    the parent's over a fork and exec)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def _wait(app: Any, done: Callable[[], bool]) -> float:
    """Process events until ``done()``; the monotonic time it became so."""
    from PySide6.QtCore import QEventLoop

    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, POLL_MS)
    return time.monotonic()


def _exposed(window: Any) -> bool:
    handle = window.windowHandle()
    return handle is not None and handle.isExposed()


def start_baseline() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(*WINDOW)
    window.show()
    shown = _wait(app, lambda: _exposed(window))
    app.processEvents()  # paint it
    return {"shown": shown, "ready": time.monotonic()}


def start_application(url: str) -> dict[str, float]:
    """``main.py --database URL``, watched from a timer until its first page has loaded."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    settings = tempfile.mkdtemp(prefix="stm-startup-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = QApplication(sys.argv[:1])  # the application takes the one that is running
    times: dict[str, float] = {}

    def check() -> None:
        window = next((w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow"), None)
        if window is None or not _exposed(window):
            return
        times.setdefault("shown", time.monotonic())
        built = window.pages  # type: ignore[attr-defined]  # the app's own MainWindow
        if not built:
            return  # the database is still opening: no page is built yet
        operations = sys.modules["ui.desktop.operations"]
        if not built[0].out_of_date and not operations.tracker().is_busy:
            app.processEvents()  # paint what arrived
            times["ready"] = time.monotonic()
            app.quit()

    watch = QTimer()
    watch.setInterval(POLL_MS)
    watch.timeout.connect(check)
    watch.start()
    import main

    main.main(["--database", url])
    return times


def child_main(kind: str, arguments: Sequence[str]) -> int:
    times = start_baseline() if kind == "baseline" else start_application(arguments[0])
    print(json.dumps({**times, "peak_kib": _peak_kib()}))
    return 0


def _child(*arguments: str) -> dict[str, float]:
    """Run a child; its times become seconds since just before it was started."""
    command = [sys.executable, "-m", "benchmarks.startup_benchmark", "--child", *arguments]
    environment = dict(os.environ)
    if not (environment.get("DISPLAY") or environment.get("WAYLAND_DISPLAY")):
        environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "shown": result["shown"] - started,
        "ready": result["ready"] - started,
        "peak_kib": result["peak_kib"],
    }


# --- the database -------------------------------------------------------------------------------


def _cached_database(staff: int) -> str:
    """The scale database of ``staff`` staff, generated once into the cache."""
    from benchmarks.scale_data import generate
    from storage.database import Database

    path = CACHE / f"scale-{staff}-staff.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        database = Database(f"sqlite:///{partial}")
        print(f"Generating the scale database into {path} (about a minute)...", flush=True)
        agencies = max(1, min(AGENCIES, staff // 1000))
        generate(database, agencies=agencies, staff=staff, attendance=staff * RECORDS_PER_STAFF)
        database.dispose()
        partial.rename(path)
    return f"sqlite:///{path}"


# --- the report ---------------------------------------------------------------------------------


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def report(baseline: list[dict[str, float]], application: list[dict[str, float]]) -> str:
    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    base = median(baseline, "ready")
    shown, ready = median(application, "shown"), median(application, "ready")
    base_peak, app_peak = median(baseline, "peak_kib"), median(application, "peak_kib")
    every = "  ".join(f"{run['ready']:.2f}" for run in application)
    rows = [
        ("bare window + empty table, shown", f"{base:.2f} s", "", _mib(base_peak)),
        ("application, window shown (usable)", f"{shown:.2f} s", f"{shown / base:.2f}×", ""),
        (
            "application, first page's data shown",
            f"{ready:.2f} s",
            f"{ready / base:.2f}×",
            _mib(app_peak),
        ),
    ]
    lines = [f"{'':<38}{'median':>9}{'ratio':>9}{'peak RSS':>12}"]
    lines += [f"{what:<38}{seconds:>9}{ratio:>9}{peak:>12}" for what, seconds, ratio, peak in rows]
    verdict = "met" if shown / base <= TARGET else "missed"
    record(
        [
            Ratio(
                "desktop start-up on the scale database to a usable window: time",
                f"{shown:.2f} s",
                f"{base:.2f} s, bare PySide6 window with an empty table",
                shown / base,
                TARGET,
            ),
            Ratio(
                "desktop start-up to the first page's data: time",
                f"{ready:.2f} s",
                f"{base:.2f} s, the same bare window",
                ready / base,
                None,
            ),
        ]
    )
    lines += [
        "",
        f"start-up to a usable window, application / bare window: {shown / base:.2f}× (target: "
        f"at most {TARGET}×; {verdict})",
        f"start-up to the first page's data, application / bare window: {ready / base:.2f}× "
        "(for information: the data arrives while the window is already in use)",
        f"peak RSS, application / bare window: {app_peak / base_peak:.2f}× (for information)",
        f"application runs, data shown (s): {every}",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.startup_benchmark",
        description="Time the desktop application's start on the scale database to its first "
        "page's data shown, against a bare PySide6 window with an empty table (DESIGN.md §5: "
        "at most 2x).",
    )
    parser.add_argument(
        "--staff",
        type=int,
        default=STAFF,
        help=f"staff in the scale database, {RECORDS_PER_STAFF} records each "
        "(default: 100,000; fewer for a quick look)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"a database holding a partnership (default: a SQLite file cached in {CACHE})",
    )
    parser.add_argument("--repeat", type=int, default=5, help="starts of each (default: 5)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return child_main(args.child[0], args.child[1:])
    url = args.database or _cached_database(args.staff)
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "xcb" if os.environ.get("DISPLAY") else "offscreen"
    )
    print(f"database {url}; Qt platform {platform}; {os.cpu_count()} cores", flush=True)
    _child("application", url)  # a first start warms the disk cache for every measured one
    baseline, application = [], []
    for _ in range(args.repeat):
        baseline.append(_child("baseline"))
        application.append(_child("application", url))
    print(report(baseline, application))
    return 0


if __name__ == "__main__":
    sys.exit(main())
