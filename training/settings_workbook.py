"""The coordinator's settings workbook: export the partnership's set-up, and import it back.

The partnership's name, logo and signatory, then sectors, agencies, tiers, topics, roles, courses
and the training-needs matrix, in the workbook that ``exports.settings_workbook`` lays out. Import
matches records by natural key (names, and course codes, ignoring capitals), adds or updates them
in one transaction and deletes nothing but requirements whose matrix cell was cleared; it sets the
partnership's settings that the Partnership sheet has a row for, checked as the desktop checks
them (the logo must be a picture on this computer). If anything in the workbook is wrong, it is
refused as a whole: one ``WorkbookError`` lists every problem with its sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from exports.settings_workbook import (
    AGENCIES,
    COURSES,
    LAYOUTS,
    PARTNERSHIP,
    PARTNERSHIP_SETTINGS,
    REQUIREMENTS,
    ROLES,
    SECTORS,
    TIERS,
    TOPICS,
    SettingsSnapshot,
    SheetLayout,
    write_settings_workbook,
)
from storage import models as m
from storage.repositories import Repository
from training.access import Permission, requires
from training.agencies import list_agencies, list_sectors
from training.catalogue import (
    DELIVERY_MODES,
    QA_STATUSES,
    list_courses,
    list_tiers,
    list_topics,
)
from training.certificates import (
    CertificateSettings,
    certificate_settings,
    checked_certificate_settings,
    put_certificate_settings,
    stored_certificate_settings,
)
from training.errors import UserError, ValidationError
from training.requirements import list_requirements
from training.staff import list_roles
from training.transactions import UnitOfWork, storage_failures_as_user_errors
from training.workbook_reading import (
    XLSX,
    ProblemLog,
    RawSheet,
    SheetRow,
    cell_at,
    cell_text,
    clean,
    folded,
    heading_columns,
    read_sheets,
    table_rows,
)

LISTED_NAMES = 12  # names a message lists before "..."


# --- export --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingsCounts:
    """How many of each subject an exported workbook holds."""

    sectors: int
    agencies: int
    tiers: int
    topics: int
    roles: int
    courses: int
    requirements: int

    def __str__(self) -> str:
        singular = {"agencies": "agency"}
        parts = []
        for item in fields(self):
            count = getattr(self, item.name)
            name = item.name if count != 1 else singular.get(item.name, item.name[:-1])
            parts.append(f"{count} {name}")
        return ", ".join(parts)


@requires(Permission.EDIT_PROGRAMME)
def export_settings(uow: UnitOfWork, path: Path | str) -> SettingsCounts:
    """Write the partnership's settings to the workbook ``path`` (an .xlsx file)."""
    path = Path(path)
    if path.suffix.lower() != XLSX:
        raise UserError(
            f"{path.name}: the settings workbook is an Excel workbook; "
            f"give the file a name ending in {XLSX}"
        )
    snapshot = SettingsSnapshot(
        partnership=certificate_settings(uow),
        sectors=list_sectors(uow),
        agencies=list_agencies(uow),
        tiers=list_tiers(uow),
        topics=list_topics(uow),
        roles=list_roles(uow),
        courses=list_courses(uow),
        requirements=list_requirements(uow),
        delivery_modes=DELIVERY_MODES,
        qa_statuses=QA_STATUSES,
    )
    try:
        write_settings_workbook(path, snapshot)
    except OSError as exc:
        raise UserError(
            f"{path} cannot be written ({exc.strerror or exc}): close it if it is open in "
            "Excel, or choose another folder"
        ) from exc
    return SettingsCounts(
        sectors=len(snapshot.sectors),
        agencies=len(snapshot.agencies),
        tiers=len(snapshot.tiers),
        topics=len(snapshot.topics),
        roles=len(snapshot.roles),
        courses=len(snapshot.courses),
        requirements=len(snapshot.requirements),
    )


# --- the import's report -------------------------------------------------------------------


