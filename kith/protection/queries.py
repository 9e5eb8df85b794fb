"""Named reads for child protection: a plan's page and a case's risk at a glance, each with a
fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.cases.models import Case
from kith.protection import rules
from kith.protection.codes import EnquiryOutcome
from kith.protection.models import (
    ConferenceChild,
    CoreGroup,
    Enquiry,
    ProtectionAction,
    ProtectionPlan,
    StrategyChild,
)
from kith.recording.codes import YesNo
from kith.recording.models import Status, Visit
from kith.recording.rules import Timescale


def last_seen(case: Case) -> date | None:
    visit = (
        Visit.objects.filter(case=case, status=Status.FINAL, child_seen=YesNo.YES)
        .order_by("-visited_on")
        .values_list("visited_on", flat=True)
        .first()
    )
    return visit


@dataclass
class PlanPage:
    plan: ProtectionPlan
    actions: list[ProtectionAction]
    core_groups: list[CoreGroup]
    conferences: list[ConferenceChild]
    previous_plans: int
    review: Timescale | None
    core_group: Timescale | None
    visit: Timescale | None
    last_seen: date | None


def plan_page(plan: ProtectionPlan, today: date) -> PlanPage:
    conferences = list(
        ConferenceChild.objects.filter(plan=plan).select_related("conference__chair")
    )
    core_groups = list(CoreGroup.objects.filter(plan=plan).select_related("recorded_by"))
    the_child_s = list(ProtectionPlan.objects.filter(case__child_id=plan.case.child_id))
    seen = last_seen(plan.case)
    return PlanPage(
        plan=plan,
        actions=list(plan.actions.filter(replaced_at__isnull=True)),
        core_groups=core_groups,
        conferences=conferences,
        previous_plans=rules.previous_plans(plan, the_child_s),
        review=rules.review_timescale(plan, conferences, today),
        core_group=rules.core_group_timescale(plan, core_groups, today),
        visit=rules.visit_timescale(plan, seen, today),
        last_seen=seen,
    )


@dataclass
class Risk:
    plan: ProtectionPlan
    review: Timescale | None
    visit: Timescale | None
    pre_birth: bool


def risk_of(case: Case, today: date) -> Risk | None:
    """A child on a plan: what the case header shows on every page of the case."""
    plan = ProtectionPlan.objects.filter(case=case, ended_on__isnull=True).first()
    if plan is None:
        return None
    conferences = list(ConferenceChild.objects.filter(plan=plan).select_related("conference"))
    return Risk(
        plan=plan,
        review=rules.review_timescale(plan, conferences, today),
        visit=rules.visit_timescale(plan, last_seen(case), today),
        pre_birth=case.child.is_unborn,
    )


@dataclass
class CaseProtection:
    decisions: list[StrategyChild]
    enquiries: list[Enquiry]
    conferences: list[ConferenceChild]
    plans: list[ProtectionPlan]
    waiting_for_conference: list[Enquiry]


def case_protection(case: Case) -> CaseProtection:
    enquiries = list(Enquiry.objects.filter(case=case).prefetch_related("conferences"))
    return CaseProtection(
        decisions=list(
            StrategyChild.objects.filter(case=case)
            .select_related("discussion")
            .order_by("-discussion__held_at")
        ),
        enquiries=enquiries,
        conferences=list(
            ConferenceChild.objects.filter(case=case)
            .select_related("conference")
            .order_by("-conference__held_on")
        ),
        plans=list(ProtectionPlan.objects.filter(case=case)),
        waiting_for_conference=[
            e
            for e in enquiries
            if e.outcome == EnquiryOutcome.CONFERENCE and not e.conferences.all()
        ],
    )
