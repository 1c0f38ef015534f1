"""Certificates: issue (or find again) the certificate of an attended record, and save them as PDF.

A record marked attended (a session's register, or an e-learning completion) earns one
certificate. It is issued the first time it is asked for, with a number such as
"STM-2026-000123" (the year of issue and a running number that the database never gives twice,
even after a certificate is deleted) and a random verification code that cannot be guessed from
the number; both are kept, so every reprint carries the same ones.

The partnership's name, logo and signatory come from the settings table (keys, not columns), and
everything a certificate shows is plain data (``CertificateBatch``), which ``exports.certificates``
draws and the desktop can preview.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from exports.certificates import PageDone, logo_problem, write_certificates
from storage import models as m
from storage.errors import DuplicateRecordError
from storage.repositories import CertificateSource
from training.access import Permission, requires
from training.agencies import named_agency
from training.errors import UserError, ValidationError
from training.progress import (
    Cancelled,
    CancelledByUser,
    Progress,
    never_cancelled,
    no_progress,
)
from training.registers import PARTNERSHIP_NAME
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors
from training.validation import Problems

NUMBER_PREFIX = "STM"
SERIAL = "certificate_last_serial"  # the setting holding the last running number given
LOGO = "certificate_logo"
SIGNATORY = "certificate_signatory"
SIGNATORY_TITLE = "signatory_title"
SETTING_KEYS = {  # a CertificateSettings field -> the setting that keeps it
    "partnership": PARTNERSHIP_NAME,
    "logo_path": LOGO,
    "signatory": SIGNATORY,
    "signatory_title": SIGNATORY_TITLE,
}
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U
CODE_GROUPS, GROUP_LENGTH = 3, 4  # "K7QM-2XDP-9TAB": 60 random bits
ATTENDED = "attended"
SUBJECT = "The certificate"
AT_THE_SAME_TIME = (
    "Someone else issued certificates for the same records at the same moment, so nothing was "
    "saved: print them again (the certificates already issued keep their numbers)."
)


@dataclass(frozen=True)
class CertificateSettings:
    """What every certificate of the partnership carries; "" where not set."""

    partnership: str
    logo_path: str
    signatory: str
    signatory_title: str


@dataclass(frozen=True)
class CertificateView:
    """What one certificate says, and whether it was issued just now or earlier."""

    certificate_id: int
    attendance_id: int
    number: str
    verification_code: str
    learner: str
    agency: str
    course_code: str
    course_title: str
    topic: str
    tier: str
    duration_hours: Decimal
    achievement: str  # "attendance" (a session) or "completion" (e-learning)
    completed_on: dt.date
    issued_on: dt.date
    print_count: int  # how many times it had been printed before
    newly_issued: bool


@dataclass(frozen=True)
class CertificateBatch:
    settings: CertificateSettings
    certificates: tuple[CertificateView, ...]


@dataclass(frozen=True)
class SavedCertificates:
    files: tuple[Path, ...]
    pages: int
    warnings: tuple[str, ...]  # what was printed without (a logo) or with stand-ins (fonts)


# --- settings ----------------------------------------------------------------------------------


@requires(Permission.READ_CATALOGUE)
def certificate_settings(uow: UnitOfWork) -> CertificateSettings:
    with uow:
        return stored_certificate_settings(uow)


@requires(Permission.READ_CATALOGUE)
def stored_certificate_settings(uow: UnitOfWork) -> CertificateSettings:
    """The settings as stored, read in the unit of work under way."""
    stored = uow.settings.all()
    return CertificateSettings(
        **{name: stored.get(key, "").strip() for name, key in SETTING_KEYS.items()}
    )


@requires(Permission.EDIT_PROGRAMME)
def save_certificate_settings(uow: UnitOfWork, draft: CertificateSettings) -> CertificateSettings:
    """Check and save the partnership's name, logo and signatory; the logo must be a picture
    that can be printed, and is kept by its full path."""
    checked = checked_certificate_settings(draft)
    with uow, storage_failures_as_user_errors("The partnership settings"):
        put_certificate_settings(uow, checked)
        uow.commit()
        return stored_certificate_settings(uow)


def checked_certificate_settings(draft: CertificateSettings) -> CertificateSettings:
    """``draft`` tidied (spacing, the logo's full path); a ``ValidationError`` keyed by the
    fields' names if any is wrong."""
    problems = Problems("The partnership settings")
    checked = CertificateSettings(
        partnership=problems.text("partnership", draft.partnership, max_length=200, required=False),
        logo_path=_logo_path(problems, draft.logo_path),
        signatory=problems.text("signatory", draft.signatory, max_length=120, required=False),
        signatory_title=problems.text(
            "signatory_title", draft.signatory_title, max_length=120, required=False
        ),
    )
    problems.raise_if_any()
    return checked


@requires(Permission.EDIT_PROGRAMME)
def put_certificate_settings(uow: UnitOfWork, checked: CertificateSettings) -> None:
    """Store checked settings in the unit of work under way (the caller commits)."""
    for name, key in SETTING_KEYS.items():
        uow.settings.put(key, getattr(checked, name))


def _logo_path(problems: Problems, typed: str) -> str:
    if not typed.strip():
        return ""
    path = Path(typed.strip()).expanduser().resolve()
    problem = logo_problem(str(path))
    if problem is not None:
        problems.add("logo_path", f"{problem}: choose a PNG or JPEG picture")
    return str(path)


# --- issuing -----------------------------------------------------------------------------------


@requires(Permission.ISSUE_CERTIFICATES)
def session_certificates(
    uow: UnitOfWork, session_id: int, *, today: dt.date | None = None
) -> CertificateBatch:
    """The certificates of everyone who attended the session, by surname: issued now for those
    who have none yet, the same ones again for the others."""
    with uow, storage_failures_as_user_errors(SUBJECT):
        session = found(uow.sessions.get(session_id), "session", session_id)
        sources = uow.certificates.sources_on_session(session_id, ATTENDED)
        if not sources:
            raise UserError(
                f"No one is marked as attended on session {session_id} ({session.course.code}, "
                f"{session.starts_at:%d/%m/%Y}): mark the register, then print the certificates."
            )
        return _batch(uow, sources, today)


@requires(Permission.ISSUE_CERTIFICATES)
def attendance_certificate(
    uow: UnitOfWork, attendance_id: int, *, today: dt.date | None = None
) -> CertificateBatch:
    """The certificate of one attended record (issued now if it has none yet)."""
    with uow, storage_failures_as_user_errors(SUBJECT):
        source = found(
            uow.certificates.source_of(attendance_id), "attendance record", attendance_id
        )
        if source.status != ATTENDED:
            raise UserError(
                f"{_learner(source)} is recorded as {source.status!r} on {source.course_code}, "
                "not as attended: only attended records have certificates. Mark the register "
                "first."
            )
        return _batch(uow, [source], today)


@requires(Permission.ISSUE_CERTIFICATES)
def staff_certificate(
    uow: UnitOfWork,
    agency: str,
    staff_ref: str,
    course_code: str,
    *,
    today: dt.date | None = None,
) -> CertificateBatch:
    """The certificate of a person's latest attended record of the course, found by their
    agency and staff reference and the course's code."""
    with uow, storage_failures_as_user_errors(SUBJECT):
        found_agency = named_agency(uow, agency, SUBJECT, "cannot be printed")
        person = uow.staff.by_ref(found_agency.id, staff_ref.strip())
        course = uow.courses.by_code(course_code.strip())
        problems = Problems(SUBJECT)
        if person is None:
            problems.add(
                "staff_ref", f"{found_agency.name} has no one with reference {staff_ref!r}"
            )
        if course is None:
            problems.add("course", f"no course has the code {course_code!r}")
        if problems.found:
            raise ValidationError(SUBJECT, problems.found, outcome="cannot be printed")
        assert person is not None and course is not None  # for the types: refused above
        attended = [
            s for s in uow.certificates.sources_for(person.id, course.id) if s.status == ATTENDED
        ]
        if not attended:
            raise UserError(
                f"{person.first_name} {person.last_name} ({staff_ref}, {found_agency.name}) has "
                f"no attended record of {course.code}: record their attendance first."
            )
        latest = max(attended, key=lambda s: (_completed_on(s), s.attendance_id))
        return _batch(uow, [latest], today)


def _batch(
    uow: UnitOfWork, sources: Iterable[CertificateSource], today: dt.date | None
) -> CertificateBatch:
    """Issue the missing certificates of the records, commit, and return them all."""
    ordered = sorted(
        sources,
        key=lambda s: (s.last_name.casefold(), s.first_name.casefold(), s.attendance_id),
    )
    for source in ordered:
        _completed_on(source)  # refuses a record without a date before anything is issued
    issued = _issue(uow, [s for s in ordered if s.certificate_id is None], today or dt.date.today())
    uow.commit()
    views = [issued.get(s.attendance_id) or _view(s) for s in ordered]
    return CertificateBatch(stored_certificate_settings(uow), tuple(views))


def _issue(
    uow: UnitOfWork, sources: Sequence[CertificateSource], today: dt.date
) -> dict[int, CertificateView]:
    """New certificates for the records, numbered in their order; by attendance id."""
    if not sources:
        return {}
    first = uow.settings.advance(SERIAL, len(sources)) - len(sources) + 1
    numbered = [
        source._replace(
            number=f"{NUMBER_PREFIX}-{today:%Y}-{serial:06d}",
            verification_code=new_verification_code(),
            issued_on=today,
            print_count=0,
        )
        for serial, source in enumerate(sources, start=first)
    ]
    rows = [
        {
            "attendance_id": s.attendance_id,
            "number": s.number,
            "verification_code": s.verification_code,
            "issued_on": s.issued_on,
            "print_count": s.print_count,
        }
        for s in numbered
    ]
    try:
        ids = uow.insert_returning_ids(m.Certificate, rows)
    except DuplicateRecordError as exc:
        raise UserError(AT_THE_SAME_TIME) from exc
    return {
        s.attendance_id: _view(s._replace(certificate_id=certificate_id), newly_issued=True)
        for s, certificate_id in zip(numbered, ids, strict=True)
    }


def new_verification_code() -> str:
    """A random code such as "K7QM-2XDP-9TAB", in letters that cannot be misread for others."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * GROUP_LENGTH))
    return "-".join(
        letters[start : start + GROUP_LENGTH] for start in range(0, len(letters), GROUP_LENGTH)
    )


def _completed_on(source: CertificateSource) -> dt.date:
    """The day the certificate is dated: the completion, else the day the session ended."""
    if source.completed_on is not None:
        return source.completed_on
    if source.session_ends_at is not None:
        return source.session_ends_at.date()
    raise UserError(
        f"{_learner(source)}'s record of {source.course_code} has no completion date: add the "
        "date to the record, then print the certificate."
    )


def _learner(source: CertificateSource) -> str:
    return f"{source.first_name} {source.last_name}"


def _view(source: CertificateSource, *, newly_issued: bool = False) -> CertificateView:
    assert source.certificate_id is not None  # only issued certificates are shown
    assert source.number and source.verification_code and source.issued_on
    e_learning = source.session_ends_at is None or source.delivery_mode == "e-learning"
    return CertificateView(
        certificate_id=source.certificate_id,
        attendance_id=source.attendance_id,
        number=source.number,
        verification_code=source.verification_code,
        learner=_learner(source),
        agency=source.agency,
        course_code=source.course_code,
        course_title=source.course_title,
        topic=source.topic,
        tier=source.tier,
        duration_hours=source.duration_hours,
        achievement="completion" if e_learning else "attendance",
        completed_on=_completed_on(source),
        issued_on=source.issued_on,
        print_count=source.print_count or 0,
        newly_issued=newly_issued,
    )


# --- saving as PDF -----------------------------------------------------------------------------


def certificate_file_name(certificate: CertificateView) -> str:
    """``STM-2026-000123-Łucja-Wójcik.pdf``: the number and the learner, safe in any folder."""
    name = re.sub(r"[^\w]+", "-", certificate.learner).strip("-_")
    return f"{certificate.number}-{name}.pdf" if name else f"{certificate.number}.pdf"


@requires(Permission.ISSUE_CERTIFICATES)
def save_certificates(
    uow: UnitOfWork,
    batch: CertificateBatch,
    out: Path,
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> SavedCertificates:
    """Write the batch to ``out``: one PDF if its name ends in .pdf, else a folder (made if
    need be) with one PDF per certificate. Each certificate written is counted as printed."""
    if out.suffix.lower() == ".pdf":
        jobs = [(out, batch.certificates)]
    else:
        _make_folder(out)
        jobs = [(out / certificate_file_name(c), (c,)) for c in batch.certificates]
    total = len(batch.certificates)
    written = 0
    warnings: dict[str, None] = {}  # in order, once each

    def page_done(_page: int, _pages: int) -> None:
        nonlocal written
        written += 1
        progress(written, total, "Writing the certificates")
        if cancelled():
            raise CancelledByUser()

    printed: list[int] = []
    try:
        for path, certificates in jobs:
            result = _write(path, certificates, batch.settings, page_done)
            warnings.update(dict.fromkeys(result))
            printed += [c.certificate_id for c in certificates]
    finally:
        record_printed(uow, printed)
    return SavedCertificates(tuple(path for path, _ in jobs), total, tuple(warnings))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"The folder {folder} cannot be made ({exc.strerror or exc}): choose another folder, "
            "or give a file name ending in .pdf"
        ) from exc


def _write(
    path: Path,
    certificates: Sequence[CertificateView],
    settings: CertificateSettings,
    page_done: PageDone,
) -> tuple[str, ...]:
    try:
        return write_certificates(path, certificates, settings, page_done).warnings
    except OSError as exc:
        raise UserError(
            f"{path} cannot be written ({exc.strerror or exc}): close it if it is open in a PDF "
            "reader, or choose another folder"
        ) from exc


@requires(Permission.ISSUE_CERTIFICATES)
def record_printed(uow: UnitOfWork, certificate_ids: Collection[int]) -> None:
    """Count one more printing of each of these certificates."""
    if certificate_ids:
        with uow, storage_failures_as_user_errors(SUBJECT):
            uow.certificates.count_printed(certificate_ids)
            uow.commit()
