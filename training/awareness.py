"""Awareness events: reach without named learners (school campaigns, parent programmes, trades)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, requires
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

EVENT_TYPES = (
    "school campaign",
    "theatre production",
    "parent programme",
    "trade briefing",
    "community event",
    "conference",
)
AUDIENCES = (
    "young people",
    "parents and carers",
    "taxi and private hire",
    "hotels and hospitality",
    "licensed premises",
    "professionals",
    "community",
)


@dataclass(frozen=True)
class AwarenessDraft:
    title: str
    event_type: str
    audience_type: str
    held_on: dt.date
    headcount: int
    venue: str = ""
    topic_id: int | None = None
    agency_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AwarenessView:
    id: int
    title: str
    event_type: str
    audience_type: str
    held_on: dt.date
    headcount: int
    venue: str
    topic_id: int | None
    agency_id: int | None
    notes: str
    version: int


def _view(event: m.AwarenessEvent) -> AwarenessView:
    return AwarenessView(
        event.id,
        event.title,
        event.event_type,
        event.audience_type,
        event.held_on,
        event.headcount,
        event.venue,
        event.topic_id,
        event.agency_id,
        event.notes,
        event.version,
    )


@requires(Permission.READ_REPORTS)
def list_awareness_events(uow: UnitOfWork) -> list[AwarenessView]:
    with uow:
        return [_view(e) for e in uow.awareness_events.list()]


@requires(Permission.EDIT_PROGRAMME)
def save_awareness_event(
    uow: UnitOfWork,
    draft: AwarenessDraft,
    *,
    event_id: int | None = None,
    version: int | None = None,
) -> AwarenessView:
    problems = Problems("Awareness event")
    fields = {
        "title": problems.text("title", draft.title, max_length=200),
        "event_type": problems.one_of("event type", draft.event_type, EVENT_TYPES),
        "audience_type": problems.one_of("audience", draft.audience_type, AUDIENCES),
        "held_on": draft.held_on,
        "headcount": draft.headcount,
        "venue": problems.text("venue", draft.venue, max_length=200, required=False),
        "topic_id": draft.topic_id,
        "agency_id": draft.agency_id,
        "notes": draft.notes.strip(),
    }
    if draft.headcount < 0 or draft.headcount > 1_000_000:
        problems.add("headcount", "must be between 0 and 1,000,000 people")
    with uow, storage_failures_as_user_errors(f"Awareness event {draft.title!r}"):
        if draft.topic_id is not None and uow.topics.get(draft.topic_id) is None:
            problems.add("topic", "choose a topic from the catalogue")
        if draft.agency_id is not None and uow.agencies.get(draft.agency_id) is None:
            problems.add("agency", "choose an agency")
        problems.raise_if_any()
        if event_id is None:
            event = uow.awareness_events.add(m.AwarenessEvent(**fields))
        else:
            event = found(uow.awareness_events.get(event_id), "awareness event", event_id)
            check_version(f"Awareness event {event.title!r}", event.version, version)
            for key, value in fields.items():
                setattr(event, key, value)
            uow.flush()
        uow.commit()
        return _view(event)
