"""Every change to a child protection record. Each runs in one transaction, checks the version
where a form can go stale, and writes one audit event per child it touches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.actions import claim, open_case
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.lib import timescales
from kith.people.models import Person
from kith.protection.codes import ConferenceKind, EnquiryOutcome, PlanEndReason, StrategyDecision
from kith.protection.models import (
    Conference,
    ConferenceAmendment,
    ConferenceChild,
    ConferenceReport,
    CoreGroup,
    Enquiry,
    Participant,
    ProtectionAction,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.protection.rules import conference_date_problem


def _audit(by: User, verb: Verb, case: Case, request: Any, **detail: Any) -> None:
    record(by=by, verb=verb, person=case.child, detail={"case": case.pk, **detail}, request=request)


@transaction.atomic
def record_strategy_discussion(
    *,
    by: User,
    held_at: datetime,
    participants: list[dict[str, str]],
    information_shared: str,
    safety_plan: str,
    actions: str,
    decisions: list[tuple[Case | Person, str, str]],
    opened_from: Case | None = None,
    request: Any = None,
) -> StrategyDiscussion:
    """One discussion, written once, with a decision for each child it covers. A decision to
    start a section 47 enquiry starts it, dated the day of the discussion. A brother or sister
    with no case yet (a Person in `decisions`) gets one: a referral from the discussion, with
    the same source, team and worker as the case it was recorded from (`opened_from`)."""
    if not decisions:
        raise ValidationError("Choose at least one child the discussion was about.")
    discussion = StrategyDiscussion.objects.create(
        held_at=held_at,
        information_shared=information_shared,
        safety_plan=safety_plan,
        actions=actions,
        recorded_by=by,
    )
    Participant.objects.bulk_create(
        Participant(discussion=discussion, **person) for person in participants
    )
    for about, decision, reason in decisions:
        if isinstance(about, Person):
            if opened_from is None:
                raise ValidationError(f"{about.full_name} has no open case.")
            about = open_case(
                about,
                by=by,
                referral_date=discussion.held_on,
                referral_source=opened_from.referral_source,
                team=opened_from.team,
                worker=opened_from.worker,
                primary_need=opened_from.primary_need,
                note=f"From the strategy discussion about {opened_from.child.full_name}",
                request=request,
            )
        case = about
        if not case.is_open:
            raise ValidationError(f"{case.child.full_name}'s case is closed.")
        child = StrategyChild.objects.create(
            discussion=discussion, case=case, decision=decision, reason=reason
        )
        if decision == StrategyDecision.SECTION_47:
            Enquiry.objects.create(case=case, started_by=child, started_on=discussion.held_on)
        _audit(by, Verb.STRATEGY_RECORDED, case, request, discussion=discussion.pk)
        changed(case)
    return discussion


@transaction.atomic
def update_enquiries(
    enquiry: Enquiry,
    *,
    by: User,
    version: int | None,
    also: list[tuple[Enquiry, int]],
    request: Any = None,
    **fields: Any,
) -> list[Enquiry]:
    """The same findings and outcome for an enquiry and its brothers' and sisters' from the same
    strategy discussion, written once: each enquiry stays the child's own record (with its own
    version check), and all are saved or none."""
    done = [update_enquiry(enquiry, by=by, version=version, request=request, **fields)]
    for other, seen in also:
        if other.started_by.discussion_id != enquiry.started_by.discussion_id:
            raise ValidationError("Only enquiries from the same strategy discussion go together.")
        done.append(update_enquiry(other, by=by, version=seen, request=request, **fields))
    return done


@transaction.atomic
def update_enquiry(
    enquiry: Enquiry, *, by: User, version: int | None, request: Any = None, **fields: Any
) -> Enquiry:
    """The enquiry's findings and outcome. No conference needs its reason."""
    outcome = fields.get("outcome")
    if (
        outcome
        and outcome != EnquiryOutcome.CONFERENCE
        and not fields.get("no_conference_reason", "").strip()
    ):
        raise ValidationError("Say why no conference is needed.")
    claim(enquiry, version)
    for name, value in fields.items():
        setattr(enquiry, name, value)
    enquiry.save()
    _audit(by, Verb.ENQUIRY_UPDATED, enquiry.case, request, enquiry=enquiry.pk)
    changed(enquiry.case)
    return enquiry


