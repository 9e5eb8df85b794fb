"""Recording a conference once for every child it covers (starting, carrying on or ending
each child's plan), and amending it with a reason, keeping what it said before."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.audit.verbs import Verb
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.lib import timescales
from kith.protection.actions.shared import audit
from kith.protection.codes import ConferenceKind, PlanEndReason
from kith.protection.models import (
    Conference,
    ConferenceAmendment,
    ConferenceChild,
    Enquiry,
    ProtectionAction,
    ProtectionPlan,
)
from kith.protection.rules import conference_date_problem


@transaction.atomic
def record_conference(
    *,
    by: User,
    kind: str,
    held_on: date,
    chair: User,
    decisions: list[dict[str, Any]],
    outline: dict[str, Any] | None = None,
    **fields: Any,
) -> Conference:
    """A conference, written once for every child it covers. An initial conference that
    decides on a plan starts it, with the conference's outline plan (what must change, the
    contingency, the actions) as each child's own plan to build on; a review carries the plan
    on (with the latest category) or ends it."""
    if chair.role != Role.CHAIR:
        raise ValidationError(
            f"{chair.get_full_name()} is not a conference chair: choose an independent "
            "reviewing officer or child protection chair."
        )
    if not decisions:
        raise ValidationError("Choose at least one child the conference was about.")
    conference = Conference.objects.create(
        kind=kind, held_on=held_on, chair=chair, recorded_by=by, **fields
    )
    for decision in decisions:
        decided = _decide_for_child(conference, by=by, **decision)
        if outline and decided.plan is not None and kind == ConferenceKind.INITIAL:
            _start_from_outline(decided.plan, **outline)
    return conference


@transaction.atomic
def amend_conference(
    conference: Conference,
    *,
    by: User,
    version: int | None,
    why: str,
    **fields: Any,
) -> Conference:
    """Correct a conference (its date, chair, who came, what was said), saying why: what it
    said before is kept. Plans an initial conference started begin on its corrected date, and
    every child's deadlines follow."""
    if not why.strip():
        raise ValidationError("Say why the conference is amended.")
    chair = fields.get("chair")
    if chair is not None and chair.role != Role.CHAIR:
        raise ValidationError(f"{chair.get_full_name()} is not a conference chair.")
    decided = list(conference.children.select_related("case__child", "enquiry", "plan"))
    held_on = fields.get("held_on", conference.held_on)
    for d in decided:
        problem = _amended_date_problem(conference, d, held_on)
        if problem:
            raise ValidationError(f"{d.case.child.full_name}: {problem}")
    claim(conference, version)
    before = conference.snapshot()
    old_date = conference.held_on
    for name, value in fields.items():
        setattr(conference, name, value)
    conference.save(update_fields=list(fields))
    ConferenceAmendment.objects.create(conference=conference, why=why, before=before, by=by)
    if conference.kind == ConferenceKind.INITIAL and conference.held_on != old_date:
        ProtectionPlan.objects.filter(
            pk__in=[d.plan_id for d in decided if d.plan_id], started_on=old_date
        ).update(started_on=conference.held_on)
    for d in decided:
        audit(by, Verb.CONFERENCE_AMENDED, d.case, conference=conference.pk)
        changed(d.case)
    return conference


def _amended_date_problem(conference: Conference, d: ConferenceChild, held_on: date) -> str:
    """The checks a conference's date had when it was recorded, and those its plan's later
    records put on it: an initial conference is not before the strategy discussion nor after
    anything of the plan it began; a review is not before the plan began."""
    plan = d.plan
    if conference.kind != ConferenceKind.INITIAL:
        if plan is not None and held_on < plan.started_on:
            return f"the plan began on {plan.started_on:%-d %B %Y}: a review cannot be before it"
        return ""
    if d.enquiry is not None:
        problem = conference_date_problem(held_on, d.enquiry.started_on)
        if problem:
            return problem
    if plan is None or plan.started_on != conference.held_on:
        return ""
    later = [
        day
        for day in (
            plan.core_groups.order_by("held_on").values_list("held_on", flat=True).first(),
            plan.conferences.exclude(conference=conference)
            .order_by("conference__held_on")
            .values_list("conference__held_on", flat=True)
            .first(),
            plan.ended_on,
        )
        if day is not None
    ]
    if later and held_on > min(later):
        return (
            f"the plan this conference began has a record from {min(later):%-d %B %Y}: the "
            "conference cannot be after it"
        )
    return ""


def _start_from_outline(
    plan: ProtectionPlan, *, what_must_change: str, contingency: str, actions: list[dict[str, Any]]
) -> None:
    """Each child's plan starts as the conference's outline: their own record from then on."""
    plan.what_must_change, plan.contingency = what_must_change, contingency
    plan.save(update_fields=["what_must_change", "contingency"])
    ProtectionAction.replace_all(plan, actions)


def _decide_for_child(
    conference: Conference,
    *,
    by: User,
    case: Case,
    needs_plan: bool,
    category: str,
    next_review_on: date | None,
    enquiry: Enquiry | None = None,
) -> ConferenceChild:
    name = case.child.full_name
    if needs_plan and not category:
        raise ValidationError(f"Choose the category of abuse for {name}'s plan.")
    # By child, not by case: a plan left open on an earlier case still counts.
    open_plan = ProtectionPlan.objects.filter(
        case__child_id=case.child_id, ended_on__isnull=True
    ).first()
    plan = None
    if conference.kind == ConferenceKind.INITIAL:
        if enquiry is not None:
            problem = conference_date_problem(conference.held_on, enquiry.started_on)
            if problem:
                raise ValidationError(f"{name}: {problem}")
        if needs_plan:
            if open_plan is not None:
                raise ValidationError(f"{name} is already on a child protection plan.")
            plan = ProtectionPlan.objects.create(
                case=case,
                started_on=conference.held_on,
                initial_category=category,
                latest_category=category,
                # The authority's local timescales, as they are today, set this plan's own.
                first_core_group_within=timescales.rule("first-core-group").offset,
                visit_every_working_days=timescales.rule("protection-visit").offset,
                core_group_every_weeks=timescales.rule("core-group").offset,
            )
    else:
        if open_plan is None:
            raise ValidationError(f"{name} has no child protection plan to review.")
        if conference.held_on < open_plan.started_on:
            raise ValidationError(f"{name}: the review cannot be before the plan started.")
        last = (
            ConferenceChild.objects.filter(plan=open_plan)
            .exclude(conference=conference)
            .order_by("-conference__held_on")
            .values_list("conference__held_on", flat=True)
            .first()
        )
        if last is not None and conference.held_on < last:
            raise ValidationError(
                f"{name}: the review cannot be before the last conference ({last:%-d %B %Y})."
            )
        plan = open_plan
        if needs_plan:
            plan.latest_category = category or plan.latest_category
        else:
            plan.ended_on = conference.held_on
            plan.end_reason = PlanEndReason.REVIEW_CONFERENCE
        plan.version += 1
        plan.save(update_fields=["latest_category", "ended_on", "end_reason", "version"])
    decided = ConferenceChild.objects.create(
        conference=conference,
        case=case,
        enquiry=enquiry,
        plan=plan,
        needs_plan=needs_plan,
        category=category if needs_plan else "",
        next_review_on=next_review_on if needs_plan else None,
    )
    audit(by, Verb.CONFERENCE_RECORDED, case, conference=conference.pk)
    changed(case)
    return decided
