"""Data protection: how long leavers' personal data is kept, anonymising it after that, erasing
one person on request, and everything held about one person (a subject access request).

Anonymising keeps the person's row and everything the counts are made of (their agency, role
history, start and leave dates, training records, certificates, champion posts, evaluation
ratings), so every return, compliance figure and report stays exactly as it was; only what
says who they were goes:

- the name becomes "Anonymised" "person #<id>" (unique, and plainly not a name); the email and
  job title are emptied; the staff reference becomes "anon-<id>", unique per agency as the
  constraint needs, and in lower case, which no reference typed or imported can be (both are
  stored in upper case), so it never clashes with a real one;
- the free text of their records: attendance notes, and the comments of evaluations they gave.
  Their evaluations keep their ratings and stay linked to the (now anonymous) row: the QA
  figures count responses with no one named as anonymous, so unlinking them would change those
  figures, while the comments are the part that could say who wrote them;
- the audit trail's entries about them keep what happened, when and by whom, and which fields
  changed, with the personal fields' values replaced by "(erased)"; an import's log of what it
  changed holds the pseudonym instead, so undoing the import can never bring the name back.

Only a coordinator may do any of this (``Permission.ADMINISTER``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.personal_data import Leaver, Pseudonym
from training.access import Permission, requires
from training.agencies import named_agency
from training.dates import add_months, uk
from training.errors import ConflictError, ValidationError
from training.person_record import (
    AttendanceLine,
    AuditLine,
    CertificateLine,
    ChampionMeetingLine,
    ChampionPostLine,
    EvaluationLine,
    ImportLine,
    PersonDetails,
    PersonRecord,
    RoleLine,
)
from training.progress import (
    Cancelled,
    CancelledByUser,
    Progress,
    never_cancelled,
    no_progress,
)
from training.transactions import (
    UnitOfWork,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

RETENTION_SETTING = "retention_years_after_leaving"
DEFAULT_RETENTION_YEARS = 6
MIN_RETENTION_YEARS, MAX_RETENTION_YEARS = 1, 100
PREVIEW_LIMIT = 500  # leavers named in a preview; the counts cover them all
CHUNK = 1000  # leavers anonymised between progress reports
REASON_LENGTH = 500

ANONYMISED_FIRST_NAME = "Anonymised"
ERASED = "(erased)"
NAME_REMOVED = "(name removed)"
PERSONAL_FIELDS = ("first_name", "last_name", "email", "staff_ref", "job_title", "note", "comments")


def anonymised_last_name(staff_id: int) -> str:
    return f"person #{staff_id}"


def anonymised_ref(staff_id: int) -> str:
    return f"anon-{staff_id}"


# --- the retention period ----------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPolicy:
    """Leavers' personal data is kept for ``years`` after the day they left."""

    years: int

    def left_by(self, on: dt.date) -> dt.date:
        """The last leave date whose retention period is over on ``on``: ``years`` before it
        (29 February falls to the 28th)."""
        return add_months(on, -12 * self.years)

    def __str__(self) -> str:
        return f"{self.years} year{'' if self.years == 1 else 's'} after leaving"


@requires(Permission.ADMINISTER)
def retention_policy(uow: UnitOfWork) -> RetentionPolicy:
    with uow:
        return _stored_policy(uow)


def _stored_policy(uow: UnitOfWork) -> RetentionPolicy:
    """The stored period; the default when none (or none that makes sense) is stored."""
    text = uow.settings.all().get(RETENTION_SETTING, "").strip()
    years = int(text) if text.isdigit() else DEFAULT_RETENTION_YEARS
    if not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
        years = DEFAULT_RETENTION_YEARS
    return RetentionPolicy(years)


@requires(Permission.ADMINISTER)
def set_retention_policy(
    uow: UnitOfWork, years: int, *, seen: int | None = None
) -> RetentionPolicy:
    """Keep leavers' personal data for ``years`` after they left.

    ``seen`` is the number of years the user was shown: if someone else has changed it since,
    the change is refused rather than silently overwriting theirs.
    """
    problems = Problems("The retention period")
    if isinstance(years, bool) or not isinstance(years, int):
        problems.add("years", f"{years!r} is not a whole number of years")
    elif not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
        problems.add(
            "years",
            f"must be from {MIN_RETENTION_YEARS} to {MAX_RETENTION_YEARS} years, not {years}",
        )
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors("The retention period"):
        current = _stored_policy(uow)
        if seen is not None and seen != current.years:
            raise ConflictError("The retention period")
        uow.settings.put(RETENTION_SETTING, str(years))
        uow.commit()
    return RetentionPolicy(years)


# --- leavers due --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaverDue:
    staff_id: int
    name: str
    agency: str
    leave_date: dt.date


