"""``main.py settings``: the coordinator's settings workbook (export, import) and the
partnership's own settings (its name, logo and signatory, printed on certificates and reports)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from training.errors import UserError, ValidationError
from ui.cli_support import EXIT_OK, open_workspace, say

if TYPE_CHECKING:
    from training.certificates import CertificateSettings

PARTNERSHIP_EPILOG = """\
With no options, prints the settings; with options, saves the ones given and prints them all.

examples:
  settings partnership
  settings partnership --name "Northshire Safeguarding Children Partnership"
  settings partnership --logo logo.png --signatory "Dr Helen Marsden" --signatory-title Chair
  settings partnership --no-logo"""

# a CertificateSettings field -> (its option, its label when printed)
OPTIONS = {
    "partnership": ("--name", "Partnership name"),
    "logo_path": ("--logo", "Logo file"),
    "signatory": ("--signatory", "Signatory"),
    "signatory_title": ("--signatory-title", "Signatory's title"),
}
NOT_SET = "(not set)"


def add_settings(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = commands.add_parser(
        "settings",
        help="the settings workbook, and the partnership's name, logo and signatory",
        description="Topics, tiers, courses, roles, role requirements, sectors, agencies and the "
        "partnership's name, logo and signatory in one xlsx workbook, so a partnership can be "
        "set up from a spreadsheet; or the partnership's own settings alone.",
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the settings to FILE.xlsx")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=export_workbook)
    load = actions.add_parser("import", help="read the settings from FILE.xlsx")
    load.add_argument("file", type=Path)
    load.add_argument(
        "--dry-run", action="store_true", help="check the workbook and report, change nothing"
    )
    load.set_defaults(handler=import_workbook)
    _add_partnership(actions)


def _add_partnership(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    partnership = actions.add_parser(
        "partnership",
        help="show or set the partnership's name, logo and signatory",
        description="The partnership's name, logo and signatory, printed on certificates (and "
        "the name at the head of reports).",
        epilog=PARTNERSHIP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    partnership.add_argument("--name", metavar="NAME", help="the partnership's (or board's) name")
    logo = partnership.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="FILE", help="a PNG or JPEG picture for the certificates")
    logo.add_argument("--no-logo", action="store_true", help="print certificates without a logo")
    partnership.add_argument("--signatory", metavar="NAME", help="who signs the certificates")
    partnership.add_argument(
        "--signatory-title", metavar="TITLE", help="the signatory's role, under their name"
    )
    partnership.set_defaults(handler=partnership_settings)


def export_workbook(args: argparse.Namespace) -> int:
    from training.settings_workbook import export_settings

    space = open_workspace(args.database)
    counts = export_settings(space.unit_of_work(), args.file)
    say(f"Settings written to {args.file}: {counts}")
    return EXIT_OK


def import_workbook(args: argparse.Namespace) -> int:
    from training.settings_workbook import import_settings

    space = open_workspace(args.database)
    report = import_settings(space.unit_of_work(), args.file, dry_run=args.dry_run)
    say(str(report))
    return EXIT_OK


def partnership_settings(args: argparse.Namespace) -> int:
    from training.certificates import certificate_settings, save_certificate_settings

    given = _given(args)
    space = open_workspace(args.database)
    current = certificate_settings(space.unit_of_work())
    if not given:
        _print(current)
        return EXIT_OK
    try:
        saved = save_certificate_settings(space.unit_of_work(), replace(current, **given))
    except ValidationError as refused:
        raise UserError(_refusal(refused)) from refused
    say("Saved.")
    _print(saved)
    return EXIT_OK


def _given(args: argparse.Namespace) -> dict[str, str]:
    """The settings the options change (a field -> its new value; "" clears it)."""
    typed = {
        "partnership": args.name,
        "logo_path": "" if args.no_logo else args.logo,
        "signatory": args.signatory,
        "signatory_title": args.signatory_title,
    }
    return {name: value for name, value in typed.items() if value is not None}


def _refusal(refused: ValidationError) -> str:
    """The problems named by the options that give them."""
    problems = "; ".join(
        f"{OPTIONS[name][0]}: {problem}" for name, problem in refused.problems.items()
    )
    return f"The partnership settings were not saved. {problems}"


def _print(settings: CertificateSettings) -> None:
    width = max(len(label) for _, label in OPTIONS.values()) + 2
    for name, (_, label) in OPTIONS.items():
        say(f"{label + ':':<{width}}{getattr(settings, name) or NOT_SET}")
