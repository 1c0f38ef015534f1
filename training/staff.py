"""Staff members of partner agencies, their roles and the history of those roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, agency_filter, own_staff, require_agency, requires
from training.errors import ValidationError
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

# The first spell of a role whose start nobody knows counts from this date.
SINCE_ALWAYS = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class RoleView:
    id: int
    name: str
    role_group: str
    version: int


@dataclass(frozen=True)
class StaffDraft:
    agency_id: int
    first_name: str
    last_name: str
    role_id: int | None
    staff_ref: str | None = None
    email: str = ""
    job_title: str = ""
    front_line: bool = True
    works_with_children_10_plus: bool = True
    start_date: dt.date | None = None
    leave_date: dt.date | None = None
    role_from: dt.date | None = None  # when a changed role took effect; default: today


@dataclass(frozen=True)
class RoleSpellView:
    role_id: int
    role: str
    effective_from: dt.date


@dataclass(frozen=True)
class StaffView:
    id: int
    agency_id: int
    staff_ref: str | None
    first_name: str
    last_name: str
    email: str
    job_title: str
    role_id: int | None
    role: str
    front_line: bool
    works_with_children_10_plus: bool
    start_date: dt.date | None
    leave_date: dt.date | None
    version: int
    anonymised_on: dt.date | None = None  # when their personal data was anonymised

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@requires(Permission.READ_CATALOGUE)
def list_roles(uow: UnitOfWork) -> list[RoleView]:
    with uow:
        return [RoleView(r.id, r.name, r.role_group, r.version) for r in uow.roles.list()]


@requires(Permission.EDIT_PROGRAMME)
def save_role(
    uow: UnitOfWork,
    name: str,
    role_group: str = "",
    *,
    role_id: int | None = None,
    version: int | None = None,
) -> RoleView:
    problems = Problems("Role")
    name = problems.text("name", name, max_length=160)
    role_group = problems.text("group", role_group, max_length=160, required=False)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"Role {name!r}"):
        other = uow.roles.by_name(name)
        if other is not None and other.id != role_id:
            raise ValidationError("Role", {"name": f"{name!r} is already a role"})
        if role_id is None:
            role = uow.roles.add(m.Role(name=name, role_group=role_group))
        else:
            role = found(uow.roles.get(role_id), "role", role_id)
            check_version(f"Role {role.name!r}", role.version, version)
            role.name, role.role_group = name, role_group
            uow.flush()
        uow.commit()
        return RoleView(role.id, role.name, role.role_group, role.version)


def _current_spell(staff: m.StaffMember) -> m.StaffRole | None:
    return max(staff.roles, key=lambda spell: spell.effective_from, default=None)


def _staff_view(staff: m.StaffMember, role_names: dict[int, str]) -> StaffView:
    spell = _current_spell(staff)
    return StaffView(
        id=staff.id,
        agency_id=staff.agency_id,
        staff_ref=staff.staff_ref,
        first_name=staff.first_name,
        last_name=staff.last_name,
        email=staff.email,
        job_title=staff.job_title,
        role_id=spell.role_id if spell else None,
        role=role_names.get(spell.role_id, "") if spell else "",
        front_line=staff.front_line,
        works_with_children_10_plus=staff.works_with_children_10_plus,
        start_date=staff.start_date,
        leave_date=staff.leave_date,
        version=staff.version,
        anonymised_on=staff.anonymised_on,
    )


def _role_names(uow: UnitOfWork) -> dict[int, str]:
    return {r.id: r.name for r in uow.roles.list()}


@requires(Permission.READ_STAFF)
def page_staff(
    uow: UnitOfWork,
    *,
    agency_id: int | None = None,
    search: str = "",
    offset: int = 0,
    limit: int = 500,
) -> list[StaffView]:
    """One page of staff in name order, for lazy tables and lists."""
    with uow:
        names = _role_names(uow)
        page = uow.staff.page(
            agency_id=agency_filter(uow, agency_id),
            search=search.strip(),
            offset=offset,
            limit=limit,
        )
        return [_staff_view(s, names) for s in page]


@requires(Permission.READ_STAFF)
def count_staff(uow: UnitOfWork, *, agency_id: int | None = None, search: str = "") -> int:
    with uow:
        return uow.staff.count_matching(
            agency_id=agency_filter(uow, agency_id), search=search.strip()
        )


@requires(Permission.READ_STAFF)
def get_staff(uow: UnitOfWork, staff_id: int) -> StaffView:
    with uow:
        return _staff_view(own_staff(uow, staff_id), _role_names(uow))


@requires(Permission.READ_STAFF)
def role_history(uow: UnitOfWork, staff_id: int) -> list[RoleSpellView]:
    with uow:
        staff = own_staff(uow, staff_id)
        names = _role_names(uow)
        return [
            RoleSpellView(s.role_id, names.get(s.role_id, ""), s.effective_from)
            for s in sorted(staff.roles, key=lambda spell: spell.effective_from)
        ]


def _validated(draft: StaffDraft) -> tuple[Problems, dict[str, object]]:
    problems = Problems("Staff member")
    ref = (draft.staff_ref or "").strip().upper() or None
    if ref is not None and len(ref) > 64:
        problems.add("staff reference", "is longer than 64 characters")
    fields: dict[str, object] = {
        "agency_id": draft.agency_id,
        "staff_ref": ref,
        "first_name": problems.text("first name", draft.first_name, max_length=120),
        "last_name": problems.text("last name", draft.last_name, max_length=120),
        "email": problems.email("email", draft.email),
        "job_title": problems.text("job title", draft.job_title, max_length=200, required=False),
        "front_line": draft.front_line,
        "works_with_children_10_plus": draft.works_with_children_10_plus,
        "start_date": draft.start_date,
        "leave_date": draft.leave_date,
    }
    problems.date_order(
        "leave date", draft.start_date, draft.leave_date, "cannot be before the start date"
    )
    return problems, fields


@requires(Permission.EDIT_STAFF)
def save_staff(
    uow: UnitOfWork,
    draft: StaffDraft,
    *,
    staff_id: int | None = None,
    version: int | None = None,
    today: dt.date | None = None,
) -> StaffView:
    """Add or edit a staff member; a changed role starts a new spell in the role history."""
    problems, fields = _validated(draft)
    with uow, storage_failures_as_user_errors(f"{draft.first_name} {draft.last_name}".strip()):
        require_agency(uow, draft.agency_id)
        if uow.agencies.get(draft.agency_id) is None:
            problems.add("agency", "choose an agency")
        if draft.role_id is not None and uow.roles.get(draft.role_id) is None:
            problems.add("role", "choose a role from the list")
        ref = fields["staff_ref"]
        if isinstance(ref, str):
            other = uow.staff.by_ref(draft.agency_id, ref)
            if other is not None and other.id != staff_id:
                problems.add(
                    "staff reference",
                    f"{ref} is already {other.first_name} {other.last_name} in this agency",
                )
        problems.raise_if_any()
        if staff_id is None:
            staff = uow.staff.add(m.StaffMember(**fields))
        else:
            staff = own_staff(uow, staff_id)
            check_version(f"{staff.first_name} {staff.last_name}", staff.version, version)
            for key, value in fields.items():
                setattr(staff, key, value)
        current = _current_spell(staff)
        if draft.role_id is not None and (current is None or current.role_id != draft.role_id):
            if current is None:  # the first role known: it has held since the start
                effective = draft.role_from or draft.start_date or SINCE_ALWAYS
            else:
                effective = draft.role_from or today or dt.date.today()
            _start_spell(staff, draft.role_id, effective)
        uow.flush()
        uow.commit()
        return _staff_view(staff, _role_names(uow))


def _start_spell(staff: m.StaffMember, role_id: int, effective_from: dt.date) -> None:
    same_day = [s for s in staff.roles if s.effective_from == effective_from]
    if same_day:
        same_day[0].role_id = role_id
    else:
        staff.roles.append(m.StaffRole(role_id=role_id, effective_from=effective_from))


@requires(Permission.EDIT_STAFF)
def change_role(
    uow: UnitOfWork, staff_id: int, role_id: int, effective_from: dt.date
) -> list[RoleSpellView]:
    """Record that the person holds ``role_id`` from ``effective_from`` (history is kept)."""
    with uow, storage_failures_as_user_errors("The role change"):
        staff = own_staff(uow, staff_id)
        found(uow.roles.get(role_id), "role", role_id)
        _start_spell(staff, role_id, effective_from)
        uow.flush()
        uow.commit()
    return role_history(uow, staff_id)