@dataclass(frozen=True)
class LeaversDue:
    """Who would be anonymised on ``on``: everyone not yet anonymised who left on or before
    ``left_by``. ``people`` names the first of them (those who left first); ``total`` counts
    them all, and ``by_agency`` per agency."""

    on: dt.date
    policy: RetentionPolicy
    left_by: dt.date
    total: int
    by_agency: tuple[tuple[str, int], ...]
    people: tuple[LeaverDue, ...]

    @property
    def not_named(self) -> int:
        return self.total - len(self.people)


def _leaver(row: Leaver) -> LeaverDue:
    return LeaverDue(row.staff_id, f"{row.first_name} {row.last_name}", row.agency, row.leave_date)


@requires(Permission.ADMINISTER)
def leavers_due(uow: UnitOfWork, on: dt.date, *, limit: int = PREVIEW_LIMIT) -> LeaversDue:
    """A preview of ``anonymise_leavers`` on ``on``; nothing is changed."""
    with uow:
        policy = _stored_policy(uow)
        left_by = policy.left_by(on)
        by_agency = tuple(uow.personal_data.leavers_by_agency(left_by))
        people = tuple(_leaver(row) for row in uow.personal_data.leavers(left_by, limit))
    return LeaversDue(on, policy, left_by, sum(n for _, n in by_agency), by_agency, people)


@dataclass(frozen=True)
class AnonymisedLeavers:
    count: int
    policy: RetentionPolicy
    left_by: dt.date

    def __str__(self) -> str:
        people = f"{self.count:,} leaver{'' if self.count == 1 else 's'}"
        return (
            f"{people} who left on or before {uk(self.left_by)} "
            f"({self.policy}) {'was' if self.count == 1 else 'were'} anonymised."
        )


@requires(Permission.ADMINISTER)
def anonymise_leavers(
    uow: UnitOfWork,
    on: dt.date,
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    today: dt.date | None = None,
) -> AnonymisedLeavers:
    """Anonymise everyone whose retention period is over on ``on``, in one transaction (all
    or, if cancelled or refused, none)."""
    today = today or dt.date.today()
    if on > today:
        raise ValidationError(
            "Leavers' personal data",
            {
                "date": f"{uk(on)} is after today: leavers can only be anonymised once their "
                "retention period is over, so give today's date or an earlier one"
            },
            outcome="cannot be anonymised",
        )
    with uow, storage_failures_as_user_errors("Leavers' personal data"):
        policy = _stored_policy(uow)
        left_by = policy.left_by(on)
        leavers = uow.personal_data.leavers(left_by)
        pseudonyms = [
            _pseudonym(row.staff_id, "anonymise", _retention_note(row, policy, on))
            for row in leavers
        ]
        total = len(pseudonyms)
        for start in range(0, total, CHUNK):
            progress(start, total, f"Anonymised {start:,} of {total:,} leavers")
            if cancelled():
                raise CancelledByUser
            _anonymise(uow, pseudonyms[start : start + CHUNK], today)
        progress(total, total, "Saving")
        uow.commit()
    return AnonymisedLeavers(total, policy, left_by)


def _retention_note(leaver: Leaver, policy: RetentionPolicy, on: dt.date) -> str:
    return (
        f"Anonymised after the retention period ({policy}): left on {uk(leaver.leave_date)}, "
        f"anonymised as at {uk(on)}"
    )


def _pseudonym(staff_id: int, action: str, note: str) -> Pseudonym:
    return Pseudonym(
        staff_id,
        ANONYMISED_FIRST_NAME,
        anonymised_last_name(staff_id),
        anonymised_ref(staff_id),
        action,
        note,
    )


def _anonymise(uow: UnitOfWork, people: Sequence[Pseudonym], on: dt.date) -> None:
    uow.personal_data.anonymise(people, on, personal_fields=PERSONAL_FIELDS, erased=ERASED)


# --- erasure on request ------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasedPerson:
    staff_id: int
    name: str  # as they are now called: "Anonymised person #12"
    agency: str


@requires(Permission.ADMINISTER)
def erase_person(
    uow: UnitOfWork, staff_id: int, reason: str, *, today: dt.date | None = None
) -> ErasedPerson:
    """Anonymise one person now, whenever they left (or if they have not), noting the reason in
    the audit trail; their name, email and reference are taken out of the reason."""
    problems = Problems("The erasure")
    reason = problems.text("reason", reason, max_length=REASON_LENGTH)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors("The erasure"):
        person = _details(uow, staff_id)
        _refuse_if_anonymised(person)
        note = f"Erased on request: {_without_identity(reason, person)}"
        _anonymise(uow, [_pseudonym(staff_id, "erase", note)], today or dt.date.today())
        uow.commit()
    return ErasedPerson(
        staff_id, f"{ANONYMISED_FIRST_NAME} {anonymised_last_name(staff_id)}", person.agency
    )