@transaction.atomic
def record_conference(
    *,
    by: User,
    kind: str,
    held_on: date,
    chair: User,
    decisions: list[dict[str, Any]],
    outline: dict[str, Any] | None = None,
    request: Any = None,
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
        decided = _decide_for_child(conference, by=by, request=request, **decision)
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
    request: Any = None,
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
    conference.save()
    ConferenceAmendment.objects.create(conference=conference, why=why, before=before, by=by)
    if conference.kind == ConferenceKind.INITIAL and conference.held_on != old_date:
        ProtectionPlan.objects.filter(
            pk__in=[d.plan_id for d in decided if d.plan_id], started_on=old_date
        ).update(started_on=conference.held_on)
    for d in decided:
        _audit(by, Verb.CONFERENCE_AMENDED, d.case, request, conference=conference.pk)
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
    ProtectionAction.objects.bulk_create(
        ProtectionAction(plan=plan, position=i, **action) for i, action in enumerate(actions, 1)
    )


def _decide_for_child(
    conference: Conference,
    *,
    by: User,
    case: Case,
    needs_plan: bool,
    category: str,
    next_review_on: date | None,
    enquiry: Enquiry | None = None,
    request: Any = None,
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
        plan.save()
    decided = ConferenceChild.objects.create(
        conference=conference,
        case=case,
        enquiry=enquiry,
        plan=plan,
        needs_plan=needs_plan,
        category=category if needs_plan else "",
        next_review_on=next_review_on if needs_plan else None,
    )
    _audit(by, Verb.CONFERENCE_RECORDED, case, request, conference=conference.pk)
    changed(case)
    return decided


@transaction.atomic
def update_plan(
    plan: ProtectionPlan,
    *,
    by: User,
    version: int | None,
    actions: list[dict[str, Any]],
    request: Any = None,
    **fields: Any,
) -> ProtectionPlan:
    """The outline plan from conference: what must change, who does what by when, the
    contingency, and how often the child is visited and the core group meets."""
    if not plan.is_open:
        raise ValidationError("This plan has ended.")
    claim(plan, version)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    now = timezone.now()
    plan.actions.filter(replaced_at__isnull=True).update(replaced_at=now)
    ProtectionAction.objects.bulk_create(
        ProtectionAction(plan=plan, position=i, **action) for i, action in enumerate(actions, 1)
    )
    _audit(by, Verb.CP_PLAN_UPDATED, plan.case, request, plan=plan.pk)
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
    request: Any = None,
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
    _audit(by, Verb.CP_PLAN_ENDED, plan.case, request, plan=plan.pk)
    changed(plan.case)
    return plan


@transaction.atomic
def record_core_groups(
    plan: ProtectionPlan,
    *,
    by: User,
    also: list[ProtectionPlan],
    request: Any = None,
    **fields: Any,
) -> list[CoreGroup]:
    """One meeting for brothers and sisters, written once: a core group record on each child's
    plan (each their own), all saved or none."""
    return [record_core_group(each, by=by, request=request, **fields) for each in [plan, *also]]


@transaction.atomic
def update_plans(
    plan: ProtectionPlan,
    *,
    by: User,
    version: int | None,
    also: list[tuple[ProtectionPlan, int]],
    actions: list[dict[str, Any]],
    request: Any = None,
    **fields: Any,
) -> list[ProtectionPlan]:
    """The same words for brothers' and sisters' plans, written once: each plan stays the
    child's own (with its own version check), and all are saved or none."""
    return [
        update_plan(each, by=by, version=seen, actions=actions, request=request, **fields)
        for each, seen in [(plan, version), *also]
    ]


@transaction.atomic
def record_core_group(
    plan: ProtectionPlan, *, by: User, request: Any = None, **fields: Any
) -> CoreGroup:
    if not plan.is_open:
        raise ValidationError("This plan has ended: core groups meet only while it lasts.")
    if fields["held_on"] < plan.started_on:
        raise ValidationError("The core group cannot be before the plan started.")
    meeting = CoreGroup.objects.create(plan=plan, recorded_by=by, **fields)
    _audit(by, Verb.CORE_GROUP_RECORDED, plan.case, request, plan=plan.pk)
    changed(plan.case)
    return meeting


@transaction.atomic
def attach_report(
    conference: Conference,
    *,
    by: User,
    cases: list[Case],
    agency: str,
    title: str,
    document: Any,
    request: Any = None,
) -> ConferenceReport:
    """Attach another agency's report to the conference (its name is kept as sent)."""
    report = ConferenceReport(
        conference=conference,
        agency=agency,
        title=title,
        original_name=str(document.name)[-255:],
        size=document.size,
        uploaded_by=by,
    )
    report.document.save(str(document.name)[-100:], document, save=False)
    report.save()
    for case in cases:
        _audit(by, Verb.DOCUMENT_ADDED, case, request, conference=conference.pk, report=report.pk)
    return report
