"""The demo authority's families: children and the adults they live with, at addresses in the
authority's (invented) towns, with NHS numbers and UPNs from ranges never issued to anyone."""

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
from kith.demo.bulk import insert_rows
from kith.people.actions import name_key_values
from kith.people.codes import (
    AddressType,
    ContactRestriction,
    Ethnicity,
    InvolvementKind,
    OtherNameKind,
    Sex,
)
from kith.people.identifiers import demo_nhs_number, demo_upn
from kith.people.models import (
    Address,
    Involvement,
    NameKey,
    OtherName,
    Person,
    Relationship,
    Residence,
)
from kith.people.names import NICKNAMES
from kith.people.relationships import RelationshipKind, makes_family

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
# About one child in seventy is recorded twice, before a data officer finds and merges them.
DUPLICATE_SHARE = 0.015
NICKNAME_SHARE = 0.1
ALIAS_SHARE = 0.02
GP_PRACTICES = [
    "Mill Road Surgery",
    "Westholm Health Centre",
    "Caerwen Medical Practice",
    "Abermerin Surgery",
    "Kingsmere Family Practice",
    "Oakridge Medical Centre",
    "Brynllan Surgery",
    "Ashby Vale Practice",
]
SCHOOLS = {
    False: [
        "Westholm Primary School",
        "St Mary's Church of England Primary",
        "Ysgol Gynradd Caerwen",
        "Kingsmere Infant and Junior School",
        "Oakridge Primary Academy",
        "Brynllan Community Primary",
    ],
    True: [
        "Westholm Academy",
        "Caerwen High School",
        "Kingsmere School",
        "Abermerin College",
        "Oakridge Secondary School",
    ],
}
FAMILIES_PER_BATCH = 1500
SCHOOL_AGE = 5

DISABILITIES = ["AUT", "BEH", "COMM", "CON", "HEAR", "LD", "MOB", "VIS"]


def build(demo: Demo) -> None:
    """Build families until the authority has `demo.children` children. A family is one or two
    adults and one to four children living at one address; most children are of school age.
    Families get their relationships, GPs, schools and health visitors, some previous names and
    nicknames, and a small share of children recorded twice (a typo, a nickname, a day and month
    swapped), as happens in every authority's records."""
    ethnicities = [e for e, _ in ETHNICITY_WEIGHTS]
    weights = [w for _, w in ETHNICITY_WEIGHTS]
    planted: list[tuple[int, int]] = []
    made = 0
    while made < demo.children:
        addresses: list[Address] = []
        households: list[list[Person]] = []
        while made < demo.children and len(households) < FAMILIES_PER_BATCH:
            family = _family(demo, demo.children - made, ethnicities, weights)
            made += sum(1 for p in family if p.date_of_birth and _is_child(p, demo.today))
            households.append(family)
            addresses.append(_address(demo, welsh=family[0].first_language == "Welsh"))
        Address.objects.bulk_create(addresses, batch_size=2000)
        people = [p for family in households for p in family]
        Person.objects.bulk_create(people, batch_size=2000)
        insert_rows(
            Residence,
            ["person", "address", "kind", "start_date", "end_date"],
            (
                (
                    person.pk,
                    address.pk,
                    AddressType.HOME,
                    demo.date_between(
                        max(person.date_of_birth or demo.today, demo.years_ago(8)), demo.today
                    ),
                    None,
                )
                for family, address in zip(households, addresses, strict=True)
                for person in family
            ),
        )
        people += _family_records(demo, households, addresses, planted)
        demo.count("addresses", len(addresses))
        demo.count("people", len(people))
    demo.count("children", made)
    demo.count("planted duplicates", len(planted))
    demo.built["planted_duplicates"] = planted


