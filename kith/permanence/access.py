"""The only way to fetch a child's adoption plan for a user (through their period of care, so
through the case's door), and the children with a plan for adoption whose work is the user's,
for the adoption timescales page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.http import Http404

from kith.accounts.models import User
from kith.accounts.roles import MANAGING_ROLES, Role
from kith.care.access import get_period_for
from kith.care.codes import ADOPTED
from kith.cases.access import seen_by
from kith.permanence.journey import Adoption, Measure, adoption_of, scorecard
from kith.permanence.models import AdoptionPlan


def get_plan_for(user: User, pk: int, *, changeable: bool = False) -> AdoptionPlan:
    found = AdoptionPlan.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such plan for adoption")
    found.period = get_period_for(user, found.period_id, changeable=changeable)
    return found


@dataclass(frozen=True)
class Row:
    plan: AdoptionPlan
    adoption: Adoption
    measures: list[Measure]

    @property
    def placed(self) -> Measure | None:
        return next((m for m in self.measures if m.key == "placed"), None)

    @property
    def matched(self) -> Measure | None:
        return next((m for m in self.measures if m.key == "match"), None)


def adoption_list(user: User, today: date) -> list[Row]:
    """The children with a plan for adoption now (or adopted in the last year) in the user's
    work: their own and their team's cases, a manager's teams, the head of service's area; a
    data officer sees the authority's. Restricted children only for those named."""
    plans = AdoptionPlan.objects.filter(seen_by(user, through="period__case__"))
    if user.role != Role.DATA_OFFICER:
        theirs = Q(period__case__worker=user)
        if user.team_id is not None:
            theirs |= Q(period__case__team_id=user.team_id)
        if user.role in MANAGING_ROLES:
            theirs |= Q(period__case__team__manager=user)
            theirs |= Q(period__case__team__service_area__head=user)
        plans = plans.filter(theirs)
    year_ago = date(today.year - 1, today.month, min(today.day, 28))
    # Waiting now, or adopted in the last year (a plan whose child's care ended otherwise is
    # not on the scorecard).
    plans = plans.filter(ended_on__isnull=True).filter(
        Q(period__ended_on__isnull=True)
        | Q(period__ended_on__gte=year_ago, period__end_reason__in=ADOPTED)
    )
    rows = []
    for plan in plans.select_related("period__case__child", "period__case__team").prefetch_related(
        "period__placements", "period__statuses"
    ):
        adoption = adoption_of(plan.period, plan)
        rows.append(Row(plan, adoption, scorecard(plan.period, adoption, today)))
    return sorted(rows, key=lambda r: (str(r.plan.period.case.team), r.plan.decided_on))


@dataclass(frozen=True)
class TeamFigures:
    """A team's children on the scorecard: how many, and their average days against the
    national thresholds (children still waiting count their days so far)."""

    team: str
    children: int
    placed_days: int | None
    match_days: int | None


def by_team(rows: list[Row]) -> list[TeamFigures]:
    teams: dict[str, list[Row]] = {}
    for row in rows:
        teams.setdefault(str(row.plan.period.case.team or "No team"), []).append(row)
    found = []
    for team, members in teams.items():
        placed = [m.days for r in members if (m := r.placed)]
        matched = [m.days for r in members if (m := r.matched)]
        found.append(
            TeamFigures(
                team,
                len(members),
                round(sum(placed) / len(placed)) if placed else None,
                round(sum(matched) / len(matched)) if matched else None,
            )
        )
    return found
