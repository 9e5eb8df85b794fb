"""Stated practice, as pure functions: what a case's status is, what usually comes next and by
when, how each timescale stands, and the checks a record must pass. Nothing here reads or
writes the database: callers pass in what a rule needs, so each rule is tested directly.

Timescales: Working Together to Safeguard Children 2023 (reference/timescales.md) — a decision
on a contact within 1 working day, an assessment within 45 working days of the referral. They
are shown and warned about; they never stop anyone recording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kith.cases.models import Case
from kith.lib.working_days import working_days_between
from kith.recording.codes import AssessmentFactor, AssessmentOutcome
from kith.recording.models import Assessment, ChildInNeedPlan, Closure, Record, Status

# --- Status ------------------------------------------------------------------------------------


def case_status(
    case: Case,
    *,
    assessments: Sequence[Assessment],
    plans: Sequence[ChildInNeedPlan],
    closures: Sequence[Closure],
    today: date,
) -> str:
    """What is happening in the case now, derived from its records (never typed)."""
    if not case.is_open:
        return "Closed"
    if any(c.status == Status.SUBMITTED for c in closures):
        return "Closure waiting for authorisation"
    if any(p.is_active(today) for p in plans):
        return "Child in need plan"
    latest = max(assessments, key=lambda a: (a.started_on or date.min, a.pk), default=None)
    if latest is None:
        return "Referral: assessment not started"
    if latest.status == Status.DRAFT:
        return "Assessment in progress"
    if latest.status == Status.SUBMITTED:
        return "Assessment waiting for authorisation"
    return "Assessed"


# --- Timescales ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timescale:
    what: str
    due: date
    done_on: date | None
    today: date

    @property
    def state(self) -> str:
        """met, late, due (not yet done, not yet late) or overdue."""
        if self.done_on is not None:
            return "met" if self.done_on <= self.due else "late"
        return "due" if self.today <= self.due else "overdue"

    @property
    def words(self) -> str:
        """How it stands, in working days, as a worker would say it. The state (a plain
        calendar comparison) decides which words; working days only count them, so a Friday
        due date read on Saturday is overdue, never "due today"."""
        state = self.state
        if state == "met":
            return "Done in time"
        if state == "late":
            late = max(1, working_days_between(self.due, self.done_on or self.due))
            return f"Done {late} working {_days(late)} late"
        if state == "overdue":
            over = max(1, working_days_between(self.due, self.today))
            return f"{over} working {_days(over)} overdue"
        if self.today == self.due:
            return "Due today"
        left = max(1, working_days_between(self.today, self.due))
        return f"Due in {left} working {_days(left)}"


def _days(n: int) -> str:
    return "day" if n == 1 else "days"


def assessment_timescale(
    case: Case, assessments: Sequence[Assessment], today: date
) -> Timescale | None:
    """45 working days from the referral to the manager's authorisation (the census's
    assessment completion date). None for a case that closed without one: nothing is due."""
    done = [a.completed_on for a in assessments if a.completed_on is not None]
    if not done and not case.is_open:
        return None
    return Timescale(
        "Child and family assessment", case.assessment_due, min(done, default=None), today
    )


# --- Next steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    what: str
    kind: str  # the record kind to start, "review", "edit", or "" when it is someone else's
    due: date | None = None
    record: Record | None = None  # the record the step is about (the plan to review, say)


def next_steps(
    case: Case,
    *,
    assessments: Sequence[Assessment],
    plans: Sequence[ChildInNeedPlan],
    closures: Sequence[Closure],
    today: date,
) -> list[NextStep]:
    """The usual next step after each record, with its due date: a suggestion, never a gate."""
    if not case.is_open:
        return []
    if any(c.status in (Status.DRAFT, Status.SUBMITTED) for c in closures):
        waiting = any(c.status == Status.SUBMITTED for c in closures)
        return [
            NextStep("A manager authorises the closure" if waiting else "Submit the closure", "")
        ]
    if not assessments:
        return [
            NextStep("Start the child and family assessment", "assessment", case.assessment_due)
        ]
    if all(a.status == Status.DRAFT for a in assessments):
        return [NextStep("Finish and submit the assessment", "", case.assessment_due)]
    if not any(a.status == Status.AUTHORISED for a in assessments):
        return [NextStep("A manager authorises the assessment", "", case.assessment_due)]
    latest = max(
        (a for a in assessments if a.status == Status.AUTHORISED),
        key=lambda a: (a.authorised_at, a.pk),
    )
    active = [p for p in plans if p.is_active(today)]
    unagreed = [p for p in plans if p.status == Status.DRAFT]
    if latest.outcome == AssessmentOutcome.CHILD_IN_NEED and not active and unagreed:
        return [NextStep("Finish and agree the child in need plan", "edit", record=unagreed[0])]
    if latest.outcome == AssessmentOutcome.CHILD_IN_NEED and not plans:
        return [NextStep("Write the child in need plan", "plan")]
    if active:
        plan = max(active, key=lambda p: (p.starts_on or date.min, p.pk))
        return [
            NextStep("Visit the child", "visit"),
            NextStep("Review the plan", "review", next_review_due(plan), record=plan),
        ]
    if latest.outcome in (AssessmentOutcome.NO_FURTHER_ACTION, AssessmentOutcome.EARLY_HELP):
        return [NextStep("Close the case", "closure")]
    return [NextStep("Record a visit or a case note", "visit")]


def next_review_due(plan: ChildInNeedPlan) -> date | None:
    """The date the latest review set for the next one, if it set one (local practice sets
    it; there is no national timescale for child in need plan reviews)."""
    latest = max(plan.reviews.all(), key=lambda r: (r.held_on, r.pk), default=None)
    return latest.next_review_on if latest is not None else None


# --- Checks on what is recorded ----------------------------------------------------------------


def factors_problem(codes: Sequence[str]) -> str | None:
    """'No factors identified' (21) must be the only factor (CIN census guidance)."""
    if AssessmentFactor.NONE in codes and len(codes) > 1:
        return (
            "'No factors identified' cannot be chosen with other factors: untick it, "
            "or untick the others"
        )
    return None


def not_before(value: date | None, earliest: date | None, what: str, earlier: str) -> str | None:
    """A date that cannot come before another one (an end before a start, say)."""
    if value is not None and earliest is not None and value < earliest:
        return f"{what} must be on or after {earlier} ({earliest:%-d %B %Y})"
    return None


def closure_blockers(assessments: Sequence[Assessment]) -> list[str]:
    """What must be finished before a case can close: every assessment authorised (the census
    needs its completion date), or none started."""
    return [
        f"The assessment started on {a.started_on:%-d %B %Y} is not authorised yet: submit it "
        "and ask your manager to authorise it before the case closes"
        if a.started_on
        else "An assessment with no start date is still a draft: finish it, or ask your "
        "manager how to close it"
        for a in assessments
        if a.status != Status.AUTHORISED
    ]


def authorisation_problem(record_author_id: int, by_id: int) -> str | None:
    """Nobody authorises their own record: that is what a second pair of eyes is for."""
    if record_author_id == by_id:
        return "You cannot authorise a record you wrote. Another manager must authorise it."
    return None
