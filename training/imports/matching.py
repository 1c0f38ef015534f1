"""Who a row means: matched by staff reference, then email, then name, within one agency.

A match is never guessed: a name shared by two people, or a reference and an email that point
at different people, is flagged for the user to decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from training.imports.candidates import Candidate
from training.imports.normalise import name_key, reference_key


@dataclass(frozen=True, slots=True)
class KnownPerson:
    id: int
    staff_ref: str
    email: str
    first_name: str
    last_name: str

    def describe(self) -> str:
        ref = f", ref {self.staff_ref}" if self.staff_ref else ""
        return f"{self.first_name} {self.last_name}{ref}"


@dataclass(frozen=True, slots=True)
class Match:
    person: KnownPerson | None
    by: str = ""  # "reference", "email" or "name"
    problem: str = ""  # set when the row is ambiguous or contradicts itself


NameIndex = Mapping[str, tuple[KnownPerson, ...]]


class Directory:
    """Staff of one agency, indexed for matching.

    A large import builds one per chunk of rows from the people those rows name by reference or
    email (see ``reference_variants``), and shares one agency-wide ``names`` index, built only
    when a row first has nothing but a name to go on.
    """

    def __init__(self, people: Iterable[KnownPerson], names: NameIndex | None = None) -> None:
        self.people = list(people)
        self.by_exact_ref = {p.staff_ref: p for p in self.people if p.staff_ref}
        self.by_ref = _grouped((reference_key(p.staff_ref), p) for p in self.people if p.staff_ref)
        self._names = names

    @cached_property
    def by_email(self) -> dict[str, tuple[KnownPerson, ...]]:
        return _grouped((person.email, person) for person in self.people if person.email)

    @property
    def by_name(self) -> NameIndex:
        if self._names is None:
            self._names = name_index(self.people)
        return self._names

    def match(self, row: Candidate) -> Match:
        if row.staff_ref:
            found = self._by_ref(row)
            if found is not None:
                return found
        found = self._by_email(row) or self._by_name(row)
        if found.person and row.staff_ref and found.person.staff_ref:
            return Match(
                None,
                problem=(
                    f"staff reference {row.staff_ref} is not known, but the {found.by} belongs to "
                    f"{found.person.describe()}; correct the reference"
                ),
            )
        return found

    def _by_ref(self, row: Candidate) -> Match | None:
        person = self.by_exact_ref.get(row.staff_ref)
        if person is None:
            people = self.by_ref.get(reference_key(row.staff_ref), ())
            if len(people) > 1:
                return _ambiguous("staff reference", people)
            person = people[0] if people else None
        if person is None:
            return None
        if _another_name(row, person):
            return Match(
                None,
                problem=(
                    f"staff reference {row.staff_ref} is {person.describe()}, but the row says "
                    f"{row.name}; correct the reference or the name"
                ),
            )
        return Match(person, "reference")

    def _by_email(self, row: Candidate) -> Match | None:
        people = self.by_email.get(row.email, ()) if row.email else ()
        if len(people) > 1:
            return _ambiguous("email", people)
        return Match(people[0], "email") if people else None

    def _by_name(self, row: Candidate) -> Match:
        if not (row.first_name and row.last_name):
            return Match(None)
        people = self.by_name.get(name_key(row.first_name, row.last_name), ())
        if len(people) > 1:
            return _ambiguous("name", people)
        return Match(people[0], "name") if people else Match(None)


def name_index(people: Iterable[KnownPerson]) -> dict[str, tuple[KnownPerson, ...]]:
    return _grouped((name_key(p.first_name, p.last_name), p) for p in people)


def reference_variants(reference: str, longest: int) -> set[str]:
    """Every stored reference that could be ``reference`` (see ``reference_key``).

    A number may be stored with leading zeros that a spreadsheet dropped, or typed with zeros
    the record lacks: so "4411" may be "04411" or "004411", up to ``longest`` characters.
    """
    if not reference.isdigit():
        return {reference}
    key = reference_key(reference)
    return {reference} | {key.rjust(width, "0") for width in range(len(key), longest + 1)}


def _grouped(pairs: Iterable[tuple[str, KnownPerson]]) -> dict[str, tuple[KnownPerson, ...]]:
    """People by key, each group a tuple: most are one person, and a tuple of one is small."""
    groups: defaultdict[str, list[KnownPerson]] = defaultdict(list)
    for key, person in pairs:
        groups[key].append(person)
    return {key: tuple(people) for key, people in groups.items()}


def _another_name(row: Candidate, person: KnownPerson) -> bool:
    """Neither name agrees: not a typo or a married name, but someone else's reference."""
    if not (row.first_name and row.last_name):
        return False
    return _differ(row.first_name, person.first_name) and _differ(row.last_name, person.last_name)


def _differ(written: str, known: str) -> bool:
    return written != known and name_key(written, "") != name_key(known, "")


def _ambiguous(by: str, people: tuple[KnownPerson, ...]) -> Match:
    names = "; ".join(p.describe() for p in people[:5])
    return Match(
        None,
        problem=(
            f"the {by} matches {len(people)} staff members ({names}); add the staff reference to "
            "say which"
        ),
    )
