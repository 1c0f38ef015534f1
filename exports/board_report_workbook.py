"""The board training report's figures as an xlsx workbook, a sheet per section.

"Summary" holds the key figures and what they mean; then "Sessions", "By tier", "By topic",
"By sector", "By quarter", "Evaluations", "QA", "Champions" and "Awareness". Each sheet names
its section and the period (dates as dates), then a table whose header row is frozen and
filtered; totals come after the table, below a blank row, so that sorting or filtering never
moves them. Numbers are numbers (counts with thousands separators, rates as percentages,
ratings to two places), columns are as wide as their contents, and every text goes through
``exports.cell_safety.neutralise``, so no name from outside can run as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.board_report_data import (
    DEFINITIONS,
    TITLE,
    BoardData,
    CountData,
    QualityData,
    ReachData,
    SessionData,
    champion_status,
    outcome_count,
)
from exports.cell_safety import CellValue, neutralise
from exports.return_workbook import (
    COUNT_FORMAT,
    HEADING_FILL,
    HEADING_FONT,
    NOTE_FONT,
    PERCENT_FORMAT,
    TITLE_FONT,
    TOTAL_FONT,
    UK_DATE_FORMAT,
)

RATING_FORMAT = "0.00"
SHIFT_FORMAT = "+0.00;-0.00;0.00"
TEXT, COUNT, PERCENT, RATING, SHIFT, DATE = "text", "count", "percent", "rating", "shift", "date"
FORMATS = {
    COUNT: COUNT_FORMAT,
    PERCENT: PERCENT_FORMAT,
    RATING: RATING_FORMAT,
    SHIFT: SHIFT_FORMAT,
    DATE: UK_DATE_FORMAT,
}
MIN_WIDTH, MAX_WIDTH = 8, 70
NUMBER_WIDTH = 12  # "dd/mm/yyyy" and most counts, with room
TABLE_ROW = 4  # the header row of each sheet's first table: title, period, blank row above

Row = Sequence[CellValue]


def write_board_report_workbook(path: Path, data: BoardData) -> int:
    """Write the report's figures to ``path`` (xlsx); how many sheets it has."""
    # Opened first: a file that cannot be written stops the work before any sheet is begun.
    with path.open("wb") as file:
        book = Workbook()
        book.remove(book.active)
        for write in (
            _summary,
            _sessions,
            _by_tier,
            _by_topic,
            _by_sector,
            _by_quarter,
            _evaluations,
            _quality_assurance,
            _champions,
            _awareness,
        ):
            write(book, data)
        book.save(file)
        return len(book.sheetnames)


# --- cells and tables ----------------------------------------------------------------------------


def _sheet(book: Workbook, name: str, title: str, data: BoardData) -> Worksheet:
    """A new sheet headed by its title and the period, ready for a table at ``TABLE_ROW``."""
    sheet = book.create_sheet(name)
    sheet["A1"] = neutralise(f"{TITLE}: {title}")
    sheet["A1"].font = TITLE_FONT
    _put(sheet, 2, ["Period", data.start, "to", data.end], [TEXT, DATE, TEXT, DATE])
    sheet.page_setup.orientation = "landscape"
    return sheet


def _put(
    sheet: Worksheet, row: int, values: Row, kinds: Sequence[str], *, bold: bool = False
) -> None:
    for column, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=neutralise(value))
        if kind in FORMATS:
            cell.number_format = FORMATS[kind]
        if bold:
            cell.font = TOTAL_FONT


def _table(
    sheet: Worksheet,
    first_row: int,
    headings: Sequence[str],
    kinds: Sequence[str],
    rows: Sequence[Row],
    *,
    total: Row | None = None,
    filtered: bool = True,
) -> int:
    """The table's header at ``first_row``, its rows below, and its total after a blank row;
    the first free row after it. The first table of a sheet (``filtered``) gets the frozen
    header and the filter."""
    _header(sheet, first_row, headings)
    for n, row in enumerate(rows, start=first_row + 1):
        _put(sheet, n, row, kinds)
    last = first_row + max(len(rows), 1)
    if filtered:
        _filter(sheet, first_row, len(headings), last)
    if total is not None:
        last += 2
        _put(sheet, last, total, kinds, bold=True)
    _widen(sheet, headings, kinds, [*rows, *([total] if total else [])])
    return last + 2


