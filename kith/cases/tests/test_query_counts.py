"""The caseload and the front door's list of contacts use a fixed number of queries, whatever
their size."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Contact
from kith.test import make_case, make_person, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 15])
def test_the_caseload(persona, django_assert_max_num_queries, n):
    worker = persona[Role.SOCIAL_WORKER]
    for _ in range(n):
        make_case(make_person(), worker=worker)
    client = signed_in_client(worker)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("cases:caseload")).status_code == 200


@pytest.mark.parametrize("n", [1, 15])
def test_the_contacts_list(persona, django_assert_max_num_queries, n):
    front_door = persona[Role.FRONT_DOOR]
    for i in range(n):
        Contact.objects.create(
            received_at=timezone.now(),
            child=make_person(),
            referrer_name="x",
            source="2A",
            worries="y",
            recorded_by=front_door,
            outcome="nfa" if i % 2 else "",
            decided_at=timezone.now() if i % 2 else None,
            decided_by=front_door if i % 2 else None,
        )
    client = signed_in_client(front_door)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("cases:contacts")).status_code == 200
