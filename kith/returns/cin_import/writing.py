"""Writing a child's census episodes into Kith: each episode a case with its records
(assessments, child in need plans, section 47 enquiries, conferences, child protection plans and
their reviews, the closure), or, for an episode already here from an earlier return, what this
return adds to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from kith.accounts.models import User
from kith.cases.codes import ReferralSource
from kith.cases.models import Case
from kith.people.models import Person
from kith.protection.codes import ConferenceKind, EnquiryOutcome, StrategyDecision
from kith.protection.models import (
    Conference,
    ConferenceChild,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.recording.models import Assessment, ChildInNeedPlan, Closure, Status
from kith.returns.census import CensusChild, CensusEpisode

IMPORTED = "Imported from an earlier children in need census return."


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _write(child: CensusChild, person: Person, by: User) -> tuple[list[int], int]:
    """Each episode as a case with its records. An episode already in Kith (the same referral
    date: last year's return, imported before) gains what this return adds: its closure, and
    the assessments, plans, enquiries, conferences and reviews not yet recorded."""
    known = {c.referral_date: c for c in Case.objects.filter(child=person)}
    written, skipped = [], 0
    for e in child.episodes:
        existing = known.get(e.referral)
        if existing is not None:
            if _bring_up_to_date(existing, e, by):
                written.append(existing.pk)
            else:
                skipped += 1
            continue
        case = Case.objects.create(
            child=person,
            referral_date=e.referral,
            referral_source=e.source or ReferralSource.UNKNOWN,
            primary_need=e.need,
            no_further_action=e.no_further_action,
            closed_on=e.closed,
            closure_reason=e.reason,
            opened_by=by,
            opened_at=_at(e.referral),
        )
        known[e.referral] = case
        written.append(case.pk)
        _records(case, e, by)
    return written, skipped


def _bring_up_to_date(case: Case, e: CensusEpisode, by: User) -> bool:
    """Add to a case what a later return says about it. Returns whether anything was new."""
    newly_closed = case.closed_on is None and e.closed is not None
    if newly_closed:
        case.closed_on, case.closure_reason = e.closed, e.reason
        case.save(update_fields=["closed_on", "closure_reason"])
    changed = newly_closed
    assessments = {a.started_on: a for a in case.assessments.all()}
    for a in e.assessments:
        found = assessments.get(a.started)
        if found is not None and a.authorised and found.authorised_at is None:
            found.status, found.authorised_at = Status.AUTHORISED, _at(a.authorised)
            found.factors = a.factors
            found.save(update_fields=["status", "authorised_at", "factors"])
            changed = True
    plans = {p.starts_on: p for p in case.childinneedplans.all()}
    for p in e.plans:
        cin_plan = plans.get(p.started)
        if cin_plan is not None and p.ended and cin_plan.ends_on is None:
            cin_plan.ends_on = p.ended
            cin_plan.save(update_fields=["ends_on"])
            changed = True
    protection = {p.started_on: p for p in case.cp_plans.all()}
    for cp in e.protection_plans:
        found_plan = protection.get(cp.started)
        if found_plan is not None and cp.ended and found_plan.ended_on is None:
            found_plan.ended_on, found_plan.latest_category = cp.ended, cp.latest_category
            found_plan.save(update_fields=["ended_on", "latest_category"])
            changed = True
    enquiries = {s.started_on: s for s in case.enquiries.all()}
    held = set(
        ConferenceChild.objects.filter(case=case).values_list(
            "conference__held_on", "conference__kind"
        )
    )
    new = replace(
        e,
        closed=e.closed if newly_closed else None,  # its closure record, once
        assessments=[a for a in e.assessments if a.started not in assessments],
        plans=[p for p in e.plans if p.started not in plans],
        enquiries=[s for s in e.enquiries if s.started not in enquiries],
        protection_plans=[p for p in e.protection_plans if p.started not in protection],
        conference=e.conference if (e.conference, ConferenceKind.INITIAL) not in held else None,
    )
    for s in e.enquiries:  # an enquiry already here whose conference has since been held
        enquiry = enquiries.get(s.started)
        if (
            enquiry is not None
            and s.conference
            and (s.conference, ConferenceKind.INITIAL) not in held
        ):
            new.enquiries.append(s)
    reviews_since = {  # review conferences held since, on plans already here
        cp.started: [day for day in cp.reviews if (day, ConferenceKind.REVIEW) not in held]
        for cp in e.protection_plans
        if cp.started in protection
    }
    if any(reviews_since.values()) or (
        new.assessments or new.plans or new.enquiries or new.protection_plans or new.conference
    ):
        changed = True
    _records(
        case,
        new,
        by,
        existing_enquiries=enquiries,
        existing_plans=protection,
        reviews_since=reviews_since,
    )
    return changed


def _records(
    case: Case,
    e: CensusEpisode,
    by: User,
    *,
    existing_enquiries: dict[date, Enquiry] | None = None,
    existing_plans: dict[date, ProtectionPlan] | None = None,
    reviews_since: dict[date, list[date]] | None = None,
) -> None:
    """An episode's records in its case, each kind in its own step. For a case already here,
    the enquiries and child protection plans it holds (this return's conferences may name them)
    and the review conferences held since on those plans."""
    _assessments(case, e, by)
    _cin_plans(case, e, by)
    conferences = _Conferences(by)
    plans = _protection_plans(case, e, existing_plans or {})
    _enquiries(case, e, by, conferences, plans, existing_enquiries or {})
    if e.conference:
        _initial_conference(case, e.conference, conferences, plans)
    _reviews(case, e, conferences, plans, reviews_since or {})
    _closure(case, e, by)


def _assessments(case: Case, e: CensusEpisode, by: User) -> None:
    for a in e.assessments:
        Assessment.objects.create(
            case=case,
            author=by,
            status=Status.AUTHORISED if a.authorised else Status.SUBMITTED,
            started_on=a.started,
            factors=a.factors,
            analysis=IMPORTED,
            authorised_at=_at(a.authorised) if a.authorised else None,
            submitted_at=_at(a.started) if a.started else None,
            created_at=_at(a.started or e.referral),
        )


def _cin_plans(case: Case, e: CensusEpisode, by: User) -> None:
    for p in e.plans:
        ChildInNeedPlan.objects.create(
            case=case,
            author=by,
            status=Status.FINAL,
            starts_on=p.started,
            ends_on=p.ended,
            needs=IMPORTED,
            created_at=_at(p.started),
        )


class _Conferences:
    """The conferences an episode's records name, each made once (one a day of each kind)."""

    def __init__(self, by: User) -> None:
        self.by = by
        self.made: dict[tuple[date, str], Conference] = {}

    def on(self, day: date, kind: str) -> Conference:
        key = (day, kind)
        if key not in self.made:
            self.made[key] = Conference.objects.create(
                kind=kind,
                held_on=day,
                chair=self.by,
                attendance=IMPORTED,
                social_worker_report=IMPORTED,
                views=IMPORTED,
                recorded_by=self.by,
            )
        return self.made[key]


def _protection_plans(
    case: Case, e: CensusEpisode, existing: dict[date, ProtectionPlan]
) -> dict[date, ProtectionPlan]:
    """The episode's child protection plans and those already here, by the day each started."""
    made_plans: dict[date, ProtectionPlan] = dict(existing)
    for cp in e.protection_plans:
        made_plans[cp.started] = ProtectionPlan.objects.create(
            case=case,
            started_on=cp.started,
            ended_on=cp.ended,
            initial_category=cp.initial_category,
            latest_category=cp.latest_category,
            end_note=IMPORTED if cp.ended else "",
        )
    return made_plans


def _enquiries(
    case: Case,
    e: CensusEpisode,
    by: User,
    conferences: _Conferences,
    plans: dict[date, ProtectionPlan],
    existing: dict[date, Enquiry],
) -> None:
    for s in e.enquiries:
        known = existing.get(s.started)
        if known is not None:  # its conference was held since the last return
            if s.conference:
                known.outcome = EnquiryOutcome.CONFERENCE
                known.save(update_fields=["outcome"])
                _initial_conference(case, s.conference, conferences, plans, enquiry=known)
            continue
        discussion = StrategyDiscussion.objects.create(
            held_at=_at(s.started),
            information_shared=IMPORTED,
            safety_plan=IMPORTED,
            recorded_by=by,
            recorded_at=_at(s.started),
        )
        decision = StrategyChild.objects.create(
            discussion=discussion, case=case, decision=StrategyDecision.SECTION_47, reason=IMPORTED
        )
        enquiry = Enquiry.objects.create(
            case=case,
            started_by=decision,
            started_on=s.started,
            outcome=EnquiryOutcome.CONFERENCE
            if s.conference
            else (EnquiryOutcome.NO_FURTHER_ACTION if s.not_required else ""),
            no_conference_reason=IMPORTED if s.not_required else "",
            findings=IMPORTED,
        )
        if s.conference:
            _initial_conference(case, s.conference, conferences, plans, enquiry=enquiry)


def _initial_conference(
    case: Case,
    day: date,
    conferences: _Conferences,
    plans: dict[date, ProtectionPlan],
    *,
    enquiry: Enquiry | None = None,
) -> None:
    """The child at the initial conference held that day, with the plan it started, if any."""
    plan = plans.get(day)
    defaults: dict[str, Any] = {
        "plan": plan,
        "needs_plan": plan is not None,
        "category": plan.initial_category if plan else "",
    }
    if enquiry is not None:
        defaults["enquiry"] = enquiry
    ConferenceChild.objects.get_or_create(
        conference=conferences.on(day, ConferenceKind.INITIAL), case=case, defaults=defaults
    )


def _reviews(
    case: Case,
    e: CensusEpisode,
    conferences: _Conferences,
    plans: dict[date, ProtectionPlan],
    since: dict[date, list[date]],
) -> None:
    reviews = {cp.started: cp.reviews for cp in e.protection_plans}
    reviews |= since
    for started, plan in plans.items():
        for day in reviews.get(started, []):
            ConferenceChild.objects.create(
                conference=conferences.on(day, ConferenceKind.REVIEW),
                case=case,
                plan=plan,
                needs_plan=True,
                category=plan.latest_category,
            )


def _closure(case: Case, e: CensusEpisode, by: User) -> None:
    if e.closed and not e.no_further_action:
        Closure.objects.create(
            case=case,
            author=by,
            status=Status.AUTHORISED,
            closed_on=e.closed,
            reason=e.reason,
            summary=IMPORTED,
            authorised_at=_at(e.closed),
            created_at=_at(e.closed),
        )