def _header(sheet: Worksheet, row: int, headings: Sequence[str]) -> None:
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=row, column=column, value=neutralise(heading))
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _filter(sheet: Worksheet, header_row: int, columns: int, last_row: int) -> None:
    """Freeze the header row (and the first column) and filter the table below it."""
    sheet.freeze_panes = f"B{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{last_row}"
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _shown(value: CellValue) -> str:
    """About what a spreadsheet shows for the value, to fit the column to."""
    if value is None:
        return ""
    if isinstance(value, float):  # a rate, rating or shift: "12.3%", "4.02", "+0.96"
        return "+0.00"
    if isinstance(value, dt.date):
        return "00/00/0000"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _widen(
    sheet: Worksheet, headings: Sequence[str], kinds: Sequence[str], rows: Sequence[Row]
) -> None:
    """Make each column at least as wide as this table's values and its heading's longest word
    (headings wrap), within limits; a sheet's tables share its columns."""
    for column, (heading, kind) in enumerate(zip(headings, kinds, strict=True), start=1):
        texts = [_shown(row[column - 1]) for row in rows]
        wanted = max((len(text) for text in [*heading.split(), *texts]), default=0) + 2
        if kind != TEXT:
            wanted = max(wanted, NUMBER_WIDTH)
        letter = get_column_letter(column)
        current = sheet.column_dimensions[letter].width if letter in sheet.column_dimensions else 0
        sheet.column_dimensions[letter].width = min(max(wanted, MIN_WIDTH, current or 0), MAX_WIDTH)