def _family_records(
    demo: Demo,
    households: list[list[Person]],
    addresses: list[Address],
    planted: list[tuple[int, int]],
) -> list[Person]:
    """Relationships, professionals, other names and planted duplicates for a batch of
    families (already saved). Returns the duplicate records it made."""
    rng = demo.rng
    relationships: list[Relationship] = []
    involvements: list[Involvement] = []
    other_names: list[OtherName] = []
    duplicates: list[tuple[Person, Person, Address]] = []
    for family, address in zip(households, addresses, strict=True):
        children = [p for p in family if _is_child(p, demo.today)]
        adults = [p for p in family if p not in children]
        for adult in adults:
            kind = RelationshipKind.MOTHER if adult.sex == Sex.FEMALE else RelationshipKind.FATHER
            for child in children:
                relationships.append(
                    Relationship(
                        first=adult,
                        second=child,
                        kind=kind,
                        has_parental_responsibility=kind == RelationshipKind.MOTHER
                        or rng.random() < 0.85,
                        start_date=child.date_of_birth,
                    )
                )
            involvements.append(_gp(demo, adult))
        if len(adults) == 2:
            relationships.append(
                Relationship(first=adults[0], second=adults[1], kind=RelationshipKind.PARTNER)
            )
            if rng.random() < 0.08:
                relationships[-1].contact_restriction = ContactRestriction.SUPERVISED
        for i, child in enumerate(children):
            for sibling in children[i + 1 :]:
                relationships.append(
                    Relationship(first=child, second=sibling, kind=RelationshipKind.SIBLING)
                )
            involvements.append(_gp(demo, child))
            age = child.age_on(demo.today) or 0
            if age < SCHOOL_AGE:
                involvements.append(
                    Involvement(
                        person=child,
                        kind=InvolvementKind.HEALTH_VISITOR,
                        organisation="Westholm and Caerwen Community Health",
                        name=_professional_name(demo),
                        role="Health visitor",
                    )
                )
            else:
                involvements.append(
                    Involvement(
                        person=child,
                        kind=InvolvementKind.SCHOOL,
                        organisation=rng.choice(SCHOOLS[age >= 11]),
                        name=_professional_name(demo),
                        role="Designated safeguarding lead",
                    )
                )
            if rng.random() < ALIAS_SHARE:
                other_names.append(
                    OtherName(
                        person=child,
                        kind=OtherNameKind.ALIAS,
                        first_name=rng.choice(
                            demo.first_names_female
                            if child.sex == Sex.FEMALE
                            else demo.first_names_male
                        ),
                        family_name=child.family_name,
                    )
                )
            if rng.random() < DUPLICATE_SHARE:
                duplicates.append((child, _near_duplicate(demo, child), address))
        mother = adults[0] if adults and adults[0].sex == Sex.FEMALE else None
        if mother and rng.random() < 0.25:
            other_names.append(
                OtherName(
                    person=mother,
                    kind=OtherNameKind.PREVIOUS_FAMILY_NAME,
                    family_name=rng.choice(demo.family_names),
                )
            )
    if duplicates:
        Person.objects.bulk_create([d for _, d, _ in duplicates], batch_size=2000)
        insert_rows(
            Residence,
            ["person", "address", "kind", "start_date", "end_date"],
            [
                (d.pk, a.pk, AddressType.HOME, None, None)
                for _, d, a in duplicates
                if rng.random() < 0.5
            ],
        )
        planted.extend((original.pk, copy.pk) for original, copy, _ in duplicates)
    insert_rows(
        Relationship,
        [
            "first",
            "second",
            "kind",
            "has_parental_responsibility",
            "contact_restriction",
            "start_date",
            "end_date",
            "notes",
            "version",
            "counts_for_access",
        ],
        [
            (
                r.first.pk,
                r.second.pk,
                r.kind,
                r.has_parental_responsibility,
                r.contact_restriction,
                r.start_date,
                r.end_date,
                "",
                1,
                makes_family(r.kind, r.has_parental_responsibility),
            )
            for r in relationships
        ],
    )
    insert_rows(
        Involvement,
        [
            "person",
            "kind",
            "name",
            "organisation",
            "role",
            "phone",
            "email",
            "start_date",
            "end_date",
        ],
        [
            (i.person.pk, i.kind, i.name, i.organisation, i.role, i.phone, "", i.start_date, None)
            for i in involvements
        ],
    )
    OtherName.objects.bulk_create(other_names, batch_size=2000)
    by_person: dict[int, list[OtherName]] = {}
    for other in other_names:
        by_person.setdefault(other.person_id, []).append(other)
    everyone = [p for family in households for p in family] + [d for _, d, _ in duplicates]
    insert_rows(
        NameKey,
        ["person", "field", "name", "sound", "letters", "canonical"],
        (
            (p.pk, field, k["name"], k["sound"], k["letters"], k["canonical"])
            for p in everyone
            for field, k in name_key_values(p, by_person.get(p.pk, []))
        ),
    )
    demo.count("relationships", len(relationships))
    demo.count("professionals", len(involvements))
    return [d for _, d, _ in duplicates]


def _professional_name(demo: Demo) -> str:
    return f"{demo.rng.choice(demo.first_names_female)} {demo.rng.choice(demo.family_names)}"


def _gp(demo: Demo, person: Person) -> Involvement:
    practice = demo.rng.choice(GP_PRACTICES)
    return Involvement(
        person=person,
        kind=InvolvementKind.GP,
        organisation=practice,
        phone="01632 960" + f"{demo.rng.randint(100, 999)}",
    )


def _near_duplicate(demo: Demo, child: Person) -> Person:
    """A second record of the same child, as a busy front door might make it: a typo in the
    family name, a nickname, the day and month of birth swapped, or no NHS number."""
    rng = demo.rng
    copy = Person(
        first_name=child.first_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        ethnicity=Ethnicity.NOBT,
    )
    change = rng.choice(["typo", "nickname", "swapped", "plain"])
    if change == "typo" and len(child.family_name) > 3:
        name = child.family_name
        i = rng.randrange(1, len(name) - 1)
        copy.family_name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    elif change == "nickname" and NICKNAMES.get(child.first_name.lower()):
        copy.first_name = rng.choice(NICKNAMES[child.first_name.lower()]).capitalize()
    elif change == "swapped" and child.date_of_birth and child.date_of_birth.day <= 12:
        born = child.date_of_birth
        if born.day != born.month:
            copy.date_of_birth = born.replace(day=born.month, month=born.day)
    return copy


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
