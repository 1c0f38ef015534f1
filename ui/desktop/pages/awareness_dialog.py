"""Recording an awareness event (a campaign, parent programme or briefing), or changing one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from training.agencies import AgencyView
from training.awareness import (
    AUDIENCES,
    EVENT_TYPES,
    AwarenessDraft,
    AwarenessView,
    save_awareness_event,
)
from training.catalogue import TopicView
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save, sentence
from ui.desktop.pages.course_dialog import choice_box
from ui.desktop.widgets import chosen_date, date_edit

MAX_HEADCOUNT = 1_000_000
NOTES_LINES = 3


class AwarenessDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        topics: Sequence[TopicView],
        agencies: Sequence[AgencyView],
        event: AwarenessView | None = None,
    ) -> None:
        super().__init__(
            parent, f"Awareness event: {event.title}" if event else "New awareness event"
        )
        self._space = space
        self._event = event
        self.title_edit = QLineEdit(event.title if event else "")
        self.title_edit.setPlaceholderText("e.g. Chelsea's Choice at Northshire Academy")
        self.event_type = choice_box(
            [(sentence(kind), kind) for kind in EVENT_TYPES], event and event.event_type
        )
        self.audience = choice_box(
            [(sentence(audience), audience) for audience in AUDIENCES],
            event and event.audience_type,
        )
        self.held_on = date_edit("Held on", event.held_on if event else None)
        self.headcount = QSpinBox()
        self.headcount.setRange(0, MAX_HEADCOUNT)
        self.headcount.setGroupSeparatorShown(True)
        self.headcount.setSuffix(" people")
        self.headcount.setValue(event.headcount if event else 0)
        self.venue = QLineEdit(event.venue if event else "")
        self.topic = choice_box(
            [("No particular topic", None), *((t.name, t.id) for t in topics)],
            event and event.topic_id,
        )
        self.agency = choice_box(
            [("The partnership (no one agency)", None), *((a.name, a.id) for a in agencies)],
            event and event.agency_id,
        )
        self.notes = QPlainTextEdit(event.notes if event else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * NOTES_LINES + 16)

        self.add_field("title", "Title:", self.title_edit)
        self.add_field("event type", "Kind:", self.event_type)
        self.add_field("audience", "Audience:", self.audience)
        self.add_field("held on", "Held on:", self.held_on)
        self.add_field("headcount", "Reach:", self.headcount)
        self.add_field("venue", "Venue:", self.venue)
        self.add_field("topic", "Topic:", self.topic)
        self.add_field("agency", "Run by:", self.agency)
        self.add_field("notes", "Notes:", self.notes)

    def draft(self) -> AwarenessDraft:
        return AwarenessDraft(
            title=self.title_edit.text(),
            event_type=self.event_type.currentData() or "",
            audience_type=self.audience.currentData() or "",
            held_on=chosen_date(self.held_on),
            headcount=self.headcount.value(),
            venue=self.venue.text(),
            topic_id=self.topic.currentData(),
            agency_id=self.agency.currentData(),
            notes=self.notes.toPlainText(),
        )

    def save_job(self) -> Save:
        draft, space, event = self.draft(), self._space, self._event
        return lambda: save_awareness_event(
            space.unit_of_work(),
            draft,
            event_id=event.id if event else None,
            version=event.version if event else None,
        )
