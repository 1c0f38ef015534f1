"""Adding a course to the catalogue, or changing one."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from training.catalogue import (
    DELIVERY_MODES,
    CourseDraft,
    CourseView,
    TierView,
    TopicView,
    save_course,
)
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save

NO_EXPIRY = 0  # the validity spin box's lowest value, shown as "No expiry"


def choice_box(items: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    return box


class CourseDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        topics: list[TopicView],
        tiers: list[TierView],
        course: CourseView | None = None,
    ) -> None:
        super().__init__(parent, f"Course {course.code}" if course else "New course")
        self._space = space
        self._course = course
        self.code = QLineEdit(course.code if course else "")
        self.title_edit = QLineEdit(course.title if course else "")
        self.topic = choice_box([(t.name, t.id) for t in topics], course and course.topic_id)
        ranked = sorted(tiers, key=lambda t: t.rank)
        self.tier = choice_box([(t.name, t.id) for t in ranked], course and course.tier_id)
        self.delivery = choice_box(
            [(mode, mode) for mode in DELIVERY_MODES], course and course.delivery_mode
        )
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, 1000)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" hours")
        self.hours.setValue(float(course.duration_hours) if course else 3)
        self.validity = QSpinBox()
        self.validity.setRange(NO_EXPIRY, 240)
        self.validity.setSuffix(" months")
        self.validity.setSpecialValueText("No expiry")
        self.validity.setValue((course.validity_months or NO_EXPIRY) if course else 36)
        self.provider = QLineEdit(course.provider if course else "")
        self.active = QCheckBox("Offered (untick to withdraw the course)")
        self.active.setChecked(course.active if course else True)

        self.add_field("code", "Code:", self.code)
        self.add_field("title", "Title:", self.title_edit)
        self.add_field("topic", "Topic:", self.topic)
        self.add_field("tier", "Tier:", self.tier)
        self.add_field("delivery mode", "Delivery:", self.delivery)
        self.add_field("duration (hours)", "Duration:", self.hours)
        self.add_field("validity (months)", "Valid for:", self.validity)
        self.add_field("provider", "Provider:", self.provider)
        self.add_field("active", "Status:", self.active)

    def draft(self) -> CourseDraft:
        return CourseDraft(
            code=self.code.text(),
            title=self.title_edit.text(),
            topic_id=self.topic.currentData() or 0,
            tier_id=self.tier.currentData() or 0,
            delivery_mode=self.delivery.currentData() or "",
            duration_hours=Decimal(str(self.hours.value())),
            validity_months=self.validity.value() or None,
            provider=self.provider.text(),
            active=self.active.isChecked(),
        )

    def save_job(self) -> Save:
        draft, space, course = self.draft(), self._space, self._course
        return lambda: save_course(
            space.unit_of_work(),
            draft,
            course_id=course.id if course else None,
            version=course.version if course else None,
        )
