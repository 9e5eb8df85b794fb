"""The demo authority's families: children and the adults they live with, at addresses in the
authority's (invented) towns, with NHS numbers and UPNs from ranges never issued to anyone.

The families themselves are made in families.py; what is recorded around them (relationships,
professionals, other names, planted duplicates) in records.py.
"""

from __future__ import annotations

from kith.demo.builder import Demo
from kith.demo.bulk import insert_rows
from kith.people.codes import AddressType
from kith.people.demo.families import ETHNICITY_WEIGHTS, _address, _family, _is_child
from kith.people.demo.records import _family_records
from kith.people.models import Address, Person, Residence

FAMILIES_PER_BATCH = 1500


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
