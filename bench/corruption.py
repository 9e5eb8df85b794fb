"""Copies of people's records with the mistakes real records carry, for measuring how well Kith
finds the right child ("Find a person") and the same child recorded twice (the duplicate scan).

Modelled on the published record-linkage benchmark generators (FEBRL's dsgen and its successor
GeCo, Christen and Vatsalan 2013): each copy has 1 to 3 errors, each drawn from a kind real
records carry, on a field of its own:

- a slip in a name: a letter inserted, left out, replaced (by a keyboard neighbour or a letter a
  scanner confuses) or two letters the wrong way round; slips fall on the first letter less often,
  as studies of keying errors find (Pollock and Zamora 1983);
- a name spelt as it sounds (ph/f, ie/y, a letter doubled or single);
- a nickname or a shortened first name;
- first and family names swapped; a name missing;
- a date of birth with one digit wrong, two digits transposed, day and month swapped, or missing;
- a double-barrelled family name split or joined;
- a different family name (after a marriage or a parent's change).

Everything is drawn from one random source seeded by the caller, so the same seed gives the same
copies: the tests and the benchmarks (bench/people_search.py, bench/duplicates.py) share it.
The easy set has one error a copy, the hard set two or three.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kith.people.names import NICKNAMES
from kith.people.terms import digits


@dataclass(frozen=True)
class Record:
    """What a duplicate record or a search is made from: the person's names, date of birth, sex
    and the postcode they were living at."""

    pk: int
    first: str
    family: str
    born: date | None
    sex: str = "U"
    postcode: str = ""


@dataclass(frozen=True)
class Copy:
    """A corrupted copy of the record `of`, and the kinds of error it carries."""

    of: int
    record: Record
    errors: tuple[str, ...]


# Which fields each kind of error touches: a copy's errors never touch the same field twice.
FIRST, FAMILY, BORN = "first", "family", "born"
SLIPS = ("letter inserted", "letter left out", "letter replaced", "letters transposed")
SPELT_AS_IT_SOUNDS = "spelt as it sounds"
NAME_KINDS = (*SLIPS, SPELT_AS_IT_SOUNDS)
KINDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(NAME_KINDS, (FIRST, FAMILY)),  # falls on one of the two
    "nickname": (FIRST,),
    "names swapped": (FIRST, FAMILY),
    "name missing": (FIRST, FAMILY),  # one of the two
    "date digit wrong": (BORN,),
    "date digits transposed": (BORN,),
    "day and month swapped": (BORN,),
    "date missing": (BORN,),
    "family name split or joined": (FAMILY,),
    "family name changed": (FAMILY,),
}
# Kinds that take a field away altogether: at most one to a copy, or nothing would be left.
DESTRUCTIVE = {"name missing", "date missing", "family name changed"}
# Kinds that change one of the two names, not both.
ONE_NAME = {*NAME_KINDS, "name missing"}

KEYBOARD = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip
# Letters a scanner or a hurried hand confuses.
LOOK_ALIKE = {
    "rn": "m", "m": "rn", "cl": "d", "d": "cl", "vv": "w", "w": "vv", "l": "i", "i": "l",
    "e": "c", "c": "e", "h": "b", "b": "h", "u": "v", "v": "u", "n": "h", "o": "a", "a": "o",
}  # fmt: skip
SOUNDS_ALIKE = (
    ("ph", "f"), ("f", "ph"), ("ie", "y"), ("y", "ie"), ("ey", "y"), ("y", "ey"),
    ("ck", "k"), ("k", "ck"), ("c", "k"), ("k", "c"), ("ee", "ea"), ("ea", "ee"),
    ("ai", "ay"), ("ay", "ai"), ("th", "t"), ("s", "z"), ("z", "s"), ("ou", "ow"),
    ("i", "y"), ("ll", "l"), ("nn", "n"), ("tt", "t"), ("rr", "r"), ("ss", "s"),
)  # fmt: skip
VOWELS = "aeiou"


def _position(rng: random.Random, word: str) -> int:
    """Where a slip falls: the first letter one time in ten, as keying studies find."""
    letters = [i for i, c in enumerate(word) if i and c.isalpha()]
    if not letters or rng.random() < 0.1:
        return 0
    return rng.choice(letters)


def _slip(rng: random.Random, word: str, kind: str) -> str:
    if not word:
        return word
    lower = word.lower()
    i = _position(rng, word)
    if kind == "letter inserted":
        neighbour = rng.choice(KEYBOARD.get(lower[i], VOWELS))
        added = lower[i] if rng.random() < 0.3 else neighbour  # a doubled letter, or a neighbour
        changed = lower[:i] + added + lower[i:]
    elif kind == "letter left out":
        changed = lower[:i] + lower[i + 1 :] if len(lower) > 2 else lower + rng.choice(VOWELS)
    elif kind == "letters transposed":
        if len(lower) < 2:
            return _slip(rng, word, "letter inserted")
        i = min(i, len(lower) - 2)
        if lower[i] == lower[i + 1]:
            i = max(0, i - 1)
        changed = lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :]
    else:  # a letter replaced, by a keyboard neighbour or a letter that looks alike
        confused = [(k, v) for k, v in LOOK_ALIKE.items() if k in lower]
        if confused and rng.random() < 0.3:
            was, now = rng.choice(confused)
            at = lower.index(was)
            changed = lower[:at] + now + lower[at + len(was) :]
        else:
            changed = lower[:i] + rng.choice(KEYBOARD.get(lower[i], VOWELS)) + lower[i + 1 :]
    if changed == lower:  # a transposition of two alike letters: replace one instead
        return _slip(rng, word, "letter replaced")
    return changed.capitalize()


def _as_it_sounds(rng: random.Random, word: str) -> str:
    lower = word.lower()
    possible = [(was, now) for was, now in SOUNDS_ALIKE if was in lower[1:]]
    if not possible:  # no sound to respell: double a consonant, as people do
        consonants = [i for i, c in enumerate(lower) if i and c not in VOWELS]
        if not consonants:
            return _slip(rng, word, "letter inserted")
        i = rng.choice(consonants)
        return (lower[:i] + lower[i] + lower[i:]).capitalize()
    was, now = rng.choice(possible)
    at = lower.index(was, 1)
    return (lower[:at] + now + lower[at + len(was) :]).capitalize()


def _nickname(rng: random.Random, first: str) -> str:
    short = NICKNAMES.get(first.lower())
    if short:
        return rng.choice(short).capitalize()
    return first[: max(3, len(first) // 2)]  # a shortened name: "Jonathon" → "Jona"


def _dates_one_digit_wrong(born: date) -> list[date]:
    """Every date a slip in one digit of the day, the month or the year's end makes."""
    text = digits(born)
    made = (
        _date(text[:i] + other + text[i + 1 :])
        for i in (0, 1, 2, 3, 6, 7)
        for other in "0123456789"
        if other != text[i]
    )
    return [day for day in made if day and day <= date.today()]


