"""``main.py backup`` and ``main.py restore``: the embedded database copied to a file while in
use, and put back from one (after asking, unless ``--yes``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli_support import EXIT_OK, EXIT_USER_ERROR, err, open_workspace, say

BACKUP_EPILOG = """\
A shared PostgreSQL database is backed up on its server with pg_dump instead (see the README).

example:
  backup --to partnership-backup-2026-03-31.sqlite3"""

RESTORE_EPILOG = """\
The database as it is now is kept beside it, as <name>.before-restore-<date>-<time>.sqlite3.

examples:
  restore --from partnership-backup-2026-03-31.sqlite3
  restore --from partnership-backup-2026-03-31.sqlite3 --yes     # without asking"""


def add_backup(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the embedded database to a file",
        description="Write a consistent copy of the embedded (SQLite) database to FILE, which "
        "can be done while the desktop app is open. For a coordinator.",
        epilog=BACKUP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    backup.add_argument(
        "--to", dest="target", type=Path, required=True, metavar="FILE", help="the backup to write"
    )
    backup.set_defaults(handler=back_up)


def add_restore(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    restore = commands.add_parser(
        "restore",
        help="replace the embedded database with a backup",
        description="Replace everything in the embedded (SQLite) database with what the backup "
        "FILE holds. For a coordinator.",
        epilog=RESTORE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    restore.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="FILE", help="the backup"
    )
    restore.add_argument("--yes", action="store_true", help="restore without asking first")
    restore.set_defaults(handler=restore_backup)


def back_up(args: argparse.Namespace) -> int:
    from training.backup import back_up_database, database_file

    space = open_workspace(args.database)
    summary = back_up_database(space, args.target)
    say(f"Backed up {database_file(space) or space.name} to {summary.path}.")
    say(f"The backup holds {summary.holdings}.")
    return EXIT_OK


def restore_backup(args: argparse.Namespace) -> int:
    from training.backup import database_file, require_backup_allowed, restore_database

    space = open_workspace(args.database)
    require_backup_allowed(space)
    live = database_file(space) or space.name
    if not args.yes and not _confirmed(live, args.source):
        err.print("Nothing was restored.", markup=False, highlight=False)
        return EXIT_USER_ERROR
    summary = restore_database(space, args.source)
    say(f"Restored {live} from {summary.restored_from}.")
    say(f"It now holds {summary.holdings}.")
    if summary.upgraded:
        say("The backup was made by an older version; it has been brought up to date.")
    say(f"The database as it was before is kept in {summary.kept}.")
    return EXIT_OK


def _confirmed(database: Path | str, source: Path) -> bool:
    say(f"Everything in {database} will be replaced by what {source} holds.")
    say("A copy of the database as it is now will be kept beside it.")
    try:
        answer = input("Restore? [y/N] ")
    except EOFError:  # no one to answer: stdin is closed or empty
        say("")
        return False
    return answer.strip().lower() in ("y", "yes")
