"""A subject access bundle made as a job: a large record's PDF can take longer than a page
should, so the data officer asks for it, carries on, and downloads it when it is ready. The
file is kept under MEDIA_ROOT by the job's number (no name in it), for the officer who asked
for it alone, and every download is audited as the bundle's release to review."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.reads import looking
from kith.jobs.kinds import Kind
from kith.jobs.models import Job, JobStatus
from kith.jobs.queue import JobFailed
from kith.lib.pdf import pdf_bytes
from kith.people.access import ReasonNeeded, get_person_for
from kith.people.models import Person
from kith.people.subject_access import bundle

SUBJECT_ACCESS = "subject access"
NO_LONGER = (
    "The bundle was not made: you can no longer open this person's record. Ask your manager."
)


def path_of(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "subject-access" / f"{job.pk}.pdf"


def made_by(user: User, person: Person) -> list[Job]:
    """The bundles this officer asked for about this person, newest first."""
    return list(
        Job.objects.filter(kind=SUBJECT_ACCESS, started_by=user, args__person=person.pk)[:5]
    )


def shown_in(job: Job) -> list[Person]:
    """The people a bundle shows, read again (and so audited) as it is downloaded."""
    return list(Person.objects.filter(pk__in=job.args.get("people", [])).only("pk"))


def ready(user: User, person: Person, number: int | None) -> Job:
    """A finished bundle of the officer's own about this person (the newest, or the one
    numbered), whose file is there; Http404 otherwise."""
    for job in made_by(user, person):
        if job.status == JobStatus.DONE and number in (None, job.pk) and path_of(job).exists():
            return job
    raise Http404("No such bundle")


def make(job: Job) -> str:
    """The job: the bundle as the officer who asked may see it now (the same door as the
    page: a record they can no longer open is not made)."""
    officer = job.started_by
    if officer is None:
        raise JobFailed(NO_LONGER)
    try:
        person = get_person_for(officer, job.args["person"])
    except (Http404, ReasonNeeded) as refused:
        raise JobFailed(NO_LONGER) from refused
    job.tell(0, 2)
    # Everyone the bundle reads is accounted for as the officer's look, now and again at each
    # download (the page that serves the file reads them from the list kept here).
    with looking(officer, f"subject access bundle {job.pk}") as look:
        sections = bundle(person, timezone.localdate(), officer)
        job.tell(1, 2)
        pdf = pdf_bytes(
            "people/subject_access_pdf.html",
            {
                "person": person,
                "sections": sections,
                "produced": timezone.localtime(),
                "by": officer,
            },
        )
        read = sorted({person.pk, *look.people})
    path = path_of(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(pdf)
    os.replace(partial, path)
    job.tell(2, 2)
    flagged = sum(s.flagged for s in sections)
    kept = {**job.args, "sections": len(sections), "flagged": flagged, "people": read}
    Job.objects.filter(pk=job.pk).update(args=kept)
    return f"A bundle of {len(sections)} sections, {flagged} entries to review."


KIND = Kind(SUBJECT_ACCESS, "Making a subject access bundle", run=make)
