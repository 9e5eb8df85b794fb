"""What is recorded around the demo families: relationships, GPs, schools and health visitors,
other names, and the second records of a few children that a busy front door makes."""

from __future__ import annotations

from kith.demo.builder import Demo
from kith.demo.bulk import insert_rows
from kith.people import vocabulary
from kith.people.actions import name_key_values
from kith.people.codes import (
    AddressType,
    ContactRestriction,
    Ethnicity,
    InvolvementKind,
    OtherNameKind,
    Sex,
)
from kith.people.demo.families import SCHOOL_AGE, _is_child
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

# About one child in seventy is recorded twice, before a data officer finds and merges them.
DUPLICATE_SHARE = 0.015
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
    keys = [
        (p.pk, field, k["name"], k["sound"], k["letters"], k["canonical"])
        for p in everyone
        for field, k in name_key_values(p, by_person.get(p.pk, []))
    ]
    insert_rows(NameKey, ["person", "field", "name", "sound", "letters", "canonical"], keys)
    vocabulary.learn({name for _, _, name, _, _, _ in keys})
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
