"""The section 47 enquiry page: its findings and outcome, written once for the brothers and
sisters whose enquiries came from the same strategy discussion, and the conference timescale
while one is due."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.cases import actions as case_actions
from kith.cases.access import may_record_on, visible_cases
from kith.drafts import actions as drafts
from kith.lib.forms import problems
from kith.protection import actions, rules
from kith.protection.access import get_enquiry_for, may_record_conference
from kith.protection.codes import EnquiryOutcome
from kith.protection.forms import EnquiryForm
from kith.protection.models import Enquiry
from kith.protection.views.shared import looked, saved_for


@policy(STAFF)
def enquiry(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_enquiry_for(request.user, pk)
    case = found.case
    can_record = may_record_on(request.user, case)
    initial = {
        "version": found.version,
        "findings": found.findings,
        "concerns_substantiated": _word(found.concerns_substantiated),
        "continuing_risk": _word(found.continuing_risk),
        "outcome": found.outcome,
        "outcome_on": found.outcome_on,
        "no_conference_reason": found.no_conference_reason,
    }
    siblings = _sibling_enquiries(request.user, found) if not found.outcome else []
    form = (
        EnquiryForm(
            drafts.data_for(request),
            initial=initial,
            started_on=found.started_on,
            case=case,
            siblings=siblings,
            differing=[e for e in siblings if e.says_otherwise(found)],
        )
        if can_record
        else None
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only the allocated worker's team can record the enquiry.")
        if form.is_valid():
            also = form.cleaned_data.get("also") or []
            try:
                actions.update_enquiries(
                    found,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    also=also,
                    **form.fields_for_action(),
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            except case_actions.EditConflict as clash:
                whose = clash.current.case.child.full_name
                form.add_error(
                    None,
                    f"Someone else saved {whose}'s enquiry after you opened this page. Your "
                    "words are below and not saved: open the enquiry in a new tab to compare, "
                    "then save.",
                )
            else:
                drafts.forget(request)
                messages.success(
                    request,
                    saved_for("The enquiry is saved", [found, *(e for e, _ in also)]),
                )
                return redirect("protection:enquiry", found.pk)
    else:
        looked(request, [case], "section 47 enquiry", pk)
    today = timezone.localdate()
    held = found.conferences.select_related("conference").first()
    return render(
        request,
        "protection/enquiry.html",
        {
            "enquiry": found,
            "case": case,
            "form": form,
            "problems": problems(form) if form is not None else [],
            "can_confer": may_record_conference(request.user, case),
            "timescale": rules.conference_timescale(
                found.started_on, held.conference.held_on if held else None, today
            )
            if found.outcome in ("", EnquiryOutcome.CONFERENCE)
            else None,
        },
    )


def _sibling_enquiries(user: User, enquiry: Any) -> list[Any]:
    """Enquiries from the same strategy discussion, not yet concluded, that this user may
    record on: they can be given the same findings and outcome at once."""
    others = (
        Enquiry.objects.filter(
            started_by__discussion_id=enquiry.started_by.discussion_id,
            outcome="",
            case__in=visible_cases(user),
        )
        .exclude(pk=enquiry.pk)
        .select_related("case__child", "case__team", "started_by")
        .order_by("case__child__date_of_birth")
    )
    return [e for e in others if may_record_on(user, e.case)]


def _word(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"
