"""Cleaning the text people type into sign-in sheets before it is compared or stored."""

from __future__ import annotations

import re
import unicodedata

_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al"}


def clean_text(value: object) -> str:
    """Text without control or invisible characters, single-spaced and trimmed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():  # ASCII is its own NFKC form: most cells skip the normalising
        text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():  # controls become spaces; invisible format marks go
        text = "".join(_visible(ch) for ch in text)
    return " ".join(text.split())


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cf":  # zero-width spaces, soft hyphens, direction marks
        return ""
    return " " if category[0] == "C" else ch


def clean_name(value: object) -> str:
    """A person's name part: SHOUTED or whispered names get title case; mixed case is kept."""
    text = clean_text(value).strip(" ,.;")
    if not text or (not text.isupper() and not text.islower()):
        return text
    return " ".join(_title_word(word) for word in text.split(" "))


def _title_word(word: str) -> str:
    if word.lower() in _NAME_PARTICLES:
        return word.lower()
    parts = re.split(r"([-'’])", word.lower())
    titled = "".join(part.capitalize() for part in parts)
    # McDonald, always; but Mac- is left alone (MacDonald and Mackie are both real).
    if titled.startswith("Mc") and len(titled) > 2:
        return "Mc" + titled[2:].capitalize()
    return titled


def clean_email(value: object) -> str:
    """'Sam Lee <Sam.Lee@x.org>;' and 'mailto:sam.lee@x.org' are both 'sam.lee@x.org'."""
    text = clean_text(value).lower()
    if (match := _ANGLED.search(text)) is not None:
        text = match.group(1)
    text = text.removeprefix("mailto:")
    return text.replace(" ", "").strip(";,.")


_ANGLED = re.compile(r"<([^<>]*@[^<>]*)>")


def clean_reference(value: object) -> str:
    """A staff reference: upper case, no spaces; numbers typed as 1234.0 lose the .0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value).upper().replace(" ", "")


def reference_key(reference: str) -> str:
    """What makes two references the same person: Excel drops leading zeros from numbers."""
    return reference.lstrip("0") or reference if reference.isdigit() else reference


def name_key(first: str, last: str) -> str:
    """What two spellings of one name have in common: case, accents and punctuation dropped."""
    joined = f"{first} {last}".casefold()
    if not joined.isascii():
        joined = "".join(
            ch for ch in unicodedata.normalize("NFKD", joined) if not unicodedata.combining(ch)
        )
    return " ".join(_NOT_IN_NAME_KEY.sub("", joined).split())


_NOT_IN_NAME_KEY = re.compile(r"[^a-z0-9 ]")
