"""The family most looked-after page tests start from: Ellie and her younger brother Sam, each
with an open case held by the same social worker, referred 60 days ago."""

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
    sam = make_person(first_name="Sam", date_of_birth=date(2018, 6, 1), sex="M")
    Relationship.objects.create(first=ellie, second=sam, kind="sibling")
    referred = timezone.localdate() - timedelta(days=60)
    return (
        make_case(ellie, worker=worker, referral_date=referred),
        make_case(sam, worker=worker, referral_date=referred),
    )
