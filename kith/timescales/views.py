"""The authority's timescales (anyone on the staff may read them; administrators change the
local ones) and a worker's reason for a missed deadline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import ADMINISTRATORS, RECORDERS, STAFF, SignedInRequest, policy
from kith.accounts.roles import Role
from kith.cases.access import get_case_for
from kith.cases.actions import EditConflict
from kith.drafts import actions as drafts
from kith.lib import timescales as rules
from kith.timescales import actions
from kith.timescales.forms import LateReasonForm, RuleChangeForm
from kith.timescales.models import Deadline, LocalRule


@policy(STAFF)
def timescales(request: SignedInRequest) -> HttpResponse:
    rules.forget()
    return render(
        request,
        "timescales/rules.html",
        {
            "rules": rules.current().values(),
            "changes": LocalRule.objects.select_related("changed_by")[:50],
            "can_change": request.user.role == Role.ADMINISTRATOR,
        },
    )


@policy(ADMINISTRATORS)
def change(request: SignedInRequest, key: str) -> HttpResponse:
    rules.forget()
    rule = rules.current().get(key)
    if rule is None or not rule.local:
        raise Http404("No such local timescale")
    form = RuleChangeForm(request.POST or None, initial={"offset": rule.offset, "was": rule.offset})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_rule(
                key,
                by=request.user,
                offset=form.cleaned_data["offset"],
                was=form.cleaned_data["was"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as problem:
            form.add_error("offset", problem.messages[0])
        else:
            messages.success(
                request,
                f"'{rule.what}' is now {rules.rule(key).timescale}. It applies to plans and "
                "deadlines from now on; ones already set keep theirs.",
            )
            return redirect("timescales:rules")
    return render(request, "timescales/change.html", {"rule": rule, "form": form})


@policy(RECORDERS)
def late_reason(request: SignedInRequest, pk: int) -> HttpResponse:
    """Why a deadline was missed, from those who may record on the case."""
    deadline = Deadline.objects.filter(pk=pk).first()
    if deadline is None:
        raise Http404("No such deadline")
    case = get_case_for(request.user, deadline.case_id, changeable=True)
    deadline.case = case
    state = deadline.standing(timezone.localdate())
    if not rules.needs_reason(state):
        raise PermissionDenied("A reason is given only for a timescale that was missed.")
    form = LateReasonForm(
        drafts.data_for(request),
        initial={"reason": deadline.late_reason, "version": deadline.version},
    )
    drafts.quiet_if_put_back(request, form)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.give_late_reason(
                deadline,
                by=request.user,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except EditConflict as clash:
            conflict = True
            deadline = clash.current
            deadline.case = case
            # Keep what was typed; a second press saves it over the reason now shown.
            typed = request.POST.copy()
            typed["version"] = str(deadline.version)
            form = LateReasonForm(typed)
            form.is_valid()
            form.add_error(
                "reason",
                "Someone else gave a reason after you opened this page. Theirs is shown above; "
                "your words are below and not saved.",
            )
        except ValidationError as problem:
            form.add_error("reason", problem.messages[0])
        else:
            drafts.forget(request)
            messages.success(request, "The reason is saved.")
            return redirect("recording:case", case.pk)
    return render(
        request,
        "timescales/late_reason.html",
        {"deadline": deadline, "case": case, "state": state, "form": form, "conflict": conflict},
    )
