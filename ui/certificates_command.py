"""``main.py certificates``: certificates of attendance or completion printed as PDF, for a
session, one attendance record, or a person's latest attended record of a course."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from training.errors import UserError
from ui.cli_support import EXIT_OK, err, open_workspace, out, say, text_progress

if TYPE_CHECKING:
    from training.certificates import CertificateBatch

CERTIFICATES_EPILOG = """\
A certificate is issued the first time it is printed, with a number and a verification code
that every reprint keeps. Only records marked attended have certificates.

examples:
  certificates --session 12 --out cse-day.pdf          everyone who attended, one PDF
  certificates --session 12 --out certificates/        one PDF each, in the folder
  certificates --attendance 345 --out alex-smith.pdf
  certificates --staff-ref P1234 --agency "Northshire Police" --course CSE-T1 --out alex.pdf"""


def add_certificates(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    certificates = commands.add_parser(
        "certificates",
        help="print certificates of attendance or completion as PDF",
        description="Certificates (A4 landscape PDF) for everyone who attended a session, for "
        "one attendance record, or for a person's latest attended record of a course.",
        epilog=CERTIFICATES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = certificates.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="ID", help="everyone who attended it")
    which.add_argument("--attendance", type=int, metavar="ID", help="one attendance record")
    which.add_argument(
        "--staff-ref", metavar="REF", help="one person's record (with --agency and --course)"
    )
    certificates.add_argument("--agency", help="the agency of --staff-ref")
    certificates.add_argument("--course", metavar="CODE", help="the course code, with --staff-ref")
    certificates.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE.pdf|FOLDER",
        help="one PDF with a page each, or a folder to hold one PDF per certificate",
    )
    certificates.set_defaults(handler=print_certificates)


def print_certificates(args: argparse.Namespace) -> int:
    from training import certificates as issuing

    if args.staff_ref is not None and not (args.agency and args.course):
        raise UserError("--staff-ref needs --agency NAME and --course CODE to find the record")
    space = open_workspace(args.database)
    if args.session is not None:
        batch = issuing.session_certificates(space.unit_of_work(), args.session)
    elif args.attendance is not None:
        batch = issuing.attendance_certificate(space.unit_of_work(), args.attendance)
    else:
        batch = issuing.staff_certificate(
            space.unit_of_work(), args.agency, args.staff_ref, args.course
        )
    with text_progress("Writing the certificates") as progress:
        saved = issuing.save_certificates(space.unit_of_work(), batch, args.out, progress=progress)
    _print_issued(batch)
    where = saved.files[0] if len(saved.files) == 1 else f"{len(saved.files)} files in {args.out}"
    say(f"{saved.pages} certificate{'s' if saved.pages != 1 else ''} saved to {where}.")
    for warning in saved.warnings:
        err.print(f"[bold yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    return EXIT_OK


def _print_issued(batch: CertificateBatch) -> None:
    table = Table("number", "learner", "course", "date", "", title="Certificates")
    for certificate in batch.certificates:
        table.add_row(
            certificate.number,
            escape(certificate.learner),
            escape(certificate.course_code),
            f"{certificate.completed_on:%d/%m/%Y}",
            "new" if certificate.newly_issued else "reprint",
        )
    out.print(table)
