"""What the referrer is told about the decision on their contact: recorded, and printed as a
letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases import actions
from kith.cases.access import get_contact_for
from kith.cases.forms import FeedbackForm
from kith.drafts import actions as drafts


@policy(RECORDERS)
def feedback(request: SignedInRequest, pk: int) -> HttpResponse:
    """What the referrer was told, and when (then print it as a letter if they want one)."""
    found = get_contact_for(request.user, pk, to_decide=True)
    if not found.is_decided:
        messages.info(request, "Record the decision first, then what the referrer was told.")
        return redirect("cases:contact", found.pk)
    form = FeedbackForm(
        drafts.data_for(request),
        initial={
            "version": found.version,
            "feedback": found.feedback,
            "feedback_given_on": found.feedback_given_on or timezone.localdate(),
        },
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_feedback(
                found,
                by=request.user,
                version=data["version"],
                feedback=data["feedback"],
                feedback_given_on=data["feedback_given_on"],
            )
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this contact after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            messages.success(request, "What the referrer was told is recorded.")
            return redirect("cases:contact", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "What we told the referrer",
            "caption": f"Contact {found.reference}",
            "cancel": found.pk,
        },
    )


@policy(STAFF)
def letter(request: SignedInRequest, pk: int) -> HttpResponse:
    """The decision as a letter to the referrer, ready to print."""
    found = get_contact_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.CONTACT_LETTER_PRINTED,
        person=found.child,
        detail={"contact": found.pk},
    )
    return render(request, "cases/letter.html", {"contact": found, "today": timezone.localdate()})
