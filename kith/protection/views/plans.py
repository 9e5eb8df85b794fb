"""The child protection plan's pages: the plan, its update (written once for brothers' and
sisters' plans too), its end other than at a review conference, and its core group meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.cases import actions as case_actions
from kith.cases.access import may_record_on
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.forms import problems
from kith.lib.rows import rows_for
from kith.protection import actions
from kith.protection.access import get_plan_for
from kith.protection.family import children_around
from kith.protection.forms import CoreGroupForm, EndPlanForm, ProtectionPlanForm
from kith.protection.models import ProtectionPlan
from kith.protection.queries import plan_page
from kith.protection.views.shared import already_sent, looked, saved_for
from kith.recording.forms import PlanActions


@policy(STAFF)
def plan(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk)
    looked(request, [found.case], "child protection plan", pk)
    return render(
        request,
        "protection/plan.html",
        {
            "plan": found,
            "case": found.case,
            "page": plan_page(found, timezone.localdate()),
            "can_record": may_record_on(request.user, found.case),
        },
    )


@policy(RECORDERS)
def edit_plan(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    if not found.is_open:
        return redirect("protection:plan", found.pk)
    data = drafts.data_for(request)
    siblings = _sibling_plans(request.user, found)
    form = ProtectionPlanForm(
        data,
        siblings=siblings,
        differing=[p for p in siblings if p.says_otherwise(found)],
        initial={
            "version": found.version,
            "what_must_change": found.what_must_change,
            "contingency": found.contingency,
            "visit_every_working_days": found.visit_every_working_days,
            "core_group_every_weeks": found.core_group_every_weeks,
        },
    )
    current = [
        {"what": a.what, "who": a.who, "by_when": a.by_when, "progress": a.progress, "done": a.done}
        for a in found.actions.filter(replaced_at__isnull=True)
    ]
    adding = "add_action" in request.POST
    rows: Any = rows_for(PlanActions, data, prefix="actions", saved=current, more=int(adding))
    drafts.quiet_if_put_back(request, form, rows)
    if adding:
        # Another row, nothing saved, no complaints yet: the page just grows.
        drafts.quiet(form, rows)
    elif request.method == "POST" and form.is_valid() and rows.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "also")}
        also = form.cleaned_data.get("also") or []
        try:
            actions.update_plans(
                found,
                by=request.user,
                version=form.cleaned_data["version"],
                also=also,
                actions=rows.actions(),
                **fields,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict as clash:
            form.add_error(
                None,
                f"Someone else saved {clash.current.case.child.full_name}'s plan after you "
                "opened this page. Your words are below and not saved: open the plan in a new "
                "tab to compare, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(
                request,
                saved_for("The child protection plan is saved", [found, *(p for p, _ in also)]),
            )
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/edit_plan.html",
        {
            "plan": found,
            "case": found.case,
            "form": form,
            "formset": rows,
            "problems": problems(form, *rows.forms),
        },
    )


def _sibling_plans(user: User, plan: ProtectionPlan) -> list[ProtectionPlan]:
    """The open child protection plans of the children around this plan's child that this user
    may record on: a plan update or a core group can be written once for them all."""
    cases = [
        c.case for c in children_around(user, plan.case)[1:] if c.case is not None and c.may_record
    ]
    return list(
        ProtectionPlan.objects.filter(case__in=cases, ended_on__isnull=True)
        .exclude(pk=plan.pk)
        .select_related("case__child")
        .prefetch_related("actions")
        .order_by("case__child__date_of_birth")
    )


@policy(RECORDERS)
def end_plan(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    form = EndPlanForm(drafts.data_for(request), initial={"version": found.version})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_plan(
                found,
                by=request.user,
                version=form.cleaned_data["version"],
                ended_on=form.cleaned_data["ended_on"],
                end_reason=form.cleaned_data["end_reason"],
                end_note=form.cleaned_data["end_note"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except case_actions.EditConflict:
            form.add_error(None, "Someone else changed this plan: open it again and retry.")
        else:
            drafts.forget(request)
            messages.success(request, "The child protection plan has ended.")
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": found.case,
            "title": "End the child protection plan",
            "back": found,
            "problems": problems(form),
            "button": "End the plan",
        },
    )


@policy(RECORDERS)
def new_core_group(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_plan_for(request.user, pk, changeable=True)
    form = CoreGroupForm(
        drafts.data_for(request),
        initial={"held_on": timezone.localdate()},
        case=found.case,
        siblings=_sibling_plans(request.user, found),
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "also"}
            also = [plan for plan, _ in form.cleaned_data.get("also") or []]
            with sent_once(request) as done:
                actions.record_core_groups(
                    found,
                    by=request.user,
                    also=also,
                    **fields,
                )
                done(reverse("protection:plan", args=[found.pk]))
        except AlreadySent as sent:
            return already_sent(request, sent, found.case)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            drafts.forget(request)
            messages.success(
                request, saved_for("The core group meeting is recorded", [found, *also])
            )
            return redirect("protection:plan", found.pk)
    return render(
        request,
        "protection/form.html",
        {
            "form": form,
            "case": found.case,
            "title": "Record a core group meeting",
            "back": found,
            "problems": problems(form),
            "button": "Save the meeting",
        },
    )
