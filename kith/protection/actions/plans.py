"""Changes to a child protection plan: its update (for brothers' and sisters' plans too), its
end other than at a review conference, and its core group meetings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kith.accounts.models import User
from kith.audit.verbs import Verb
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.protection.actions.shared import audit
from kith.protection.models import CoreGroup, ProtectionAction, ProtectionPlan


@transaction.atomic
def update_plan(
    plan: ProtectionPlan,
    *,
    by: User,
    version: int | None,
    actions: list[dict[str, Any]],
    **fields: Any,
) -> ProtectionPlan:
    """The outline plan from conference: what must change, who does what by when, the
    contingency, and how often the child is visited and the core group meets."""
    if not plan.is_open:
        raise ValidationError("This plan has ended.")
    claim(plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(fields))
    ProtectionAction.replace_all(plan, actions)
    audit(by, Verb.CP_PLAN_UPDATED, plan.case, plan=plan.pk)
    changed(plan.case)
    return plan


@transaction.atomic
def end_plan(
    plan: ProtectionPlan,
    *,
    by: User,
    version: int | None,
    ended_on: date,
    end_reason: str,
    end_note: str,
) -> ProtectionPlan:
    """A plan ending other than at a review conference (the child moved, became looked
    after)."""
    if not plan.is_open:
        raise ValidationError("This plan has already ended.")
    if ended_on < plan.started_on:
        raise ValidationError("The plan cannot end before it started.")
    claim(plan, version)
    plan.ended_on, plan.end_reason, plan.end_note = ended_on, end_reason, end_note
    plan.save(update_fields=["ended_on", "end_reason", "end_note"])
    audit(by, Verb.CP_PLAN_ENDED, plan.case, plan=plan.pk)
    changed(plan.case)
    return plan


@transaction.atomic
def record_core_groups(
    plan: ProtectionPlan,
    *,
    by: User,
    also: list[ProtectionPlan],
    **fields: Any,
) -> list[CoreGroup]:
    """One meeting for brothers and sisters, written once: a core group record on each child's
    plan (each their own), all saved or none."""
    return [record_core_group(each, by=by, **fields) for each in [plan, *also]]


@transaction.atomic
def update_plans(
    plan: ProtectionPlan,
    *,
    by: User,
    version: int | None,
    also: list[tuple[ProtectionPlan, int]],
    actions: list[dict[str, Any]],
    **fields: Any,
) -> list[ProtectionPlan]:
    """The same words for brothers' and sisters' plans, written once: each plan stays the
    child's own (with its own version check), and all are saved or none."""
    return [
        update_plan(each, by=by, version=seen, actions=actions, **fields)
        for each, seen in [(plan, version), *also]
    ]


@transaction.atomic
def record_core_group(plan: ProtectionPlan, *, by: User, **fields: Any) -> CoreGroup:
    if not plan.is_open:
        raise ValidationError("This plan has ended: core groups meet only while it lasts.")
    if fields["held_on"] < plan.started_on:
        raise ValidationError("The core group cannot be before the plan started.")
    meeting = CoreGroup.objects.create(plan=plan, recorded_by=by, **fields)
    audit(by, Verb.CORE_GROUP_RECORDED, plan.case, plan=plan.pk)
    changed(plan.case)
    return meeting
