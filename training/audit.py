"""The audit trail for the coordinator: who changed which record, when, and each field's value
before and after; listed a page at a time with filters, and exported as a workbook.

The trail is written by the storage layer as records change (``storage/audit.py``); here it is
read back and told in words: "Staff member" rather than ``staff_members``, ``first name: 'Jo' →
'Joanne'`` rather than JSON, dates as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from exports.audit_workbook import AuditExportAbout, write_audit_workbook
from storage import models as m
from storage.repositories import AuditCriteria
from training.access import Permission, principal_of, requires
from training.errors import UserError, ValidationError
from training.progress import Cancelled, CancelledByUser, Progress, never_cancelled, no_progress
from training.transactions import UnitOfWork

ACTIONS = {"add": "Added", "change": "Changed", "remove": "Removed"}
RECORD_TYPES = {
    "agencies": "Agency",
    "attendances": "Attendance record",
    "awareness_events": "Awareness event",
    "certificates": "Certificate",
    "champion_meeting_attendances": "Champions' meeting attendance",
    "champion_meetings": "Champions' meeting",
    "champions": "Champion",
    "column_mappings": "Import column",
    "courses": "Course",
    "evaluations": "Evaluation",
    "import_batches": "Import",
    "qa_observations": "QA observation",
    "qa_standards": "QA standard",
    "role_requirements": "Role requirement",
    "roles": "Role",
    "sectors": "Sector",
    "sessions": "Session",
    "settings": "Setting",
    "staff_members": "Staff member",
    "staff_roles": "Staff member's role",
    "tiers": "Tier",
    "topics": "Topic",
    "users": "User",
}
FIELD_NAMES = {
    "staff_ref": "staff reference",
    "works_with_children_10_plus": "works with children 10+",
    "qa_status": "QA status",
    "duration_hours": "duration (hours)",
    "validity_months": "validity (months)",
    "password_hash": "password",
    "lead_name": "lead's name",
    "lead_email": "lead's email",
    "starts_at": "starts",
    "ends_at": "ends",
    "agency_id": "agency",
    "course_id": "course",
    "role_id": "role",
    "sector_id": "sector",
    "session_id": "session number",
    "staff_id": "staff member",
    "standard_id": "QA standard",
    "tier_id": "tier",
    "topic_id": "topic",
    "import_batch_id": "import number",
}
# Fields holding another record's id, and that record's table: shown by its name
REFERENCES = {
    "agency_id": "agencies",
    "course_id": "courses",
    "role_id": "roles",
    "sector_id": "sectors",
    "staff_id": "staff_members",
    "standard_id": "qa_standards",
    "tier_id": "tiers",
    "topic_id": "topics",
}
HIDDEN = "(hidden)"  # what the trail holds instead of a secret (see storage/audit.py)
NO_VALUE = "(none)"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
EXPORT_BATCH = 1000  # entries read from the database at a time while exporting


@dataclass(frozen=True)
class AuditFilter:
    """Which changes to show: each criterion given must hold (None or blank: any)."""

    start: dt.date | None = None  # first day
    end: dt.date | None = None  # last day, included
    user_name: str | None = None
    table_name: str | None = None  # a key of RECORD_TYPES
    action: str | None = None  # a key of ACTIONS
    search: str = ""  # each word in the record's name or its values
    staff_member_id: int | None = None  # changes to what the trail holds about this person

    def describe(self) -> str:
        """The filter in words: "from 01/04/2025, by jo, staff members, matching 'smith'"."""
        parts = []
        if self.start is not None:
            parts.append(f"from {self.start:%d/%m/%Y}")
        if self.end is not None:
            parts.append(f"to {self.end:%d/%m/%Y}")
        if self.user_name:
            parts.append(f"by {self.user_name}")
        if self.table_name:
            parts.append(f"{record_type_name(self.table_name).lower()} records")
        if self.action:
            parts.append(ACTIONS.get(self.action, self.action).lower())
        if self.search.strip():
            parts.append(f"matching '{self.search.strip()}'")
        if self.staff_member_id is not None:
            parts.append(f"about staff member {self.staff_member_id}")
        return ", ".join(parts) or "every change"


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its name and its value before and after, as the trail stores
    them (JSON: text, a number, true or false, or null), or the name of the record they refer
    to (a role's name for its id)."""

    action: str  # the entry's: add, change or remove
    field: str
    old: object
    new: object

    @property
    def before(self) -> str:
        """The value before, as text ("" before the record was added)."""
        return "" if self.action == "add" else shown_value(self.old)

    @property
    def after(self) -> str:
        """The value after, as text ("" once the record was removed)."""
        return "" if self.action == "remove" else shown_value(self.new)

    @property
    def line(self) -> str:
        """``first name: 'Jo' → 'Joanne'`` (text in quotes); an added or removed record's
        fields as ``first name: 'Jo'``."""
        if self.action == "add":
            return f"{self.field}: {quoted_value(self.new)}"
        if self.action == "remove":
            return f"{self.field}: {quoted_value(self.old)}"
        return f"{self.field}: {quoted_value(self.old)} → {quoted_value(self.new)}"


