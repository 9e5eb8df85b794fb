"""Comparing two records field by field: for each field, how far they agree (its level), in
the plain words a data officer reads beside the pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.people import names
from kith.people.terms import DAY_AND_MONTH, ONE_DIGIT, TRANSPOSED, digits
from kith.people.vocabulary import slips_allowed

# What is compared, and each field's levels of agreement, best first. A field missing from
# either record is no evidence either way (level None).
FIELDS: dict[str, tuple[str, ...]] = {
    "first name": ("the same", "another form", "spelt alike", "different"),
    "family name": ("the same", "spelt alike", "different"),
    "date of birth": ("the same", "mistyped", "different"),
    "sex": ("the same", "different"),
    "postcode": ("the same", "different"),
}
FIRST, FAMILY, BORN, SEX, POSTCODE = range(5)
# Each field's levels as a data officer reads them beside a pair.
SAID = (
    ("same first name", "one first name is a short form of the other", "first names spelt alike",
     "different first names"),
    ("same family name", "family names spelt alike", "different family names"),
    ("same date of birth", "", "different dates of birth"),  # a slip says what kind
    ("same sex", "different sex"),
    ("same postcode", "different postcodes"),
)  # fmt: skip
DIFFERENT_FIRST = 3


@dataclass(frozen=True)
class Candidate:
    """What the scan compares of one record, names already normalised."""

    pk: int
    first: str
    family: str
    born: date | None
    nhs: str = ""
    sex: str = ""
    postcode: str = ""
    restricted: bool = False  # compared like anyone, never counted in what is kept

    @classmethod
    def of(
        cls,
        pk: int,
        first: str,
        family: str,
        born: date | None,
        nhs: str = "",
        sex: str = "",
        postcode: str = "",
        restricted: bool = False,
    ) -> Candidate:
        return cls(
            pk,
            names.normalise(first),
            names.normalise(family),
            born,
            nhs or "",
            sex if sex in ("M", "F") else "",
            (postcode or "").replace(" ", "").upper(),
            restricted,
        )


@dataclass(frozen=True)
class Comparison:
    levels: tuple[int | None, ...]
    swapped: bool  # the names agree only when first and family are swapped round
    date_slip: str  # how the dates of birth differ, if by a slip

    @property
    def first_names_differ(self) -> bool:
        """Two first names that are not one name spelt otherwise or shortened: two children,
        whatever else they share. Brothers and sisters share a family name, a home and sometimes
        a birthday; the weights, which take each field as separate evidence, cannot see that."""
        return self.levels[FIRST] == DIFFERENT_FIRST

    @property
    def possibly_twins(self) -> bool:
        """The same family name and birthday with another first name, or a first name spelt
        alike given to a child of the other sex ("Jayden" and "Jaiden"): twins, not one child
        recorded twice."""
        first, family, born = self.levels[FIRST], self.levels[FAMILY], self.levels[BORN]
        if self.swapped or family not in (0, 1) or born != 0:
            return False
        return first == DIFFERENT_FIRST or (first == 2 and self.levels[SEX] == 1)

    def reasons(self) -> tuple[str, ...]:
        said = []
        levels = list(self.levels)
        if self.swapped:  # the names are one thing to say, not two
            exact = levels[FIRST] == 0 and levels[FAMILY] == 0
            said.append("same names, swapped round" if exact else "names alike, swapped round")
            levels[FIRST] = levels[FAMILY] = None
        for i, level in enumerate(levels):
            if level is not None:
                said.append(self.date_slip if i == BORN and level == 1 else SAID[i][level])
        return tuple(said)


def alike(a: str, b: str) -> bool:
    """The same name with a slip (two in a long name, if it begins the same and reads much
    the same), or spelt as it sounds and beginning with the same letter."""
    distance = names.typo_distance(a, b)
    if distance <= 1:
        return True
    same_start = a[:1] == b[:1]
    if distance == 2 and slips_allowed(max(a, b, key=len)) == 2:
        return same_start and names.similarity(a, b) >= 0.85
    return same_start and bool(names.sound(a)) and names.sound(a) == names.sound(b)


def _first_level(a: str, b: str) -> int | None:
    if not a or not b:
        return None
    if a == b:
        return 0
    short, long = sorted((a, b), key=len)
    if names.other_form(a, b) or (len(short) >= 3 and long.startswith(short)):
        return 1
    return 2 if alike(a, b) else 3


def _family_level(a: str, b: str) -> int | None:
    if not a or not b:
        return None
    if a == b:
        return 0
    return 1 if alike(a, b) else 2


def date_slip(a: date, b: date) -> str:
    """How two dates of birth differ if by a slip in typing one of them (in the words "Find a
    person" uses); "" if not."""
    if (a.day, a.month, a.year) == (b.month, b.day, b.year):
        return DAY_AND_MONTH
    x, y = digits(a), digits(b)
    differ = [i for i in range(8) if x[i] != y[i]]
    if len(differ) == 1:
        return ONE_DIGIT
    i, j = [*differ, 0, 0][:2]
    if len(differ) == 2 and j == i + 1 and (x[i], x[j]) == (y[j], y[i]):
        return TRANSPOSED
    return ""


def compare(a: Candidate, b: Candidate) -> Comparison:
    straight = (_first_level(a.first, b.first), _family_level(a.family, b.family))
    crossed = (_first_level(a.first, b.family), _family_level(a.family, b.first))
    swapped = _better(crossed, straight)
    first, family = crossed if swapped else straight
    slip = ""
    if a.born and b.born:
        slip = "" if a.born == b.born else date_slip(a.born, b.born)
        born: int | None = 0 if a.born == b.born else (1 if slip else 2)
    else:
        born = None
    sex = None if not (a.sex and b.sex) else (0 if a.sex == b.sex else 1)
    postcode = None if not (a.postcode and b.postcode) else (0 if a.postcode == b.postcode else 1)
    return Comparison((first, family, born, sex, postcode), swapped, slip)


def _better(crossed: tuple[int | None, int | None], straight: tuple[int | None, ...]) -> bool:
    """Whether the names agree better swapped round: both alike crossed, not both straight."""
    crossed_alike = crossed[0] is not None and crossed[0] <= 2 and crossed[1] in (0, 1)
    straight_alike = straight[0] is not None and straight[0] <= 2 and straight[1] in (0, 1)
    return crossed_alike and not straight_alike
