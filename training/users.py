"""Users of a shared database: the first coordinator, signing in, and the coordinator's list.

Passwords are kept as argon2id hashes (salted, slow), never as text. A failed sign-in says only
that the name or password is wrong, whichever it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage import models as m
from training.access import (
    AccessDeniedError,
    Permission,
    Principal,
    Role,
    principal_of,
    requires,
)
from training.errors import UserError, ValidationError
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

MIN_PASSWORD = 10
_hasher = PasswordHasher()


class SignInError(UserError):
    def __init__(self) -> None:
        super().__init__("The user name or password is wrong, or the account is switched off.")


@dataclass(frozen=True)
class UserDraft:
    user_name: str
    full_name: str
    role: Role
    agency_id: int | None = None
    active: bool = True
    password: str = ""  # required for a new user; empty keeps an existing user's password


@dataclass(frozen=True)
class UserView:
    id: int
    user_name: str
    full_name: str
    role: Role
    agency_id: int | None
    agency: str
    active: bool
    version: int


def has_users(uow: UnitOfWork) -> bool:
    with uow:
        return uow.users.count() > 0


def create_first_coordinator(
    uow: UnitOfWork, user_name: str, full_name: str, password: str
) -> Principal:
    """Set a shared database up with its first user, a coordinator; refused once any exists."""
    draft = UserDraft(user_name, full_name, Role.COORDINATOR, password=password)
    with uow:
        if uow.users.count() > 0:
            raise AccessDeniedError(
                "This database already has users: ask a coordinator to add you."
            )
        user = _add(uow, _checked(uow, draft, user_id=None))
        uow.commit()
        return _principal(user)


def sign_in(uow: UnitOfWork, user_name: str, password: str) -> Principal:
    with uow:
        user = uow.users.by_name(user_name.strip())
        if user is None or not user.active or not _verified(user.password_hash, password):
            raise SignInError
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
            uow.commit()
        return _principal(user)


@requires(Permission.ADMINISTER)
def list_users(uow: UnitOfWork) -> list[UserView]:
    with uow:
        agencies = {agency.id: agency.name for agency in uow.agencies.list()}
        return [_view(user, agencies) for user in uow.users.list()]


@requires(Permission.ADMINISTER)
def save_user(
    uow: UnitOfWork, draft: UserDraft, *, user_id: int | None = None, version: int | None = None
) -> UserView:
    with uow, storage_failures_as_user_errors(f"User {draft.user_name!r}"):
        checked = _checked(uow, draft, user_id=user_id)
        if user_id is None:
            user = _add(uow, checked)
        else:
            user = found(uow.users.get(user_id), "user", user_id)
            check_version(f"User {user.user_name!r}", user.version, version)
            user.user_name, user.full_name = checked.user_name, checked.full_name
            user.role, user.agency_id, user.active = checked.role, checked.agency_id, checked.active
            if checked.password:
                user.password_hash = _hasher.hash(checked.password)
            uow.flush()
        uow.commit()
        agencies = {agency.id: agency.name for agency in uow.agencies.list()}
        return _view(user, agencies)


def change_own_password(uow: UnitOfWork, current: str, new: str) -> None:
    """The signed-in user's own password, after checking the current one."""
    problems = Problems("Password")
    _check_password(problems, new, required=True)
    problems.raise_if_any()
    with uow:
        user = uow.users.by_name(principal_of(uow).user_name)
        if user is None or not _verified(user.password_hash, current):
            raise ValidationError("Password", {"current": "is not your current password"})
        user.password_hash = _hasher.hash(new)
        uow.commit()


def _checked(uow: UnitOfWork, draft: UserDraft, *, user_id: int | None) -> UserDraft:
    problems = Problems("User")
    user_name = problems.text("user_name", draft.user_name, max_length=80)
    if " " in user_name:
        problems.add("user_name", "cannot contain spaces")
    full_name = problems.text("full_name", draft.full_name, max_length=200, required=False)
    agency_id = draft.agency_id if draft.role is Role.AGENCY_LEAD else None
    if draft.role is Role.AGENCY_LEAD and agency_id is None:
        problems.add("agency_id", "is required for an agency lead")
    elif agency_id is not None and uow.agencies.get(agency_id) is None:
        problems.add("agency_id", "is not an agency")
    _check_password(problems, draft.password, required=user_id is None)
    stays_coordinator = draft.role is Role.COORDINATOR and draft.active
    if user_id is not None and not stays_coordinator and _other_coordinators(uow, user_id) == 0:
        problems.add("role", "must stay an active coordinator: this is the last one")
    other = uow.users.by_name(user_name) if user_name else None
    if other is not None and other.id != user_id:
        problems.add("user_name", f"{user_name!r} is already a user")
    problems.raise_if_any()
    return UserDraft(user_name, full_name, draft.role, agency_id, draft.active, draft.password)


def _other_coordinators(uow: UnitOfWork, user_id: int) -> int:
    return uow.users.count(
        m.User.role == Role.COORDINATOR.value, m.User.active.is_(True), m.User.id != user_id
    )


def _check_password(problems: Problems, password: str, *, required: bool) -> None:
    if not password:
        if required:
            problems.add("password", "is required")
    elif len(password) < MIN_PASSWORD:
        problems.add("password", f"must be at least {MIN_PASSWORD} characters")


def _add(uow: UnitOfWork, draft: UserDraft) -> m.User:
    return uow.users.add(
        m.User(
            user_name=draft.user_name,
            full_name=draft.full_name,
            role=draft.role.value,
            agency_id=draft.agency_id,
            active=draft.active,
            password_hash=_hasher.hash(draft.password),
        )
    )


def _verified(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _principal(user: m.User) -> Principal:
    return Principal(user.user_name, Role(user.role), user.agency_id, user.full_name)


def _view(user: m.User, agencies: dict[int, str]) -> UserView:
    return UserView(
        id=user.id,
        user_name=user.user_name,
        full_name=user.full_name,
        role=Role(user.role),
        agency_id=user.agency_id,
        agency=agencies.get(user.agency_id, "") if user.agency_id else "",
        active=user.active,
        version=user.version,
    )
