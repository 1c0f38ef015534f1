"""The training-needs matrix: for each role and topic, the tier appropriate to the role."""

from __future__ import annotations

from dataclasses import dataclass

from storage import models as m
from training.compliance import RequirementMatrix
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors


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


def list_requirements(uow: UnitOfWork) -> list[RequirementView]:
    with uow:
        roles = {r.id: r for r in uow.roles.list()}
        topics = {t.id: t.name for t in uow.topics.list()}
        tiers = {t.id: t for t in uow.tiers.list()}
        views = [
            RequirementView(
                id=req.id,
                role_id=req.role_id,
                role=roles[req.role_id].name,
                role_group=roles[req.role_id].role_group,
                topic_id=req.topic_id,
                topic=topics[req.topic_id],
                tier_id=req.tier_id,
                tier=tiers[req.tier_id].name,
                tier_rank=tiers[req.tier_id].rank,
                version=req.version,
            )
            for req in uow.requirements.list()
        ]
        return sorted(views, key=lambda v: (v.role_group, v.role, v.topic))


def set_requirement(uow: UnitOfWork, role_id: int, topic_id: int, tier_id: int | None) -> None:
    """Require ``tier_id`` of the role for the topic; ``None`` removes the requirement."""
    with uow, storage_failures_as_user_errors("The requirement"):
        found(uow.roles.get(role_id), "role", role_id)
        found(uow.topics.get(topic_id), "topic", topic_id)
        existing = uow.requirements.for_role_topic(role_id, topic_id)
        if tier_id is None:
            if existing is not None:
                uow.requirements.delete(existing)
        else:
            found(uow.tiers.get(tier_id), "tier", tier_id)
            if existing is None:
                uow.requirements.add(
                    m.RoleRequirement(role_id=role_id, topic_id=topic_id, tier_id=tier_id)
                )
            else:
                existing.tier_id = tier_id
                uow.flush()
        uow.commit()


def requirement_matrix(uow: UnitOfWork) -> RequirementMatrix:
    """(role id, topic id) -> required tier rank, as the compliance rule takes it."""
    with uow:
        ranks = {t.id: t.rank for t in uow.tiers.list()}
        return {(r.role_id, r.topic_id): ranks[r.tier_id] for r in uow.requirements.list()}
