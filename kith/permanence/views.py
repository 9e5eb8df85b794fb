"""The permanence pages: a looked-after child's road to permanence (the plan, the meeting, a
long-term fostering match, the adoption plan with its steps and the scorecard's measures), each
step recorded on a short page of its own, and the adoption timescales of the children whose
work is the user's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, Policy, SignedInRequest, policy
from kith.accounts.roles import MANAGING_ROLES, Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care.access import get_period_for
from kith.care.models import CarePeriod
from kith.care.views.shared import step_page
from kith.cases.access import may_record_on
from kith.drafts import actions as drafts
from kith.lib.timescales import RULES
from kith.permanence import actions
from kith.permanence.access import adoption_list, by_team, get_plan_for
from kith.permanence.forms import (
    DecisionForm,
    LongTermMatchForm,
    MatchForm,
    MeetingForm,
    NoLongerForm,
)
from kith.permanence.queries import permanence_of


@policy(STAFF)
def permanence(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk)
    today = timezone.localdate()
    record(
        by=request.user,
        verb=Verb.CARE_VIEWED,
        person=found.child,
        detail={"case": found.case_id, "period": found.pk, "page": "permanence"},
    )
    return render(
        request,
        "permanence/period.html",
        {
            "case": found.case,
            "period": found,
            "shown": permanence_of(found, today),
            "can_record": may_record_on(request.user, found.case) and found.is_open,
            "today": today,
        },
    )


def _step(
    request: SignedInRequest, period: CarePeriod, form: Any, act: Callable[[], object], **page: Any
) -> HttpResponse:
    """A short page recording one step, then back to the permanence page."""
    back = reverse("permanence:period", args=[period.pk])
    return step_page(
        request, period.case, form, act, back=back, back_label="Back to permanence", **page
    )


@policy(RECORDERS)
def meeting(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    form = MeetingForm(drafts.data_for(request))
    return _step(
        request,
        found,
        form,
        lambda: actions.record_meeting(found, by=request.user, **form.cleaned_data),
        success="The permanence planning meeting is recorded.",
        title="Permanence planning meeting",
        button="Record the meeting",
        intro="Where the child will grow up, decided by the second review at the latest.",
    )


@policy(RECORDERS)
def long_term_match(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    form = LongTermMatchForm(drafts.data_for(request))
    return _step(
        request,
        found,
        form,
        lambda: actions.record_long_term_match(found, by=request.user, **form.cleaned_data),
        success="The long-term fostering match is recorded.",
        title="Long-term fostering match",
        button="Record the match",
        intro="The child's foster carers are agreed as their carers until they grow up.",
    )


@policy(RECORDERS)
def decide(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_period_for(request.user, pk, changeable=True)
    form = DecisionForm(drafts.data_for(request))
    return _step(
        request,
        found,
        form,
        lambda: actions.decide_adoption(found, by=request.user, **form.cleaned_data),
        success="The decision that the child should be adopted is recorded.",
        title=f"{found.child.full_name} should be adopted",
        button="Record the decision",
        intro="The agency decision maker's decision. The placement order is recorded as a new "
        "legal status, and placing the child with the adopters as a move.",
    )


@policy(RECORDERS)
def match(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, changeable=True)
    initial: dict[str, Any] = {"version": plan.version}
    if plan.matched_on:
        initial |= {
            "matched_on": plan.matched_on,
            "adopters_number": plan.adopters_number,
            "adopters_sex": plan.adopters_sex,
            "adopters_legal_status": plan.adopters_legal_status,
            "foster_carers_adopting": {True: "yes", False: "no", None: ""}[
                plan.foster_carers_adopting
            ],
        }
    form = MatchForm(drafts.data_for(request), initial=initial)
    return _step(
        request,
        plan.period,
        form,
        lambda: actions.record_match(
            plan, by=request.user, version=form.cleaned_data["version"], **form.values()
        ),
        success="The match with the adopters is recorded.",
        title=f"{plan.period.child.full_name} is matched with adopters",
        button="Record the match",
        intro="Who the adopters are, as the SSDA903 return asks. Their names stay in the "
        "adoption agency's records.",
    )


@policy(RECORDERS)
def no_longer(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, changeable=True)
    form = NoLongerForm(drafts.data_for(request), initial={"version": plan.version})
    return _step(
        request,
        plan.period,
        form,
        lambda: actions.no_longer_adoption(plan, by=request.user, **form.cleaned_data),
        success="The decision that the child should no longer be adopted is recorded.",
        title=f"{plan.period.child.full_name} should no longer be adopted",
        button="Record the decision",
        intro="If the child has moved in with the adopters, record the move out as well.",
    )


ADOPTION_LISTS = Policy(
    "adoption_lists",
    "Team managers and heads of service (their teams' children), and data officers",
    lambda u: u.role in {*MANAGING_ROLES, Role.DATA_OFFICER},
)


@policy(ADOPTION_LISTS)
def adoption_timescales(request: SignedInRequest) -> HttpResponse:
    rows = adoption_list(request.user, timezone.localdate())
    return render(
        request,
        "permanence/adoption.html",
        {
            "rows": rows,
            "teams": by_team(rows),
            "placed_threshold": RULES["adoption-placed"],
            "match_threshold": RULES["adoption-match"],
        },
    )
