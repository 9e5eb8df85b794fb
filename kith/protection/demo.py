"""The demo authority's child protection histories, written onto the cases' stories
(cases/demo.py): strategy discussions (some ending without an enquiry), section 47 enquiries
(some ending in no further action), initial conferences (a few late), plans of various
lengths and categories, core groups, review conferences, plans ended at review, and a few open
plans whose review is overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.codes import ClosureReason
from kith.cases.models import Case
from kith.demo.builder import Demo
from kith.lib.working_days import add_working_days
from kith.protection.codes import Agency, CategoryOfAbuse, ConferenceKind, PlanEndReason
from kith.protection.models import (
    Conference,
    ConferenceChild,
    CoreGroup,
    Enquiry,
    Participant,
    ProtectionAction,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.protection.rules import add_months
from kith.recording.models import ChildInNeedPlan, Status

# Of the cases whose story is a plan (open) or a closed one, how many had child protection.
# "Closed after assessment" reasons say nothing followed the assessment (census rule 2990).
AFTER_ASSESSMENT = (ClosureReason.NFA_AFTER_ASSESSMENT, ClosureReason.EARLY_HELP_AFTER_ASSESSMENT)
OPEN_SHARE = 0.5
CLOSED_SHARE = 0.3
CATEGORY_WEIGHTS = [
    (CategoryOfAbuse.NEGLECT, 48),
    (CategoryOfAbuse.EMOTIONAL, 38),
    (CategoryOfAbuse.PHYSICAL, 8),
    (CategoryOfAbuse.SEXUAL, 4),
    (CategoryOfAbuse.MULTIPLE, 2),
]
PARTICIPANTS = [
    ("DS Rachel Lewis", Agency.POLICE, "Public protection unit"),
    ("Gemma Rowlands", Agency.HEALTH, "Safeguarding nurse"),
    ("Mrs Anwen Price", Agency.EDUCATION, "Designated safeguarding lead"),
]


def build(demo: Demo) -> None:
    rng = demo.rng
    stories = demo.built.get("case_stories", [])
    chairs = list(User.objects.filter(role=Role.CHAIR))
    if not chairs or not stories:
        return
    today = demo.today
    categories = [c for c, _ in CATEGORY_WEIGHTS]
    weights = [w for _, w in CATEGORY_WEIGHTS]
    chosen: list[tuple[Case, bool]] = []
    for case, stage in stories:
        if case.team_id is None:
            continue
        if stage == "plan" and rng.random() < OPEN_SHARE:
            chosen.append((case, True))
        elif (
            stage == "closed"
            and case.closure_reason not in AFTER_ASSESSMENT
            and case.closed_on
            and (case.closed_on - case.referral_date).days > 120
            and rng.random() < CLOSED_SHARE
        ):
            chosen.append((case, False))
    discussions, children, enquiries, conferences, decided, plans = [], [], [], [], [], []
    participants, actions, core_groups = [], [], []
    workers = {c.pk: c.worker_id or c.opened_by_id for c, _ in chosen}
    # A child already on a child in need plan is escalated during it, and the child protection
    # plan replaces it (the census counts no child on both: rules 4001, 4016, 4017).
    cin_plans: dict[int, list[ChildInNeedPlan]] = {}
    for cin_plan in ChildInNeedPlan.objects.filter(
        case_id__in=[c.pk for c, _ in chosen], status=Status.FINAL, starts_on__isnull=False
    ):
        cin_plans.setdefault(cin_plan.case_id, []).append(cin_plan)
    ended_cin_plans: list[ChildInNeedPlan] = []
    for case, still_open in chosen:
        escalated_from = max(
            (p.starts_on for p in cin_plans.get(case.pk, []) if p.starts_on), default=None
        )
        if escalated_from is None:
            held = case.referral_date + timedelta(days=rng.randint(1, 6))
        else:
            held = escalated_from + timedelta(days=rng.randint(7, 40))
        # Room for the enquiry, the conference and (on a closed case) the plan before the end.
        if held + timedelta(days=45 if case.closed_on else 30) > (case.closed_on or today):
            continue  # too late in the case for a child protection story
        discussion = StrategyDiscussion(
            held_at=_at(held, rng.randint(9, 16)),
            information_shared="Police shared two previous call-outs. Health: missed "
            "appointments. School: attendance 81% and the child seems withdrawn.",
            safety_plan="Father to stay with his brother; mother agreed to supervise contact.",
            actions="Police to check father's address; school to report any absence the same day.",
            recorded_by_id=workers[case.pk],
            recorded_at=_at(held, 17),
        )
        discussions.append(discussion)
        for name, agency, role in PARTICIPANTS[: rng.randint(2, 3)]:
            participants.append((discussion, Participant(name=name, agency=agency, role=role)))
        no_enquiry = still_open is False and rng.random() < 0.15
        child = StrategyChild(
            case=case,
            decision="no_s47" if no_enquiry else "s47",
            reason="Not reached the threshold: supported under the child in need plan."
            if no_enquiry
            else "Reasonable cause to suspect significant harm.",
        )
        children.append((discussion, child))
        if no_enquiry:
            continue
        icpc_due = add_working_days(held, 15)
        late = rng.random() < 0.12
        icpc_on = add_working_days(held, rng.randint(16, 22) if late else rng.randint(9, 15))
        end_limit = case.closed_on or today
        if icpc_on >= end_limit:
            icpc_on = min(icpc_due, end_limit)
        enquiry = Enquiry(
            case=case,
            started_on=held,
            findings="Injuries and home conditions confirmed; parents accept some of the concerns.",
            concerns_substantiated=True,
            continuing_risk=True,
            outcome="icpc",
            outcome_on=min(held + timedelta(days=7), icpc_on),
        )
        enquiries.append((child, enquiry))
        chair = rng.choice(chairs)
        category = rng.choices(categories, weights)[0]
        initial = Conference(
            kind=ConferenceKind.INITIAL,
            held_on=icpc_on,
            chair=chair,
            attendance="Mother, social worker, police, health visitor, school",
            apologies="GP",
            social_worker_report="The family have engaged with the enquiry; the risks remain.",
            views="The child said they want the shouting to stop. Mother wants help.",
            recorded_by_id=workers[case.pk],
        )
        conferences.append(initial)
        for cin_plan in cin_plans.get(case.pk, []):
            started_before = cin_plan.starts_on is not None and cin_plan.starts_on <= icpc_on
            if started_before and (cin_plan.ends_on is None or cin_plan.ends_on > icpc_on):
                cin_plan.ends_on = icpc_on
                ended_cin_plans.append(cin_plan)
        plan = ProtectionPlan(
            case=case,
            started_on=icpc_on,
            initial_category=category,
            latest_category=category,
            what_must_change="No more violence at home; the children get to school every day.",
            contingency="A legal planning meeting if the plan's actions are not met.",
            visit_every_working_days=rng.choice([10, 10, 15, 20]),
        )
        plans.append(plan)
        first_review = add_months(icpc_on, 3)
        decided.append(
            (
                initial,
                plan,
                ConferenceChild(
                    case=case,
                    enquiry=None,
                    needs_plan=True,
                    category=category,
                    next_review_on=first_review,
                ),
            )
        )
        for position, (what, who) in enumerate(
            [
                ("Father to attend a domestic abuse perpetrator programme", "Father"),
                ("Weekly visits, seeing the children alone", "Social worker"),
                ("Attendance checked daily and absence reported", "School"),
            ],
            1,
        ):
            actions.append((plan, ProtectionAction(position=position, what=what, who=who)))
        meeting = add_working_days(icpc_on, rng.randint(6, 12))
        while meeting < end_limit and meeting < icpc_on + timedelta(days=400):
            core_groups.append(
                (
                    plan,
                    CoreGroup(
                        held_on=meeting,
                        attendance="Mother, social worker, school",
                        progress="Father has started the programme.",
                        decisions="Carry on with the plan.",
                        recorded_by_id=workers[case.pk],
                    ),
                )
            )
            meeting = add_working_days(meeting, 30)
        # Review conferences: held on time mostly; a few overdue (never held) on open plans.
        review_on = first_review - timedelta(days=rng.randint(0, 10))
        length_months = rng.choice([3, 6, 9, 12, 18]) if not still_open else 99
        reviews_held = 0
        while review_on < end_limit:
            if still_open and rng.random() < 0.1 and reviews_held:
                break  # overdue: the next review has not been held
            ends = (reviews_held + 1) * 3 >= length_months or (
                not still_open and add_months(review_on, 6) >= end_limit
            )
            review = Conference(
                kind=ConferenceKind.REVIEW,
                held_on=review_on,
                chair=chair,
                attendance="Mother, social worker, school",
                social_worker_report="Progress against the plan.",
                views="The child says home is calmer.",
                recorded_by_id=workers[case.pk],
            )
            conferences.append(review)
            latest = (
                rng.choices(categories, weights)[0] if rng.random() < 0.2 else plan.latest_category
            )
            plan.latest_category = latest
            next_review = None if ends else add_months(review_on, 6)
            decided.append(
                (
                    review,
                    plan,
                    ConferenceChild(
                        case=case,
                        needs_plan=not ends,
                        category="" if ends else latest,
                        next_review_on=next_review,
                    ),
                )
            )
            reviews_held += 1
            if ends:
                plan.ended_on = review_on
                plan.end_reason = PlanEndReason.REVIEW_CONFERENCE
                break
            review_on = add_months(review_on, 6) - timedelta(days=rng.randint(0, 14))
        if not still_open and plan.ended_on is None:
            plan.ended_on = end_limit
            plan.end_reason = PlanEndReason.CHILD_MOVED
        if plan.ended_on is not None:
            core_groups = [
                (p, m) for p, m in core_groups if p is not plan or m.held_on <= plan.ended_on
            ]
    ChildInNeedPlan.objects.bulk_update(ended_cin_plans, ["ends_on"], batch_size=1000)
    StrategyDiscussion.objects.bulk_create(discussions, batch_size=1000)
    for discussion, person in participants:
        person.discussion = discussion
    Participant.objects.bulk_create([p for _, p in participants], batch_size=2000)
    for discussion, child in children:
        child.discussion = discussion
    StrategyChild.objects.bulk_create([c for _, c in children], batch_size=2000)
    for child, enquiry in enquiries:
        enquiry.started_by = child
    Enquiry.objects.bulk_create([e for _, e in enquiries], batch_size=2000)
    Conference.objects.bulk_create(conferences, batch_size=2000)
    ProtectionPlan.objects.bulk_create(plans, batch_size=2000)
    enquiry_of = {e.case_id: e for _, e in enquiries}
    rows = []
    for conference, plan, row in decided:
        row.conference, row.plan = conference, plan
        if conference.kind == ConferenceKind.INITIAL:
            row.enquiry = enquiry_of.get(plan.case_id)
        rows.append(row)
    ConferenceChild.objects.bulk_create(rows, batch_size=2000)
    for plan, action in actions:
        action.plan = plan
    ProtectionAction.objects.bulk_create([a for _, a in actions], batch_size=2000)
    for plan, core_group in core_groups:
        core_group.plan = plan
    CoreGroup.objects.bulk_create([m for _, m in core_groups], batch_size=2000)
    demo.count("strategy discussions", len(discussions))
    demo.count("conferences", len(conferences))
    demo.count("child protection plans", len(plans))
    demo.count("open child protection plans", sum(1 for p in plans if p.ended_on is None))


def _at(day: date, hour: int) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(hour, 0)))
    return min(moment, timezone.now() - timedelta(minutes=1))
