"""Finding a person from whatever someone types into "Find a person".

What was typed is read by people/terms.py into names, a date of birth, an NHS number, a UPN and
a postcode. Each typed name is looked up by the keys in people/names.py (exact, sounds like,
same letters, nickname, start of a name) and by the recorded names within a slip or two of it
(people/vocabulary.py); a date of birth also as it may have been mistyped (day and month
swapped, a digit wrong, two digits the wrong way round). Every candidate is scored with
reasons a person can read ("family name Bishop is spelt like Bishpo", "date of birth matches").
A handful of queries, whatever the size of the authority.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from kith.accounts.models import User
from kith.people import names, vocabulary
from kith.people.access import visible
from kith.people.models import Identifier, NameKey, Person, Residence
from kith.people.terms import DAY_AND_MONTH, Terms, near_dates, parse

__all__ = ["MAX_RESULTS", "Match", "Terms", "parse", "search"]

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


NAMES_KNOWN_BY = {"first", "family", "preferred", "spelling"}
# Names typed in the usual order (first, then family) rank a little above the same names the
# other way round; the other way round is still found.
IN_THE_ORDER_TYPED = 0.02


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str]


class Typed:
    """The typed names and what each may be: the recorded names within its slips, found once
    per search."""

    def __init__(self, terms: Terms) -> None:
        self.words = terms.names
        self.near = vocabulary.near(self.words)

    def condition(self, word: str) -> Q:
        """Name keys the word may have been meant for."""
        condition = Q(name=word) | Q(name__gte=word, name__lt=word + "{")  # or starts with it
        if names.sound(word):
            condition |= Q(sound=names.sound(word))
        if len(word) >= 4:
            condition |= Q(letters=names.letters(word))
        if names.canonical(word):
            condition |= Q(canonical=names.canonical(word))
        if self.near.get(word):
            condition |= Q(name__in=sorted(self.near[word]))
        return condition

    def any_condition(self) -> Q:
        condition = Q(pk__in=[])
        for word in self.words:
            condition |= self.condition(word)
        return condition

    def score(self, typed: str, stored: NameKey) -> tuple[float, str]:
        """How well one typed name matches one stored name, and why, in plain words. A slip
        scores by how alike the two are (Jaro-Winkler), so "Noag" is nearer Noah than Nick."""
        label = FIELD_WORDS.get(stored.field, "name")
        shown = stored.name.capitalize()
        # A name typed is most often one the person is known by now: not a middle or former one.
        weight = 1.0 if stored.field in NAMES_KNOWN_BY else 0.9
        if typed == stored.name:
            return weight, f"{label} matches"
        if len(typed) >= 2 and stored.name.startswith(typed):
            return 0.9 * weight, f"{label} starts with {typed.capitalize()}"
        mine = names.keys(typed)  # worked out once per typed word, not once per stored name
        if mine["canonical"] and mine["canonical"] == stored.canonical:
            return 0.85 * weight, f"{label} {shown} is another form of {typed.capitalize()}"
        alike = names.similarity(typed, stored.name)
        sounds = bool(stored.sound) and mine["sound"] == stored.sound
        slipped = stored.name in self.near.get(typed, ()) or (
            len(typed) >= 4 and mine["letters"] == stored.letters
        )
        if not (sounds or slipped or alike >= 0.9):
            return 0.0, ""
        # At most 0.86, below a name typed in full or begun: "Loouise" is nearer Louise
        # than Louis, though both sound alike.
        score = (0.4 + 0.4 * alike + 0.03 * sounds + 0.03 * slipped) * weight
        if sounds:
            return score, f"{label} sounds like {typed.capitalize()}"
        return score, f"{label} {shown} is spelt like {typed.capitalize()}"


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


def _name_ids(typed: Typed, viewer: User | None, *, any_word: bool) -> set[int]:
    """People whose names match the typed words, cheapest look-up first: every word exactly
    (or as a nickname); then every word by any key (sound, letters, start, a slip); then, if
    `any_word`, any word (capped: "Smith" matches thousands). Each word's people come from the
    name keys' indexes, and are intersected there (INTERSECT), never by walking the people.
    Only people the viewer may see count: a restricted record must not change what is found."""
    if len(typed.words) >= 2:
        for condition in (_exact_name_condition, typed.condition):
            each = [
                NameKey.objects.filter(condition(word)).order_by().values_list("person_id")
                for word in typed.words
            ]
            found = _seen(
                {person_id for (person_id,) in each[0].intersection(*each[1:])[:MAX_CANDIDATES]},
                viewer,
            )
            if found:
                return found
    if not any_word:
        return set()
    by_name = [
        NameKey.objects.filter(typed.condition(word)).values_list("person_id", flat=True)
        for word in typed.words
    ]
    return _union_ids(by_name, MAX_CANDIDATES)


def _seen(ids: set[int], viewer: User | None) -> set[int]:
    """Those of these people who are current and whom the viewer may see."""
    if not ids:
        return ids
    return set(
        Person.objects.current().filter(visible(viewer), pk__in=ids).values_list("pk", flat=True)
    )


def _near_date_ids(typed: Typed, dates: dict[date, str], viewer: User | None) -> set[int]:
    """People born on a date the typed one may have been mistyped from, with one of the typed
    names: one name and a date with a slip find a child among thousands of that name."""
    if not dates or not typed.words:
        return set()
    return set(
        Person.objects.current()
        .filter(
            visible(viewer),
            date_of_birth__in=sorted(dates),
            pk__in=NameKey.objects.filter(typed.any_condition()).values("person_id"),
        )
        .order_by()
        .values_list("pk", flat=True)[:MAX_CANDIDATES]
    )


def search(terms: Terms, *, limit: int = MAX_RESULTS, viewer: User | None = None) -> list[Match]:
    """The people who best match the terms, best first, each with its reasons.

    People with the date of birth or number typed are scored first; only if none of them
    matches every typed name are people found by name alone added, and people born on a date
    the typed one may have been mistyped from."""
    if terms.is_empty:
        return []
    typed = Typed(terms)
    mistyped = near_dates(terms.date_of_birth) if terms.date_of_birth else {}
    dates = [terms.date_of_birth] if terms.date_of_birth else []
    dates += [day for day, why in mistyped.items() if why == DAY_AND_MONTH]
    exact = _exact_ids(terms, dates)
    scored = _score(terms, typed, mistyped, exact, viewer)
    if terms.names and not any(every_name for _, _, _, every_name in scored):
        # A date typed narrows better than one name alone: a name shared by thousands is
        # looked up on its own only if nobody has every name or a date near the one typed.
        more = _name_ids(typed, viewer, any_word=False) | _near_date_ids(typed, mistyped, viewer)
        if not more:
            more = _name_ids(typed, viewer, any_word=True)
        scored = _score(terms, typed, mistyped, exact | more, viewer)

    scored.sort(key=lambda s: (-s[0], s[1]))
    top = scored[:limit]
    found = Person.objects.in_bulk([person_id for _, person_id, _, _ in top])
    return [
        Match(person=found[person_id], score=score, reasons=[r[0].upper() + r[1:] for r in reasons])
        for score, person_id, reasons, _ in top
    ]


def _score(
    terms: Terms, typed: Typed, mistyped: dict[date, str], ids: set[int], viewer: User | None
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
        score, reasons, matched, fields = 0.0, [], 0, []
        for word in terms.names:
            best, why, field = max(
                ((*typed.score(word, key), key.field) for key in person_keys),
                key=lambda s: s[0],
                default=(0.0, "", ""),
            )
            fields.append(field if best else "")
            if best:
                score += best
                reasons.append(why)
                matched += 1
        if len(fields) >= 2 and fields[0] in ("first", "preferred") and fields[-1] == "family":
            score += IN_THE_ORDER_TYPED
        name_score = score
        born, nhs, upn = facts[person_id]
        if terms.date_of_birth and born == terms.date_of_birth:
            score += 1.5
            reasons.append("date of birth matches")
        elif born and born in mistyped:
            score += 1.0 if mistyped[born] == DAY_AND_MONTH else 0.9
            reasons.append(mistyped[born])
        elif terms.born_in and born and born.year == terms.born_in:
            score += 0.5
            reasons.append(f"born in {terms.born_in}")
        elif terms.date_of_birth and born:
            score -= 0.5  # born on another day altogether: a namesake more likely than a slip
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
