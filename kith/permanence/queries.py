"""What the permanence page and the summary show of a looked-after child: the plan (from the
latest care plan), meetings, long-term matches, the adoption plan's steps and scorecard, what
was achieved, and the deadlines; read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kith.care.models import CarePeriod
from kith.care.plans import CarePlan
from kith.lib.timescales import Standing, standing
from kith.permanence.deadlines import permanence_deadlines
from kith.permanence.journey import Adoption, Measure, achieved, adoption_of, scorecard
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.recording.models import Status


@dataclass(frozen=True)
class DueNow:
    what: str
    due_on: date
    done_on: date | None
    standing: Standing


@dataclass
class Permanence:
    period: CarePeriod
    care_plan: CarePlan | None
    meetings: list[PermanenceMeeting]
    matches: list[LongTermMatch]
    plans: list[AdoptionPlan]
    adoption: Adoption | None
    measures: list[Measure] = field(default_factory=list)
    achieved: tuple[str, date] | None = None
    due: list[DueNow] = field(default_factory=list)

    @property
    def option(self) -> str:
        """The plan for permanence now: the care plan's, unless a permanence planning meeting
        decided since it was agreed (the care plan is then due its update)."""
        plan = self.care_plan
        planned = plan.get_permanence_option_display() if plan and plan.permanence_option else ""
        agreed = plan.permanence_agreed_on or plan.agreed_on if plan else None
        if self.meetings and (not planned or agreed is None or self.meetings[-1].held_on > agreed):
            return self.meetings[-1].get_option_display()
        return planned

    @property
    def open_plan(self) -> AdoptionPlan | None:
        return next((p for p in self.plans if p.is_open), None)


def permanence_of(period: CarePeriod, today: date) -> Permanence:
    care_plan = (
        CarePlan.objects.filter(
            case_id=period.case_id, status__in=(Status.FINAL, Status.AUTHORISED)
        )
        .order_by("-pk")
        .first()
    )
    plans = list(AdoptionPlan.objects.filter(period=period))
    shown = Permanence(
        period,
        care_plan,
        list(PermanenceMeeting.objects.filter(period=period).select_related("recorded_by")),
        list(LongTermMatch.objects.filter(period=period)),
        plans,
        None,
    )
    latest = shown.open_plan or (plans[-1] if plans else None)
    if latest is not None:
        shown.adoption = adoption_of(period, latest)
        shown.measures = scorecard(period, shown.adoption, today)
    shown.achieved = achieved(period, shown.matches)
    ours = {f"care {period.pk}", *(f"adoption {p.pk}" for p in plans)}
    found = [
        DueNow(w.what, w.due_on, w.done_on, standing(w.due_on, w.done_on, today))
        for w in permanence_deadlines([period.case_id])
        if w.about in ours
    ]
    shown.due = sorted((d for d in found if d.done_on is None), key=lambda d: d.due_on) + sorted(
        (d for d in found if d.done_on is not None), key=lambda d: d.due_on, reverse=True
    )
    return shown
