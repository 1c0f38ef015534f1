"""Small building blocks the pages share, so every page looks and behaves alike."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDateTimeEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

MAX_FITTED_COLUMN_WIDTH = 280  # pixels: longer text is elided, and shown whole in a tooltip
FITTED_ROWS = 100  # columns fit the text of this many rows, not of every row loaded


def heading(title: str, subtitle: str) -> QWidget:
    """A page's title in large type, with one line saying what the page is for."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(2)
    title_label = QLabel(title)
    font = QFont(title_label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    title_label.setFont(font)
    title_label.setAccessibleName(f"{title} page")
    note = QLabel(subtitle)
    note.setWordWrap(True)
    note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout.addWidget(title_label)
    layout.addWidget(note)
    return box


def search_box(placeholder: str, accessible_name: str) -> QLineEdit:
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(accessible_name)
    box.setMinimumWidth(280)
    return box


def table_view(
    model: QAbstractItemModel,
    accessible_name: str,
    *,
    sortable: bool,
    stretch_column: int | None = None,
) -> QTableView:
    """A read-only table of whole-row selection.

    ``stretch_column`` takes the width the others leave (and they never scroll sideways);
    without it, the last column is stretched and a wide table scrolls sideways.
    """
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FITTED_ROWS)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch_column is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSortingEnabled(sortable)
    fit_columns(view)  # to the headers, until there are rows
    return view


def fit_columns(view: QTableView, max_width: int = MAX_FITTED_COLUMN_WIDTH) -> None:
    """Size the columns to the rows loaded so far, none wider than ``max_width`` pixels."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)


UK_DATE = "dd/MM/yyyy"
UK_DATE_TIME = "dd/MM/yyyy HH:mm"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def chosen_date(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def chosen_date_time(edit: QDateTimeEdit) -> dt.datetime:
    day, time = edit.date(), edit.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def date_edit(accessible_name: str, day: dt.date | None = None) -> QDateEdit:
    """A date field in UK order (dd/mm/yyyy) with a calendar to pick from."""
    edit = QDateEdit(qdate(day) if day else QDate.currentDate())
    edit.setDisplayFormat(UK_DATE)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def date_time_edit(accessible_name: str, when: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(qdate(when.date()), QTime(when.hour, when.minute)))
    edit.setDisplayFormat(UK_DATE_TIME)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit
