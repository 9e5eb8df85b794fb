"""Strategy discussion pages: one discussion written for the family, from one child's case, with
a decision for each child, and the discussion as each reader may see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.cases.access import get_case_for
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.forms import problems
from kith.lib.rows import rows_for
from kith.protection import actions
from kith.protection.access import get_discussion_for
from kith.protection.codes import StrategyDecision
from kith.protection.family import children_around
from kith.protection.forms import Participants, StrategyChildForm, StrategyForm
from kith.protection.views.shared import already_sent, looked


@policy(RECORDERS)
def new_strategy(request: SignedInRequest, pk: int) -> HttpResponse:
    """One discussion for the family: every child of the family and household is listed, and a
    brother or sister with no case yet can be part of it (their enquiry opens their referral)."""
    case = get_case_for(request.user, pk, changeable=True)
    family = children_around(request.user, case)
    data = drafts.data_for(request)
    now = timezone.localtime()
    per_child = [
        (
            child,
            StrategyChildForm(
                data,
                prefix=child.key,
                initial={"decision": StrategyDecision.SECTION_47 if child.case == case else ""},
                child_name=child.person.full_name,
                case=child.case,
                child=child.person,
                has_case=child.case is not None,
            ),
        )
        for child in family
        if child.may_record
    ]
    form = StrategyForm(
        data,
        initial={"held_on": now.date(), "held_time": now.strftime("%H:%M")},
        per_child=[f for _, f in per_child],
    )
    people: Any = rows_for(Participants, data, prefix="people")
    drafts.quiet_if_put_back(request, form, people, *(f for _, f in per_child))
    if request.method == "POST":
        valid = [form.is_valid(), people.is_valid(), *(f.is_valid() for _, f in per_child)]
        if all(valid):
            shared = form.cleaned_data["reason"].strip()
            decisions = [
                (
                    child.case or child.person,
                    f.cleaned_data["decision"],
                    f.cleaned_data["reason"].strip() or shared,
                )
                for child, f in per_child
                if f.cleaned_data["decision"]
            ]
            held_at = timezone.make_aware(
                datetime.combine(form.cleaned_data["held_on"], form.cleaned_data["held_time"])
            )
            try:
                with sent_once(request) as done:
                    discussion = actions.record_strategy_discussion(
                        by=request.user,
                        held_at=held_at,
                        participants=people.people(),
                        information_shared=form.cleaned_data["information_shared"],
                        safety_plan=form.cleaned_data["safety_plan"],
                        actions=form.cleaned_data["actions"],
                        decisions=decisions,
                        opened_from=case,
                    )
                    done(reverse("protection:strategy", args=[discussion.pk]))
            except AlreadySent as sent:
                return already_sent(request, sent, case)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                drafts.forget(request)
                messages.success(request, "The strategy discussion is recorded.")
                return redirect("protection:strategy", discussion.pk)
    return render(
        request,
        "protection/new_strategy.html",
        {
            "case": case,
            "form": form,
            "people": people,
            "per_child": per_child,
            # Children of the family whose part is recorded by their own case's people.
            "elsewhere": [child for child in family if not child.may_record],
            "problems": problems(form, people, *(f for _, f in per_child)),
        },
    )


@policy(STAFF)
def strategy(request: SignedInRequest, pk: int) -> HttpResponse:
    discussion, cases = get_discussion_for(request.user, pk)
    looked(request, cases, "strategy discussion", pk)
    decisions = list(
        discussion.children.filter(case__in=cases).select_related("case__child", "enquiry")
    )
    return render(
        request,
        "protection/strategy.html",
        {
            "discussion": discussion,
            "case": cases[0],
            "decisions": decisions,
            "participants": list(discussion.participants.all()),
            "missing": discussion.agencies_missing(),
        },
    )
