"""A person's child protection records, for a subject access bundle (people/subject_access.py
asks; this app answers). Discussions and conferences are about whole families: every narrative
entry is flagged for redaction review."""

from __future__ import annotations

from kith.people.models import Person
from kith.people.subject_access import Entry, Section
from kith.protection.models import (
    ConferenceChild,
    CoreGroup,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
)


def sections(person: Person) -> list[Section]:
    entries: list[Entry] = []
    for d in StrategyChild.objects.filter(case__child=person).select_related("discussion"):
        entries.append(
            Entry(
                f"Strategy discussion, {d.discussion.held_on:%-d %B %Y}: {d.get_decision_display()}"
            )
        )
        entries.append(Entry(f"Why: {d.reason}", names_others=True))
        entries.append(
            Entry(f"What agencies shared: {d.discussion.information_shared}", names_others=True)
        )
    for e in Enquiry.objects.filter(case__child=person):
        entries.append(
            Entry(
                f"Section 47 enquiry from {e.started_on:%-d %B %Y}: "
                f"{e.get_outcome_display() or 'outcome not recorded'}"
            )
        )
        if e.findings:
            entries.append(Entry(f"Findings: {e.findings}", names_others=True))
    for c in ConferenceChild.objects.filter(case__child=person).select_related("conference"):
        conference = c.conference
        entries.append(
            Entry(
                f"{conference.get_kind_display()}, {conference.held_on:%-d %B %Y}: "
                + (f"plan ({c.get_category_display().lower()})" if c.needs_plan else "no plan")
            )
        )
        entries.append(Entry(f"Views: {conference.views}", names_others=True))
    for plan in ProtectionPlan.objects.filter(case__child=person):
        entries.append(
            Entry(
                f"Child protection plan from {plan.started_on:%-d %B %Y}"
                + (f" to {plan.ended_on:%-d %B %Y}" if plan.ended_on else "")
                + f": {plan.get_latest_category_display().lower()}"
            )
        )
        if plan.what_must_change:
            entries.append(Entry(f"What must change: {plan.what_must_change}", names_others=True))
    for meeting in CoreGroup.objects.filter(plan__case__child=person):
        entries.append(
            Entry(
                f"Core group, {meeting.held_on:%-d %B %Y}: {meeting.decisions}", names_others=True
            )
        )
    return [Section("Child protection", entries)] if entries else []