@dataclass
class SheetChanges:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # requirements only: matrix cells cleared

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def __str__(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        return f"{text}, {self.removed} removed" if self.removed else text


class SettingsImportReport:
    """What an import changed, sheet by sheet; ``str()`` is the report to show.

    A plain class, not a dataclass, so that printers that expand dataclasses into their fields
    (rich's console does) print the report's text.
    """

    def __init__(
        self,
        file: str,
        *,
        dry_run: bool,
        sheets: dict[str, SheetChanges],
        missing: tuple[str, ...],
    ) -> None:
        self.file = file
        self.dry_run = dry_run
        self.sheets = sheets  # sheet name -> what importing it changed, in sheet order
        self.missing = missing  # sheets the workbook does not have: left as they were

    @property
    def changed(self) -> bool:
        return any(changes.changed for changes in self.sheets.values())

    def __str__(self) -> str:
        if self.dry_run:
            head = f"{self.file} is correct. Dry run: nothing was saved; importing it would give"
        else:
            head = f"{self.file} imported"
        lines = [f"{head}:"]
        lines += [f"  {sheet}: {changes}" for sheet, changes in self.sheets.items()]
        lines += [f"  {sheet}: not in the workbook, left as it was" for sheet in self.missing]
        if not self.changed:
            lines.append("The settings already matched the workbook: nothing needed changing.")
        return "\n".join(lines)


# --- reading the workbook ------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One good row of a subject's sheet: its key, the fields it sets, the names it refers to."""

    row: int
    key: str
    values: dict[str, object]  # model attribute -> value, for the columns the sheet has
    refs: dict[str, str] = field(default_factory=dict)  # e.g. "tier_id" -> the tier's name


@dataclass(frozen=True)
class Need:
    """One cell of the requirements matrix: the tier a role needs for a topic, None if blank."""

    row: int
    role: str
    topic: str  # the column's heading
    tier: str | None


@dataclass(frozen=True)
class Matrix:
    heading_row: int
    topics: list[str]
    roles: list[tuple[int, str]]  # (row, role's name)
    needs: list[Need]


@dataclass(frozen=True)
class Given:
    """A value the Partnership sheet gives one of the partnership's settings, and its row."""

    row: int
    value: str


@dataclass(frozen=True)
class SettingsRows:
    """What the workbook says: the good rows of each sheet it has (None: sheet missing)."""

    partnership: dict[str, str] | None  # CertificateSettings attribute -> its checked value
    entries: dict[str, list[Entry] | None]
    matrix: Matrix | None


def _given(row: SheetRow, values: dict[str, tuple[str, object]]) -> dict[str, object]:
    """attribute -> value, for the columns (attribute -> (heading, value)) the sheet has."""
    return {name: value for name, (heading, value) in values.items() if row.has(heading)}


def _sector(row: SheetRow) -> Entry:
    name = row.text("Name", max_length=120, required=True)
    order = row.whole("Sort order") or 0
    return Entry(
        row.number, name, _given(row, {"name": ("Name", name), "sort_order": ("Sort order", order)})
    )


def _agency(row: SheetRow) -> Entry:
    name = row.text("Name", max_length=200, required=True)
    values = _given(
        row,
        {
            "name": ("Name", name),
            "lead_name": ("Lead name", row.text("Lead name", max_length=200)),
            "lead_email": ("Lead email", row.problems.email("Lead email", row.note("Lead email"))),
            "active": ("Active", row.yes_no("Active", blank=True)),
        },
    )
    sector = row.text("Sector", max_length=120, required=True)
    return Entry(row.number, name, values, {"sector_id": sector})


def _tier(row: SheetRow) -> Entry:
    name = row.text("Name", max_length=80, required=True)
    rank = row.whole("Rank")
    row.problems.positive_int("Rank", rank)
    values = {"name": name, "rank": rank}
    return Entry(
        row.number,
        name,
        values | _given(row, {"description": ("Description", row.note("Description"))}),
    )


def _topic(row: SheetRow) -> Entry:
    name = row.text("Name", max_length=160, required=True)
    description = row.note("Description")
    return Entry(
        row.number,
        name,
        _given(row, {"name": ("Name", name), "description": ("Description", description)}),
    )


def _role(row: SheetRow) -> Entry:
    name = row.text("Name", max_length=160, required=True)
    group = row.text("Group", max_length=160)
    return Entry(
        row.number, name, _given(row, {"name": ("Name", name), "role_group": ("Group", group)})
    )


def _course(row: SheetRow) -> Entry:
    code = row.text("Code", max_length=40, required=True).upper()
    mode = row.text("Delivery mode", max_length=40, required=True).casefold()
    if mode:
        row.problems.one_of("Delivery mode", mode, DELIVERY_MODES)
    validity = row.whole("Validity (months)")
    row.problems.positive_int("Validity (months)", validity, allow_none=True)
    qa_status = row.text("QA status", max_length=40).casefold() or QA_STATUSES[0]
    row.problems.one_of("QA status", qa_status, QA_STATUSES)
    values = _given(
        row,
        {
            "code": ("Code", code),
            "title": ("Title", row.text("Title", max_length=200, required=True)),
            "delivery_mode": ("Delivery mode", mode),
            "duration_hours": ("Duration (hours)", row.hours("Duration (hours)")),
            "validity_months": ("Validity (months)", validity),
            "provider": ("Provider", row.text("Provider", max_length=200)),
            "qa_status": ("QA status", qa_status),
            "last_assured_on": ("Last assured", row.date("Last assured")),
            "active": ("Active", row.yes_no("Active", blank=True)),
        },
    )
    refs = {
        "topic_id": row.text("Topic", max_length=160, required=True),
        "tier_id": row.text("Tier", max_length=80, required=True),
    }
    return Entry(row.number, code, values, refs)


def _entries(
    raw: RawSheet | None,
    layout: SheetLayout,
    read: Callable[[SheetRow], Entry],
    log: ProblemLog,
) -> list[Entry] | None:
    """The good rows of one subject's sheet; each problem (a duplicate key too) goes to ``log``."""
    if raw is None:
        return None
    key_heading = layout.columns[0].heading
    entries: list[Entry] = []
    first_rows: dict[str, int] = {}
    for row in table_rows(raw, layout.headings, layout.required, log):
        entry = read(row)
        key = folded(entry.key)
        if key in first_rows:
            row.problems.add(
                key_heading,
                f"{entry.key!r} is also on row {first_rows[key]}: "
                f"keep one row per {key_heading.lower()}",
            )
        first_rows.setdefault(key, row.number)
        log.take(row)
        if not row.problems.found:
            entries.append(entry)
    return entries


def _matrix(raw: RawSheet | None, log: ProblemLog) -> Matrix | None:
    """The requirements matrix: a Role column, then one column per topic."""
    if raw is None:
        return None
    if not raw.rows:
        return Matrix(0, [], [], [])
    heading_row, headings = raw.rows[0]
    role_column = next(
        (i for i, heading in enumerate(headings) if folded(cell_text(heading)) == "role"), None
    )
    if role_column is None:
        log.add(
            raw.name,
            heading_row,
            "Role",
            f"is missing: add a column headed 'Role' to row {heading_row}, for the roles' names",
        )
        return None
    others = [None if i == role_column else heading for i, heading in enumerate(headings)]
    columns = heading_columns(raw.name, heading_row, others, log)  # a topic may be "Role" too
    topics = {clean(cell_text(headings[index])): index for index in columns.values()}
    matrix = Matrix(heading_row, list(topics), [], [])
    first_rows: dict[str, int] = {}
    for number, cells in raw.rows[1:]:
        role = clean(cell_text(cell_at(cells, role_column)))
        if not role:
            log.add(raw.name, number, "Role", "is required: write the role's name")
            continue
        if folded(role) in first_rows:
            message = f"{role!r} is also on row {first_rows[folded(role)]}: keep one row per role"
            log.add(raw.name, number, "Role", message)
            continue
        first_rows[folded(role)] = number
        matrix.roles.append((number, role))
        for topic, index in topics.items():
            tier = clean(cell_text(cell_at(cells, index))) or None
            matrix.needs.append(Need(number, role, topic, tier))
    return matrix


def _partnership(raw: RawSheet | None, log: ProblemLog) -> dict[str, str] | None:
    """The settings the Partnership sheet has a row for (an unknown or repeated one is a
    problem), with their values checked as the desktop's form checks them."""
    if raw is None:
        return None
    settings = {folded(setting.name): setting for setting in PARTNERSHIP_SETTINGS}
    given: dict[str, Given] = {}
    first_rows: dict[str, int] = {}
    for row in table_rows(raw, PARTNERSHIP.headings, PARTNERSHIP.required, log):
        name = row.text("Setting", max_length=80, required=True)
        setting = settings.get(folded(name))
        if name and setting is None:
            known = ", ".join(repr(s.name) for s in PARTNERSHIP_SETTINGS)
            row.problems.add("Setting", f"{name!r} is not a setting: use one of {known}")
        elif setting is not None and folded(name) in first_rows:
            row.problems.add(
                "Setting", f"{name!r} is also on row {first_rows[folded(name)]}: keep one of them"
            )
        elif setting is not None:
            first_rows[folded(name)] = row.number
            if row.has("Value"):  # a sheet without the column changes nothing
                given[setting.attribute] = Given(row.number, row.note("Value"))
        log.take(row)
    return _checked_partnership(given, log)


def _checked_partnership(given: dict[str, Given], log: ProblemLog) -> dict[str, str]:
    """The values tidied as the service tidies them; each problem logged at its Value cell."""
    blank = CertificateSettings(partnership="", logo_path="", signatory="", signatory_title="")
    draft = replace(blank, **{attribute: g.value for attribute, g in given.items()})
    try:
        checked = checked_certificate_settings(draft)
    except ValidationError as refused:
        for attribute, message in refused.problems.items():
            log.add(PARTNERSHIP.name, given[attribute].row, "Value", message)
        return {}
    return {attribute: getattr(checked, attribute) for attribute in given}


def _read_workbook(path: Path, log: ProblemLog) -> SettingsRows:
    sheets = read_sheets(path, [layout.name for layout in LAYOUTS])
    readers: dict[str, Callable[[SheetRow], Entry]] = {
        SECTORS.name: _sector,
        AGENCIES.name: _agency,
        TIERS.name: _tier,
        TOPICS.name: _topic,
        ROLES.name: _role,
        COURSES.name: _course,
    }
    layouts = {layout.name: layout for layout in LAYOUTS}
    entries = {
        name: _entries(sheets.get(name), layouts[name], read, log) for name, read in readers.items()
    }
    return SettingsRows(
        _partnership(sheets.get(PARTNERSHIP.name), log),
        entries,
        _matrix(sheets.get(REQUIREMENTS.name), log),
    )


# --- checking it against the database ------------------------------------------------------


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=m.Base)


