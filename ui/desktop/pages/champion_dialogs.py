"""Dialogs of the champions page: appoint a champion, date their training or stand-down, and
add or change a meeting of the champions' group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from training.agencies import AgencyView
from training.catalogue import TopicView, match_topic_name
from training.champions import (
    ChampionDraft,
    ChampionView,
    MeetingDraft,
    MeetingView,
    appoint_champion,
    save_meeting,
)
from training.staff import StaffView, count_staff, page_staff
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.course_dialog import choice_box
from ui.desktop.widgets import chosen_date, date_edit, search_box

STAFF_LISTED = 50  # staff offered at a time: type to narrow the rest
SEARCH_DEBOUNCE_MS = 300
DEFAULT_THEME = "CSE"


def staff_choice_text(person: StaffView) -> str:
    details = [part for part in (person.staff_ref, person.role or person.job_title) if part]
    text = f"{person.last_name}, {person.first_name}"
    if details:
        text += f" ({', '.join(details)})"
    if person.leave_date is not None:
        text += f" – left {person.leave_date:%d/%m/%Y}"
    return text


class StaffPicker(QWidget):
    """A search box over a list of one agency's staff; the list holds at most a page of them,
    fetched off the GUI thread as the user types."""

    def __init__(self, space: Workspace) -> None:
        super().__init__()
        self._space = space
        self._agency_id = 0
        self.search = search_box("Type part of a name, email or reference", "Search the staff")
        self.search.setMinimumWidth(0)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Member of staff")
        self.choice.setMinimumContentsLength(30)
        self.note = QLabel()
        self.note.setAccessibleName("Staff found")
        self.setFocusProxy(self.choice)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.load)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self._query = LatestQuery(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.choice)
        layout.addWidget(self.note)

    @property
    def staff_id(self) -> int:
        return int(self.choice.currentData() or 0)

    def show_agency(self, agency_id: int) -> None:
        self._agency_id = agency_id
        self.load()

    def load(self) -> None:
        self._timer.stop()
        space, agency_id, search = self._space, self._agency_id, self.search.text().strip()
        self.note.setText("Looking…")

        def find() -> tuple[list[StaffView], int]:
            found = page_staff(
                space.unit_of_work(), agency_id=agency_id, search=search, limit=STAFF_LISTED
            )
            return found, count_staff(space.unit_of_work(), agency_id=agency_id, search=search)

        self._query.run(find, self._show)

    def _show(self, found: tuple[list[StaffView], int]) -> None:
        people, total = found
        chosen = self.staff_id
        self.choice.clear()
        for person in people:
            self.choice.addItem(staff_choice_text(person), person.id)
        self.choice.setCurrentIndex(max(self.choice.findData(chosen), 0))
        self.note.setText(self._found_text(len(people), total))

    def _found_text(self, shown: int, total: int) -> str:
        if total == 0:
            return (
                "Nobody found: check the agency, or type less."
                if self.search.text()
                else ("This agency has no staff on record yet.")
            )
        if shown < total:
            return f"Showing {shown} of {total:,}: type part of a name to find the rest."
        return f"{total:,} found."


class AppointChampionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        agencies: list[AgencyView],
        topics: list[TopicView],
    ) -> None:
        super().__init__(parent, "Appoint a champion")
        self._space = space
        active = [a for a in agencies if a.active]
        self.agency = choice_box([(a.name, a.id) for a in active], None)
        self.staff = StaffPicker(space)
        default = match_topic_name([t.name for t in topics], DEFAULT_THEME)
        self.theme = choice_box([(t.name, t.id) for t in topics], None)
        self.theme.setCurrentIndex(max(self.theme.findText(default or ""), 0))
        self.appointed_on = date_edit("Appointed on")
        self.add_field("agency", "Agency:", self.agency)
        self.add_field("staff member", "Staff member:", self.staff)
        self.add_field("theme", "Theme:", self.theme)
        self.add_field("appointed on", "Appointed on:", self.appointed_on)
        self.agency.currentIndexChanged.connect(lambda _index: self._agency_chosen())
        self._agency_chosen()

    def _agency_chosen(self) -> None:
        self.staff.show_agency(int(self.agency.currentData() or 0))

    def draft(self) -> ChampionDraft:
        return ChampionDraft(
            agency_id=int(self.agency.currentData() or 0),
            staff_id=self.staff.staff_id,
            topic_id=int(self.theme.currentData() or 0),
            appointed_on=chosen_date(self.appointed_on),
        )

    def save_job(self) -> Save:
        draft, space = self.draft(), self._space
        return lambda: appoint_champion(space.unit_of_work(), draft)


class ChampionDateDialog(FormDialog):
    """One date about a champion (the day they were trained, or stood down), then a save."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        champion: ChampionView,
        field: str,
        save: Callable[[dt.date], ChampionView],
    ) -> None:
        super().__init__(parent, f"{title}: {champion.staff_name}")
        self._save = save
        about = QLabel(
            f"{champion.staff_name}, {champion.agency}\n"
            f"{champion.theme} champion since {champion.appointed_on:%d/%m/%Y}"
        )
        self.day = date_edit(field.capitalize())
        self.add_field("champion", "Champion:", about)
        self.add_field(field, f"{field.capitalize()}:", self.day)

    def save_job(self) -> Save:
        day, save = chosen_date(self.day), self._save
        return lambda: save(day)


class MeetingDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, space: Workspace, meeting: MeetingView | None = None
    ) -> None:
        title = f"Meeting of {meeting.held_on:%d/%m/%Y}" if meeting else "New meeting"
        super().__init__(parent, title)
        self._space = space
        self._meeting = meeting
        self.held_on = date_edit("Held on", meeting.held_on if meeting else None)
        self.venue = QLineEdit(meeting.venue if meeting else "")
        self.notes = QPlainTextEdit(meeting.notes if meeting else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 5 + 12)
        self.add_field("held on", "Held on:", self.held_on)
        self.add_field("venue", "Venue:", self.venue)
        self.add_field("notes", "Notes:", self.notes)

    def draft(self) -> MeetingDraft:
        return MeetingDraft(chosen_date(self.held_on), self.venue.text(), self.notes.toPlainText())

    def save_job(self) -> Save:
        draft, space, meeting = self.draft(), self._space, self._meeting
        return lambda: save_meeting(
            space.unit_of_work(),
            draft,
            meeting_id=meeting.id if meeting else None,
            version=meeting.version if meeting else None,
        )
