"""The audit trail: every change the ORM flushes, written in the same transaction as the change.

After each flush, one ``audit_entries`` row per added, changed or removed record: who (the unit
of work's user, ``session.info["actor"]``), when, the table and record, and each field's old
and new value as JSON. Rows written in bulk outside the ORM (an import's records, demo and
scale data) are not listed one by one: the import batch that wrote them is, and its change log
holds every record it touched.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, insert, inspect
from sqlalchemy.orm import InstanceState, Session, UOWTransaction

from storage.models import AuditEntry, Base, ImportChange, StaffMember

ACTOR = "actor"
NOT_AUDITED = (AuditEntry, ImportChange)  # the trail itself, and imports' own change log
HIDDEN = {"password_hash"}  # a change is recorded, never the value
SKIPPED = {"version"}


def record_changes(session: Session, _context: UOWTransaction) -> None:
    """``after_flush`` listener: ids are known, and the old values are still in the history."""
    actor = str(session.info.get(ACTOR, ""))
    now = dt.datetime.now().replace(microsecond=0)
    entries = [
        _entry(record, action, actor, now)
        for action, records in (
            ("add", session.new),
            ("change", session.dirty),
            ("remove", session.deleted),
        )
        for record in records
        if isinstance(record, Base) and not isinstance(record, NOT_AUDITED)
    ]
    entries = [
        entry for entry in entries if entry["changes"] != "{}" or entry["action"] != "change"
    ]
    if entries:
        session.connection().execute(insert(AuditEntry), entries)


def _entry(record: Base, action: str, actor: str, now: dt.datetime) -> dict[str, Any]:
    state = inspect(record)
    own_id = _own_id_key(state)
    changes: dict[str, list[Any]] = {}
    for column in state.mapper.column_attrs:
        key = column.key
        if key in SKIPPED or key == own_id:
            continue
        history = state.attrs[key].history
        if action == "change":
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        else:
            value = state.dict.get(key)  # as loaded: never a query for a removed row
            if value is None or value == "":
                continue  # nothing to tell
            old, new = (None, value) if action == "add" else (value, None)
        changes[key] = [_hidden(old), _hidden(new)] if key in HIDDEN else [_plain(old), _plain(new)]
    return {
        "changed_at": now,
        "user_name": actor,
        "action": action,
        "table_name": record.__tablename__,
        "record_id": state.dict.get(own_id) if own_id else None,
        "staff_member_id": _person(record, state.dict),
        "description": _describe(state.dict),
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
    }


def _own_id_key(state: InstanceState[Base]) -> str | None:
    """The attribute holding the record's number: its primary key when that is one whole number.

    Read from the record's values, not its identity: a record just added has its id by now, but
    no identity until the flush has finished.
    """
    keys = state.mapper.primary_key
    if len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return None  # a setting (a text key), or a link between two records
    return state.mapper.get_property_by_column(keys[0]).key


def _describe(values: dict[str, Any]) -> str:
    """A person's or thing's name, as the record holds it (empty when it has none)."""
    for fields in (("first_name", "last_name"), ("name",), ("title",), ("user_name",), ("key",)):
        named = [values.get(field) for field in fields]
        if all(isinstance(value, str) and value for value in named):
            return " ".join(named)  # type: ignore[arg-type]  # checked just above
    return ""


def _person(record: Base, values: dict[str, Any]) -> int | None:
    staff_id = values.get("id" if isinstance(record, StaffMember) else "staff_id")
    return staff_id if isinstance(staff_id, int) else None


def _hidden(value: Any) -> str | None:
    return None if value is None else "(hidden)"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
