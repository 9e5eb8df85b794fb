"""A person's road to permanence, for a subject access bundle (people/subject_access.py asks;
this app answers): permanence planning meetings, long-term fostering matches and the plan for
adoption. The adopters' details and the carers' names are about other people, as is what was
decided and why: flagged for redaction review. The placement order, the move to the adopters
and the adoption order are the care record's, and come with its section."""

from __future__ import annotations

from kith.care.models import CarePeriod
from kith.people.models import Person
from kith.people.subject_access import Entry, Section
from kith.permanence.models import AdoptionPlan


def _on(day: object) -> str:
    return f"{day:%-d %B %Y}"


def _said(label: str, text: str) -> list[Entry]:
    return [Entry(f"{label}: {text}", names_others=True)] if text.strip() else []


def _adopters(plan: AdoptionPlan) -> str:
    said = [plan.get_adopters_sex_display(), plan.get_adopters_legal_status_display().lower()]
    if plan.foster_carers_adopting:
        said.append("the child's foster carers")
    return ", ".join(s for s in said if s)


def sections(person: Person) -> list[Section]:
    entries: list[Entry] = []
    periods = CarePeriod.objects.filter(child=person).prefetch_related(
        "permanence_meetings", "long_term_matches", "adoption_plans"
    )
    for period in periods.order_by("started_on", "pk"):
        for meeting in period.permanence_meetings.all():
            entries.append(
                Entry(
                    f"Permanence planning meeting, {_on(meeting.held_on)}: "
                    f"{meeting.get_option_display().lower()}"
                )
            )
            entries += _said("What was decided, and why", meeting.decided)
        for plan in period.adoption_plans.all():
            entries.append(
                Entry(
                    "Decision that the child should be adopted, "
                    f"{_on(plan.decided_on)}, by the agency decision maker {plan.decision_maker}"
                )
            )
            if plan.matched_on is not None:
                entries.append(
                    Entry(
                        f"Matched with adopters, {_on(plan.matched_on)}"
                        + (f": {_adopters(plan)}" if _adopters(plan) else ""),
                        names_others=True,
                    )
                )
            if plan.ended_on is not None:
                entries.append(
                    Entry(
                        "Decision that the child should no longer be adopted, "
                        f"{_on(plan.ended_on)}: {plan.get_end_reason_display().lower()}"
                    )
                )
            entries += _said("Notes", plan.note)
        for match in period.long_term_matches.all():
            entries.append(
                Entry(
                    f"Long-term fostering match, {_on(match.matched_on)}, with {match.carers}",
                    names_others=True,
                )
            )
            entries += _said("How it was agreed", match.note)
    return [Section("Permanence and adoption", entries)] if entries else []
