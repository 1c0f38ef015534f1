"""Collecting every problem with an input before refusing it, so the user sees them all."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from training.errors import ValidationError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Problems:
    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.found: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, message)

    def text(self, field: str, value: str, *, max_length: int, required: bool = True) -> str:
        cleaned = " ".join(value.split())
        if required and not cleaned:
            self.add(field, "is required")
        elif len(cleaned) > max_length:
            self.add(field, f"is longer than {max_length} characters")
        return cleaned

    def email(self, field: str, value: str) -> str:
        cleaned = value.strip().lower()
        if cleaned and not EMAIL.match(cleaned):
            self.add(field, f"{value!r} is not an email address")
        return cleaned

    def positive_int(self, field: str, value: int | None, *, allow_none: bool = False) -> None:
        if value is None:
            if not allow_none:
                self.add(field, "is required")
        elif value <= 0:
            self.add(field, "must be a whole number above zero")

    def hours(self, field: str, value: Decimal | float | str) -> Decimal:
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            self.add(field, f"{value!r} is not a number of hours")
            return Decimal(0)
        if not hours.is_finite() or hours <= 0 or hours > 1000:
            self.add(field, "must be more than 0 and at most 1000 hours")
        return hours.quantize(Decimal("0.01"))

    def one_of(self, field: str, value: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            self.add(field, f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    def date_order(
        self, field: str, first: dt.date | None, then: dt.date | None, message: str
    ) -> None:
        if first is not None and then is not None and then < first:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.found:
            raise ValidationError(self.subject, self.found)
