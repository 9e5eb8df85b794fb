"""Changes on a looked-after child's road to permanence: the permanence planning meeting, a
long-term fostering match, and the adoption plan (the decision, the match with adopters, and
the decision that the child should no longer be adopted). Each is one transaction with its
audit event, checks the version the page was opened on, and tells the case's derivations
(deadlines) that it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care.models import CarePeriod
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.permanence import rules
from kith.permanence.journey import placed_for_adoption_on
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting


def _audit(by: User, verb: Verb, period: CarePeriod, **detail: Any) -> None:
    record(
        by=by,
        verb=verb,
        person=period.child,
        detail={"case": period.case_id, "period": period.pk, **detail},
    )


def _within(period: CarePeriod, name: str, day: date | None, what: str) -> None:
    if not period.is_open:
        raise ValidationError("This child's care has ended: nothing more is recorded in it.")
    problem = rules.within_care(day, period, what)
    if problem:
        raise ValidationError({name: problem})


@transaction.atomic
def record_meeting(period: CarePeriod, *, by: User, **fields: Any) -> PermanenceMeeting:
    _within(period, "held_on", fields.get("held_on"), "The meeting")
    meeting = PermanenceMeeting.objects.create(period=period, recorded_by=by, **fields)
    _audit(by, Verb.PERMANENCE_RECORDED, period, meeting=meeting.pk, option=meeting.option)
    changed(period.case)
    return meeting


@transaction.atomic
def record_long_term_match(period: CarePeriod, *, by: User, **fields: Any) -> LongTermMatch:
    _within(period, "matched_on", fields.get("matched_on"), "The match")
    match = LongTermMatch.objects.create(period=period, recorded_by=by, **fields)
    _audit(by, Verb.PERMANENCE_RECORDED, period, long_term_match=match.pk)
    changed(period.case)
    return match


@transaction.atomic
def decide_adoption(period: CarePeriod, *, by: User, **fields: Any) -> AdoptionPlan:
    _within(period, "decided_on", fields.get("decided_on"), "The decision")
    if AdoptionPlan.objects.filter(period=period, ended_on__isnull=True).exists():
        raise ValidationError("The decision that this child should be adopted is recorded.")
    earlier = AdoptionPlan.objects.filter(period=period).order_by("-ended_on").first()
    if earlier and earlier.ended_on and fields["decided_on"] < earlier.ended_on:
        raise ValidationError(
            {
                "decided_on": "A new decision comes after the last one ended "
                f"({earlier.ended_on:%-d %B %Y})"
            }
        )
    plan = AdoptionPlan.objects.create(period=period, recorded_by=by, **fields)
    _audit(by, Verb.ADOPTION_RECORDED, period, plan=plan.pk, what="decided")
    changed(period.case)
    return plan


@transaction.atomic
def record_match(
    plan: AdoptionPlan, *, by: User, version: int | None, **fields: Any
) -> AdoptionPlan:
    period = plan.period
    if not period.is_open or not plan.is_open:
        raise ValidationError("The plan for adoption, or the child's care, has already ended.")
    found = rules.match_problems(
        plan,
        fields.get("matched_on"),
        fields.get("adopters_number"),
        fields.get("adopters_sex", ""),
        fields.get("adopters_legal_status", ""),
        placed_for_adoption_on(period, plan.decided_on),
    )
    problem = rules.within_care(fields.get("matched_on"), period, "The match")
    if problem:
        found.setdefault("matched_on", problem)
    if found:
        raise ValidationError(found)
    claim(plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*fields, "version"])
    _audit(by, Verb.ADOPTION_RECORDED, period, plan=plan.pk, what="matched")
    changed(period.case)
    return plan


@transaction.atomic
def no_longer_adoption(
    plan: AdoptionPlan, *, by: User, version: int | None, ended_on: date, end_reason: str
) -> AdoptionPlan:
    period = plan.period
    if not plan.is_open or not period.is_open:
        raise ValidationError("The plan for adoption, or the child's care, has already ended.")
    problem = rules.no_longer_problem(plan, ended_on) or rules.within_care(
        ended_on, period, "The decision"
    )
    if problem:
        raise ValidationError({"ended_on": problem})
    claim(plan, version)
    plan.ended_on, plan.end_reason = ended_on, end_reason
    plan.save(update_fields=["ended_on", "end_reason", "version"])
    _audit(by, Verb.ADOPTION_RECORDED, period, plan=plan.pk, what="ended", reason=end_reason)
    changed(period.case)
    return plan
