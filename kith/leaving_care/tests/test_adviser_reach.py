"""A personal adviser's reach ends at the young person: not their mother or their baby (access
follows family for everyone else), not search across the authority, not the front door's
contacts, not adding people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.leaving_care.models import CareLeaver
from kith.people.access import may_open, may_record_about, standing_access
from kith.people.models import Relationship
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def advised(persona):
    today = timezone.localdate()
    worker = persona[Role.SOCIAL_WORKER]
    wren = make_person(first_name="Wren", date_of_birth=today - timedelta(days=19 * 365))
    mother = make_person(first_name="Maud", date_of_birth=today - timedelta(days=45 * 365))
    baby = make_person(first_name="Bea", date_of_birth=today - timedelta(days=100))
    Relationship.objects.create(first=mother, second=wren, kind="mother", counts_for_access=True)
    Relationship.objects.create(first=wren, second=baby, kind="mother", counts_for_access=True)
    case = make_case(wren, worker=worker)
    make_case(baby, worker=worker)
    adviser = make_user(Role.PERSONAL_ADVISER, team=None)
    CareLeaver.objects.create(
        child=wren, case=case, adviser=adviser, started_on=today, recorded_by=worker
    )
    return adviser, wren, mother, baby, worker


def test_the_adviser_opens_the_young_person_and_nobody_in_her_family(advised):
    adviser, wren, mother, baby, worker = advised
    assert may_open(adviser, wren) and standing_access(adviser, wren)
    assert not may_open(adviser, mother)
    assert not may_open(adviser, baby)
    assert not may_record_about(adviser, mother)
    # The worker's access still follows the family.
    assert may_open(worker, mother)


@pytest.mark.parametrize(
    "page", ["people:find", "cases:contacts", "cases:new_contact", "people:new"]
)
def test_the_authority_wide_pages_refuse_the_adviser(advised, page):
    adviser = advised[0]
    assert signed_in_client(adviser).get(reverse(page)).status_code == 403