def _by_key(records: Iterable[R], key: Callable[[R], str]) -> dict[str, R]:
    return {folded(key(record)): record for record in records}


@dataclass(frozen=True)
class Stored:
    """The stored records of each subject by folded natural key; the import adds to them."""

    sectors: dict[str, m.Sector]
    agencies: dict[str, m.Agency]
    tiers: dict[str, m.Tier]
    topics: dict[str, m.Topic]
    roles: dict[str, m.Role]
    courses: dict[str, m.Course]

    @classmethod
    def load(cls, uow: UnitOfWork) -> Stored:
        return cls(
            sectors=_by_key(uow.sectors.list(), lambda r: r.name),
            agencies=_by_key(uow.agencies.list(), lambda r: r.name),
            tiers=_by_key(uow.tiers.list(), lambda r: r.name),
            topics=_by_key(uow.topics.list(), lambda r: r.name),
            roles=_by_key(uow.roles.list(), lambda r: r.name),
            courses=_by_key(uow.courses.list(), lambda r: r.code),
        )


class Known:
    """The names of one subject once the workbook is in: the stored ones and the workbook's."""

    def __init__(self, what: str, sheet: str, names: Iterable[str]) -> None:
        self.what = what
        self.sheet = sheet
        self.names = {folded(name): name for name in names}

    def __contains__(self, name: str) -> bool:
        return folded(name) in self.names

    def unknown(self, name: str) -> str:
        listed = list(self.names.values())
        shown = ", ".join(listed[:LISTED_NAMES]) + (", ..." if len(listed) > LISTED_NAMES else "")
        return (
            f"{name!r} is not a {self.what} ({self.what}s: {shown or 'none yet'}): "
            f"use one of those, or add it to the {self.sheet} sheet"
        )


