"""Named reads that need care: the case page and the manager's list of work to authorise, each
with a fixed number of queries whatever the size of the case or the team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

from django.db.models import Prefetch, QuerySet

from kith.accounts.models import User
from kith.cases.access import visible_cases
from kith.cases.models import Allocation, Case, Contact
from kith.recording import rules
from kith.recording.codes import YesNo
from kith.recording.kinds import KINDS
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    PlanAction,
    PlanReview,
    Record,
    Status,
    Visit,
)


@dataclass
class CasePage:
    case: Case
    contact: Contact | None
    assessments: list[Assessment]
    plans: list[ChildInNeedPlan]
    visits: list[Visit]
    notes: list[CaseNote]
    closures: list[Closure]
    allocations: list[Allocation]
    status: str
    steps: list[rules.NextStep]
    assessment_timescale: rules.Timescale | None
    records: list[Record]  # every record, latest first
    last_seen: Visit | None
    last_seen_alone: Visit | None


def _with_people(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.select_related("author", "authorised_by")


def case_page(case: Case, today: date) -> CasePage:
    contact = Contact.objects.filter(case=case).first()
    assessments = list(_with_people(case.assessments.all()))
    plans = list(
        _with_people(case.childinneedplans.all()).prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.filter(replaced_at__isnull=True)),
            Prefetch("reviews", queryset=PlanReview.objects.select_related("recorded_by")),
        )
    )
    visits = list(_with_people(case.visits.all()))
    notes = list(_with_people(case.casenotes.all()))
    closures = list(_with_people(case.closures.all()))
    allocations = list(case.allocations.select_related("team", "worker", "by"))
    records: list[Record] = sorted(
        chain(assessments, plans, visits, notes, closures),
        key=lambda r: (r.happened_on() or r.created_at.date(), r.created_at),
        reverse=True,
    )
    seen = [v for v in visits if v.is_final and v.child_seen == YesNo.YES]
    alone = [v for v in seen if v.seen_alone == YesNo.YES]

    def latest(found: list[Visit]) -> Visit | None:
        return max(found, key=lambda v: (v.visited_on or date.min, v.pk), default=None)

    return CasePage(
        case=case,
        contact=contact,
        assessments=assessments,
        plans=plans,
        visits=visits,
        notes=notes,
        closures=closures,
        allocations=allocations,
        status=rules.case_status(
            case, assessments=assessments, plans=plans, closures=closures, today=today
        ),
        steps=rules.next_steps(
            case, assessments=assessments, plans=plans, closures=closures, today=today
        ),
        assessment_timescale=rules.assessment_timescale(case, assessments, today),
        records=records,
        last_seen=latest(seen),
        last_seen_alone=latest(alone),
    )


def waiting_for(user: User, team_ids: list[int]) -> list[Record]:
    """Records submitted in these teams' cases and waiting for a manager, oldest first: one
    query per kind that needs authorisation. A restricted child appears only to those named."""
    waiting: list[Record] = []
    for kind in KINDS.values():
        if kind.model.needs_authorisation:
            waiting += list(
                kind.model._default_manager.filter(
                    status=Status.SUBMITTED,
                    case__team_id__in=team_ids,
                    case__in=visible_cases(user),
                )
                .select_related("case__child", "case__team", "author")
                .order_by("submitted_at")
            )
    return sorted(waiting, key=lambda r: r.submitted_at or r.created_at)
