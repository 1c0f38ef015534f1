"""``main.py users``: the users of a shared database: its first coordinator, and the list a
coordinator keeps (an embedded database has one user, its coordinator, and no sign-in)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from rich.table import Table

from training.errors import UserError
from ui.cli_support import EXIT_OK, PASSWORD_VARIABLE, open_workspace, out, say

NEW_PASSWORD_VARIABLE = "STM_NEW_PASSWORD"
ROLES = ("coordinator", "agency_lead", "qa_reviewer", "viewer")


def add_users(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = commands.add_parser(
        "users",
        help="the users of a shared database and their roles",
        description="Users sign in to a shared (PostgreSQL) database: set it up with its first "
        f"coordinator, then add the others. Passwords are read from ${NEW_PASSWORD_VARIABLE} "
        "or asked for at the terminal; commands sign in with $STM_USER and $STM_PASSWORD.",
    )
    actions = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    setup = actions.add_parser("setup", help="create the first coordinator of a new database")
    setup.add_argument("user_name", metavar="USER")
    setup.add_argument("--full-name", default="")
    setup.set_defaults(handler=_setup)
    add = actions.add_parser("add", help="add a user (a coordinator only)")
    add.add_argument("user_name", metavar="USER")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--agency", help="an agency lead's agency")
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="list the users (a coordinator only)")
    listing.set_defaults(handler=_list)


def _setup(args: argparse.Namespace) -> int:
    space = open_workspace(args.database, sign_in=False)
    if not space.is_shared:
        raise UserError(
            f"{space.name} is an embedded database: its user is the coordinator, without "
            "signing in. Users are for a shared PostgreSQL database."
        )
    space.set_up(args.user_name, args.full_name, _new_password(PASSWORD_VARIABLE))
    say(f"{args.user_name} is the first coordinator of {space.name}.")
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    from training.access import Role
    from training.agencies import find_agency
    from training.users import UserDraft, save_user

    space = open_workspace(args.database)
    agency_id = find_agency(space.unit_of_work(), args.agency).id if args.agency else None
    draft = UserDraft(
        args.user_name,
        args.full_name,
        Role(args.role),
        agency_id,
        password=_new_password(NEW_PASSWORD_VARIABLE),
    )
    user = save_user(space.unit_of_work(), draft)
    say(
        f"{user.user_name} added as {user.role.label}{f' of {user.agency}' if user.agency else ''}."
    )
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from training.users import list_users

    space = open_workspace(args.database)
    table = Table("user", "name", "role", "agency", "active", title=space.name)
    for user in list_users(space.unit_of_work()):
        table.add_row(
            user.user_name,
            user.full_name,
            user.role.label,
            user.agency,
            "yes" if user.active else "no",
        )
    out.print(table)
    return EXIT_OK


def _new_password(variable: str) -> str:
    """The new user's password: ``$variable``, or asked twice at a terminal."""
    if password := os.environ.get(variable, ""):
        return password
    if not sys.stdin.isatty():
        raise UserError(f"Give the new user's password in ${variable}, or run this at a terminal.")
    password = getpass.getpass("New user's password: ")
    if getpass.getpass("The same again: ") != password:
        raise UserError("The two passwords differ; nothing was saved.")
    return password
