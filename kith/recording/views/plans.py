"""A child in need plan's reviews, and the plan printed for the family."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.audit.log import record as audit
from kith.audit.verbs import Verb
from kith.cases.access import may_record_on
from kith.cases.actions import EditConflict
from kith.drafts import actions as drafts
from kith.lib.pdf import pdf_response
from kith.recording import actions
from kith.recording.access import get_record_for
from kith.recording.forms import PlanReviewForm
from kith.recording.kinds import KINDS
from kith.recording.models import ChildInNeedPlan


@policy(RECORDERS)
def review_plan(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = get_record_for(request.user, KINDS["plan"], pk)
    assert isinstance(plan, ChildInNeedPlan)
    if not may_record_on(request.user, plan.case):
        raise PermissionDenied("Only the allocated worker's team can review this plan.")
    form = PlanReviewForm(
        drafts.data_for(request), plan_start=plan.starts_on, initial={"version": plan.version}
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.review_plan(
                plan,
                by=request.user,
                version=form.cleaned_data["version"],
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except EditConflict:
            form.add_error(
                None, "The plan changed after you opened this page: reload it and try again."
            )
        else:
            drafts.forget(request)
            messages.success(request, "The review is recorded.")
            return redirect("recording:record", "plan", plan.pk)
    return render(
        request,
        "recording/review.html",
        {"case": plan.case, "plan": plan, "form": form},
    )


@policy(STAFF)
def plan_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The plan in plain English, as a PDF the family can keep."""
    plan = get_record_for(request.user, KINDS["plan"], pk)
    assert isinstance(plan, ChildInNeedPlan)
    if not plan.is_final:
        raise Http404("A plan is printed for the family once it is agreed")
    audit(
        by=request.user,
        verb=Verb.PLAN_PRINTED,
        person=plan.case.child,
        detail={"case": plan.case_id, "record": f"plan {plan.pk}"},
    )
    return pdf_response(
        request,
        "recording/plan_pdf.html",
        {
            "plan": plan,
            "case": plan.case,
            "actions": plan.current_actions(),
            "reviews": list(plan.reviews.all()),
            "printed": timezone.localdate(),
            "authority_name": settings.KITH_AUTHORITY_NAME,
        },
        filename=f"plan-{plan.case.reference}.pdf",
    )
