"""Certificates: issued once per attended record, numbered uniquely, the same on every reprint."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from tests.builders import Basics, basics, person, session
from training import catalogue, certificates, registers
from training.errors import NotFoundError, UserError, ValidationError
from training.progress import CancelledByUser

TODAY = dt.date(2026, 12, 5)
NUMBER = re.compile(r"^STM-2026-\d{6}$")
CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def mark(uow, session_id: int, *marks: tuple[int, str]) -> None:
    registers.mark_register(
        uow, session_id, [registers.AttendanceMark(staff_id, status) for staff_id, status in marks]
    )


def attended_session(uow, b: Basics, *surnames: str) -> int:
    """A session that people with these surnames attended; its id."""
    day = session(uow, b, dt.date(2026, 12, 3))
    people = [person(uow, b, f"P{n}", last=last) for n, last in enumerate(surnames)]
    mark(uow, day.id, *((p.id, "attended") for p in people))
    return day.id


def attendance_ids(uow, session_id: int) -> dict[str, int]:
    return {line.last_name: line.attendance_id for line in registers.register(uow, session_id)}


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_an_attended_record_gets_a_numbered_certificate_with_a_verification_code(uow):
    b = basics(uow)
    session_id = attended_session(uow, b, "Wójcik")

    (certificate,) = certificates.session_certificates(uow, session_id, today=TODAY).certificates

    assert NUMBER.match(certificate.number), certificate.number
    assert CODE.match(certificate.verification_code), certificate.verification_code
    assert certificate.learner == "Alex Wójcik"
    assert (certificate.agency, certificate.course_code) == ("Northshire Police", "CSE-T1")
    assert (certificate.course_title, certificate.topic, certificate.tier) == (
        "CSE: targeted",
        "CSE",
        "Targeted",
    )
    assert certificate.duration_hours == Decimal(6)
    assert certificate.achievement == "attendance"
    assert certificate.completed_on == dt.date(2026, 12, 3)
    assert certificate.issued_on == TODAY
    assert certificate.newly_issued and certificate.print_count == 0


def test_reprinting_keeps_the_number_and_the_verification_code(uow):
    b = basics(uow)
    session_id = attended_session(uow, b, "Adams", "Brown")
    first = certificates.session_certificates(uow, session_id, today=TODAY).certificates
    later = certificates.session_certificates(
        uow, session_id, today=TODAY + dt.timedelta(days=400)
    ).certificates

    assert [(c.number, c.verification_code, c.issued_on) for c in later] == [
        (c.number, c.verification_code, c.issued_on) for c in first
    ]
    assert not any(c.newly_issued for c in later)
    single = certificates.attendance_certificate(uow, first[1].attendance_id)
    assert single.certificates[0].number == first[1].number


def test_a_session_batch_includes_only_those_who_attended_by_surname(uow):
    b = basics(uow)
    day = session(uow, b, dt.date(2026, 12, 3))
    people = {
        last: person(uow, b, f"P{n}", last=last)
        for n, last in enumerate(("Young", "Booked", "Absent", "Cancelled", "adams"))
    }
    mark(
        uow,
        day.id,
        (people["Young"].id, "attended"),
        (people["Booked"].id, "booked"),
        (people["Absent"].id, "did not attend"),
        (people["Cancelled"].id, "cancelled"),
        (people["adams"].id, "attended"),
    )

    batch = certificates.session_certificates(uow, day.id, today=TODAY)

    assert [c.learner for c in batch.certificates] == ["Alex adams", "Alex Young"]
    numbers = [c.number for c in batch.certificates]
    assert numbers == sorted(numbers), "numbered in the order they print"


def test_every_number_and_code_is_unique_and_no_number_is_given_twice(uow):
    b = basics(uow)
    first_day = attended_session(uow, b, *(f"L{n}" for n in range(6)))
    batch = certificates.session_certificates(uow, first_day, today=TODAY).certificates
    with uow:  # a record (and with it its certificate) deleted
        record = uow.attendances.get(batch[-1].attendance_id)
        uow.attendances.delete(record)
        uow.commit()
    second_day = session(uow, b, dt.date(2026, 12, 10))
    newcomer = person(uow, b, "P99", last="Newcomer")
    mark(uow, second_day.id, (newcomer.id, "attended"))

    (later,) = certificates.session_certificates(uow, second_day.id, today=TODAY).certificates

    numbers = [c.number for c in batch] + [later.number]
    assert len(set(numbers)) == len(numbers)
    assert later.number > batch[-1].number, "the deleted certificate's number is not reused"
    assert len({c.verification_code for c in [*batch, later]}) == len(numbers)


def test_the_number_carries_the_year_of_issue(uow):
    b = basics(uow)
    session_id = attended_session(uow, b, "Adams")
    (certificate,) = certificates.session_certificates(
        uow, session_id, today=dt.date(2027, 1, 4)
    ).certificates
    assert certificate.number.startswith("STM-2027-")


def test_verification_codes_are_random_not_derived_from_the_number():
    codes = {certificates.new_verification_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(CODE.match(code) for code in codes)
    letters = "".join(code.replace("-", "") for code in codes)
    assert set(letters) == set(certificates.CODE_ALPHABET), "every letter of the alphabet used"


def test_a_session_that_no_one_attended_has_no_certificates(uow):
    b = basics(uow)
    day = session(uow, b, dt.date(2026, 12, 3))
    booked = person(uow, b, "P1")
    mark(uow, day.id, (booked.id, "booked"))
    with pytest.raises(UserError, match=r"No one is marked as attended .* mark the register"):
        certificates.session_certificates(uow, day.id)
    with pytest.raises(NotFoundError):
        certificates.session_certificates(uow, 9999)


def test_a_record_that_is_not_attended_has_no_certificate(uow):
    b = basics(uow)
    day = session(uow, b, dt.date(2026, 12, 3))
    absent = person(uow, b, "P1", last="Absent")
    mark(uow, day.id, (absent.id, "did not attend"))
    record_id = attendance_ids(uow, day.id)["Absent"]
    with pytest.raises(UserError, match="recorded as 'did not attend' on CSE-T1, not as attended"):
        certificates.attendance_certificate(uow, record_id)
    with uow:
        assert uow.certificates.count() == 0


def test_an_e_learning_completion_earns_a_certificate_of_completion(uow):
    b = basics(uow)
    course = catalogue.save_course(
        uow,
        catalogue.CourseDraft(
            "CSE-E1", "CSE online", b.topic_id, b.tiers["Universal"], "e-learning", Decimal("0.75")
        ),
    )
    learner = person(uow, b, "P1", last="Online")
    registers.record_completion(uow, learner.id, course.id, dt.date(2026, 6, 1))
    with uow:
        (record,) = uow.attendances.for_staff(learner.id)
        record_id = record.id

    (certificate,) = certificates.attendance_certificate(uow, record_id, today=TODAY).certificates

    assert certificate.achievement == "completion"
    assert certificate.completed_on == dt.date(2026, 6, 1)
    assert certificate.tier == "Universal"


def test_a_persons_certificate_is_found_by_agency_reference_and_course(uow):
    b = basics(uow)
    learner = person(uow, b, "P7", last="Refresher")
    for day in (dt.date(2024, 3, 1), dt.date(2026, 3, 1)):
        occasion = session(uow, b, day)
        mark(uow, occasion.id, (learner.id, "attended"))

    batch = certificates.staff_certificate(uow, "northshire police", "P7", "cse-t1")

    (certificate,) = batch.certificates
    assert certificate.learner == "Alex Refresher"
    assert certificate.completed_on == dt.date(2026, 3, 1), "the latest attended record"


def test_a_person_or_course_that_does_not_exist_is_named_in_the_refusal(uow):
    basics(uow)
    with pytest.raises(ValidationError) as refused:
        certificates.staff_certificate(uow, "Northshire Police", "NOPE", "NOPE-1")
    assert set(refused.value.problems) == {"staff_ref", "course"}
    with pytest.raises(ValidationError, match="no agency is called 'Fire'"):
        certificates.staff_certificate(uow, "Fire", "P1", "CSE-T1")


def test_a_person_without_an_attended_record_of_the_course_is_refused(uow):
    b = basics(uow)
    person(uow, b, "P1", last="Untrained")
    with pytest.raises(UserError, match=r"Alex Untrained .* has no attended record of CSE-T1"):
        certificates.staff_certificate(uow, "Northshire Police", "P1", "CSE-T1")


def test_certificate_settings_are_saved_as_keys_and_read_back(uow, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "navy").save(logo)
    saved = certificates.save_certificate_settings(
        uow,
        certificates.CertificateSettings(
            partnership="  Northshire   Partnership ",
            logo_path=str(logo),
            signatory="Dr Helen Marsden",
            signatory_title="Independent Scrutineer",
        ),
    )
    assert saved == certificates.CertificateSettings(
        "Northshire Partnership", str(logo.resolve()), "Dr Helen Marsden", "Independent Scrutineer"
    )
    assert certificates.certificate_settings(uow) == saved
    with uow:
        stored = uow.settings.all()
    assert stored[certificates.LOGO] == str(logo.resolve())
    assert stored[registers.PARTNERSHIP_NAME] == "Northshire Partnership"


def test_a_logo_that_is_not_a_picture_is_refused_with_the_other_problems(uow, tmp_path):
    notes = tmp_path / "logo.png"
    notes.write_text("not a picture")
    with pytest.raises(ValidationError) as refused:
        certificates.save_certificate_settings(
            uow,
            certificates.CertificateSettings("", str(notes), "x" * 121, ""),
        )
    assert set(refused.value.problems) == {"logo_path", "signatory"}
    assert "could not be read as a picture" in refused.value.problems["logo_path"]
    with pytest.raises(ValidationError, match="was not found"):
        certificates.save_certificate_settings(
            uow, certificates.CertificateSettings("", str(tmp_path / "gone.png"), "", "")
        )


def test_a_batch_carries_the_partnerships_settings(uow):
    b = basics(uow)
    certificates.save_certificate_settings(
        uow, certificates.CertificateSettings("Northshire SCP", "", "Dr Marsden", "Scrutineer")
    )
    batch = certificates.session_certificates(uow, attended_session(uow, b, "Adams"))
    assert batch.settings == certificates.CertificateSettings(
        "Northshire SCP", "", "Dr Marsden", "Scrutineer"
    )


def test_saving_writes_one_pdf_with_a_page_each_and_counts_the_printing(uow, tmp_path):
    b = basics(uow)
    session_id = attended_session(uow, b, "Adams", "Wójcik")
    batch = certificates.session_certificates(uow, session_id, today=TODAY)
    heard: list[tuple[int, int]] = []

    saved = certificates.save_certificates(
        uow,
        batch,
        tmp_path / "day.PDF",
        progress=lambda done, total, _: heard.append((done, total)),
    )

    assert saved.files == (tmp_path / "day.PDF",) and saved.pages == 2
    assert heard == [(1, 2), (2, 2)]
    pages = pdf_text(tmp_path / "day.PDF").split("\f")
    assert "Alex Adams" in pages[0] and batch.certificates[0].number in pages[0]
    assert "Alex Wójcik" in pages[1] and batch.certificates[1].verification_code in pages[1]
    again = certificates.session_certificates(uow, session_id)
    assert [c.print_count for c in again.certificates] == [1, 1]


def test_saving_to_a_folder_writes_a_file_per_certificate_named_by_number_and_learner(
    uow, tmp_path
):
    b = basics(uow)
    batch = certificates.session_certificates(
        uow, attended_session(uow, b, "Adams", "Wójcik"), today=TODAY
    )
    folder = tmp_path / "out" / "certificates"

    saved = certificates.save_certificates(uow, batch, folder)

    first, second = batch.certificates
    assert saved.files == (
        folder / f"{first.number}-Alex-Adams.pdf",
        folder / f"{second.number}-Alex-Wójcik.pdf",
    )
    for path, certificate in zip(saved.files, batch.certificates, strict=True):
        text = pdf_text(path)
        assert certificate.learner in text and certificate.number in text
        assert text.count("\f") == 1, "one page"


def test_a_cancelled_save_writes_nothing_and_counts_nothing(uow, tmp_path):
    b = basics(uow)
    session_id = attended_session(uow, b, "Adams", "Brown")
    batch = certificates.session_certificates(uow, session_id)
    with pytest.raises(CancelledByUser):
        certificates.save_certificates(uow, batch, tmp_path / "x.pdf", cancelled=lambda: True)
    assert not (tmp_path / "x.pdf").exists()
    again = certificates.session_certificates(uow, session_id)
    assert [c.print_count for c in again.certificates] == [0, 0]


def test_a_file_that_cannot_be_written_is_a_clear_error(uow, tmp_path):
    b = basics(uow)
    batch = certificates.session_certificates(uow, attended_session(uow, b, "Adams"))
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(UserError, match=r"cannot be written .* choose another folder"):
        certificates.save_certificates(uow, batch, blocker / "x.pdf")
    with pytest.raises(UserError, match="cannot be made"):
        certificates.save_certificates(uow, batch, blocker / "folder")
