from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.jobs.models import Job, JobStatus
from kith.jobs.queue import perform
from kith.people.models import Involvement, Relationship
from kith.people.subject_access import bundle
from kith.people.subject_access_bundles import NO_LONGER, path_of
from kith.test import make_home, make_person, make_user, page_text, signed_in_client


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


def test_the_pdf_is_made_as_a_job_then_downloaded_and_audited(persona, ellie):
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    url = reverse("people:subject_access", args=[ellie.pk])
    assert officer.get(url, {"format": "pdf"}).status_code == 404  # none made yet
    assert officer.post(url)["Location"] == url
    job = Job.objects.get(kind="subject access")
    assert job.status == JobStatus.DONE and job.args["person"] == ellie.pk
    assert "Ellie" not in job.outcome  # the Jobs page is for administrators: no names
    page = page_text(officer.get(url))
    assert f"?format=pdf&amp;bundle={job.pk}" in officer.get(url).content.decode()
    assert "Download the bundle (PDF)" in page
    assert not AuditEvent.objects.filter(verb=Verb.SUBJECT_ACCESS_PRODUCED).exists()
    response = officer.get(url, {"format": "pdf", "bundle": job.pk})
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF")
    assert "subject-access-P" in response["Content-Disposition"]
    event = AuditEvent.objects.get(verb=Verb.SUBJECT_ACCESS_PRODUCED)
    assert event.person == ellie
    assert event.detail == {"bundle": job.pk, "sections": 6, "flagged": 1}


def test_a_bundle_is_for_the_officer_who_asked_and_the_person_it_is_about(persona, ellie):
    asked = make_user(Role.DATA_OFFICER)
    signed_in_client(asked).post(reverse("people:subject_access", args=[ellie.pk]))
    job = Job.objects.get(kind="subject access")
    other = signed_in_client(persona[Role.DATA_OFFICER])
    mine = {"format": "pdf", "bundle": job.pk}
    assert other.get(reverse("people:subject_access", args=[ellie.pk]), mine).status_code == 404
    someone_else = make_person(first_name="Noor")
    own = signed_in_client(asked).get(
        reverse("people:subject_access", args=[someone_else.pk]), mine
    )
    assert own.status_code == 404


def test_a_bundle_asked_for_a_record_no_longer_open_to_the_officer_is_not_made(
    persona, ellie, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    officer = persona[Role.DATA_OFFICER]
    job = Job.objects.create(kind="subject access", started_by=officer, args={"person": ellie.pk})
    ellie.restricted = True
    ellie.save()
    perform(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.problem == NO_LONGER
    assert not path_of(job).exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PARTNER])
def test_only_data_officers_produce_it(persona, ellie, role):
    assert (
        signed_in_client(persona[role])
        .get(reverse("people:subject_access", args=[ellie.pk]))
        .status_code
        == 403
    )