def _known(
    what: str, layout: SheetLayout, stored: Iterable[str], entries: list[Entry] | None
) -> Known:
    return Known(what, layout.name, [*stored, *(entry.key for entry in entries or [])])


def _tier_order(
    stored: Mapping[str, m.Tier], entries: list[Entry] | None, log: ProblemLog
) -> list[str]:
    """The tiers' names in rank order once imported; a rank two tiers would share is a problem."""
    final = {key: (tier.rank, tier.name, 0) for key, tier in stored.items()}
    for entry in entries or []:
        final[folded(entry.key)] = (cast(int, entry.values["rank"]), entry.key, entry.row)
    for rank, name, row in final.values():
        others = [other for r, other, _ in final.values() if r == rank and other != name]
        if row and others:
            log.add(
                TIERS.name,
                row,
                "Rank",
                f"{rank} is also the rank of {', '.join(map(repr, others))}: "
                "give every tier a rank of its own",
            )
    return [name for _, name, _ in sorted(final.values())]


def _check_refs(
    log: ProblemLog,
    layout: SheetLayout,
    entries: list[Entry] | None,
    checks: Mapping[str, tuple[str, Known]],
) -> None:
    """Each name an entry refers to (attribute -> (heading, known names)) must be known."""
    for entry in entries or []:
        for attribute, (heading, known) in checks.items():
            name = entry.refs[attribute]
            if name not in known:
                log.add(layout.name, entry.row, heading, known.unknown(name))


