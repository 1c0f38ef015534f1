"""The training-needs matrix on both databases: editing cells without overwriting others' edits."""

from __future__ import annotations

import pytest

from tests.builders import basics
from training import catalogue, requirements, staff
from training.errors import ConflictError, NotFoundError
from training.requirements import NOT_REQUIRED, RequirementChange


def test_the_grid_holds_roles_by_group_topics_tiers_lowest_first_and_requirements(uow):
    b = basics(uow)
    staff.save_role(uow, "Teacher", "Education")
    catalogue.save_topic(uow, "Online safety")
    grid = requirements.requirement_grid(uow)
    assert [(r.role_group, r.name) for r in grid.roles] == [
        ("Education", "Teacher"),
        ("Police", "Police officer"),
    ]
    assert [t.name for t in grid.topics] == ["CSE", "Online safety"]
    assert [t.name for t in grid.tiers] == ["Universal", "Introductory", "Targeted", "Specialist"]
    [required] = grid.requirements
    assert (required.role_id, required.topic_id, required.tier) == (
        b.role_id,
        b.topic_id,
        "Targeted",
    )


def test_a_blank_cell_seen_blank_gets_its_requirement(uow):
    b = basics(uow)
    teacher = staff.save_role(uow, "Teacher", "Education")
    [saved] = requirements.change_requirements(
        uow, [RequirementChange(teacher.id, b.topic_id, b.tiers["Universal"], NOT_REQUIRED)]
    )
    assert saved is not None and (saved.role, saved.tier, saved.version) == (
        "Teacher",
        "Universal",
        1,
    )
    assert requirements.requirement_matrix(uow)[teacher.id, b.topic_id] == 1


def test_a_cell_changed_on_an_up_to_date_copy_is_saved_with_a_new_version(uow):
    b = basics(uow)
    [before] = requirements.list_requirements(uow)
    saved = requirements.set_requirement(
        uow, b.role_id, b.topic_id, b.tiers["Specialist"], version=before.version
    )
    assert saved is not None and saved.tier == "Specialist"
    assert saved.version == before.version + 1
    assert requirements.list_requirements(uow) == [saved]


def test_a_change_on_an_out_of_date_copy_is_refused_and_theirs_kept(uow):
    b = basics(uow)
    [seen] = requirements.list_requirements(uow)
    requirements.set_requirement(uow, b.role_id, b.topic_id, b.tiers["Specialist"])  # theirs
    with pytest.raises(ConflictError, match="CSE requirement of Police officer was changed"):
        requirements.set_requirement(
            uow, b.role_id, b.topic_id, b.tiers["Universal"], version=seen.version
        )
    assert [r.tier for r in requirements.list_requirements(uow)] == ["Specialist"]


def test_a_cell_seen_blank_that_someone_has_filled_meanwhile_is_not_overwritten(uow):
    b = basics(uow)
    teacher = staff.save_role(uow, "Teacher", "Education")
    requirements.set_requirement(uow, teacher.id, b.topic_id, b.tiers["Targeted"])  # theirs
    with pytest.raises(ConflictError):
        requirements.set_requirement(
            uow, teacher.id, b.topic_id, b.tiers["Universal"], version=NOT_REQUIRED
        )
    assert requirements.requirement_matrix(uow)[teacher.id, b.topic_id] == 3


def test_clearing_a_cell_removes_its_requirement(uow):
    b = basics(uow)
    [seen] = requirements.list_requirements(uow)
    assert (
        requirements.set_requirement(uow, b.role_id, b.topic_id, None, version=seen.version) is None
    )
    assert requirements.list_requirements(uow) == []


def test_clearing_a_cell_someone_else_cleared_or_changed_is_refused(uow):
    b = basics(uow)
    [seen] = requirements.list_requirements(uow)
    requirements.set_requirement(uow, b.role_id, b.topic_id, b.tiers["Universal"])
    with pytest.raises(ConflictError):
        requirements.set_requirement(uow, b.role_id, b.topic_id, None, version=seen.version)
    requirements.set_requirement(uow, b.role_id, b.topic_id, None)
    with pytest.raises(ConflictError):
        requirements.set_requirement(uow, b.role_id, b.topic_id, None, version=seen.version)


def test_changes_are_saved_together_or_not_at_all(uow):
    b = basics(uow)
    teacher = staff.save_role(uow, "Teacher", "Education")
    [seen] = requirements.list_requirements(uow)
    requirements.set_requirement(uow, b.role_id, b.topic_id, b.tiers["Specialist"])  # theirs
    changes = [
        RequirementChange(teacher.id, b.topic_id, b.tiers["Universal"], NOT_REQUIRED),
        RequirementChange(b.role_id, b.topic_id, None, seen.version),
    ]
    with pytest.raises(ConflictError):
        requirements.change_requirements(uow, changes)
    assert [(r.role, r.tier) for r in requirements.list_requirements(uow)] == [
        ("Police officer", "Specialist")
    ]


def test_a_change_naming_a_tier_that_is_gone_says_so(uow):
    b = basics(uow)
    with pytest.raises(NotFoundError, match="No tier 999"):
        requirements.set_requirement(uow, b.role_id, b.topic_id, 999)
