"""Finding a person from what someone types into "Find a person".

A first, exact-ish search: name parts (start of first, family or preferred name), a date of
birth in common formats, an NHS number or a UPN. The people issue replaces it with typo-tolerant
ranked search; the page and its audit stay the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q, QuerySet

from kith.people.models import Person

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")
MAX_RESULTS = 50


@dataclass
class Terms:
    names: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.names or self.date_of_birth or self.nhs_number or self.upn)


def parse(text: str) -> Terms:
    """Split what was typed into the kinds of thing it could be."""
    terms = Terms()
    rest = text.strip()

    digits = re.sub(r"[\s-]", "", rest)
    if re.fullmatch(r"\d{10}", digits):
        terms.nhs_number = digits
        return terms
    if re.fullmatch(r"[A-Za-z]\d{11}[A-Za-z0-9]", digits):
        terms.upn = digits.upper()
        return terms

    for pattern in (
        r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2} [A-Za-z]{3,9} \d{4}\b",
    ):
        found = re.search(pattern, rest)
        if found:
            for fmt in DATE_FORMATS:
                try:
                    terms.date_of_birth = datetime.strptime(found.group(0), fmt).date()
                    break
                except ValueError:
                    continue
            rest = (rest[: found.start()] + " " + rest[found.end() :]).strip()
            break

    terms.names = [w for w in re.split(r"[\s,]+", rest) if w][:4]
    return terms


def find_people(terms: Terms) -> QuerySet[Person]:
    if terms.is_empty:
        return Person.objects.none()
    people = Person.objects.all()
    if terms.nhs_number:
        people = people.filter(nhs_number=terms.nhs_number)
    if terms.upn:
        people = people.filter(upn=terms.upn)
    if terms.date_of_birth:
        people = people.filter(date_of_birth=terms.date_of_birth)
    for name in terms.names:
        people = people.filter(
            Q(first_name__istartswith=name)
            | Q(family_name__istartswith=name)
            | Q(preferred_name__istartswith=name)
        )
    return people.order_by("family_name", "first_name", "date_of_birth")[:MAX_RESULTS]
