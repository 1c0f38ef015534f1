"""The sessions and records certificates are chosen from: attended only, newest first, searched."""

from __future__ import annotations

import datetime as dt

from tests.builders import basics, person, session
from training import certificate_choices, certificates, registers


def mark(uow, session_id: int, *marks: tuple[int, str]) -> None:
    registers.mark_register(
        uow, session_id, [registers.AttendanceMark(staff_id, status) for staff_id, status in marks]
    )


def test_only_sessions_someone_attended_are_listed_newest_first_with_their_counts(uow):
    b = basics(uow)
    older = session(uow, b, dt.date(2026, 3, 2))
    newer = session(uow, b, dt.date(2026, 5, 4))
    nobody = session(uow, b, dt.date(2026, 6, 1))
    smith, jones, patel = (person(uow, b, f"P{n}", last) for n, last in enumerate("ABC"))
    mark(uow, older.id, (smith.id, "attended"), (jones.id, "attended"), (patel.id, "booked"))
    mark(uow, newer.id, (smith.id, "attended"), (jones.id, "did not attend"))
    mark(uow, nobody.id, (patel.id, "did not attend"))
    certificates.session_certificates(uow, older.id)

    listed = certificate_choices.sessions_attended(uow)

    assert [(s.session_id, s.attended, s.issued) for s in listed] == [
        (newer.id, 1, 0),
        (older.id, 2, 2),
    ]
    assert str(listed[1]) == "02/03/2026 CSE-T1 CSE: targeted"


def test_sessions_are_found_by_every_word_typed_and_cut_to_the_limit(uow):
    b = basics(uow)
    alex = person(uow, b, "P1")
    for day in (1, 2, 3):
        held = session(uow, b, dt.date(2026, 4, day))
        mark(uow, held.id, (alex.id, "attended"))

    assert len(certificate_choices.sessions_attended(uow, "cse town")) == 3
    assert certificate_choices.sessions_attended(uow, "cse nowhere") == []
    newest_two = certificate_choices.sessions_attended(uow, limit=2)
    assert [s.starts_at.day for s in newest_two] == [3, 2]


def test_attended_records_are_found_by_name_or_reference_with_their_certificate(uow):
    b = basics(uow)
    held = session(uow, b, dt.date(2026, 4, 1))
    wojcik, brown = person(uow, b, "W1", "Wójcik"), person(uow, b, "B2", "Brown")
    mark(uow, held.id, (wojcik.id, "attended"), (brown.id, "did not attend"))
    registers.record_completion(uow, brown.id, b.course_id, dt.date(2026, 5, 1))
    (issued,) = certificates.session_certificates(uow, held.id).certificates

    everyone = certificate_choices.attended_records(uow)
    assert [(r.learner, r.completed_on, r.certificate_number) for r in everyone] == [
        ("Alex Brown", dt.date(2026, 5, 1), ""),
        ("Alex Wójcik", dt.date(2026, 4, 1), issued.number),
    ]
    assert [r.learner for r in certificate_choices.attended_records(uow, "w1")] == ["Alex Wójcik"]
    assert [r.learner for r in certificate_choices.attended_records(uow, "alex cse-t1")] == [
        "Alex Brown",
        "Alex Wójcik",
    ]
    assert certificate_choices.attended_records(uow, "brown", limit=0) == []