def _dates_transposed(born: date) -> list[date]:
    """Every date two neighbouring digits swapped within the day, month or year make."""
    text = digits(born)
    made = (
        _date(text[:i] + text[i + 1] + text[i] + text[i + 2 :])
        for i in (0, 2, 5, 6)
        if text[i] != text[i + 1]
    )
    return [day for day in made if day and day.year >= 1900 and day <= date.today()]


def _date(text: str) -> date | None:
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def _split_or_joined(rng: random.Random, family: str) -> str:
    for mark in ("-", " "):
        if mark in family:
            return family.replace(mark, rng.choice(["", " " if mark == "-" else "-"]))
    return family  # not double-barrelled: not applicable


def applicable(kind: str, record: Record) -> bool:
    """Whether a kind of error can be made on this record."""
    born = record.born
    if kind == "nickname":  # a known short form, or a name long enough to shorten
        return bool(NICKNAMES.get(record.first.lower())) or len(record.first) > 3
    if kind == "date missing":
        return born is not None
    if kind == "date digit wrong":
        return born is not None and bool(_dates_one_digit_wrong(born))
    if kind == "date digits transposed":
        return born is not None and bool(_dates_transposed(born))
    if kind == "day and month swapped":
        return born is not None and born.day <= 12 and born.day != born.month
    if kind == "family name split or joined":
        return "-" in record.family or " " in record.family.strip()
    if kind == "names swapped":
        return bool(record.first and record.family)
    return True


