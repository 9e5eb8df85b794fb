from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.models import Involvement, Relationship
from kith.people.subject_access import bundle
from kith.test import make_home, make_person, signed_in_client


@pytest.fixture
def ellie(db):
    ellie = make_person(nhs_number="9434765919")
    make_home(ellie)
    mum = make_person(first_name="Kerry", date_of_birth=date(1988, 1, 1))
    Relationship.objects.create(
        first=mum, second=ellie, kind="mother", has_parental_responsibility=True
    )
    Involvement.objects.create(person=ellie, kind="gp", organisation="Mill Road Surgery")
    return ellie


def test_the_bundle_holds_every_section_and_flags_other_people(ellie):
    sections = {s.title: s for s in bundle(ellie, date(2026, 11, 21))}
    assert list(sections) == [
        "Personal details",
        "Names and reference numbers",
        "Addresses",
        "Family and other relationships",
        "Professionals and agencies involved",
        "Who has looked at or changed this record",
    ]
    family = sections["Family and other relationships"]
    assert family.entries[0].text == "Kerry Jones: Mother, holds parental responsibility"
    assert family.flagged == 1
    assert "NHS number: 943 476 5919" in [
        e.text for e in sections["Names and reference numbers"].entries
    ]
    assert sections["Personal details"].flagged == 0


def test_a_data_officer_previews_it(persona, ellie):
    html = (
        signed_in_client(persona[Role.DATA_OFFICER])
        .get(reverse("people:subject_access", args=[ellie.pk]))
        .content.decode()
    )
    assert "Subject access request" in html
    assert "1 to review" in html
    assert "Mill Road Surgery" in html


def test_the_pdf_is_produced_and_audited(persona, ellie):
    response = signed_in_client(persona[Role.DATA_OFFICER]).get(
        reverse("people:subject_access", args=[ellie.pk]), {"format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert "subject-access-P" in response["Content-Disposition"]
    event = AuditEvent.objects.get(verb=Verb.SUBJECT_ACCESS_PRODUCED)
    assert event.person == ellie
    assert event.detail == {"sections": 6, "flagged": 1}


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PARTNER])
def test_only_data_officers_produce_it(persona, ellie, role):
    assert (
        signed_in_client(persona[role])
        .get(reverse("people:subject_access", args=[ellie.pk]))
        .status_code
        == 403
    )
