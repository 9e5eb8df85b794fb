"""The returns pages (data officers): make the census with progress, download it (audited),
see the community validator's findings linked to the children, and the data quality page; and
the census's rules shown where workers record."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.jobs import watchdog
from kith.jobs.models import Job, JobStatus
from kith.jobs.queue import give_up
from kith.recording.models import Assessment, Status
from kith.returns import runs
from kith.returns.models import ReturnRun, RunStatus
from kith.test import make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(persona):
    return signed_in_client(persona[Role.DATA_OFFICER])


def _child(**fields):
    fields.setdefault("date_of_birth", date(2015, 6, 1))
    fields.setdefault("sex", "F")
    fields.setdefault("disabilities", ["NONE"])
    fields.setdefault("upn_unknown", "UN3")
    return make_person(**fields)


def test_a_data_officer_makes_and_downloads_the_census(officer, persona):
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )
    page = page_text(officer.get(reverse("returns:returns")))
    assert "Make the census file" in page and "1 April 2025 to 31 March 2026" in page
    response = officer.post(reverse("returns:returns"), {"year": "2026"})
    run = ReturnRun.objects.get()
    assert response["Location"] == reverse("returns:run", args=[run.pk])
    assert (run.status, run.children, run.year) == (RunStatus.DONE, 1, 2026)
    page = page_text(officer.get(response["Location"]))
    assert "The file is ready" in page and "1 child" in page
    download = officer.get(reverse("returns:download", args=[run.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert "CIN_Census_938_2026.xml" in download["Content-Disposition"]
    body = b"".join(download.streaming_content).decode()
    assert "<ReferenceDate>2026-03-31</ReferenceDate>" in body
    assert AuditEvent.objects.filter(verb=Verb.RETURN_MADE).exists()
    assert AuditEvent.objects.filter(verb=Verb.RETURN_DOWNLOADED, detail__run=run.pk).exists()


def test_the_validator_s_findings_link_to_the_children(officer, persona):
    child = _child()
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(child, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    Assessment.objects.create(  # started the day before the referral: census rule 1103
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 4, 30)
    )
    officer.post(reverse("returns:returns"), {"year": "2026", "check": "on"})
    run = ReturnRun.objects.get()
    assert run.check_with_validator and "1103" in run.validation["error_codes"]
    page = page_text(officer.get(reverse("returns:run", args=[run.pk])))
    assert "Error 1103" in page
    assert reverse("children:summary", args=[child.pk]) in page


def test_while_it_is_made_the_page_shows_how_far_it_has_got(officer, persona):
    run = ReturnRun.objects.create(
        year=2026, started_by=persona[Role.DATA_OFFICER], total=400, done=100
    )
    url = reverse("returns:run", args=[run.pk])
    page = page_text(officer.get(url))
    assert "100 of 400 children looked at (25%)" in page and 'hx-trigger="every 1s"' in page
    fragment = page_text(officer.get(url, HTTP_HX_REQUEST="true"))
    assert fragment.startswith(f'<div id="run-{run.pk}"') and "<html" not in fragment
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, problem="It broke.")
    failed = page_text(officer.get(url, HTTP_HX_REQUEST="true"))
    assert "The file was not made" in failed and "every 1s" not in failed
    assert officer.get(reverse("returns:download", args=[run.pk])).status_code == 404


# The real worker closes a connection its own way between jobs: outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_a_run_waiting_for_the_worker_says_so_then_is_made_by_it(officer, persona, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )
    officer.post(reverse("returns:returns"), {"year": "2026"})
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.RUNNING and run.job.status == JobStatus.WAITING
    url = reverse("returns:run", args=[run.pk])
    assert "Waiting its turn" in page_text(officer.get(url))
    call_command("run_worker", "--until-empty")
    run.refresh_from_db()
    assert (run.status, run.children, run.done, run.job.status) == (
        RunStatus.DONE,
        1,
        1,
        JobStatus.DONE,
    )
    assert "The file is ready" in page_text(officer.get(url))


def test_a_run_whose_job_fails_says_the_file_was_not_made(officer, persona, monkeypatch):
    def broken(year, out, progress):
        raise OSError("No space left on device")

    monkeypatch.setattr(runs, "write_cin_census", broken)
    response = officer.post(reverse("returns:returns"), {"year": "2026"})
    run = ReturnRun.objects.get()
    assert response["Location"] == reverse("returns:run", args=[run.pk])
    assert run.status == RunStatus.FAILED and run.job.status == JobStatus.FAILED
    page = page_text(officer.get(response["Location"]))
    assert "The file was not made" in page and "a problem in Kith" in page
    assert "Make the file again" in page


def test_a_run_given_up_after_its_worker_died_says_why(officer, persona):
    run = ReturnRun.objects.create(year=2026, started_by=persona[Role.DATA_OFFICER])
    job = Job.objects.create(kind=runs.CENSUS, args={"run": run.pk}, status=JobStatus.RUNNING)
    give_up(job, watchdog.CUT_SHORT, worker=job.worker)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.problem == watchdog.CUT_SHORT
    assert run.finished_at is not None


def test_the_data_quality_page_lists_each_problem_with_its_fix(officer, persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = _child(first_name="Mia", disabilities=[])
    case = make_case(child, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    Assessment.objects.create(
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 4, 30)
    )
    page = page_text(officer.get(reverse("returns:quality"), {"year": "2026"}))
    assert "Data quality, 2025 to 2026" in page
    assert "Disability not recorded" in page and "Assessment started before the referral" in page
    assert reverse("people:person", args=[child.pk]) in page  # data officers see, workers fix
    assert reverse("recording:record", args=["assessment", case.assessments.get().pk]) in page
    assert reverse("children:summary", args=[child.pk]) in page
    assert "2 errors and 0 queries" in page
    assert AuditEvent.objects.filter(verb=Verb.DATA_QUALITY_VIEWED, detail__year=2026).exists()
    clean = page_text(officer.get(reverse("returns:quality"), {"year": "2024"}))
    assert "Nothing to fix" in clean


def test_quality_page_does_not_name_a_restricted_child_to_an_officer_not_named_on_it(persona):
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    child = _child(first_name="Secretia", family_name="Hidden", disabilities=[], restricted=True)
    make_case(child, worker=persona[Role.SOCIAL_WORKER], referral_date=date(2025, 5, 1))
    # The record itself does not exist for this officer ...
    assert officer.get(reverse("people:person", args=[child.pk])).status_code == 404
    # ... and the data quality page counts the problem without naming the child.
    page = page_text(officer.get(reverse("returns:quality"), {"year": "2026"}))
    assert "Secretia" not in page
    assert "A restricted record" in page and "1 error" in page


def test_workers_see_the_census_s_problems_where_they_record(persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = _child(disabilities=[])
    case = make_case(child, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    assessment = Assessment.objects.create(
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 4, 30)
    )
    client = signed_in_client(worker)
    case_page = page_text(client.get(reverse("recording:case", args=[case.pk])))
    assert "The children in need census will query these" in case_page
    assert "before the referral" in case_page and "(census rule 1103)" in case_page
    record = page_text(client.get(reverse("recording:record", args=["assessment", assessment.pk])))
    assert "before the referral" in record and "Whether the child has a disability" not in record
    person = page_text(client.get(reverse("people:person", args=[child.pk])))
    assert "Whether the child has a disability is not recorded" in person
    assert "before the referral" not in person
