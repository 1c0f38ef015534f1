"""Certificates under SIGKILL, on SQLite and PostgreSQL.

Issuing a session's certificates is one transaction: the running numbers are taken and the
certificates stored together, then committed. Killed before that commit, nothing is issued and no
number is used up; the next print issues them all, numbered on from the last one with no gap.
Saving them as PDF comes after, in its own time: killed while drawing the pages, the certificates
stay issued (that transaction had committed) and are not counted as printed (the printing never
finished); a reprint shows the same numbers and verification codes and takes no new numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storage.database import Database
from tests.builders import basics, person, session
from tests.faults.processes import contents, killed_at_its_moment, opens_cleanly
from training.certificates import SERIAL, save_certificates, session_certificates
from training.registers import AttendanceMark, mark_register

LEARNERS = 30
EARLIER = 2  # certificates issued before, for another session: the numbers go on from theirs


def serial(number: str) -> int:
    """The running number in "STM-2026-000123"."""
    return int(number.rsplit("-", 1)[1])


def learners_on_a_session(database: Database) -> int:
    """A session everyone attended; and an earlier one whose certificates were issued."""
    uow = database.unit_of_work()
    b = basics(uow)
    earlier = session(uow, b, dt.date(2025, 2, 4))
    day = session(uow, b, dt.date(2025, 3, 4), capacity=LEARNERS)
    people = [person(uow, b, f"P{n:03d}", last=f"Learner{n:03d}").id for n in range(LEARNERS)]
    mark_register(uow, earlier.id, [AttendanceMark(i, "attended") for i in people[:EARLIER]])
    mark_register(uow, day.id, [AttendanceMark(i, "attended") for i in people])
    assert len(session_certificates(uow, earlier.id).certificates) == EARLIER
    return day.id


def test_issuing_killed_before_its_commit_issues_nothing_and_skips_no_number(
    shared_database: Database, tmp_path: Path
) -> None:
    session_id = learners_on_a_session(shared_database)
    before = contents(shared_database)

    killed_at_its_moment(shared_database, tmp_path / "moment", "issue", str(session_id))

    assert contents(shared_database) == before
    space = opens_cleanly(shared_database.url)
    issued = session_certificates(space.unit_of_work(), session_id).certificates
    assert all(c.newly_issued for c in issued)
    assert sorted(serial(c.number) for c in issued) == list(
        range(EARLIER + 1, EARLIER + LEARNERS + 1)
    )
    again = session_certificates(space.unit_of_work(), session_id).certificates
    assert [(c.number, c.verification_code) for c in again] == [
        (c.number, c.verification_code) for c in issued
    ]
    assert not any(c.newly_issued for c in again)
    space.close()


def test_printing_killed_midway_keeps_the_issued_numbers_for_the_reprint(
    shared_database: Database, tmp_path: Path
) -> None:
    session_id = learners_on_a_session(shared_database)
    before = contents(shared_database)

    killed_at_its_moment(
        shared_database,
        tmp_path / "moment",
        "print",
        str(session_id),
        tmp_path / "certificates.pdf",
        writing=False,  # the certificates were issued and committed before the printing
    )

    after = contents(shared_database)
    untouched = {name for name in before if name not in ("certificates", "settings")}
    assert {name: after[name] for name in untouched} == {name: before[name] for name in untouched}
    assert len(after["certificates"]) == EARLIER + LEARNERS
    space = opens_cleanly(shared_database.url)
    reprint = session_certificates(space.unit_of_work(), session_id).certificates
    assert not any(c.newly_issued for c in reprint)
    assert sorted(serial(c.number) for c in reprint) == list(
        range(EARLIER + 1, EARLIER + LEARNERS + 1)
    )
    assert {(c.number, c.verification_code) for c in reprint} == {
        (number, code) for _, _, number, code, *_ in after["certificates"][EARLIER:]
    }
    assert all(c.print_count == 0 for c in reprint)  # the killed printing never finished
    batch = session_certificates(space.unit_of_work(), session_id)
    save_certificates(space.unit_of_work(), batch, tmp_path / "again.pdf")
    printed = session_certificates(space.unit_of_work(), session_id).certificates
    assert [(c.number, c.print_count) for c in printed] == [(c.number, 1) for c in reprint]
    with space.unit_of_work() as uow:
        assert uow.settings.all()[SERIAL] == str(EARLIER + LEARNERS)
    space.close()
