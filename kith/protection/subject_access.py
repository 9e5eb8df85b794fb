"""A person's child protection records, for a subject access bundle (people/subject_access.py
asks; this app answers). Discussions and conferences are about whole families: every narrative
entry, and every name of someone else, is flagged for redaction review."""

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


def _said(label: str, text: str) -> list[Entry]:
    return [Entry(f"{label}: {text}", names_others=True)] if text.strip() else []


def _yes_no(value: bool | None) -> str:
    return (
        {True: "yes", False: "no"}.get(value, "not recorded")
        if value is not None
        else "not recorded"
    )


def sections(person: Person) -> list[Section]:
    entries: list[Entry] = []
    strategy = StrategyChild.objects.filter(case__child=person).select_related("discussion")
    for d in strategy.prefetch_related("discussion__participants"):
        discussion = d.discussion
        entries.append(
            Entry(
                f"Strategy discussion, {discussion.held_on:%-d %B %Y}: {d.get_decision_display()}"
            )
        )
        entries += _said("Why", d.reason)
        entries += [
            Entry(
                f"Took part: {p.name}, {p.get_agency_display()}"
                + (f" ({p.role})" if p.role else ""),
                names_others=True,
            )
            for p in discussion.participants.all()
        ]
        entries += _said("What agencies shared", discussion.information_shared)
        entries += _said("Immediate safety plan", discussion.safety_plan)
        entries += _said("Actions", discussion.actions)
    for e in Enquiry.objects.filter(case__child=person):
        entries.append(
            Entry(
                f"Section 47 enquiry from {e.started_on:%-d %B %Y}: "
                f"{e.get_outcome_display() or 'outcome not recorded'}; concerns substantiated: "
                f"{_yes_no(e.concerns_substantiated)}; continuing risk of significant harm: "
                f"{_yes_no(e.continuing_risk)}"
            )
        )
        entries += _said("Findings", e.findings)
        entries += _said("Why no conference", e.no_conference_reason)
    decided = ConferenceChild.objects.filter(case__child=person).select_related("conference__chair")
    for c in decided.prefetch_related("conference__reports"):
        conference = c.conference
        entries.append(
            Entry(
                f"{conference.get_kind_display()}, {conference.held_on:%-d %B %Y}, chaired by "
                f"{conference.chair.get_full_name()}: "
                + (f"plan ({c.get_category_display().lower()})" if c.needs_plan else "no plan")
            )
        )
        entries += _said("Attended", conference.attendance)
        entries += _said("Apologies", conference.apologies)
        entries += _said("The social worker's report", conference.social_worker_report)
        entries += _said("Views", conference.views)
        entries += [
            Entry(
                f"Report attached: {r.title} ({r.get_agency_display()}), {r.original_name}",
                names_others=True,
            )
            for r in conference.reports.all()
        ]
    for plan in ProtectionPlan.objects.filter(case__child=person).prefetch_related("actions"):
        entries.append(
            Entry(
                f"Child protection plan from {plan.started_on:%-d %B %Y}"
                + (
                    f" to {plan.ended_on:%-d %B %Y} ({plan.get_end_reason_display().lower()})"
                    if plan.ended_on
                    else ""
                )
                + f": {plan.get_latest_category_display().lower()}"
            )
        )
        entries += _said("What must change", plan.what_must_change)
        entries += _said("Contingency plan", plan.contingency)
        entries += _said("Why it ended", plan.end_note)
        entries += [
            Entry(
                f"Action: {a.what} – {a.who}" + (f" ({a.progress})" if a.progress else ""),
                names_others=True,
            )
            for a in plan.actions.all()
            if a.replaced_at is None
        ]
    for meeting in CoreGroup.objects.filter(plan__case__child=person):
        entries.append(Entry(f"Core group, {meeting.held_on:%-d %B %Y}"))
        entries += _said("Attended", meeting.attendance)
        entries += _said("Progress", meeting.progress)
        entries += _said("Concerns", meeting.concerns)
        entries += _said("Decisions", meeting.decisions)
    return [Section("Child protection", entries)] if entries else []