def make_error(
    rng: random.Random, kind: str, record: Record, family_names: Sequence[str]
) -> tuple[Record, str]:
    """The record with one error of the kind made, and the field it fell on."""
    if kind in ONE_NAME:
        field = rng.choice([f for f in (FIRST, FAMILY) if getattr(record, f)] or [FAMILY])
        name = getattr(record, field)
        if kind == "name missing":
            changed = ""
        elif kind == SPELT_AS_IT_SOUNDS:
            changed = _as_it_sounds(rng, name)
        else:
            changed = _slip(rng, name, kind)
        return replace(record, **{field: changed}), field
    born = record.born
    if kind == "nickname":
        return replace(record, first=_nickname(rng, record.first)), FIRST
    if kind == "names swapped":
        return replace(record, first=record.family, family=record.first), FIRST + FAMILY
    if kind == "family name split or joined":
        return replace(record, family=_split_or_joined(rng, record.family)), FAMILY
    if kind == "family name changed":
        others = [n for n in family_names if n.lower() != record.family.lower()] or ["Smith"]
        return replace(record, family=rng.choice(others)), FAMILY
    assert born is not None
    if kind == "date missing":
        return replace(record, born=None), BORN
    if kind == "day and month swapped":
        return replace(record, born=born.replace(day=born.month, month=born.day)), BORN
    if kind == "date digits transposed":
        return replace(record, born=rng.choice(_dates_transposed(born))), BORN
    return replace(record, born=rng.choice(_dates_one_digit_wrong(born))), BORN


def corrupt(
    rng: random.Random,
    record: Record,
    errors: int,
    *,
    kinds: Iterable[str] = tuple(KINDS),
    family_names: Sequence[str] = (),
) -> Copy:
    """A copy of the record with `errors` errors (fewer only if the record has too few fields
    for them), each of a kind that fits, on a field no other error has touched."""
    allowed = list(kinds)
    copy, made, touched = record, [], set()
    for _ in range(errors):
        possible = [
            kind
            for kind in allowed
            if applicable(kind, copy)
            and not (kind in DESTRUCTIVE and DESTRUCTIVE & set(made))
            and _fields_free(kind, copy, touched)
        ]
        if not possible:
            break
        kind = rng.choice(possible)
        if kind in ONE_NAME:  # the name it falls on must be untouched
            free = [f for f in (FIRST, FAMILY) if f not in touched and getattr(copy, f)]
            field = rng.choice(free)
            changed, _ = make_error(rng, kind, replace(copy, **_only(copy, field)), family_names)
            copy = replace(copy, **{field: getattr(changed, field)})
        else:
            copy, field = make_error(rng, kind, copy, family_names)
        touched.update({FIRST, FAMILY} if field == FIRST + FAMILY else {field})
        made.append(kind)
    return Copy(of=record.pk, record=copy, errors=tuple(made))


def _only(record: Record, field: str) -> dict[str, str]:
    """Blank the other name, so make_error's choice of name falls on `field`."""
    return {FAMILY if field == FIRST else FIRST: ""}


def _fields_free(kind: str, record: Record, touched: set[str]) -> bool:
    fields = KINDS[kind]
    if kind in ONE_NAME:
        return any(f not in touched and getattr(record, f) for f in fields)
    return not (set(fields) & touched)


def easy_set(
    rng: random.Random, records: Sequence[Record], family_names: Sequence[str] = ()
) -> list[Copy]:
    """One error a copy, of any kind."""
    return [corrupt(rng, r, 1, family_names=family_names) for r in records]


def hard_set(
    rng: random.Random, records: Sequence[Record], family_names: Sequence[str] = ()
) -> list[Copy]:
    """Two or three errors a copy, of any kinds, each on a field of its own."""
    return [corrupt(rng, r, rng.choice((2, 3)), family_names=family_names) for r in records]


def one_slip_in_the_names(rng: random.Random, records: Sequence[Record]) -> list[Copy]:
    """One slip or respelling in one of the names, and no date of birth: a name given over
    the phone, spelt wrongly."""
    return [
        replace(copy, record=replace(copy.record, born=None))
        for copy in (corrupt(rng, r, 1, kinds=NAME_KINDS) for r in records)
    ]


def slips_in_both_names(rng: random.Random, records: Sequence[Record]) -> list[Copy]:
    """Two errors in the names (a slip or a respelling in each, a nickname, or the names
    swapped round), and no date of birth: the hard set of names typed alone."""
    kinds = (*NAME_KINDS, "nickname", "names swapped")
    return [
        replace(copy, record=replace(copy.record, born=None))
        for copy in (corrupt(rng, r, 2, kinds=kinds) for r in records)
    ]


def twins(rng: random.Random, records: Sequence[Record], first_names: Sequence[str]) -> list[Copy]:
    """A twin for each record: the same family name, date of birth and home, another first
    name. Two children, never to be merged."""
    made = []
    for r in records:
        others = [n for n in first_names if n.lower() != r.first.lower()]
        if others:
            made.append(
                Copy(of=r.pk, record=replace(r, first=rng.choice(others)), errors=("twin",))
            )
    return made
