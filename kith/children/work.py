"""My work and the team view: what is due, overdue, in draft or returned, across a worker's or
a team's children, read in a fixed number of queries (one per kind of record) and worked out
with the same rules as each case page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.db.models import F, Q

from kith.accounts.models import Team, User
from kith.cases.access import seen_by
from kith.cases.models import Case
from kith.children.rules import Complexity, complexity
from kith.drafts.models import FormDraft
from kith.leaving_care.access import advising
from kith.people.access import visible
from kith.people.models import Person
from kith.protection import rules as protection_rules
from kith.protection.models import ConferenceChild, ProtectionPlan
from kith.recording import rules
from kith.recording.codes import YesNo
from kith.recording.kinds import KINDS
from kith.recording.models import (
    Assessment,
    ChildInNeedPlan,
    Closure,
    PlanReview,
    Record,
    Status,
    Visit,
)
from kith.timescales.models import Deadline
from kith.timescales.queries import Month, timeliness


@dataclass
class Due:
    what: str
    due: date
    overdue: bool
    # Done by the worker and waiting for a manager's authorisation: the manager's to do, not
    # the worker's lateness.
    waiting: bool = False


@dataclass
class ChildWork:
    case: Case
    status: str
    due: list[Due] = field(default_factory=list)
    on_plan: bool = False
    complexity: str = Complexity.STANDARD

    @property
    def overdue(self) -> int:
        """What the worker has overdue (not what waits for a manager)."""
        return sum(1 for d in self.due if d.overdue and not d.waiting)

    @property
    def overdue_items(self) -> list[Due]:
        return [d for d in self.due if d.overdue and not d.waiting]

    @property
    def next_due(self) -> date | None:
        return min((d.due for d in self.due), default=None)


def children_work(cases: list[Case], today: date) -> list[ChildWork]:
    """For each case: its status and what is due, from its records (one query per kind)."""
    ids = [c.pk for c in cases]
    by_case: dict[str, dict[int, list[Any]]] = {k: defaultdict(list) for k in ("a", "p", "c", "v")}
    for a in Assessment.objects.filter(case_id__in=ids):
        by_case["a"][a.case_id].append(a)
    reviews: dict[int, list[PlanReview]] = defaultdict(list)
    for r in PlanReview.objects.filter(plan__case_id__in=ids):
        reviews[r.plan_id].append(r)
    for p in ChildInNeedPlan.objects.filter(case_id__in=ids):
        p._prefetched_objects_cache = {"reviews": reviews[p.pk]}  # type: ignore[attr-defined]
        by_case["p"][p.case_id].append(p)
    for c in Closure.objects.filter(case_id__in=ids):
        by_case["c"][c.case_id].append(c)
    seen: dict[int, date] = {}
    for case_id, visited in Visit.objects.filter(
        case_id__in=ids, status=Status.FINAL, child_seen=YesNo.YES
    ).values_list("case_id", "visited_on"):
        if visited and (case_id not in seen or visited > seen[case_id]):
            seen[case_id] = visited
    cp_plans = {
        p.case_id: p for p in ProtectionPlan.objects.filter(case_id__in=ids, ended_on__isnull=True)
    }
    decided: dict[int, list[ConferenceChild]] = defaultdict(list)
    for d in ConferenceChild.objects.filter(plan__in=cp_plans.values()).select_related(
        "conference"
    ):
        decided[d.plan_id].append(d)  # type: ignore[index]
    found = []
    for case in cases:
        assessments, plans, closures = (by_case[k][case.pk] for k in ("a", "p", "c"))
        work = ChildWork(
            case,
            rules.case_status(
                case, assessments=assessments, plans=plans, closures=closures, today=today
            ),
        )
        timescales = [rules.assessment_timescale(case, assessments, today)]
        plan = cp_plans.get(case.pk)
        assessed = [a for a in assessments if a.status == Status.AUTHORISED]
        latest = max(assessed, key=lambda a: (a.authorised_at, a.pk), default=None)
        work.complexity = complexity(
            on_protection_plan=plan is not None,
            on_child_in_need_plan=any(p.is_active(today) for p in plans),
            factors=len(latest.factors) if latest is not None else 0,
        )
        if plan is not None:
            work.on_plan = True
            timescales += [
                protection_rules.review_timescale(plan, decided[plan.pk], today),
                protection_rules.visit_timescale(plan, seen.get(case.pk), today),
            ]
        submitted = any(a.status == Status.SUBMITTED for a in assessments)
        for t in timescales:
            if t is not None and t.done_on is None:
                # An assessment submitted and not yet authorised waits for the manager.
                waiting = t is timescales[0] and submitted
                work.due.append(
                    Due(
                        f"{t.what}: waiting for a manager" if waiting else t.what,
                        t.due,
                        t.state == "overdue",
                        waiting=waiting,
                    )
                )
        for step in rules.next_steps(
            case, assessments=assessments, plans=plans, closures=closures, today=today
        ):
            if step.due is not None and step.kind not in ("assessment", ""):
                work.due.append(Due(step.what, step.due, step.due < today))
        work.due.sort(key=lambda d: d.due)
        found.append(work)
    return found


@dataclass
class MyWork:
    children: list[ChildWork]
    drafts: list[Record]
    returned: list[Record]
    visits_this_week: list[ChildWork]
    # Timescales missed on the worker's cases that nobody has said why yet.
    unexplained: list[Deadline] = field(default_factory=list)
    # Cases allocated to the worker whose child's record is restricted without them named on
    # it: counted (someone must put it right), never named.
    restricted: int = 0
    # Other forms started and not yet saved (a strategy discussion, a contact), newest first.
    forms: list[FormDraft] = field(default_factory=list)

    @property
    def drafts_and_forms(self) -> int:
        return len(self.drafts) + len(self.forms)


def my_work(user: User, today: date) -> MyWork:
    # Their allocated cases, and a personal adviser's young people's.
    mine = Case.objects.filter(
        Q(worker=user) | Q(pk__in=advising(user).values("case_id")), closed_on__isnull=True
    )
    cases = list(
        mine.filter(seen_by(user)).select_related("child", "team").order_by("referral_date")
    )
    children = children_work(cases, today)
    children.sort(key=lambda w: (-w.overdue, w.next_due or date.max))
    drafts: list[Record] = []
    for kind in KINDS.values():
        drafts += list(
            kind.model._default_manager.filter(
                seen_by(user, "case__"), author=user, status=Status.DRAFT
            )
            .select_related("case__child")
            .order_by("-updated_at")
        )
    end_of_week = today + timedelta(days=6 - today.weekday())
    visits = [w for w in children if any(d.what == "Visit" and d.due <= end_of_week for d in w.due)]
    return MyWork(
        children=children,
        drafts=[d for d in drafts if not d.returned_comments],
        returned=[d for d in drafts if d.returned_comments],
        visits_this_week=visits,
        unexplained=list(
            Deadline.objects.filter(case__in=cases, withdrawn_on__isnull=True, late_reason="")
            .filter(Q(done_on__isnull=True, due_on__lt=today) | Q(done_on__gt=F("due_on")))
            .select_related("case__child")
        ),
        restricted=mine.count() - len(cases),
        forms=list(
            FormDraft.objects.filter(user=user)
            .filter(Q(person__isnull=True) | Q(person__in=Person.objects.filter(visible(user))))
            .select_related("person")
        ),
    )


@dataclass
class WorkerLoad:
    worker: User
    cases: int = 0
    on_plan: int = 0
    overdue: int = 0
    drafts: int = 0
    higher: int = 0
    medium: int = 0
    standard: int = 0


@dataclass
class TeamWork:
    loads: list[WorkerLoad]
    unallocated: list[ChildWork]
    # Every child's work in the teams, for the lists of what is overdue (overdue_in).
    children: list[ChildWork]
    overdue_by_type: list[tuple[str, int]]
    waiting: int
    most: int  # the largest caseload, for the chart's scale
    # A year of deadlines, read only where the team page's chart needs it (not on a manager's
    # home or the overdue list, which share the rest).
    read_timeliness: Callable[[], list[Month]] = field(repr=False)

    @cached_property
    def timeliness(self) -> list[Month]:
        return self.read_timeliness()


def team_work(user: User, today: date) -> TeamWork:
    """A manager's teams (a head of service's service area): each worker's caseload, what is
    overdue by worker and by type, cases not allocated to a worker, and records waiting."""
    from collections import Counter

    from django.db.models import Count

    from kith.recording.queries import waiting_for

    teams = list(Team.objects.led_by(user).values_list("pk", flat=True))
    # Only children the manager may see: a restricted child is never named or counted here.
    cases = list(
        Case.objects.filter(
            seen_by(user), team_id__in=teams, closed_on__isnull=True
        ).select_related("child", "team", "worker")
    )
    work = children_work(cases, today)
    members = list(
        User.objects.filter(
            team_id__in=teams, is_active=True, role__in=("social_worker", "team_manager")
        ).order_by("last_name", "first_name")
    )
    loads = {m.pk: WorkerLoad(m) for m in members}
    overdue_types: Counter[str] = Counter()
    for w in work:
        for d in w.overdue_items:
            overdue_types[d.what] += 1
        load = loads.get(w.case.worker_id or 0)
        if load is not None:
            load.cases += 1
            load.on_plan += int(w.on_plan)
            load.overdue += w.overdue
            setattr(load, w.complexity, getattr(load, w.complexity) + 1)
    for kind in KINDS.values():
        drafts = (
            kind.model._default_manager.filter(
                seen_by(user, "case__"), status=Status.DRAFT, author_id__in=list(loads)
            )
            .values("author_id")
            .annotate(n=Count("id"))
        )
        for row in drafts:
            loads[row["author_id"]].drafts += row["n"]
    ordered = sorted(loads.values(), key=lambda load: (-load.cases, str(load.worker)))
    return TeamWork(
        loads=ordered,
        unallocated=[w for w in work if w.case.worker_id is None],
        children=work,
        overdue_by_type=overdue_types.most_common(),
        waiting=len(waiting_for(user, teams)),
        most=max((load.cases for load in ordered), default=0),
        read_timeliness=lambda: timeliness(teams, today, seen=seen_by(user, "case__")),
    )


@dataclass
class Overdue:
    child: ChildWork
    due: Due


def overdue_in(team: TeamWork, worker_id: int | None = None, what: str = "") -> list[Overdue]:
    """Each overdue item in the teams (of one worker; of one kind), most overdue first: what
    the team page's counts stand for, one link away."""
    found = [
        Overdue(w, d)
        for w in team.children
        if worker_id is None or w.case.worker_id == worker_id
        for d in w.overdue_items
        if not what or d.what == what
    ]
    return sorted(found, key=lambda o: o.due.due)
