"""A conference's documents: the reports other agencies sent, opened one at a time with every
opening audited, and the letter telling the family the outcome for their child."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone

from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.lib.pdf import pdf_response
from kith.protection.access import get_conference_for


@policy(STAFF)
def report(request: SignedInRequest, pk: int, report_pk: int) -> HttpResponse:
    """One attached report, for someone who may see the conference; every opening audited."""
    found, cases = get_conference_for(request.user, pk)
    document = found.reports.filter(pk=report_pk).first()
    if document is None:
        raise Http404("No such report")
    for case in cases:
        record(
            by=request.user,
            verb=Verb.DOCUMENT_OPENED,
            person=case.child,
            detail={"case": case.pk, "conference": found.pk, "report": document.pk},
        )
    return FileResponse(  # type: ignore[return-value]
        document.document.open("rb"), as_attachment=True, filename=document.original_name
    )


@policy(STAFF)
def conference_letter(request: SignedInRequest, pk: int, case_pk: int) -> HttpResponse:
    """The conference's outcome for one child, in plain English, as a PDF for the family."""
    found, cases = get_conference_for(request.user, pk)
    decision = (
        found.children.filter(case__in=[c for c in cases if c.pk == case_pk])
        .select_related("case__child", "plan")
        .first()
    )
    if decision is None:
        raise Http404("No such child at this conference")
    record(
        by=request.user,
        verb=Verb.CONFERENCE_LETTER_PRINTED,
        person=decision.case.child,
        detail={"conference": found.pk},
    )
    return pdf_response(
        request,
        "protection/conference_letter.html",
        {
            "conference": found,
            "decision": decision,
            "case": decision.case,
            "authority_name": settings.KITH_AUTHORITY_NAME,
            "printed": timezone.localdate(),
        },
        filename=f"conference-{found.held_on}.pdf",
    )
