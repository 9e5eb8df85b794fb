"""The family most child protection page tests start from: Ellie and her younger brother Sam,
each with an open case held by the same social worker. A test module with a family of its own
(test_family, test_dates_before_the_child) defines its own `family`, which pytest prefers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.people.models import Relationship
from kith.test import make_case, make_person


@pytest.fixture
def family(persona):
    worker = persona[Role.SOCIAL_WORKER]
    ellie = make_person(first_name="Ellie", date_of_birth=date(2015, 3, 14))
    sam = make_person(first_name="Sam", date_of_birth=date(2018, 6, 1))
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    ellie_case = make_case(
        ellie, worker=worker, referral_date=timezone.localdate() - timedelta(days=40)
    )
    sam_case = make_case(
        sam, worker=worker, referral_date=timezone.localdate() - timedelta(days=40)
    )
    return ellie_case, sam_case
