"""The demo families themselves: a mother, perhaps a father, and one to four children, with
names, dates of birth, ethnicity, language, NHS numbers and UPNs, and the address they share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from kith.demo.builder import (
    STREET_ENDINGS,
    TOWNS,
    WELSH_FAMILY_NAMES,
    WELSH_FIRST_NAMES_FEMALE,
    WELSH_FIRST_NAMES_MALE,
    WELSH_STREET_STARTS,
    Demo,
)
from kith.people.codes import Ethnicity, Sex
from kith.people.identifiers import demo_nhs_number, demo_upn
from kith.people.models import Address, Person
from kith.people.names import NICKNAMES

# Roughly the make-up of children in need in England (DfE CIN census), rounded.
ETHNICITY_WEIGHTS = [
    (Ethnicity.WBRI, 64),
    (Ethnicity.WOTH, 6),
    (Ethnicity.WIRI, 1),
    (Ethnicity.WIRT, 1),
    (Ethnicity.WROM, 1),
    (Ethnicity.MWBC, 3),
    (Ethnicity.MWBA, 1),
    (Ethnicity.MWAS, 2),
    (Ethnicity.MOTH, 3),
    (Ethnicity.AIND, 1),
    (Ethnicity.APKN, 3),
    (Ethnicity.ABAN, 1),
    (Ethnicity.AOTH, 2),
    (Ethnicity.BCRB, 1),
    (Ethnicity.BAFR, 4),
    (Ethnicity.BOTH, 1),
    (Ethnicity.CHNE, 1),
    (Ethnicity.OOTH, 2),
    (Ethnicity.REFU, 1),
    (Ethnicity.NOBT, 1),
]
OTHER_LANGUAGES = ["Polish", "Urdu", "Romanian", "Arabic", "Bengali", "Punjabi", "Somali"]
WELSH_SHARE = 0.15
NICKNAME_SHARE = 0.1
SCHOOL_AGE = 5

DISABILITIES = ["AUT", "BEH", "COMM", "CON", "HEAR", "LD", "MOB", "VIS"]


def _is_child(person: Person, today: date) -> bool:
    return person.age_on(today) is not None and (person.age_on(today) or 0) < 18


def _family(
    demo: Demo, children_left: int, ethnicities: Sequence[str], weights: Sequence[int]
) -> list[Person]:
    rng = demo.rng
    welsh = rng.random() < WELSH_SHARE
    family_name = rng.choice(WELSH_FAMILY_NAMES if welsh else demo.family_names)
    ethnicity = rng.choices(ethnicities, weights)[0]
    language = "Welsh" if welsh and rng.random() < 0.4 else "English"
    if ethnicity not in (Ethnicity.WBRI, Ethnicity.WIRI) and rng.random() < 0.2:
        language = rng.choice(OTHER_LANGUAGES)

    mother_age = rng.randint(19, 52)
    mother = _person(demo, "F", welsh, family_name, demo.years_ago(mother_age + rng.random()))
    people = [mother]
    if rng.random() < 0.55:
        father_name = family_name if rng.random() < 0.7 else rng.choice(demo.family_names)
        father_age = max(18, mother_age + rng.randint(-3, 8))  # parents here are adults
        people.append(
            _person(demo, "M", welsh, father_name, demo.years_ago(father_age + rng.random()))
        )

    n_children = min(children_left, rng.choices([1, 2, 3, 4], [40, 35, 17, 8])[0])
    # Children born between the mother's 17th birthday and now, and under 18.
    eldest_possible = min(17.9, mother_age - 17)
    for _ in range(n_children):
        age = rng.uniform(0, max(eldest_possible, 0.1))
        sex = rng.choice("MF")
        child = _person(demo, sex, welsh, family_name, demo.years_ago(age))
        child.nhs_number = (
            _unique(demo, "nhs", lambda: demo_nhs_number(rng)) if rng.random() < 0.96 else ""
        )
        if age >= SCHOOL_AGE and rng.random() < 0.93:
            child.upn = _unique(demo, "upn", lambda: demo_upn(rng, demo.la_number))
        elif age >= SCHOOL_AGE:
            child.upn_unknown = rng.choice(["UN2", "UN3", "UN5"])
        # Most children have no disability; some have one or two (CIN census codes).
        child.disabilities = (
            ["NONE"] if rng.random() < 0.85 else sorted(rng.sample(DISABILITIES, rng.randint(1, 2)))
        )
        short_forms = NICKNAMES.get(child.first_name.lower())
        if short_forms and rng.random() < NICKNAME_SHARE:
            child.preferred_name = rng.choice(short_forms).capitalize()
        people.append(child)
    for person in people:
        person.ethnicity = ethnicity
        person.first_language = language
    for adult in people[: len(people) - n_children]:
        adult.nhs_number = (
            _unique(demo, "nhs", lambda: demo_nhs_number(rng)) if rng.random() < 0.8 else ""
        )
    return people


def _unique(demo: Demo, kind: str, draw: Callable[[], str]) -> str:
    """A number nobody else in the demo has: real numbers are unique, so demo ones must be."""
    used: set[str] = demo.built.setdefault(f"used {kind}", set())
    number = draw()
    while number in used:
        number = draw()
    used.add(number)
    return number


def _person(demo: Demo, sex: str, welsh: bool, family_name: str, born: date) -> Person:
    rng = demo.rng
    if sex == "F":
        pool = WELSH_FIRST_NAMES_FEMALE if welsh and rng.random() < 0.6 else demo.first_names_female
    else:
        pool = WELSH_FIRST_NAMES_MALE if welsh and rng.random() < 0.6 else demo.first_names_male
    first = rng.choice(pool)
    middle = rng.choice(demo.first_names_female if sex == "F" else demo.first_names_male)
    return Person(
        first_name=first,
        middle_names=middle if rng.random() < 0.6 else "",
        family_name=family_name,
        date_of_birth=born - timedelta(days=rng.randint(0, 3)),
        sex=Sex.FEMALE if sex == "F" else Sex.MALE,
    )


def _address(demo: Demo, *, welsh: bool) -> Address:
    rng = demo.rng
    town = rng.choice(TOWNS)
    street_name = rng.choice(demo.street_names)
    if welsh and rng.random() < 0.5:
        street = f"{rng.choice(WELSH_STREET_STARTS)} {street_name}"
    else:
        street = f"{street_name} {rng.choice(STREET_ENDINGS)}"
    line_1 = f"{rng.randint(1, 180)} {street}"
    if rng.random() < 0.25:
        line_1 = f"Flat {rng.randint(1, 24)}, {line_1}"
    district = rng.choice(demo.postcode_districts[town])
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters postcodes use in their last part
    inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    return Address(
        line_1=line_1,
        town=town,
        postcode=f"{district} {inward}",
    )
