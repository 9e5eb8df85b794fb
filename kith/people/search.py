"""Finding a person from whatever someone types into "Find a person".

What was typed is split into names, a date of birth, an NHS number, a UPN and a postcode, in any
order and combination. Names are looked up by the keys in people/names.py (exact, sounds like,
same letters, nickname, start of a name), dates of birth also with day and month swapped, and
every candidate is scored with the reasons a person can read ("family name sounds like Jones",
"date of birth matches"). Three queries at most, whatever the size of the authority.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet

from kith.accounts.models import User
from kith.people import names
from kith.people.access import visible
from kith.people.models import Identifier, NameKey, Person, Residence
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

MAX_RESULTS = 20
# A name as common as "Smith" matches thousands; the best are scored from the first this many.
MAX_CANDIDATES = 1000
FIELD_WORDS = {
    "first": "first name",
    "middle": "middle name",
    "family": "family name",
    "preferred": "known-as name",
    "alias": "other name",
    "previous_family_name": "former family name",
    "birth_name": "name at birth",
    "spelling": "other spelling",
}


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


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str]


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


def _swapped(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(day=day.month, month=day.day)
    except ValueError:
        return None


def _word_score(typed: str, stored: NameKey) -> tuple[float, str]:
    """How well one typed name matches one stored name, and why, in plain words."""
    label = FIELD_WORDS.get(stored.field, "name")
    shown = stored.name.capitalize()
    if typed == stored.name:
        return 1.0, f"{label} matches"
    if len(typed) >= 2 and stored.name.startswith(typed):
        return 0.9, f"{label} starts with {typed.capitalize()}"
    canonical = names.canonical(typed)
    if canonical and canonical == stored.canonical:
        return 0.85, f"{label} {shown} is another form of {typed.capitalize()}"
    if stored.sound and names.sound(typed) == stored.sound:
        return 0.8, f"{label} sounds like {typed.capitalize()}"
    distance = names.typo_distance(typed, stored.name)
    if len(typed) >= 4 and (names.letters(typed) == stored.letters or distance == 1):
        return 0.75, f"{label} {shown} is spelt like {typed.capitalize()}"
    if len(typed) >= 7 and distance == 2:
        return 0.65, f"{label} {shown} is spelt like {typed.capitalize()}"
    if names.similarity(typed, stored.name) >= 0.9:
        return 0.6, f"{label} {shown} is spelt like {typed.capitalize()}"
    return 0.0, ""


def _name_condition(word: str) -> Q:
    condition = Q(name=word)
    if names.sound(word):
        condition |= Q(sound=names.sound(word))
    condition |= Q(name__gte=word, name__lt=word + "{")  # names that start with the word
    if len(word) >= 4:
        condition |= Q(letters=names.letters(word))
    if names.canonical(word):
        condition |= Q(canonical=names.canonical(word))
    return condition


def _union_ids(parts: list[QuerySet[Any]], cap: int | None = None) -> set[int]:
    if not parts:
        return set()
    parts = [part.order_by() for part in parts]  # SQLite allows no ORDER BY inside a UNION
    query = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0].distinct()
    return set(query[:cap] if cap else query)


def _exact_ids(terms: Terms, dates: list[date]) -> set[int]:
    """Anyone with the date of birth, NHS number, UPN or postcode typed: a few people at most,
    in one query (a UNION of indexed look-ups)."""
    exact: list[QuerySet[Any]] = []
    if dates:
        exact.append(Person.objects.filter(date_of_birth__in=dates).values_list("pk", flat=True))
    if terms.nhs_number:
        exact.append(
            Person.objects.filter(nhs_number=terms.nhs_number).values_list("pk", flat=True)
        )
    if terms.upn:
        exact.append(Person.objects.filter(upn=terms.upn).values_list("pk", flat=True))
        exact.append(Identifier.objects.filter(value=terms.upn).values_list("person_id", flat=True))
    if terms.postcode:
        exact.append(
            Residence.objects.filter(
                address__postcode=terms.postcode, end_date__isnull=True
            ).values_list("person_id", flat=True)
        )
    return _union_ids(exact)


def _exact_name_condition(word: str) -> Q:
    condition = Q(name=word)
    if names.canonical(word):
        condition |= Q(canonical=names.canonical(word))
    return condition


def _name_ids(terms: Terms) -> set[int]:
    """People whose names match the typed words, cheapest look-up first: every word exactly
    (or as a nickname); then every word by any key (sound, letters, start); then any word
    (capped: "Smith" matches thousands)."""
    if len(terms.names) >= 2:
        for condition in (_exact_name_condition, _name_condition):
            every = Person.objects.all()
            for word in terms.names:
                every = every.filter(
                    pk__in=NameKey.objects.filter(condition(word)).values("person_id")
                )
            found = set(every.order_by().values_list("pk", flat=True)[:MAX_CANDIDATES])
            if found:
                return found
    by_name = [
        NameKey.objects.filter(_name_condition(word)).values_list("person_id", flat=True)
        for word in terms.names
    ]
    return _union_ids(by_name, MAX_CANDIDATES)


def search(terms: Terms, *, limit: int = MAX_RESULTS, viewer: User | None = None) -> list[Match]:
    """The people who best match the terms, best first, each with its reasons.

    People with the date of birth or number typed are scored first; only if none of them
    matches every typed name are people found by name alone added (a typo in the date)."""
    if terms.is_empty:
        return []
    dates = [
        d for d in [terms.date_of_birth, terms.date_of_birth and _swapped(terms.date_of_birth)] if d
    ]
    exact = _exact_ids(terms, dates)
    scored = _score(terms, dates, exact, viewer)
    if terms.names and not any(every_name for _, _, _, every_name in scored):
        scored = _score(terms, dates, exact | _name_ids(terms), viewer)

    scored.sort(key=lambda s: (-s[0], s[1]))
    top = scored[:limit]
    found = Person.objects.in_bulk([person_id for _, person_id, _, _ in top])
    return [
        Match(person=found[person_id], score=score, reasons=[r[0].upper() + r[1:] for r in reasons])
        for score, person_id, reasons, _ in top
    ]


def _score(
    terms: Terms, dates: list[date], ids: set[int], viewer: User | None
) -> list[tuple[float, int, list[str], bool]]:
    """Score each candidate: the best match for each typed word, plus dates and numbers.
    Returns (score, person, reasons, whether every typed name matched)."""
    if not ids:
        return []
    # From the people, joined to their name keys (a person with none still comes back).
    rows = (
        Person.objects.current()
        .filter(visible(viewer), pk__in=ids)
        .values_list(
            "pk",
            "name_keys__field",
            "name_keys__name",
            "name_keys__sound",
            "name_keys__letters",
            "name_keys__canonical",
            "date_of_birth",
            "nhs_number",
            "upn",
        )
        .order_by()
    )
    keys_by_person: dict[int, list[NameKey]] = defaultdict(list)
    facts: dict[int, tuple[date | None, str, str]] = {}
    for person_id, field_name, name, sound, letters, canonical, born, nhs, upn in rows:
        person_keys = keys_by_person[person_id]  # made even for someone with no name keys
        if field_name is not None:
            person_keys.append(
                NameKey(
                    field=field_name, name=name, sound=sound, letters=letters, canonical=canonical
                )
            )
        facts[person_id] = (born, nhs, upn)
    former_upn: set[int] = set()
    if terms.upn:
        former_upn = set(
            Identifier.objects.filter(person_id__in=ids, value=terms.upn).values_list(
                "person_id", flat=True
            )
        )
    postcode_people: set[int] = set()
    if terms.postcode:
        postcode_people = set(
            Residence.objects.filter(
                person_id__in=ids, address__postcode=terms.postcode, end_date__isnull=True
            ).values_list("person_id", flat=True)
        )

    scored: list[tuple[float, int, list[str], bool]] = []
    for person_id, person_keys in keys_by_person.items():
        score, reasons, matched = 0.0, [], 0
        for word in terms.names:
            best = max(
                (_word_score(word, key) for key in person_keys),
                key=lambda s: s[0],
                default=(0.0, ""),
            )
            if best[0]:
                score += best[0]
                reasons.append(best[1])
                matched += 1
        name_score = score
        born, nhs, upn = facts[person_id]
        if terms.date_of_birth and born == terms.date_of_birth:
            score += 1.5
            reasons.append("date of birth matches")
        elif born and born in dates:
            score += 1.0
            reasons.append("date of birth matches with day and month swapped")
        elif terms.born_in and born and born.year == terms.born_in:
            score += 0.5
            reasons.append(f"born in {terms.born_in}")
        if terms.nhs_number and nhs == terms.nhs_number:
            score += 5
            reasons.append("NHS number matches")
        if terms.upn and upn == terms.upn:
            score += 5
            reasons.append("UPN matches")
        elif person_id in former_upn:
            score += 5
            reasons.append("former UPN matches")
        if person_id in postcode_people:
            score += 1.0
            reasons.append("postcode matches")
        identified = (terms.nhs_number and nhs == terms.nhs_number) or (
            terms.upn and (upn == terms.upn or person_id in former_upn)
        )
        if terms.names and not name_score and not identified:
            continue  # born the same day, but none of the names typed
        if score > 0:
            scored.append((score, person_id, reasons, matched == len(terms.names)))
    return scored
