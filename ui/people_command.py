"""``main.py people``: data protection from the command line: the retention period for leavers'
personal data, anonymising the leavers whose period is over, erasing one person on request and
exporting everything held about one person."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from training.errors import UserError
from ui.cli_support import (
    EXIT_OK,
    open_workspace,
    say,
    text_progress,
    uk_date,
    write_file,
    xlsx_path,
)

if TYPE_CHECKING:
    from training.data_protection import LeaversDue, PersonChoice
    from training.workspace import Workspace

NAMED_IN_PREVIEW = 20  # leavers named by a dry run; the counts cover them all
CONFIRM_WORD = "erase"

EPILOG = """\
examples:
  people retention --years 6
  people anonymise-leavers --dry-run
  people erase --agency "Northshire Police" --ref P1234 --reason "Asked by letter, 02/03/2026"
  people export --staff-id 812 --xlsx "Subject access request.xlsx\""""


def add_people(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    people = commands.add_parser(
        "people",
        help="data protection: retention, anonymising leavers, erasure and export of a person",
        description="Leavers' personal data is kept for a retention period after they leave, "
        "then anonymised: names, emails, references and job titles go; their training records "
        "stay, so every count stays right. One person can be erased on request, and "
        "everything held about one person exported. Only a coordinator may do these.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)

    retention = actions.add_parser(
        "retention",
        help="show or set how many years leavers' personal data is kept",
        description="With no option, shows the retention period; with --years, sets it.",
    )
    retention.add_argument(
        "--years", type=int, metavar="N", help="years after the leave date (1 to 100)"
    )
    retention.set_defaults(handler=retention_period)

    anonymise = actions.add_parser(
        "anonymise-leavers",
        help="anonymise the leavers whose retention period is over",
        description="Anonymise, in one go, everyone whose retention period is over on the "
        "date given (default: today).",
    )
    anonymise.add_argument(
        "--on", type=uk_date, default=dt.date.today(), help="as at this date (dd/mm/yyyy)"
    )
    anonymise.add_argument(
        "--dry-run", action="store_true", help="list who would be anonymised, change nothing"
    )
    anonymise.set_defaults(handler=anonymise_leavers)

    erase = actions.add_parser(
        "erase",
        help="erase one person's personal data on their request",
        description="Anonymise one person now, whenever they left; the reason is kept in the "
        "audit trail (without their name, email or reference).",
    )
    _add_person_options(erase)
    erase.add_argument("--reason", required=True, help="why: e.g. their request and its date")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(handler=erase_person)

    export = actions.add_parser(
        "export",
        help="write everything held about one person to an xlsx workbook",
        description="Everything held about one person (a subject access request): details, "
        "roles, training, certificates, evaluations, champion posts and meetings, imports "
        "and the audit trail, a sheet each.",
    )
    _add_person_options(export)
    export.add_argument("--xlsx", type=xlsx_path, required=True, metavar="OUT.xlsx")
    export.set_defaults(handler=export_person)


def _add_person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--staff-id", type=int, metavar="N", help="the person's id")
    parser.add_argument("--agency", metavar="NAME", help="their agency (with --ref)")
    parser.add_argument("--ref", metavar="REF", help="their staff reference (with --agency)")


def _chosen_person(space: Workspace, args: argparse.Namespace) -> PersonChoice:
    from training.data_protection import find_person

    return find_person(
        space.unit_of_work(), staff_id=args.staff_id, agency=args.agency, staff_ref=args.ref
    )


def _described(person: PersonChoice) -> str:
    ref = f", {person.staff_ref}" if person.staff_ref else ""
    return f"{person.name} ({person.agency}{ref}, staff id {person.staff_id})"


def retention_period(args: argparse.Namespace) -> int:
    from training.data_protection import retention_policy, set_retention_policy

    space = open_workspace(args.database)
    if args.years is None:
        policy = retention_policy(space.unit_of_work())
    else:
        policy = set_retention_policy(space.unit_of_work(), args.years)
        say("Saved.")
    say(f"Leavers' personal data is kept for {policy}, then anonymised.")
    return EXIT_OK


def anonymise_leavers(args: argparse.Namespace) -> int:
    from training.data_protection import anonymise_leavers as anonymising
    from training.data_protection import leavers_due

    space = open_workspace(args.database)
    if args.dry_run:
        _say_due(leavers_due(space.unit_of_work(), args.on, limit=NAMED_IN_PREVIEW))
        say("Dry run: nothing was changed.")
        return EXIT_OK
    with text_progress("Anonymising leavers") as progress:
        done = anonymising(space.unit_of_work(), args.on, progress=progress)
    say(str(done) if done.count else f"No leavers were due to be anonymised on {args.on:%d/%m/%Y}.")
    return EXIT_OK


def _say_due(due: LeaversDue) -> None:
    if not due.total:
        say(
            f"No leavers are due to be anonymised on {due.on:%d/%m/%Y} (retention: "
            f"{due.policy}; no one not yet anonymised left on or before "
            f"{due.left_by:%d/%m/%Y})."
        )
        return
    people = f"{due.total:,} leaver{'' if due.total == 1 else 's'}"
    say(
        f"On {due.on:%d/%m/%Y}, {people} who left on or before {due.left_by:%d/%m/%Y} "
        f"{'is' if due.total == 1 else 'are'} due to be anonymised (retention: {due.policy})."
    )
    for agency, count in due.by_agency:
        say(f"  {agency}: {count:,}")
    say("Those who left first:")
    for person in due.people:
        say(f"  {person.name}, {person.agency}, left {person.leave_date:%d/%m/%Y}")
    if due.not_named:
        say(f"  ... and {due.not_named:,} more")


def erase_person(args: argparse.Namespace) -> int:
    from training.data_protection import erase_person as erasing

    space = open_workspace(args.database)
    person = _chosen_person(space, args)
    if person.anonymised_on is None and not args.yes:
        say(f"Erasing {_described(person)} replaces their name, email, staff reference and")
        say("job title for good; their training records stay, anonymous, so every count stays.")
        _confirm(person)
    erased = erasing(space.unit_of_work(), person.staff_id, args.reason)
    say(f"Erased: {person.name} is now {erased.name}. The reason is in the audit trail.")
    return EXIT_OK


def _confirm(person: PersonChoice) -> None:
    """Ask on the terminal; refuse when no one can answer (add --yes in scripts)."""
    if not sys.stdin.isatty():
        raise UserError(
            f"{person.name} was not erased: confirm with --yes (no one is at a terminal to ask)."
        )
    answer = input(f'Type "{CONFIRM_WORD}" to erase {person.name}: ')
    if answer.strip().lower() != CONFIRM_WORD:
        raise UserError(f"{person.name} was not erased: nothing was changed.")


def export_person(args: argparse.Namespace) -> int:
    from training.data_protection import export_person_record

    space = open_workspace(args.database)
    person = _chosen_person(space, args)
    sheets = write_file(
        args.xlsx, lambda path: export_person_record(space.unit_of_work(), person.staff_id, path)
    )
    say(f"Everything held about {_described(person)} written to {args.xlsx} ({sheets} sheets).")
    return EXIT_OK
