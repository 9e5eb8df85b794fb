"""A subject access request: the preview of everything held about a person, and its PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kith.accounts.policies import DATA_OFFICERS, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.lib.pdf import pdf_response
from kith.people.access import get_person_for
from kith.people.subject_access import bundle


@policy(DATA_OFFICERS)
def subject_access(request: SignedInRequest, pk: int) -> HttpResponse:
    """A subject access request: preview everything held about the person, entries naming
    other people flagged for redaction review, then download it as one PDF."""
    found = get_person_for(request.user, pk)
    sections = bundle(found, timezone.localdate(), request.user)
    if request.GET.get("format") == "pdf":
        # Imported here: WeasyPrint needs the Pango library, which only PDF pages use.
        record(
            by=request.user,
            verb=Verb.SUBJECT_ACCESS_PRODUCED,
            person=found,
            detail={"sections": len(sections), "flagged": sum(s.flagged for s in sections)},
        )
        return pdf_response(
            request,
            "people/subject_access_pdf.html",
            {
                "person": found,
                "sections": sections,
                "produced": timezone.localtime(),
                "by": request.user,
            },
            filename=f"subject-access-{found.person_number}.pdf",
            download=True,
        )
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=found,
        detail={"page": "subject access"},
    )
    return render(request, "people/subject_access.html", {"person": found, "sections": sections})