def _check_matrix(
    log: ProblemLog, matrix: Matrix, roles: Known, topics: Known, tiers: Known
) -> None:
    for topic in matrix.topics:
        if topic not in topics:
            log.add(REQUIREMENTS.name, matrix.heading_row, topic, topics.unknown(topic))
    for row, role in matrix.roles:
        if role not in roles:
            log.add(REQUIREMENTS.name, row, "Role", roles.unknown(role))
    for need in matrix.needs:
        if need.tier is not None and need.tier not in tiers:
            log.add(REQUIREMENTS.name, need.row, need.topic, tiers.unknown(need.tier))


def _check(rows: SettingsRows, stored: Stored, log: ProblemLog) -> None:
    """Problems that only the database and the other sheets can show."""
    entries = rows.entries
    tier_order = _tier_order(stored.tiers, entries[TIERS.name], log)
    sectors = _known(
        "sector", SECTORS, (s.name for s in stored.sectors.values()), entries[SECTORS.name]
    )
    tiers = Known("tier", TIERS.name, tier_order)
    topics = _known("topic", TOPICS, (t.name for t in stored.topics.values()), entries[TOPICS.name])
    roles = _known("role", ROLES, (r.name for r in stored.roles.values()), entries[ROLES.name])
    _check_refs(log, AGENCIES, entries[AGENCIES.name], {"sector_id": ("Sector", sectors)})
    _check_refs(
        log,
        COURSES,
        entries[COURSES.name],
        {"topic_id": ("Topic", topics), "tier_id": ("Tier", tiers)},
    )
    if rows.matrix is not None:
        _check_matrix(log, rows.matrix, roles, topics, tiers)


# --- applying it ---------------------------------------------------------------------------


def _apply_partnership(uow: UnitOfWork, values: dict[str, str]) -> SheetChanges:
    stored = stored_certificate_settings(uow)
    put_certificate_settings(uow, replace(stored, **values))
    differing = sum(getattr(stored, attribute) != value for attribute, value in values.items())
    return SheetChanges(updated=differing, unchanged=len(values) - differing)


def _upsert(
    uow: UnitOfWork,
    repository: Repository[R],
    records: dict[str, R],
    entries: list[Entry],
    targets: Mapping[str, Mapping[str, _Identified]],
) -> SheetChanges:
    """Add the entries not stored yet, update those that differ; ``records`` gains the new ones."""
    changes = SheetChanges()
    for entry in entries:
        values = entry.values | {
            attribute: targets[attribute][folded(name)].id for attribute, name in entry.refs.items()
        }
        record = records.get(folded(entry.key))
        if record is None:
            records[folded(entry.key)] = repository.add(repository.model(**values))
            changes.added += 1
            continue
        differing = {
            name: value for name, value in values.items() if getattr(record, name) != value
        }
        for name, value in differing.items():
            setattr(record, name, value)
        if differing:
            changes.updated += 1
        else:
            changes.unchanged += 1
    uow.flush()
    return changes


