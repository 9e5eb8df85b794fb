"""What most of the people page tests share: the Jones family (Kerry and her daughter Ellie,
at one home) and a social worker signed in to open their pages."""

from datetime import date

import pytest

from kith.accounts.roles import Role
from kith.people.actions import index_names
from kith.people.models import Relationship, Residence
from kith.test import make_home, make_person, signed_in_client


@pytest.fixture
def family(db):
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth=date(1988, 6, 1))
    ellie = make_person(first_name="Ellie", family_name="Jones", nhs_number="9434765919")
    home = make_home(ellie)
    Residence.objects.create(person=mum, address=home.address)
    Relationship.objects.create(
        first=mum, second=ellie, kind="mother", has_parental_responsibility=True
    )
    for p in (mum, ellie):
        index_names(p)
    return {"mum": mum, "ellie": ellie}


@pytest.fixture
def worker(persona):
    return signed_in_client(persona[Role.SOCIAL_WORKER])
