"""Who a row means: matched by staff reference, then email, then name, within one agency.

A match is never guessed: a name shared by two people, or a reference and an email that point
at different people, is flagged for the user to decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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


class Directory:
    """An agency's staff, indexed for matching."""

    def __init__(self, people: Iterable[KnownPerson]) -> None:
        self.by_ref: dict[str, KnownPerson] = {}
        self.by_email: defaultdict[str, list[KnownPerson]] = defaultdict(list)
        self.by_name: defaultdict[str, list[KnownPerson]] = defaultdict(list)
        for person in people:
            self.add(person)

    def add(self, person: KnownPerson) -> None:
        if person.staff_ref:
            self.by_ref[reference_key(person.staff_ref)] = person
        if person.email:
            self.by_email[person.email].append(person)
        self.by_name[name_key(person.first_name, person.last_name)].append(person)

    def match(self, row: Candidate) -> Match:
        if row.staff_ref and (person := self.by_ref.get(reference_key(row.staff_ref))):
            if _another_name(row, person):
                return Match(
                    None,
                    problem=(
                        f"staff reference {row.staff_ref} is {person.describe()}, but the row says "
                        f"{row.name}; correct the reference or the name"
                    ),
                )
            return Match(person, "reference")
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

    def _by_email(self, row: Candidate) -> Match | None:
        people = self.by_email.get(row.email, []) if row.email else []
        if len(people) > 1:
            return _ambiguous("email", people)
        return Match(people[0], "email") if people else None

    def _by_name(self, row: Candidate) -> Match:
        if not (row.first_name and row.last_name):
            return Match(None)
        people = self.by_name.get(name_key(row.first_name, row.last_name), [])
        if len(people) > 1:
            return _ambiguous("name", people)
        return Match(people[0], "name") if people else Match(None)


def _another_name(row: Candidate, person: KnownPerson) -> bool:
    """Neither name agrees: not a typo or a married name, but someone else's reference."""
    if not (row.first_name and row.last_name):
        return False
    first = name_key(row.first_name, "") != name_key(person.first_name, "")
    last = name_key("", row.last_name) != name_key("", person.last_name)
    return first and last


def _ambiguous(by: str, people: list[KnownPerson]) -> Match:
    names = "; ".join(p.describe() for p in people[:5])
    return Match(
        None,
        problem=(
            f"the {by} matches {len(people)} staff members ({names}); add the staff reference to "
            "say which"
        ),
    )
