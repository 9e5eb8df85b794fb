"""The records in the demo authority's cases, written to fit each case's stage in its story
(cases/demo.py): assessments in progress, waiting for a manager and authorised (some late),
child in need plans with actions and reviews, visits (the child seen, seen alone, or not),
case notes with significant events, and closures."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from kith.accounts.models import Team, User
from kith.cases.codes import ClosureReason, PrimaryNeed
from kith.cases.models import Case
from kith.demo.builder import Demo
from kith.lib.working_days import add_working_days
from kith.recording.codes import AssessmentFactor, AssessmentOutcome, NoteKind
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    PlanAction,
    PlanReview,
    Record,
    RecordVersion,
    ReviewDecision,
    Status,
    Visit,
)

DEVELOPMENT = (
    "{name} is meeting most milestones. Attendance is {attendance}%. Teachers describe "
    "{name} as quiet and watchful, and {name} finds it hard to settle after weekends."
)
PARENTING = (
    "Mother loves {name} and wants to do her best, but her own low mood means mornings are "
    "chaotic. Boundaries are inconsistent; there is little routine around food and bedtime."
)
ENVIRONMENT = (
    "The family live in a two-bedroom flat. Rent arrears of £1,200. Maternal grandmother lives "
    "nearby and helps with school runs. Father has contact every other weekend."
)
CHILD_VIEWS = [
    '"I like it when Nan picks me up. I don\'t like it when Mum and Dad shout."',
    '"School is OK. I want my own bed."',
    '"I just want everyone to stop asking me questions."',
    '"I worry about Mum when I\'m at school."',
]
ANALYSIS = (
    "{name}'s basic needs are mostly met, but the pattern of arguments at home and mother's low "
    "mood mean {name} is at risk of emotional harm. The family engage well and grandmother is a "
    "protective factor."
)
OBSERVATIONS = [
    "Home warm and reasonably tidy. Food in the fridge. {name} was playing with a tablet.",
    "Mother seemed tired. Kitchen had dirty dishes piled up; no food seen for tea.",
    "{name} showed me their bedroom: bed made, clothes in drawers, drawings on the wall.",
    "Father present for part of the visit and was calm and polite.",
]
CHILD_WORDS = [
    '"I had pasta for tea. Mum helped with my reading."',
    '"Dad didn\'t come at the weekend. I was sad."',
    '"It\'s been better. No shouting."',
    '"Can you come back next week?"',
]
NOTES = [
    (NoteKind.PHONE, "School (DSL)", "School report attendance improved to 92% this month."),
    (NoteKind.PHONE, "Mother", "Mother rang to say she has an appointment with her GP."),
    (NoteKind.EMAIL, "Health visitor", "Health visitor confirmed the 2-year check took place."),
    (NoteKind.MEETING, "Early help, school", "Team around the family meeting; plan agreed."),
    (NoteKind.MESSAGE, "Mother", "Text to confirm the visit on Thursday."),
]
SIGNIFICANT = [
    "Police called to the home after an argument; father arrested and bailed not to attend.",
    "{name} excluded from school for a fixed term.",
    "Family moved to a new address after eviction notice.",
]
ACTIONS = [
    ("{name} gets to school on time every day", "Mother, with help from Nan"),
    ("Weekly family support sessions on routines and bedtimes", "Early help family worker"),
    ("Mother to see her GP about her low mood", "Mother"),
    ("Check attendance and tell the social worker of any absence", "School"),
    ("Referral to the domestic abuse service", "Social worker"),
]
FACTORS: dict[str, list[list[AssessmentFactor]]] = {
    AssessmentOutcome.CHILD_IN_NEED: [
        [AssessmentFactor.DV_PARENT, AssessmentFactor.MH_PARENT],
        [AssessmentFactor.NEGLECT],
        [AssessmentFactor.ALCOHOL_PARENT, AssessmentFactor.EMOTIONAL],
        [AssessmentFactor.DRUGS_PARENT, AssessmentFactor.NEGLECT],
    ],
    AssessmentOutcome.NO_FURTHER_ACTION: [[AssessmentFactor.NONE]],
    AssessmentOutcome.EARLY_HELP: [[AssessmentFactor.MH_PARENT], [AssessmentFactor.BEHAVIOUR]],
}
NEEDS: dict[str, list[PrimaryNeed]] = {
    AssessmentOutcome.CHILD_IN_NEED: [PrimaryNeed.ABUSE_OR_NEGLECT, PrimaryNeed.DYSFUNCTION],
    AssessmentOutcome.NO_FURTHER_ACTION: [PrimaryNeed.ACUTE_STRESS],
    AssessmentOutcome.EARLY_HELP: [PrimaryNeed.PARENT_ILLNESS, PrimaryNeed.ACUTE_STRESS],
}
OUTCOME_FOR_CLOSURE: dict[str, str] = {
    ClosureReason.NFA_AFTER_ASSESSMENT: AssessmentOutcome.NO_FURTHER_ACTION,
    ClosureReason.EARLY_HELP_AFTER_ASSESSMENT: AssessmentOutcome.EARLY_HELP,
}


class _Writer:
    """Collects one batch of records, then saves them and their versions together."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.rng = demo.rng
        self.managers = dict(Team.objects.values_list("pk", "manager_id"))
        self.records: dict[type[Record], list[Record]] = {}
        self.plan_actions: list[tuple[ChildInNeedPlan, list[PlanAction]]] = []
        self.reviews: list[tuple[ChildInNeedPlan, PlanReview]] = []
        self.case_needs: list[Case] = []

    def at(self, day: date) -> datetime:
        moment = timezone.make_aware(
            datetime.combine(day, time(self.rng.randint(9, 16), self.rng.randint(0, 59)))
        )
        return min(moment, timezone.now() - timedelta(minutes=1))

    def add(self, record: Record) -> Record:
        self.records.setdefault(type(record), []).append(record)
        return record

    def common(self, case: Case, author_id: int, day: date, status: str) -> dict[str, Any]:
        moment = self.at(day)
        manager = self.managers.get(case.team_id) if case.team_id else None
        authorised = status == Status.AUTHORISED and manager is not None
        return {
            "case": case,
            "author_id": author_id,
            "status": status if manager is not None or status != Status.AUTHORISED else "final",
            "created_at": moment,
            "updated_at": moment,
            "submitted_at": moment if status != Status.DRAFT else None,
            "authorised_at": moment if authorised else None,
            "authorised_by_id": manager if authorised else None,
        }

    # --- Each kind of record ----------------------------------------------------------------

    def assessment(
        self, case: Case, author: int, first: str, *, status: str, outcome: str, done_on: date
    ) -> Assessment:
        rng = self.rng
        start = min(case.referral_date + timedelta(days=rng.randint(0, 4)), done_on)
        draft_only = status == Status.DRAFT
        need = rng.choice(NEEDS[outcome])
        assessment = Assessment(
            **self.common(case, author, done_on, status),
            started_on=start,
            child_development=DEVELOPMENT.format(name=first, attendance=rng.randint(78, 97)),
            parenting_capacity=""
            if draft_only and rng.random() < 0.5
            else PARENTING.format(name=first),
            family_environment="" if draft_only else ENVIRONMENT,
            child_views="" if draft_only else rng.choice(CHILD_VIEWS),
            analysis="" if draft_only else ANALYSIS.format(name=first),
            factors=[] if draft_only else [str(f) for f in rng.choice(FACTORS[outcome])],
            recommendation="" if draft_only else AssessmentOutcome(outcome).label,
            outcome="" if draft_only else outcome,
            primary_need="" if draft_only else need,
        )
        if status == Status.AUTHORISED:
            case.primary_need = need
            self.case_needs.append(case)
        return self.add(assessment)  # type: ignore[return-value]

    def visits(self, case: Case, author: int, first: str, start: date, end: date, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            day = self.demo.date_between(start, end)
            seen = rng.random() < 0.9
            alone = seen and rng.random() < 0.6
            self.add(
                Visit(
                    **self.common(case, author, day, Status.FINAL),
                    visited_on=day,
                    visited_time=time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])),
                    who_was_seen="Mother" + (", father" if rng.random() < 0.3 else ""),
                    child_seen="yes" if seen else "no",
                    seen_alone="yes" if alone else ("no" if seen else "na"),
                    bedroom_seen="yes" if seen and rng.random() < 0.5 else "no",
                    place="Home" if rng.random() < 0.8 else "School",
                    observations=rng.choice(OBSERVATIONS).format(name=first),
                    child_words=rng.choice(CHILD_WORDS) if seen else "",
                    analysis="No new worries."
                    if rng.random() < 0.7
                    else "Home conditions "
                    "have slipped since the last visit; discussed with mother.",
                    next_steps="Visit again in 4 weeks.",
                )
            )

    def notes(self, case: Case, author: int, first: str, start: date, end: date, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            day = self.demo.date_between(start, end)
            significant = rng.random() < 0.15
            kind, who, text = rng.choice(NOTES)
            self.add(
                CaseNote(
                    **self.common(case, author, day, Status.FINAL),
                    note_kind=kind,
                    happened_on_date=day,
                    who_was_involved=who,
                    text=rng.choice(SIGNIFICANT).format(name=first) if significant else text,
                    significant=significant,
                )
            )

    def plan(self, case: Case, author: int, first: str, start: date, end: date | None) -> None:
        rng = self.rng
        plan = ChildInNeedPlan(
            **self.common(case, author, start, Status.FINAL),
            starts_on=start,
            ends_on=end,
            needs=f"{first} needs a settled routine, to be at school every day and to feel safe "
            "at home when the adults disagree.",
        )
        self.add(plan)
        chosen = rng.sample(ACTIONS, 3)
        self.plan_actions.append(
            (
                plan,
                [
                    PlanAction(
                        position=i,
                        what=what.format(name=first),
                        who=who,
                        by_when=start + timedelta(weeks=rng.randint(4, 12)),
                        progress="Going well" if rng.random() < 0.5 else "",
                        done=rng.random() < 0.3,
                    )
                    for i, (what, who) in enumerate(chosen, 1)
                ],
            )
        )
        last = end or self.demo.today
        review_day = start + timedelta(weeks=12)
        while review_day < last:
            self.reviews.append(
                (
                    plan,
                    PlanReview(
                        held_on=review_day,
                        attendees="Mother, social worker, school, early help worker",
                        what_changed="Attendance is better; mother is seeing her GP.",
                        decision=ReviewDecision.CONTINUE,
                        next_review_on=review_day + timedelta(weeks=12),
                        recorded_by_id=author,
                        recorded_at=self.at(review_day),
                    ),
                )
            )
            review_day += timedelta(weeks=12)

    def closure(self, case: Case, author: int, day: date, status: str, reason: str) -> None:
        self.add(
            Closure(
                **self.common(case, author, day, status),
                closed_on=day,
                reason=reason,
                summary="The plan's actions are done and the family are managing well. "
                "School will keep an eye and know how to contact us.",
                onward_services="Early help" if reason == "RC9" else "School support",
            )
        )

    # --- Saving -------------------------------------------------------------------------------

    def save(self) -> int:
        saved = 0
        versions: list[RecordVersion] = []
        for model, records in self.records.items():
            model._default_manager.bulk_create(records, batch_size=2000)
            saved += len(records)
        actions = []
        for plan, rows in self.plan_actions:
            for row in rows:
                row.plan = plan
                actions.append(row)
        PlanAction.objects.bulk_create(actions, batch_size=2000)
        reviews = []
        for plan, review in self.reviews:
            review.plan = plan
            reviews.append(review)
        PlanReview.objects.bulk_create(reviews, batch_size=2000)
        plan_values = {id(plan): [a.snapshot() for a in rows] for plan, rows in self.plan_actions}
        for records in self.records.values():
            for record in records:
                if record.status == Status.DRAFT:
                    continue
                values = Record.snapshot(record)
                if isinstance(record, ChildInNeedPlan):
                    values["actions"] = plan_values[id(record)]
                versions.append(
                    RecordVersion(
                        kind=record.kind,
                        record_id=record.pk,
                        number=1,
                        status=record.status,
                        values=values,
                        what={
                            "authorised": "Authorised",
                            "submitted": "Submitted for authorisation",
                        }.get(record.status, "Recorded"),
                        by_id=record.authorised_by_id or record.author_id,
                        at=record.updated_at,
                    )
                )
        RecordVersion.objects.bulk_create(versions, batch_size=2000)
        Case.objects.bulk_update(self.case_needs, ["primary_need"], batch_size=2000)
        self.demo.count("records", saved)
        self.demo.count("record versions", len(versions))
        self.records, self.plan_actions, self.reviews, self.case_needs = {}, [], [], []
        return saved


def build(demo: Demo) -> None:
    stories: list[tuple[Case, str]] = demo.built.get("case_stories", [])
    writer = _Writer(demo)
    firsts = dict(
        Case.objects.filter(pk__in=[c.pk for c, _ in stories]).values_list(
            "pk", "child__first_name"
        )
    )
    workers: dict[int, list[int]] = {}
    for user in User.objects.filter(role="social_worker").values("pk", "team_id"):
        workers.setdefault(user["team_id"], []).append(user["pk"])
    rng = demo.rng
    today = demo.today
    for n, (case, stage) in enumerate(stories, 1):
        if stage == "nfa_referral" or case.team_id is None:
            continue
        first = firsts.get(case.pk) or "The child"
        author = case.worker_id or rng.choice(workers[case.team_id])
        r = case.referral_date
        if stage == "closed":
            assert case.closed_on is not None
            outcome = OUTCOME_FOR_CLOSURE.get(case.closure_reason, AssessmentOutcome.CHILD_IN_NEED)
            done = min(add_working_days(r, rng.randint(15, 55)), case.closed_on)
            writer.assessment(
                case, author, first, status=Status.AUTHORISED, outcome=outcome, done_on=done
            )
            writer.visits(case, author, first, r, case.closed_on, rng.randint(2, 5))
            writer.notes(case, author, first, r, case.closed_on, rng.randint(1, 4))
            if outcome == AssessmentOutcome.CHILD_IN_NEED and (case.closed_on - done).days > 14:
                writer.plan(case, author, first, done, case.closed_on)
            writer.closure(case, author, case.closed_on, Status.AUTHORISED, case.closure_reason)
        elif stage == "new":
            if rng.random() < 0.5:
                writer.notes(case, author, first, r, today, 1)
        elif stage in ("assessing", "waiting"):
            status = Status.DRAFT if stage == "assessing" else Status.SUBMITTED
            writer.assessment(
                case,
                author,
                first,
                status=status,
                outcome=AssessmentOutcome.CHILD_IN_NEED,
                done_on=min(today, r + timedelta(days=rng.randint(5, 40))),
            )
            writer.visits(case, author, first, r, today, rng.randint(1, 3))
            writer.notes(case, author, first, r, today, rng.randint(0, 2))
        elif stage == "plan":
            done = min(add_working_days(r, rng.randint(20, 50)), today)
            writer.assessment(
                case,
                author,
                first,
                status=Status.AUTHORISED,
                outcome=AssessmentOutcome.CHILD_IN_NEED,
                done_on=done,
            )
            writer.plan(case, author, first, done, None)
            writer.visits(case, author, first, r, today, rng.randint(3, 8))
            writer.notes(case, author, first, r, today, rng.randint(1, 5))
        elif stage == "closing":
            outcome = rng.choice(
                [AssessmentOutcome.NO_FURTHER_ACTION, AssessmentOutcome.EARLY_HELP]
            )
            done = min(add_working_days(r, rng.randint(15, 40)), today)
            writer.assessment(
                case, author, first, status=Status.AUTHORISED, outcome=outcome, done_on=done
            )
            writer.visits(case, author, first, r, done, rng.randint(1, 3))
            reason = "RC8" if outcome == AssessmentOutcome.NO_FURTHER_ACTION else "RC9"
            writer.closure(
                case, author, min(done + timedelta(days=3), today), Status.SUBMITTED, reason
            )
        if n % 2000 == 0:
            writer.save()
    writer.save()