def _free_ranks(uow: UnitOfWork, tiers: Mapping[str, m.Tier], entries: list[Entry]) -> None:
    """Move the tiers whose rank changes out of the way first, so that tiers can swap ranks."""
    for entry in entries:
        tier = tiers.get(folded(entry.key))
        if tier is not None and tier.rank != entry.values["rank"]:
            tier.rank = -tier.id  # ranks are above zero: no stored tier has this one
    uow.flush()


def _apply_matrix(uow: UnitOfWork, matrix: Matrix, stored: Stored) -> SheetChanges:
    changes = SheetChanges()
    current = {(r.role_id, r.topic_id): r for r in uow.requirements.list()}
    for need in matrix.needs:
        role = stored.roles[folded(need.role)]
        topic = stored.topics[folded(need.topic)]
        requirement = current.get((role.id, topic.id))
        if need.tier is None:
            if requirement is not None:
                uow.requirements.delete(requirement)
                changes.removed += 1
            continue
        tier = stored.tiers[folded(need.tier)]
        if requirement is None:
            uow.requirements.add(
                m.RoleRequirement(role_id=role.id, topic_id=topic.id, tier_id=tier.id)
            )
            changes.added += 1
        elif requirement.tier_id != tier.id:
            requirement.tier_id = tier.id
            changes.updated += 1
        else:
            changes.unchanged += 1
    uow.flush()
    return changes


def _apply(uow: UnitOfWork, rows: SettingsRows, stored: Stored) -> dict[str, SheetChanges]:
    """Import the sheets the workbook has, each after the sheets it refers to."""
    targets: dict[str, Mapping[str, _Identified]] = {
        "sector_id": stored.sectors,
        "topic_id": stored.topics,
        "tier_id": stored.tiers,
    }
    subjects: list[tuple[SheetLayout, Repository[Any], dict[str, Any]]] = [
        (SECTORS, uow.sectors, stored.sectors),
        (AGENCIES, uow.agencies, stored.agencies),
        (TIERS, uow.tiers, stored.tiers),
        (TOPICS, uow.topics, stored.topics),
        (ROLES, uow.roles, stored.roles),
        (COURSES, uow.courses, stored.courses),
    ]
    changes: dict[str, SheetChanges] = {}
    if rows.partnership is not None:
        changes[PARTNERSHIP.name] = _apply_partnership(uow, rows.partnership)
    for layout, repository, records in subjects:
        entries = rows.entries[layout.name]
        if entries is None:
            continue
        if layout is TIERS:
            _free_ranks(uow, stored.tiers, entries)
        changes[layout.name] = _upsert(uow, repository, records, entries, targets)
    if rows.matrix is not None:
        changes[REQUIREMENTS.name] = _apply_matrix(uow, rows.matrix, stored)
    return changes


@requires(Permission.EDIT_PROGRAMME)
def import_settings(
    uow: UnitOfWork, path: Path | str, *, dry_run: bool = False
) -> SettingsImportReport:
    """Import the settings workbook ``path`` in one transaction (``dry_run``: then roll back).

    Raises ``WorkbookError`` listing every problem, and changes nothing, if any row is wrong.
    """
    path = Path(path)
    log = ProblemLog(path.name)
    rows = _read_workbook(path, log)
    with uow, storage_failures_as_user_errors(f"The settings in {path.name}"):
        stored = Stored.load(uow)
        _check(rows, stored, log)
        log.raise_if_any([layout.name for layout in LAYOUTS])
        changes = _apply(uow, rows, stored)
        if not dry_run:
            uow.commit()
    return SettingsImportReport(
        path.name,
        dry_run=dry_run,
        sheets=changes,
        missing=tuple(layout.name for layout in LAYOUTS if layout.name not in changes),
    )
