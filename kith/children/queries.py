"""The child summary: everything a duty worker needs about a child on one page, read with a
fixed number of queries however long the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Prefetch

from kith.accounts.models import User
from kith.care.queries import LookedAfter, due_for, looked_after
from kith.cases.models import Case
from kith.children.chronology import significant_events
from kith.children.entries import Entry
from kith.leaving_care.queries import Leaving
from kith.leaving_care.queries import leaving as leaving_of
from kith.leaving_care.status import birthday
from kith.people.models import Person
from kith.people.queries import PersonPage, person_page
from kith.permanence.journey import Adoption, adoption_now
from kith.protection.models import ProtectionPlan
from kith.protection.queries import Risk, risk_of
from kith.recording import rules
from kith.recording.codes import YesNo
from kith.recording.models import ChildInNeedPlan, PlanAction, Status, Visit
from kith.recording.rules import Timescale

RECENT_SIGNIFICANT = 6


@dataclass
class CaseState:
    """What the summary needs of a case: its status, next steps and timescales, the plans, and
    when the child was last seen (and alone), without reading every visit and note."""

    status: str
    steps: list[rules.NextStep]
    assessment_timescale: Timescale | None
    plans: list[ChildInNeedPlan]
    last_seen: date | None
    last_seen_alone: date | None


def case_state(case: Case, today: date) -> CaseState:
    assessments = list(case.assessments.all())
    plans = list(
        case.childinneedplans.prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.filter(replaced_at__isnull=True)),
            "reviews",
        )
    )
    closures = list(case.closures.all())
    seen = Visit.objects.filter(case=case, status=Status.FINAL, child_seen=YesNo.YES)
    return CaseState(
        status=rules.case_status(
            case, assessments=assessments, plans=plans, closures=closures, today=today
        ),
        steps=rules.next_steps(
            case, assessments=assessments, plans=plans, closures=closures, today=today
        ),
        assessment_timescale=rules.assessment_timescale(case, assessments, today),
        plans=plans,
        last_seen=seen.aggregate(on=Max("visited_on"))["on"],
        last_seen_alone=seen.filter(seen_alone=YesNo.YES).aggregate(on=Max("visited_on"))["on"],
    )


@dataclass
class Due:
    what: str
    due: date
    state: str  # due, overdue
    words: str


@dataclass
class Summary:
    child: Person
    person: PersonPage
    case: Case | None
    page: CaseState | None
    risk: Risk | None
    cin_plan: ChildInNeedPlan | None
    cin_actions: list[PlanAction]
    cp_plan: ProtectionPlan | None
    previous_cases: int
    looked_after: LookedAfter | None = None
    adoption: Adoption | None = None
    leaving: Leaving | None = None
    due: list[Due] = field(default_factory=list)
    significant: list[Entry] = field(default_factory=list)
    status: str = "No open case"


def _due(timescales: list[Timescale | None]) -> list[Due]:
    return sorted(
        (
            Due(t.what, t.due, t.state, t.words)
            for t in timescales
            if t is not None and t.done_on is None
        ),
        key=lambda d: d.due,
    )


def summary(child: Person, today: date, viewer: User) -> Summary:
    cases = list(Case.objects.filter(child=child).select_related("team", "worker", "team__manager"))
    open_case = next((c for c in cases if c.is_open), None)
    page = case_state(open_case, today) if open_case else None
    risk = risk_of(open_case, today) if open_case else None
    cin_plan = None
    cin_actions: list[PlanAction] = []
    if page is not None:
        active = [p for p in page.plans if p.is_active(today)]
        cin_plan = active[0] if active else None
        cin_actions = cin_plan.current_actions() if cin_plan else []
    timescales: list[Timescale | None] = []
    if page is not None:
        timescales.append(page.assessment_timescale)
    if risk is not None:
        timescales += [risk.review, risk.visit]
    due = _due(timescales)
    if page is not None:
        due += [
            Due(step.what, step.due, "overdue" if step.due < today else "due", "")
            for step in page.steps
            if step.due is not None
            and step.what not in {d.what for d in due}
            and step.kind not in ("assessment",)
        ]
    care = looked_after(child, today)
    if care is not None and care.period.is_open:
        due += [
            Due(d.what, d.due_on, "overdue" if d.state == "overdue" else "due", "")
            for d in due_for(care, today)
            if d.done_on is None
        ]
        due.sort(key=lambda d: d.due)
    adoption = adoption_now(care.period) if care is not None and care.period.is_open else None
    # Only a young person of 16 or more who was ever looked after can be a care leaver: nobody
    # else pays for the look.
    born = child.date_of_birth
    older = born is not None and birthday(born, 16) <= today
    leaving = leaving_of(child, today) if care is not None and older else None
    if leaving is not None and leaving.leaver is not None and leaving.leaver.is_open:
        due += [
            Due(what, day, "overdue" if day < today else "due", "") for what, day in leaving.due()
        ]
        due.sort(key=lambda d: d.due)
    significant = significant_events(child, RECENT_SIGNIFICANT, viewer)
    status = (
        page.status if page else ("Case closed" if cases else "Not known to children's services")
    )
    if risk is not None:
        status = f"{status}; child protection plan"
    if care is not None and care.period.is_open:
        status = f"{status}; looked after"
    if care is not None and not care.period.is_open and leaving and leaving.status:
        status = f"{status}; care leaver"
    return Summary(
        child=child,
        person=person_page(child, today, viewer),
        case=open_case,
        page=page,
        risk=risk,
        cin_plan=cin_plan,
        cin_actions=cin_actions,
        cp_plan=risk.plan if risk else None,
        previous_cases=sum(1 for c in cases if not c.is_open),
        looked_after=care,
        adoption=adoption,
        leaving=leaving,
        due=due,
        significant=significant,
        status=status,
    )
