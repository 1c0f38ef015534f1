"""Champions: appointments, training, standing down, the group's meetings and coverage.

The coverage rule is tested on its own (``classify``, no database), then end to end on both
databases through the services.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders import Basics, basics, person
from training import agencies, catalogue, staff
from training.champions import (
    COVERED,
    MISSED,
    MISSED_MEETINGS,
    NO_CHAMPION,
    NOT_IN_POST,
    PRESENT,
    UNTRAINED,
    ChampionDraft,
    ChampionFacts,
    MeetingDraft,
    MeetingFacts,
    appoint_champion,
    champion_coverage,
    classify,
    coverage_summary,
    get_champion,
    list_champions,
    list_meetings,
    meeting_attendance,
    record_champion_training,
    record_meeting_attendance,
    save_meeting,
    stand_down_champion,
)
from training.errors import ConflictError, NotFoundError, ValidationError
from training.transactions import UnitOfWork

JAN_1 = dt.date(2025, 1, 1)
MEETING_DAYS = (dt.date(2025, 2, 12), dt.date(2025, 3, 12), dt.date(2025, 4, 9))
AFTER = dt.date(2025, 5, 1)


def day(n: int) -> dt.date:
    return JAN_1 + dt.timedelta(days=n)


# --- the rule, without a database -----------------------------------------------------------


def champion(
    champion_id: int = 1,
    appointed: dt.date = JAN_1,
    trained: dt.date | None = JAN_1,
    stood_down: dt.date | None = None,
) -> ChampionFacts:
    return ChampionFacts(champion_id, appointed, stood_down, trained)


def meetings(*present: set[int]) -> list[MeetingFacts]:
    return [
        MeetingFacts(held, frozenset(came))
        for held, came in zip(MEETING_DAYS, present, strict=True)
    ]


def test_an_agency_without_champions_has_no_champion():
    assert classify([], meetings(set(), set(), set()), AFTER).status == NO_CHAMPION


def test_a_champion_who_stood_down_no_longer_counts():
    stood_down = champion(stood_down=dt.date(2025, 4, 30))
    assert classify([stood_down], [], dt.date(2025, 4, 29)).status == COVERED
    assert classify([stood_down], [], dt.date(2025, 4, 30)).status == NO_CHAMPION


def test_a_champion_not_yet_appointed_does_not_count():
    assert classify([champion(appointed=AFTER)], [], AFTER - dt.timedelta(days=1)).status == (
        NO_CHAMPION
    )


def test_champions_none_of_them_trained_by_the_date_are_untrained():
    later = champion(1, trained=AFTER)
    never = champion(2, trained=None)
    judged = classify([later, never], [], AFTER - dt.timedelta(days=1))
    assert (judged.status, judged.trained) == (UNTRAINED, False)
    assert classify([later, never], [], AFTER).status == COVERED


def test_one_trained_champion_is_enough():
    judged = classify([champion(1, trained=None), champion(2)], [], AFTER)
    assert (judged.status, judged.trained) == (COVERED, True)


def test_missing_each_of_the_last_three_meetings_is_flagged():
    judged = classify([champion(7)], meetings(set(), set(), set()), AFTER)
    assert judged.status == MISSED_MEETINGS
    assert [m.held_on for m in judged.meetings] == list(reversed(MEETING_DAYS))
    assert {m.mark for m in judged.meetings} == {MISSED}


def test_coming_to_any_one_of_the_last_three_meetings_is_covered():
    for came_to in range(3):
        present: list[set[int]] = [set(), set(), set()]
        present[came_to] = {7}
        assert classify([champion(7)], meetings(*present), AFTER).status == COVERED


def test_another_agencys_champion_at_the_meeting_does_not_count():
    assert classify([champion(7)], meetings({8}, {8}, {8}), AFTER).status == MISSED_MEETINGS


def test_any_one_of_an_agencys_champions_attending_is_enough():
    both = [champion(7), champion(8, trained=None)]
    assert classify(both, meetings({8}, set(), set()), AFTER).status == COVERED


def test_with_fewer_than_three_meetings_held_attendance_is_not_judged():
    two = meetings(set(), set(), set())[:2]
    judged = classify([champion(7)], two, AFTER)
    assert judged.status == COVERED
    assert [m.mark for m in judged.meetings] == [MISSED, MISSED]


def test_only_meetings_held_by_the_date_are_judged():
    on_the_third = MEETING_DAYS[2]
    assert classify([champion(7)], meetings(set(), set(), set()), on_the_third).status == (
        MISSED_MEETINGS
    )
    the_day_before = on_the_third - dt.timedelta(days=1)
    assert classify([champion(7)], meetings(set(), set(), set()), the_day_before).status == COVERED


def test_only_the_last_three_meetings_are_judged():
    older = MeetingFacts(dt.date(2025, 1, 8), frozenset({7}))
    judged = classify([champion(7)], [older, *meetings(set(), set(), set())], AFTER)
    assert judged.status == MISSED_MEETINGS
    assert len(judged.meetings) == 3


def test_a_champion_appointed_after_the_meetings_has_not_missed_them():
    newcomer = champion(7, appointed=dt.date(2025, 4, 20))
    judged = classify([newcomer], meetings(set(), set(), set()), AFTER)
    assert judged.status == COVERED
    assert {m.mark for m in judged.meetings} == {NOT_IN_POST}


def test_a_champion_appointed_between_meetings_is_judged_on_those_since():
    newcomer = champion(7, appointed=dt.date(2025, 3, 1))
    judged = classify([newcomer], meetings(set(), set(), set()), AFTER)
    assert judged.status == COVERED
    assert [m.mark for m in judged.meetings] == [MISSED, MISSED, NOT_IN_POST]


def test_an_untrained_champion_is_reported_before_missed_meetings():
    assert classify([champion(7, trained=None)], meetings(set(), set(), set()), AFTER).status == (
        UNTRAINED
    )


def test_the_summary_counts_each_kind_of_agency():
    statuses = [COVERED] * 14 + [NO_CHAMPION] * 2 + [UNTRAINED, MISSED_MEETINGS]
    assert coverage_summary(statuses, 3) == (
        "14 of 18 agencies covered; 2 with no champion; 1 with no trained champion; "
        "1 missed the last 3 meetings."
    )
    assert coverage_summary([COVERED, COVERED], 3) == "2 of 2 agencies covered."
    assert coverage_summary([COVERED], 1) == (
        "1 of 1 agencies covered. Attendance is not judged yet: only 1 held so far."
    )
    assert coverage_summary([], 3) == "There are no active agencies yet."


# --- appointments, on both databases --------------------------------------------------------


def appoint(uow: UnitOfWork, b: Basics, staff_id: int, on: dt.date = JAN_1, topic_id: int = 0):
    return appoint_champion(uow, ChampionDraft(b.agency_id, staff_id, topic_id or b.topic_id, on))


def test_a_champion_is_appointed_for_their_agency_and_theme(uow):
    b = basics(uow)
    smith = person(uow, b, "P1", "Smith")
    made = appoint(uow, b, smith.id)
    assert (made.staff_name, made.agency, made.theme) == ("Alex Smith", "Northshire Police", "CSE")
    assert (made.appointed_on, made.trained_on, made.stood_down_on) == (JAN_1, None, None)
    assert list_champions(uow) == [made]
    assert list_champions(uow, current_on=JAN_1) == [made]
    assert list_champions(uow, current_on=day(-1)) == []


def test_nothing_chosen_names_every_field(uow):
    basics(uow)
    with pytest.raises(ValidationError) as refused:
        appoint_champion(uow, ChampionDraft(0, 0, 0, JAN_1))
    assert set(refused.value.problems) == {"agency", "theme", "staff member"}
    assert list_champions(uow) == []


def test_someone_from_another_agency_cannot_be_appointed(uow):
    b = basics(uow)
    sector = agencies.save_sector(uow, "Health")
    clinic = agencies.save_agency(uow, agencies.AgencyDraft("Marlbury Clinic", sector.id))
    smith = person(uow, b, "P1", "Smith")
    with pytest.raises(ValidationError) as refused:
        appoint_champion(uow, ChampionDraft(clinic.id, smith.id, b.topic_id, JAN_1))
    assert refused.value.problems == {
        "staff member": "Alex Smith is not on the staff of Marlbury Clinic"
    }


def test_only_someone_in_post_on_the_day_can_be_appointed(uow):
    b = basics(uow)
    draft = staff.StaffDraft(
        b.agency_id, "Sam", "Leaver", b.role_id, start_date=day(10), leave_date=day(20)
    )
    leaver = staff.save_staff(uow, draft)
    with pytest.raises(ValidationError) as too_early:
        appoint(uow, b, leaver.id, day(9))
    assert too_early.value.problems == {"appointed on": "is before Sam Leaver started (11/01/2025)"}
    with pytest.raises(ValidationError) as too_late:
        appoint(uow, b, leaver.id, day(20))
    assert too_late.value.problems == {
        "staff member": "Sam Leaver left on 21/01/2025; choose someone still in post"
    }
    assert appoint(uow, b, leaver.id, day(19)).staff_name == "Sam Leaver"


def test_a_current_champion_cannot_be_appointed_again_for_the_same_theme(uow):
    b = basics(uow)
    smith = person(uow, b, "P1", "Smith")
    appoint(uow, b, smith.id)
    with pytest.raises(ValidationError) as refused:
        appoint(uow, b, smith.id, day(30))
    assert (
        "already a champion for this theme (appointed 01/01/2025)"
        in (refused.value.problems["staff member"])
    )
    assert len(list_champions(uow)) == 1


def test_the_same_person_can_champion_another_theme(uow):
    b = basics(uow)
    smith = person(uow, b, "P1", "Smith")
    online = catalogue.save_topic(uow, "Online safety")
    appoint(uow, b, smith.id)
    appoint(uow, b, smith.id, topic_id=online.id)
    assert sorted(c.theme for c in list_champions(uow)) == ["CSE", "Online safety"]


def test_a_champion_who_stood_down_can_be_appointed_again_from_that_day(uow):
    b = basics(uow)
    smith = person(uow, b, "P1", "Smith")
    first = appoint(uow, b, smith.id)
    stand_down_champion(uow, first.id, day(100), version=first.version)
    with pytest.raises(ValidationError, match="already a champion"):
        appoint(uow, b, smith.id, day(99))
    again = appoint(uow, b, smith.id, day(100))
    assert [c.id for c in list_champions(uow, current_on=day(100))] == [again.id]


def test_training_is_recorded_with_the_version_checked(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id)
    trained = record_champion_training(uow, made.id, day(40), version=made.version)
    assert trained.trained_on == day(40)
    assert trained.version == made.version + 1
    with pytest.raises(ConflictError, match="changed by someone else"):
        record_champion_training(uow, made.id, day(41), version=made.version)
    assert get_champion(uow, made.id).trained_on == day(40)


def test_a_champion_cannot_stand_down_before_being_appointed(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id, day(10))
    with pytest.raises(ValidationError) as refused:
        stand_down_champion(uow, made.id, day(9), version=made.version)
    assert refused.value.problems == {
        "stood down on": "cannot be before they were appointed (11/01/2025)"
    }
    assert get_champion(uow, made.id).stood_down_on is None


def test_standing_down_ends_the_appointment_once(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id)
    gone = stand_down_champion(uow, made.id, day(60), version=made.version)
    assert gone.stood_down_on == day(60)
    assert list_champions(uow, current_on=day(59)) == [gone]
    assert list_champions(uow, current_on=day(60)) == []
    with pytest.raises(ValidationError, match="already stood down on 02/03/2025"):
        stand_down_champion(uow, made.id, day(70), version=gone.version)


def test_a_stale_stand_down_is_refused(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id)
    record_champion_training(uow, made.id, day(5), version=made.version)
    with pytest.raises(ConflictError):
        stand_down_champion(uow, made.id, day(60), version=made.version)


def test_a_missing_champion_is_not_found(uow):
    basics(uow)
    with pytest.raises(NotFoundError):
        record_champion_training(uow, 404, JAN_1)
    with pytest.raises(NotFoundError):
        stand_down_champion(uow, 404, JAN_1)


# --- meetings -------------------------------------------------------------------------------


def test_one_meeting_a_day(uow):
    basics(uow)
    first = save_meeting(uow, MeetingDraft(MEETING_DAYS[0], "Civic Centre", "Theme: hotels"))
    with pytest.raises(ValidationError) as refused:
        save_meeting(uow, MeetingDraft(MEETING_DAYS[0], "Online"))
    assert refused.value.problems == {"held on": "there is already a meeting on 12/02/2025"}
    moved = save_meeting(
        uow,
        MeetingDraft(MEETING_DAYS[1], " Civic  Centre ", "Theme: hotels"),
        meeting_id=first.id,
        version=first.version,
    )
    assert (moved.held_on, moved.venue) == (MEETING_DAYS[1], "Civic Centre")
    with pytest.raises(ConflictError):
        save_meeting(uow, MeetingDraft(MEETING_DAYS[2]), meeting_id=first.id, version=1)
    with pytest.raises(NotFoundError):
        save_meeting(uow, MeetingDraft(MEETING_DAYS[2]), meeting_id=404)


def test_attendance_lists_the_champions_in_post_and_is_saved_in_one_go(uow):
    b = basics(uow)
    smith, jones, patel = (
        person(uow, b, f"P{n}", name) for n, name in enumerate(("Smith", "Jones", "Patel"), 1)
    )
    in_post = appoint(uow, b, smith.id)
    apologies = appoint(uow, b, jones.id)
    later = appoint(uow, b, patel.id, MEETING_DAYS[0] + dt.timedelta(days=1))
    meeting = save_meeting(uow, MeetingDraft(MEETING_DAYS[0]))
    lines = meeting_attendance(uow, meeting.id)
    assert {x.champion_id: x.present for x in lines} == {in_post.id: None, apologies.id: None}
    saved = record_meeting_attendance(
        uow, meeting.id, {in_post.id: True, apologies.id: False}, version=meeting.version
    )
    assert (saved.present, saved.apologies) == (1, 1)
    assert saved.version == meeting.version + 1
    recorded = {x.champion_id: x.present for x in meeting_attendance(uow, meeting.id)}
    assert recorded == {in_post.id: True, apologies.id: False}
    assert list_meetings(uow) == [saved]
    with pytest.raises(ValidationError) as refused:
        record_meeting_attendance(uow, meeting.id, {later.id: True}, version=saved.version)
    assert "were not in post on 12/02/2025" in refused.value.problems["champions"]


def test_attendance_saved_on_a_stale_copy_of_the_meeting_is_refused(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id)
    meeting = save_meeting(uow, MeetingDraft(MEETING_DAYS[0]))
    record_meeting_attendance(uow, meeting.id, {made.id: True}, version=meeting.version)
    with pytest.raises(ConflictError):
        record_meeting_attendance(uow, meeting.id, {made.id: False}, version=meeting.version)
    assert [x.present for x in meeting_attendance(uow, meeting.id)] == [True]


def test_meetings_are_listed_newest_first(uow):
    basics(uow)
    for held in MEETING_DAYS:
        save_meeting(uow, MeetingDraft(held))
    assert [x.held_on for x in list_meetings(uow)] == list(reversed(MEETING_DAYS))


# --- coverage, end to end -------------------------------------------------------------------


def hold_meetings(uow: UnitOfWork, attended: list[set[int]]) -> None:
    for held, came in zip(MEETING_DAYS, attended, strict=False):
        meeting = save_meeting(uow, MeetingDraft(held))
        marks = {champion_id: True for champion_id in came}
        record_meeting_attendance(uow, meeting.id, marks, version=meeting.version)


def statuses(uow: UnitOfWork, on: dt.date = AFTER) -> dict[str, str]:
    return {line.agency: line.status for line in champion_coverage(uow, on).lines}


def test_coverage_counts_every_active_agency_even_one_without_staff(uow):
    b = basics(uow)
    sector = agencies.save_sector(uow, "Voluntary")
    agencies.save_agency(uow, agencies.AgencyDraft("Marlbury Youth Club", sector.id))
    agencies.save_agency(uow, agencies.AgencyDraft("Closed Charity", sector.id, active=False))
    made = appoint(uow, b, person(uow, b, "P1").id)
    record_champion_training(uow, made.id, day(20), version=made.version)
    report = champion_coverage(uow, AFTER)
    assert statuses(uow) == {"Marlbury Youth Club": NO_CHAMPION, "Northshire Police": COVERED}
    police = report.lines[1]
    assert (police.champions, police.trained) == (("Alex Smith",), True)
    assert report.summary.startswith("1 of 2 agencies covered; 1 with no champion.")


def test_coverage_of_an_untrained_champion(uow):
    b = basics(uow)
    made = appoint(uow, b, person(uow, b, "P1").id)
    assert statuses(uow) == {"Northshire Police": UNTRAINED}
    record_champion_training(uow, made.id, AFTER, version=made.version)
    assert statuses(uow, AFTER - dt.timedelta(days=1)) == {"Northshire Police": UNTRAINED}
    assert statuses(uow, AFTER) == {"Northshire Police": COVERED}


def trained_champion(uow: UnitOfWork, b: Basics, ref: str, appointed: dt.date = JAN_1) -> int:
    made = appoint(uow, b, person(uow, b, ref).id, appointed)
    record_champion_training(uow, made.id, appointed, version=made.version)
    return made.id


def test_coverage_after_exactly_three_meetings_all_missed(uow):
    b = basics(uow)
    trained_champion(uow, b, "P1")
    hold_meetings(uow, [set(), set(), set()])
    report = champion_coverage(uow, AFTER)
    assert statuses(uow) == {"Northshire Police": MISSED_MEETINGS}
    assert report.meetings_held == tuple(reversed(MEETING_DAYS))
    assert [m.mark for m in report.lines[0].meetings] == [MISSED] * 3


def test_apologies_still_count_as_missing_the_meeting(uow):
    b = basics(uow)
    champion_id = trained_champion(uow, b, "P1")
    for held in MEETING_DAYS:
        meeting = save_meeting(uow, MeetingDraft(held))
        record_meeting_attendance(uow, meeting.id, {champion_id: False}, version=meeting.version)
    assert statuses(uow) == {"Northshire Police": MISSED_MEETINGS}


def test_coverage_when_one_of_three_meetings_was_attended(uow):
    b = basics(uow)
    champion_id = trained_champion(uow, b, "P1")
    hold_meetings(uow, [set(), {champion_id}, set()])
    assert statuses(uow) == {"Northshire Police": COVERED}
    marks = [m.mark for m in champion_coverage(uow, AFTER).lines[0].meetings]
    assert marks == [MISSED, PRESENT, MISSED]


def test_coverage_with_fewer_than_three_meetings_held(uow):
    b = basics(uow)
    trained_champion(uow, b, "P1")
    hold_meetings(uow, [set(), set()])
    report = champion_coverage(uow, AFTER)
    assert statuses(uow) == {"Northshire Police": COVERED}
    assert report.summary == (
        "1 of 1 agencies covered. Attendance is not judged yet: only 2 held so far."
    )


def test_coverage_of_a_champion_appointed_after_the_meetings(uow):
    b = basics(uow)
    old = trained_champion(uow, b, "P1")
    hold_meetings(uow, [set(), set(), set()])
    stand_down_champion(uow, old, dt.date(2025, 4, 15), version=get_champion(uow, old).version)
    trained_champion(uow, b, "P2", dt.date(2025, 4, 20))
    line = champion_coverage(uow, AFTER).lines[0]
    assert (line.status, line.champions) == (COVERED, ("Alex Smith",))
    assert {m.mark for m in line.meetings} == {NOT_IN_POST}


def test_coverage_for_one_theme_ignores_champions_of_others(uow):
    b = basics(uow)
    online = catalogue.save_topic(uow, "Online safety")
    trained_champion(uow, b, "P1")
    only_online = champion_coverage(uow, AFTER, topic_id=online.id)
    assert [line.status for line in only_online.lines] == [NO_CHAMPION]
    assert [line.status for line in champion_coverage(uow, AFTER).lines] == [COVERED]
