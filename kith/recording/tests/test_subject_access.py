"""A subject access bundle holds the person's contacts, cases, records and child protection
records too, with narrative flagged for redaction review."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.cases.models import Contact
from kith.people.subject_access import bundle
from kith.protection.models import ProtectionPlan
from kith.recording.models import Status, Visit
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db


def test_the_bundle_has_the_casework_with_narrative_flagged(persona):
    worker = persona[Role.SOCIAL_WORKER]
    ellie = make_person(first_name="Ellie")
    case = make_case(ellie, worker=worker)
    Contact.objects.create(
        received_at=timezone.now(),
        child=ellie,
        referrer_name="Ms Patel",
        source="2A",
        worries="A bruise on her arm",
        recorded_by=persona[Role.FRONT_DOOR],
    )
    Visit.objects.create(
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=timezone.localdate(),
        child_seen="yes",
        observations="Mum Kerry was calm",
    )
    ProtectionPlan.objects.create(
        case=case,
        started_on=timezone.localdate(),
        initial_category="NEG",
        latest_category="NEG",
        what_must_change="Food in the house",
    )
    sections = {s.title: s for s in bundle(ellie, timezone.localdate())}
    contacts = sections["Contacts about them"]
    assert any("A bruise on her arm" in e.text and e.names_others for e in contacts.entries)
    records = sections[f"Case {case.reference} and its records"]
    assert any(e.text.startswith("Visit,") for e in records.entries)
    observed = next(e for e in records.entries if "Mum Kerry was calm" in e.text)
    assert observed.names_others
    protection = sections["Child protection"]
    assert any("Food in the house" in e.text and e.names_others for e in protection.entries)
    assert list(sections)[-1] == "Who has looked at or changed this record"


def test_someone_with_no_casework_has_no_casework_sections(persona):
    titles = [s.title for s in bundle(make_person(), timezone.localdate())]
    assert "Child protection" not in titles
    assert not any(t.startswith("Case ") or t.startswith("Contacts") for t in titles)
