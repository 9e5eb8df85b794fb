"""A person's looked-after records, for a subject access bundle (people/subject_access.py asks;
this app answers). Carers' names and what reviews say are about other people too: flagged for
redaction review. The care plan and placement plan come with the case's other records."""

from __future__ import annotations

from kith.care.models import CarePeriod, CheckRecord
from kith.people.models import Person
from kith.people.subject_access import Entry, Section


def _on(day: object) -> str:
    return f"{day:%-d %B %Y}"


def _said(label: str, text: str) -> list[Entry]:
    return [Entry(f"{label}: {text}", names_others=True)] if text.strip() else []


def sections(person: Person) -> list[Section]:
    entries: list[Entry] = []
    periods = CarePeriod.objects.filter(child=person).prefetch_related(
        "statuses", "placements", "reviews__chair", "reviews__recommendations", "missing_episodes"
    )
    for period in periods.order_by("started_on", "pk"):
        entries.append(
            Entry(
                f"Looked after from {_on(period.started_on)}"
                + (
                    f" to {_on(period.ended_on)} ({period.get_end_reason_display().lower()})"
                    if period.ended_on
                    else ""
                )
                + f"; category of need: {period.get_need_display().lower()}"
            )
        )
        entries += _said("What happens next", period.end_note)
        entries += [
            Entry(f"Legal status from {_on(s.started_on)}: {s.get_status_display()}")
            for s in period.statuses.all()
        ]
        entries += [
            Entry(
                f"Placement from {_on(p.started_on)}: {p.get_kind_display()}, {p.carer}"
                + (
                    f"; it ended: {p.get_change_reason_display().lower()}"
                    if p.change_reason
                    else ""
                ),
                names_others=True,
            )
            for p in period.placements.all()
        ]
        for review in period.reviews.all():
            entries.append(
                Entry(
                    f"Looked-after review, {_on(review.held_on)}"
                    + (f", chaired by {review.chair.get_full_name()}" if review.chair else "")
                    + f": {review.get_participation_display().lower()}"
                )
            )
            entries += _said("Your views", review.child_views)
            entries += _said("What the review found", review.discussion)
            entries += _said("Monitoring note", review.monitoring)
            entries += [
                Entry(f"Recommendation: {r.what} – {r.who}, by {_on(r.due_on)}", names_others=True)
                for r in review.recommendations.all()
            ]
        for missing in period.missing_episodes.all():
            entries.append(
                Entry(
                    f"{missing.get_kind_display()} from {_on(missing.started_on)}"
                    + (f" to {_on(missing.ended_on)}" if missing.ended_on else "")
                )
            )
            entries += _said("Where found", missing.where_found)
            entries += _said("What happened", missing.note)
    for check in CheckRecord.objects.filter(child=person).order_by("done_on", "pk"):
        entries.append(
            Entry(
                f"{check.get_kind_display()}, {_on(check.done_on)}"
                + (f": {check.school}" if check.school else "")
                + (f": score {check.sdq_score}" if check.sdq_score is not None else "")
            )
        )
        entries += _said("Notes", check.note)
    return [Section("Looked after", entries)] if entries else []