@dataclass(frozen=True)
class AuditEntryView:
    id: int
    changed_at: dt.datetime
    user_name: str
    action: str  # add, change or remove
    table_name: str
    record_id: int | None
    staff_member_id: int | None
    record: str  # the record's name, else the person it is about, else its number
    changes: tuple[FieldChange, ...]

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def what(self) -> str:
        return record_type_name(self.table_name)

    @property
    def change_lines(self) -> list[str]:
        return [change.line for change in self.changes]

    @property
    def summary(self) -> str:
        """Every field on one line (line breaks in a value read as spaces)."""
        return "; ".join(" ".join(line.split()) for line in self.change_lines)


def changes_counted(total: int) -> str:
    """ "1 change", "1,234 changes"."""
    return f"{total:,} change{'' if total == 1 else 's'}"


class RecordType(NamedTuple):
    table_name: str
    label: str


def record_type_name(table_name: str) -> str:
    """ "Staff member" for ``staff_members``; a table this module does not know, in words."""
    return RECORD_TYPES.get(table_name) or table_name.replace("_", " ").capitalize()


def record_types() -> list[RecordType]:
    """The kinds of record the trail tells of, by name."""
    return sorted(
        (RecordType(table, label) for table, label in RECORD_TYPES.items()),
        key=lambda kind: kind.label,
    )


def record_type_named(text: str) -> str:
    """The table of a kind of record named as the user wrote it: "staff member",
    "Staff members" or ``staff_members``."""
    wanted = text.strip().casefold()
    for table, label in RECORD_TYPES.items():
        if wanted in (table, label.casefold(), f"{label.casefold()}s"):
            return table
    known = ", ".join(kind.label for kind in record_types())
    raise UserError(f"{text!r} is not a kind of record the audit trail knows. Use one of: {known}")


def action_named(text: str) -> str:
    """The action a user named: "add", "added", "Changed", …"""
    wanted = text.strip().casefold()
    for action, label in ACTIONS.items():
        if wanted in (action, label.casefold()):
            return action
    raise UserError(f"{text!r} is not an action: use added, changed or removed")


@requires(Permission.ADMINISTER)
def list_audit_entries(
    uow: UnitOfWork, audit_filter: AuditFilter, offset: int = 0, limit: int = 500
) -> list[AuditEntryView]:
    """A page of the changes the filter picks, newest first."""
    criteria = _criteria(audit_filter)
    with uow:
        return _views(uow, uow.audit.page(criteria, offset=offset, limit=limit))


@requires(Permission.ADMINISTER)
def count_audit_entries(uow: UnitOfWork, audit_filter: AuditFilter) -> int:
    criteria = _criteria(audit_filter)
    with uow:
        return uow.audit.count_matching(criteria)


@requires(Permission.ADMINISTER)
def audit_users(uow: UnitOfWork) -> list[str]:
    """Everyone who has changed anything, by user name (blank names left out)."""
    with uow:
        return [name for name in uow.audit.user_names() if name]


