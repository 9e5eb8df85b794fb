"""A subject access request: the preview of everything held about a person, and its PDF bundle,
made as a job (kith/people/subject_access_bundles.py) and downloaded when it is ready."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import DATA_OFFICERS, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.jobs.models import JobStatus
from kith.jobs.queue import start
from kith.people.access import get_person_for
from kith.people.subject_access import bundle
from kith.people.subject_access_bundles import (
    SUBJECT_ACCESS,
    made_by,
    path_of,
    ready,
    shown_in,
)


@policy(DATA_OFFICERS)
def subject_access(request: SignedInRequest, pk: int) -> HttpResponse:
    """A subject access request: preview everything held about the person, entries naming
    other people flagged for redaction review; make the PDF bundle, then download it."""
    found = get_person_for(request.user, pk)
    if request.method == "POST":
        start(SUBJECT_ACCESS, by=request.user, person=found.pk)
        return redirect("people:subject_access", found.pk)
    if request.GET.get("format") == "pdf":
        number = request.GET.get("bundle", "")
        made = ready(request.user, found, int(number) if number.isdecimal() else None)
        shown_in(made)  # a look at everyone the file shows, as the page showing them was
        record(
            by=request.user,
            verb=Verb.SUBJECT_ACCESS_PRODUCED,
            person=found,
            detail={
                "bundle": made.pk,
                "sections": made.args.get("sections"),
                "flagged": made.args.get("flagged"),
            },
        )
        return FileResponse(  # type: ignore[return-value]
            open(path_of(made), "rb"),
            as_attachment=True,
            filename=f"subject-access-{found.person_number}.pdf",
            content_type="application/pdf",
        )
    bundles = made_by(request.user, found)
    making = any(b.status in (JobStatus.WAITING, JobStatus.RUNNING) for b in bundles)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "people/_subject_access_bundles.html",
            {"person": found, "bundles": bundles, "making": making},
        )
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=found,
        detail={"page": "subject access"},
    )
    sections = bundle(found, timezone.localdate(), request.user)
    return render(
        request,
        "people/subject_access.html",
        {"person": found, "sections": sections, "bundles": bundles, "making": making},
    )
