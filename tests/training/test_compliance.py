"""The compliance rule of DESIGN.md §2, case by case, on the pure reference implementation."""

import datetime as dt

from training.compliance import (
    RoleSpell,
    StaffFacts,
    Standing,
    TrainingRecord,
    agency_compliance,
    assess_person,
)

CSE, MISSING = 1, 2
UNIVERSAL, INTRODUCTORY, TARGETED, SPECIALIST = 1, 2, 3, 4
SOCIAL_WORKER, RECEPTIONIST = 10, 11
MATRIX = {(SOCIAL_WORKER, CSE): TARGETED, (RECEPTIONIST, CSE): UNIVERSAL}
ON = dt.date(2025, 6, 30)


def person(staff_id=1, agency_id=1, start=None, leave=None, roles=((SOCIAL_WORKER, "1900-01-01"),)):
    spells = tuple(RoleSpell(role, dt.date.fromisoformat(since)) for role, since in roles)
    return StaffFacts(staff_id, agency_id, start, leave, spells)


def record(tier=TARGETED, completed="2025-01-10", validity=36, status="attended", topic=CSE):
    day = dt.date.fromisoformat(completed) if completed else None
    return TrainingRecord(1, topic, tier, validity, status, day)


def standing(staff, records, on=ON):
    assessed = assess_person(staff, records, CSE, on, MATRIX)
    return None if assessed is None else assessed.standing


def test_trained_at_the_required_tier_counts():
    assert standing(person(), [record()]) is Standing.TRAINED


def test_a_higher_tier_covers_a_lower_requirement():
    assert standing(person(), [record(tier=SPECIALIST)]) is Standing.TRAINED


def test_training_only_below_the_required_tier_is_overdue_as_never_trained():
    assert standing(person(), [record(tier=INTRODUCTORY)]) is Standing.NEVER_TRAINED


def test_did_not_attend_cancelled_and_booked_never_count():
    for status in ("did not attend", "cancelled", "booked"):
        assert standing(person(), [record(status=status)]) is Standing.NEVER_TRAINED


def test_records_dated_after_the_reporting_date_are_ignored():
    assert standing(person(), [record(completed="2025-07-01")]) is Standing.NEVER_TRAINED


def test_expired_training_counts_as_lapsed_on_its_expiry_date():
    rec = record(completed="2022-06-30", validity=36)  # expires 30/06/2025 == ON
    assert standing(person(), [rec]) is Standing.LAPSED
    assert standing(person(), [rec], on=dt.date(2025, 6, 29)) is Standing.EXPIRING_SOON


def test_expiring_soon_is_within_ninety_days_after_the_date():
    assert standing(person(), [record(completed="2022-09-28")]) is Standing.EXPIRING_SOON
    assert standing(person(), [record(completed="2022-09-29")]) is Standing.TRAINED


def test_the_record_that_expires_last_decides():
    records = [record(completed="2022-07-15"), record(completed="2024-01-01")]
    assessed = assess_person(person(), records, CSE, ON, MATRIX)
    assert assessed.standing is Standing.TRAINED
    assert assessed.expires_on == dt.date(2027, 1, 1)


def test_training_without_validity_never_expires():
    assert standing(person(), [record(completed="2001-01-01", validity=None)]) is Standing.TRAINED


def test_leavers_and_starters_after_the_date_are_out_of_scope():
    assert standing(person(leave=ON), [record()]) is None
    assert standing(person(leave=ON + dt.timedelta(days=1)), [record()]) is Standing.TRAINED
    assert standing(person(start=ON + dt.timedelta(days=1)), [record()]) is None


def test_the_role_recorded_for_the_date_decides_the_requirement():
    promoted = person(roles=((RECEPTIONIST, "2020-01-01"), (SOCIAL_WORKER, "2025-07-01")))
    universal_only = [record(tier=UNIVERSAL)]
    assert standing(promoted, universal_only) is Standing.TRAINED
    assert standing(promoted, universal_only, on=dt.date(2025, 7, 1)) is Standing.NEVER_TRAINED


def test_roles_without_a_requirement_for_the_topic_are_out_of_scope():
    assert assess_person(person(), [record()], MISSING, ON, MATRIX) is None


def test_agency_counts_add_up():
    staff = [
        person(1, roles=((SOCIAL_WORKER, "1900-01-01"),)),
        person(2, roles=((SOCIAL_WORKER, "1900-01-01"),)),
        person(3, roles=((RECEPTIONIST, "1900-01-01"),)),
    ]
    records = [
        TrainingRecord(1, CSE, TARGETED, 36, "attended", dt.date(2025, 1, 1)),
        TrainingRecord(2, CSE, TARGETED, 12, "attended", dt.date(2024, 1, 1)),
    ]
    counts = agency_compliance(staff, records, CSE, ON, MATRIX)[1]
    assert counts.in_scope == 3
    assert counts.in_scope_by_rank == {TARGETED: 2, UNIVERSAL: 1}
    assert (counts.trained, counts.lapsed, counts.never_trained) == (1, 1, 1)
    assert counts.overdue == 2
    assert round(counts.percent_trained, 1) == 33.3


def test_topics_are_found_by_name_short_form_or_start():
    from training.catalogue import match_topic_name

    names = ["Child sexual exploitation (CSE)", "Missing children", "Missing from education"]
    assert match_topic_name(names, "cse") == names[0]
    assert match_topic_name(names, "child sexual exploitation (cse)") == names[0]
    assert match_topic_name(names, "Missing ch") == names[1]
    assert match_topic_name(names, "Missing") is None  # two fit: never guess
    assert match_topic_name(names, "") is None
