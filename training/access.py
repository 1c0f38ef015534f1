"""Who may do what: users' roles, the permissions each role holds, and an agency lead's scope.

Enforced in the services (every service names the permission it needs), so the desktop, the
command line and anything else built on them refuse the same things. On the embedded
single-user database the user is the coordinator without signing in.
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Concatenate, ParamSpec, TypeVar

from storage.models import StaffMember
from training.errors import UserError
from training.transactions import UnitOfWork, found

P = ParamSpec("P")
R = TypeVar("R")


class Role(StrEnum):
    COORDINATOR = "coordinator"
    AGENCY_LEAD = "agency_lead"
    QA_REVIEWER = "qa_reviewer"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.COORDINATOR: "Coordinator",
    Role.AGENCY_LEAD: "Agency lead",
    Role.QA_REVIEWER: "QA reviewer",
    Role.VIEWER: "Viewer",
}


class Permission(Enum):
    """What a service needs; the value is the phrase used when it is refused ("… may not …")."""

    READ_CATALOGUE = "see the training programme"
    EDIT_PROGRAMME = "change the training programme, agencies, requirements or champions"
    READ_STAFF = "see staff records"
    EDIT_STAFF = "change staff records"
    RECORD_ATTENDANCE = "record attendance"
    READ_RETURNS = "see training returns"
    READ_REPORTS = "see the partnership's reports"
    QUALITY_ASSURE = "record evaluations and observations"
    READ_QUALITY = "see quality assurance"
    ISSUE_CERTIFICATES = "issue certificates"
    ADMINISTER = "manage users, the audit trail, data protection and backups"


_AGENCY_WORK = {
    Permission.READ_CATALOGUE,
    Permission.READ_STAFF,
    Permission.EDIT_STAFF,
    Permission.RECORD_ATTENDANCE,
    Permission.READ_RETURNS,
}
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COORDINATOR: frozenset(Permission),
    Role.AGENCY_LEAD: frozenset(_AGENCY_WORK),
    Role.QA_REVIEWER: frozenset(
        {Permission.READ_CATALOGUE, Permission.QUALITY_ASSURE, Permission.READ_QUALITY}
    ),
    Role.VIEWER: frozenset(
        {
            Permission.READ_CATALOGUE,
            Permission.READ_RETURNS,
            Permission.READ_REPORTS,
            Permission.READ_QUALITY,
        }
    ),
}


class AccessDeniedError(UserError):
    """The signed-in user's role does not allow this, or the record is another agency's."""


@dataclass(frozen=True)
class Principal:
    """The user a unit of work acts for. ``agency_id`` is set for an agency lead alone, and
    limits everything they see and change to that agency."""

    user_name: str
    role: Role
    agency_id: int | None = None
    full_name: str = ""

    @property
    def shown_name(self) -> str:
        return self.full_name or self.user_name

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise AccessDeniedError(
                f"{self.shown_name} ({self.role.label}) may not {permission.value}. "
                "Ask the partnership's training coordinator if you need to."
            )

    @property
    def agency_scope(self) -> int | None:
        """The one agency this user works within, or None for every agency."""
        return self.agency_id if self.role is Role.AGENCY_LEAD else None

    def require_agency(self, agency_id: int | None) -> None:
        """Refuse a record of another agency than the lead's own (None: not an agency's)."""
        scope = self.agency_scope
        if scope is not None and agency_id != scope:
            raise AccessDeniedError(
                f"{self.shown_name} is the lead of another agency and may see and change "
                "only their own agency's staff, attendance and returns."
            )


def embedded_user() -> Principal:
    """The single user of an embedded (SQLite) database: the coordinator, named by their login."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "coordinator"
    return Principal(user_name=name, role=Role.COORDINATOR)


EMBEDDED_USER = embedded_user()


def principal_of(uow: UnitOfWork) -> Principal:
    """The user a unit of work acts for; one opened without a user is the embedded database's
    single user, the coordinator (the workspace of a shared database always names its user)."""
    actor = uow.actor
    if actor is None:
        return EMBEDDED_USER
    if isinstance(actor, Principal):
        return actor
    raise TypeError(f"a unit of work's actor must be a Principal, not {actor!r}")


def requires(
    permission: Permission,
) -> Callable[[Callable[Concatenate[UnitOfWork, P], R]], Callable[Concatenate[UnitOfWork, P], R]]:
    """Declare the permission a service needs: it refuses, before any work, a user without it.

    The permission is kept on the service (``__permission__``), so a test can prove that every
    service declares one.
    """

    def declare(
        service: Callable[Concatenate[UnitOfWork, P], R],
    ) -> Callable[Concatenate[UnitOfWork, P], R]:
        @functools.wraps(service)
        def checked(uow: UnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> R:
            principal_of(uow).require(permission)
            return service(uow, *args, **kwargs)

        checked.__permission__ = permission  # type: ignore[attr-defined]
        return checked

    return declare


def agency_filter(uow: UnitOfWork, agency_id: int | None) -> int | None:
    """The agency a listing or report is limited to: the one asked for (None: every agency),
    or for an agency lead their own; a lead asking for another agency is refused."""
    principal = principal_of(uow)
    scope = principal.agency_scope
    if scope is None:
        return agency_id
    principal.require_agency(scope if agency_id is None else agency_id)
    return scope


def require_agency(uow: UnitOfWork, agency_id: int | None) -> None:
    """Refuse a record of another agency than an agency lead's own."""
    principal_of(uow).require_agency(agency_id)


def own_staff(uow: UnitOfWork, staff_id: int) -> StaffMember:
    """The staff member, if the user may work with them (an agency lead: their own staff)."""
    staff = found(uow.staff.get(staff_id), "staff member", staff_id)
    require_agency(uow, staff.agency_id)
    return staff
