"""Merging two records of one child moves their contacts and cases too (they would otherwise
be hidden on the merged record), and is refused while both have an open case."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Case, Contact
from kith.people.merging import MergeRefused, merge_people, undo_merge
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db


def test_contacts_and_cases_move_to_the_record_kept_and_back_on_undo(persona):
    worker = persona[Role.SOCIAL_WORKER]
    kept, duplicate = make_person(first_name="Ann"), make_person(first_name="Anne")
    case = make_case(duplicate, worker=worker)
    contact = Contact.objects.create(
        received_at=timezone.now(),
        child=duplicate,
        referrer_name="x",
        source="2A",
        worries="w",
        recorded_by=worker,
    )
    merge = merge_people(kept, duplicate, by=worker, why="Same child")
    assert Case.objects.get(pk=case.pk).child == kept
    assert Contact.objects.get(pk=contact.pk).child == kept
    undo_merge(merge, by=worker)
    assert Case.objects.get(pk=case.pk).child == duplicate


def test_two_open_cases_stop_the_merge(persona):
    worker = persona[Role.SOCIAL_WORKER]
    kept, duplicate = make_person(), make_person()
    make_case(kept, worker=worker)
    make_case(duplicate, worker=worker)
    with pytest.raises(MergeRefused, match="Both records have an open case"):
        merge_people(kept, duplicate, by=worker, why="Same child")
    assert duplicate.cases.count() == 1
