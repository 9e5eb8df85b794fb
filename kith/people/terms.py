"""What someone typed into "Find a person", read as the kinds of thing it could be: names, a
date of birth or a year of birth, an NHS number, a UPN and a postcode, in any order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from kith.people import names
from kith.people.postcodes import normalise_postcode

DATE_FORMATS = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d%m%Y",
    "%d/%m/%y",
    "%d-%m-%y",
    "%d.%m.%y",
)
DATE_PATTERN = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2} [A-Za-z]{3,9} \d{4}|\d{8})\b"
)
YEAR_PATTERN = re.compile(r"\b((?:19|20)\d{2})\b")
NHS_PATTERN = re.compile(r"\b(\d{3}\s?\d{3}\s?\d{4})\b")
UPN_PATTERN = re.compile(r"\b([A-Za-z]\d{11}[A-Za-z0-9])\b")
POSTCODE_PATTERN = re.compile(r"\b([A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2})\b")


@dataclass
class Terms:
    names: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""
    postcode: str = ""
    born_in: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.names or self.date_of_birth or self.nhs_number or self.upn or self.postcode
        )


def _read_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt.endswith("%y") and day > date.today():
            day = day.replace(year=day.year - 100)
        return day
    return None


def parse(text: str) -> Terms:
    """Split what was typed into the kinds of thing it could be."""
    terms = Terms()
    rest = " " + text.strip()[:200] + " "

    found = NHS_PATTERN.search(rest)
    if found:
        terms.nhs_number = re.sub(r"\s", "", found.group(1))
        rest = rest.replace(found.group(0), " ")
    found = UPN_PATTERN.search(rest)
    if found:
        terms.upn = found.group(1).upper()
        rest = rest.replace(found.group(0), " ")
    found = DATE_PATTERN.search(rest)
    if found:
        terms.date_of_birth = _read_date(found.group(1))
        rest = rest.replace(found.group(0), " ")
    found = POSTCODE_PATTERN.search(rest)
    if found and normalise_postcode(found.group(1)):
        terms.postcode = normalise_postcode(found.group(1)) or ""
        rest = rest.replace(found.group(0), " ")

    found = YEAR_PATTERN.search(rest)
    if found and not terms.date_of_birth:
        terms.born_in = int(found.group(1))
        rest = rest.replace(found.group(0), " ")
    terms.names = [w for w in names.words(rest) if len(w) >= 2][:5]
    return terms


def digits(day: date) -> str:
    """A date as the eight digits typed (ddmmyyyy), whatever its year: "14032015"."""
    return f"{day.day:02d}{day.month:02d}{day.year:04d}"


def near_dates(day: date) -> dict[date, str]:
    """The dates a date of birth may have been mistyped from, each with what differs: day and
    month swapped, one digit wrong, or two digits next to each other the wrong way round."""
    text = digits(day)
    found: dict[date, str] = {}
    for i in (0, 2, 4, 5, 6):  # within the day, the month or the year (ddmmyyyy)
        if text[i] != text[i + 1]:
            _add(found, text[:i] + text[i + 1] + text[i] + text[i + 2 :], TRANSPOSED)
    for i, digit in enumerate(text):
        for other in "0123456789":
            if other != digit:
                _add(found, text[:i] + other + text[i + 1 :], ONE_DIGIT)
    if day.day <= 12 and day.day != day.month:
        found[day.replace(day=day.month, month=day.day)] = DAY_AND_MONTH
    found.pop(day, None)
    return found


DAY_AND_MONTH = "date of birth matches with day and month swapped"
ONE_DIGIT = "date of birth is one digit different"
TRANSPOSED = "date of birth has two digits the wrong way round"


def _add(found: dict[date, str], text: str, why: str) -> None:
    try:
        day = date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return  # not a date: 31 February, month 13
    if 1900 <= day.year <= date.today().year:
        found.setdefault(day, why)