def _details(uow: UnitOfWork, staff_id: int) -> PersonDetails:
    row = found(uow.personal_data.staff_details(staff_id), "staff member", staff_id)
    return PersonDetails(*row)


def _refuse_if_anonymised(person: PersonDetails) -> None:
    if person.anonymised_on is not None:
        raise ValidationError(
            f"{person.first_name} {person.last_name}",
            {"staff member": f"was already anonymised on {uk(person.anonymised_on)}"},
            outcome="cannot be erased",
        )


def _without_identity(text: str, person: PersonDetails) -> str:
    """``text`` with the person's name, email and staff reference (as whole words, any case)
    replaced, so the reason for erasing them does not keep what was erased."""
    identity = [
        f"{person.first_name} {person.last_name}",
        person.email,
        person.staff_ref or "",
        person.last_name,
        person.first_name,
    ]
    for value in sorted(filter(None, identity), key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(NAME_REMOVED, text)
    return text


# --- finding one person ------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonChoice:
    staff_id: int
    name: str
    agency: str
    staff_ref: str | None
    leave_date: dt.date | None
    anonymised_on: dt.date | None


@requires(Permission.ADMINISTER)
def find_person(
    uow: UnitOfWork,
    *,
    staff_id: int | None = None,
    agency: str | None = None,
    staff_ref: str | None = None,
) -> PersonChoice:
    """The person with this id, or with this staff reference in this agency."""
    if (staff_id is None) == (agency is None or staff_ref is None):
        raise ValidationError(
            "The person",
            {"person": "give either their staff id, or their agency and staff reference"},
            outcome="cannot be found",
        )
    with uow:
        if staff_id is None:
            assert agency is not None and staff_ref is not None  # checked above
            found_agency = named_agency(uow, agency, "The person", "cannot be found")
            staff_id = found(
                uow.personal_data.staff_id_by_ref(found_agency.id, staff_ref),
                f"staff member of {found_agency.name} with reference",
                staff_ref,
            )
        person = _details(uow, staff_id)
    return PersonChoice(
        person.staff_id,
        f"{person.first_name} {person.last_name}",
        person.agency,
        person.staff_ref,
        person.leave_date,
        person.anonymised_on,
    )


# --- everything held about one person ----------------------------------------------------------


@requires(Permission.ADMINISTER)
def person_record(uow: UnitOfWork, staff_id: int) -> PersonRecord:
    """Everything the partnership holds about the person (for a subject access request)."""
    with uow:
        data = uow.personal_data
        details = _details(uow, staff_id)
        return PersonRecord(
            compiled_at=dt.datetime.now().replace(microsecond=0),
            person=details,
            roles=tuple(RoleLine(*row) for row in data.role_history(staff_id)),
            attendances=tuple(AttendanceLine(*row) for row in data.attendances(staff_id)),
            certificates=tuple(CertificateLine(*row) for row in data.certificates(staff_id)),
            evaluations=tuple(EvaluationLine(*row) for row in data.evaluations(staff_id)),
            champion_posts=tuple(ChampionPostLine(*row) for row in data.champion_posts(staff_id)),
            champion_meetings=tuple(
                ChampionMeetingLine(*row) for row in data.champion_meetings(staff_id)
            ),
            imports=tuple(ImportLine(*row) for row in data.imports(staff_id)),
            audit=tuple(_audit_line(row) for row in data.audit_entries(staff_id)),
        )


def _audit_line(row: tuple[Any, ...]) -> AuditLine:
    changed_at, user_name, action, table_name, record_id, description, changes = row
    try:
        parsed = json.loads(changes or "{}")
    except json.JSONDecodeError:
        parsed = {}
    listed = parsed.items() if isinstance(parsed, dict) else ()
    return AuditLine(
        changed_at,
        user_name,
        action,
        table_name,
        record_id,
        description,
        tuple(_change(field, values) for field, values in sorted(listed)),
    )


def _change(field: str, values: object) -> tuple[str, object, object]:
    """A field's (old, new) as the audit trail holds them: ``[old, new]``."""
    if isinstance(values, list) and len(values) == 2:
        return field, values[0], values[1]
    return field, None, values


@requires(Permission.ADMINISTER)
def export_person_record(uow: UnitOfWork, staff_id: int, path: Path) -> int:
    """Write everything held about the person to ``path`` (xlsx); how many sheets."""
    # openpyxl takes a quarter of a second to import: not while the staff page opens
    from exports.person_record_workbook import write_person_record_workbook

    return write_person_record_workbook(Path(path), person_record(uow, staff_id))
