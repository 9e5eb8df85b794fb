"""What the pages show of a care leaver, in a fixed number of queries: their status (derived
from their care history), their support, contacts, birthday checks, arrangements and plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kith.care.models import CarePeriod
from kith.leaving_care.codes import LeaverStatus
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
    NeedsAssessment,
    PathwayPlan,
)
from kith.leaving_care.rules import AGES, check_needed, window
from kith.leaving_care.status import Spell, became_eligible_on, spells_of, status
from kith.lib import timescales
from kith.lib.timescales import RULES
from kith.people.models import Person
from kith.recording.models import Status


def spells(child_id: int) -> list[Spell]:
    return spells_of(CarePeriod.objects.filter(child_id=child_id).prefetch_related("statuses"))


def status_of(child: Person, on: date, leaver: CareLeaver | None = None) -> LeaverStatus | None:
    to_25 = leaver is not None and leaver.to_25_asked_on is not None
    return status(child.date_of_birth, spells(child.pk), on, to_25)


@dataclass
class Leaving:
    child: Person
    status: LeaverStatus | None
    eligible_on: date | None
    leaver: CareLeaver | None
    contacts: list[AdviserContact] = field(default_factory=list)
    checks: list[BirthdayCheck] = field(default_factory=list)
    arrangements: list[LivingArrangement] = field(default_factory=list)
    pathway_plan: PathwayPlan | None = None
    assessment: NeedsAssessment | None = None
    # The birthdays from 17 to 21 so far, each with its window, its check (if made), and
    # whether a check is asked for (not at 17 or 18 for someone looked after on the day).
    birthdays: list[tuple[int, date, date, BirthdayCheck | None, bool]] = field(
        default_factory=list
    )

    @property
    def last_contact(self) -> AdviserContact | None:
        return next((c for c in self.contacts if c.reached), None)

    def due(self) -> list[tuple[str, date]]:
        """What is due next for the young person: contact within 8 weeks of the last, and the
        pathway plan's review within 6 months of the last plan."""
        if self.leaver is None:
            return []
        last = self.last_contact
        found = [
            (
                "Be in touch with the young person",
                timescales.rule("adviser-contact").due(
                    last.contacted_on if last else self.leaver.started_on
                ),
            )
        ]
        if self.pathway_plan is not None and self.pathway_plan.agreed_on is not None:
            found.append(
                (
                    "Review the pathway plan",
                    RULES["pathway-plan-review"].due(self.pathway_plan.agreed_on),
                )
            )
        return found

    @property
    def arrangement_now(self) -> LivingArrangement | None:
        return next((a for a in self.arrangements if a.ended_on is None), None)


def leaving(child: Person, today: date, leaver: CareLeaver | None = None) -> Leaving | None:
    """The young person's leaving care picture, for the support given (or their latest); None
    if they are not a care leaver and have no support recorded."""
    found = spells(child.pk)
    if leaver is None:
        leaver = (
            CareLeaver.objects.filter(child=child).select_related("adviser").order_by("-pk").first()
        )
    to_25 = leaver is not None and leaver.to_25_asked_on is not None
    now = status(child.date_of_birth, found, today, to_25)
    if now is None and leaver is None:
        return None
    shown = Leaving(child, now, became_eligible_on(child.date_of_birth, found), leaver)
    if leaver is not None:
        shown.contacts = list(leaver.contacts.select_related("recorded_by"))
        shown.checks = list(leaver.checks.all())
        shown.arrangements = list(leaver.arrangements.all())
    done = {c.age: c for c in shown.checks}
    if child.date_of_birth is not None:
        for age in AGES:
            first, last = window(child.date_of_birth, age)
            if first <= today:
                needed = check_needed(child.date_of_birth, age, found)
                shown.birthdays.append((age, first, last, done.get(age), needed))
    if leaver is not None:
        shown.pathway_plan = _latest(PathwayPlan, leaver.case_id)
        shown.assessment = _latest(NeedsAssessment, leaver.case_id)
    return shown


def _latest(model: type[PathwayPlan] | type[NeedsAssessment], case_id: int) -> Any:
    return (
        model.objects.filter(case_id=case_id).exclude(status=Status.DRAFT).order_by("-pk").first()
    )