@requires(Permission.ADMINISTER)
def export_audit(
    uow: UnitOfWork,
    audit_filter: AuditFilter,
    path: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write the changes the filter picks to the workbook ``path``; how many were written."""
    criteria = _criteria(audit_filter)
    about = AuditExportAbout(
        exported_at=dt.datetime.now().replace(microsecond=0),
        exported_by=principal_of(uow).shown_name,
        filter_text=audit_filter.describe(),
    )
    with uow:
        total = uow.audit.count_matching(criteria)
        progress(0, total, "Writing the audit trail")
        entries = _exported(uow, uow.audit.stream(criteria, EXPORT_BATCH), total, progress)
        try:
            return write_audit_workbook(path, _stopping(entries, cancelled), about)
        except OSError as exc:
            raise UserError(
                f"{path} cannot be written ({exc.strerror or exc}): close it if it is open in "
                "Excel, or choose another folder"
            ) from exc


def _exported(
    uow: UnitOfWork, entries: Iterable[m.AuditEntry], total: int, progress: Progress
) -> Iterator[AuditEntryView]:
    done = 0
    for batch in _batches(entries, EXPORT_BATCH):
        yield from _views(uow, batch)
        done += len(batch)
        progress(min(done, total), total, "Writing the audit trail")


def _stopping(entries: Iterable[AuditEntryView], cancelled: Cancelled) -> Iterator[AuditEntryView]:
    for number, entry in enumerate(entries):
        if number % EXPORT_BATCH == 0 and cancelled():
            raise CancelledByUser()
        yield entry


def _batches(entries: Iterable[m.AuditEntry], size: int) -> Iterator[list[m.AuditEntry]]:
    iterator = iter(entries)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _criteria(audit_filter: AuditFilter) -> AuditCriteria:
    start, end = audit_filter.start, audit_filter.end
    if start is not None and end is not None and end < start:
        raise ValidationError(
            "The audit trail",
            {"to": f"{end:%d/%m/%Y} is before the first day, {start:%d/%m/%Y}"},
            "cannot be loaded",
        )
    return AuditCriteria(
        since=dt.datetime.combine(start, dt.time()) if start else None,
        before=dt.datetime.combine(end + dt.timedelta(days=1), dt.time()) if end else None,
        user_name=audit_filter.user_name or None,
        table_name=audit_filter.table_name or None,
        action=audit_filter.action or None,
        search=" ".join(_stored_word(word) for word in audit_filter.search.split()),
        staff_member_id=audit_filter.staff_member_id,
    )


def _stored_word(word: str) -> str:
    """A word to search for as the trail stores it: a UK date as an ISO one."""
    match = _UK_DATE.fullmatch(word)
    if match is None:
        return word
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return word


def _views(uow: UnitOfWork, entries: Sequence[m.AuditEntry]) -> list[AuditEntryView]:
    stored = [_stored_changes(entry.changes) for entry in entries]
    names = _referred_names(uow, stored)
    unnamed = {e.staff_member_id for e in entries if not e.description and e.staff_member_id}
    people = uow.staff.names(unnamed) if unnamed else {}
    return [
        _view(entry, fields, names, people) for entry, fields in zip(entries, stored, strict=True)
    ]


def _stored_changes(changes: str) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` as the trail stores it; text that is not, as one field."""
    try:
        fields = json.loads(changes or "{}")
    except ValueError:
        return {"changes": [changes, changes]}
    return fields if isinstance(fields, dict) else {"changes": [changes, changes]}


def _referred_names(
    uow: UnitOfWork, stored: Sequence[dict[str, list[Any]]]
) -> dict[str, dict[int, str]]:
    """The names of the records the values refer to (a role by its id): by table, then id."""
    wanted: dict[str, set[int]] = {}
    for fields in stored:
        for field, values in fields.items():
            if field in REFERENCES:
                ids = {value for value in values if _is_id(value)}
                wanted.setdefault(REFERENCES[field], set()).update(ids)
    return {table: uow.audit.record_names(table, ids) for table, ids in wanted.items() if ids}


def _view(
    entry: m.AuditEntry,
    fields: dict[str, list[Any]],
    names: dict[str, dict[int, str]],
    people: dict[int, str],
) -> AuditEntryView:
    person = people.get(entry.staff_member_id or 0, "")
    number = f"number {entry.record_id}" if entry.record_id is not None else ""
    return AuditEntryView(
        id=entry.id,
        changed_at=entry.changed_at,
        user_name=entry.user_name,
        action=entry.action,
        table_name=entry.table_name,
        record_id=entry.record_id,
        staff_member_id=entry.staff_member_id,
        record=entry.description or person or number,
        changes=tuple(
            _field_change(entry.action, field, values, names) for field, values in fields.items()
        ),
    )


def _field_change(
    action: str, field: str, values: list[Any], names: dict[str, dict[int, str]]
) -> FieldChange:
    old, new = [*values, None, None][:2]
    known = names.get(REFERENCES.get(field, ""), {})
    return FieldChange(action, field_name(field), _named(old, known), _named(new, known))


def _named(value: object, known: dict[int, str]) -> object:
    """The name of the record a value refers to, if it is an id whose name is known."""
    if isinstance(value, int) and not isinstance(value, bool):
        return known.get(value, value)
    return value


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field) or field.replace("_", " ")


def shown_value(value: object) -> str:
    """A stored value as the user reads it in a table: dates dd/mm/yyyy, Yes/No."""
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return _uk_date(value) or value
    return str(value)


def quoted_value(value: object) -> str:
    """A stored value as a line of text tells it: as ``shown_value``, and text in quotes."""
    shown = shown_value(value)
    if isinstance(value, str) and value != HIDDEN and shown == value:
        return f"'{value}'"
    return shown


def _uk_date(text: str) -> str | None:
    """A date or time as the trail stores it (ISO), written the UK way; None for other text."""
    try:
        if _ISO_DATE_TIME.fullmatch(text):
            return f"{dt.datetime.fromisoformat(text):%d/%m/%Y %H:%M}"
        if _ISO_DATE.fullmatch(text):
            return f"{dt.date.fromisoformat(text):%d/%m/%Y}"
    except ValueError:  # looks like a date, is not one: text
        pass
    return None