def _notes(sheet: Worksheet, first_row: int, lines: Sequence[str]) -> None:
    for n, line in enumerate(lines, start=first_row):
        cell = sheet.cell(row=n, column=1, value=neutralise(line))
        cell.font = NOTE_FONT


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _fraction(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


# --- the sheets ----------------------------------------------------------------------------------


def _summary(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "Summary", "summary", data)
    sessions, feedback = data.sessions_total, data.quality_total.feedback
    figures: list[tuple[str, CellValue, str]] = [
        ("Sessions delivered", sessions.delivered, COUNT),
        ("Sessions cancelled", sessions.cancelled, COUNT),
        ("Places offered", sessions.places_offered, COUNT),
        ("Places filled", sessions.places_filled, COUNT),
        ("Places filled (%)", _fraction(sessions.fill_percent), PERCENT),
        ("Did not attend", sessions.did_not_attend, COUNT),
        ("Did-not-attend rate", _fraction(sessions.did_not_attend_percent), PERCENT),
        ("Attendances (sessions and e-learning)", data.attendances.total, COUNT),
        ("Evaluation responses", feedback.responses, COUNT),
        ("Average overall rating (out of 5)", feedback.overall, RATING),
        ("Average confidence before (out of 5)", feedback.before, RATING),
        ("Average confidence after (out of 5)", feedback.after, RATING),
        ("Confidence shift", feedback.shift, SHIFT),
        ("QA observations", data.quality_total.observations.total, COUNT),
        ("Courses not assured in the 12 months to the end", len(data.not_assured), COUNT),
        (f"Active agencies on {data.end:%d/%m/%Y}", data.champions.agencies, COUNT),
        ("Agencies without a trained champion", len(data.without_trained_champion), COUNT),
        ("Awareness events", data.awareness_total.events, COUNT),
        ("People reached by awareness events", data.awareness_total.people, COUNT),
    ]
    headings = ("Figure", "Value")
    _header(sheet, TABLE_ROW, headings)
    for n, (what, value, kind) in enumerate(figures, start=TABLE_ROW + 1):
        _put(sheet, n, [what, value], [TEXT, kind])
    last = TABLE_ROW + len(figures)
    _filter(sheet, TABLE_ROW, len(headings), last)
    _widen(sheet, headings, [TEXT, COUNT], [(what, value) for what, value, _kind in figures])
    about = [["Partnership", data.partnership]] if data.partnership else []
    for n, row in enumerate(about, start=last + 2):
        _put(sheet, n, row, [TEXT, TEXT])
    _notes(sheet, last + 2 + len(about) + (1 if about else 0), DEFINITIONS)


def _session_row(figures: SessionData) -> Row:
    return [
        figures.name,
        figures.delivered,
        figures.cancelled,
        figures.places_offered,
        figures.places_filled,
        _fraction(figures.fill_percent),
        figures.did_not_attend,
        _fraction(figures.did_not_attend_percent),
    ]


def _sessions(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "Sessions", "sessions and places", data)
    headings = (
        "Tier",
        "Sessions delivered",
        "Sessions cancelled",
        "Places offered",
        "Places filled",
        "Places filled (%)",
        "Did not attend",
        "Did-not-attend rate",
    )
    kinds = (TEXT, COUNT, COUNT, COUNT, COUNT, PERCENT, COUNT, PERCENT)
    rows = [_session_row(figures) for figures in data.sessions_by_tier]
    _table(sheet, TABLE_ROW, headings, kinds, rows, total=_session_row(data.sessions_total))


def _counts(
    book: Workbook, data: BoardData, name: str, what: str, counts: Sequence[CountData]
) -> None:
    sheet = _sheet(book, name, f"attendances by {what.lower()}", data)
    total = data.attendances.total
    rows = [[c.name, c.count, _share(c.count, total)] for c in counts]
    _table(
        sheet,
        TABLE_ROW,
        (what, "Attendances", "Share"),
        (TEXT, COUNT, PERCENT),
        rows,
        total=["All", total, _share(total, total)],
    )


def _by_tier(book: Workbook, data: BoardData) -> None:
    _counts(book, data, "By tier", "Tier", data.attendances.by_tier)


def _by_topic(book: Workbook, data: BoardData) -> None:
    _counts(book, data, "By topic", "Topic", data.attendances.by_topic)


def _by_sector(book: Workbook, data: BoardData) -> None:
    _counts(book, data, "By sector", "Sector", data.attendances.by_sector)


def _by_quarter(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "By quarter", "attendances by quarter and tier", data)
    quarters = data.attendances.by_quarter
    headings = ("Quarter", "From", "To", *data.tiers, "All tiers")
    kinds = (TEXT, DATE, DATE, *(COUNT for _ in data.tiers), COUNT)
    rows: list[Row] = [[q.label, q.first_day, q.last_day, *q.by_tier, q.total] for q in quarters]
    by_tier = [sum(q.by_tier[n] for q in quarters) for n in range(len(data.tiers))]
    total: Row = ["Whole period", data.start, data.end, *by_tier, sum(by_tier)]
    _table(sheet, TABLE_ROW, headings, kinds, rows, total=total)


def _feedback_row(group: QualityData) -> Row:
    f = group.feedback
    return [
        group.name,
        f.responses,
        f.anonymous,
        f.sessions,
        f.overall,
        f.content,
        f.trainer,
        f.paired,
        f.before,
        f.after,
        f.shift,
        f.shift_sd,
    ]


def _evaluations(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "Evaluations", "evaluations", data)
    headings = (
        "Tier",
        "Responses",
        "Anonymous",
        "Sessions",
        "Overall rating",
        "Content rating",
        "Trainer rating",
        "Responses giving confidence before and after",
        "Confidence before",
        "Confidence after",
        "Confidence shift",
        "Spread of shift (standard deviation)",
    )
    kinds = (TEXT, COUNT, COUNT, COUNT, *(RATING,) * 3, COUNT, RATING, RATING, SHIFT, RATING)
    rows = [_feedback_row(group) for group in data.quality_by_tier]
    after = _table(sheet, TABLE_ROW, headings, kinds, rows, total=_feedback_row(data.quality_total))
    _notes(sheet, after, ["Ratings and confidence are averages out of 5."])


def _quality_assurance(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "QA", "quality assurance", data)
    headings = ("Tier", *(o.capitalize() for o in data.outcomes), "Observations")
    kinds = (TEXT, *(COUNT for _ in data.outcomes), COUNT)

    def row(group: QualityData) -> Row:
        seen = group.observations
        return [group.name, *(outcome_count(seen, o) for o in data.outcomes), seen.total]

    rows = [row(group) for group in data.quality_by_tier]
    after = _table(sheet, TABLE_ROW, headings, kinds, rows, total=row(data.quality_total))
    title = sheet.cell(row=after, column=1, value=neutralise(_unassured_title(data)))
    title.font = HEADING_FONT
    courses = [
        [u.course.code, u.course.title, u.course.tier, u.assured_on] for u in data.not_assured
    ]
    _table(
        sheet,
        after + 1,
        ("Course code", "Course", "Tier", "Last assured"),
        (TEXT, TEXT, TEXT, DATE),
        courses,
        filtered=False,
    )


def _unassured_title(data: BoardData) -> str:
    count = len(data.not_assured)
    return (
        f"Courses on offer not assured in the 12 months to {data.end:%d/%m/%Y}: {count:,} "
        "(no last assured date: never assured)"
    )


def _champions(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "Champions", "champion coverage", data)
    champions = data.champions
    missing = set(data.without_trained_champion)
    everyone = sorted((*champions.trained, *missing), key=str.casefold)
    rows = [
        [agency, "no" if agency in missing else "yes", _status(data, agency, missing)]
        for agency in everyone
    ]
    after = _table(
        sheet,
        TABLE_ROW,
        ("Agency", f"Trained champion in post on {champions.on:%d/%m/%Y}", "Champion coverage"),
        (TEXT, TEXT, TEXT),
        rows,
    )
    _put(
        sheet,
        after,
        ["Agencies without a trained champion", len(missing)],
        [TEXT, COUNT],
        bold=True,
    )
    _put(sheet, after + 1, ["Active agencies", champions.agencies], [TEXT, COUNT], bold=True)


def _status(data: BoardData, agency: str, missing: set[str]) -> str:
    return champion_status(data, agency) if agency in missing else "trained champion in post"


def _reach_rows(reach: Sequence[ReachData]) -> list[Row]:
    return [[r.name.capitalize(), r.events, r.people] for r in reach]


def _awareness(book: Workbook, data: BoardData) -> None:
    sheet = _sheet(book, "Awareness", "awareness reach", data)
    total = data.awareness_total
    kinds = (TEXT, COUNT, COUNT)
    after = _table(
        sheet,
        TABLE_ROW,
        ("Audience", "Events", "People reached"),
        kinds,
        _reach_rows(data.awareness_by_audience),
        total=["All audiences", total.events, total.people],
    )
    _table(
        sheet,
        after,
        ("Type of event", "Events", "People reached"),
        kinds,
        _reach_rows(data.awareness_by_type),
        total=["All types", total.events, total.people],
        filtered=False,
    )
