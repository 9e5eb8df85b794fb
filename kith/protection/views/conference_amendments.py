"""Amending a conference: correcting it with a reason, keeping what it said before, only by
someone who may record for every child it covers; and the way there from an enquiry, where the
census's check on a conference's date sends the worker."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kith.accounts.models import User
from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.cases import actions as case_actions
from kith.cases.models import Case
from kith.drafts import actions as drafts
from kith.lib.forms import problems
from kith.lib.working_days import is_working_day
from kith.protection import actions
from kith.protection.access import get_conference_for, get_enquiry_for, may_record_conference
from kith.protection.codes import ConferenceKind
from kith.protection.forms import ConferenceAmendForm
from kith.protection.models import ConferenceChild
from kith.recording.codes import YesNo


def may_amend(user: User, conference: Any, cases: list[Case]) -> bool:
    """A conference covers several children: it is corrected only by someone who sees them all
    and may record for every one."""
    return conference.children.count() == len(cases) and all(
        may_record_conference(user, c) for c in cases
    )


# What an amendment corrects besides whether it was quorate (a yes or no on the page).
AMENDED = (
    "held_on",
    "chair",
    "attendance",
    "apologies",
    "reports_received",
    "social_worker_report",
    "views",
)


@policy(RECORDERS)
def amend_conference(request: SignedInRequest, pk: int) -> HttpResponse:
    """Correct a conference with a reason; what it said before is kept. A conference covers
    several children, so it is corrected only by someone who may record for every one of
    them."""
    found, cases = get_conference_for(request.user, pk)
    if not may_amend(request.user, found, cases):
        raise PermissionDenied(
            "This conference covers children whose records you may not change: ask their "
            "worker, their manager or the conference chair."
        )
    form = ConferenceAmendForm(
        drafts.data_for(request),
        cases=cases,
        chair=found.chair,
        initial={
            **found.snapshot(),
            "held_on": found.held_on,
            "chair": found.chair_id,
            "quorate": "yes" if found.quorate else "no",
            "version": found.version,
        },
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in AMENDED}
        try:
            actions.amend_conference(
                found,
                by=request.user,
                version=data["version"],
                why=data["why"],
                quorate=data["quorate"] == YesNo.YES,
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict:
            form.add_error(
                None,
                "Someone else changed this conference after you opened it. Your words are "
                "below and not saved: open it in a new tab to compare, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(request, "The conference is amended. What it said before is kept.")
            say_if_not_a_working_day(request, found.held_on)
            return redirect("protection:conference", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": cases[0],
            "title": f"Amend the {found.get_kind_display().lower()}",
            "back_url": reverse("protection:conference", args=[found.pk]),
            "back_label": "conference",
            "problems": problems(form),
            "button": "Save the amendment",
        },
    )


@policy(STAFF)
def enquiry_conference(request: SignedInRequest, pk: int) -> HttpResponse:
    """The initial conference that answered an enquiry, to put its date right (where the
    census's check on a conference's date sends the worker)."""
    found = get_enquiry_for(request.user, pk)
    # Linked to the enquiry when recorded in Kith; by date when brought in from a return.
    answered = (
        ConferenceChild.objects.filter(case=found.case, conference__kind=ConferenceKind.INITIAL)
        .filter(Q(enquiry=found) | Q(conference__held_on__gte=found.started_on))
        .order_by("conference__held_on")
        .first()
    )
    if answered is None:
        return redirect("protection:enquiry", found.pk)
    return redirect("protection:amend_conference", answered.conference_id)


def say_if_not_a_working_day(request: HttpRequest, day: Any) -> None:
    """After a conference is recorded or amended: a date that is not a working day is saved (it
    may be right) but said, with the way to put it right if it is not."""
    if not is_working_day(day):
        messages.warning(
            request,
            f"The conference is dated {day:%A %-d %B %Y}, which is not a working day: the "
            "census will query it. If the date is wrong, amend the conference.",
        )
