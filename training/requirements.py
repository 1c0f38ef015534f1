"""The training-needs matrix: for each role and topic, the tier appropriate to the role.

A cell of the matrix is a (role, topic) pair holding a required tier, or nothing ("not
required"). Editors change cells with ``change_requirements``; each change carries the version
of the cell the editor saw, so a change made on an out-of-date copy is refused, never saved over
someone else's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage import models as m
from storage.errors import DuplicateRecordError
from training.access import Permission, requires
from training.catalogue import TierView, TopicView
from training.compliance import RequirementMatrix
from training.errors import ConflictError
from training.staff import RoleView
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)

NOT_REQUIRED = 0
"""The version of a cell without a requirement: what an editor passes when it saw it blank."""


@dataclass(frozen=True)
class RequirementView:
    id: int
    role_id: int
    role: str
    role_group: str
    topic_id: int
    topic: str
    tier_id: int
    tier: str
    tier_rank: int
    version: int


@dataclass(frozen=True)
class RequirementChange:
    """Require ``tier_id`` of the role for the topic; ``None`` makes it not required.

    ``version`` is the cell as the editor saw it: the requirement's version, or
    ``NOT_REQUIRED`` when the cell was blank; ``None`` overwrites whatever the cell holds.
    """

    role_id: int
    topic_id: int
    tier_id: int | None
    version: int | None = None


@dataclass(frozen=True)
class RequirementGrid:
    """Everything an editor of the matrix shows, read in one transaction."""

    roles: list[RoleView]  # by group, then name
    topics: list[TopicView]  # by name
    tiers: list[TierView]  # lowest first
    requirements: list[RequirementView]


def _view(req: m.RoleRequirement, role: m.Role, topic: m.Topic, tier: m.Tier) -> RequirementView:
    return RequirementView(
        id=req.id,
        role_id=role.id,
        role=role.name,
        role_group=role.role_group,
        topic_id=topic.id,
        topic=topic.name,
        tier_id=tier.id,
        tier=tier.name,
        tier_rank=tier.rank,
        version=req.version,
    )


def _requirement_views(uow: UnitOfWork) -> list[RequirementView]:
    roles = {r.id: r for r in uow.roles.list()}
    topics = {t.id: t for t in uow.topics.list()}
    tiers = {t.id: t for t in uow.tiers.list()}
    views = [
        _view(req, roles[req.role_id], topics[req.topic_id], tiers[req.tier_id])
        for req in uow.requirements.list()
    ]
    return sorted(views, key=lambda v: (v.role_group, v.role, v.topic))


@requires(Permission.READ_CATALOGUE)
def list_requirements(uow: UnitOfWork) -> list[RequirementView]:
    with uow:
        return _requirement_views(uow)


@requires(Permission.READ_CATALOGUE)
def requirement_grid(uow: UnitOfWork) -> RequirementGrid:
    with uow:
        return RequirementGrid(
            roles=[RoleView(r.id, r.name, r.role_group, r.version) for r in uow.roles.list()],
            topics=[TopicView(t.id, t.name, t.description, t.version) for t in uow.topics.list()],
            tiers=[
                TierView(t.id, t.name, t.rank, t.description, t.version) for t in uow.tiers.list()
            ],
            requirements=_requirement_views(uow),
        )


@requires(Permission.EDIT_PROGRAMME)
def change_requirements(
    uow: UnitOfWork, changes: Sequence[RequirementChange]
) -> list[RequirementView | None]:
    """Make every change in one transaction; what each cell then holds (None: not required).

    A change made on an out-of-date copy of its cell is refused with a ``ConflictError``, and
    then none of the changes is saved.
    """
    with uow, storage_failures_as_user_errors("The training-needs matrix"):
        saved = [_change(uow, change) for change in changes]
        uow.commit()
        return saved


@requires(Permission.EDIT_PROGRAMME)
def set_requirement(
    uow: UnitOfWork,
    role_id: int,
    topic_id: int,
    tier_id: int | None,
    *,
    version: int | None = None,
) -> RequirementView | None:
    """Require ``tier_id`` of the role for the topic; ``None`` removes the requirement."""
    return change_requirements(uow, [RequirementChange(role_id, topic_id, tier_id, version)])[0]


def _change(uow: UnitOfWork, change: RequirementChange) -> RequirementView | None:
    role = found(uow.roles.get(change.role_id), "role", change.role_id)
    topic = found(uow.topics.get(change.topic_id), "topic", change.topic_id)
    tier = (
        None
        if change.tier_id is None
        else found(uow.tiers.get(change.tier_id), "tier", change.tier_id)
    )
    subject = f"The {topic.name} requirement of {role.name}"
    existing = uow.requirements.for_role_topic(role.id, topic.id)
    check_version(subject, existing.version if existing else NOT_REQUIRED, change.version)
    with storage_failures_as_user_errors(subject):
        try:
            saved = _store(uow, role, topic, tier, existing)
        except DuplicateRecordError as exc:  # someone else added this cell a moment ago
            raise ConflictError(subject) from exc
    return None if saved is None or tier is None else _view(saved, role, topic, tier)


def _store(
    uow: UnitOfWork,
    role: m.Role,
    topic: m.Topic,
    tier: m.Tier | None,
    existing: m.RoleRequirement | None,
) -> m.RoleRequirement | None:
    if tier is None:
        if existing is not None:
            uow.requirements.delete(existing)
        return None
    if existing is None:
        return uow.requirements.add(
            m.RoleRequirement(role_id=role.id, topic_id=topic.id, tier_id=tier.id)
        )
    existing.tier_id = tier.id
    uow.flush()
    return existing


@requires(Permission.READ_CATALOGUE)
def requirement_matrix(uow: UnitOfWork) -> RequirementMatrix:
    """(role id, topic id) -> required tier rank, as the compliance rule takes it."""
    with uow:
        ranks = {t.id: t.rank for t in uow.tiers.list()}
        return {(r.role_id, r.topic_id): ranks[r.tier_id] for r in uow.requirements.list()}
