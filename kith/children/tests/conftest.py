"""The child the summary and chronology tests read: Ellie, on a child protection plan, with her
mother, her school, two visits (seen alone at the first) and a significant phone call."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.people.models import Involvement, Relationship
from kith.protection.models import ProtectionPlan
from kith.recording.models import CaseNote, Status, Visit
from kith.test import make_case, make_home, make_person


@pytest.fixture
def ellie(persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person(first_name="Ellie", family_name="Jones")
    make_home(child)
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth=date(1988, 1, 1))
    Relationship.objects.create(
        first=mum, second=child, kind="mother", has_parental_responsibility=True
    )
    Involvement.objects.create(person=child, kind="school", organisation="Mill Road Primary")
    case = make_case(child, worker=worker, referral_date=timezone.localdate() - timedelta(days=120))
    today = timezone.localdate()
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=today - timedelta(days=30),
        child_seen="yes",
        seen_alone="yes",
    )
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=today - timedelta(days=10),
        child_seen="yes",
        seen_alone="no",
    )
    CaseNote.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        note_kind="phone",
        happened_on_date=today - timedelta(days=5),
        significant=True,
        text="Police called: father back at the house",
    )
    ProtectionPlan.objects.create(
        case=case,
        started_on=today - timedelta(days=100),
        initial_category="NEG",
        latest_category="EMO",
        what_must_change="No more shouting at home",
    )
    return child, case
